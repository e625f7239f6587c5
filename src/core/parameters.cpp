#include "servicedesign/core/parameters.hpp"

#include <cmath>
#include <sstream>

#include "servicedesign/core/error.hpp"

namespace servicedesign {

namespace {

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

std::string Parameter::allowed() const {
  std::string what = whole ? "a whole number" : "a number";
  const bool low = std::isfinite(lower), high = std::isfinite(upper);
  if (low && high) {
    return what + " in " + (lower_open ? "(" : "[") + number(lower) + ", " + number(upper) + (upper_open ? ")" : "]");
  }
  if (low) return what + (lower_open ? " > " : " >= ") + number(lower);
  if (high) return what + (upper_open ? " < " : " <= ") + number(upper);
  return what;
}

bool Parameter::admits(double value) const {
  return !std::isnan(value) && (lower_open ? value > lower : value >= lower) &&
         (upper_open ? value < upper : value <= upper) &&
         (!whole || (std::isfinite(value) && value == std::floor(value)));
}

std::string Parameter::default_text() const { return default_value ? number(*default_value) : "none"; }

const Parameter* find_parameter(const Parameters& declared, std::string_view name) noexcept {
  for (const auto& p : declared) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::map<std::string, double> check_parameters(const Parameters& declared, const std::map<std::string, double>& values,
                                               std::string_view who) {
  std::map<std::string, double> out;
  for (const auto& [name, value] : values) {
    const Parameter* p = find_parameter(declared, name);
    if (p == nullptr) {
      std::string known;
      for (const auto& d : declared) known += (known.empty() ? "" : ", ") + d.name;
      throw InvalidInput(std::string(who) + ": unknown parameter '" + name + "'; " +
                         (known.empty() ? std::string("it takes none") : "known: " + known));
    }
    if (!p->admits(value)) {
      throw InvalidInput(std::string(who) + ": " + name + " must be " + p->allowed() + " (got " + number(value) + ")");
    }
    out[name] = value;
  }
  for (const auto& p : declared) {
    if (p.default_value && !out.count(p.name)) out[p.name] = *p.default_value;
  }
  return out;
}

std::string parameters_table(const Parameters& declared) {
  std::string table = "| parameter | allowed | default | what it does |\n|---|---|---|---|\n";
  for (const auto& p : declared) {
    table += "| `" + p.name + "` | " + p.allowed() + " | " + p.default_text() + " | " + p.description + " |\n";
  }
  return table;
}

}  // namespace servicedesign
