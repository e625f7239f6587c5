#include "servicedesign/process/project.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <utility>

#include "servicedesign/core/error.hpp"
#include "servicedesign/process/privacy.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

template <class T>
const T& require(const T* found, std::string_view kind, std::string_view id) {
  if (found == nullptr) throw NotFound("unknown " + std::string(kind) + " '" + std::string(id) + "'");
  return *found;
}

// Ids and values quoted in messages may come from a file (a CSV import): only their start is quoted.
std::string field_error(std::string_view kind, std::string_view id, std::string_view field) {
  return std::string(kind) + (id.empty() ? "" : " '" + detail::excerpt(id) + "'") + ", field '" + std::string(field) + "'";
}

bool is_language_code(std::string_view code) {
  return (code.size() == 2 || code.size() == 3) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Restores the id counter when the add it guards throws, so that a failed add leaves the project unchanged.
class IdCounterGuard {
 public:
  explicit IdCounterGuard(std::size_t& counter)
      : counter_(counter), saved_(counter), exceptions_(std::uncaught_exceptions()) {}
  IdCounterGuard(const IdCounterGuard&) = delete;
  IdCounterGuard& operator=(const IdCounterGuard&) = delete;
  ~IdCounterGuard() {
    if (std::uncaught_exceptions() > exceptions_) counter_ = saved_;
  }

 private:
  std::size_t& counter_;
  std::size_t saved_;
  int exceptions_;
};

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(sep)) + item;
  return out;
}

}  // namespace

std::string_view to_string(DecisionKind kind) noexcept {
  switch (kind) {
    case DecisionKind::forward: return "forward";
    case DecisionKind::back_step: return "back_step";
    case DecisionKind::close: return "close";
  }
  return "unknown";
}

Project::Project(std::string name, ProcessModel model) : name_(std::move(name)), model_(std::move(model)) {
  if (detail::trim(name_).empty()) throw InvalidInput("a project needs a name");
  for (std::size_t i = 0; i < model_.steps().size(); ++i) phase_.gates.push_back(default_gate(model_, i));
}

// ----- ids -------------------------------------------------------------------------------------

bool Project::contains_id(std::string_view id) const noexcept {
  return needs_.find(id) || persons_.find(id) || arenas_.find(id) || workshops_.find(id) || notes_.find(id) ||
         insights_.find(id) || opportunities_.find(id) || ideas_.find(id) || tests_.find(id) || groups_.find(id) ||
         tracks_.find(id) || erasure(id) != nullptr;  // a purge's id names no record but is taken
}

std::string Project::next_id(std::string_view prefix) {
  std::string candidate;
  do {
    candidate = std::string(prefix) + std::to_string(++id_counter_);
  } while (contains_id(candidate));
  return candidate;
}

void Project::require_new_id(const std::string& id, std::string_view kind) const {
  if (detail::trim(id) != id || id.empty()) {
    throw InvalidInput(field_error(kind, id, "id") + ": ids must be non-empty without surrounding spaces");
  }
  if (contains_id(id)) throw InvalidInput(field_error(kind, id, "id") + ": the id is already in use");
}

void Project::require_evidence_ids(const std::vector<std::string>& ids) const {
  for (const auto& id : ids) {
    if (!contains_id(id)) throw NotFound("evidence id '" + id + "' names nothing in the project");
  }
}

// ----- tracks and steps -------------------------------------------------------------------------------

namespace {

// How a track is named in messages: "track 'TR2' (working group G2)" or "the insight phase".
std::string track_label(const Track& track) {
  return track.id.empty() ? std::string("the insight phase")
                          : "track '" + track.id + "' (working group '" + track.group_id + "')";
}

std::string closed_message(const Track& track) {
  if (track.decisions.empty() || track.decisions.back().kind != DecisionKind::close) {
    return track_label(track) + " is closed; a closed track takes no more moves or entities";
  }
  const Decision& closing = track.decisions.back();
  return track_label(track) + " was closed on " + closing.when.substr(0, 10) + " by " + closing.who + " (\"" +
         closing.rationale + "\"); a closed track takes no more moves or entities";
}

}  // namespace

