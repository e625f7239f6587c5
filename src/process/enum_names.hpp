// Internal: the key of each value of a process enum, both ways (to_string and from_string use these).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "servicedesign/core/error.hpp"
#include "text_utils.hpp"

namespace servicedesign::process::detail {

template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::string_view name_of(const NameTable<Enum, N>& table, Enum value) noexcept {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

// The value with key `key` (case and surrounding spaces ignored). @throws InvalidInput listing the keys.
template <class Enum, std::size_t N>
Enum parse(const NameTable<Enum, N>& table, std::string_view key, std::string_view what) {
  const std::string wanted = ascii_lower(trim(key));
  for (const auto& [v, name] : table) {
    if (name == wanted) return v;
  }
  std::string accepted;
  for (const auto& entry : table) accepted += (accepted.empty() ? "" : ", ") + std::string(entry.second);
  throw InvalidInput("unknown " + std::string(what) + " '" + excerpt(key) + "'; accepted: " + accepted);
}

}  // namespace servicedesign::process::detail
