// Personal data: the register of personal fields, access reports, erasure and purge.
#include "servicedesign/process/personal_data.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "free_text.hpp"
#include "name_scrubber.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/privacy.hpp"
#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

using K = PersonalKind;
constexpr std::string_view kept = "kept";
constexpr std::string_view scrubbed = "mentions of the person become the tombstone";

}  // namespace

const std::vector<PersonalField>& personal_fields() {
  static const std::vector<PersonalField> fields{
      {"Project", "name", K::free_text, scrubbed},
      {"Project", "owner", K::identifier, scrubbed},
      {"Project", "model", K::not_personal, kept},
      {"Segment", "key", K::not_personal, kept},
      {"Segment", "name", K::not_personal, kept},
      {"Segment", "target", K::not_personal, kept},
      {"Challenge", "purpose", K::free_text, scrubbed},
      {"Challenge", "for_whom", K::free_text, scrubbed},
      {"Challenge", "do_what", K::free_text, scrubbed},
      {"Challenge", "how", K::free_text, scrubbed},
      {"Challenge", "goal", K::free_text, scrubbed},
      {"Need", "id", K::not_personal, kept},
      {"Need", "title", K::free_text, scrubbed},
      {"Need", "description", K::free_text, scrubbed},
      {"Need", "source_themes", K::not_personal, kept},
      {"Need", "source_notes", K::not_personal, "the ids of the person's removed notes are dropped"},
      {"Person", "id", K::identifier, "replaced by the tombstone's id (ER1, …)"},
      {"Person", "name", K::identifier, "removed"},
      {"Person", "segment", K::about_person, "removed"},
      {"Person", "attributes", K::about_person, "removed; in other people's records, mentions become the tombstone"},
      {"Person", "household", K::about_person, "removed"},
      {"Person", "consent", K::about_person, "removed (set to none)"},
      {"Quota", "attribute", K::not_personal, kept},
      {"Quota", "value", K::not_personal, kept},
      {"Quota", "min", K::not_personal, kept},
      {"Quota", "max", K::not_personal, kept},
      {"WorkingGroup", "id", K::not_personal, kept},
      {"WorkingGroup", "need_id", K::not_personal, kept},
      {"WorkingGroup", "name", K::free_text, scrubbed},
      {"WorkingGroup", "min_size", K::not_personal, kept},
      {"WorkingGroup", "max_size", K::not_personal, kept},
      {"WorkingGroup", "quotas", K::not_personal, kept},
      {"WorkingGroup", "member_ids", K::person_reference, "the person's seat holds the tombstone's id"},
      {"WorkingGroup", "lead_id", K::person_reference, "the tombstone's id when the person led the group"},
      {"Arena", "id", K::not_personal, kept},
      {"Arena", "name", K::free_text, scrubbed},
      {"Arena", "host", K::free_text, scrubbed},
      {"Arena", "segments", K::not_personal, kept},
      {"Arena", "existing", K::not_personal, kept},
      {"Facilitator", "name", K::identifier, scrubbed},
      {"Facilitator", "trained", K::not_personal, kept},
      {"Workshop", "id", K::not_personal, kept},
      {"Workshop", "kind", K::not_personal, kept},
      {"Workshop", "arena_id", K::not_personal, kept},
      {"Workshop", "date", K::not_personal, kept},
      {"Workshop", "facilitators", K::identifier, "see Facilitator"},
      {"Workshop", "segments_present", K::not_personal, kept},
      {"Workshop", "track_id", K::not_personal, kept},
      {"Note", "id", K::not_personal, "removed with the note"},
      {"Note", "text", K::own_words, "removed (quotes always; other notes unless kept anonymous); mentions in others' notes become the tombstone"},
      {"Note", "kind", K::not_personal, kept},
      {"Note", "workshop_id", K::not_personal, kept},
      {"Note", "segment", K::about_person, "removed with the note"},
      {"Note", "arena_id", K::not_personal, kept},
      {"Note", "date", K::not_personal, kept},
      {"Note", "language", K::not_personal, kept},
      {"Note", "tags", K::free_text, scrubbed},
      {"Note", "person_id", K::person_reference, "removed with the note, or cleared when it is kept anonymous"},
      {"Note", "consent", K::not_personal, "capped by the author's when kept anonymous"},
      {"Insight", "id", K::not_personal, kept},
      {"Insight", "who", K::free_text, scrubbed},
      {"Insight", "what", K::free_text, scrubbed},
      {"Insight", "why", K::free_text, scrubbed},
      {"Insight", "statement", K::free_text, "computed from who, what and why"},
      {"Insight", "need_id", K::not_personal, kept},
      {"Insight", "evidence", K::not_personal, "the ids of the person's removed notes are dropped"},
      {"Insight", "status", K::not_personal, "back to draft when no evidence is left"},
      {"Opportunity", "id", K::not_personal, kept},
      {"Opportunity", "how_might_we", K::free_text, scrubbed},
      {"Opportunity", "insight_ids", K::not_personal, kept},
      {"Opportunity", "selected", K::not_personal, kept},
      {"Opportunity", "track_id", K::not_personal, kept},
      {"Idea", "id", K::not_personal, kept},
      {"Idea", "opportunity_id", K::not_personal, kept},
      {"Idea", "title", K::free_text, scrubbed},
      {"Idea", "description", K::free_text, scrubbed},
      {"Idea", "chosen", K::not_personal, kept},
      {"Idea", "track_id", K::not_personal, kept},
      {"PrototypeTest", "id", K::not_personal, kept},
      {"PrototypeTest", "idea_id", K::not_personal, kept},
      {"PrototypeTest", "plan", K::free_text, scrubbed},
      {"PrototypeTest", "tester_ids", K::person_reference, "the person's seat holds the tombstone's id"},
      {"PrototypeTest", "staff_testers", K::not_personal, kept},
      {"PrototypeTest", "outcome", K::not_personal, kept},
      {"PrototypeTest", "track_id", K::not_personal, kept},
      {"Track", "id", K::not_personal, kept},
      {"Track", "group_id", K::not_personal, kept},
      {"Track", "start_date", K::not_personal, kept},
      {"Track", "challenge", K::free_text, "see Challenge"},
      {"Track", "current_step", K::not_personal, kept},
      {"Track", "decisions", K::free_text, "see Decision"},
      {"Track", "gates", K::free_text, "see GateCriterion"},
      {"Track", "closed", K::not_personal, kept},
      {"Decision", "sequence", K::not_personal, kept},
      {"Decision", "kind", K::not_personal, kept},
      {"Decision", "from_step", K::not_personal, kept},
      {"Decision", "to_step", K::not_personal, kept},
      {"Decision", "when", K::not_personal, kept},
      {"Decision", "who", K::identifier, scrubbed},
      {"Decision", "rationale", K::free_text, scrubbed},
      {"Decision", "evidence", K::person_reference, "the person's id and their removed notes' ids become the tombstone's id"},
      {"Decision", "overridden_criteria", K::not_personal, kept},
      {"GateCriterion", "id", K::not_personal, kept},
      {"GateCriterion", "kind", K::not_personal, kept},
      {"GateCriterion", "min", K::not_personal, kept},
      {"GateCriterion", "max", K::not_personal, kept},
      {"GateCriterion", "description", K::free_text, scrubbed},
      {"Erasure", "id", K::not_personal, kept},
      {"Erasure", "date", K::not_personal, kept},
      {"Erasure", "reason", K::not_personal, kept},
      {"Erasure", "what", K::not_personal, kept},
      {"Erasure", "persons", K::not_personal, kept},
      {"Erasure", "notes_removed", K::not_personal, kept},
      {"Erasure", "notes_kept_anonymous", K::not_personal, kept},
      {"Erasure", "mentions_replaced", K::not_personal, kept},
  };
  return fields;
}

