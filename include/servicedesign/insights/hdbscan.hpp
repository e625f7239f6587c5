/// @file
/// HDBSCAN* (Campello, Moulavi & Sander 2013; McInnes, Healy & Astels 2017) on the sparse neighbour graph,
/// with cosine distance 1 − similarity on the graph's edges, and the reassignment of its noise to themes.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const NeighbourGraph graph = knn_graph(x);      // x: unit rows from a Vectorizer
/// HdbscanClusterer hdbscan({.min_cluster_size = 8, .reassign_threshold = 0.2});
/// const Clustering themes = hdbscan.fit({&x, &graph});
/// // themes.labels[i] == -1: note i is in no theme (its best link to a theme is below 0.2)
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// Options of HDBSCAN*.
///
/// **Example**
/// @code
/// HdbscanOptions strict{.min_cluster_size = 10, .reassign_threshold = 2.0};   // keep all noise as −1
/// @endcode
struct HdbscanOptions {
  std::size_t min_cluster_size = 5;  ///< Smallest theme (at least 2); smaller splits are points falling out.
  std::size_t min_samples = 0;       ///< The neighbour whose distance is the core distance (1 = nearest); 0 = min_cluster_size.
  double reassign_threshold = 0.0;   ///< Noise joins its most similar themed neighbour's theme when the similarity
                                     ///< is at least this (0: every note with a themed neighbour; above 1: none).
};

/// The result of HDBSCAN* before noise is reassigned, for inspection and tests.
///
/// **Example**
/// @code
/// const HdbscanResult r = hdbscan(graph, {.min_cluster_size = 5});
/// // r.labels: −1 for noise; r.stability[t]: excess of mass of theme t
/// @endcode
struct HdbscanResult {
  std::vector<std::int32_t> labels;    ///< Selected cluster of each note, numbered 0, 1, … in order of their first note; −1 noise.
  std::vector<double> stability;       ///< Excess of mass of each selected cluster.
  std::vector<double> core_distance;   ///< Core distance of each note (infinity with too few neighbours).
};

/// HDBSCAN* on `graph`, distances d = 1 − weight on its edges (edges of weight ≤ 0 are ignored):
/// the core distance of a note is the distance to its min_samples-th nearest graph neighbour (the note
/// itself not counted, as hdbscan does with precomputed distances; infinite with fewer neighbours, so that
/// the note is noise); edges get the mutual
/// reachability max(core u, core v, d); Kruskal builds the minimum spanning forest (ties by the lower pair
/// of notes), whose single-linkage tree is condensed with `min_cluster_size` (λ = 1 / distance, distances
/// below 10⁻⁶ — copies — counted as 10⁻⁶); clusters are chosen by excess of mass, the root never.
/// Components of the forest hang under the root at λ = 0. Throws InvalidInput for min_cluster_size < 2;
/// `progress` may cancel (throws Interrupted).
///
/// **Example**
/// @code
/// const HdbscanResult r = hdbscan(graph, {.min_cluster_size = 5, .min_samples = 3});
/// @endcode
[[nodiscard]] HdbscanResult hdbscan(const NeighbourGraph& graph, const HdbscanOptions& options = {},
                                    const ClusterProgress& progress = {});

/// HDBSCAN* as a Clusterer ("hdbscan"): hdbscan() on the neighbour graph, then each noise note joins the
/// theme of its most similar neighbour that has one, when that similarity is at least
/// `reassign_threshold` — in rounds, so notes linked to themes only through other noise notes join too.
/// Notes still without a theme keep the label −1. `quality` is the total excess of mass of the themes.
/// Deterministic: no seed is used.
///
/// **Example**
/// @code
/// HdbscanClusterer hdbscan({.min_cluster_size = 5});
/// const Clustering themes = hdbscan.fit({nullptr, &graph});
/// @endcode
class HdbscanClusterer : public Clusterer {
 public:
  /// HDBSCAN* with these options; throws InvalidInput for min_cluster_size < 2 or a NaN reassign_threshold.
  explicit HdbscanClusterer(HdbscanOptions options = {});
  /// "hdbscan".
  [[nodiscard]] std::string name() const override { return "hdbscan"; }
  /// Themes of the notes of `input.graph` (−1: no theme); throws InvalidInput without a graph.
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress = {}) override;

 private:
  HdbscanOptions options_;
};

}  // namespace servicedesign::insights
