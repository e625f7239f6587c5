/// @file
/// Clustering notes into themes: one interface for every algorithm, a registry by name so that
/// researchers' own algorithms are used wherever a built-in one is, and Leiden on the neighbour graph.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// const NeighbourGraph graph = knn_graph(x);               // x: unit rows from a Vectorizer
/// auto leiden = make_clusterer("leiden", {.seed = 7});
/// const Clustering themes = leiden->fit({&x, &graph});
/// // themes.labels[i]: the theme of note i, 0 = the largest theme
///
/// // A researcher's algorithm, available by name from now on:
/// register_clusterer("my-method", [](const ClustererParams& p) { return std::make_unique<MyMethod>(p); });
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/core/parameters.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// What a clusterer may use: the notes' vectors and their neighbour graph (either may be absent).
struct ClusterInput {
  const SparseMatrix* vectors = nullptr;  ///< Unit rows, one per note, or null.
  const NeighbourGraph* graph = nullptr;  ///< Neighbour graph over the same notes, or null.

  /// Number of notes (from the graph, else from the vectors).
  [[nodiscard]] std::size_t size() const noexcept;
};

/// The outcome: a theme per note, themes numbered 0, 1, … from the largest (ties: earliest first note);
/// −1 for a note in no theme (HDBSCAN*'s noise, when it is kept).
struct Clustering {
  std::vector<std::int32_t> labels;  ///< Theme of each note, or −1.
  std::size_t themes = 0;            ///< Number of themes (−1 not counted).
  double quality = 0.0;              ///< The algorithm's own objective (modularity for Leiden), for comparison.
  double resolution = 0.0;           ///< Leiden: the resolution γ used, given or chosen (0 for other algorithms).
};

/// Renumbers any labelling as Clustering does: by size, descending; ties by first appearance. Negative
/// labels mean "no theme": they become −1 and are not counted among the themes.
[[nodiscard]] Clustering canonical_clustering(const std::vector<std::int32_t>& labels, double quality = 0.0);

/// Themes of fewer than `min_size` notes joined to the theme their notes are most linked to in `graph`
/// (the sum of the link weights; ties: the larger theme, then the lower number), smallest first, again and
/// again until every theme has at least `min_size` notes or has no link to another theme (notes without
/// neighbours stay a theme of their own: no note is put in a noise bin). Notes labelled −1 are left as they
/// are and absorb nothing. The result is renumbered as canonical_clustering() does; `quality` and `resolution`
/// are copied from `themes` (recompute modularity() if needed). Throws InvalidInput when `themes` has not one
/// label per node of `graph`.
///
/// `notes_per_node` (empty: one each) says how many notes each node stands for, when a node is a group of
/// copies (as in ThemeModel); sizes are then counted in notes. Throws InvalidInput unless it is empty or has
/// one count of at least 1 per node.
///
/// **Example**
/// @code
/// const Clustering themes = make_clusterer("leiden", {.seed = 7})->fit({&x, &graph});
/// const Clustering sturdy = absorb_small_themes(graph, themes, 3);   // no theme of one or two notes left
/// @endcode
[[nodiscard]] Clustering absorb_small_themes(const NeighbourGraph& graph, const Clustering& themes, std::size_t min_size,
                                             const std::vector<std::size_t>& notes_per_node = {});

/// Stable theme numbers across reruns: renumbers `current` so that each theme that overlaps a theme of
/// `previous` (labels of the same notes from an earlier run; −1 where a note had none) takes that theme's
/// number. Pairs are matched greedily by Jaccard overlap over the notes labelled in both runs, best first,
/// each at most once and only when the overlap is at least `min_overlap`; unmatched themes get new numbers
/// after the largest previous one, in their current order. Notes labelled −1 in `current` stay −1.
/// Throws InvalidInput when the lengths differ.
[[nodiscard]] std::vector<std::int32_t> match_themes(const std::vector<std::int32_t>& previous,
                                                     const std::vector<std::int32_t>& current, double min_overlap = 0.3);

/// Progress of a clusterer: stage and a fraction in [0, 1]; return false to cancel (throws Interrupted).
using ClusterProgress = std::function<bool(std::string_view stage, double fraction)>;

/// Parameters by name, for clusterers made from the registry (checked against the clusterer's declared
/// Parameters first: unknown names and values out of range are refused, defaults filled in).
struct ClustererParams {
  std::uint64_t seed = 0;                     ///< Seed of everything random in the algorithm.
  std::map<std::string, double> values{};     ///< Numeric parameters, e.g. {"resolution", 1.2}.

