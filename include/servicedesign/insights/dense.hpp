/// @file
/// Dense vectors of notes: embeddings computed elsewhere (e.g. by a sentence-embedding model, passed from
/// numpy without a copy), LSA by randomized truncated SVD of the sparse vectors, and neighbour graphs that
/// combine sparse and dense cosine similarity by weight.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const SparseMatrix x = vectorizer.fit_transform(docs);      // TF-IDF, unit rows
/// const DenseMatrix z = lsa(x, {.dimensions = 100, .seed = 7});  // unit rows, 100 columns
/// // half word overlap, half LSA similarity:
/// const NeighbourGraph graph = knn_graph(x, z.view(), {.neighbours = 10}, 0.5);
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// A read-only view of n dense vectors of d floats each, row after row (C order), e.g. a numpy array of
/// embeddings. The memory belongs to the caller and must outlive every use of the view.
struct DenseView {
  const float* data = nullptr;  ///< rows × cols values, row-major.
  std::size_t rows = 0;         ///< Number of notes.
  std::size_t cols = 0;         ///< Dimensions.

  /// The first value of row `r`.
  [[nodiscard]] const float* row(std::size_t r) const noexcept { return data + r * cols; }
  /// Checks that there is data for every row and that every value is finite; throws InvalidInput naming
  /// the first row and column with a NaN or an infinity.
  void validate() const;
};

/// Dense vectors owned by the matrix (what lsa() returns).
struct DenseMatrix {
  std::size_t rows = 0;       ///< Number of notes.
  std::size_t cols = 0;       ///< Dimensions.
  std::vector<float> values;  ///< rows × cols values, row-major.

  /// A view of these vectors.
  [[nodiscard]] DenseView view() const noexcept { return {values.data(), rows, cols}; }
};

/// Scales every non-zero row of `vectors` to unit Euclidean length, so that dot products are cosines.
void normalize_rows(DenseMatrix& vectors);

/// Options of lsa().
struct LsaOptions {
  std::size_t dimensions = 100;      ///< Number of dimensions kept (at most the rank of the matrix).
  std::size_t oversampling = 10;     ///< Extra random directions for accuracy (Halko et al. 2011).
  std::size_t power_iterations = 4;  ///< Passes that sharpen the spectrum (as scikit-learn's default n_iter=5).
  std::uint64_t seed = 0;            ///< The random directions; the same seed gives the same vectors.
  bool normalize = true;             ///< Rows of unit length (cosine similarity = dot product).
};

/// Latent semantic analysis: the notes' coordinates U·Σ in the leading singular directions of `x`
/// (as scikit-learn's TruncatedSVD.fit_transform), by randomized SVD with power iterations. Notes that
/// share no word but use words that occur together get similar vectors. Throws InvalidInput for
/// dimensions of 0. Cost: O(nonzeros · (dimensions + oversampling) · power_iterations).
[[nodiscard]] DenseMatrix lsa(const SparseMatrix& x, const LsaOptions& options = {});

/// Options of the dense neighbour search.
struct DenseKnnOptions {
  std::size_t neighbours = 10;   ///< Keep each note's k most similar notes (then symmetrise).
  double min_similarity = 0.0;   ///< Drop pairs whose similarity is not above this.
  std::size_t exact_limit = 5000;  ///< Up to this many notes every pair is compared; above, an HNSW index.
  std::uint64_t seed = 0;        ///< The HNSW index's levels.
  std::size_t threads = 0;       ///< Threads to use at most (0: one per core); the graph is the same for any number.
};

/// The k-nearest-neighbour graph of dense vectors by cosine similarity (rows need not have unit length; a
/// zero row is similar to nothing), read in place. Exact up to
/// DenseKnnOptions::exact_limit notes, above that through an HNSW index (Malkov & Yashunin 2018, Debian's
/// hnswlib), which finds nearly all true neighbours. Throws InvalidInput for NaN or infinite values.
[[nodiscard]] NeighbourGraph knn_graph(const DenseView& vectors, const DenseKnnOptions& options = {});

/// The neighbour graph by a weighted similarity: (1 − `dense_weight`) · sparse cosine + `dense_weight` ·
/// dense cosine, where `x` has unit rows and `vectors` any rows, for the same notes. Candidates are each note's
/// 3k nearest by either similarity; both similarities are then computed for every candidate and the k best
/// kept. `dense_weight` 0 gives knn_graph(x); 1 ranks by the dense vectors alone. Throws InvalidInput when
/// the row counts differ or the weight lies outside [0, 1].
[[nodiscard]] NeighbourGraph knn_graph(const SparseMatrix& x, const DenseView& vectors, const DenseKnnOptions& options,
                                       double dense_weight);

}  // namespace servicedesign::insights
