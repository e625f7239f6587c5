/// @file
/// The prioritisation methods practitioners use on paper and in spreadsheets (SKR's prioritisation matrix
/// from Innovationsguiden, impact/effort, dot voting, DSDM's MoSCoW, Intercom's RICE, Kano's model), each
/// checked on its canonical inputs, and the servicedesign::priorities::Ranking they all produce.
///
/// Needs are numbered 0 … n−1 here; the Python layer maps them to ids. Every method returns its scores
/// (higher is better) and a ranking in which equal scores are *ties*, never broken silently.
///
/// **Example**
/// @code
/// using namespace servicedesign::priorities;
/// const RiceResult rice = rice_scores({{400, 2, 0.8, 2}, {100, 3, 1.0, 1}});
/// // rice.scores == {320, 300}; rice.ranking.groups == {{0}, {1}}
/// const SkrResult skr = skr_matrix({{3, 2}, {2, 3}, {1, 1}});
/// // skr.scores == {6, 6, 1}: needs 0 and 1 tie, ranking.groups == {{0, 1}, {2}}
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::priorities {

/// An order of needs, best first, as groups of tied needs. `groups = {{2}, {0, 3}, {1}}` reads: need 2
/// first, needs 0 and 3 tied second, need 1 fourth.
struct Ranking {
  std::vector<std::vector<std::size_t>> groups;  ///< Tie groups, best first; needs inside a group ascending.

  /// Number of needs ranked.
  [[nodiscard]] std::size_t size() const noexcept;
  /// Rank of each need (indexed by need), 1-based, standard competition ranking: tied needs share the
  /// best rank of their group and the next group skips ("1, 2, 2, 4").
  [[nodiscard]] std::vector<std::size_t> ranks() const;
  /// Needs in order, ties in ascending need order.
  [[nodiscard]] std::vector<std::size_t> order() const;
  friend bool operator==(const Ranking&, const Ranking&) = default;  ///< Same groups in the same order.
};

/// Ranks by score, higher first. Scores within `tolerance` of the first score of a group (relative to
/// the larger magnitude when that exceeds 1) tie, so that rounding does not invent an order.
/// @throws InvalidInput when a score is not finite.
[[nodiscard]] Ranking rank_by_score(const std::vector<double>& scores, double tolerance = 1e-9);

/// Checks that `ranking` holds each of the needs 0 … n−1 exactly once, in non-empty groups.
/// @throws InvalidInput naming the missing, repeated or out-of-range need.
void validate_ranking(const Ranking& ranking, std::size_t needs, std::string_view what = "ranking");

// SKR prioritisation matrix --------------------------------------------------------------------------

/// One need in the SKR prioritisation matrix: relevance to users and feasibility, each 1 (low) to 3 (high).
struct SkrInput {
  int relevance = 0;    ///< Relevance to the users, 1-3.
  int feasibility = 0;  ///< Feasibility for the organisation, 1-3.
};

/// Scores of the SKR matrix.
struct SkrResult {
  std::vector<double> scores;  ///< relevance × feasibility, 1-9.
  Ranking ranking;             ///< By score.
};

/// SKR's prioritisation matrix: score = relevance × feasibility.
/// @throws InvalidInput naming the need and field when a value is not 1, 2 or 3.
[[nodiscard]] SkrResult skr_matrix(const std::vector<SkrInput>& needs);

// Impact / effort ------------------------------------------------------------------------------------

/// Quadrant of the impact/effort matrix.
enum class Quadrant : std::uint8_t {
  quick_win,      ///< High impact, low effort: do first.
  major_project,  ///< High impact, high effort: plan for.
  fill_in,        ///< Low impact, low effort: when there is time.
  thankless,      ///< Low impact, high effort: avoid ("thankless task").
};

/// Key of a quadrant: "quick_win", "major_project", "fill_in", "thankless".
[[nodiscard]] std::string_view to_string(Quadrant quadrant) noexcept;

/// One need on the impact/effort matrix.
struct ImpactEffortInput {
  double impact = 0.0;  ///< On the scale of ImpactEffortScale.
  double effort = 0.0;  ///< On the same scale.
};

/// The scale of impact and effort and where "high" begins.
struct ImpactEffortScale {
  double low = 1.0;   ///< Lowest value allowed.
  double high = 5.0;  ///< Highest value allowed.
  /// Values strictly above this are "high"; NaN (the default) means the midpoint of the scale, so a
  /// 3 on a 1-5 scale counts as low impact and low effort.
  double split = std::numeric_limits<double>::quiet_NaN();
};

/// Quadrants and ranking of the impact/effort matrix.
struct ImpactEffortResult {
  std::vector<Quadrant> quadrants;  ///< Per need.
  /// Per need: quadrants ordered quick wins, major projects, fill-ins, thankless (worth 3, 2, 1, 0),
  /// plus (impact − effort)/(2·(high − low)) + 0.5 in [0, 1] to order needs inside a quadrant.
  std::vector<double> scores;
  Ranking ranking;  ///< By score.
};

/// Places each need in its quadrant.
/// @throws InvalidInput naming the need and field when a value is off the scale or not finite.
[[nodiscard]] ImpactEffortResult impact_effort(const std::vector<ImpactEffortInput>& needs, const ImpactEffortScale& scale = {});

// Dot voting -----------------------------------------------------------------------------------------

/// Dots one voter put on one need.
struct Ballot {
  std::string voter;     ///< Voter id.
  std::string segment;   ///< The voter's segment (e.g. "municipal_staff"); one per voter.
  std::size_t need = 0;  ///< Need index.
  std::size_t dots = 1;  ///< Dots placed on the need.
};

/// The rules of a dot vote.
struct DotVotingRules {
  std::size_t dots_per_voter = 3;  ///< Dots each voter has (may leave some unused).
  bool one_per_item = false;       ///< At most one dot per voter and need.
};

/// The count of a dot vote.
struct DotVotingResult {
  std::vector<double> scores;  ///< Weighted dots per need.
  Ranking ranking;             ///< By dots.
  std::map<std::string, std::vector<double>> by_segment;  ///< Unweighted dots per need from each segment.
  std::map<std::string, std::size_t> voters_by_segment;   ///< Voters per segment.
  std::size_t voters = 0;                                 ///< Distinct voters.
};

/// Counts a dot vote. `segment_weights` multiplies each segment's dots (missing segments weigh 1),
/// which is how the bloc check leaves a segment out (weight 0) or down-weights it.
/// @throws InvalidInput naming the ballot (1-based) and the voter for an unknown need, zero dots, a voter
/// with two segments, more dots than `dots_per_voter` or, with `one_per_item`, two dots on one need;
/// and for a negative or non-finite weight.
[[nodiscard]] DotVotingResult dot_voting(std::size_t needs, const std::vector<Ballot>& ballots, const DotVotingRules& rules = {},
                                         const std::map<std::string, double>& segment_weights = {});

// MoSCoW ---------------------------------------------------------------------------------------------

/// MoSCoW category.
enum class Moscow : std::uint8_t {
  must,    ///< Must have.
  should,  ///< Should have.
  could,   ///< Could have.
  wont,    ///< Won't have (this time).
};

/// Key of a category: "must", "should", "could", "wont".
[[nodiscard]] std::string_view to_string(Moscow category) noexcept;
/// Parses "must"/"m", "should"/"s", "could"/"c", "wont"/"won't"/"w", case-insensitively.
/// @throws InvalidInput listing the accepted keys.
[[nodiscard]] Moscow moscow_from_string(std::string_view key);

/// One need in a MoSCoW prioritisation.
struct MoscowInput {
  Moscow category = Moscow::could;  ///< Its category.
  double effort = 0.0;              ///< Estimated effort, > 0, in any unit shared by all needs.
};

/// Result of a MoSCoW prioritisation.
struct MoscowResult {
  std::vector<double> scores;  ///< Must 3, should 2, could 1, won't 0.
  Ranking ranking;             ///< By category; needs in one category tie.
  double must_share = 0.0;     ///< Effort of the Musts over the total effort.
};

/// MoSCoW with the 60% rule: the Musts may take at most `max_must_share` of the total effort, so that
/// there is room to drop Shoulds and Coulds when estimates slip.
/// @throws InvalidInput naming the need for an effort that is not > 0, and giving the Musts' share when it
/// exceeds `max_must_share`.
[[nodiscard]] MoscowResult moscow(const std::vector<MoscowInput>& needs, double max_must_share = 0.6);

// RICE -----------------------------------------------------------------------------------------------

/// One need in RICE, with the canonical scales.
struct RiceInput {
  double reach = 0.0;       ///< People (or events) per period, ≥ 0.
  double impact = 0.0;      ///< 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
  double confidence = 0.0;  ///< 1.0 (100%), 0.8 (80%) or 0.5 (50%).
  double effort = 0.0;      ///< Person-months, > 0.
};

/// RICE scores.
struct RiceResult {
  std::vector<double> scores;  ///< reach · impact · confidence / effort.
  Ranking ranking;             ///< By score.
};

/// RICE = reach · impact · confidence / effort.
/// @throws InvalidInput naming the need and field for a value off its canonical scale.
[[nodiscard]] RiceResult rice_scores(const std::vector<RiceInput>& needs);

// Kano -----------------------------------------------------------------------------------------------

/// Kano category of a need.
enum class KanoCategory : std::uint8_t {
  attractive,       ///< A: delights when present, not missed when absent.
  one_dimensional,  ///< O: the more the better.
  must_be,          ///< M: expected; its absence dissatisfies.
  indifferent,      ///< I: makes no difference.
  reverse,          ///< R: the respondent prefers it absent.
  questionable,     ///< Q: contradictory answers.
};

/// Letter of a category: "A", "O", "M", "I", "R", "Q".
[[nodiscard]] std::string_view to_string(KanoCategory category) noexcept;

/// Answer to a Kano question, in the order of the standard questionnaire.
enum class KanoAnswer : std::uint8_t {
  like = 1,   ///< I like it that way.
  expect,     ///< It must be that way (I expect it).
  neutral,    ///< I am neutral.
  live_with,  ///< I can live with it.
  dislike,    ///< I dislike it that way.
};

/// The standard 5×5 Kano evaluation table: the category of a (functional, dysfunctional) pair of answers.
[[nodiscard]] KanoCategory kano_category(KanoAnswer functional, KanoAnswer dysfunctional) noexcept;

/// One respondent's paired answers about one need; answers are 1 (like) … 5 (dislike).
struct KanoResponse {
  std::size_t need = 0;    ///< Need index.
  int functional = 0;      ///< Answer when the need is met, 1-5.
  int dysfunctional = 0;   ///< Answer when it is not met, 1-5.
};

/// Result of a Kano survey.
struct KanoResult {
  std::vector<std::array<std::size_t, 6>> counts;  ///< Per need, responses per category (A, O, M, I, R, Q).
  std::vector<KanoCategory> categories;  ///< Per need, the most frequent category; ties go M > O > A > I > R > Q.
  std::vector<double> better;  ///< (A + O)/(A + O + M + I): how much meeting the need satisfies; 0 without answers.
  std::vector<double> worse;   ///< (O + M)/(A + O + M + I): how much missing it dissatisfies (positive here).
  /// Per need: category worth M 4, O 3, A 2, I 1, R and Q 0 (Kano's order of what to meet first),
  /// plus (better + worse)/2 in [0, 1] to order needs inside a category.
  std::vector<double> scores;
  Ranking ranking;  ///< By score.
};

/// Classifies each response with the evaluation table and each need by its most frequent category.
/// @throws InvalidInput naming the response (1-based) and field for an answer outside 1-5 or an unknown need.
[[nodiscard]] KanoResult kano(std::size_t needs, const std::vector<KanoResponse>& responses);

// Weighted scoring -----------------------------------------------------------------------------------

/// Criteria values of each need: `values[need][criterion]`, all rows as long as `names`.
struct CriteriaMatrix {
  std::vector<std::string> names;           ///< Criterion names.
  std::vector<std::vector<double>> values;  ///< One row per need.
};

/// Checks that weights lie on the simplex: one per criterion, each ≥ 0 and finite, summing to 1 within 1e-6.
/// @throws InvalidInput naming the offending weight, or giving the sum.
void validate_weights(const std::vector<double>& weights, const std::vector<std::string>& names);

/// Weighted scores.
struct WeightedResult {
  std::vector<double> scores;  ///< Σ weight · value per need.
  Ranking ranking;             ///< By score.
};

/// Weighted scoring: score = Σ_c weight_c · value_c.
/// @throws InvalidInput for weights off the simplex, a ragged matrix or a non-finite value.
[[nodiscard]] WeightedResult weighted_scores(const CriteriaMatrix& criteria, const std::vector<double>& weights);

/// Checks the shape and values of `criteria`.
/// @throws InvalidInput naming the need and criterion of a missing or non-finite value.
void validate_criteria(const CriteriaMatrix& criteria);

}  // namespace servicedesign::priorities
