/// @file
/// Alternates for dropouts: a ranked list of people, chosen with the panel, who take the seats of members
/// who drop out, so that the panel keeps its quotas as well as it can.
///
/// Members drop out independently, each with a probability (one rate for everyone, or per person from
/// past rounds). When they do, the alternates are called in list order: an available alternate takes an
/// empty seat if that lowers the panel's *quota violations* (members missing below a minimum plus members
/// above a maximum, summed over the quotas, plus empty seats). The list is built one position at a time,
/// each time taking the person who lowers the expected violations most, then improved by swapping
/// positions and trying the runners-up (the aim of Assos, Baharav, Flanigan and Procaccia, "Alternates,
/// Assemble!", 2025: minimise expected misrepresentation under estimated dropout probabilities). The
/// expectation is exact, over every dropout outcome, when the panel
/// and the list are small, and otherwise a seeded simulation of `scenarios` outcomes.
///
/// Fairness: people who are interchangeable for the quotas (same values) and equally likely to drop out
/// are equally good alternates; ties between them are broken by a seeded draw, so each has the same
/// chance to be listed.
///
/// **Example**
/// @code
/// using namespace servicedesign::selection;
/// const SelectionResult result = select(pool, {group});
/// const Alternates alternates = choose_alternates(pool, group, result.panels[0],
///                                                 {.count = 4, .dropout_rate = 0.15, .seed = 7});
/// // alternates.ranked: pool indexes, called in this order
/// // alternates.expected_violations_without / _with: what the list buys
/// const auto panel = replace_dropouts(pool, group, result.panels[0], alternates.ranked,
///                                     {result.panels[0][2]}, {});
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"

namespace servicedesign::selection {

/// How to choose alternates.
struct AlternatesOptions {
  std::size_t count = 0;                ///< Length of the ranked list (m).
  double dropout_rate = 0.1;            ///< Probability that a person drops out, in [0, 1), unless given in `dropout`.
  std::map<std::string, double> dropout = {};  ///< Per-person dropout probabilities by id, e.g. from past rounds.
  std::size_t scenarios = 2000;         ///< Simulated dropout outcomes when the exact expectation is too large.
  std::uint64_t seed = 0;               ///< Seeds the simulation and the draw between equally good alternates.
  bool households = true;               ///< No alternate shares a household with a member or another alternate.
  std::vector<std::string> excluded = {};  ///< Ids that may not be alternates.
};

/// A ranked list of alternates and what it is expected to achieve.
struct Alternates {
  std::vector<std::size_t> ranked;          ///< Pool indexes, in the order they are called.
  double expected_violations_without = 0.0;  ///< Expected quota violations after dropouts, with no alternates.
  double expected_violations_with = 0.0;     ///< The same, with the list applied as described above.
  bool exact = false;                       ///< True: expectations over every dropout outcome; false: simulated.
  std::size_t scenarios = 0;                ///< Outcomes simulated (0 when exact).
};

/// Chooses `options.count` alternates for `panel` (pool indexes of the members of `group`).
/// @throws InvalidInput naming the field for a dropout probability outside [0, 1), an unknown id, a panel
/// that is not a set of pool indexes, or fewer eligible people than `count`.
[[nodiscard]] Alternates choose_alternates(const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& panel,
                                           const AlternatesOptions& options);

/// The quota violations of a set of members: members missing below each minimum and above each maximum,
/// summed over the group's quotas, plus empty seats.
[[nodiscard]] std::size_t quota_violations(const Pool& pool, const GroupSpec& group,
                                           const std::vector<std::size_t>& members);

/// Applies the list after dropouts: the members without `dropped`, then the alternates not in
/// `unavailable` are called in order, each taking an empty seat if that lowers the quota violations.
/// Returns the new members (sorted). @throws InvalidInput if a dropped person is not a member.
[[nodiscard]] std::vector<std::size_t> replace_dropouts(const Pool& pool, const GroupSpec& group,
                                                        const std::vector<std::size_t>& panel,
                                                        const std::vector<std::size_t>& ranked,
                                                        const std::vector<std::size_t>& dropped,
                                                        const std::vector<std::size_t>& unavailable);

/// Each person's probability of serving in group `group` once dropouts and alternates are counted, by
/// simulation: `draws` draws from the result's lottery (seeded by `options.seed`), for each the alternates
/// chosen as `options` says, dropouts of members and alternates drawn with their probabilities, and the list
/// applied. Set beside SelectionResult::group_probabilities (the chance of being drawn), it shows what the
/// alternates do to fairness: who gains a seat through them and who loses one by dropping out.
/// @throws InvalidInput as choose_alternates, or for a result without a lottery, `draws` = 0 or a group
/// index out of range.
[[nodiscard]] std::vector<double> serving_probabilities(const Pool& pool, const std::vector<GroupSpec>& groups,
                                                        const SelectionResult& result, std::size_t group,
                                                        const AlternatesOptions& options, std::size_t draws);

}  // namespace servicedesign::selection
