/// @file
/// Labels of themes: keywords by class-based TF-IDF shown as real words, and the notes that represent
/// each theme best.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const std::vector<ThemeLabel> labels = label_themes(docs, themes, &x, &pipeline);
/// // labels[0].keywords == {"bussen", "hållplatsen", …}; labels[0].representatives: note indices
/// @endcode
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// How many keywords and notes describe a theme.
struct LabelOptions {
  std::size_t keywords = 5;         ///< Keywords per theme.
  std::size_t representatives = 3; ///< Representative notes per theme.
  /// Keyword diversity by maximal marginal relevance, in [0, 1]: each next keyword maximises
  /// (1 − diversity) · its c-TF-IDF (relative to the best) − diversity · its highest co-occurrence with a
  /// keyword already chosen (cosine of the sets of the theme's notes holding each). 0 ranks by c-TF-IDF alone;
  /// higher values pass over words that only ever appear together with a chosen one.
  double diversity = 0.3;
};

/// A theme's description.
struct ThemeLabel {
  std::size_t size = 0;                     ///< Notes in the theme.
  std::vector<std::string> keywords;        ///< Best first; surface forms when a pipeline is given.
  std::vector<double> scores;               ///< c-TF-IDF score of each keyword.
  std::vector<std::size_t> representatives; ///< Notes closest to the theme's centroid, best first.
};

/// Labels each theme of `clustering` (themes 0 … themes−1; notes labelled −1 belong to none). Keywords rank terms by class-based TF-IDF:
/// the term's share of the theme's words times ln(1 + A / f), A the average number of words per theme and
/// f the term's count in all notes, so words common everywhere sink. With `pipeline`, stems are shown as
/// their most frequent word ("väntetiderna", never "väntetid"), and stems sharing a word are listed once.
/// With `vectors` (unit rows), representatives are the notes with the highest cosine to the theme's mean;
/// without, the theme's first notes. Ties break by term, then by note index. Throws InvalidInput when
/// sizes disagree.
///
/// A term that is one of general_words() (as written or as stemmed) in the language of a theme's note holding
/// it scores a tenth: "måste", "gäller", "bra" then come after the theme's topic words and fill its keywords
/// only when nothing better is there. `languages` gives each note's language; without it, the pipeline's
/// fixed language, or else every language's general words, count.
[[nodiscard]] std::vector<ThemeLabel> label_themes(const std::vector<std::vector<std::string>>& terms,
                                                   const Clustering& clustering, const SparseMatrix* vectors = nullptr,
                                                   const TextPipeline* pipeline = nullptr, const LabelOptions& options = {},
                                                   const std::vector<Language>* languages = nullptr);

}  // namespace servicedesign::insights