std::string_view to_string(PersonalKind kind) noexcept {
  switch (kind) {
    case K::identifier: return "identifier";
    case K::about_person: return "about_person";
    case K::person_reference: return "person_reference";
    case K::own_words: return "own_words";
    case K::free_text: return "free_text";
    case K::not_personal: return "not_personal";
  }
  return "not_personal";
}

const Erasure* Project::erasure(std::string_view id) const noexcept {
  const auto it = std::find_if(erasures_.begin(), erasures_.end(), [&](const Erasure& e) { return e.id == id; });
  return it == erasures_.end() ? nullptr : &*it;
}

// The edits erasure and purge make on a copy of the project (a friend of Project): the copy replaces the
// caller's project only when every edit succeeded.
struct PersonalDataEditor {
  Project& p;
  Erasure entry;
  std::vector<ReducedEvidence> reduced;

  // "a participant, erased on DATE: REASON": what stands where the person was named.
  [[nodiscard]] std::string tombstone_text() const {
    return "a participant, erased on " + entry.date + ": " + entry.reason;
  }

  // The exit criteria of every open track's current step that are unmet now, as "track/criterion".
  [[nodiscard]] static std::map<std::string, UnmetCriterion> unmet(const Project& project) {
    std::map<std::string, UnmetCriterion> out;
    std::vector<const Track*> tracks{&project.insight_phase()};
    for (const auto& t : project.tracks()) tracks.push_back(&t);
    for (const Track* t : tracks) {
      if (t->closed) continue;
      for (auto& u : project.check_gate(project.model().steps()[t->current_step].key, t->id)) {
        out.emplace(t->id + "/" + u.criterion_id, std::move(u));
      }
    }
    return out;
  }

