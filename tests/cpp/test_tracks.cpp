// Tests of the working groups' tracks: starting one, moves that follow the model on each track
// independently, gates judged on the track's own evidence, closed tracks, and the programme view and
// timeline built from them.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "archive_support.hpp"
#include "builders.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/programme.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using namespace servicedesign::testing;
using servicedesign::InvalidInput;
using servicedesign::NotFound;
using servicedesign::StateError;

// Two needs, a working group for each (G1 with a lead), persons from two segments, one shared workshop.
Project two_groups() {
  Project p("Kultur i Sörmland", ProcessModel::skr());
  p.add_segment(make_segment("independent", "Fria kulturaktörer"));
  p.add_segment(make_segment("municipal", "Kommunal personal"));
  p.add_need(make_need("ND-support", "Stödstrukturer"));
  p.add_need(make_need("ND-collab", "Samverkan"));
  p.add_person(make_person("P1", "Anna Ek", "independent", Consent::public_, {{"sector", "independent"}}));
  p.add_person(make_person("P2", "Bo Berg", "municipal", Consent::internal, {{"sector", "municipal"}}));
  p.add_arena(make_arena("A-lib", "Biblioteket", {"independent", "municipal"}));
  p.add_workshop(make_workshop("W-shared", "A-lib", "2026-02-03"));
  p.add_working_group(make_group("G1", "ND-support", "Stöd", {"P1", "P2"}, {}, "P1"));
  p.add_working_group(make_group("G2", "ND-collab", "Samverkan", {"P2"}));
  return p;
}

Challenge written_challenge() {
  return make_challenge("Vi vill att stödet blir lätt att hitta", "fria kulturaktörer", "hitta stöd i tid",
                        "tillsammans med dem", "Halva söktiden");
}

// Runs `change` on a copy of `project`, expects it to throw E with every fragment in its message, and
// checks that the project is unchanged.
template <class E>
void expect_refused(const Project& project, const std::function<void(Project&)>& change,
                    const std::vector<std::string>& fragments) {
  Project copy = project;
  try {
    change(copy);
    ADD_FAILURE() << "no exception";
  } catch (const E& e) {
    for (const auto& f : fragments) EXPECT_CONTAINS(e.what(), f);
  }
  EXPECT_TRUE(copy == project) << "a refused change altered the project";
}

TEST(Tracks, AGroupStartsItsOwnTrackInTheFirstStepWithDefaultGates) {
  Project p = two_groups();
  const Track& t = p.start_track(make_track("G1", "", "2026-09-01"));
  EXPECT_EQ(t.id, "TR1");
  EXPECT_EQ(t.group_id, "G1");
  EXPECT_EQ(t.current_step, 0U);
  EXPECT_TRUE(t.decisions.empty());
  EXPECT_EQ(t.gates.size(), p.model().steps().size());
  EXPECT_EQ(t.gates[1], default_gate(p.model(), 1));
  EXPECT_EQ(p.track_of_group("G1"), &p.track("TR1"));
  EXPECT_EQ(p.track_of_group("G2"), nullptr);
  EXPECT_TRUE(p.contains_id("TR1"));
}

TEST(Tracks, StartingIsRefusedWithTheReasonAndLeavesTheProjectUnchanged) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR-a"));
  expect_refused<NotFound>(p, [](Project& q) { q.start_track(make_track("G9")); }, {"group_id", "G9"});
  expect_refused<InvalidInput>(p, [](Project& q) { q.start_track(make_track("G1")); }, {"G1", "already has track 'TR-a'"});
  expect_refused<InvalidInput>(p, [](Project& q) { q.start_track(make_track("G2", "", "1. september")); },
                               {"start_date", "1. september"});
  expect_refused<InvalidInput>(p, [](Project& q) { q.start_track(make_track("G2", "P1")); }, {"P1", "already in use"});
  expect_refused<InvalidInput>(p, [](Project& q) {
    Track t = make_track("G2");
    t.current_step = 3;
    q.start_track(t);
  }, {"current_step", "first step"});
}

