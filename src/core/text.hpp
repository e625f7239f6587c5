// Internal text helpers shared by every part: trimming, case folding, words in UTF-8 text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::detail {

inline std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// `text` as an error message may quote it: the first `limit` characters (UTF-8 code points), then "…" when
// there was more, so that a huge field or line of a file is never echoed whole.
inline std::string excerpt(std::string_view text, std::size_t limit = 60) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U;
    if (starts_character && characters++ == limit) return std::string(text.substr(0, i)) + "\u2026";
  }
  return std::string(text);
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Case-insensitive key of a value: trimmed, with ASCII letters and the Latin-1 capitals of UTF-8
// (Å Ä Ö Æ Ø É …) folded to lower case, so "Östra" matches "östra".
inline std::string fold(std::string_view s) {
  std::string out = trim(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

}  // namespace servicedesign::detail