const Track& Project::track(std::string_view track_id) const {
  if (track_id.empty()) return phase_;
  return require(tracks_.find(track_id), "track", track_id);
}

Track& Project::mutable_track(std::string_view track_id) {
  if (track_id.empty()) return phase_;
  Track* found = tracks_.find(track_id);
  if (found == nullptr) throw NotFound("unknown track '" + std::string(track_id) + "'");
  return *found;
}

void Project::require_open_track(std::string_view track_id, std::string_view kind, std::string_view id) const {
  if (track_id.empty()) return;
  const Track* found = tracks_.find(track_id);
  if (found == nullptr) throw NotFound(field_error(kind, id, "track") + ": unknown track '" + std::string(track_id) + "'");
  if (found->closed) throw StateError(field_error(kind, id, "track") + ": " + closed_message(*found));
}

const Track* Project::track_of_group(std::string_view group_id) const {
  (void)working_group(group_id);  // throws NotFound for an unknown group
  const auto it = std::find_if(tracks_.items.begin(), tracks_.items.end(),
                               [&](const Track& t) { return t.group_id == group_id; });
  return it == tracks_.items.end() ? nullptr : &*it;
}

const Track& Project::start_track(Track track) {
  const IdCounterGuard id_guard(id_counter_);  // a failed start must not use up an id
  if (track.id.empty()) track.id = next_id("TR");
  require_new_id(track.id, "track");
  if (!groups_.find(track.group_id)) {
    throw NotFound(field_error("track", track.id, "group_id") + ": unknown working group '" + track.group_id + "'");
  }
  if (const Track* existing = track_of_group(track.group_id)) {
    throw InvalidInput(field_error("track", track.id, "group_id") + ": working group '" + track.group_id +
                       "' already has track '" + existing->id + "'; a group runs one process");
  }
  if (!track.start_date.empty() && !detail::is_iso_date(track.start_date)) {
    throw InvalidInput(field_error("track", track.id, "start_date") + ": '" + track.start_date +
                       "' is not a date YYYY-MM-DD");
  }
  if (track.current_step != 0 || !track.decisions.empty() || !track.gates.empty() || track.closed) {
    throw InvalidInput(field_error("track", track.id, "current_step") +
                       ": a track starts in the model's first step with an empty log and default gates; "
                       "leave current_step, decisions, gates and closed unset");
  }
  for (std::size_t i = 0; i < model_.steps().size(); ++i) track.gates.push_back(default_gate(model_, i));
  return tracks_.add(std::move(track));
}

void Project::set_track_challenge(std::string_view track_id, Challenge challenge) {
  Track& track = mutable_track(track_id);
  if (track.closed) throw StateError(closed_message(track));
  track.challenge = std::move(challenge);
}

const Decision& Project::record_move(Track& track, std::size_t to, DecisionKind kind, const Move& move,
                                     std::vector<std::string> overridden) {
  if (detail::trim(move.who).empty()) throw InvalidInput("a move must say who decided (field 'who')");
  if (!move.when.empty() && !detail::is_iso_date_time(move.when)) {
    throw InvalidInput("field 'when': '" + move.when + "' is not an ISO date or date-time (YYYY-MM-DD[THH:MM:SS])");
  }
  require_evidence_ids(move.evidence);
  const std::string when = move.when.empty() ? detail::utc_now_iso() : move.when;
  // The log is a history: a move is not dated before the track starts or before its last decision.
  if (!track.start_date.empty() && when.substr(0, 10) < track.start_date) {
    throw InvalidInput(track_label(track) + " starts on " + track.start_date + "; a move dated " + when.substr(0, 10) +
                       " comes before it (field 'when')");
  }
  if (!track.decisions.empty() && when.substr(0, 10) < track.decisions.back().when.substr(0, 10)) {
    throw InvalidInput(track_label(track) + ": a move dated " + when.substr(0, 10) + " comes before its last decision (" +
                       track.decisions.back().when.substr(0, 10) + "); decisions are logged in order (field 'when')");
  }
  Decision decision;
  decision.sequence = track.decisions.size() + 1;
  decision.kind = kind;
  decision.from_step = model_.steps()[track.current_step].key;
  decision.to_step = model_.steps()[to].key;
  decision.when = when;
  decision.who = move.who;
  decision.rationale = move.rationale;
  decision.evidence = move.evidence;
  decision.overridden_criteria = std::move(overridden);
  track.decisions.push_back(std::move(decision));
  track.current_step = to;
  if (kind == DecisionKind::close) track.closed = true;
  return track.decisions.back();
}