TEST(Tracks, EachTrackMovesOnItsOwnAndTheInsightPhaseStaysWhereItIs) {
  Project p = two_groups();
  for (const auto& step : p.model().steps()) p.set_gate(step.key, {}, "");
  p.advance(move_by("Eva", "the insight phase moves on"));
  p.start_track(make_track("G1", "TR1"));
  p.start_track(make_track("G2", "TR2"));
  p.set_track_challenge("TR1", written_challenge());
  const Decision& d = p.advance(on_track(override_by("Anna", "skriven utmaning, målet kommer", {"W-shared"}), "TR1"));
  EXPECT_EQ(d.sequence, 1U);
  EXPECT_EQ(d.from_step, "frame");
  EXPECT_EQ(d.to_step, "explore");
  EXPECT_EQ(p.track("TR1").current_step, 1U);
  EXPECT_EQ(p.track("TR2").current_step, 0U);
  EXPECT_EQ(p.current_step_index(), 1U);
  EXPECT_EQ(p.decisions().size(), 1U);  // the insight phase's log is its own
  EXPECT_EQ(p.track("TR1").decisions.size(), 1U);
  EXPECT_EQ(p.track("").id, "");  // the empty id names the insight phase
}

TEST(Tracks, ForbiddenMovesAreRefusedWithTheReason) {
  Project p = two_groups();
  p.start_track(make_track("G2", "TR2"));
  // Frame's default gate reads the track's own (empty) challenge, not the project's.
  p.set_challenge(written_challenge());
  expect_refused<StateError>(p, [](Project& q) { q.advance(on_track(move_by("Bo", "vidare"), "TR2")); },
                             {"track 'TR2' (working group 'G2')", "cannot leave step 'frame'", "challenge lacks"});
  // An override without a rationale, a move without who, a back-step the model does not list.
  expect_refused<InvalidInput>(p, [](Project& q) { q.advance(on_track(override_by("Bo", ""), "TR2")); }, {"rationale"});
  expect_refused<InvalidInput>(p, [](Project& q) { q.advance(on_track(override_by("", "vidare"), "TR2")); }, {"who"});
  p.advance(on_track(override_by("Bo", "vi skriver utmaningen i nästa steg"), "TR2"));
  EXPECT_EQ(p.track("TR2").decisions.back().overridden_criteria, (std::vector<std::string>{"challenge", "goal"}));
  expect_refused<StateError>(p, [](Project& q) { q.step_back("frame", on_track(move_by("Bo", "omtag"), "TR2")); },
                             {"track 'TR2'", "not a back-step", "allowed from here: none"});
  expect_refused<NotFound>(p, [](Project& q) { q.advance(on_track(move_by("Bo"), "TR9")); },
                           {"TR9"});
  // The allowed moves of the track say the same.
  const auto moves = p.allowed_moves("TR2");
  ASSERT_EQ(moves.size(), 1U);
  EXPECT_EQ(moves[0].to_step, "focus");
  EXPECT_TRUE(moves[0].needs_override);
}

TEST(Tracks, GatesAreJudgedOnTheTracksOwnEvidence) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));
  p.start_track(make_track("G2", "TR2"));
  // An idea chosen in TR1 meets TR1's "chosen ideas" criterion and not TR2's.
  Opportunity o = make_opportunity("O1", "Hur kan vi samla stödet?", {}, true);
  o.track_id = "TR1";
  p.add_opportunity(o);
  p.add_idea(make_idea("IDEA1", "O1", "Stödlots", true));
  const GateCriterion ideas = make_criterion("ideas", CriterionKind::min_chosen_ideas, 1, 0, "an idea");
  const GateCriterion areas = make_criterion("areas", CriterionKind::development_areas, 1, 2, "an area");
  const GateCriterion owner = make_criterion("owner", CriterionKind::owner_named, 0, 0, "owner");
  for (const auto* track : {"TR1", "TR2"}) p.set_gate("frame", {ideas, areas, owner}, track);
  EXPECT_TRUE(p.check_gate("", "TR1").empty());
  const auto unmet = p.check_gate("", "TR2");
  ASSERT_EQ(unmet.size(), 3U);
  EXPECT_CONTAINS(unmet[0].explanation, "0 idea(s) chosen");
  EXPECT_CONTAINS(unmet[1].explanation, "0 development area(s)");
  EXPECT_CONTAINS(unmet[2].explanation, "working group 'G2' has no lead");  // a group's lead owns its result
  // The insight phase sees neither: its ideas and opportunities are the shared ones.
  p.set_gate("frame", {ideas}, "");
  EXPECT_EQ(p.check_gate().size(), 1U);
}

