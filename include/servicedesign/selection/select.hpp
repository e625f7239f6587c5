/// @file
/// Fair selection of panels and working groups from a pool under quotas (sortition).
///
/// The fair algorithms choose a *lottery*: a probability distribution over panels that satisfy every
/// quota, such that each person's chance of being selected is as equal as the quotas allow.
/// `leximin` maximises the smallest selection probability, then the second smallest, and so on
/// (Flanigan et al., Nature 2021), exactly: it computes the LEXIMIN point of the LP relaxation of the
/// panels (COIN-OR CLP) and realises it with panels found by pricing ILPs (COIN-OR CBC); when the quotas
/// put that point out of reach of real panels, it falls back to column generation (the paper's method).
/// `maximin` maximises the smallest probability only: when the relaxation route succeeds its answer is the
/// LEXIMIN lottery (which is a maximin lottery), otherwise column generation stops after the first level.
/// `nash` maximises the product of the probabilities, starting from the LEXIMIN lottery's panels, to a
/// proven gap (SelectionResult::optimality_gap); `legacy` is the greedy draw practitioners used, for comparison.
///
/// People with the same attribute values and no household tie are interchangeable: the algorithms
/// work on these *types*, which is what makes large pools fast. A lottery is therefore a distribution
/// over panel *compositions* (how many of each type); a concrete panel takes that many people of each
/// type uniformly at random, which keeps everyone's probability exact.
///
/// Several working groups can be selected at once from one pool (nobody in two groups); fairness is
/// then about each person's chance of serving in some group.
///
/// **Example**
/// @code
/// using namespace servicedesign::selection;
/// SelectionOptions options;
/// options.algorithm = Algorithm::leximin;
/// options.seed = 2026;
/// const SelectionResult result = select(pool, {{"panel", 20, pool.quotas()}}, options);
/// std::cout << "lowest probability " << result.min_probability << '\n';
/// for (std::size_t person : result.panels[0]) std::cout << pool.id(person) << '\n';
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/selection/pool.hpp"

namespace servicedesign::selection {

/// The selection algorithms.
enum class Algorithm : std::uint8_t {
  legacy,   ///< Greedy random draw (what practitioners used); probabilities estimated by repetition.
  maximin,  ///< Maximise the smallest selection probability.
  nash,     ///< Maximise the product of selection probabilities (Frank-Wolfe with ILP pricing).
  leximin,  ///< Maximise the smallest, then the next smallest, … (exact).
};

/// Key of an algorithm: "legacy", "maximin", "nash" or "leximin".
[[nodiscard]] std::string_view to_string(Algorithm algorithm) noexcept;
/// Parses an algorithm key. @throws InvalidInput listing the keys.
[[nodiscard]] Algorithm algorithm_from_string(std::string_view key);

/// One group to fill: a name, a size and its quotas (features must be columns of the pool's quotas'
/// features, matched by name).
struct GroupSpec {
  std::string name;  ///< e.g. "panel", "Stödstrukturer".
  std::size_t size = 0;  ///< Number of members.
  Quotas quotas;     ///< Quotas of this group.
};

/// What a progress report says.
struct Progress {
  std::string_view stage;      ///< "checking quotas", then "leximin", "maximin", "nash" or "legacy", then (leximin) "lottery", then "final lottery".
  std::size_t panels = 0;      ///< Distinct panels generated so far.
  std::size_t settled = 0;     ///< People whose probability is fixed (leximin).
  std::size_t people = 0;      ///< People in the pool.
  double bound = 0.0;          ///< Current level (lowest probability being maximised).
};

/// Called during long work; return false to cancel (the call then throws servicedesign::Interrupted).
using ProgressCallback = std::function<bool(const Progress&)>;

/// How to select.
struct SelectionOptions {
  Algorithm algorithm = Algorithm::leximin;  ///< Which algorithm.
  std::uint64_t seed = 0;                    ///< Seeds every random choice; the same seed gives the same draw.
  std::vector<std::string> already_selected; ///< Ids that must be in (replacement rounds); first group.
  std::vector<std::string> excluded;         ///< Ids that may not be selected.
  bool households = true;                    ///< At most one person per household (pool's household keys).
  double tolerance = 1e-9;                   ///< Optimality tolerance of the column generation (see docs).
  /// LEXIMIN, maximin and Nash: first solve the LEXIMIN relaxation and realise its optimum with panels (exact
  /// when it succeeds, usually much faster); false goes straight to column generation (Nash: Frank-Wolfe from
  /// a few seed panels), e.g. to check one against the other.
  bool relaxation = true;
  /// LEXIMIN and maximin: nobody's probability of serving may exceed this (1: no cap). A cap bounds what
  /// anyone can gain by misreporting a feature (the "Goldilocks" idea of Baharav and Flanigan: keep the
  /// highest probability low as well as the lowest high); it must be at least the seats over the eligible
  /// people (k/n), and the quotas may need more (then InvalidInput names it).
  double max_probability = 1.0;
  std::size_t legacy_repetitions = 1000;     ///< Draws used to estimate legacy probabilities.
  std::size_t max_iterations = 100000;       ///< Safety cap on pricing rounds.
  ProgressCallback progress;                 ///< Optional progress and cancellation.
};

/// A lottery over panel compositions. Type `t` contains the people `types[t]`; composition `c` takes
/// `compositions[c][g * types.size() + t]` people of type `t` into group `g`.
struct Lottery {
  std::size_t groups = 1;                              ///< Number of groups.
  std::vector<std::vector<std::size_t>> types;         ///< People (pool indexes) of each type.
  std::vector<std::vector<std::uint32_t>> compositions;  ///< Flattened group × type counts.
  std::vector<double> probabilities;                   ///< Probability of each composition; sums to 1.
};

/// A quota that has to change for the selection to be possible.
struct Relaxation {
  std::string group;    ///< Group name.
  std::string feature;  ///< Feature.
  std::string value;    ///< Value.
  std::string bound;    ///< "min" or "max".
  std::size_t from = 0; ///< Current bound.
  std::size_t to = 0;   ///< Smallest change that makes selection possible.
};

/// Quotas that no panel satisfies. The message names the conflicting quotas; relaxations() proposes the
/// smallest change (within flex bounds where given), or is empty when even the flex bounds do not help.
class InfeasibleQuotas : public Infeasible {
 public:
  /// An error with its proposed relaxations.
  InfeasibleQuotas(const std::string& message, std::vector<Relaxation> relaxations)
      : Infeasible(message), relaxations_(std::move(relaxations)) {}
  /// The proposed relaxation, one entry per bound to change.
  [[nodiscard]] const std::vector<Relaxation>& relaxations() const noexcept { return relaxations_; }