  // Removes the notes `removed` and every reference to them: insights and needs drop them from their evidence,
  // a decision's evidence names the erasure instead.
  void remove_notes(const std::set<std::string>& removed) {
    if (removed.empty()) return;
    auto& notes = p.notes_.items;
    notes.erase(std::remove_if(notes.begin(), notes.end(), [&](const Note& n) { return removed.count(n.id) > 0; }),
                notes.end());
    const auto drop = [&](std::vector<std::string>& ids) {
      const std::size_t before = ids.size();
      ids.erase(std::remove_if(ids.begin(), ids.end(), [&](const std::string& id) { return removed.count(id) > 0; }),
                ids.end());
      return before;
    };
    for (auto& insight : p.insights_.items) {
      if (const std::size_t before = drop(insight.evidence); before != insight.evidence.size()) {
        reduced.push_back({insight.id, "insight", before, insight.evidence.size()});
        if (insight.evidence.empty()) insight.status = InsightStatus::draft;
      }
    }
    for (auto& need : p.needs_.items) {
      if (const std::size_t before = drop(need.source_notes); before != need.source_notes.size()) {
        reduced.push_back({need.id, "need", before, need.source_notes.size()});
      }
    }
    replace_ids_in_decisions(removed);
  }

  void replace_ids_in_decisions(const std::set<std::string>& ids) {
    std::vector<Track*> tracks{&p.phase_};
    for (auto& t : p.tracks_.items) tracks.push_back(&t);
    for (Track* t : tracks) {
      for (auto& d : t->decisions) {
        for (auto& id : d.evidence) {
          if (ids.count(id)) id = entry.id;
        }
        // One mention of the erasure where several removed ids stood.
        d.evidence.erase(std::unique(d.evidence.begin(), d.evidence.end()), d.evidence.end());
      }
    }
  }

  // Replaces mentions of the names and ids in `scrubber` everywhere people can be named: free text, the words
  // of other people's notes, deciders, facilitators and the owner.
  void replace_mentions(const detail::NameScrubber& scrubber) {
    const auto scrub = [&](std::string& text) {
      std::string replaced = scrubber.scrub(text);
      if (replaced != text) {
        ++entry.mentions_replaced;
        text = std::move(replaced);
      }
    };
    Project::visit_free_text(p, [&](std::string_view, std::string_view, std::string& text) { scrub(text); });
    scrub(p.owner_);
    for (auto& n : p.notes_.items) scrub(n.text);
    for (auto& w : p.workshops_.items) {
      for (auto& f : w.facilitators) scrub(f.name);
    }
    std::vector<Track*> tracks{&p.phase_};
    for (auto& t : p.tracks_.items) tracks.push_back(&t);
    for (Track* t : tracks) {
      for (auto& d : t->decisions) scrub(d.who);
    }
  }

