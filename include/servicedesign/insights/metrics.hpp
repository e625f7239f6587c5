/// @file
/// Agreement between two labellings of the same notes (a clustering and a reference, or two runs):
/// adjusted Rand index, normalised mutual information, homogeneity, completeness and V-measure,
/// with the definitions scikit-learn uses (NMI with the arithmetic mean, natural logarithms).
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const std::vector<std::int32_t> truth{0, 0, 0, 1, 1, 1}, found{0, 0, 1, 1, 2, 2};
/// adjusted_rand_index(truth, found);           // 0.2424…
/// normalized_mutual_information(truth, found); // 0.5158…
/// @endcode
#pragma once

#include <cstdint>
#include <vector>

#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// Adjusted Rand index: 1 for identical partitions, about 0 for independent ones (can be negative).
/// Throws InvalidInput when the lengths differ.
[[nodiscard]] double adjusted_rand_index(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found);

/// Mutual information over the arithmetic mean of the two entropies, in [0, 1]; 1 when both are a
/// single cluster.
[[nodiscard]] double normalized_mutual_information(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found);

/// Homogeneity, completeness and their harmonic mean (V-measure, β = 1).
struct VMeasure {
  double homogeneity = 1.0;   ///< Each found cluster holds notes of one reference class.
  double completeness = 1.0;  ///< Each reference class lies in one found cluster.
  double v_measure = 1.0;     ///< Harmonic mean of the two.
};

/// Homogeneity, completeness and V-measure of `found` against `truth`.
[[nodiscard]] VMeasure v_measure(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found);

/// Mean silhouette of `labels` under cosine distance (1 − dot product of the unit rows of `x`), as
/// scikit-learn's silhouette_score(metric="cosine"): for each note, (b − a) / max(a, b) with a its mean
/// distance to the other notes of its theme and b the least mean distance to another theme; 0 for a note
/// alone in its theme. Notes labelled −1 are left out. Exact and never n × n: the mean distance to a theme
/// is 1 − x·(sum of the theme's rows)/size, found through an inverted index of the themes' sums.
/// Throws InvalidInput when the lengths differ or fewer than two themes remain.
[[nodiscard]] double silhouette(const SparseMatrix& x, const std::vector<std::int32_t>& labels);

}  // namespace servicedesign::insights