TEST(Tracks, FocusAreasOfATrackAreTheInsightsOnItsGroupsNeed) {
  Project p = two_groups();
  p.record_note(make_note("N1", "W-shared", "independent", "Vi hittar inte stödet"));
  p.add_insight(make_insight("I1", "ND-support", {"N1"}));
  p.add_insight(make_insight("I2", "ND-collab", {"N1"}));
  p.start_track(make_track("G1", "TR1"));
  p.start_track(make_track("G2", "TR2"));
  const GateCriterion focus = make_criterion("focus", CriterionKind::min_focus_areas, 1, 0, "one insight");
  for (const auto* track : {"TR1", "TR2"}) p.set_gate("frame", {focus}, track);
  EXPECT_TRUE(p.check_gate("", "TR1").empty());
  EXPECT_TRUE(p.check_gate("", "TR2").empty());
  p.set_gate("frame", {make_criterion("focus", CriterionKind::min_focus_areas, 2, 0, "two")}, "TR1");
  const auto unmet = p.check_gate("", "TR1");
  ASSERT_EQ(unmet.size(), 1U);
  EXPECT_CONTAINS(unmet[0].explanation, "1 of the required 2 insights on need ND-support");
}

TEST(Tracks, EntitiesBelongToOneTrackAndFollowTheirParents) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));
  p.start_track(make_track("G2", "TR2"));
  Opportunity o = make_opportunity("O1", "Hur kan vi?", {});
  o.track_id = "TR1";
  p.add_opportunity(o);
  EXPECT_EQ(p.add_idea(make_idea("IDEA1", "O1", "Lots")).track_id, "TR1");      // the opportunity's track
  EXPECT_EQ(p.add_prototype_test(make_test("T1", "IDEA1")).track_id, "TR1");     // the idea's track
  p.add_opportunity(make_opportunity("O-shared", "Hur kan alla?", {}));
  Idea from_shared = make_idea("IDEA2", "O-shared", "Karta");
  from_shared.track_id = "TR2";  // a group may answer a shared opportunity
  EXPECT_EQ(p.add_idea(from_shared).track_id, "TR2");
  expect_refused<InvalidInput>(p, [](Project& q) {
    Idea other = make_idea("IDEA3", "O1", "Annan");
    other.track_id = "TR2";
    q.add_idea(other);
  }, {"idea 'IDEA3', field 'track'", "opportunity 'O1' belongs to track 'TR1'"});
  expect_refused<InvalidInput>(p, [](Project& q) {
    PrototypeTest t = make_test("T2", "IDEA1");
    t.track_id = "TR2";
    q.add_prototype_test(t);
  }, {"prototype test 'T2', field 'track'", "idea 'IDEA1' belongs to track 'TR1'"});
  expect_refused<NotFound>(p, [](Project& q) {
    Workshop w = make_workshop("W9", "A-lib", "2026-09-01");
    w.track_id = "TR7";
    q.add_workshop(w);
  }, {"workshop 'W9', field 'track'", "TR7"});
}

