// The accounts, sessions and audit log of a SQLite store (schema version 5,
// store/migrations.cpp), in the same file as the agency's data: an import
// replaces the data tables only and never touches them.
//
// Thread safety: one connection behind a mutex; every method may be called
// from any thread.
#pragma once

#include <filesystem>
#include <memory>

#include "auth/account.h"
#include "common/status.h"

namespace agencykpi {

// Opens the accounts of an existing store file (migrating it to the latest
// schema). The file must exist: OpenStore creates it.
Result<std::unique_ptr<auth::AccountStore>> OpenSqliteAccounts(const std::filesystem::path& file);

}  // namespace agencykpi
