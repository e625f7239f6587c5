#include "servicedesign/process/programme.hpp"

#include <algorithm>

#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

namespace {

std::string date_of(const std::string& when) { return when.substr(0, 10); }

// The track's start date, or without one the earliest date among its workshops and decisions.
std::string effective_start(const Project& project, const Track& track) {
  if (!track.start_date.empty()) return track.start_date;
  std::string earliest;
  const auto consider = [&](const std::string& date) {
    if (!date.empty() && (earliest.empty() || date < earliest)) earliest = date;
  };
  for (const auto& w : project.workshops()) {
    if (w.track_id == track.id) consider(w.date);
  }
  for (const auto& d : track.decisions) consider(date_of(d.when));
  return earliest;
}

TrackStatus status_of(const Project& project, const Track& track) {
  TrackStatus s;
  s.track_id = track.id;
  s.group_id = track.group_id;
  if (track.id.empty()) {
    s.group_name = "Insight phase";
  } else {
    const WorkingGroup& group = project.working_group(track.group_id);
    s.group_name = group.name.empty() ? group.id : group.name;
    s.need_id = group.need_id;
    s.need_title = project.need(group.need_id).title;
    s.members = group.member_ids.size();
  }
  s.start_date = effective_start(project, track);
  const StepInfo& step = project.model().steps()[track.current_step];
  s.step = step.key;
  s.step_name = step.name_en;
  s.since = s.start_date;
  for (const auto& d : track.decisions) {
    if (d.kind == DecisionKind::close) {
      s.closed_on = date_of(d.when);
    } else {
      s.since = date_of(d.when);
      if (d.kind == DecisionKind::back_step) ++s.back_steps;
      if (!d.overridden_criteria.empty()) ++s.overrides;
    }
  }
  s.decisions = track.decisions.size();
  s.closed = track.closed;
  if (!track.closed) s.unmet = project.check_gate(step.key, track.id);
  for (const auto& t : project.prototype_tests()) {
    if (t.track_id != track.id) continue;
    switch (t.outcome) {
      case TestOutcome::pending: ++s.tests_pending; break;
      case TestOutcome::stop: ++s.tests_stop; break;
      case TestOutcome::iterate: ++s.tests_iterate; break;
      case TestOutcome::pilot: ++s.tests_pilot; break;
    }
  }
  return s;
}

}  // namespace

ProgrammeView programme_view(const Project& project) {
  ProgrammeView view;
  view.tracks.push_back(status_of(project, project.insight_phase()));
  std::vector<TrackStatus> groups;
  for (const auto& t : project.tracks()) groups.push_back(status_of(project, t));
  std::stable_sort(groups.begin(), groups.end(), [](const TrackStatus& a, const TrackStatus& b) {
    if (a.start_date.empty() != b.start_date.empty()) return b.start_date.empty();
    return a.start_date < b.start_date;
  });
  for (auto& g : groups) view.tracks.push_back(std::move(g));
  for (const auto& g : project.working_groups()) {
    if (project.track_of_group(g.id) == nullptr) view.groups_without_track.push_back(g.id);
  }
  return view;
}

std::vector<TimelineSpan> timeline(const Project& project) {
  std::vector<TimelineSpan> spans;
  const auto& model = project.model();
  for (const TrackStatus& row : programme_view(project).tracks) {
    if (row.start_date.empty()) continue;  // not scheduled: nothing to draw
    const Track& track = project.track(row.track_id);
    std::size_t step = 0;
    std::string from = row.start_date;
    for (const auto& d : track.decisions) {
      const std::string when = date_of(d.when);
      spans.push_back({row.track_id, row.group_name, step, model.steps()[step].key, from, when});
      if (d.kind == DecisionKind::close) break;
      step = model.step_index(d.to_step);
      from = when;
    }
    if (!track.closed) spans.push_back({row.track_id, row.group_name, step, model.steps()[step].key, from, ""});
  }
  return spans;
}

}  // namespace servicedesign::process
