// Small builders for the process entities, so that fixtures read as one line per entity.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "servicedesign/process/entities.hpp"
#include "servicedesign/process/project.hpp"

namespace servicedesign::testing {

namespace sp = servicedesign::process;

/// A move decided by `who`, with a fixed date so that tests never read the clock.
inline sp::Move move_by(std::string who, std::string rationale = {}, std::vector<std::string> evidence = {},
                        std::string when = "2026-03-01T10:00:00Z") {
  sp::Move m;
  m.who = std::move(who);
  m.rationale = std::move(rationale);
  m.evidence = std::move(evidence);
  m.when = std::move(when);
  return m;
}

/// A forward move that overrides an unmet gate.
inline sp::Move override_by(std::string who, std::string rationale, std::vector<std::string> evidence = {},
                            std::string when = "2026-03-01T10:00:00Z") {
  sp::Move m = move_by(std::move(who), std::move(rationale), std::move(evidence), std::move(when));
  m.override_gate = true;
  return m;
}

/// The same move, made on track `track`.
inline sp::Move on_track(sp::Move move, std::string track) {
  move.track = std::move(track);
  return move;
}

/// A track for working group `group_id` (id generated when empty).
inline sp::Track make_track(std::string group_id, std::string id = {}, std::string start_date = {}) {
  sp::Track t;
  t.group_id = std::move(group_id);
  t.id = std::move(id);
  t.start_date = std::move(start_date);
  return t;
}

inline sp::Challenge make_challenge(std::string purpose, std::string for_whom, std::string do_what, std::string how,
                                    std::string goal) {
  sp::Challenge c;
  c.purpose = std::move(purpose);
  c.for_whom = std::move(for_whom);
  c.do_what = std::move(do_what);
  c.how = std::move(how);
  c.goal = std::move(goal);
  return c;
}

inline sp::Segment make_segment(std::string key, std::string name, bool target = true) {
  sp::Segment s;
  s.key = std::move(key);
  s.name = std::move(name);
  s.target = target;
  return s;
}

inline sp::Need make_need(std::string id, std::string title, std::string description = {}) {
  sp::Need n;
  n.id = std::move(id);
  n.title = std::move(title);
  n.description = std::move(description);
  return n;
}

inline sp::Person make_person(std::string id, std::string name, std::string segment,
                              sp::Consent consent = sp::Consent::internal,
                              std::map<std::string, std::string> attributes = {}, std::string household = {}) {
  sp::Person p;
  p.id = std::move(id);
  p.name = std::move(name);
  p.segment = std::move(segment);
  p.consent = consent;
  p.attributes = std::move(attributes);
  p.household = std::move(household);
  return p;
}

inline sp::Arena make_arena(std::string id, std::string name, std::vector<std::string> segments, bool existing = true,
                            std::string host = {}) {
  sp::Arena a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.segments = std::move(segments);
  a.existing = existing;
  a.host = std::move(host);
  return a;
}

inline sp::Facilitator make_facilitator(std::string name, bool trained) {
  sp::Facilitator f;
  f.name = std::move(name);
  f.trained = trained;
  return f;
}

inline sp::Workshop make_workshop(std::string id, std::string arena_id, std::string date,
                                  sp::WorkshopKind kind = sp::WorkshopKind::problem_workshop,
                                  std::vector<sp::Facilitator> facilitators = {},
                                  std::vector<std::string> segments_present = {}) {
  sp::Workshop w;
  w.id = std::move(id);
  w.arena_id = std::move(arena_id);
  w.date = std::move(date);
  w.kind = kind;
  w.facilitators = std::move(facilitators);
  w.segments_present = std::move(segments_present);
  return w;
}

inline sp::Note make_note(std::string id, std::string workshop_id, std::string segment, std::string text,
                          sp::NoteKind kind = sp::NoteKind::problem, std::string person_id = {},
                          sp::Consent consent = sp::Consent::internal) {
  sp::Note n;
  n.id = std::move(id);
  n.workshop_id = std::move(workshop_id);
  n.segment = std::move(segment);
  n.text = std::move(text);
  n.kind = kind;
  n.person_id = std::move(person_id);
  n.consent = consent;
  return n;
}

inline sp::Insight make_insight(std::string id, std::string need_id, std::vector<std::string> evidence,
                                sp::InsightStatus status = sp::InsightStatus::draft, std::string who = "residents",
                                std::string what = "a place to meet", std::string why = "they feel alone") {
  sp::Insight i;
  i.id = std::move(id);
  i.need_id = std::move(need_id);
  i.evidence = std::move(evidence);
  i.status = status;
  i.who = std::move(who);
  i.what = std::move(what);
  i.why = std::move(why);
  return i;
}

inline sp::Opportunity make_opportunity(std::string id, std::string how_might_we, std::vector<std::string> insight_ids,
                                        bool selected = false) {
  sp::Opportunity o;
  o.id = std::move(id);
  o.how_might_we = std::move(how_might_we);
  o.insight_ids = std::move(insight_ids);
  o.selected = selected;
  return o;
}

inline sp::Idea make_idea(std::string id, std::string opportunity_id, std::string title, bool chosen = false,
                          std::string description = {}) {
  sp::Idea i;
  i.id = std::move(id);
  i.opportunity_id = std::move(opportunity_id);
  i.title = std::move(title);
  i.chosen = chosen;
  i.description = std::move(description);
  return i;
}

inline sp::PrototypeTest make_test(std::string id, std::string idea_id, std::vector<std::string> tester_ids = {},
                                   sp::TestOutcome outcome = sp::TestOutcome::pending, std::string plan = "paper prototype") {
  sp::PrototypeTest t;
  t.id = std::move(id);
  t.idea_id = std::move(idea_id);
  t.tester_ids = std::move(tester_ids);
  t.outcome = outcome;
  t.plan = std::move(plan);
  return t;
}

inline sp::Quota make_quota(std::string attribute, std::string value, std::size_t min, std::size_t max) {
  sp::Quota q;
  q.attribute = std::move(attribute);
  q.value = std::move(value);
  q.min = min;
  q.max = max;
  return q;
}

inline sp::WorkingGroup make_group(std::string id, std::string need_id, std::string name,
                                   std::vector<std::string> member_ids, std::vector<sp::Quota> quotas = {},
                                   std::string lead_id = {}) {
  sp::WorkingGroup g;
  g.id = std::move(id);
  g.need_id = std::move(need_id);
  g.name = std::move(name);
  g.member_ids = std::move(member_ids);
  g.quotas = std::move(quotas);
  g.lead_id = std::move(lead_id);
  return g;
}

inline sp::GateCriterion make_criterion(std::string id, sp::CriterionKind kind, std::size_t min = 0,
                                        std::size_t max = 0, std::string description = "custom criterion") {
  sp::GateCriterion c;
  c.id = std::move(id);
  c.kind = kind;
  c.min = min;
  c.max = max;
  c.description = std::move(description);
  return c;
}

}  // namespace servicedesign::testing
