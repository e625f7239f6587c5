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

// Returns the explanation when `c` is unmet, an empty string when it is met.
std::string evaluate(const Project& p, const GateCriterion& c) {
  using K = CriterionKind;
  switch (c.kind) {
    case K::challenge_written: {
      const Challenge& ch = p.challenge();
      std::vector<std::string> missing;
      if (detail::trim(ch.purpose).empty()) missing.emplace_back("purpose");
      if (detail::trim(ch.for_whom).empty()) missing.emplace_back("for_whom");
      if (detail::trim(ch.do_what).empty()) missing.emplace_back("do_what");
      if (detail::trim(ch.how).empty()) missing.emplace_back("how");
      return missing.empty() ? "" : "the challenge lacks: " + join(missing);
    }
    case K::goal_set:
      return detail::trim(p.challenge().goal).empty() ? "the challenge has no goal" : "";
    case K::target_segments_named: {
      const auto n = p.target_segments().size();
      return n >= c.min ? "" : std::to_string(n) + " target segment(s) named, at least " + std::to_string(c.min) + " required";
    }
    case K::min_focus_areas: {
      std::set<std::string> evidenced;
      for (const auto& i : p.insights()) {
        if (!i.need_id.empty() && !i.evidence.empty() && i.status != InsightStatus::archived) evidenced.insert(i.need_id);
      }
      if (evidenced.size() >= c.min) return "";
      return std::to_string(evidenced.size()) + " of the required " + std::to_string(c.min) +
             " focus areas are backed by notes" + (evidenced.empty() ? "" : " (" + join({evidenced.begin(), evidenced.end()}) + ")");
    }
    case K::target_segments_heard: {
      std::vector<std::string> unheard;
      for (const auto& seg : p.target_segments()) {
        const auto n = static_cast<std::size_t>(std::count_if(p.notes().begin(), p.notes().end(),
                                                               [&](const Note& note) { return note.segment == seg; }));
        if (n < std::max<std::size_t>(c.min, 1)) unheard.push_back(seg);
      }
      return unheard.empty() ? "" : "target segment(s) not heard yet: " + join(unheard);
    }
    case K::development_areas: {
      const auto n = static_cast<std::size_t>(std::count_if(p.opportunities().begin(), p.opportunities().end(),
                                                            [](const Opportunity& o) { return o.selected; }));
      if (n >= c.min && (c.max == 0 || n <= c.max)) return "";
      return std::to_string(n) + " development area(s) selected, " + std::to_string(c.min) +
             (c.max == 0 ? " or more" : "-" + std::to_string(c.max)) + " required";
    }
    case K::min_chosen_ideas: {
      const auto n = static_cast<std::size_t>(
          std::count_if(p.ideas().begin(), p.ideas().end(), [](const Idea& i) { return i.chosen; }));
      return n >= c.min ? "" : std::to_string(n) + " idea(s) chosen, at least " + std::to_string(c.min) + " required";
    }
    case K::chosen_ideas_tested: {
      std::vector<std::string> untested;
      for (const auto& idea : p.ideas()) {
        if (!idea.chosen) continue;
        const bool tested = std::any_of(p.prototype_tests().begin(), p.prototype_tests().end(), [&](const PrototypeTest& t) {
          return t.idea_id == idea.id && t.outcome != TestOutcome::pending;
        });
        if (!tested) untested.push_back(idea.id);
      }
      return untested.empty() ? "" : "chosen idea(s) without a tested prototype: " + join(untested);
    }
    case K::pilot_decided: {
      const auto n = static_cast<std::size_t>(std::count_if(p.prototype_tests().begin(), p.prototype_tests().end(),
                                                            [](const PrototypeTest& t) { return t.outcome == TestOutcome::pilot; }));
      return n >= c.min ? "" : std::to_string(n) + " prototype test(s) ended in a pilot, at least " + std::to_string(c.min) + " required";
    }
    case K::owner_named:
      return detail::trim(p.owner()).empty() ? "the project has no owner" : "";
    case K::min_workshops: {
      const auto n = p.workshops().size();
      return n >= c.min ? "" : std::to_string(n) + " workshop(s) held, at least " + std::to_string(c.min) + " required";
    }
  }
  return "unknown criterion kind";
}

}  // namespace

std::vector<UnmetCriterion> Project::check_gate(std::string_view step_key) const {
  std::vector<UnmetCriterion> out;
  for (const auto& c : gate(step_key)) {
    if (auto why = evaluate(*this, c); !why.empty()) out.push_back({c.id, std::move(why)});
  }
  return out;
}

}  // namespace servicedesign::process
