// The columns of a user row as both stores' accounts select them, in the
// order their readers take them (store/sqlite_accounts.cpp,
// store/postgres/pg_accounts.cpp): one list, so the two cannot drift.
#pragma once

#include <string_view>

namespace agencykpi {

inline constexpr std::string_view kAccountUserColumns =
    "user_id, email, name, role, password_hash, disabled, created_at, coalesce(last_login_at, '')";

}  // namespace agencykpi
