/// @file
/// Working groups → selection: fills a project's working groups fairly from its persons, in one call,
/// without converting between the parts by hand.
///
/// The instance follows from the project: the pool is the project's persons (their attributes and
/// households); each group's quotas are its `Quota`s, with every other value of those attributes
/// allowed; each group's lead and current members are kept and count towards its quotas and size;
/// nobody serves in two groups, and kept members' housemates are not drawn. Each group is filled to the
/// size within its `min_size`..`max_size` that keeps the lottery fairest (the lowest chance of being
/// chosen, relative to an equal share of the seats, is highest), or to a size the caller fixes.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// GroupSelectionOptions options;
/// options.selection.seed = 2026;
/// const GroupSelection chosen = select_working_groups(project, options);  // every group of the project
/// assign_members(project, chosen);                                         // written back into the groups
/// for (const auto& g : chosen.groups) std::cout << g.group_id << ": " << g.members.size() << " members\n";
/// @endcode
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "servicedesign/selection/select.hpp"

namespace servicedesign::process {

class Project;

/// How to fill the working groups.
struct GroupSelectionOptions {
  /// Algorithm, seed, households, progress and cancellation of the lottery. `already_selected` must
  /// stay empty (a group's kept members are its lead and current members); `excluded` persons are not drawn.
  selection::SelectionOptions selection{};
  /// Groups to fill, by id; empty: every working group of the project.
  std::vector<std::string> group_ids{};
  /// Sizes the caller fixes, by group id (members kept included); the other groups get the fairest size
  /// in their range.
  std::map<std::string, std::size_t> sizes{};
  /// Keep each group's current members (and its lead); false: only the lead is kept.
  bool keep_members = true;
  /// Allow members with attribute values a group's quotas do not name (e.g. a "mostly municipal" group
  /// may take a civil-society member); false bounds every unnamed value of a quota attribute to 0.
  bool other_values_allowed = true;
  /// Most size combinations tried exhaustively; beyond it, from the smallest sizes, each group's size is
  /// chosen in turn until a pass changes nothing.
  std::size_t max_size_combinations = 64;
};

/// One filled group.
struct SelectedGroup {
  std::string group_id{};             ///< The working group.
  std::size_t size = 0;               ///< Its size: kept plus drawn.
  std::vector<std::string> kept{};    ///< Lead and members kept, in that order.
  std::vector<std::string> drawn{};   ///< Persons drawn by the lottery, sorted.
  std::vector<std::string> members{}; ///< kept then drawn: what assign_members() writes.
};

/// The outcome of select_working_groups().
struct GroupSelection {
  std::vector<SelectedGroup> groups{};   ///< In the order of the groups filled.
  selection::SelectionResult result{};   ///< The lottery and draw behind it (group names are the group ids).
  std::vector<std::string> pool_ids{};   ///< Person id of each pool index of `result`.
  double fairness = 0.0;  ///< Lowest chance of being drawn divided by an equal share (seats drawn / people eligible); 1 is perfectly equal, 0 when nothing is drawn.
  /// Size combinations tried: sizes (one per group, in group order) and their fairness; infeasible ones are left out.
  std::vector<std::pair<std::vector<std::size_t>, double>> sizes_tried{};
};

/// Fills working groups of `project` fairly. The project is not changed; see assign_members().
/// @throws NotFound for an unknown group id; InvalidInput for a fixed size below the members a group keeps
///         (a fixed size outside min_size..max_size is the caller's choice), a person kept in two groups, or
///         kept members who break a quota's max;
///         selection::InfeasibleQuotas (naming the group by id, with the smallest relaxation) when no size in
///         the range can meet the quotas; Interrupted when the progress callback cancels.
[[nodiscard]] GroupSelection select_working_groups(const Project& project, const GroupSelectionOptions& options = {});

/// The project's persons as a selection pool for the features of `quotas`: the pool's quotas list every
/// value a person has (unbounded), so groups' quotas may name only the values that matter; a person
/// without an attribute gets the value "(not given)"; `segment` falls back to the person's segment.
[[nodiscard]] selection::Pool pool_of(const Project& project, const selection::Quotas& quotas);

/// Writes the members of every selected group into `project` (all groups or, on error, none).
/// @throws NotFound when a group or person no longer exists.
void assign_members(Project& project, const GroupSelection& selection);

}  // namespace servicedesign::process