const Decision& Project::advance(const Move& move) {
  Track& track = mutable_track(move.track);
  if (track.closed) throw StateError(closed_message(track));
  const auto& steps = model_.steps();
  const std::size_t here = track.current_step;
  if (here + 1 >= steps.size()) {
    throw StateError(track_label(track) + " is in the last step ('" + steps[here].key + "'); there is no next step" +
                     (track.id.empty() ? "" : " (close_track records that the work is done)"));
  }
  const auto unmet = check_gate(steps[here].key, move.track);
  std::vector<std::string> overridden;
  if (!unmet.empty()) {
    if (!move.override_gate) {
      std::string list;
      for (const auto& u : unmet) list += "\n  - " + u.criterion_id + ": " + u.explanation;
      throw StateError(track_label(track) + " cannot leave step '" + steps[here].key + "': " +
                       std::to_string(unmet.size()) +
                       " exit criteria are unmet (set override_gate with a rationale to move on anyway):" + list);
    }
    if (detail::trim(move.rationale).empty()) {
      throw InvalidInput("a gate override needs a rationale (field 'rationale')");
    }
    for (const auto& u : unmet) overridden.push_back(u.criterion_id);
  }
  return record_move(track, here + 1, DecisionKind::forward, move, std::move(overridden));
}

const Decision& Project::step_back(std::string_view to_step, const Move& move) {
  Track& track = mutable_track(move.track);
  if (track.closed) throw StateError(closed_message(track));
  const std::size_t to = model_.step_index(to_step);
  const std::size_t here = track.current_step;
  const auto& steps = model_.steps();
  if (to >= here) {
    throw StateError("'" + steps[to].key + "' is not before the current step '" + steps[here].key + "' of " +
                     track_label(track) + "; step_back only goes back (use advance to move forward one step)");
  }
  if (!model_.is_back_step_allowed(here, to)) {
    std::vector<std::string> allowed;
    for (auto s : model_.back_steps_from(here)) allowed.push_back(steps[s].key);
    throw StateError("moving " + track_label(track) + " back from '" + steps[here].key + "' to '" + steps[to].key +
                     "' is not a back-step of model '" + model_.key() + "'; allowed from here: " +
                     (allowed.empty() ? std::string("none") : join(allowed)));
  }
  if (detail::trim(move.rationale).empty()) {
    throw InvalidInput("a back-step needs a written reason (field 'rationale'), e.g. \"we need more interviews\"");
  }
  return record_move(track, to, DecisionKind::back_step, move, {});
}

const Decision& Project::close_track(std::string_view track_id, const Move& move) {
  if (track_id.empty()) throw InvalidInput("the insight phase is not closed; close the working groups' tracks");
  if (!move.track.empty() && move.track != track_id) {
    throw InvalidInput("field 'track' of the move is '" + move.track + "' but track '" + std::string(track_id) +
                       "' is being closed");
  }
  Track& track = mutable_track(track_id);
  if (track.closed) throw StateError(closed_message(track));
  if (detail::trim(move.rationale).empty()) {
    throw InvalidInput("closing a track needs a written reason (field 'rationale'), e.g. \"the pilot is handed over\"");
  }
  return record_move(track, track.current_step, DecisionKind::close, move, {});
}

std::vector<MoveOption> Project::allowed_moves(std::string_view track_id) const {
  const Track& t = track(track_id);
  std::vector<MoveOption> out;
  if (t.closed) return out;
  if (t.current_step + 1 < model_.steps().size()) {
    out.push_back({model_.steps()[t.current_step + 1].key, DecisionKind::forward,
                   !check_gate(model_.steps()[t.current_step].key, track_id).empty()});
  }
  for (auto to : model_.back_steps_from(t.current_step)) {
    out.push_back({model_.steps()[to].key, DecisionKind::back_step, false});
  }
  return out;
}

// ----- gates -------------------------------------------------------------------------------------

