// compiler/diag: the error type of the compiler's own operations (writing a file, reading a
// bundle back). Problems with inputs are Diagnostics instead; a failed Status becomes one
// diagnostic (`write-failed`) or one CLI error line. No exceptions: the value says it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace sheaf {

/// Why an operation failed. Values are not stored or printed; message() is what users see.
enum class StatusCode : uint8_t {
  ok = 0,
  io_error,  ///< the system refused (create, write, sync, rename, map); the message has its reason
  corrupt,   ///< bytes do not read back as they were meant (a written bundle, a kept source)
};

/// Success, or a code and a message for the user. A default Status is success.
/// The message names the file and the reason, ready to print after "sheaf: error: ".
class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status io_error(std::string message) { return {StatusCode::io_error, std::move(message)}; }

  static Status corrupt(std::string message) { return {StatusCode::corrupt, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::ok; }

  StatusCode code() const { return code_; }

  /// "" when ok().
  const std::string& message() const { return message_; }

  /// The same failure with `before` and `after` around its message (success stays success):
  /// how a caller adds the context it knows, e.g. the file a check was run on.
  Status wrapped(const std::string& before, const std::string& after = "") const {
    return ok() ? Status() : Status(code_, before + message_ + after);
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::ok;
  std::string message_;
};

}  // namespace sheaf
