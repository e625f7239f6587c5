/// @file
/// The programme view: where the insight phase and every working group's track stand, and the
/// timeline of their steps over dates (groups start one after another).
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// for (const TrackStatus& t : programme_view(project).tracks) {
///   std::cout << (t.track_id.empty() ? "insight phase" : t.group_name) << ": " << t.step << " since " << t.since
///             << ", " << t.unmet.size() << " unmet exit criteria\n";
/// }
/// for (const TimelineSpan& span : timeline(project)) std::cout << span.label << ' ' << span.step << ' ' << span.from << '\n';
/// @endcode
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "servicedesign/process/gates.hpp"

namespace servicedesign::process {

class Project;

/// Where one track stands now.
struct TrackStatus {
  std::string track_id{};  ///< Empty for the insight phase.
  std::string group_id{};  ///< The working group; empty for the insight phase.
  std::string group_name{}; ///< The group's name ("Insight phase" for the insight phase).
  std::string need_id{};   ///< The need the group works on; empty for the insight phase.
  std::string need_title{}; ///< That need's title.
  std::size_t members = 0;  ///< Members of the group (persons heard, for the insight phase: 0).
  std::string start_date{}; ///< When the track starts; the insight phase's first workshop or decision when not set.
  std::string step{};      ///< Key of the current step.
  std::string step_name{}; ///< Its English name (the model's step also has Swedish and Norwegian names).
  std::string since{};     ///< `YYYY-MM-DD` the track entered the current step; its start date before any move.
  std::vector<UnmetCriterion> unmet{}; ///< Unmet exit criteria of the current step (none once closed).
  std::size_t decisions = 0;   ///< Entries in the decision log.
  std::size_t back_steps = 0;  ///< Back-steps among them.
  std::size_t overrides = 0;   ///< Forward moves that overrode an unmet gate.
  std::size_t tests_pending = 0;  ///< Prototype tests of the track without an outcome yet.
  std::size_t tests_stop = 0;     ///< Tests that ended in "stop".
  std::size_t tests_iterate = 0;  ///< Tests that ended in "iterate".
  std::size_t tests_pilot = 0;    ///< Tests that ended in a live pilot.
  bool closed = false;    ///< The track is closed.
  std::string closed_on{}; ///< `YYYY-MM-DD` it was closed; empty while open.
  friend bool operator==(const TrackStatus&, const TrackStatus&) = default;  ///< Member-wise equality.
};

/// The whole programme: the insight phase first, then the groups' tracks by start date (tracks without
/// a date last, in the order started).
struct ProgrammeView {
  std::vector<TrackStatus> tracks{};               ///< One row per track.
  std::vector<std::string> groups_without_track{}; ///< Working groups whose process has not started.
};

/// Where every track of `project` stands.
[[nodiscard]] ProgrammeView programme_view(const Project& project);

/// A stretch of time one track spent in one step.
struct TimelineSpan {
  std::string track_id{};  ///< Empty for the insight phase.
  std::string label{};     ///< The group's name, or "Insight phase".
  std::size_t step_index = 0;  ///< Index into the model's steps.
  std::string step{};      ///< The step's key.
  std::string from{};      ///< `YYYY-MM-DD` the track entered the step.
  std::string to{};        ///< `YYYY-MM-DD` it left the step or was closed; empty while it is still there.
  friend bool operator==(const TimelineSpan&, const TimelineSpan&) = default;  ///< Member-wise equality.
};

/// Every track's steps over dates, in the order of programme_view(). A track's first span starts at its
/// start date (or, without one, its first workshop or decision); a track with no date at all has no spans.
[[nodiscard]] std::vector<TimelineSpan> timeline(const Project& project);

}  // namespace servicedesign::process