  /// The value of `name`, or `fallback` when not given.
  [[nodiscard]] double get(const std::string& name, double fallback) const;
};

/// Interface of every clustering algorithm. Implementations must be deterministic for a given seed.
class Clusterer {
 public:
  virtual ~Clusterer() = default;
  /// Short name, as in the registry ("leiden").
  [[nodiscard]] virtual std::string name() const = 0;
  /// Clusters the notes; throws InvalidInput when the input lacks what the algorithm needs.
  virtual Clustering fit(const ClusterInput& input, const ClusterProgress& progress = {}) = 0;
};

/// Makes a clusterer from parameters.
using ClustererFactory = std::function<std::unique_ptr<Clusterer>(const ClustererParams&)>;

/// Registers (or replaces) a clusterer under `name` with the parameters it takes (see core/parameters.hpp:
/// make_clusterer() refuses others); thread-safe.
void register_clusterer(const std::string& name, ClustererFactory factory, Parameters parameters = {});
/// The parameters the clusterer `name` declares; throws NotFound listing the known names.
[[nodiscard]] Parameters clusterer_parameters(std::string_view name);
/// Removes `name` from the registry; false when it was not there. Thread-safe.
bool unregister_clusterer(const std::string& name);
/// A new clusterer registered under `name`; throws NotFound listing the known names, InvalidInput naming a
/// parameter it does not declare (listing those it does) or a value out of the declared range.
[[nodiscard]] std::unique_ptr<Clusterer> make_clusterer(std::string_view name, const ClustererParams& params = {});
/// Names in the registry, sorted.
[[nodiscard]] std::vector<std::string> clusterer_names();

/// Options of Leiden.
struct LeidenOptions {
  /// LeidenOptions::resolution that lets choose_resolution() pick γ for the graph.
  static constexpr double automatic = 0.0;
  /// γ of modularity: higher gives more, smaller themes. LeidenOptions::automatic (0) chooses it for the
  /// graph by choose_resolution(), at the cost of a few single runs before the themes are found (the Python
  /// estimator Themes and the command line do so by default, with ensemble 8).
  double resolution = 1.0;
  std::uint64_t seed = 0;            ///< Order in which nodes are visited.
  std::size_t max_levels = 50;       ///< Safety cap on aggregation levels.
  /// Consensus of this many runs (1: a single run). Each run visits the notes in another order; every
  /// edge is then weighted by the share of runs that put its two notes together, and a last run on that
  /// graph gives the themes. Themes then depend far less on the seed, at the cost of ensemble + 1 runs.
  std::size_t ensemble = 1;
  /// Threads to use at most for the ensemble's runs and the search for γ (0: one per core); the themes are
  /// the same for any number.
  std::size_t threads = 0;
};

/// Leiden (Traag, Waltman & van Eck 2019) maximising modularity with resolution γ on the neighbour graph:
/// fast local moving, refinement (themes are always connected), aggregation, repeated until stable.
/// Notes without neighbours form themes of their own. With LeidenOptions::ensemble > 1, the consensus of
/// several runs (as in consensus clustering, Lancichinetti & Fortunato 2012). With
/// LeidenOptions::automatic as the resolution, γ is chosen by choose_resolution() first (with the same
/// seed) and reported in Clustering::resolution.
///
/// **Example**
/// @code
/// LeidenClusterer leiden({.resolution = 1.0, .seed = 7, .ensemble = 8});
/// const Clustering themes = leiden.fit({&x, &graph});
/// LeidenClusterer automatic({.resolution = LeidenOptions::automatic, .seed = 7, .ensemble = 8});
/// const Clustering chosen = automatic.fit({&x, &graph});   // chosen.resolution: the γ it chose
/// @endcode
class LeidenClusterer : public Clusterer {
 public:
  /// Leiden with these options; throws InvalidInput for a resolution that is negative or not finite.
  explicit LeidenClusterer(LeidenOptions options = {});
  [[nodiscard]] std::string name() const override { return "leiden"; }
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress = {}) override;

 private:
  LeidenOptions options_;
};

