#include <gtest/gtest.h>

#include <set>

#include "auth/account.h"
#include "auth/login_throttle.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "auth/token.h"

namespace agencykpi::auth {
namespace {

TEST(PasswordTest, HashesAreArgon2idAndVerifyOnlyTheirPassword) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery"));
  EXPECT_FALSE(NeedsRehash(*hash));
  auto again = HashPassword("correct horse battery");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);  // salted
}

TEST(PasswordTest, AHashOfWeakerLimitsIsToBeRehashed) {
  // Argon2id at 1 pass and 8 MiB: below the INTERACTIVE limits.
  const std::string weak = "$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
                           "Y2FmZWNhZmVjYWZlY2FmZWNhZmVjYWZlY2FmZWNhZmU";
  EXPECT_TRUE(NeedsRehash(weak));
}

TEST(PasswordTest, RulesRefuseShortAndHugePasswords) {
  EXPECT_EQ(CheckPasswordRules(std::string(kMinPasswordLength - 1, 'a')).code(), ErrorCode::kInvalidInput);
  EXPECT_TRUE(CheckPasswordRules(std::string(kMinPasswordLength, 'a')).ok());
  EXPECT_EQ(HashPassword(std::string(kMaxPasswordLength + 1, 'a')).status().code(), ErrorCode::kInvalidInput);
  EXPECT_FALSE(VerifyPassword(DecoyHash(), "anything at all"));
  EXPECT_TRUE(DecoyHash().starts_with("$argon2id$"));
}

TEST(TokenTest, TokensAre256RandomBitsInHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewToken();
    ASSERT_EQ(token.size(), 2 * kTokenBytes);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(TokenHash("abc"), TokenHash("abc"));
  EXPECT_NE(TokenHash("abc"), TokenHash("abd"));
  EXPECT_EQ(TokenHash("abc").size(), 64u);
  EXPECT_TRUE(ConstantTimeEquals("same", "same"));
  EXPECT_FALSE(ConstantTimeEquals("same", "sane"));
  EXPECT_FALSE(ConstantTimeEquals("same", "same!"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
}

TEST(EmailTest, EmailsAreTrimmedLowerCaseAndShaped) {
  EXPECT_EQ(*NormalizedEmail("  Anne.Martin@Agence.FR "), "anne.martin@agence.fr");
  for (const char* bad : {"", "anne", "@agence.fr", "anne@", "a@b@c", "an ne@agence.fr"}) {
    EXPECT_FALSE(NormalizedEmail(bad).ok()) << bad;
  }
  EXPECT_FALSE(NormalizedEmail(std::string(kMaxEmailLength, 'a') + "@x.fr").ok());
}

TEST(RoleTest, RolesHaveTheirNames) {
  for (const Role role : {Role::kAdmin, Role::kManager, Role::kViewer, Role::kBrand}) {
    EXPECT_EQ(RoleNamed(RoleName(role)), role);
  }
  EXPECT_EQ(RoleNamed("ADMIN"), Role::kAdmin);
  EXPECT_FALSE(RoleNamed("root").has_value());
}

TEST(RoutePolicyTest, EveryRouteIsFoundByItsOwnPatternAndMethod) {
  size_t found = 0;
  for (const RoutePolicy& policy : RoutePolicies()) {
    std::string path(policy.path);
    if (const size_t star = path.find('*'); star != std::string::npos) path.replace(star, 1, "X%2F1");
    const RoutePolicy* match = FindRoutePolicy(policy.method, path);
    ASSERT_NE(match, nullptr) << policy.method << " " << path;
    EXPECT_EQ(match, &policy) << policy.method << " " << path;
    ++found;
  }
  EXPECT_EQ(found, RoutePolicies().size());
  EXPECT_EQ(FindRoutePolicy("GET", "clients/"), nullptr);  // no id
  EXPECT_EQ(FindRoutePolicy("POST", "clients/C1/review"), nullptr);
  EXPECT_EQ(MethodsOf("clients/C1/review"), "GET");
  EXPECT_EQ(MethodsOf("import"), "POST, DELETE");
  EXPECT_EQ(MethodsOf("nothing"), "");
}

TEST(ClientScopeTest, ABrandScopeSeesOnlyItsClients) {
  EXPECT_TRUE(ClientScope::All().Sees("C9"));
  const ClientScope scope = ClientScope::Only({"C1", "C2"});
  EXPECT_TRUE(scope.Sees("C1"));
  EXPECT_FALSE(scope.Sees("C3"));
  EXPECT_FALSE(scope.Sees("c1"));  // ids are exact
  Principal brand;
  brand.account.role = Role::kBrand;
  brand.account.clients = {"C1"};
  EXPECT_FALSE(brand.scope().Sees("C2"));
  EXPECT_TRUE(Principal::Local().scope().all());
}

TEST(LoginThrottleTest, FailuresPastTheLimitWaitForTheWindow) {
  LoginThrottle throttle;
  constexpr int64_t kStart = 1000;
  for (int i = 0; i < kMaxFailuresPerAccount; ++i) {
    EXPECT_FALSE(throttle.RetryAfter("a@x.fr", "10.0.0.1", kStart + i).has_value()) << i;
    throttle.RecordFailure("a@x.fr", "10.0.0.1", kStart + i);
  }
  EXPECT_EQ(throttle.RetryAfter("a@x.fr", "10.0.0.9", kStart + 10), kThrottleWindowSeconds - 10);
  EXPECT_FALSE(throttle.RetryAfter("b@x.fr", "10.0.0.9", kStart + 10).has_value());  // another account
  EXPECT_FALSE(throttle.RetryAfter("a@x.fr", "10.0.0.1", kStart + kThrottleWindowSeconds + 1).has_value());
  throttle.RecordSuccess("a@x.fr");
  EXPECT_FALSE(throttle.RetryAfter("a@x.fr", "10.0.0.2", kStart + 20).has_value());
}

TEST(LoginThrottleTest, OneAddressTryingManyAccountsIsThrottledToo) {
  LoginThrottle throttle;
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    throttle.RecordFailure("user" + std::to_string(i) + "@x.fr", "10.0.0.7", 5);
  }
  EXPECT_TRUE(throttle.RetryAfter("fresh@x.fr", "10.0.0.7", 6).has_value());
  EXPECT_FALSE(throttle.RetryAfter("fresh@x.fr", "10.0.0.8", 6).has_value());
}

TEST(LoginThrottleTest, TheTableIsBounded) {
  LoginThrottle throttle;
  for (size_t i = 0; i < kMaxThrottleKeys + 10; ++i) {
    throttle.RecordFailure("u" + std::to_string(i) + "@x.fr", "10.1.0.1", 7);
  }
  // The first accounts' failures were evicted; the last ones are counted.
  for (int i = 0; i < kMaxFailuresPerAccount - 1; ++i) throttle.RecordFailure("last@x.fr", "10.2.0.1", 7);
  throttle.RecordFailure("last@x.fr", "10.2.0.1", 7);
  EXPECT_TRUE(throttle.RetryAfter("last@x.fr", "10.3.0.1", 8).has_value());
}

}  // namespace
}  // namespace agencykpi::auth
