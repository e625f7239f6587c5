// Names out of free text: every full name and every part of a name, as whole words (also in the Nordic
// genitive). Shared by the public edition (names become pseudonyms) and erasure (names become the tombstone).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text_utils.hpp"

namespace servicedesign::process::detail {

// The character starting at byte `i` of UTF-8 text; a space for a malformed sequence (a word boundary).
inline char32_t code_point_at(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return lead;
  const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return U' ';
  char32_t cp = lead & (0x7FU >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
  return cp;
}

// True for a character that belongs to a word: an ASCII letter or digit, or a non-ASCII letter. The common
// non-ASCII punctuation and symbols (« » ” ’ – — … and the like) separate words, as ASCII punctuation does.
inline bool is_word_char(char32_t cp) {
  if (cp < 0x80) return detail::is_word_byte(static_cast<char>(cp));
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation and symbols, × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // general punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFF0F) return false;           // compatibility and full-width punctuation
  return cp < 0x1F000;                                       // emoji and other pictographs separate words
}

// True when a word ends at byte `end`: the text ends, a non-word character follows, or a Nordic genitive
// "s" follows and then the word ends ("Annas förslag" names Anna).
inline bool word_ends_at(std::string_view s, std::size_t end) {
  if (end >= s.size() || !is_word_char(code_point_at(s, end))) return true;
  return (s[end] == 's' || s[end] == 'S') && (end + 1 >= s.size() || !is_word_char(code_point_at(s, end + 1)));
}

// True when a word starts at byte `pos`: the text starts there or the character before is not a word character.
inline bool word_starts_at(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
  return !is_word_char(code_point_at(s, start));
}

// Replaces names in free text. Every full name and every part of a name (first or last name, three
// letters or more) is replaced where it stands as a whole word (also in the genitive, "Annas"),
// longest first, so "Anna Berg", "Anna" and "Berg" all disappear.
class NameScrubber {
 public:
  void add(const std::string& name, const std::string& replacement) {
    add(name, replacement, [](const std::string&) { return true; });
  }

  // As add(), with only the parts `part_allowed` accepts: erasure leaves a first or last name that someone
  // else in the project also bears (the full name always goes).
  template <class Allowed>
  void add(const std::string& name, const std::string& replacement, Allowed part_allowed) {
    const std::string full = detail::trim(name);
    if (full.empty()) return;
    add_term(full, replacement);
    for (const auto& part : detail::words(full)) {
      if (part.size() >= 3 && part_allowed(part)) add_term(part, replacement);
    }
  }

  // One term, replaced where it stands as a whole word.
  void add_term(const std::string& term, const std::string& replacement) {
    if (term.empty()) return;
    if (std::none_of(terms_.begin(), terms_.end(), [&](const auto& t) { return detail::ascii_lower(t.first) == detail::ascii_lower(term); })) {
      terms_.emplace_back(term, replacement);
      std::stable_sort(terms_.begin(), terms_.end(),
                       [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    }
  }

  [[nodiscard]] std::string scrub(const std::string& text) const {
    std::string out = text;
    for (const auto& [term, replacement] : terms_) {
      const std::string lowered_term = detail::ascii_lower(term);
      std::size_t pos = 0;
      while (true) {
        const std::string lowered = detail::ascii_lower(out);
        pos = lowered.find(lowered_term, pos);
        if (pos == std::string::npos) break;
        const std::size_t end = pos + term.size();
        if (word_starts_at(out, pos) && word_ends_at(out, end)) {
          out.replace(pos, term.size(), replacement);
          pos += replacement.size();
        } else {
          pos = end;
        }
      }
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> terms_;
};

}  // namespace servicedesign::process::detail
