#pragma once
// Errors are values from a closed set. A domain error carries a stable machine-readable
// `reason` (e.g. "missing_field"), the input `field` it concerns (JSON path, may be empty)
// and named arguments for the message template of that reason in the i18n catalogue.
// HTTP status is derived from `code` in exactly one place (src/api/errors.cc).
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace shaobing {

enum class ErrorCode {
  kInvalidArgument,   // bad input: 400
  kUnauthenticated,   // no or bad credentials: 401
  kPermissionDenied,  // authenticated, not allowed: 403
  kNotFound,          // 404
  kConflict,          // state forbids it (closed series, duplicate): 409
  kTooLarge,          // body or header over the limit: 413 (431 for "header_too_large")
  kUnsupported,       // a request the service does not take in that form (media type): 415
  kExhausted,         // a limit per caller reached (rate, streams, connections): 429
  kUnavailable,       // shutting down, store busy: 503
  kInternal,          // a bug: 500
};

struct ErrorArg {
  std::string name;
  std::string value;
};

// One problem with one input field.
struct FieldError {
  std::string reason;  // stable code, e.g. "missing_field", "invalid_value"
  std::string field;   // JSON path, e.g. "location.region"
  std::vector<ErrorArg> args;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string reason;  // stable code; the i18n key of the message
  std::string field;   // first offending field, if any
  std::vector<ErrorArg> args;
  std::vector<FieldError> details;  // every offending field (validation)
  // Refused because the caller may not see or touch the thing, but answered exactly as if it
  // did not exist (an unknown id); the API audits such refusals as denials.
  bool denied = false;

  static Error Make(ErrorCode code, std::string reason, std::string field = {}, std::vector<ErrorArg> args = {}) {
    return Error{code, std::move(reason), std::move(field), std::move(args), {}};
  }
  // An invalid-argument error listing every field problem; the first is the headline.
  static Error Invalid(std::vector<FieldError> problems) {
    Error e{ErrorCode::kInvalidArgument, "invalid_input", {}, {}, std::move(problems)};
    if (!e.details.empty()) {
      e.reason = e.details.front().reason;
      e.field = e.details.front().field;
      e.args = e.details.front().args;
    }
    return e;
  }
  // `shown` (e.g. unknown_event, kNotFound), marked as a denial.
  static Error Denied(Error shown) {
    shown.denied = true;
    return shown;
  }
  static Error Internal(std::string what) {
    return Make(ErrorCode::kInternal, "internal", {}, {{"detail", std::move(what)}});
  }
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error e) { return std::unexpected<Error>(std::move(e)); }

const char* ErrorCodeName(ErrorCode code);

}  // namespace shaobing