  // Removes persons `ids` (their notes must be gone or kept anonymous already): a seat in a group or test
  // and a decision's evidence hold `seat` instead.
  void replace_person_ids(const std::set<std::string>& ids, const std::string& seat) {
    for (auto& g : p.groups_.items) {
      for (auto& m : g.member_ids) {
        if (ids.count(m)) m = seat;
      }
      if (ids.count(g.lead_id)) g.lead_id = seat;
    }
    for (auto& t : p.tests_.items) {
      for (auto& id : t.tester_ids) {
        if (ids.count(id)) id = seat;
      }
    }
    replace_ids_in_decisions(ids);
  }
};

namespace {

void require_date(std::string_view date, std::string_view field, std::string_view what) {
  if (!detail::is_iso_date(date)) {
    throw InvalidInput(std::string(what) + ": " + std::string(field) + " '" + detail::excerpt(std::string(date)) +
                       "' is not a date YYYY-MM-DD");
  }
}

// The other names in the project: a note that mentions any of them is not anonymous.
detail::NameScrubber everyone_named(const Project& project, std::string_view except) {
  detail::NameScrubber names;
  for (const auto& person : project.persons()) {
    if (person.id != except) names.add(person.name, "[name]");
  }
  for (const auto& w : project.workshops()) {
    for (const auto& f : w.facilitators) names.add(f.name, "[name]");
  }
  return names;
}

// The parts of everyone else's names (persons, facilitators, deciders, the owner), lower-cased: erasing "Anna
// Berg" must not touch "Anna Lund" or the Bergs next door.
std::set<std::string> others_name_parts(const Project& project, const std::string& name) {
  std::set<std::string> parts;
  const auto take = [&](const std::string& other) {
    if (other == name) return;
    for (const auto& part : detail::words(other)) parts.insert(detail::ascii_lower(part));
  };
  for (const auto& person : project.persons()) take(person.name);
  for (const auto& w : project.workshops()) {
    for (const auto& f : w.facilitators) take(f.name);
  }
  std::vector<const Track*> tracks{&project.insight_phase()};
  for (const auto& t : project.tracks()) tracks.push_back(&t);
  for (const Track* t : tracks) {
    for (const auto& d : t->decisions) take(d.who);
  }
  take(project.owner());
  return parts;
}

// What stands for the person in free text: their full name, the parts of it nobody else bears, and their id
// when it is a real word (an id such as "2" would replace every 2 in the project's text).
void add_mentions(detail::NameScrubber& mentions, const Project& project, const Person& person,
                  const std::string& replacement) {
  const std::set<std::string> shared = others_name_parts(project, person.name);
  mentions.add(person.name, replacement, [&](const std::string& part) { return !shared.count(detail::ascii_lower(part)); });
  const bool word_like = person.id.size() >= 3 && std::any_of(person.id.begin(), person.id.end(), [](char c) {
    return !std::isdigit(static_cast<unsigned char>(c));
  });
  if (word_like) mentions.add_term(person.id, replacement);
}

detail::NameScrubber mentions_of(const Project& project, const Person& person, const std::string& replacement) {
  detail::NameScrubber mentions;
  add_mentions(mentions, project, person, replacement);
  return mentions;
}

std::string today_utc() { return detail::utc_now_iso().substr(0, 10); }

}  // namespace