TEST(Tracks, AClosedTrackRefusesMovesAndNewWork) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));
  Workshop w = make_workshop("W-TR1", "A-lib", "2026-09-08", WorkshopKind::ideation);
  w.track_id = "TR1";
  p.add_workshop(w);
  Opportunity o = make_opportunity("O1", "Hur kan vi?", {});
  o.track_id = "TR1";
  p.add_opportunity(o);
  expect_refused<InvalidInput>(p, [](Project& q) { q.close_track("TR1", move_by("Anna", "")); }, {"rationale"});
  expect_refused<InvalidInput>(p, [](Project& q) { q.close_track("", move_by("Anna", "klart")); }, {"insight phase"});
  const Decision& closing = p.close_track("TR1", move_by("Anna", "gruppen slogs ihop", {}, "2026-10-01"));
  EXPECT_EQ(closing.kind, DecisionKind::close);
  EXPECT_TRUE(p.track("TR1").closed);
  EXPECT_TRUE(p.allowed_moves("TR1").empty());
  const std::vector<std::string> why{"track 'TR1' (working group 'G1') was closed on 2026-10-01", "gruppen slogs ihop"};
  expect_refused<StateError>(p, [](Project& q) { q.advance(on_track(override_by("Anna", "ändå"), "TR1")); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.close_track("TR1", move_by("Anna", "igen")); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.set_track_challenge("TR1", written_challenge()); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.set_gate("frame", {}, "TR1"); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.set_opportunity_selected("O1", true); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.add_idea(make_idea("IDEA1", "O1", "Sent")); }, why);
  expect_refused<StateError>(p, [](Project& q) { q.record_note(make_note("N1", "W-TR1", "independent", "Sent")); }, why);
}

TEST(Tracks, WarningsAndThePublicEditionCoverTheTracks) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));
  p.set_track_challenge("TR1", make_challenge("Vi vill bygga en app åt Anna Ek", "aktörer", "hitta stöd", "med dem", ""));
  p.advance(on_track(override_by("Bo Berg", "Anna Ek har skrivit klart"), "TR1"));
  const auto warnings = p.warnings();
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w.find("track 'TR1'") != std::string::npos && w.find("app") != std::string::npos;
  }));
  const Project published = p.public_edition();
  const Track& t = published.track("TR1");
  EXPECT_EQ(t.challenge.purpose.find("Anna"), std::string::npos);
  EXPECT_EQ(t.decisions[0].who.find("Bo"), std::string::npos);
  EXPECT_EQ(t.decisions[0].rationale.find("Anna"), std::string::npos);
}

TEST(Programme, ShowsEachTrackStepSinceWhenUnmetGatesAndStaggeredStarts) {
  Project p = two_groups();
  p.start_track(make_track("G2", "TR2", "2027-01-15"));
  p.start_track(make_track("G1", "TR1", "2026-09-01"));
  p.advance(on_track(override_by("Anna", "utmaningen kommer", {}, "2026-09-10T10:00:00Z"), "TR1"));
  Opportunity o = make_opportunity("O1", "Hur kan vi?", {}, true);
  o.track_id = "TR1";
  p.add_opportunity(o);
  p.add_idea(make_idea("IDEA1", "O1", "Lots", true));
  p.add_prototype_test(make_test("T1", "IDEA1", {"P1"}, TestOutcome::pilot));
  p.add_prototype_test(make_test("T2", "IDEA1"));
  p.close_track("TR2", move_by("Bo", "uppgick i TR1", {}, "2027-02-01"));

  const ProgrammeView view = programme_view(p);
  ASSERT_EQ(view.tracks.size(), 3U);
  EXPECT_EQ(view.tracks[0].group_name, "Insight phase");
  EXPECT_EQ(view.tracks[0].start_date, "2026-02-03");  // its first workshop
  const TrackStatus& first = view.tracks[1];            // by start date, not by the order started
  EXPECT_EQ(first.track_id, "TR1");
  EXPECT_EQ(first.need_title, "Stödstrukturer");
  EXPECT_EQ(first.members, 2U);
  EXPECT_EQ(first.step, "explore");
  EXPECT_EQ(first.since, "2026-09-10");
  EXPECT_EQ(first.overrides, 1U);
  EXPECT_EQ(first.tests_pilot, 1U);
  EXPECT_EQ(first.tests_pending, 1U);
  EXPECT_EQ(first.unmet, p.check_gate("", "TR1"));
  EXPECT_FALSE(first.unmet.empty());
  const TrackStatus& second = view.tracks[2];
  EXPECT_TRUE(second.closed);
  EXPECT_EQ(second.closed_on, "2027-02-01");
  EXPECT_TRUE(second.unmet.empty());
  EXPECT_TRUE(view.groups_without_track.empty());

  const std::vector<TimelineSpan> spans = timeline(p);
  const std::vector<TimelineSpan> expected{
      {"", "Insight phase", 0, "frame", "2026-02-03", ""},
      {"TR1", "Stöd", 0, "frame", "2026-09-01", "2026-09-10"},
      {"TR1", "Stöd", 1, "explore", "2026-09-10", ""},
      {"TR2", "Samverkan", 0, "frame", "2027-01-15", "2027-02-01"},
  };
  EXPECT_EQ(spans, expected);
}