/// One resolution tried by choose_resolution(): a single Leiden run at γ on the notes' graph and one on
/// the same graph with its links shuffled.
struct ResolutionPoint {
  double resolution = 0.0;           ///< γ.
  double modularity = 0.0;           ///< Modularity (at γ) of the themes found on the notes' graph.
  double shuffled_modularity = 0.0;  ///< Modularity (at γ) of the groups found on the shuffled graph.
  std::size_t themes = 0;            ///< Themes found on the notes' graph.
  std::size_t shuffled_themes = 0;   ///< Groups found on the shuffled graph.
  /// How far the themes beat chance at γ: modularity − shuffled_modularity.
  [[nodiscard]] double excess() const noexcept { return modularity - shuffled_modularity; }
};

/// The resolution choose_resolution() chose, and the resolutions it tried (by increasing γ).
struct ResolutionChoice {
  double resolution = 1.0;               ///< The chosen γ.
  std::vector<ResolutionPoint> profile;  ///< Every γ tried, by increasing γ.
};

/// Chooses Leiden's resolution γ for a graph: the γ at which the themes beat chance by the widest margin.
///
/// Random graphs have high modularity too (Guimerà, Sales-Pardo & Amaral 2004), and more so the finer they
/// are cut. So the graph is compared with itself shuffled: every link gets new ends at random while each
/// note keeps its number of links (the configuration model; links keep their similarity, loops are
/// dropped and parallel links added). At each γ a single Leiden run on each graph gives the *excess*,
/// modularity of the notes' themes minus modularity of the shuffled graph's groups (ResolutionPoint). It
/// is zero while both graphs stay whole, grows as γ splits the notes along real themes, and falls once
/// finer cuts pay off as much on the shuffled graph as on the notes (where the two graphs' groups are of
/// about equal weight: the excess's slope in γ is the difference of their Σ(K_c/2m)²). Starting at γ = 1,
/// the search walks up or down the log scale in quarter octaves (γ × 2^(±1/4)) towards the higher excess
/// until two steps in a row bring no new maximum (two steps that are sure to be taken are evaluated
/// together, so that their runs share the threads), then fits a parabola in log γ through the five points
/// around the best and takes its top, kept within a step of the best point. Every run uses the same
/// seeds, so neighbouring points differ by γ and not by chance; the same seed gives the same γ.
///
/// On a ring of 30 five-node cliques, where γ = 1 merges neighbouring cliques (the resolution limit of
/// modularity, Fortunato & Barthélemy 2007), it chooses γ between 4 and 5.5 (seeds 0-3) and every clique
/// is a theme. Costs two single runs per point tried, in parallel: 5-8 points on the benchmark's
/// notes, more when the best γ lies far from 1. A graph without links gives γ = 1 and an empty profile.
/// `progress` gets the stage "resolution"; returning false throws Interrupted.
///
/// **Example**
/// @code
/// const ResolutionChoice choice = choose_resolution(graph, 7);
/// LeidenClusterer leiden({.resolution = choice.resolution, .seed = 7, .ensemble = 8});
/// for (const auto& p : choice.profile) std::cout << p.resolution << ' ' << p.excess() << '\n';
/// @endcode
[[nodiscard]] ResolutionChoice choose_resolution(const NeighbourGraph& graph, std::uint64_t seed = 0,
                                                 const ClusterProgress& progress = {}, std::size_t threads = 0);

/// Options of spherical k-means.
struct KMeansOptions {
  std::size_t k = 8;                 ///< Number of themes (at least 1, at most the number of notes).
  std::uint64_t seed = 0;            ///< k-means++ seeding.
  std::size_t max_iterations = 100;  ///< Safety cap on assignment rounds.
};

/// Spherical k-means (cosine) on the notes' unit vectors, seeded by k-means++: for when the analyst knows
/// how many themes there should be. A theme left empty is re-seeded with the note farthest from its centre.
/// `quality` is the mean cosine of notes to their theme's centre.
class KMeansClusterer : public Clusterer {
 public:
  /// k-means with these options; throws InvalidInput for k = 0.
  explicit KMeansClusterer(KMeansOptions options = {});
  [[nodiscard]] std::string name() const override { return "kmeans"; }
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress = {}) override;

 private:
  KMeansOptions options_;
};

/// Modularity Σ_c [A_c / 2m − γ (K_c / 2m)²] of a labelling of `graph`, in [−1/2, 1).
[[nodiscard]] double modularity(const NeighbourGraph& graph, const std::vector<std::int32_t>& labels, double resolution = 1.0);

}  // namespace servicedesign::insights
