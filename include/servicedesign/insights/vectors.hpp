/// @file
/// Sparse vectors of notes: a CSR matrix, TF-IDF and BM25 weighting, and the sparse neighbour graph
/// (all-pairs cosine through an inverted index, never an n × n matrix).
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// TextPipeline pipeline;
/// std::vector<std::vector<std::string>> docs;
/// for (const auto& note : notes) docs.push_back(pipeline.process(note).terms);
/// Vectorizer vectorizer;                       // TF-IDF, rows of unit length
/// const SparseMatrix x = vectorizer.fit_transform(docs);
/// const NeighbourGraph graph = knn_graph(x, {.neighbours = 10, .min_similarity = 0.05});
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace servicedesign::insights {

/// A sparse matrix in compressed sparse row form (one row per note, one column per term).
struct SparseMatrix {
  std::size_t rows = 0;                 ///< Number of rows.
  std::size_t cols = 0;                 ///< Number of columns.
  std::vector<std::size_t> row_start;   ///< Size rows + 1: row r holds entries [row_start[r], row_start[r+1]).
  std::vector<std::uint32_t> col;       ///< Column of each entry, increasing within a row.
  std::vector<double> value;            ///< Value of each entry.

  /// Number of stored entries.
  [[nodiscard]] std::size_t nonzeros() const noexcept { return col.size(); }
  /// Dot product of rows `a` and `b` (both sorted by column).
  [[nodiscard]] double row_dot(std::size_t a, std::size_t b) const;
  /// Scales every non-empty row to unit Euclidean length.
  void normalize_rows();
  /// Checks the structure (sizes, increasing columns within rows, finite values); throws InvalidInput.
  void validate() const;
};

/// How term counts become weights.
enum class Weighting : std::uint8_t {
  tfidf,  ///< (1 + log tf) · (log((1 + n) / (1 + df)) + 1), as scikit-learn's smooth, sublinear TF-IDF.
  bm25,   ///< Okapi BM25 term weights with parameters k1 and b.
};

/// Options of the vectorizer.
struct VectorizerOptions {
  Weighting weighting = Weighting::tfidf;  ///< TF-IDF or BM25.
  std::size_t min_df = 1;                  ///< Ignore terms in fewer notes.
  double max_df = 1.0;                     ///< Ignore terms in more than this share of notes (0, 1].
  double k1 = 1.2;                         ///< BM25 saturation.
  double b = 0.75;                         ///< BM25 length normalisation.
  bool normalize = true;                   ///< Rows of unit length (cosine similarity = dot product).
  /// Also count the character n-grams of every term (n = this; 0: words only), with "<" and ">" marking the
  /// word's ends, as further columns. Compounds then meet their parts ("busshållplats" and "hållplats" share
  /// "hål", "ållp", …) and inflections their stems. The n-gram columns are named with a leading U+001F.
  std::size_t char_ngrams = 0;
};

/// The character n-grams of `term` (whole UTF-8 characters; "<" and ">" mark its ends), each prefixed with
/// U+001F (the unit separator) so that they never collide with a word: char_ngrams("buss", 3) gives "<bu",
/// "bus", "uss" and "ss>", each after that mark. A term shorter than n − 1 characters gives its one marked form.
[[nodiscard]] std::vector<std::string> char_ngrams(std::string_view term, std::size_t n);

/// Learns a vocabulary with document frequencies and turns term lists into weighted sparse rows.
class Vectorizer {
 public:
  /// A vectorizer with these options; throws InvalidInput for max_df outside (0, 1] or negative k1, b.
  explicit Vectorizer(VectorizerOptions options = {});
  /// Learns the vocabulary (terms sorted, so columns do not depend on the order of notes) and IDF.
  Vectorizer& fit(const std::vector<std::vector<std::string>>& documents);
  /// Weighted rows for `documents`; terms outside the vocabulary are ignored. Throws StateError before fit.
  [[nodiscard]] SparseMatrix transform(const std::vector<std::vector<std::string>>& documents) const;
  /// fit() then transform() on the same documents.
  SparseMatrix fit_transform(const std::vector<std::vector<std::string>>& documents);
  /// Terms by column.
  [[nodiscard]] const std::vector<std::string>& terms() const noexcept { return terms_; }
  /// Inverse document frequency by column.
  [[nodiscard]] const std::vector<double>& idf() const noexcept { return idf_; }
  /// Column of `term`, or -1 when it is not in the vocabulary.
  [[nodiscard]] long column(const std::string& term) const;
  /// The options in use.
  [[nodiscard]] const VectorizerOptions& options() const noexcept { return options_; }

 private:
  VectorizerOptions options_;
  std::vector<std::string> terms_;
  std::map<std::string, std::uint32_t, std::less<>> index_;
  std::vector<double> idf_;
  double average_length_ = 0.0;
  bool fitted_ = false;
};

/// A symmetric weighted graph in CSR form: node i's neighbours are [start[i], start[i+1]).
struct NeighbourGraph {
  std::size_t nodes = 0;                ///< Number of nodes (notes).
  std::vector<std::size_t> start;       ///< Size nodes + 1.
  std::vector<std::uint32_t> neighbour; ///< Neighbour of each edge end, increasing per node.
  std::vector<double> weight;           ///< Similarity on each edge end (the same both ways).

  /// Number of undirected edges.
  [[nodiscard]] std::size_t edges() const noexcept { return neighbour.size() / 2; }
  /// Checks the structure: `start` has nodes + 1 entries rising from 0 to the number of edge ends,
  /// `neighbour` and `weight` agree in size, every neighbour is a node, no node links to itself, and every
  /// weight is finite. Throws InvalidInput naming the first node or edge at fault. Every consumer of a graph
  /// (clusterers, modularity(), absorb_small_themes(), the theme model) calls it first.
  void validate() const;
  /// Builds a graph from undirected weighted edges (u, v, w), u != v; parallel edges keep the largest w.
  static NeighbourGraph from_edges(std::size_t nodes, std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges);
};

/// Options of knn_graph().
struct KnnOptions {
  std::size_t neighbours = 10;    ///< Keep each note's k most similar notes (then symmetrise).
  double min_similarity = 0.0;    ///< Drop pairs whose cosine is not above this.
  /// Called now and then from the calling thread with the share of notes done; returning false stops the
  /// search, which then throws servicedesign::Interrupted. Empty: no reports.
  std::function<bool(double)> progress{};
  /// Threads to use at most (0: one per core); the graph is the same for any number.
  std::size_t threads = 0;
  /// KnnOptions::posting_limit that chooses for the notes (see knn_graph()).
  static constexpr std::size_t automatic = 0;
  /// KnnOptions::posting_limit that always searches exactly, whatever the cost.
  static constexpr std::size_t unlimited = static_cast<std::size_t>(-1);
  /// Where a term is in more notes than this, a note reads only this many of them: half where the term weighs
  /// most, half nearest to the note in weight on it (an approximate search of near-linear cost; every link keeps
  /// its exact similarity). KnnOptions::automatic bounds the lists at 1,000 only where the exact search would
  /// score more than 5·10⁹ pairs.
  std::size_t posting_limit = automatic;
  /// Candidates per note that get their exact similarity in the approximate search (0: 15 × neighbours).
  std::size_t rescored = 0;
};

/// The k-nearest-neighbour graph of the rows of `x` by dot product (cosine for unit rows), found through
/// an inverted index: only notes sharing a term are compared, and memory stays O(threads·n·k + nonzeros)
/// (each thread keeps bounded lists for every note; threads are limited to stay near 1 GB).
/// An edge is kept when either end has the other among its k nearest. Ties break by lower index.
[[nodiscard]] NeighbourGraph knn_graph(const SparseMatrix& x, const KnnOptions& options = {});

}  // namespace servicedesign::insights
