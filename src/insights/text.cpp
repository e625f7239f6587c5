#include "servicedesign/insights/text.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <set>

#include "../core/text.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace detail {
// Generated at configure time from Debian's Snowball stop-word lists (cmake/generate_stop_words.pl).
const std::vector<std::string_view>& stop_words_sv();
const std::vector<std::string_view>& stop_words_no();
const std::vector<std::string_view>& stop_words_da();
const std::vector<std::string_view>& stop_words_en();
}  // namespace detail

std::string_view to_code(Language language) noexcept {
  switch (language) {
    case Language::swedish: return "sv";
    case Language::norwegian: return "no";
    case Language::danish: return "da";
    case Language::english: return "en";
    case Language::unknown: break;
  }
  return "";
}

Language language_from_code(std::string_view code) {
  const std::string c = servicedesign::detail::ascii_lower(servicedesign::detail::trim(code));
  if (c.empty()) return Language::unknown;
  if (c == "sv") return Language::swedish;
  if (c == "no" || c == "nb" || c == "nn") return Language::norwegian;
  if (c == "da") return Language::danish;
  if (c == "en") return Language::english;
  throw InvalidInput("unknown language '" + std::string(code) + "'; accepted: sv, no, nb, nn, da, en (or empty to detect)");
}

namespace {

// --- UTF-8 code points ---------------------------------------------------------------------------

// Decodes the code point at `i` and advances `i`; invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 0x2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t fold_case(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals: Å Ä Ö Æ Ø É Ü …
  return cp;
}

// Base letter + combining mark → precomposed letter (the ones Nordic text uses), or 0.
char32_t compose(char32_t base, char32_t mark) {
  struct Pair {
    char32_t base, mark, composed;
  };
  static constexpr std::array<Pair, 16> table{{{'a', 0x30A, 0xE5}, {'A', 0x30A, 0xC5}, {'a', 0x308, 0xE4},
                                               {'A', 0x308, 0xC4}, {'o', 0x308, 0xF6}, {'O', 0x308, 0xD6},
                                               {'u', 0x308, 0xFC}, {'U', 0x308, 0xDC}, {'e', 0x301, 0xE9},
                                               {'E', 0x301, 0xC9}, {'o', 0x338, 0xF8}, {'O', 0x338, 0xD8},
                                               {'e', 0x300, 0xE8}, {'E', 0x300, 0xC8}, {'a', 0x301, 0xE1},
                                               {'o', 0x301, 0xF3}}};
  for (const auto& p : table) {
    if (p.base == base && p.mark == mark) return p.composed;
  }
  return 0;
}

bool is_combining_mark(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}

// Letters and digits; every non-ASCII code point outside the punctuation and symbol blocks counts as a
// letter, so any alphabet works without a Unicode database.
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp >= 0xA0 && cp <= 0xBF) return false;  // Latin-1 punctuation and symbols: « » § ° …
  if (cp == 0xD7 || cp == 0xF7) return false;  // × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // general punctuation, currency, arrows, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  if (cp >= 0x1F000) return false;                 // emoji and pictographs
  if (cp == 0xFFFD) return false;
  return true;
}

}  // namespace

std::string normalize(std::string_view text) {
  std::vector<char32_t> cps;
  cps.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 || cp == 0x0060) cp = '\'';
    if (is_combining_mark(cp)) {
      if (!cps.empty()) {
        if (const char32_t composed = compose(cps.back(), cp)) cps.back() = composed;
      }
      continue;  // other marks are dropped: the base letter carries the word
    }
    cps.push_back(cp);
  }
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char32_t cp : cps) {
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    append_utf8(out, fold_case(cp));
  }
  return out;
}

std::vector<std::string> tokenize(std::string_view normalized) {
  std::vector<std::string> tokens;
  std::string current;
  std::size_t i = 0;
  while (i < normalized.size()) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(normalized, i);
    if (is_word_char(cp)) {
      current.append(normalized.substr(start, i - start));
      continue;
    }
    // An apostrophe between two word characters stays in the word ("don't").
    if (cp == '\'' && !current.empty() && i < normalized.size()) {
      std::size_t j = i;
      if (is_word_char(next_code_point(normalized, j))) {
        current.push_back('\'');
        continue;
      }
    }
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

const std::vector<std::string_view>& stop_words(Language language) {
  static const std::vector<std::string_view> none;
  switch (language) {
    case Language::swedish: return detail::stop_words_sv();
    case Language::norwegian: return detail::stop_words_no();
    case Language::danish: return detail::stop_words_da();
    case Language::english: return detail::stop_words_en();
    case Language::unknown: break;
  }
  return none;
}

bool is_stop_word(std::string_view word, Language language) {
  const auto& words = stop_words(language);
  return std::binary_search(words.begin(), words.end(), word);
}

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

Stemmer::Stemmer(Language language) : impl_(std::make_unique<Impl>()), language_(language) {
  const char* algorithm = language == Language::swedish     ? "swedish"
                          : language == Language::norwegian ? "norwegian"
                          : language == Language::danish    ? "danish"
                          : language == Language::english   ? "english"
                                                            : nullptr;
  if (!algorithm) throw InvalidInput("a stemmer needs a language (sv, no, da or en)");
  impl_->stemmer = sb_stemmer_new(algorithm, "UTF_8");
  if (!impl_->stemmer) throw Error(std::string("libstemmer has no '") + algorithm + "' stemmer");
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::stem(std::string_view word) {
  const auto* out = sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!out) throw Error("libstemmer ran out of memory");
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer)));
}

