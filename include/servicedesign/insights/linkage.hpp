/// @file
/// Average linkage (UPGMA) on the sparse neighbour graph: a dendrogram of the notes, cut into flat themes
/// at a number of themes or at a similarity — the levels of a KJ (affinity) diagram. Never an n × n matrix.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const NeighbourGraph graph = knn_graph(x);                 // x: unit rows from a Vectorizer
/// const Dendrogram tree = average_linkage(graph);
/// const Clustering five = cut(tree, 5);                      // five themes (if the graph is connected)
/// const Clustering close = cut_at_similarity(tree, 0.3);     // themes whose notes average ≥ 0.3
/// auto average = make_clusterer("average");                  // the level of highest modularity
/// const Clustering themes = average->fit({&x, &graph});
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// One merge of a dendrogram, in scipy's convention: clusters `a` < `b` (ids 0 … n−1 are the notes, the
/// cluster made by merge i has id n + i) join at average similarity `similarity` into a cluster of `size`
/// notes.
///
/// **Example**
/// @code
/// const Merge m = tree.merges.front();   // the most similar pair of notes, e.g. {3, 7, 0.92, 2}
/// @endcode
struct Merge {
  std::uint32_t a = 0;      ///< The smaller id of the two clusters joined.
  std::uint32_t b = 0;      ///< The larger id.
  double similarity = 0.0;  ///< Average similarity of the two clusters: edge weights between them / (|a|·|b|).
  std::size_t size = 0;     ///< Notes in the new cluster.
};

/// A dendrogram of `nodes` notes: the merges in the order they happened, similarities non-increasing.
/// Notes in different components of the graph are never merged, so there are `nodes − components()`
/// merges, fewer than scipy's n − 1 when the graph is not connected (linkage_matrix() completes it).
///
/// **Example**
/// @code
/// const Dendrogram tree = average_linkage(graph);
/// std::size_t parts = tree.components();     // themes at the coarsest cut
/// @endcode
struct Dendrogram {
  std::size_t nodes = 0;       ///< Number of notes (leaves).
  std::vector<Merge> merges;   ///< In order; merge i makes cluster nodes + i.

  /// Number of clusters left after every merge: the connected components of the graph's positive edges.
  [[nodiscard]] std::size_t components() const noexcept { return nodes - merges.size(); }

  /// scipy's linkage matrix, row-major (n − 1) × 4: a, b, distance 1 − similarity, size. When the graph is
  /// not connected, the remaining clusters are joined in order of their ids at similarity 0 (distance 1),
  /// so that scipy.cluster.hierarchy.dendrogram can draw it. Empty for fewer than two notes.
  ///
  /// **Example**
  /// @code
  /// const std::vector<double> z = tree.linkage_matrix();   // z[4 * i + 2]: distance of merge i
  /// @endcode
  [[nodiscard]] std::vector<double> linkage_matrix() const;
};

/// Average linkage on `graph`: starting from single notes, repeatedly joins the two clusters of highest
/// average similarity — the sum of the graph's edge weights between them divided by |A|·|B|, missing edges
/// counting as 0 — until no two clusters share an edge. Edges of weight ≤ 0 are ignored. Ties break by the
/// smaller pair of ids. A priority queue with lazy invalidation and neighbour maps merged small into large:
/// each merge costs the new cluster's number of neighbouring clusters times log, which stays near linear in
/// the edges on k-nearest-neighbour graphs but is quadratic for a note linked to all others (a star).
/// `progress` may cancel (throws Interrupted).
///
/// **Example**
/// @code
/// const Dendrogram tree = average_linkage(knn_graph(x, {.neighbours = 10}));
/// @endcode
[[nodiscard]] Dendrogram average_linkage(const NeighbourGraph& graph, const ClusterProgress& progress = {});

/// Flat themes after the first `merges` merges of `tree` (a level of the dendrogram), numbered as
/// canonical_clustering() does. Throws InvalidInput when `merges` exceeds the dendrogram's.
///
/// **Example**
/// @code
/// const Clustering level = cut_level(tree, tree.merges.size());   // the coarsest level
/// @endcode
[[nodiscard]] Clustering cut_level(const Dendrogram& tree, std::size_t merges);

/// Flat themes at `k` clusters: the level with nodes − k merges. When the graph has more than k components,
/// the result has components() themes (components are never joined). Throws InvalidInput for k = 0 or
/// k greater than the number of notes.
///
/// **Example**
/// @code
/// const Clustering themes = cut(tree, 8);
/// @endcode
[[nodiscard]] Clustering cut(const Dendrogram& tree, std::size_t k);

/// Flat themes from every merge of average similarity at least `threshold` (a prefix of the merges, as
/// similarities do not increase). Throws InvalidInput for a threshold that is NaN.
///
/// **Example**
/// @code
/// const Clustering themes = cut_at_similarity(tree, 0.25);
/// @endcode
[[nodiscard]] Clustering cut_at_similarity(const Dendrogram& tree, double threshold);

/// Options of average linkage as a clusterer; give at most one of `k` and `threshold`.
///
/// **Example**
/// @code
/// AverageOptions by_count{.k = 12};
/// AverageOptions by_similarity{.threshold = 0.3};
/// AverageOptions automatic{};                    // the level of highest modularity
/// @endcode
struct AverageOptions {
  std::size_t k = 0;                    ///< Number of themes; 0 = not given.
  std::optional<double> threshold{};    ///< Cut at this average similarity; empty = not given.
};

/// Average linkage on the neighbour graph as a Clusterer ("average"): the dendrogram is cut at `k` themes,
/// at the similarity `threshold`, or — with neither — at the level of highest modularity (γ = 1) along the
/// dendrogram (evaluated incrementally, one step per merge; ties: the earlier level). `quality` is the
/// modularity of the themes. Deterministic: no seed is used.
///
/// **Example**
/// @code
/// AverageClusterer average({.k = 6});
/// const Clustering themes = average.fit({nullptr, &graph});
/// @endcode
class AverageClusterer : public Clusterer {
 public:
  /// Average linkage with these options; throws InvalidInput when both k and threshold are given or the
  /// threshold is not finite.
  explicit AverageClusterer(AverageOptions options = {});
  /// "average".
  [[nodiscard]] std::string name() const override { return "average"; }
  /// Themes of the notes of `input.graph`; throws InvalidInput without a graph or for k above the number of notes.
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress = {}) override;
  /// The dendrogram of the last fit() (empty before).
  [[nodiscard]] const Dendrogram& dendrogram() const noexcept { return tree_; }

 private:
  AverageOptions options_;
  Dendrogram tree_;
};

}  // namespace servicedesign::insights
