#include "server/request_policy.h"

#include <gtest/gtest.h>

namespace agencykpi {
namespace {

int StatusOf(const RequestHeader& header, const std::vector<std::string>& allowed) {
  const auto refusal = CheckRequestPolicy(header, allowed);
  return refusal ? refusal->status : 0;
}

RequestHeader Post(std::string_view host) {
  RequestHeader header;
  header.method = "POST";
  header.has_host = true;
  header.host = host;
  header.requested_with = kRequestedWithValue;
  return header;
}

TEST(RequestPolicyTest, AllowedHostNamesAddTheBoundAddressUnlessAWildcard) {
  EXPECT_EQ(AllowedHostNames("0.0.0.0", {}), (std::vector<std::string>{"127.0.0.1", "localhost", "[::1]"}));
  EXPECT_EQ(AllowedHostNames("::", {}).size(), 3U);
  EXPECT_EQ(AllowedHostNames("192.168.1.20", {"Agency.LAN"}),
            (std::vector<std::string>{"127.0.0.1", "localhost", "[::1]", "192.168.1.20", "agency.lan"}));
  EXPECT_EQ(AllowedHostNames("fe80::1", {}).back(), "[fe80::1]");
}

TEST(RequestPolicyTest, HostNameOfDropsThePort) {
  EXPECT_EQ(HostNameOf("LocalHost:8080"), "localhost");
  EXPECT_EQ(HostNameOf("[::1]:80"), "[::1]");
  EXPECT_EQ(HostNameOf("127.0.0.1"), "127.0.0.1");
}

TEST(RequestPolicyTest, SameOriginPostPassesAndForeignOnesAreRefused) {
  const auto allowed = AllowedHostNames("127.0.0.1", {});
  RequestHeader header = Post("127.0.0.1:8080");
  EXPECT_EQ(StatusOf(header, allowed), 0);
  header.has_origin = true;
  header.origin = "http://127.0.0.1:8080";
  EXPECT_EQ(StatusOf(header, allowed), 0);
  header.origin = "http://127.0.0.1:8081";
  EXPECT_EQ(StatusOf(header, allowed), 403);
  header.origin = "http://evil.example:8080";
  EXPECT_EQ(StatusOf(header, allowed), 403);

  RequestHeader default_port = Post("localhost");
  default_port.has_origin = true;
  default_port.origin = "http://localhost:80";
  EXPECT_EQ(StatusOf(default_port, allowed), 0);

  RequestHeader fetch = Post("localhost:8080");
  fetch.sec_fetch_site = "none";
  EXPECT_EQ(StatusOf(fetch, allowed), 0);
  fetch.sec_fetch_site = "cross-site";
  EXPECT_EQ(StatusOf(fetch, allowed), 403);
}

TEST(RequestPolicyTest, GetNeedsOnlyAKnownHost) {
  const auto allowed = AllowedHostNames("127.0.0.1", {});
  RequestHeader get;
  get.method = "GET";
  get.has_host = true;
  get.host = "localhost:1";
  get.has_origin = true;
  get.origin = "http://elsewhere.example";  // a link followed from another site
  EXPECT_EQ(StatusOf(get, allowed), 0);
  get.host = "elsewhere.example";
  EXPECT_EQ(StatusOf(get, allowed), 421);
  get.has_host = false;
  EXPECT_EQ(StatusOf(get, allowed), 400);
  get.version = 10;
  EXPECT_EQ(StatusOf(get, allowed), 0);
}

}  // namespace
}  // namespace agencykpi
