#include "common/status.h"

namespace agencykpi {

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 0;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kTooLarge:
      return 2;
    case ErrorCode::kIo:
    case ErrorCode::kCancelled:
    case ErrorCode::kBusy:
    case ErrorCode::kInternal:
      return 1;
  }
  return 1;
}

}  // namespace agencykpi
