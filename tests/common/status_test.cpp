#include "common/status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace agencykpi {
namespace {

// Every code but kOk, in the enum's order.
constexpr ErrorCode kErrorCodes[] = {
    ErrorCode::kInvalidInput,  ErrorCode::kBadParameter,   ErrorCode::kBadUpload,
    ErrorCode::kInvalidData,   ErrorCode::kNotFound,       ErrorCode::kMethodNotAllowed,
    ErrorCode::kUnsupportedMediaType, ErrorCode::kTooLarge, ErrorCode::kHeaderTooLarge,
    ErrorCode::kTooSlow,       ErrorCode::kForbidden,      ErrorCode::kUnauthorized,
    ErrorCode::kTooManyRequests, ErrorCode::kMisdirected,
    ErrorCode::kIo,            ErrorCode::kCancelled,      ErrorCode::kBusy,
    ErrorCode::kUnavailable,   ErrorCode::kInternal,
};
constexpr int kErrorCodeCount = 19;
static_assert(sizeof(kErrorCodes) / sizeof(kErrorCodes[0]) == kErrorCodeCount);
static_assert(static_cast<int>(ErrorCode::kInternal) == kErrorCodeCount, "a new code must be listed here");

TEST(StatusTest, EveryApiErrorHasItsOwnJsonName) {
  std::set<std::string> names;
  for (const ErrorCode code : kErrorCodes) {
    if (code != ErrorCode::kIo) names.insert(std::string(ErrorCodeName(code)));
  }
  // kIo shows as "internal": the store's failures never show their internals.
  EXPECT_EQ(names.size(), static_cast<size_t>(kErrorCodeCount - 1));
  EXPECT_EQ(ErrorCodeName(ErrorCode::kIo), ErrorCodeName(ErrorCode::kInternal));
}

TEST(StatusTest, JsonNamesAreTheDocumentedOnes) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidInput), "bad_request");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kBadParameter), "bad_parameter");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kBadUpload), "bad_upload");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidData), "invalid_data");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kMethodNotAllowed), "method_not_allowed");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnsupportedMediaType), "unsupported_media_type");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kTooLarge), "too_large");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kHeaderTooLarge), "header_too_large");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kTooSlow), "too_slow");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kForbidden), "forbidden");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnauthorized), "unauthorized");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kTooManyRequests), "too_many_requests");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kMisdirected), "misdirected_request");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kCancelled), "cancelled");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kBusy), "busy");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnavailable), "unavailable");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInternal), "internal");
}

TEST(StatusTest, ExitCodesAreZeroTwoOrOne) {
  EXPECT_EQ(ExitCodeFor(ErrorCode::kOk), 0);
  int refused = 0;
  int failed = 0;
  for (const ErrorCode code : kErrorCodes) {
    const int exit_code = ExitCodeFor(code);
    refused += exit_code == 2 ? 1 : 0;
    failed += exit_code == 1 ? 1 : 0;
  }
  EXPECT_EQ(refused, 14);  // the user's input was refused (or the user was: 401, 429)
  EXPECT_EQ(failed, 5);    // kIo, kCancelled, kBusy, kUnavailable, kInternal
  EXPECT_EQ(ExitCodeFor(ErrorCode::kInvalidInput), 2);
  EXPECT_EQ(ExitCodeFor(ErrorCode::kInternal), 1);
}

TEST(StatusTest, DetailsDefaultToAnEmptyObject) {
  EXPECT_EQ(Status::InvalidInput("bad").details_json(), "{}");
  EXPECT_EQ(Status::Ok().details_json(), "{}");
  const Status status = Status::Error(ErrorCode::kBadParameter, "limit too big", R"({"parameter":"limit"})");
  EXPECT_EQ(status.code(), ErrorCode::kBadParameter);
  EXPECT_EQ(status.message(), "limit too big");
  EXPECT_EQ(status.details_json(), R"({"parameter":"limit"})");
}

TEST(StatusTest, ResultCarriesTheStatusWithItsDetails) {
  const Result<int> result = Status::Error(ErrorCode::kInvalidData, "3 errors", R"({"error_count":3})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidData);
  EXPECT_EQ(result.status().details_json(), R"({"error_count":3})");
}

}  // namespace
}  // namespace agencykpi
