#include "common/status.h"

namespace agencykpi {

int ExitCodeFor(ErrorCode code) {
  constexpr int kExitOk = 0;
  constexpr int kExitFailed = 1;
  constexpr int kExitRefused = 2;
  switch (code) {
    case ErrorCode::kOk:
      return kExitOk;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kBadParameter:
    case ErrorCode::kBadUpload:
    case ErrorCode::kInvalidData:
    case ErrorCode::kNotFound:
    case ErrorCode::kMethodNotAllowed:
    case ErrorCode::kUnsupportedMediaType:
    case ErrorCode::kTooLarge:
    case ErrorCode::kHeaderTooLarge:
    case ErrorCode::kTooSlow:
    case ErrorCode::kForbidden:
    case ErrorCode::kUnauthorized:
    case ErrorCode::kTooManyRequests:
    case ErrorCode::kMisdirected:
      return kExitRefused;
    case ErrorCode::kIo:
    case ErrorCode::kCancelled:
    case ErrorCode::kBusy:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return kExitFailed;
  }
  return kExitFailed;
}

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidInput: return "bad_request";
    case ErrorCode::kBadParameter: return "bad_parameter";
    case ErrorCode::kBadUpload: return "bad_upload";
    case ErrorCode::kInvalidData: return "invalid_data";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kHeaderTooLarge: return "header_too_large";
    case ErrorCode::kTooSlow: return "too_slow";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kMisdirected: return "misdirected_request";
    case ErrorCode::kIo: return "internal";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kBusy: return "busy";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace agencykpi
