/// @file
/// Parameters declared once: each component made by name (clusterers, representations, similarities)
/// declares its parameters as records — name, kind, range, default, one-line description — and that one
/// declaration checks the values given (unknown names refused with the list of known ones, kinds and ranges
/// checked), fills in the defaults, and is what the Python bindings, `servicedesign cluster --help` and the
/// docs show. The idea is HiGHS's option records.
///
/// **Example**
/// @code
/// const servicedesign::Parameters declared = {
///     {.name = "k", .whole = true, .lower = 1, .description = "number of themes"},
///     {.name = "tolerance", .lower = 0, .upper = 1, .default_value = 0.01, .description = "stop below this change"}};
/// const auto values = servicedesign::check_parameters(declared, {{"k", 4}}, "my-method");
/// // values == {{"k", 4}, {"tolerance", 0.01}}; {{"kk", 4}} throws "my-method: unknown parameter 'kk'; known: k, tolerance"
/// @endcode
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign {

/// One declared parameter: a number, whole or real, within a range.
struct Parameter {
  std::string name;                                          ///< As given by callers ("resolution").
  bool whole = false;                                        ///< A whole number (stored as a double).
  double lower = -std::numeric_limits<double>::infinity();  ///< Smallest value allowed.
  double upper = std::numeric_limits<double>::infinity();   ///< Largest value allowed.
  std::optional<double> default_value{};                     ///< Used when not given; empty: optional, absent.
  std::string description{};                                 ///< One line, for help texts and docs.
  bool lower_open = false;                                   ///< `lower` itself is not allowed.
  bool upper_open = false;                                   ///< `upper` itself is not allowed.
  bool may_be_none = false;                                  ///< May also be absent, though it has a default.

  /// Whether `value` is allowed: of the right kind (whole when `whole`), not NaN, within the range.
  [[nodiscard]] bool admits(double value) const;
  /// The allowed values in words: "a whole number >= 1", "a number in (0, 1]".
  [[nodiscard]] std::string allowed() const;
  /// The default in words ("1", "0.9", "none").
  [[nodiscard]] std::string default_text() const;
};

/// The parameters of one component, in the order they are documented.
using Parameters = std::vector<Parameter>;

/// Checks `values` against `declared` and returns them with the defaults of parameters not given.
/// @throws InvalidInput "<who>: unknown parameter 'x'; known: a, b" for an undeclared name, and
///         "<who>: x must be <allowed> (got v)" for a value of the wrong kind or out of range.
[[nodiscard]] std::map<std::string, double> check_parameters(const Parameters& declared,
                                                             const std::map<std::string, double>& values,
                                                             std::string_view who);

/// The declaration of `name` in `declared`, or null.
[[nodiscard]] const Parameter* find_parameter(const Parameters& declared, std::string_view name) noexcept;

/// A Markdown table of the parameters (name, allowed values, default, description), as the docs show them.
[[nodiscard]] std::string parameters_table(const Parameters& declared);

}  // namespace servicedesign