const std::vector<GateCriterion>& Project::gate(std::string_view step_key, std::string_view track_id) const {
  return track(track_id).gates[model_.step_index(step_key)];
}

void Project::set_gate(std::string_view step_key, std::vector<GateCriterion> criteria, std::string_view track_id) {
  Track& track = mutable_track(track_id);
  if (track.closed) throw StateError(closed_message(track));
  const std::size_t step = model_.step_index(step_key);
  std::set<std::string> ids;
  for (const auto& c : criteria) {
    if (c.id.empty()) throw InvalidInput("gate criterion of step '" + std::string(step_key) + "': field 'id' is empty");
    if (!ids.insert(c.id).second) throw InvalidInput("gate of step '" + std::string(step_key) + "': duplicate criterion id '" + c.id + "'");
    if (c.max != 0 && c.min > c.max) {
      throw InvalidInput("gate criterion '" + c.id + "': field 'min' (" + std::to_string(c.min) +
                         ") is greater than field 'max' (" + std::to_string(c.max) + ")");
    }
  }
  track.gates[step] = std::move(criteria);
}

std::vector<UnmetCriterion> Project::check_gate() const { return check_gate(current_step().key); }

// ----- adding entities -----------------------------------------------------------------------------

const Segment& Project::add_segment(Segment segment) {
  segment.key = detail::trim(segment.key);
  if (segment.key.empty()) throw InvalidInput("segment: field 'key' is empty");
  if (segments_.find(segment.key)) throw InvalidInput(field_error("segment", segment.key, "key") + ": already exists");
  if (segment.name.empty()) segment.name = segment.key;
  return segments_.add(std::move(segment));
}

const Need& Project::add_need(Need need) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (need.id.empty()) need.id = next_id("ND");
  require_new_id(need.id, "need");
  if (detail::trim(need.title).empty()) throw InvalidInput(field_error("need", need.id, "title") + ": is empty");
  std::set<std::string> unique;
  for (const auto& id : need.source_notes) {
    if (!notes_.find(id)) throw NotFound(field_error("need", need.id, "source_notes") + ": unknown note '" + detail::excerpt(id) + "'");
    if (!unique.insert(id).second) {
      throw InvalidInput(field_error("need", need.id, "source_notes") + ": note '" + detail::excerpt(id) + "' is listed twice");
    }
  }
  return needs_.add(std::move(need));
}

const Person& Project::add_person(Person person) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (person.id.empty()) person.id = next_id("P");
  require_new_id(person.id, "person");
  if (!person.segment.empty() && !segments_.find(person.segment)) {
    throw NotFound(field_error("person", person.id, "segment") + ": unknown segment '" + detail::excerpt(person.segment) + "'");
  }
  return persons_.add(std::move(person));
}

const Arena& Project::add_arena(Arena arena) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (arena.id.empty()) arena.id = next_id("A");
  require_new_id(arena.id, "arena");
  if (detail::trim(arena.name).empty()) throw InvalidInput(field_error("arena", arena.id, "name") + ": is empty");
  for (const auto& s : arena.segments) {
    if (!segments_.find(s)) throw NotFound(field_error("arena", arena.id, "segments") + ": unknown segment '" + detail::excerpt(s) + "'");
  }
  return arenas_.add(std::move(arena));
}

const Workshop& Project::add_workshop(Workshop workshop) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (workshop.id.empty()) workshop.id = next_id("W");
  require_new_id(workshop.id, "workshop");
  if (!arenas_.find(workshop.arena_id)) {
    throw NotFound(field_error("workshop", workshop.id, "arena") + ": unknown arena '" + detail::excerpt(workshop.arena_id) + "'");
  }
  if (!detail::is_iso_date(workshop.date)) {
    throw InvalidInput(field_error("workshop", workshop.id, "date") + ": '" + detail::excerpt(workshop.date) + "' is not a date YYYY-MM-DD");
  }
  for (const auto& s : workshop.segments_present) {
    if (!segments_.find(s)) {
      throw NotFound(field_error("workshop", workshop.id, "segments_present") + ": unknown segment '" + detail::excerpt(s) + "'");
    }
  }
  for (const auto& f : workshop.facilitators) {
    if (detail::trim(f.name).empty()) throw InvalidInput(field_error("workshop", workshop.id, "facilitators") + ": a facilitator has no name");
  }
  require_open_track(workshop.track_id, "workshop", workshop.id);
  return workshops_.add(std::move(workshop));
}