Language detect_language(std::string_view text) {
  const std::string normalized = normalize(text);
  const auto tokens = tokenize(normalized);
  constexpr std::array<Language, 4> candidates{Language::swedish, Language::norwegian, Language::danish, Language::english};
  std::array<double, 4> score{};
  for (const auto& token : tokens) {
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (is_stop_word(token, candidates[k])) score[k] += 1.0;
    }
    // Letters that only some of the languages write.
    const bool has_ae_oe = token.find("\xC3\xA6") != std::string::npos || token.find("\xC3\xB8") != std::string::npos;  // æ ø
    const bool has_a_o_umlaut = token.find("\xC3\xA4") != std::string::npos || token.find("\xC3\xB6") != std::string::npos;  // ä ö
    const bool has_ring = token.find("\xC3\xA5") != std::string::npos;  // å
    if (has_ae_oe) {
      score[1] += 1.5;
      score[2] += 1.5;
    }
    if (has_a_o_umlaut) score[0] += 1.5;
    if (has_ring) {
      score[0] += 0.5;
      score[1] += 0.5;
      score[2] += 0.5;
    }
    // Spellings that tell Danish from Norwegian (stop words alone barely separate them).
    static const std::set<std::string, std::less<>> danish{
        "af", "hvad", "mig", "dig", "sig", "nogen", "nogle", "efter", "meget", "blev", "blive", "bliver", "havde",
        "ud", "op", "nu", "mellem", "lige", "siger", "give", "giver", "tage", "tager", "gøre", "hvilket", "hvordan",
        "køre", "købe", "mere", "mange", "deres", "jer", "vores", "sammen", "under", "uden", "igennem"};
    static const std::set<std::string, std::less<>> norwegian{
        "av", "hva", "meg", "deg", "seg", "etter", "mye", "ble", "bli", "blir", "hadde", "ut", "opp", "nå", "mellom",
        "sier", "gi", "gir", "ta", "tar", "gjøre", "ikkje", "eg", "ein", "ho", "dei", "kva", "korleis", "frå",
        "berre", "mykje", "veldig", "noen", "uten", "gjennom", "hvordan", "kjøre", "kjøpe", "deira", "våre"};
    if (danish.count(token)) score[2] += 1.0;
    if (norwegian.count(token)) score[1] += 1.0;
    const auto ends_with = [&](std::string_view suffix) {
      return token.size() > suffix.size() && std::string_view(token).substr(token.size() - suffix.size()) == suffix;
    };
    if (token.find("sjon") != std::string::npos) score[1] += 1.0;  // "stasjon" vs "station"
    if (token.rfind("kj", 0) == 0 || token.rfind("gj", 0) == 0 || token.rfind("skj", 0) == 0) score[1] += 0.75;
    if (ends_with("hed") || ends_with("heden") || ends_with("heder")) score[2] += 1.0;  // "-het" in no/sv
    if (ends_with("ede") || ends_with("else") || ends_with("ende")) score[2] += 0.25;
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < candidates.size(); ++k) {
    if (score[k] > score[best]) best = k;
  }
  return score[best] > 0 ? candidates[best] : Language::unknown;
}

bool is_filler(std::string_view text, Language language) {
  static const std::set<std::string, std::less<>> fillers{
      "vet inte", "vet ej", "vet ikke", "veit ikkje", "veit ikke", "ved ikke", "vet ikkje", "don't know", "dont know",
      "do not know", "not sure", "no idea", "ingen aning", "ingen anelse", "ingen kommentar", "ingen kommentarer",
      "ingen kommentarar", "ingen", "inget", "ingenting", "inga", "nothing", "no comment", "no comments", "n/a", "na",
      "nej", "nei", "no", "ja", "yes", "ok", "okay", "pass", "-", "--", "?", "...", "x", "."};
  const std::string normalized = normalize(text);
  std::string stripped = servicedesign::detail::trim(normalized);
  while (!stripped.empty() && (stripped.back() == '.' || stripped.back() == '!' || stripped.back() == ',')) stripped.pop_back();
  if (stripped.empty() || fillers.count(stripped) || fillers.count(normalized)) return true;
  const auto tokens = tokenize(normalized);
  if (tokens.empty()) return true;  // punctuation or symbols only
  const Language lang = language == Language::unknown ? detect_language(text) : language;
  return std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return is_stop_word(t, lang); });
}

TextPipeline::TextPipeline(TextPipelineOptions options) : options_(options) {
  if (options_.fallback == Language::unknown) throw InvalidInput("TextPipelineOptions.fallback must be a language");
}

Stemmer& TextPipeline::stemmer(Language language) {
  auto it = stemmers_.find(language);
  if (it == stemmers_.end()) it = stemmers_.emplace(language, Stemmer(language)).first;
  return it->second;
}

ProcessedText TextPipeline::process(std::string_view text, Language language) {
  ProcessedText out;
  out.language = language != Language::unknown ? language : options_.language;
  if (out.language == Language::unknown) out.language = detect_language(text);
  if (out.language == Language::unknown) out.language = options_.fallback;
  out.filler = is_filler(text, out.language);
  const std::string normalized = normalize(text);
  for (auto& token : tokenize(normalized)) {
    if (token.size() < options_.min_length) continue;
    if (options_.remove_stop_words && is_stop_word(token, out.language)) continue;
    std::string term = options_.stem ? stemmer(out.language).stem(token) : token;
    ++surfaces_[term][token];
    out.terms.push_back(std::move(term));
  }
  return out;
}

std::string TextPipeline::surface_form(std::string_view term) const {
  const auto it = surfaces_.find(term);
  if (it == surfaces_.end()) return std::string(term);
  const std::string* best = nullptr;
  std::size_t best_count = 0;
  for (const auto& [word, count] : it->second) {  // alphabetical order breaks remaining ties
    if (count > best_count || (count == best_count && word.size() < best->size())) {
      best = &word;
      best_count = count;
    }
  }
  return *best;
}

}  // namespace servicedesign::insights