ErasureReport erase_person(Project& project, std::string_view person_id, const ErasureOptions& options) {
  if (detail::trim(options.reason).empty()) throw InvalidInput("erase_person: give the reason for the erasure");
  require_date(options.date, "date", "erase_person");
  const std::string today = options.today.empty() ? today_utc() : options.today;
  require_date(today, "today", "erase_person");
  if (options.date > today) {
    throw InvalidInput("erase_person: date " + options.date + " is in the future (today is " + today +
                       "); the log of erasures only grows, so a wrong date would stay");
  }
  if (!project.erasures().empty() && options.date < project.erasures().back().date) {
    throw InvalidInput("erase_person: date " + options.date + " is before the last erasure (" +
                       project.erasures().back().date + ")");
  }
  if (const Erasure* earlier = project.erasure(person_id)) {
    throw InvalidInput("erase_person: '" + earlier->id + "' is the tombstone of an erasure made on " + earlier->date +
                       "; it holds nothing to erase");
  }
  const Person* found = project.persons_.find(person_id);
  if (!found) {
    throw NotFound("erase_person: no person '" + detail::excerpt(std::string(person_id)) + "' in the project" +
                   " (an erased person is not kept, not even by id)");
  }
  const Person person = *found;
  const detail::NameScrubber named = mentions_of(project, person, "\x01");  // what names them, marked
  if (named.scrub(options.reason) != options.reason) {
    throw InvalidInput("erase_person: the reason names the person; say why without naming them (it is logged)");
  }
  const auto unmet_before = PersonalDataEditor::unmet(project);

  Project copy = project;
  PersonalDataEditor editor{copy, {}, {}};
  editor.entry = {copy.next_id("ER"), options.date, detail::trim(options.reason), "person", 1, 0, 0, 0};
  const detail::NameScrubber others = everyone_named(project, person.id);
  std::set<std::string> removed;
  for (auto& note : copy.notes_.items) {
    if (note.person_id != person.id) continue;
    const bool anonymous = options.keep_anonymous_notes && note.kind != NoteKind::quote &&
                           others.scrub(note.text) == note.text;
    if (!anonymous) {
      removed.insert(note.id);
      continue;
    }
    note.consent = effective_consent(note.consent, person.consent);
    note.person_id.clear();
    ++editor.entry.notes_kept_anonymous;
  }
  editor.entry.notes_removed = removed.size();
  editor.remove_notes(removed);

  editor.replace_mentions(mentions_of(project, person, editor.tombstone_text()));
  editor.replace_person_ids({person.id}, editor.entry.id);
  // A housemate's household key must not keep the person's id or name either.
  for (auto& other : copy.persons_.items) {
    if (!other.household.empty() && (other.household == person.id || named.scrub(other.household) != other.household)) {
      other.household = "H-" + editor.entry.id;
    }
  }
  Person& record = *copy.persons_.find(person.id);
  record = Person{};
  record.id = editor.entry.id;
  record.consent = Consent::none;
  copy.erasures_.push_back(editor.entry);
  copy.rebuild_indexes();

  ErasureReport report{editor.entry, std::move(editor.reduced), {}};
  for (auto& [key, criterion] : PersonalDataEditor::unmet(copy)) {
    if (!unmet_before.count(key)) report.newly_unmet.push_back(std::move(criterion));
  }
  project = std::move(copy);
  return report;
}