const Note& Project::record_note(Note note) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (note.id.empty()) note.id = next_id("N");
  require_new_id(note.id, "note");
  if (detail::trim(note.text).empty()) throw InvalidInput(field_error("note", note.id, "text") + ": is empty");
  const Workshop* workshop = workshops_.find(note.workshop_id);
  if (!workshop) throw NotFound(field_error("note", note.id, "workshop") + ": unknown workshop '" + detail::excerpt(note.workshop_id) + "'");
  require_open_track(workshop->track_id, "note", note.id);
  if (!segments_.find(note.segment)) {
    throw NotFound(field_error("note", note.id, "segment") + ": unknown segment '" + detail::excerpt(note.segment) + "'");
  }
  if (note.arena_id.empty()) note.arena_id = workshop->arena_id;
  if (note.arena_id != workshop->arena_id) {
    throw InvalidInput(field_error("note", note.id, "arena") + ": '" + detail::excerpt(note.arena_id) + "' but workshop '" +
                       workshop->id + "' was held at '" + workshop->arena_id + "'");
  }
  if (note.date.empty()) note.date = workshop->date;
  if (!detail::is_iso_date(note.date)) {
    throw InvalidInput(field_error("note", note.id, "date") + ": '" + detail::excerpt(note.date) + "' is not a date YYYY-MM-DD");
  }
  if (!note.language.empty() && !is_language_code(note.language)) {
    throw InvalidInput(field_error("note", note.id, "language") + ": '" + detail::excerpt(note.language) +
                       "' is not an ISO 639 code such as sv, nb, nn, da or en");
  }
  if (!note.person_id.empty()) {
    const Person* person = persons_.find(note.person_id);
    if (!person) throw NotFound(field_error("note", note.id, "person") + ": unknown person '" + detail::excerpt(note.person_id) + "'");
    note.consent = effective_consent(note.consent, person->consent);  // never more than its author allows
  }
  return notes_.add(std::move(note));
}

std::size_t Project::participant_count(const Insight& insight) const {
  std::set<std::string> participants;
  for (const auto& id : insight.evidence) {
    if (const Note* n = notes_.find(id)) {
      participants.insert(n->person_id.empty() ? "anonymous:" + n->workshop_id + ":" + n->segment : "person:" + n->person_id);
    }
  }
  return participants.size();
}

const Insight& Project::add_insight(Insight insight) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (insight.id.empty()) insight.id = next_id("I");
  require_new_id(insight.id, "insight");
  if (insight.evidence.empty()) {
    throw InvalidInput(field_error("insight", insight.id, "evidence") + ": an insight needs at least one note");
  }
  std::set<std::string> unique;
  for (const auto& id : insight.evidence) {
    if (!notes_.find(id)) throw NotFound(field_error("insight", insight.id, "evidence") + ": unknown note '" + detail::excerpt(id) + "'");
    if (!unique.insert(id).second) throw InvalidInput(field_error("insight", insight.id, "evidence") + ": note '" + detail::excerpt(id) + "' is listed twice");
  }
  if (!insight.need_id.empty() && !needs_.find(insight.need_id)) {
    throw NotFound(field_error("insight", insight.id, "need") + ": unknown need '" + detail::excerpt(insight.need_id) + "'");
  }
  if (insight.status != InsightStatus::draft && participant_count(insight) < 2) {
    throw StateError(field_error("insight", insight.id, "status") + ": '" + std::string(to_string(insight.status)) +
                     "' needs evidence from at least two participants, it has " +
                     std::to_string(participant_count(insight)));
  }
  return insights_.add(std::move(insight));
}

