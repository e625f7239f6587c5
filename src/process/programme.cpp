#include "servicedesign/process/programme.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

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

// How a track is labelled in the views: its group's name (its id when unnamed), or "Insight phase".
std::string label_of(const Project& project, const Track& track) {
  if (track.id.empty()) return "Insight phase";
  const WorkingGroup& group = project.working_group(track.group_id);
  return group.name.empty() ? group.id : group.name;
}

TrackStatus status_of(const Project& project, const Track& track, const std::string& start) {
  TrackStatus s;
  s.track_id = track.id;
  s.group_id = track.group_id;
  s.group_name = label_of(project, track);
  if (!track.id.empty()) {
    const WorkingGroup& group = project.working_group(track.group_id);
    s.need_id = group.need_id;
    s.need_title = project.need(group.need_id).title;
    s.members = group.member_ids.size();
  }
  s.start_date = start;
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

// The tracks in programme order, each with its effective start: the insight phase first, then the groups by
// start date (tracks without one last, in the order started). Both views below walk this one order.
std::vector<std::pair<const Track*, std::string>> in_programme_order(const Project& project) {
  std::vector<std::pair<const Track*, std::string>> groups;
  for (const auto& t : project.tracks()) groups.emplace_back(&t, effective_start(project, t));
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    if (a.second.empty() != b.second.empty()) return b.second.empty();
    return a.second < b.second;
  });
  groups.insert(groups.begin(), {&project.insight_phase(), effective_start(project, project.insight_phase())});
  return groups;
}

}  // namespace

ProgrammeView programme_view(const Project& project) {
  ProgrammeView view;
  for (const auto& [track, start] : in_programme_order(project)) view.tracks.push_back(status_of(project, *track, start));
  for (const auto& g : project.working_groups()) {
    if (project.track_of_group(g.id) == nullptr) view.groups_without_track.push_back(g.id);
  }
  return view;
}

std::vector<TimelineSpan> timeline(const Project& project) {
  std::vector<TimelineSpan> spans;
  const auto& model = project.model();
  for (const auto& [track, start] : in_programme_order(project)) {
    if (start.empty()) continue;  // not scheduled: nothing to draw
    const std::string label = label_of(project, *track);
    std::size_t step = 0;
    std::string from = start;
    for (const auto& d : track->decisions) {
      const std::string when = date_of(d.when);
      spans.push_back({track->id, label, step, model.steps()[step].key, from, when});
      if (d.kind == DecisionKind::close) break;
      step = model.step_index(d.to_step);
      from = when;
    }
    if (!track->closed) spans.push_back({track->id, label, step, model.steps()[step].key, from, ""});
  }
  return spans;
}

}  // namespace servicedesign::process
