/// @file
/// Gates: the exit criteria of each step, checked against the project's evidence.
///
/// Every step has default criteria taken from the exit signals of SKR's six steps (Innovationsguiden,
/// innovationsguiden.se); a project may replace them per step. Project::check_gate() returns each unmet
/// criterion with a readable explanation; leaving a step with unmet criteria needs an explicit, logged
/// override.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// auto gate = default_gate(ProcessModel::skr(), 1);       // Explore
/// gate[0].min = 3;                                        // three focus areas are enough here
/// project.set_gate("explore", gate);
/// for (const auto& unmet : project.check_gate()) std::cout << unmet.explanation << '\n';
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/process/process_model.hpp"

namespace servicedesign::process {

/// What a criterion checks. Each reads the project's data; none is a mere checkbox.
enum class CriterionKind : std::uint8_t {
  challenge_written,      ///< Purpose, for whom, do what and how are filled in.
  goal_set,               ///< The challenge has a goal.
  target_segments_named,  ///< At least `min` target segments are named (the actors).
  min_focus_areas,        ///< At least `min` needs carry an insight backed by notes.
  target_segments_heard,  ///< Every target segment has at least `min` notes.
  development_areas,      ///< Between `min` and `max` opportunities are selected.
  min_chosen_ideas,       ///< At least `min` ideas are chosen.
  chosen_ideas_tested,    ///< Every chosen idea has a prototype test with an outcome.
  pilot_decided,          ///< At least `min` prototype tests ended in "pilot".
  owner_named,            ///< The project has an owner.
  min_workshops,          ///< At least `min` workshops were held.
};

/// Key of a criterion kind, e.g. `"min_focus_areas"`.
[[nodiscard]] std::string_view to_string(CriterionKind kind) noexcept;

/// One exit criterion of a step.
struct GateCriterion {
  std::string id{};          ///< Stable id within the step, e.g. `"focus_areas"`.
  CriterionKind kind = CriterionKind::challenge_written;  ///< What is checked.
  std::size_t min = 0;       ///< Lower bound where the kind has one.
  std::size_t max = 0;       ///< Upper bound where the kind has one (0: none).
  std::string description{}; ///< What the criterion asks, for people.
  friend bool operator==(const GateCriterion&, const GateCriterion&) = default;  ///< Member-wise equality.
};

/// A criterion that the project does not meet, with the reason in words.
struct UnmetCriterion {
  std::string criterion_id{}; ///< GateCriterion::id.
  std::string explanation{}; ///< e.g. "2 of 5 focus areas have evidence: ND01, ND04".
  friend bool operator==(const UnmetCriterion&, const UnmetCriterion&) = default;  ///< Member-wise equality.
};

/// Default exit criteria of SKR step `step` (its exit signal in Innovationsguiden, innovationsguiden.se).
[[nodiscard]] std::vector<GateCriterion> default_gate(SkrStep step);

/// Default exit criteria of step `step` of `model`: the criteria of the SKR steps it covers.
[[nodiscard]] std::vector<GateCriterion> default_gate(const ProcessModel& model, std::size_t step);

}  // namespace servicedesign::process