const Opportunity& Project::add_opportunity(Opportunity opportunity) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (opportunity.id.empty()) opportunity.id = next_id("O");
  require_new_id(opportunity.id, "opportunity");
  if (detail::trim(opportunity.how_might_we).empty()) {
    throw InvalidInput(field_error("opportunity", opportunity.id, "how_might_we") + ": is empty");
  }
  for (const auto& id : opportunity.insight_ids) {
    if (!insights_.find(id)) throw NotFound(field_error("opportunity", opportunity.id, "insights") + ": unknown insight '" + id + "'");
  }
  require_open_track(opportunity.track_id, "opportunity", opportunity.id);
  return opportunities_.add(std::move(opportunity));
}

const Idea& Project::add_idea(Idea idea) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (idea.id.empty()) idea.id = next_id("IDEA");
  require_new_id(idea.id, "idea");
  if (detail::trim(idea.title).empty()) throw InvalidInput(field_error("idea", idea.id, "title") + ": is empty");
  if (!idea.opportunity_id.empty()) {
    const Opportunity* opportunity = opportunities_.find(idea.opportunity_id);
    if (!opportunity) {
      throw NotFound(field_error("idea", idea.id, "opportunity") + ": unknown opportunity '" + idea.opportunity_id + "'");
    }
    // A group's idea may answer a shared opportunity; an opportunity of one group is not another's.
    if (idea.track_id.empty()) idea.track_id = opportunity->track_id;
    if (!opportunity->track_id.empty() && opportunity->track_id != idea.track_id) {
      throw InvalidInput(field_error("idea", idea.id, "track") + ": '" + idea.track_id + "' but opportunity '" +
                         opportunity->id + "' belongs to track '" + opportunity->track_id + "'");
    }
  }
  require_open_track(idea.track_id, "idea", idea.id);
  return ideas_.add(std::move(idea));
}

const PrototypeTest& Project::add_prototype_test(PrototypeTest test) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (test.id.empty()) test.id = next_id("T");
  require_new_id(test.id, "prototype test");
  const Idea* idea = ideas_.find(test.idea_id);
  if (!idea) throw NotFound(field_error("prototype test", test.id, "idea") + ": unknown idea '" + test.idea_id + "'");
  if (test.track_id.empty()) test.track_id = idea->track_id;
  if (test.track_id != idea->track_id) {
    throw InvalidInput(field_error("prototype test", test.id, "track") + ": '" + test.track_id + "' but idea '" +
                       idea->id + "' belongs to " + (idea->track_id.empty() ? std::string("the insight phase")
                                                                            : "track '" + idea->track_id + "'"));
  }
  require_open_track(test.track_id, "prototype test", test.id);
  for (const auto& p : test.tester_ids) {
    if (!persons_.find(p)) throw NotFound(field_error("prototype test", test.id, "testers") + ": unknown person '" + p + "'");
  }
  return tests_.add(std::move(test));
}

const WorkingGroup& Project::add_working_group(WorkingGroup group) {
  const IdCounterGuard id_guard(id_counter_);  // a failed add must not use up an id
  if (group.id.empty()) group.id = next_id("G");
  require_new_id(group.id, "working group");
  if (!needs_.find(group.need_id)) throw NotFound(field_error("working group", group.id, "need") + ": unknown need '" + detail::excerpt(group.need_id) + "'");
  if (group.min_size > group.max_size) {
    throw InvalidInput(field_error("working group", group.id, "min_size") + ": " + std::to_string(group.min_size) +
                       " is greater than max_size " + std::to_string(group.max_size));
  }
  for (const auto& q : group.quotas) {
    if (q.attribute.empty() || q.value.empty()) throw InvalidInput(field_error("working group", group.id, "quotas") + ": a quota needs an attribute and a value");
    if (q.min > q.max) {
      throw InvalidInput(field_error("working group", group.id, "quotas") + ": quota " + q.attribute + "=" + q.value +
                         " has min " + std::to_string(q.min) + " greater than max " + std::to_string(q.max));
    }
  }
  std::set<std::string> seen;
  for (const auto& m : group.member_ids) {
    if (!persons_.find(m)) throw NotFound(field_error("working group", group.id, "members") + ": unknown person '" + detail::excerpt(m) + "'");
    if (!seen.insert(m).second) throw InvalidInput(field_error("working group", group.id, "members") + ": person '" + detail::excerpt(m) + "' is listed twice");
  }
  if (!group.lead_id.empty() && !persons_.find(group.lead_id)) {
    throw NotFound(field_error("working group", group.id, "lead") + ": unknown person '" + detail::excerpt(group.lead_id) + "'");
  }
  return groups_.add(std::move(group));
}

