#include "servicedesign/process/gates.hpp"

#include <algorithm>
#include <set>

#include "servicedesign/core/error.hpp"
#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

std::string_view to_string(CriterionKind kind) noexcept {
  switch (kind) {
    case CriterionKind::challenge_written: return "challenge_written";
    case CriterionKind::goal_set: return "goal_set";
    case CriterionKind::target_segments_named: return "target_segments_named";
    case CriterionKind::min_focus_areas: return "min_focus_areas";
    case CriterionKind::target_segments_heard: return "target_segments_heard";
    case CriterionKind::development_areas: return "development_areas";
    case CriterionKind::min_chosen_ideas: return "min_chosen_ideas";
    case CriterionKind::chosen_ideas_tested: return "chosen_ideas_tested";
    case CriterionKind::pilot_decided: return "pilot_decided";
    case CriterionKind::owner_named: return "owner_named";
    case CriterionKind::min_workshops: return "min_workshops";
  }
  return "unknown";
}

std::vector<GateCriterion> default_gate(SkrStep step) {
  using K = CriterionKind;
  switch (step) {
    case SkrStep::frame:
      return {{"challenge", K::challenge_written, 0, 0, "The challenge template is filled in (I want…, for whom, do what, how)"},
              {"goal", K::goal_set, 0, 0, "The project has a goal"},
              {"actors", K::target_segments_named, 1, 0, "The actors and target groups are named"}};
    case SkrStep::explore:
      return {{"focus_areas", K::min_focus_areas, 5, 0, "At least five focus areas (needs) are backed by notes"},
              {"every_group_heard", K::target_segments_heard, 1, 0, "Every target group has been heard"}};
    case SkrStep::focus:
      return {{"development_areas", K::development_areas, 1, 3, "One to three development areas are selected"}};
    case SkrStep::ideas:
      return {{"chosen_ideas", K::min_chosen_ideas, 1, 0, "At least one concrete idea is chosen"}};
    case SkrStep::test:
      return {{"tested", K::chosen_ideas_tested, 0, 0, "Every chosen idea has a prototype test with an outcome"}};
    case SkrStep::implement:
      return {{"pilot", K::pilot_decided, 1, 0, "A live pilot is running"},
              {"owner", K::owner_named, 0, 0, "The result has an owner"}};
  }
  return {};
}

std::vector<GateCriterion> default_gate(const ProcessModel& model, std::size_t step) {
  std::vector<GateCriterion> out;
  for (SkrStep skr : model.steps().at(step).skr_equivalents) {
    for (auto& c : default_gate(skr)) {
      const bool duplicate = std::any_of(out.begin(), out.end(), [&](const GateCriterion& o) { return o.id == c.id; });
      if (!duplicate) out.push_back(std::move(c));
    }
  }
  return out;
}

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// What a gate of one track reads: the insight phase sees the shared entities (empty track id); a
// working group's track sees its own workshops, notes, opportunities, ideas and tests, the insights on
// its group's need, the segments of its members, and counts its lead as the owner.
struct Scope {
  const Project& project;
  const Track& track;
  const WorkingGroup* group;  // null for the insight phase

  [[nodiscard]] bool is_phase() const { return group == nullptr; }
  [[nodiscard]] bool owns(const std::string& track_id) const { return track_id == track.id; }
  [[nodiscard]] bool owns_note(const Note& note) const { return owns(project.workshop(note.workshop_id).track_id); }
};

template <class Range, class Predicate>
std::size_t count(const Range& range, Predicate predicate) {
  return static_cast<std::size_t>(std::count_if(range.begin(), range.end(), predicate));
}

std::string focus_areas(const Scope& s, const GateCriterion& c) {
  if (s.is_phase()) {
    std::set<std::string> evidenced;
    for (const auto& i : s.project.insights()) {
      if (!i.need_id.empty() && !i.evidence.empty() && i.status != InsightStatus::archived) evidenced.insert(i.need_id);
    }
    if (evidenced.size() >= c.min) return "";
    return std::to_string(evidenced.size()) + " of the required " + std::to_string(c.min) +
           " focus areas are backed by notes" + (evidenced.empty() ? "" : " (" + join({evidenced.begin(), evidenced.end()}) + ")");
  }
  // A group works on one need: its focus areas are the insights on that need.
  const auto n = count(s.project.insights(), [&](const Insight& i) {
    return i.need_id == s.group->need_id && !i.evidence.empty() && i.status != InsightStatus::archived;
  });
  return n >= c.min ? "" : std::to_string(n) + " of the required " + std::to_string(c.min) + " insights on need " +
                               s.group->need_id + " are backed by notes";
}