TEST(Programme, GroupsWithoutATrackAndTracksWithoutADateAreListed) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));  // no date, no workshop, no move: nothing on the timeline
  const ProgrammeView view = programme_view(p);
  EXPECT_EQ(view.groups_without_track, std::vector<std::string>{"G2"});
  ASSERT_EQ(view.tracks.size(), 2U);
  EXPECT_EQ(view.tracks[1].start_date, "");
  for (const auto& span : timeline(p)) EXPECT_NE(span.track_id, "TR1");
}

}  // namespace

namespace {

TEST(Tracks, MovesAreDatedInOrderAndNotBeforeTheTrackStarts) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1", "2026-09-01"));
  const Project before = p;
  try {
    p.advance(on_track(override_by("Anna", "for tidlig", {}, "2026-08-31"), "TR1"));
    ADD_FAILURE() << "a move before the track starts was logged";
  } catch (const InvalidInput& e) {
    EXPECT_CONTAINS(e.what(), "starts on 2026-09-01");
    EXPECT_CONTAINS(e.what(), "when");
  }
  EXPECT_TRUE(p == before);
  p.advance(on_track(override_by("Anna", "videre", {}, "2026-09-10"), "TR1"));
  EXPECT_THROW(p.advance(on_track(override_by("Anna", "bakover i tid", {}, "2026-09-09"), "TR1")), InvalidInput);
  p.advance(on_track(override_by("Anna", "samme dag", {}, "2026-09-10T15:00:00Z"), "TR1"));  // the same day is fine
  EXPECT_EQ(p.track("TR1").current_step, 2U);
}

TEST(Tracks, AGroupWithoutMembersHasNotHeardAnyone) {
  Project p = two_groups();
  p.add_working_group(make_group("G3", "ND-collab", "Tom", {}));
  p.start_track(make_track("G3", "TR3"));
  p.set_gate("frame", {make_criterion("heard", CriterionKind::target_segments_heard, 1, 0, "heard")}, "TR3");
  const auto unmet = p.check_gate("", "TR3");
  ASSERT_EQ(unmet.size(), 1U);
  EXPECT_CONTAINS(unmet[0].explanation, "working group 'G3' has no members yet");
}

TEST(Tracks, TheMembersOfAClosedTracksGroupStayAsTheyWere) {
  Project p = two_groups();
  p.start_track(make_track("G2", "TR2"));
  p.close_track("TR2", move_by("Bo", "klart"));
  EXPECT_THROW(p.set_working_group_members("G2", {"P1"}), StateError);
}

TEST(TrackArchives, InconsistentTracksAreRefusedOnLoad) {
  Project p = two_groups();
  p.start_track(make_track("G1", "TR1"));
  const std::string xml = payload_of(save_project_to_string(p, ArchiveFormat::xml));
  ASSERT_NO_THROW((void)load_project_from_string(envelope("xml", xml)));
  // A closed track without its closing decision, and a track of an unknown group.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"<closed>0</closed>", "<closed>1</closed>"}, {"<group_id>G1</group_id>", "<group_id>G9</group_id>"}}) {
    std::string edited = xml;
    const auto at = edited.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    edited.replace(at, from.size(), to);
    EXPECT_THROW((void)load_project_from_string(envelope("xml", edited)), servicedesign::FormatError) << to;
  }
}

}  // namespace