// ----- changing entities ---------------------------------------------------------------------------

void Project::set_insight_status(std::string_view insight_id, InsightStatus status) {
  auto* insight = insights_.find(insight_id);
  require(static_cast<const Insight*>(insight), "insight", insight_id);
  using S = InsightStatus;
  const S from = insight->status;
  const bool allowed = (from == S::draft && status == S::evidenced) || (from == S::evidenced && status == S::reviewed) ||
                       (from == S::reviewed && status == S::prioritised) ||
                       (from == S::prioritised && status == S::addressed) ||
                       (from != S::archived && status == S::archived) || (from == S::archived && status == S::draft) ||
                       (from == S::evidenced && status == S::draft) || from == status;
  if (!allowed) {
    throw StateError("insight '" + insight->id + "' cannot go from '" + std::string(to_string(from)) + "' to '" +
                     std::string(to_string(status)) +
                     "'; the life cycle is draft → evidenced → reviewed → prioritised → addressed, or archived");
  }
  if (status == S::evidenced && participant_count(*insight) < 2) {
    throw StateError("insight '" + insight->id + "' cannot be evidenced: its notes come from " +
                     std::to_string(participant_count(*insight)) + " participant(s), at least 2 are needed");
  }
  insight->status = status;
}

void Project::add_insight_evidence(std::string_view insight_id, std::string_view note_id) {
  auto* insight = insights_.find(insight_id);
  require(static_cast<const Insight*>(insight), "insight", insight_id);
  require(notes_.find(note_id), "note", note_id);
  if (std::find(insight->evidence.begin(), insight->evidence.end(), note_id) == insight->evidence.end()) {
    insight->evidence.emplace_back(note_id);
  }
}

void Project::set_opportunity_selected(std::string_view opportunity_id, bool selected) {
  auto* o = opportunities_.find(opportunity_id);
  require(static_cast<const Opportunity*>(o), "opportunity", opportunity_id);
  require_open_track(o->track_id, "opportunity", opportunity_id);
  o->selected = selected;
}

void Project::set_idea_chosen(std::string_view idea_id, bool chosen) {
  auto* idea = ideas_.find(idea_id);
  require(static_cast<const Idea*>(idea), "idea", idea_id);
  require_open_track(idea->track_id, "idea", idea_id);
  idea->chosen = chosen;
}

void Project::set_test_outcome(std::string_view test_id, TestOutcome outcome) {
  auto* test = tests_.find(test_id);
  require(static_cast<const PrototypeTest*>(test), "prototype test", test_id);
  require_open_track(test->track_id, "prototype test", test_id);
  test->outcome = outcome;
}

void Project::set_working_group_members(std::string_view group_id, std::vector<std::string> person_ids) {
  auto* group = groups_.find(group_id);
  require(static_cast<const WorkingGroup*>(group), "working group", group_id);
  if (const Track* t = track_of_group(group_id); t != nullptr && t->closed) throw StateError(closed_message(*t));
  std::set<std::string> seen;
  for (const auto& p : person_ids) {
    if (!persons_.find(p)) throw NotFound("working group '" + group->id + "', field 'members': unknown person '" + p + "'");
    if (!seen.insert(p).second) throw InvalidInput("working group '" + group->id + "', field 'members': person '" + p + "' is listed twice");
  }
  group->member_ids = std::move(person_ids);
}

// ----- reading -----------------------------------------------------------------------------------

const Segment& Project::segment(std::string_view key) const { return require(segments_.find(key), "segment", key); }
const Need& Project::need(std::string_view id) const { return require(needs_.find(id), "need", id); }
const Person& Project::person(std::string_view id) const { return require(persons_.find(id), "person", id); }
const Arena& Project::arena(std::string_view id) const { return require(arenas_.find(id), "arena", id); }
const Workshop& Project::workshop(std::string_view id) const { return require(workshops_.find(id), "workshop", id); }
const Note& Project::note(std::string_view id) const { return require(notes_.find(id), "note", id); }
const Insight& Project::insight(std::string_view id) const { return require(insights_.find(id), "insight", id); }
const WorkingGroup& Project::working_group(std::string_view id) const {
  return require(groups_.find(id), "working group", id);
}

