/// @file
/// The Nordic text pipeline: normalisation, tokens, Snowball stems, stop words, language detection and
/// filler answers, for notes in Swedish, Norwegian (Bokmål and Nynorsk), Danish and English.
///
/// Letters å ä ö æ ø are kept (never stripped to "frn" for "från"); decomposed letters (a + combining
/// ring) are composed; text is case-folded. Stems come from Debian's libstemmer (Snowball), stop words
/// from the Snowball lists in Debian's liblingua-stopwords-perl. Every term keeps its most frequent
/// surface form, so labels show real words ("väntetiderna", not "väntetid").
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// TextPipeline pipeline;                          // language detected per note
/// const ProcessedText note = pipeline.process("Väntetiderna på kundtjänst är för långa");
/// // note.language == Language::swedish; note.terms == {"väntetid", "kundtjänst", "lång"}
/// std::cout << pipeline.surface_form("väntetid") << '\n';   // "väntetiderna"
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::insights {

/// Languages of the pipeline. Norwegian covers Bokmål (nb) and Nynorsk (nn): one Snowball stemmer.
enum class Language : std::uint8_t { unknown, swedish, norwegian, danish, english };

/// ISO 639-1 code of a language: "sv", "no", "da", "en" ("" for unknown).
[[nodiscard]] std::string_view to_code(Language language) noexcept;
/// Parses "sv", "no", "nb", "nn", "da", "en" (case-insensitive; "" is unknown).
/// @throws InvalidInput for any other code, listing the accepted ones.
[[nodiscard]] Language language_from_code(std::string_view code);

/// Composes the Nordic letters written with combining marks (å ä ö ü é), folds case (ASCII and
/// Latin-1 letters such as Å Ä Ö Æ Ø), turns typographic apostrophes into ', and collapses whitespace.
[[nodiscard]] std::string normalize(std::string_view text);

/// Words of a normalised text: runs of letters and digits (letters include every non-ASCII letter);
/// punctuation, quotes and dashes separate words; an apostrophe inside a word is kept ("don't").
[[nodiscard]] std::vector<std::string> tokenize(std::string_view normalized);

/// The Snowball stop words of a language (empty for unknown), sorted.
[[nodiscard]] const std::vector<std::string_view>& stop_words(Language language);
/// True when `word` (normalised) is a stop word of `language`.
[[nodiscard]] bool is_stop_word(std::string_view word, Language language);

/// Content words of a language that carry no topic of their own and that the Snowball stop-word lists leave
/// out — modal and auxiliary verbs ("måste", "får"), verbs of saying and thinking ("tycker"), "gäller",
/// generic nouns, degree, frequency and generic evaluations ("bra", "lång") — sorted (empty for unknown).
/// They stay in the notes' terms; label_themes() ranks them below a theme's topic words.
[[nodiscard]] const std::vector<std::string_view>& general_words(Language language);

/// True when `word` (normalised, not stemmed) is one of general_words(`language`).
[[nodiscard]] bool is_general_word(std::string_view word, Language language);

/// A Snowball stemmer for one language. Not thread-safe: use one per thread.
class Stemmer {
 public:
  /// @throws InvalidInput for Language::unknown.
  explicit Stemmer(Language language);
  ~Stemmer();  ///< Frees the Snowball stemmer.
  Stemmer(Stemmer&&) noexcept;             ///< Movable.
  Stemmer& operator=(Stemmer&&) noexcept;  ///< Movable.
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  /// Stem of a normalised word, e.g. "väntetiderna" → "väntetid".
  [[nodiscard]] std::string stem(std::string_view word);
  /// The stemmer's language.
  [[nodiscard]] Language language() const noexcept { return language_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Language language_;
};

/// Guesses the language of a short text from stop words and letters (æ ø → Danish/Norwegian,
/// ä ö → Swedish, …); Language::unknown when there is no evidence (e.g. only numbers).
[[nodiscard]] Language detect_language(std::string_view text);

/// True for answers that carry no content: "vet inte", "vet ikke", "ved ikke", "don't know",
/// "ingen kommentar", "no comment", "-", "n/a", "nej"… or a note made of stop words only.
[[nodiscard]] bool is_filler(std::string_view text, Language language = Language::unknown);

/// A note after the pipeline.
struct ProcessedText {
  Language language = Language::unknown;  ///< Given or detected.
  std::vector<std::string> terms;         ///< Stems of the content words, in order.
  bool filler = false;                    ///< A filler answer (see is_filler()).
};

/// Options of the pipeline.
struct TextPipelineOptions {
  Language language = Language::unknown;  ///< Fixed language; unknown: detect per note.
  Language fallback = Language::swedish;  ///< Used when detection finds no evidence.
  bool stem = true;                       ///< Apply the Snowball stemmer.
  bool remove_stop_words = true;          ///< Drop stop words of the note's language.
  std::size_t min_length = 2;             ///< Drop shorter tokens (in bytes).
};

/// Turns notes into terms and remembers each term's most frequent surface form.
class TextPipeline {
 public:
  /// A pipeline with these options.
  explicit TextPipeline(TextPipelineOptions options = {});
  /// Processes one note; `language` overrides the options' language when not unknown.
  ProcessedText process(std::string_view text, Language language = Language::unknown);
  /// The most frequent word seen for `term` (ties: the shorter, then alphabetical); `term` itself if unseen.
  [[nodiscard]] std::string surface_form(std::string_view term) const;
  /// The options in use.
  [[nodiscard]] const TextPipelineOptions& options() const noexcept { return options_; }

 private:
  Stemmer& stemmer(Language language);
  TextPipelineOptions options_;
  std::map<Language, Stemmer> stemmers_;
  std::map<std::string, std::map<std::string, std::size_t>, std::less<>> surfaces_;
};

}  // namespace servicedesign::insights
