// Internal text helpers shared by the process part.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "../core/text.hpp"

namespace servicedesign::process::detail {

using servicedesign::detail::ascii_lower;
using servicedesign::detail::excerpt;
using servicedesign::detail::trim;

// A byte belongs to a word when it is an ASCII letter or digit or part of a multi-byte UTF-8
// character (å, ä, ö, æ, ø, …), so Nordic words are never split.
inline bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace servicedesign::process::detail

#include <chrono>
#include <ctime>

namespace servicedesign::process::detail {

// True for a real calendar date written as YYYY-MM-DD.
inline bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  return ymd.ok();
}

// An ISO date, optionally followed by a time of day: YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH:MM]].
inline bool is_iso_date_time(std::string_view s) {
  if (s.size() == 10) return is_iso_date(s);
  if (s.size() < 16 || s[10] != 'T' || !is_iso_date(s.substr(0, 10))) return false;
  const auto two_digits = [&](std::size_t pos, int max) {
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return false;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0') <= max;
  };
  if (!two_digits(11, 23) || s[13] != ':' || !two_digits(14, 59)) return false;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!two_digits(pos + 1, 60)) return false;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const std::size_t digits = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == digits) return false;
    }
  }
  if (pos == s.size()) return true;
  if (s[pos] == 'Z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  return s.size() == pos + 6 && two_digits(pos + 1, 23) && s[pos + 3] == ':' && two_digits(pos + 4, 59);
}

inline std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace servicedesign::process::detail