std::vector<std::string> Project::target_segments() const {
  std::vector<std::string> out;
  for (const auto& s : segments_.items) {
    if (s.target) out.push_back(s.key);
  }
  return out;
}

std::vector<std::string> Project::solution_notes_in_problem_workshops() const {
  std::vector<std::string> out;
  for (const auto& n : notes_.items) {
    if (n.kind == NoteKind::idea && workshops_.find(n.workshop_id)->kind == WorkshopKind::problem_workshop) {
      out.push_back(n.id);
    }
  }
  return out;
}

std::vector<std::string> Project::working_group_warnings(std::string_view group_id) const {
  const WorkingGroup& group = working_group(group_id);
  std::vector<std::string> out;
  const std::size_t size = group.member_ids.size();
  const std::string label = "working group " + group.id + " (" + group.name + ")";
  if (size == 0) {
    // Quota warnings say nothing before anyone is chosen.
    out.push_back(label + " has no members yet (" + std::to_string(group.quotas.size()) + " quotas, size " +
                  std::to_string(group.min_size) + "-" + std::to_string(group.max_size) + ")");
    return out;
  }
  if (size < group.min_size || size > group.max_size) {
    out.push_back(label + " has " + std::to_string(size) + " members, outside the recommended " +
                  std::to_string(group.min_size) + "-" + std::to_string(group.max_size));
  }
  for (const auto& q : group.quotas) {
    std::size_t count = 0;
    for (const auto& m : group.member_ids) {
      if (detail::ascii_lower(attribute_value(*persons_.find(m), q.attribute)) == detail::ascii_lower(q.value)) ++count;
    }
    if (count < q.min || count > q.max) {
      out.push_back(label + ": " + std::to_string(count) + " members with " + q.attribute + "=" + q.value +
                    ", quota is " + std::to_string(q.min) + "-" + std::to_string(q.max));
    }
  }
  std::vector<std::string> without_consent;
  for (const auto& m : group.member_ids) {
    if (persons_.find(m)->consent == Consent::none && !erasure(m)) without_consent.push_back(m);  // a tombstone says nothing
  }
  if (!without_consent.empty()) {
    out.push_back(label + ": member(s) without consent to share their words: " + join(without_consent));
  }
  return out;
}

std::vector<std::string> Project::warnings() const {
  std::vector<std::string> out;
  if (const auto words = phase_.challenge.solution_words(); !words.empty()) {
    out.push_back("the challenge names a solution (" + join(words) +
                  "); at the Frame step describe the need and leave solutions open");
  }
  for (const auto& t : tracks_.items) {
    if (const auto words = t.challenge.solution_words(); !words.empty()) {
      out.push_back("the challenge of " + track_label(t) + " names a solution (" + join(words) +
                    "); at the Frame step describe the need and leave solutions open");
    }
  }
  if (const auto ids = solution_notes_in_problem_workshops(); !ids.empty()) {
    out.push_back(std::to_string(ids.size()) + " note(s) propose solutions in problem workshops, which are about needs: " +
                  join(ids));
  }
  for (const auto& w : workshops_.items) {
    std::vector<std::string> untrained;
    for (const auto& f : w.facilitators) {
      if (!f.trained) untrained.push_back(f.name);
    }
    if (!untrained.empty()) {
      out.push_back("workshop " + w.id + " was led by facilitator(s) not trained as workshop leaders: " + join(untrained));
    }
  }
  for (const auto& g : groups_.items) {
    for (auto& w : working_group_warnings(g.id)) out.push_back(std::move(w));
  }
  return out;
}

void Project::rebuild_indexes() {
  segments_.rebuild_index();
  needs_.rebuild_index();
  persons_.rebuild_index();
  arenas_.rebuild_index();
  workshops_.rebuild_index();
  notes_.rebuild_index();
  insights_.rebuild_index();
  opportunities_.rebuild_index();
  ideas_.rebuild_index();
  tests_.rebuild_index();
  groups_.rebuild_index();
  tracks_.rebuild_index();
}

}  // namespace servicedesign::process
