/// @file
/// Tracks: one run through a process model. A project has the shared insight phase (meeting places,
/// problem workshops, insights, prioritised needs) and one track per working group, in which the group
/// frames its own challenge, finds solutions and tests them live. Each track has its own current step,
/// gates and append-only decision log; groups start one after another.
///
/// Tracks are changed only through servicedesign::process::Project, which checks every move against the
/// project's process model and each gate against the evidence of that track.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// const Track& track = project.start_track({.group_id = "G1", .start_date = "2026-09-01"});
/// project.set_track_challenge(track.id, {"Vi vill ...", "fria kulturaktörer", "hitta lokaler", "tillsammans", ""});
/// project.advance({.who = "Lena", .rationale = "Utmaningen är skriven", .track = track.id});  // Frame -> Explore
/// project.close_track(track.id, {.who = "Lena", .rationale = "Gruppen har lämnat över piloten"});
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/process/entities.hpp"
#include "servicedesign/process/gates.hpp"

namespace servicedesign::process {

/// A request to move between steps. `who` is always required; `rationale` is required for
/// back-steps, gate overrides and closing a track.
struct Move {
  std::string who{};                  ///< Who decided.
  std::string rationale{};            ///< Why.
  std::vector<std::string> evidence{}; ///< Ids of entities (notes, insights, tests, …) that support it.
  std::string when{};                 ///< `YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]`; the current UTC time when empty.
  bool override_gate = false;         ///< Move forward although the gate has unmet criteria.
  std::string track{};                ///< The track that moves; empty for the shared insight phase.
};

/// Kind of a recorded move.
enum class DecisionKind : std::uint8_t {
  forward,    ///< To the next step.
  back_step,  ///< Back to an earlier step, with a reason.
  close,      ///< The track is closed (its work is done or stopped); no move follows.
};

/// Key of a decision kind: `"forward"`, `"back_step"` or `"close"`.
[[nodiscard]] std::string_view to_string(DecisionKind kind) noexcept;

/// One entry of a track's append-only decision log.
struct Decision {
  std::size_t sequence = 0;   ///< 1, 2, 3, … in order of recording within the track.
  DecisionKind kind = DecisionKind::forward;  ///< Forward, back-step or close.
  std::string from_step{};    ///< Step key before the move.
  std::string to_step{};      ///< Step key after the move (the same step when closing).
  std::string when{};         ///< ISO date-time.
  std::string who{};         ///< Who decided.
  std::string rationale{};   ///< Why.
  std::vector<std::string> evidence{};           ///< Entity ids.
  std::vector<std::string> overridden_criteria{}; ///< Unmet criteria overridden by this move (empty if none).
  friend bool operator==(const Decision&, const Decision&) = default;  ///< Member-wise equality.
};

/// A move a track may make now.
struct MoveOption {
  std::string to_step{}; ///< Target step key.
  DecisionKind kind{};  ///< Forward or back-step.
  bool needs_override{}; ///< Forward move whose gate is not met.
};

/// One run through the project's process model: the shared insight phase (empty id) or a working
/// group's own process. Read it from Project::insight_phase(), Project::track() or Project::tracks();
/// change it through the Project, which keeps it consistent.
struct Track {
  std::string id{};        ///< Stable id, unique among all the project's ids; generated (`TR1`, …) when empty.
  std::string group_id{};  ///< The working group whose process it is; empty for the insight phase.
  std::string start_date{}; ///< `YYYY-MM-DD` when the group starts (groups start one after another); may be empty.
  Challenge challenge{};   ///< The track's own challenge (SKR's template, Ringa in).
  std::size_t current_step = 0;  ///< Index into the project's model().steps().
  std::vector<Decision> decisions{};               ///< The append-only decision log.
  std::vector<std::vector<GateCriterion>> gates{}; ///< Exit criteria, one list per step of the model.
  bool closed = false;     ///< True once closed; a closed track refuses every move and new entity.
  friend bool operator==(const Track&, const Track&) = default;  ///< Member-wise equality.
};

}  // namespace servicedesign::process
