/// @file
/// The exception hierarchy of servicedesign.
///
/// Every error the library raises derives from servicedesign::Error, so one `catch` covers them all,
/// and each kind of failure has its own class so that callers can react to it. The Python bindings
/// translate each class to an exception rooted at `servicedesign.Error` with the matching builtin
/// base (`InvalidInputError` is also a `ValueError`, `IoError` an `OSError`, and so on).
///
/// **Example**
/// @code
/// try {
///   auto project = servicedesign::process::load_project("storvik.sdproj");
/// } catch (const servicedesign::FormatError& e) {
///   std::cerr << "corrupted archive: " << e.what() << '\n';
/// } catch (const servicedesign::Error& e) {
///   std::cerr << e.what() << '\n';
/// }
/// @endcode
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace servicedesign {

/// Where in a file or a record a problem was found. Empty parts are left out of messages.
struct Location {
  std::string file;       ///< File or source name, e.g. `"people.csv"`.
  std::size_t line = 0;   ///< 1-based line number; 0 when not applicable.
  std::string field;      ///< Column or field name, e.g. `"min"`.

  /// Renders as `file:line: field 'name'`, leaving out what is empty; a field name longer than 60 characters
  /// is cut to its first 60, followed by "…".
  [[nodiscard]] std::string to_string() const;
};

/// Root of all servicedesign errors.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An argument or a record is invalid: wrong value, missing field, unknown reference.
/// The message names the file, line and field when there is one.
class InvalidInput : public Error {
 public:
  /// An error without a location.
  explicit InvalidInput(const std::string& message) : Error(message) {}
  /// An error at `where`; the message is prefixed with the location.
  InvalidInput(Location where, const std::string& message);
  /// The location given at construction (empty when there was none).
  [[nodiscard]] const Location& where() const noexcept { return where_; }

 private:
  Location where_;
};

/// An id that does not exist in the collection it was looked up in.
class NotFound : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

/// The requested operation is not allowed in the object's current state, e.g. a forbidden step move
/// or leaving a step whose gate is not met. Nothing was changed.
class StateError : public Error {
 public:
  using Error::Error;
};

/// Constraints that no solution can satisfy, e.g. quotas that no panel meets.
class Infeasible : public Error {
 public:
  using Error::Error;
};

/// A file could not be read or written. The message names the path and the system's reason.
class IoError : public Error {
 public:
  using Error::Error;
};

/// A file or archive is malformed, truncated or corrupted.
class FormatError : public Error {
 public:
  using Error::Error;
};

/// An archive was written by a newer, incompatible format version or holds another type of object.
class VersionError : public FormatError {
 public:
  using FormatError::FormatError;
};

/// Long work was cancelled by its progress callback (or by Ctrl-C in Python).
class Interrupted : public Error {
 public:
  using Error::Error;
};

}  // namespace servicedesign