 private:
  std::vector<Relaxation> relaxations_;
};

/// The outcome of a selection.
struct SelectionResult {
  Algorithm algorithm = Algorithm::leximin;  ///< Algorithm used.
  std::uint64_t seed = 0;                    ///< Seed used for the draw.
  std::vector<std::string> group_names;      ///< Names of the groups, in order.
  std::vector<double> probabilities;         ///< Per person (pool index): probability of serving in some group.
  std::vector<std::vector<double>> group_probabilities;  ///< [group][person]: probability of serving in that group.
  Lottery lottery;                           ///< The lottery (empty for legacy).
  std::vector<std::vector<std::size_t>> panels;  ///< The drawn members of each group (pool indexes, sorted).
  std::vector<std::size_t> already_selected;     ///< Pool indexes of SelectionOptions::already_selected (first group).
  double min_probability = 0.0;              ///< Smallest probability over eligible people.
  std::size_t iterations = 0;                ///< LP levels and pricing ILPs solved.
  /// Nash: a proven bound on how far the lottery is from the best Nash welfare, as the gap in average
  /// log-probability (Frank-Wolfe's duality gap per person): the geometric mean of the probabilities is
  /// within a factor e^gap of the optimum (it stops below 0.001). 0 for the exact algorithms.
  double optimality_gap = 0.0;
  /// How the lottery was found: "relaxation" (LEXIMIN of the relaxation, realised by panels: exact),
  /// "column generation", "frank-wolfe" (nash) or "greedy" (legacy).
  std::string method;
};

/// Checks quotas against the pool before any solver runs: per feature Σmin ≤ size ≤ Σmax, enough people
/// per value, enough households, and then with one ILP whether any panel exists.
/// @throws InfeasibleQuotas naming the conflict and proposing the smallest relaxation.
void check_feasibility(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionOptions& options = {});

/// Selects the groups. @throws InfeasibleQuotas; InvalidInput for unknown ids or features; Interrupted.
[[nodiscard]] SelectionResult select(const Pool& pool, const std::vector<GroupSpec>& groups,
                                     const SelectionOptions& options = {});

/// Draws one set of groups from a lottery with a seed; the same seed gives the same draw on every machine.
[[nodiscard]] std::vector<std::vector<std::size_t>> draw(const Lottery& lottery, std::uint64_t seed);

/// A uniform lottery of `m` equally likely panels for a transparent live draw.
struct UniformLottery {
  std::vector<std::vector<std::vector<std::size_t>>> panels;  ///< [panel][group] → members (sorted).
  double max_deviation = 0.0;  ///< Largest |share of panels containing a person − exact probability|.
};

/// Rounds a lottery to `m` equally likely panels: each composition appears ⌊m·q⌋ or ⌈m·q⌉ times, the
/// extra copies placed by largest remainder and then by a local search that lowers the largest deviation
/// of any type; members of each type are handed out in a seeded rotation, so counts within a type differ
/// by at most one. The loss is reported as UniformLottery::max_deviation.
[[nodiscard]] UniformLottery uniform_lottery(const SelectionResult& result, std::size_t m, std::uint64_t seed);

}  // namespace servicedesign::selection
