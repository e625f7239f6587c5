// Tests of the privacy rule (what of a note may be shown to whom) and of public_edition(): no personal names
// or person ids survive anywhere in the published archive, notes without public consent are withheld, and
// every reference still resolves.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "builders.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/privacy.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using namespace servicedesign::testing;

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Letters of a name in UTF-8: ASCII letters and any multi-byte character.
bool is_name_byte(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::size_t letters(const std::string& token) {
  return static_cast<std::size_t>(
      std::count_if(token.begin(), token.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The words of a name with three letters or more: those must never appear in a public edition.
std::vector<std::string> name_tokens(const std::string& name) {
  std::vector<std::string> out;
  std::string word;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && is_name_byte(name[i])) {
      word.push_back(name[i]);
    } else {
      if (letters(word) >= 3) out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// The whole public edition as it would be published, lower-cased (ASCII) for a case-insensitive search.
std::string published_text(const Project& project) {
  return ascii_lower(save_project_to_string(project.public_edition(), ArchiveFormat::text));
}

// Checks that none of `names` (nor any of their tokens) and none of `ids` occurs in `text`.
void expect_no_names(const std::string& text, const std::vector<std::string>& names, const std::vector<std::string>& ids) {
  for (const auto& name : names) {
    if (!name.empty()) {
      EXPECT_LACKS(text, ascii_lower(name));
    }
    for (const auto& token : name_tokens(name)) EXPECT_LACKS(text, ascii_lower(token));
  }
  for (const auto& id : ids) EXPECT_LACKS(text, ascii_lower(id));
}

// Checks that every reference of the public edition resolves inside it.
void expect_consistent_references(const Project& pub) {
  for (const auto& insight : pub.insights()) {
    for (const auto& id : insight.evidence) EXPECT_NO_THROW((void)pub.note(id)) << insight.id << " cites " << id;
  }
  for (const auto& group : pub.working_groups()) {
    for (const auto& id : group.member_ids) EXPECT_NO_THROW((void)pub.person(id)) << group.id << " member " << id;
    if (!group.lead_id.empty()) {
      EXPECT_NO_THROW((void)pub.person(group.lead_id)) << group.id << " lead";
    }
  }
  for (const auto& note : pub.notes()) {
    if (!note.person_id.empty()) {
      EXPECT_NO_THROW((void)pub.person(note.person_id)) << note.id;
    }
    EXPECT_NO_THROW((void)pub.workshop(note.workshop_id));
  }
  for (const auto& test : pub.prototype_tests()) {
    for (const auto& id : test.tester_ids) EXPECT_NO_THROW((void)pub.person(id)) << test.id << " tester " << id;
  }
  for (const auto& decision : pub.decisions()) {
    for (const auto& id : decision.evidence) EXPECT_TRUE(pub.contains_id(id)) << "decision cites " << id;
  }
  for (const auto& person : pub.persons()) EXPECT_TRUE(person.name.empty()) << person.id;
}

// ===== a hand-made project ============================================================================

const std::vector<std::string> person_names{"Annika Lindqvist", "Bjørnar Haugen", "Karl Svensson"};
const std::vector<std::string> person_ids{"P-annika", "P-bjornar", "karl.svensson@example.se"};
const std::vector<std::string> facilitator_names{"Kristoffer Nyberg", "Solveig Dahl"};
const std::string decider = "Evelina Holmqvist";
const std::string owner = "Torbjörn Ekman";

std::vector<std::string> all_names() {
  std::vector<std::string> out = person_names;
  out.insert(out.end(), facilitator_names.begin(), facilitator_names.end());
  out.push_back(decider);
  out.push_back(owner);
  return out;
}

// Names appear in their own fields and inside free text of every kind.
Project named_project() {
  Project p("Projekt med Annika Lindqvist");
  p.set_challenge(make_challenge("Vi vill, som Evelina Holmqvist sa, förstå behoven", "kulturaktörer",
                                 "hitta stöd", "tillsammans med Solveig", "Torbjörn Ekman vill ha tre behov"));
  p.set_owner(owner);
  p.add_segment(make_segment("independent", "Fria kulturaktörer"));
  p.add_segment(make_segment("municipal", "Kommunal personal"));
  p.add_person(make_person(person_ids[0], person_names[0], "independent", Consent::public_,
                           {{"sector", "independent"}, {"contact", "via Kristoffer"}}, "Lindqvist household"));
  p.add_person(make_person(person_ids[1], person_names[1], "municipal", Consent::internal, {{"sector", "municipal"}}));
  p.add_person(make_person(person_ids[2], person_names[2], "independent", Consent::public_));
  p.add_arena(make_arena("A1", "Biblioteket", {"independent", "municipal"}, true, "Kristoffer Nyberg AB"));
  p.add_workshop(make_workshop("W1", "A1", "2026-02-03", WorkshopKind::problem_workshop,
                               {make_facilitator(facilitator_names[0], true), make_facilitator(facilitator_names[1], false)}));
  p.add_need(make_need("ND1", "Mötesplatser", "Förslag från Karl Svensson\noch Bjørnar"));

  Note said = make_note("N-problem", "W1", "independent", "Annika Lindqvist sa att biblioteket stänger för tidigt.",
                        NoteKind::problem, person_ids[0], Consent::public_);
  said.tags = {"Lindqvist", "öppettider"};
  p.record_note(said);
  p.record_note(make_note("N-public-quote", "W1", "independent", "Jag och Bjørnar vill ha kvällsöppet!", NoteKind::quote,
                          person_ids[0], Consent::public_));
  p.record_note(make_note("N-internal-quote", "W1", "municipal", "Det här är mitt eget hemliga citat", NoteKind::quote,
                          person_ids[1], Consent::public_));  // capped to internal by the person
  p.record_note(make_note("N-anon-internal", "W1", "municipal", "Ingen ska få läsa detta citat", NoteKind::quote, "",
                          Consent::internal));
  p.record_note(make_note("N-anon-public", "W1", "municipal", "Öppna lokalerna på helgen", NoteKind::quote, "",
                          Consent::public_));
  p.record_note(make_note("N-observation", "W1", "municipal", "Lokalen var full", NoteKind::observation, person_ids[1],
                          Consent::none));
  p.add_insight(make_insight("I1", "ND1", {"N-problem", "N-public-quote", "N-internal-quote"}, InsightStatus::draft,
                             "Konstnärer som Lindqvist", "en plats att ses", "Haugen och Svensson saknar det"));
  p.add_opportunity(make_opportunity("O1", "Hur kan vi hjälpa Bjørnar och andra?", {"I1"}, true));
  p.add_idea(make_idea("IDEA1", "O1", "Kulturkafé", true, "Solveig Dahl tog fram idén"));
  p.add_prototype_test(make_test("T1", "IDEA1", {person_ids[0], person_ids[2]}, TestOutcome::pilot,
                                 "Torbjörn Ekman leder testet med Karl"));
  p.add_working_group(make_group("G1", "ND1", "Gruppen kring Annika Lindqvist", {person_ids[0], person_ids[1]}, {},
                                 person_ids[0]));
  p.set_gate("explore", {make_criterion("ok", CriterionKind::min_workshops, 1, 0, "Godkänt av Torbjörn Ekman")});
  p.advance(override_by(decider, "Enligt Kristoffer Nyberg räcker underlaget", {person_ids[2], "N-problem"},
                        "2026-02-10"));
  p.advance(move_by("Annika Lindqvist", "Haugen håller med", {}, "2026-02-11"));
  return p;
}

TEST(PrivacyRule, WordsReachAnAudienceOnlyAsFarAsTheirConsentCappedByTheAuthors) {
  // consent × audience: none never; internal to the team and the working groups; public to all.
  const Audience audiences[] = {Audience::internal, Audience::working_group, Audience::public_};
  const bool expected[3][3] = {{false, false, false}, {true, true, false}, {true, true, true}};
  for (int c = 0; c < 3; ++c) {
    for (int a = 0; a < 3; ++a) {
      EXPECT_EQ(may_show(static_cast<Consent>(c), audiences[a]), expected[c][a])
          << to_string(static_cast<Consent>(c)) << " to " << to_string(audiences[a]);
    }
  }
  EXPECT_TRUE(may_show_author(Audience::internal));
  EXPECT_FALSE(may_show_author(Audience::working_group));
  EXPECT_FALSE(may_show_author(Audience::public_));
  // The author's consent caps the note's, whatever the note says.
  EXPECT_EQ(effective_consent(Consent::public_, Consent::internal), Consent::internal);
  EXPECT_EQ(effective_consent(Consent::internal, Consent::public_), Consent::internal);
  const Project p = named_project();
  const Note& capped = p.note("N-internal-quote");
  EXPECT_EQ(effective_consent(p, capped), Consent::internal);
  EXPECT_EQ(shown_text(p, capped, Audience::working_group), capped.text);
  EXPECT_EQ(shown_text(p, capped, Audience::public_), "[withheld: no consent to publish]");
  EXPECT_EQ(shown_text(p, p.note("N-observation"), Audience::internal), "[withheld: no consent to show these words]");
}

TEST(PublicEdition, TheTestNamesReallyOccurInTheOriginal) {
  // Guards the tests below: absence in the public edition means something only if the names were there.
  const std::string original = ascii_lower(save_project_to_string(named_project(), ArchiveFormat::text));
  for (const auto& name : all_names()) {
    for (const auto& token : name_tokens(name)) EXPECT_CONTAINS(original, ascii_lower(token));
  }
  for (const auto& id : person_ids) EXPECT_CONTAINS(original, ascii_lower(id));
}

TEST(PublicEdition, NoNameOrPersonIdSurvives) {
  expect_no_names(published_text(named_project()), all_names(), person_ids);
}

TEST(PublicEdition, NordicGenitiveAndTypographicQuotesDoNotHideNames) {
  Project p = named_project();
  p.record_note(make_note("N-genitive", "W1", "independent", "Annikas förslag och Haugens lista", NoteKind::problem, "",
                          Consent::public_));
  p.record_note(make_note("N-quotes", "W1", "independent", "”Lindqvist” och «Bjørnar» – Svensson…", NoteKind::problem, "",
                          Consent::public_));
  p.record_note(make_note("N-dash", "W1", "independent", "Nyberg—Dahl, Karl’s idé", NoteKind::problem, "", Consent::public_));
  expect_no_names(published_text(p), all_names(), person_ids);
  // Words that merely contain a name stay as they are.
  const Project pub = p.public_edition();
  EXPECT_CONTAINS(pub.note("N-genitive").text, "förslag");
}

TEST(PublicEdition, WordsThatOnlyContainANameAreKept) {
  Project p = named_project();
  p.record_note(make_note("N-words", "W1", "independent", "Karlstad och Dahlia", NoteKind::problem, "", Consent::public_));
  EXPECT_EQ(p.public_edition().note("N-words").text, "Karlstad och Dahlia");
}

TEST(PublicEdition, NotesWithoutPublicConsentAreWithheldWhateverTheirKind) {
  const Project original = named_project();
  const Project pub = original.public_edition();
  const std::string text = published_text(original);
  // An internal quote (capped by its author), an anonymous internal quote, an observation without consent.
  for (const std::string id : {"N-internal-quote", "N-anon-internal", "N-observation"}) {
    EXPECT_LACKS(text, ascii_lower(original.note(id).text)) << id;
    EXPECT_EQ(pub.note(id).text, shown_text(original, original.note(id), Audience::public_)) << id;
    EXPECT_CONTAINS(pub.note(id).text, "[withheld");
  }
  // A public quote without names is published as it is.
  EXPECT_EQ(pub.note("N-anon-public").text, original.note("N-anon-public").text);
  // A public quote that names someone is kept, with the name replaced.
  EXPECT_LACKS(pub.note("N-public-quote").text, "Bjørnar");
  EXPECT_CONTAINS(pub.note("N-public-quote").text, "vill ha kvällsöppet!");
  EXPECT_EQ(pub.notes().size(), original.notes().size());
}

TEST(PublicEdition, ReferencesStayConsistent) {
  const Project original = named_project();
  const Project pub = original.public_edition();
  expect_consistent_references(pub);
  ASSERT_EQ(pub.persons().size(), original.persons().size());
  // Persons keep their order and get new ids; every reference follows the same mapping.
  for (std::size_t i = 0; i < pub.persons().size(); ++i) {
    const std::string& old_id = original.persons()[i].id;
    const std::string& new_id = pub.persons()[i].id;
    EXPECT_NE(new_id, old_id);
    EXPECT_EQ(pub.persons()[i].segment, original.persons()[i].segment);
    EXPECT_EQ(pub.persons()[i].consent, original.persons()[i].consent);
    for (std::size_t n = 0; n < pub.notes().size(); ++n) {
      EXPECT_EQ(pub.notes()[n].person_id == new_id, original.notes()[n].person_id == old_id);
    }
    const auto& old_members = original.working_group("G1").member_ids;
    const auto& new_members = pub.working_group("G1").member_ids;
    EXPECT_EQ(std::count(new_members.begin(), new_members.end(), new_id),
              std::count(old_members.begin(), old_members.end(), old_id));
  }
  EXPECT_EQ(pub.working_group("G1").lead_id, pub.persons()[0].id);
  EXPECT_EQ(pub.insight("I1").evidence, original.insight("I1").evidence);
  // The decision that cited Karl's person id now cites his pseudonym.
  EXPECT_EQ(pub.decisions()[0].evidence, (std::vector<std::string>{pub.persons()[2].id, "N-problem"}));
  // Facilitators keep whether they were trained.
  ASSERT_EQ(pub.workshop("W1").facilitators.size(), 2U);
  EXPECT_TRUE(pub.workshop("W1").facilitators[0].trained);
  EXPECT_FALSE(pub.workshop("W1").facilitators[1].trained);
  EXPECT_NE(pub.workshop("W1").facilitators[0].name, pub.workshop("W1").facilitators[1].name);
  // Households stay grouped but lose their names.
  EXPECT_FALSE(pub.persons()[0].household.empty());
  EXPECT_LACKS(pub.persons()[0].household, "Lindqvist");
}

TEST(PublicEdition, IsMarkedAndLeavesTheOriginalAlone) {
  const Project original = named_project();
  const Project copy = original;
  const Project pub = original.public_edition();
  EXPECT_TRUE(pub.is_public_edition());
  EXPECT_FALSE(original.is_public_edition());
  EXPECT_TRUE(original == copy);
  EXPECT_FALSE(pub == original);
  // The flag and the redaction survive saving and loading.
  const Project loaded = load_project_from_string(save_project_to_string(pub, ArchiveFormat::xml));
  EXPECT_TRUE(loaded.is_public_edition());
  EXPECT_TRUE(loaded == pub);
  // The process state itself is not personal data.
  EXPECT_EQ(pub.current_step_index(), original.current_step_index());
  EXPECT_EQ(pub.decisions().size(), original.decisions().size());
}

TEST(PublicEdition, ProjectWithoutPersonalDataIsUnchangedApartFromTheFlag) {
  Project p("Utan namn");
  p.add_segment(make_segment("s", "Segment"));
  p.add_arena(make_arena("A1", "Torget", {"s"}));
  p.add_workshop(make_workshop("W1", "A1", "2026-01-01"));
  p.record_note(make_note("N1", "W1", "s", "Bussen går sällan", NoteKind::problem, "", Consent::public_));
  const Project pub = p.public_edition();
  EXPECT_EQ(pub.notes(), p.notes());
  EXPECT_EQ(pub.name(), p.name());
  EXPECT_TRUE(pub.owner().empty());
}

// ===== randomised: invented names embedded everywhere ===================================================

class NameFactory {
 public:
  explicit NameFactory(std::mt19937& rng) : rng_(rng) {}

  // An invented name: two or three syllables that occur in no real word of the fixture texts.
  std::string word() {
    static const std::vector<std::string> syllables{"zor", "vix", "qua", "xan", "bry", "dwe", "fjo", "gly", "kry",
                                                    "pex", "tuv", "wyl", "jox", "zyg", "quo", "bjø", "xæ", "zå"};
    std::uniform_int_distribution<std::size_t> pick(0, syllables.size() - 1);
    std::uniform_int_distribution<int> count(2, 3);
    std::string out;
    const int n = count(rng_);
    for (int i = 0; i < n; ++i) out += syllables[pick(rng_)];
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
  }
  std::string full_name() {
    std::uniform_int_distribution<int> parts(1, 3);
    std::string out = word();
    for (int i = 1, n = parts(rng_); i < n; ++i) out += (i == 1 && n == 3 ? "-" : " ") + word();
    return out;
  }

 private:
  std::mt19937& rng_;
};

struct RandomCase {
  Project project{"Slump"};
  std::vector<std::string> names;       // every personal name used
  std::vector<std::string> person_ids;  // ids that are personal data too
  std::vector<std::string> markers;     // marker per note, in note order
};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

// A text that mentions a name (whole, or its first or last part) in one of many positions and styles.
std::string mention(std::mt19937& rng, const std::string& name) {
  const auto tokens = name_tokens(name);
  std::string who = name;
  const int form = std::uniform_int_distribution<int>(0, 2)(rng);
  if (form == 1) who = tokens.front();
  if (form == 2) who = tokens.back();
  static const std::vector<std::pair<std::string, std::string>> frames{
      {"", " sa att bussen går sällan."}, {"Enligt ", " behövs fler träffar"}, {"Möte med ", ", och andra"},
      {"(", ")"},                         {"\"", "\""},                        {"”", "”"},
      {"«", "»"},                         {"– ", " –"},                        {"Vi frågade ", "s grupp"},
      {"", ":\nvi behöver mer tid"},      {"Hej ", "!"},                      {"rad ett\n", "\nrad tre"}};
  const auto& [before, after] = pick(rng, frames);
  return before + who + after;
}

RandomCase random_case(std::uint32_t seed) {
  std::mt19937 rng(seed);
  NameFactory names(rng);
  RandomCase rc;
  Project& p = rc.project;
  const auto chance = [&](double probability) { return std::bernoulli_distribution(probability)(rng); };
  const auto count = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

  std::vector<std::string> pool;  // names that free text may mention
  const auto remember = [&](const std::string& name) {
    rc.names.push_back(name);
    pool.push_back(name);
    return name;
  };

  p.add_segment(make_segment("s1", "Eldre"));
  p.add_segment(make_segment("s2", "Unge"));
  const std::vector<std::string> segments{"s1", "s2"};
  p.add_need(make_need("ND1", "Mötesplatser"));

  std::vector<std::string> persons;
  for (int i = 0, n = count(1, 6); i < n; ++i) {
    const std::string name = remember(names.full_name());
    std::string id = ascii_lower(name_tokens(name).front()) + "." + std::to_string(i);
    if (chance(0.3)) id = ascii_lower(name_tokens(name).back()) + std::to_string(i) + "@kommune.no";
    const Consent consent = pick(rng, std::vector<Consent>{Consent::none, Consent::internal, Consent::public_});
    p.add_person(make_person(id, name, pick(rng, segments), consent, {}, chance(0.5) ? "hh-" + id : ""));
    persons.push_back(id);
    rc.person_ids.push_back(id);
  }
  const std::string owner_name = chance(0.7) ? remember(names.full_name()) : "";
  p.set_owner(owner_name);
  // Every name below is recorded in its own field (each facilitator leads a workshop, each decider makes a
  // decision), so the project knows it as personal data.
  const int workshops = count(1, 3);
  std::vector<std::string> deciders;
  for (int i = 0, n = count(1, 2); i < n; ++i) deciders.push_back(remember(names.full_name()));
  std::vector<sp::Facilitator> facilitators;
  for (int i = 0, n = count(1, workshops); i < n; ++i) {
    facilitators.push_back(make_facilitator(remember(names.full_name()), chance(0.5)));
  }

  p.set_challenge(make_challenge("Vi vill förstå. " + mention(rng, pick(rng, pool)), "alla", "mötas",
                                 mention(rng, pick(rng, pool)), "mål"));
  p.add_arena(make_arena("A1", "Biblioteket", segments, true, mention(rng, pick(rng, pool))));
  for (int w = 0; w < workshops; ++w) {
    std::vector<sp::Facilitator> led{facilitators[static_cast<std::size_t>(w) % facilitators.size()]};
    if (chance(0.3)) led.push_back(pick(rng, facilitators));
    p.add_workshop(make_workshop("W" + std::to_string(w), "A1", "2026-02-1" + std::to_string(w), WorkshopKind::problem_workshop, led));
  }
  p.add_need(make_need("ND2", "Stöd", mention(rng, pick(rng, pool))));

  std::vector<std::string> notes;
  for (int i = 0, n = count(3, 10); i < n; ++i) {
    const std::string id = "N" + std::to_string(i);
    const std::string marker = "qmark" + std::to_string(i) + "x";
    const auto kind = pick(rng, std::vector<NoteKind>{NoteKind::quote, NoteKind::quote, NoteKind::problem, NoteKind::observation});
    const auto consent = pick(rng, std::vector<Consent>{Consent::none, Consent::internal, Consent::public_});
    const std::string person = chance(0.7) ? pick(rng, persons) : "";
    Note note = make_note(id, "W" + std::to_string(count(0, workshops - 1)), pick(rng, segments),
                          mention(rng, pick(rng, pool)) + " " + marker + " " + mention(rng, pick(rng, pool)), kind, person,
                          consent);
    if (chance(0.3)) note.tags = {mention(rng, pick(rng, pool))};
    p.record_note(note);
    notes.push_back(id);
    rc.markers.push_back(marker);
  }
  for (int i = 0, n = count(1, 3); i < n; ++i) {
    std::vector<std::string> evidence{notes[static_cast<std::size_t>(i) % notes.size()]};
    p.add_insight(make_insight("I" + std::to_string(i), chance(0.5) ? "ND1" : "ND2", evidence, InsightStatus::draft,
                               mention(rng, pick(rng, pool)), mention(rng, pick(rng, pool)), mention(rng, pick(rng, pool))));
  }
  p.add_opportunity(make_opportunity("O1", "Hur kan vi? " + mention(rng, pick(rng, pool)), {"I0"}));
  p.add_idea(make_idea("IDEA1", "O1", mention(rng, pick(rng, pool)), true, mention(rng, pick(rng, pool))));
  p.add_prototype_test(make_test("T1", "IDEA1", {pick(rng, persons)}, TestOutcome::iterate, mention(rng, pick(rng, pool))));
  std::vector<std::string> members;
  for (const auto& id : persons) {
    if (chance(0.6)) members.push_back(id);
  }
  p.add_working_group(make_group("G1", "ND1", "Gruppen: " + mention(rng, pick(rng, pool)), members, {},
                                 chance(0.5) ? pick(rng, persons) : ""));
  for (int i = 0, n = count(static_cast<int>(deciders.size()), 3); i < n; ++i) {
    std::vector<std::string> evidence{pick(rng, notes)};
    if (chance(0.5)) evidence.push_back(pick(rng, persons));
    p.advance(override_by(deciders[static_cast<std::size_t>(i) % deciders.size()], mention(rng, pick(rng, pool)), evidence,
                          "2026-03-0" + std::to_string(i + 1)));
  }
  return rc;
}

TEST(PublicEditionRandomised, SixtyProjectsWithInventedNames) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RandomCase rc = random_case(seed);
    const Project& original = rc.project;
    const Project pub = original.public_edition();
    const std::string text = ascii_lower(save_project_to_string(pub, ArchiveFormat::text));

    expect_no_names(text, rc.names, rc.person_ids);
    expect_consistent_references(pub);
    EXPECT_TRUE(pub.is_public_edition());

    // Notes without public consent are withheld (their marker is gone); the others keep their marker.
    for (std::size_t i = 0; i < original.notes().size(); ++i) {
      const Note& note = original.notes()[i];
      const bool withheld = effective_consent(original, note) != Consent::public_;
      if (withheld) {
        EXPECT_LACKS(text, rc.markers[i]);
      } else {
        EXPECT_CONTAINS(pub.notes()[i].text, rc.markers[i]);
      }
    }
    EXPECT_TRUE(load_project_from_string(save_project_to_string(pub)) == pub);
  }
}

}  // namespace
