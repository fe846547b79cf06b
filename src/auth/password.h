// Account passwords: Argon2id hashes (libsodium's crypto_pwhash_str, the
// `$argon2id$…` string form) at libsodium's INTERACTIVE limits or above. A
// hash made with lower limits still verifies and is replaced at the next
// successful login (NeedsRehash). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi::auth {

inline constexpr size_t kMinPasswordLength = 10;    // bytes
inline constexpr size_t kMaxPasswordLength = 1024;  // bytes: longer is refused, not hashed

// InvalidInput naming the rule a new password breaks.
Status CheckPasswordRules(std::string_view password);

// The stored form of `password` (InvalidInput when it breaks the rules;
// Internal when the memory for hashing cannot be had).
Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `hash`; false for a malformed hash. Takes the
// hashing time whatever the outcome.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Whether `hash` was made with weaker limits than HashPassword uses now.
bool NeedsRehash(std::string_view hash);

// A hash of a random secret, for verifying a login of an unknown account in
// the time a known one takes.
const std::string& DecoyHash();

}  // namespace agencykpi::auth