std::vector<ErasureReport> purge(Project& project, const PurgeOptions& options) {
  const std::string today = options.today.empty() ? today_utc() : options.today;
  require_date(options.before, "before", "purge");
  require_date(today, "today", "purge");
  if (options.before > today) {
    throw InvalidInput("purge: before " + options.before + " is in the future (today is " + today +
                       "): only what is past its retention date can be purged");
  }
  if (detail::trim(options.reason).empty()) throw InvalidInput("purge: give the reason for the purge");
  for (const auto& kind : options.kinds) {
    if (kind != "notes" && kind != "pool") {
      throw InvalidInput("purge: unknown kind '" + detail::excerpt(kind) + "'; kinds: notes, pool");
    }
  }
  if (!project.erasures().empty() && today < project.erasures().back().date) {
    throw InvalidInput("purge: today " + today + " is before the last erasure (" + project.erasures().back().date + ")");
  }
  Project copy = project;
  std::vector<ErasureReport> reports;
  for (const std::string kind : {"notes", "pool"}) {
    if (std::find(options.kinds.begin(), options.kinds.end(), kind) == options.kinds.end()) continue;
    const auto unmet_before = PersonalDataEditor::unmet(copy);
    PersonalDataEditor editor{copy, {}, {}};
    editor.entry = {copy.next_id("ER"), today, detail::trim(options.reason), kind, 0, 0, 0, 0};
    if (kind == "notes") {
      std::set<std::string> removed;
      for (const auto& note : copy.notes_.items) {
        if (note.date < options.before) removed.insert(note.id);
      }
      editor.entry.notes_removed = removed.size();
      editor.remove_notes(removed);
    } else {
      std::set<std::string> seated;
      for (const auto& g : copy.groups_.items) {
        seated.insert(g.member_ids.begin(), g.member_ids.end());
        seated.insert(g.lead_id);
      }
      for (const auto& t : copy.tests_.items) seated.insert(t.tester_ids.begin(), t.tester_ids.end());
      for (const auto& n : copy.notes_.items) seated.insert(n.person_id);
      std::set<std::string> gone;
      detail::NameScrubber mentions;
      for (const auto& person : copy.persons_.items) {
        if (seated.count(person.id) || copy.erasure(person.id)) continue;
        gone.insert(person.id);
        add_mentions(mentions, copy, person, editor.tombstone_text());
      }
      auto& persons = copy.persons_.items;
      persons.erase(std::remove_if(persons.begin(), persons.end(), [&](const Person& x) { return gone.count(x.id) > 0; }),
                    persons.end());
      editor.entry.persons = gone.size();
      editor.replace_mentions(mentions);
      editor.replace_ids_in_decisions(gone);
    }
    copy.erasures_.push_back(editor.entry);
    copy.rebuild_indexes();
    ErasureReport report{editor.entry, std::move(editor.reduced), {}};
    for (auto& [key, criterion] : PersonalDataEditor::unmet(copy)) {
      if (!unmet_before.count(key)) report.newly_unmet.push_back(std::move(criterion));
    }
    reports.push_back(std::move(report));
  }
  project = std::move(copy);
  return reports;
}

PersonalData personal_data(const Project& project, std::string_view person_id) {
  const Person& person = project.person(person_id);
  PersonalData out;
  out.person_id = person.id;
  out.fields = {{"name", person.name}, {"segment", person.segment}, {"household", person.household},
                {"consent", std::string(to_string(person.consent))}};
  for (const auto& [key, value] : person.attributes) out.fields.emplace_back("attribute " + key, value);
  std::set<std::string> own_notes;
  for (const auto& n : project.notes()) {
    if (n.person_id != person.id) continue;
    own_notes.insert(n.id);
    out.notes.push_back({n.id, n.text, std::string(to_string(n.kind)), std::string(to_string(n.consent)),
                         n.workshop_id, n.date});
  }
  for (const auto& g : project.working_groups()) {
    if (g.lead_id == person.id) out.groups.push_back(g.id + " (lead)");
    if (std::find(g.member_ids.begin(), g.member_ids.end(), person.id) != g.member_ids.end()) {
      out.groups.push_back(g.id + " (member)");
    }
  }
  for (const auto& t : project.prototype_tests()) {
    if (std::find(t.tester_ids.begin(), t.tester_ids.end(), person.id) != t.tester_ids.end()) out.tests.push_back(t.id);
  }
  for (const auto& i : project.insights()) {
    if (std::any_of(i.evidence.begin(), i.evidence.end(), [&](const auto& id) { return own_notes.count(id) > 0; })) {
      out.evidence_of.push_back("insight " + i.id);
    }
  }
  for (const auto& need : project.needs()) {
    if (std::any_of(need.source_notes.begin(), need.source_notes.end(),
                    [&](const auto& id) { return own_notes.count(id) > 0; })) {
      out.evidence_of.push_back("need " + need.id);
    }
  }
  // Mentions: every place erasure would replace, found by erasing a copy and comparing.
  const detail::NameScrubber mentions = mentions_of(project, person, "\x01");
  Project::visit_free_text(project, [&](std::string_view entity, std::string_view field, const std::string& text) {
    if (mentions.scrub(text) != text) out.mentions.push_back(std::string(entity) + "." + std::string(field) + ": " + text);
  });
  for (const auto& n : project.notes()) {
    if (n.person_id != person.id && mentions.scrub(n.text) != n.text) out.mentions.push_back("Note " + n.id + ": " + n.text);
  }
  if (mentions.scrub(project.owner()) != project.owner()) out.mentions.push_back("Project.owner: " + project.owner());
  for (const auto& w : project.workshops()) {
    for (const auto& f : w.facilitators) {
      if (mentions.scrub(f.name) != f.name) out.mentions.push_back("Workshop " + w.id + ", facilitator: " + f.name);
    }
  }
  std::vector<const Track*> tracks{&project.insight_phase()};
  for (const auto& t : project.tracks()) tracks.push_back(&t);
  for (const Track* t : tracks) {
    for (const auto& d : t->decisions) {
      const bool named = mentions.scrub(d.who) != d.who || std::find(d.evidence.begin(), d.evidence.end(), person.id) != d.evidence.end();
      if (named) {
        out.mentions.push_back("Decision " + std::to_string(d.sequence) + (t->id.empty() ? " of the insight phase" : " of track " + t->id) +
                               ": " + d.who + ", " + d.rationale);
      }
    }
  }
  return out;
}

