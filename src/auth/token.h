// Random secrets: session tokens and CSRF tokens of 256 bits as 64 lower-case
// hex digits, and the hash under which a session token is stored (so a copy
// of the store gives no usable session). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace agencykpi::auth {

inline constexpr size_t kTokenBytes = 32;

// Initialises libsodium once (aborts when it cannot: no randomness, no security).
void EnsureSodium();

// 32 bytes from the system's random source, hex.
std::string NewToken();

// BLAKE2b-256 of `token`, hex: what the store keeps of a session token.
std::string TokenHash(std::string_view token);

// a == b in a time that does not depend on where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace agencykpi::auth
