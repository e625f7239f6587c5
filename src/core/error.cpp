#include "servicedesign/core/error.hpp"

#include "text.hpp"

namespace servicedesign {

std::string Location::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += (out.empty() ? "line " : ":") + std::to_string(line);
  }
  if (!field.empty()) {
    // A field name may come from a file's header line: never quote more than its start.
    out += (out.empty() ? "field '" : ": field '") + detail::excerpt(field) + "'";
  }
  return out;
}

namespace {
std::string with_location(const Location& where, const std::string& message) {
  const std::string prefix = where.to_string();
  return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

InvalidInput::InvalidInput(Location where, const std::string& message)
    : Error(with_location(where, message)), where_(std::move(where)) {}

}  // namespace servicedesign