namespace {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(static_cast<unsigned char>(c) >> 4U) & 0xFU];
          out += hex[static_cast<unsigned char>(c) & 0xFU];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

}  // namespace

std::string to_json(const PersonalData& data) {
  std::ostringstream out;
  out << "{\n  \"person_id\": " << json_string(data.person_id) << ",\n  \"fields\": {";
  for (std::size_t i = 0; i < data.fields.size(); ++i) {
    out << (i ? ", " : "") << json_string(data.fields[i].first) << ": " << json_string(data.fields[i].second);
  }
  out << "},\n  \"notes\": [";
  for (std::size_t i = 0; i < data.notes.size(); ++i) {
    const HeldNote& n = data.notes[i];
    out << (i ? ",\n    " : "\n    ") << "{\"id\": " << json_string(n.id) << ", \"kind\": " << json_string(n.kind)
        << ", \"consent\": " << json_string(n.consent) << ", \"workshop_id\": " << json_string(n.workshop_id)
        << ", \"date\": " << json_string(n.date) << ", \"text\": " << json_string(n.text) << "}";
  }
  out << (data.notes.empty() ? "]" : "\n  ]") << ",\n  \"groups\": " << json_list(data.groups)
      << ",\n  \"tests\": " << json_list(data.tests) << ",\n  \"evidence_of\": " << json_list(data.evidence_of)
      << ",\n  \"mentions\": " << json_list(data.mentions) << "\n}\n";
  return out.str();
}

std::string to_markdown(const PersonalData& data) {
  std::ostringstream out;
  out << "# What the project holds about " << data.person_id << "\n\n## Your record\n\n";
  for (const auto& [field, value] : data.fields) out << "- " << field << ": " << (value.empty() ? "(empty)" : value) << '\n';
  out << "\n## Your notes (" << data.notes.size() << ")\n\n";
  for (const auto& n : data.notes) {
    out << "- " << n.id << " (" << n.kind << ", workshop " << n.workshop_id << ", " << n.date << ", consent " << n.consent
        << "): " << n.text << '\n';
  }
  const auto section = [&](std::string_view title, const std::vector<std::string>& items) {
    out << "\n## " << title << "\n\n";
    if (items.empty()) out << "None.\n";
    for (const auto& item : items) out << "- " << item << '\n';
  };
  section("Working groups", data.groups);
  section("Prototype tests", data.tests);
  section("Insights and needs your notes are evidence of", data.evidence_of);
  section("Where you are mentioned", data.mentions);
  return out.str();
}

}  // namespace servicedesign::process
