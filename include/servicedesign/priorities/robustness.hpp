/// @file
/// How much a ranking can be trusted: several methods combined into one ranking (Borda, Kemeny),
/// agreement between methods (Kendall's τ and τ-b), sensitivity to the weights of weighted scoring,
/// and the bloc check of a dot vote.
///
/// **Example**
/// @code
/// using namespace servicedesign::priorities;
/// const Ranking skr{{{0}, {1, 2}}}, rice{{{1}, {0}, {2}}};
/// const Consensus borda_result = borda({skr, rice});     // scores {3, 2.5, 0.5}: 0, 1, 2
/// const KemenyResult kemeny_result = kemeny({skr, rice}); // order {0, 1, 2} or {1, 0, 2}: 2 optimal orders
/// kendall_tau_b(skr, rice);                              // 0: one pair agrees, one disagrees, one ties
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "servicedesign/priorities/methods.hpp"

namespace servicedesign::priorities {

/// A combined ranking with the score behind it.
struct Consensus {
  std::vector<double> scores;  ///< Per need.
  Ranking ranking;             ///< By score, ties as ties.
};

/// Borda count over rankings of the same needs: a need earns one point for each need ranked below it
/// and half a point for each need tied with it, in every ranking.
/// @throws InvalidInput when the rankings are empty or do not rank the same needs.
[[nodiscard]] Consensus borda(const std::vector<Ranking>& rankings);

/// The largest number of needs kemeny() accepts: its dynamic programme takes 2ⁿ·n² steps and 2ⁿ numbers.
inline constexpr std::size_t kemeny_max_needs = 16;

/// A Kemeny-optimal ranking.
struct KemenyResult {
  /// An optimal strict order, best first; among optimal orders, the one that puts the lowest need
  /// number first at each position.
  std::vector<std::size_t> order;
  Ranking ranking;  ///< `order` as a ranking of single needs.
  /// Total Kendall distance from `order` to the input rankings: for each ranking, the pairs it orders the
  /// other way, plus ½ for each pair it ties.
  double distance = 0.0;
  /// Number of orders with the optimal distance (saturates at 2⁶³): above 1 the optimum is itself a tie.
  std::uint64_t optimal_orders = 0;
};

/// The strict order that minimises the total Kendall distance to `rankings`, found exactly by dynamic
/// programming over subsets of needs (the best order of each set of top needs).
/// @throws InvalidInput when the rankings are empty, disagree in size or rank more than kemeny_max_needs needs.
[[nodiscard]] KemenyResult kemeny(const std::vector<Ranking>& rankings);

/// Kendall's τ-a: (concordant − discordant)/(n(n−1)/2); tied pairs count as neither.
/// @throws InvalidInput when the rankings do not rank the same needs.
[[nodiscard]] double kendall_tau(const Ranking& a, const Ranking& b);

/// Kendall's τ-b, corrected for ties: (C − D)/√((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n−1)/2 and n₁, n₂ the pairs
/// tied in `a` and in `b`. NaN when either ranking ties everything (as scipy.stats.kendalltau).
/// @throws InvalidInput when the rankings do not rank the same needs.
[[nodiscard]] double kendall_tau_b(const Ranking& a, const Ranking& b);

/// τ-b between every pair of rankings; the diagonal is 1.
[[nodiscard]] std::vector<std::vector<double>> agreement_matrix(const std::vector<Ranking>& rankings);

/// Options of weight_sensitivity().
struct SensitivityOptions {
  std::size_t samples = 4000;             ///< Weight vectors drawn.
  std::uint64_t seed = 0;                 ///< The same seed gives the same figures, with any standard library.
  std::vector<std::size_t> tops{1, 3, 5};  ///< The k of the "in the top k" probabilities.
};

/// How the ranking of weighted scoring moves when the weights do.
struct Sensitivity {
  std::vector<std::size_t> tops;  ///< The k of each column of `top_probability`.
  /// `top_probability[need][j]`: share of the sampled weight vectors for which the need's rank (competition
  /// ranking, so a tie for first counts as first) is at most `tops[j]`.
  std::vector<std::vector<double>> top_probability;
  std::vector<double> mean_rank;  ///< Per need, its average rank over the samples.
  std::size_t samples = 0;        ///< Weight vectors drawn.
};

/// Draws weight vectors uniformly from the simplex (Dirichlet(1, …, 1): normalised exponential draws),
/// ranks the needs by weighted score under each, and reports how often each need is in the top k.
/// @throws InvalidInput for an invalid matrix, no criteria, zero samples or a k of 0.
[[nodiscard]] Sensitivity weight_sensitivity(const CriteriaMatrix& criteria, const SensitivityOptions& options = {});

/// Influence of one segment on a dot vote.
struct BlocInfluence {
  std::string segment;           ///< Segment key.
  std::size_t voters = 0;        ///< Voters from the segment.
  double vote_share = 0.0;       ///< Its share of the voters.
  double population_share = -1;  ///< Its share of the population; −1 when not given.
  Ranking without;               ///< The ranking when the segment is left out.
  double tau_without = 1.0;      ///< τ-b between the full ranking and `without` (NaN if undefined).
  bool winner_changes_without = false;  ///< The first tie group differs when the segment is left out.
  /// The ranking when the segment's votes are weighted so that its share of the total weight equals its
  /// population share (the other segments keep their weight); equal to the full ranking without a share.
  Ranking reweighted;
  double tau_reweighted = 1.0;             ///< τ-b between the full ranking and `reweighted`.
  bool winner_changes_reweighted = false;  ///< The first tie group differs when reweighted.
  /// Normalised Kendall distance between the full ranking and `without` in [0, 1] (tied pairs in one of
  /// them count ½): the share of pairs of needs whose order the segment decides.
  double influence = 0.0;
};

/// The bloc check of a dot vote.
struct BlocCheck {
  DotVotingResult full;                  ///< The count with every segment.
  std::vector<BlocInfluence> segments;   ///< One entry per voting segment, in key order.
  /// Segments without which the winner (the first tie group) changes. Several of them mean a close race
  /// rather than one bloc deciding it.
  std::vector<std::string> pivotal_segments;
  /// Segments whose weighting to their population share changes the winner: their over- (or under-)
  /// representation among the voters decided it.
  std::vector<std::string> decisive_segments;
  /// True when one bloc decided the winner: some segment is decisive, or exactly one segment is pivotal.
  [[nodiscard]] bool decided_by_one_bloc() const noexcept { return !decisive_segments.empty() || pivotal_segments.size() == 1; }
};

/// Would the ranking of a dot vote change if one voter segment (e.g. municipal staff) were left out, or
/// down-weighted to its share of the population? `population_shares` maps segment keys to shares in
/// (0, 1); segments missing from it are only left out, not reweighted.
/// @throws InvalidInput as dot_voting(), and for a share outside (0, 1).
[[nodiscard]] BlocCheck bloc_check(std::size_t needs, const std::vector<Ballot>& ballots, const DotVotingRules& rules = {},
                                   const std::map<std::string, double>& population_shares = {});

}  // namespace servicedesign::priorities
