#include "auth/password.h"

#include <sodium.h>

#include <array>

#include "auth/token.h"

namespace agencykpi::auth {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

}  // namespace

Status CheckPasswordRules(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidInput("a password needs at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidInput("a password may have at most " + std::to_string(kMaxPasswordLength) + " bytes");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  Status rules = CheckPasswordRules(password);
  if (!rules.ok()) return rules;
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return Status::Internal("not enough memory to hash a password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordLength) return false;
  const std::string terminated(hash);  // crypto_pwhash_str_verify reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash) {
  EnsureSodium();
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

const std::string& DecoyHash() {
  static const std::string decoy = [] {
    auto hash = HashPassword(NewToken());
    return hash.ok() ? *hash : std::string();
  }();
  return decoy;
}

}  // namespace agencykpi::auth