std::string segments_heard(const Scope& s, const GateCriterion& c) {
  std::vector<std::string> segments = s.project.target_segments();
  if (!s.is_phase()) {  // a group hears the target segments its members (and lead) come from
    std::set<std::string> of_members;
    for (const auto& m : s.group->member_ids) of_members.insert(s.project.person(m).segment);
    if (!s.group->lead_id.empty()) of_members.insert(s.project.person(s.group->lead_id).segment);
    of_members.erase("");  // an erased member's seat has no segment
    if (of_members.empty()) return "working group '" + s.group->id + "' has no members yet";
    std::erase_if(segments, [&](const std::string& seg) { return !of_members.count(seg); });
  }
  std::vector<std::string> unheard;
  for (const auto& seg : segments) {
    const auto n = count(s.project.notes(), [&](const Note& note) { return note.segment == seg && s.owns_note(note); });
    if (n < std::max<std::size_t>(c.min, 1)) unheard.push_back(seg);
  }
  return unheard.empty() ? "" : "target segment(s) not heard yet: " + join(unheard);
}

// Returns the explanation when `c` is unmet, an empty string when it is met.
std::string evaluate(const Scope& s, const GateCriterion& c) {
  using K = CriterionKind;
  const Project& p = s.project;
  switch (c.kind) {
    case K::challenge_written: {
      const Challenge& ch = s.track.challenge;
      std::vector<std::string> missing;
      if (detail::trim(ch.purpose).empty()) missing.emplace_back("purpose");
      if (detail::trim(ch.for_whom).empty()) missing.emplace_back("for_whom");
      if (detail::trim(ch.do_what).empty()) missing.emplace_back("do_what");
      if (detail::trim(ch.how).empty()) missing.emplace_back("how");
      return missing.empty() ? "" : "the challenge lacks: " + join(missing);
    }
    case K::goal_set:
      return detail::trim(s.track.challenge.goal).empty() ? "the challenge has no goal" : "";
    case K::target_segments_named: {
      const auto n = p.target_segments().size();
      return n >= c.min ? "" : std::to_string(n) + " target segment(s) named, at least " + std::to_string(c.min) + " required";
    }
    case K::min_focus_areas:
      return focus_areas(s, c);
    case K::target_segments_heard:
      return segments_heard(s, c);
    case K::development_areas: {
      const auto n = count(p.opportunities(), [&](const Opportunity& o) { return o.selected && s.owns(o.track_id); });
      if (n >= c.min && (c.max == 0 || n <= c.max)) return "";
      return std::to_string(n) + " development area(s) selected, " + std::to_string(c.min) +
             (c.max == 0 ? " or more" : "-" + std::to_string(c.max)) + " required";
    }
    case K::min_chosen_ideas: {
      const auto n = count(p.ideas(), [&](const Idea& i) { return i.chosen && s.owns(i.track_id); });
      return n >= c.min ? "" : std::to_string(n) + " idea(s) chosen, at least " + std::to_string(c.min) + " required";
    }
    case K::chosen_ideas_tested: {
      std::vector<std::string> untested;
      for (const auto& idea : p.ideas()) {
        if (!idea.chosen || !s.owns(idea.track_id)) continue;
        const bool tested = std::any_of(p.prototype_tests().begin(), p.prototype_tests().end(), [&](const PrototypeTest& t) {
          return t.idea_id == idea.id && t.outcome != TestOutcome::pending;
        });
        if (!tested) untested.push_back(idea.id);
      }
      return untested.empty() ? "" : "chosen idea(s) without a tested prototype: " + join(untested);
    }
    case K::pilot_decided: {
      const auto n = count(p.prototype_tests(),
                           [&](const PrototypeTest& t) { return t.outcome == TestOutcome::pilot && s.owns(t.track_id); });
      return n >= c.min ? "" : std::to_string(n) + " prototype test(s) ended in a pilot, at least " + std::to_string(c.min) + " required";
    }
    case K::owner_named:
      if (s.is_phase()) return detail::trim(p.owner()).empty() ? "the project has no owner" : "";
      return s.group->lead_id.empty() ? "working group '" + s.group->id + "' has no lead to own the result" : "";
    case K::min_workshops: {
      const auto n = count(p.workshops(), [&](const Workshop& w) { return s.owns(w.track_id); });
      return n >= c.min ? "" : std::to_string(n) + " workshop(s) held, at least " + std::to_string(c.min) + " required";
    }
  }
  return "unknown criterion kind";
}

}  // namespace

std::vector<UnmetCriterion> Project::check_gate(std::string_view step_key, std::string_view track_id) const {
  const Track& t = track(track_id);
  const Scope scope{*this, t, t.id.empty() ? nullptr : &working_group(t.group_id)};
  const std::string_view step = step_key.empty() ? std::string_view(model().steps()[t.current_step].key) : step_key;
  std::vector<UnmetCriterion> out;
  for (const auto& c : gate(step, track_id)) {
    if (auto why = evaluate(scope, c); !why.empty()) out.push_back({c.id, std::move(why)});
  }
  return out;
}

}  // namespace servicedesign::process
