// Personal data: erasure leaves no trace of the person in any archive format or in the public edition, keeps
// tombstones where they served, changes nobody else's data, and is all or nothing; access lists what is held;
// purge removes what is past its retention date.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "builders.hpp"
#include "golden_project.hpp"
#include "servicedesign/servicedesign.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign;
using namespace servicedesign::process;
using servicedesign::testing::make_golden_project;

const std::vector<ArchiveFormat> all_formats{ArchiveFormat::text, ArchiveFormat::xml, ArchiveFormat::binary};

// Every run of five words of `text` (the whole text when shorter): what must not survive of an erased note.
std::vector<std::string> word_runs(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::vector<std::string> runs;
  const std::size_t n = std::min<std::size_t>(5, words.size());
  for (std::size_t i = 0; n > 0 && i + n <= words.size(); ++i) {
    std::string run = words[i];
    for (std::size_t k = 1; k < n; ++k) run += " " + words[i + k];
    runs.push_back(run);
  }
  return runs;
}

// True when `id` stands in `bytes` as a token (not inside a longer id such as P0010).
bool has_token(const std::string& bytes, const std::string& id) {
  const auto is_id_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
  for (std::size_t pos = bytes.find(id); pos != std::string::npos; pos = bytes.find(id, pos + 1)) {
    const bool starts = pos == 0 || !is_id_char(bytes[pos - 1]);
    const bool ends = pos + id.size() == bytes.size() || !is_id_char(bytes[pos + id.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// What of a person must be gone after erasure: name, id, and the word runs of their notes that nobody else's
// note also holds.
struct Traces {
  std::string name, id;
  std::vector<std::string> runs;
};

Traces traces_of(const Project& project, const std::string& person_id) {
  Traces t{project.person(person_id).name, person_id, {}};
  for (const auto& note : project.notes()) {
    if (note.person_id != person_id) continue;
    for (const auto& run : word_runs(note.text)) {
      const bool elsewhere = std::any_of(project.notes().begin(), project.notes().end(), [&](const Note& other) {
        return other.person_id != person_id && other.text.find(run) != std::string::npos;
      });
      if (!elsewhere) t.runs.push_back(run);
    }
  }
  return t;
}

void expect_no_trace(const std::string& bytes, const Traces& t, const std::string& where) {
  SCOPED_TRACE(where);
  if (!t.name.empty()) {
    EXPECT_LACKS(bytes, t.name);
  }
  EXPECT_FALSE(has_token(bytes, t.id)) << t.id << " is still in " << where;
  for (const auto& run : t.runs) EXPECT_LACKS(bytes, run);
}

void expect_gone_everywhere(const Project& project, const Traces& t) {
  for (const auto format : all_formats) {
    const std::string bytes = save_project_to_string(project, format);
    expect_no_trace(bytes, t, std::string(to_string(format)) + " archive");
    EXPECT_TRUE(load_project_from_string(bytes, "erased") == project);  // still loads, the same
  }
  expect_no_trace(save_project_to_string(project.public_edition()), t, "public edition");
}

// The Storvik example after the whole flow: themes → adopted needs → two groups filled by selection.
Project storvik_after_the_flow() {
  Project project = import_project_csv(std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "examples" / "data" / "storvik");
  insights::ThemeModel model({.seed = 2026});
  model.fit(note_texts(project), {.keys = note_ids(project)});
  const auto ids = adopt_needs(project, propose_needs(project, model));
  GroupSelectionOptions options;
  options.selection.seed = 3;
  const std::vector<Quota> quotas[2] = {{{"sector", "municipal", 4, 8}}, {{"sector", "independent", 3, 6}}};
  for (std::size_t g = 0; g < 2; ++g) {
    WorkingGroup group;
    group.need_id = ids[g];
    group.name = "Gruppe " + std::to_string(g + 1);
    group.quotas = quotas[g];
    options.group_ids.push_back(project.add_working_group(group).id);
  }
  assign_members(project, select_working_groups(project, options));
  return project;
}

// The serving member with the most notes (a quote among them when there is one).
std::string member_with_most_notes(const Project& project) {
  std::string best;
  std::size_t most = 0;
  for (const auto& g : project.working_groups()) {
    for (const auto& m : g.member_ids) {
      const auto count = static_cast<std::size_t>(std::count_if(project.notes().begin(), project.notes().end(),
                                                                [&](const Note& n) { return n.person_id == m; }));
      if (count > most) {
        most = count;
        best = m;
      }
    }
  }
  return best;
}

TEST(Erasure, NoTraceOfThePersonInAnyFormatAfterTheWholeFlow) {
  Project project = storvik_after_the_flow();
  const std::string id = member_with_most_notes(project);
  ASSERT_FALSE(id.empty());
  const Person person = project.person(id);
  // Mentioned by name in a decision and an insight, as a team writes.
  project.advance(servicedesign::testing::move_by("Eva", "Innspillene fra " + person.name + " avgjorde saken", {id},
                                                  "2026-03-01"));
  const Traces traces = traces_of(project, id);
  ASSERT_FALSE(traces.runs.empty());
  const Project before = project;
  std::vector<std::string> groups_with_seat;
  for (const auto& g : project.working_groups()) {
    if (std::count(g.member_ids.begin(), g.member_ids.end(), id)) groups_with_seat.push_back(g.id);
  }

  const ErasureReport report = erase_person(project, id, {.reason = "trakk samtykket", .date = "2026-12-01"});

  expect_gone_everywhere(project, traces);
  // The tombstone: a seat in the same groups, the log entry, the decision log as long as before.
  const std::string& tombstone = report.erasure.id;
  EXPECT_EQ(project.erasures(), std::vector<Erasure>{report.erasure});
  EXPECT_EQ(report.erasure.notes_removed + report.erasure.notes_kept_anonymous,
            before.notes().size() - project.notes().size() + report.erasure.notes_kept_anonymous);
  EXPECT_GT(report.erasure.notes_removed, 0U);
  for (const auto& gid : groups_with_seat) {
    const WorkingGroup& g = project.working_group(gid);
    EXPECT_EQ(g.member_ids.size(), before.working_group(gid).member_ids.size());
    EXPECT_EQ(std::count(g.member_ids.begin(), g.member_ids.end(), tombstone), 1);
  }
  ASSERT_EQ(project.decisions().size(), before.decisions().size());
  EXPECT_CONTAINS(project.decisions().back().rationale, "a participant, erased on 2026-12-01: trakk samtykket");
  EXPECT_EQ(project.decisions().back().evidence, std::vector<std::string>{tombstone});
  const Person& record = project.person(tombstone);
  EXPECT_TRUE(record.name.empty() && record.segment.empty() && record.attributes.empty() && record.household.empty());
  // Nobody else's record changed, and every other note is as it was (but for mentions of the person).
  for (const auto& other : before.persons()) {
    if (other.id != id) {
      EXPECT_TRUE(project.person(other.id) == other) << other.id;
    }
  }
  for (const auto& note : before.notes()) {
    if (note.person_id == id) continue;
    Note expected = note;
    const Note& now = project.note(note.id);
    if (now.text != note.text) {
      EXPECT_CONTAINS(now.text, "a participant, erased on");
    }
    expected.text = now.text;
    EXPECT_TRUE(now == expected) << note.id;
  }
}

TEST(Erasure, AnErasedVolunteerIsNeverDrawn) {
  Project project = storvik_after_the_flow();
  const WorkingGroup group = project.working_groups().back();  // a copy: erasure replaces the project
  std::set<std::string> serving;
  for (const auto& g : project.working_groups()) serving.insert(g.member_ids.begin(), g.member_ids.end());
  const auto volunteer = std::find_if(project.persons().begin(), project.persons().end(),
                                      [&](const Person& p) { return !serving.count(p.id); });
  ASSERT_NE(volunteer, project.persons().end());
  const std::string tombstone = erase_person(project, volunteer->id, {.reason = "x", .date = "2026-12-01"}).erasure.id;
  std::vector<std::string> fewer = group.member_ids;
  fewer.pop_back();  // a seat to fill again
  project.set_working_group_members(group.id, fewer);
  GroupSelectionOptions options;
  options.group_ids = {group.id};
  const GroupSelection again = select_working_groups(project, options);
  EXPECT_EQ(std::count(again.pool_ids.begin(), again.pool_ids.end(), tombstone), 0);  // not even in the pool
  EXPECT_EQ(again.groups.front().drawn.size(), 1U);
  const selection::Pool pool = pool_of(project, {});
  for (std::size_t i = 0; i < pool.size(); ++i) EXPECT_NE(pool.id(i), tombstone);
}

TEST(Erasure, EvidenceAndGatesAreReevaluated) {
  Project p = make_golden_project();
  const std::size_t i1_before = p.insight("I1").evidence.size();
  const ErasureReport report = erase_person(p, "P-anna", {.reason = "withdrew", .date = "2027-03-01", .today = "2027-12-31"});
  // Anna said N1 (a quote, always removed), evidence of I1 and of need ND-themes.
  EXPECT_FALSE(p.contains_id("N1"));
  const auto reduced = [&](const std::string& rid) {
    return std::find_if(report.reduced.begin(), report.reduced.end(), [&](const auto& r) { return r.id == rid; });
  };
  ASSERT_NE(reduced("I1"), report.reduced.end());
  EXPECT_EQ(reduced("I1")->before, i1_before);
  EXPECT_EQ(reduced("I1")->after, p.insight("I1").evidence.size());
  ASSERT_NE(reduced("ND-themes"), report.reduced.end());
  EXPECT_EQ(p.need("ND-themes").source_notes, std::vector<std::string>{"N4"});
  // Anna led decisions on TR1 and tested T-TR1: her name is gone from the log, her seat is the tombstone's.
  for (const auto& d : p.track("TR1").decisions) EXPECT_LACKS(d.who, "Anna");
  const auto tested = std::find_if(p.prototype_tests().begin(), p.prototype_tests().end(),
                                   [](const PrototypeTest& t) { return t.id == "T-TR1"; });
  ASSERT_NE(tested, p.prototype_tests().end());
  EXPECT_EQ(tested->tester_ids, std::vector<std::string>{report.erasure.id});
}

TEST(Erasure, AnonymousNotesAreKeptOnlyWhenAskedAndNamingNoOne) {
  Project p = make_golden_project();
  Note plain = servicedesign::testing::make_note("N-plain", "W1", "independent", "Skyltningen till biblioteket saknas",
                                                 NoteKind::problem, "P-bjorn", Consent::public_);
  Note naming = servicedesign::testing::make_note("N-naming", "W1", "independent", "Fråga Anna Ekström om lokalerna",
                                                  NoteKind::problem, "P-bjorn", Consent::public_);
  p.record_note(plain);
  p.record_note(naming);
  const ErasureReport report =
      erase_person(p, "P-bjorn", {.reason = "withdrew", .date = "2027-03-01", .keep_anonymous_notes = true, .today = "2027-12-31"});
  ASSERT_TRUE(p.contains_id("N-plain"));
  EXPECT_TRUE(p.note("N-plain").person_id.empty());
  EXPECT_EQ(p.note("N-plain").consent, Consent::internal);  // capped by the author's consent
  EXPECT_FALSE(p.contains_id("N-naming"));                  // it names someone: removed
  EXPECT_GE(report.erasure.notes_kept_anonymous, 1U);
  EXPECT_GE(report.erasure.notes_removed, 1U);
}

TEST(Erasure, BadInputChangesNothing) {
  Project p = make_golden_project();
  const Project before = p;
  const auto fails = [&](auto call, const std::string& message) {
    try {
      call();
      ADD_FAILURE() << "no error for: " << message;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
    EXPECT_TRUE(p == before);
  };
  fails([&] { erase_person(p, "P-nobody", {.reason = "x", .date = "2027-03-01", .today = "2027-12-31"}); },
        "erase_person: no person 'P-nobody' in the project (an erased person is not kept, not even by id)");
  fails([&] { erase_person(p, "P-anna", {.reason = " ", .date = "2027-03-01", .today = "2027-12-31"}); },
        "erase_person: give the reason for the erasure");
  fails([&] { erase_person(p, "P-anna", {.reason = "x", .date = "1 mars"}); },
        "erase_person: date '1 mars' is not a date YYYY-MM-DD");
  fails([&] { erase_person(p, "P-anna", {.reason = "x", .date = "2062-01-01", .today = "2027-03-01"}); },
        "erase_person: date 2062-01-01 is in the future (today is 2027-03-01); the log of erasures only grows, so a "
        "wrong date would stay");
  fails([&] { erase_person(p, "P-anna", {.reason = "Anna Ekström asked by e-mail", .date = "2027-03-01", .today = "2027-03-01"}); },
        "erase_person: the reason names the person; say why without naming them (it is logged)");
  fails([&] { purge(p, {.before = "2031-01-01", .today = "2027-03-01"}); },
        "purge: before 2031-01-01 is in the future (today is 2027-03-01): only what is past its retention date can be purged");
  fails([&] { purge(p, {.before = "2026-01-01", .kinds = {"quotes"}, .today = "2027-03-01"}); },
        "purge: unknown kind 'quotes'; kinds: notes, pool");
  // Twice: the second time the person is gone; the tombstone's id is named as what it is.
  const ErasureReport first = erase_person(p, "P-anna", {.reason = "x", .date = "2027-03-01", .today = "2027-12-31"});
  const Project once = p;
  EXPECT_THROW(erase_person(p, "P-anna", {.reason = "x", .date = "2027-03-02", .today = "2027-12-31"}), NotFound);
  try {
    erase_person(p, first.erasure.id, {.reason = "x", .date = "2027-03-02", .today = "2027-12-31"});
    ADD_FAILURE() << "a tombstone was erased";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "erase_person: '" + first.erasure.id +
                                         "' is the tombstone of an erasure made on 2027-03-01; it holds nothing to erase");
  }
  EXPECT_TRUE(p == once);
  EXPECT_THROW(erase_person(p, "P-bjorn", {.reason = "x", .date = "2027-02-01", .today = "2027-12-31"}), InvalidInput);  // before the last
  EXPECT_TRUE(p == once);
}

TEST(Erasure, RandomPeopleFromRandomProjects) {
  const Project base = storvik_after_the_flow();
  std::mt19937 random(20261203);
  for (int round = 0; round < 12; ++round) {
    Project p = base;
    // A random subset of the notes, and one random person to erase (with a mention in a free text).
    std::vector<std::string> persons;
    for (const auto& person : p.persons()) persons.push_back(person.id);
    const std::string id = persons[random() % persons.size()];
    const Person person = p.person(id);
    if (!person.name.empty()) {
      Insight insight;
      insight.who = person.name + " og naboene";
      insight.what = "en benk";
      insight.why = "bakken er bratt";
      insight.evidence = {p.notes()[random() % p.notes().size()].id};
      p.add_insight(insight);
    }
    const Traces traces = traces_of(p, id);
    const Project before = p;
    erase_person(p, id, {.reason = "runde " + std::to_string(round), .date = "2026-12-0" + std::to_string(1 + round % 9), .today = "2026-12-31"});
    SCOPED_TRACE(id);
    expect_gone_everywhere(p, traces);
    for (const auto& other : before.persons()) {
      if (other.id != id) {
        EXPECT_TRUE(p.person(other.id) == other);
      }
    }
    for (const auto& g : before.working_groups()) {
      EXPECT_EQ(p.working_group(g.id).member_ids.size(), g.member_ids.size());
    }
  }
}

TEST(Erasure, OtherPeoplesNamesAndOrdinaryWordsStay) {
  Project p = make_golden_project();
  // Someone else called Anna, a housemate whose household key is the person's id, a note saying "2".
  p.add_person(servicedesign::testing::make_person("P-anna2", "Anna Lund", "independent", Consent::internal, {}, "P-anna"));
  p.add_person(servicedesign::testing::make_person("2", "Bo Ek", "municipal", Consent::internal, {}));
  Note plain = servicedesign::testing::make_note("N-two", "W1", "independent", "Bussen går 2 ganger, og Anna Lund venter",
                                                 NoteKind::problem, "P-bjorn", Consent::internal);
  p.record_note(plain);
  erase_person(p, "P-anna", {.reason = "withdrew", .date = "2027-03-01", .today = "2027-12-31"});
  EXPECT_EQ(p.note("N-two").text, "Bussen går 2 ganger, og Anna Lund venter");
  EXPECT_EQ(p.person("P-anna2").name, "Anna Lund");
  EXPECT_EQ(p.person("P-anna2").household, "H-" + p.erasures().back().id);
  const std::string id2 = erase_person(p, "2", {.reason = "withdrew", .date = "2027-03-02", .today = "2027-12-31"}).erasure.id;
  EXPECT_EQ(p.note("N-two").text, "Bussen går 2 ganger, og Anna Lund venter");  // a bare number is not a name
  EXPECT_TRUE(p.contains_id(id2));
}

TEST(Erasure, ThePublicEditionOfAnErasedProjectLoads) {
  Project p = make_golden_project();
  erase_person(p, "P-anna", {.reason = "withdrew", .date = "2027-03-01", .today = "2027-12-31"});
  purge(p, {.before = "2026-01-01", .today = "2027-12-31"});
  const Project pub = p.public_edition();
  for (const auto format : all_formats) EXPECT_TRUE(load_project_from_string(save_project_to_string(pub, format), "pub") == pub);
  ASSERT_EQ(pub.erasures().size(), 3U);
  EXPECT_NE(pub.erasure(pub.erasures()[0].id), nullptr);
  EXPECT_TRUE(pub.person(pub.erasures()[0].id).name.empty());
  // A purge's id names no record but is taken: no one can be added under it.
  EXPECT_THROW(p.add_person(servicedesign::testing::make_person(p.erasures()[1].id, "Ny", "independent")), InvalidInput);
}

TEST(Erasure, WorksOnAProjectLoadedFromTheVersionTwoGoldenArchive) {
  Project p = load_project(std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "tests" / "golden" / "project_v2.bin");
  const Traces traces = traces_of(p, "P-anna");
  erase_person(p, "P-anna", {.reason = "withdrew", .date = "2027-03-01", .today = "2027-12-31"});
  expect_gone_everywhere(p, traces);
}

TEST(Purge, NotesPastTheirDateAndThePoolNotChosen) {
  Project p = storvik_after_the_flow();
  const std::size_t notes = p.notes().size();
  const auto old = static_cast<std::size_t>(
      std::count_if(p.notes().begin(), p.notes().end(), [](const Note& n) { return n.date < "2026-03-15"; }));
  ASSERT_GT(old, 0U);
  ASSERT_LT(old, notes);
  const auto reports = purge(p, {.before = "2026-03-15", .today = "2026-12-01"});
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].erasure.what, "notes");
  EXPECT_EQ(reports[0].erasure.notes_removed, old);
  EXPECT_EQ(p.notes().size(), notes - old);
  for (const auto& n : p.notes()) EXPECT_GE(n.date, "2026-03-15");
  // Every person left serves in a group, leads one, tests, or said a note that is kept.
  EXPECT_EQ(reports[1].erasure.what, "pool");
  EXPECT_GT(reports[1].erasure.persons, 0U);
  for (const auto& person : p.persons()) {
    const bool seated = std::any_of(p.working_groups().begin(), p.working_groups().end(), [&](const WorkingGroup& g) {
      return g.lead_id == person.id || std::count(g.member_ids.begin(), g.member_ids.end(), person.id);
    });
    const bool spoke = std::any_of(p.notes().begin(), p.notes().end(), [&](const Note& n) { return n.person_id == person.id; });
    EXPECT_TRUE(seated || spoke) << person.id;
  }
  EXPECT_EQ(p.erasures().size(), 2U);
  for (const auto format : all_formats) EXPECT_TRUE(load_project_from_string(save_project_to_string(p, format), "p") == p);
}

TEST(Access, EverythingHeldAboutAPersonAsJsonAndMarkdown) {
  const Project p = make_golden_project();
  const PersonalData data = personal_data(p, "P-anna");
  EXPECT_EQ(data.person_id, "P-anna");
  EXPECT_EQ(data.fields.front(), (std::pair<std::string, std::string>{"name", "Anna Ekström"}));
  ASSERT_FALSE(data.notes.empty());
  EXPECT_EQ(data.notes.front().id, "N1");
  EXPECT_NE(std::find(data.groups.begin(), data.groups.end(), "G1 (member)"), data.groups.end());
  EXPECT_EQ(data.tests, (std::vector<std::string>{"T1", "T-TR1"}));
  EXPECT_NE(std::find(data.evidence_of.begin(), data.evidence_of.end(), "insight I1"), data.evidence_of.end());
  // Anna decided two moves of TR1.
  EXPECT_EQ(std::count_if(data.mentions.begin(), data.mentions.end(),
                          [](const std::string& m) { return m.rfind("Decision", 0) == 0; }),
            2);
  const std::string json = to_json(data);
  EXPECT_CONTAINS(json, "\"person_id\": \"P-anna\"");
  EXPECT_CONTAINS(json, "\"name\": \"Anna Ekström\"");
  EXPECT_CONTAINS(to_markdown(data), "# What the project holds about P-anna");
  EXPECT_THROW((void)personal_data(p, "P-nobody"), NotFound);
}

TEST(Register, EveryFreeTextFieldIsScrubbedByErasure) {
  // The person's name written into every free-text field the register lists is gone from every archive after
  // erasure; the fields written here are exactly the register's (a field added to one must be added here).
  namespace t = servicedesign::testing;
  const std::string name = "Cia Öberg";
  const std::string mention = "med " + name;
  std::set<std::pair<std::string, std::string>> written;
  const auto wrote = [&](std::string entity, std::string field) { written.emplace(std::move(entity), std::move(field)); };
  Project p("Projekt " + mention);
  wrote("Project", "name");
  p.add_segment(t::make_segment("independent", "Fria"));
  p.add_person(t::make_person("P-cia", name, "independent"));
  p.add_person(t::make_person("P-dan", "Dan Ek", "independent", Consent::internal, {{"contact", "via " + name}}));
  wrote("Person", "attributes");
  p.add_arena(t::make_arena("A1", "Salen " + mention, {"independent"}, true, "Värd " + mention));
  wrote("Arena", "name");
  wrote("Arena", "host");
  p.add_workshop(t::make_workshop("W1", "A1", "2026-02-10"));
  Note note = t::make_note("N1", "W1", "independent", "Lokalerna saknas", NoteKind::problem, "P-dan");
  note.tags = {"tagg " + mention};
  p.record_note(note);
  wrote("Note", "tags");
  p.add_need(t::make_need("ND1", "Behov " + mention, "Beskrivning " + mention));
  wrote("Need", "title");
  wrote("Need", "description");
  p.add_insight(t::make_insight("I1", "ND1", {"N1"}, InsightStatus::draft, "vem " + mention, "vad " + mention,
                                "varför " + mention));
  wrote("Insight", "who");
  wrote("Insight", "what");
  wrote("Insight", "why");
  p.add_opportunity(t::make_opportunity("O1", "Hur kan vi " + mention + "?", {"I1"}));
  wrote("Opportunity", "how_might_we");
  p.add_idea(t::make_idea("IDEA1", "O1", "Idé " + mention, false, "Beskrivning " + mention));
  wrote("Idea", "title");
  wrote("Idea", "description");
  p.add_prototype_test(t::make_test("T1", "IDEA1", {"P-dan"}, TestOutcome::pending, "Plan " + mention));
  wrote("PrototypeTest", "plan");
  p.add_working_group(t::make_group("G1", "ND1", "Grupp " + mention, {"P-cia", "P-dan"}));
  wrote("WorkingGroup", "name");
  p.set_challenge(t::make_challenge("Syfte " + mention, "för " + mention, "göra " + mention, "hur " + mention, "mål " + mention));
  for (const char* field : {"purpose", "for_whom", "do_what", "how", "goal"}) wrote("Challenge", field);
  p.set_gate("explore", {t::make_criterion("own", CriterionKind::challenge_written, 0, 0, "Kriterium " + mention)});
  wrote("GateCriterion", "description");
  p.advance(t::override_by("Eva", "Beslut " + mention, {}, "2026-02-11"));
  wrote("Decision", "rationale");

  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& f : personal_fields()) {
    const bool container_or_computed = f.on_erasure.rfind("see ", 0) == 0 || f.on_erasure.rfind("computed", 0) == 0;
    if (f.kind == PersonalKind::free_text && !container_or_computed) listed.emplace(f.entity, f.field);
  }
  listed.emplace("Person", "attributes");  // about their own person, and free text where they name another
  EXPECT_EQ(written, listed);
  const Traces traces = traces_of(p, "P-cia");
  erase_person(p, "P-cia", {.reason = "withdrew", .date = "2026-03-01", .today = "2026-12-31"});
  expect_gone_everywhere(p, traces);
}

}  // namespace
