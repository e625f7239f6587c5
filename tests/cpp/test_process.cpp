// Tests of the process part: process models, step moves and the decision log, gates, entities with
// referential integrity, insights, warnings and evidence coverage.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "builders.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/coverage.hpp"
#include "servicedesign/process/gates.hpp"
#include "servicedesign/process/process_model.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using namespace servicedesign::testing;
using servicedesign::InvalidInput;
using servicedesign::NotFound;
using servicedesign::StateError;

// The six SKR step keys in order (SKR's Innovationsguiden, innovationsguiden.se).
const std::vector<std::string> skr_keys{"frame", "explore", "focus", "ideas", "test", "implement"};

// SKR's back-steps (Innovationsguiden): Focus → Frame/Explore, Test → Ideas/Focus, Implement → Test.
const std::set<std::pair<std::size_t, std::size_t>> skr_back_steps{{2, 0}, {2, 1}, {4, 3}, {4, 2}, {5, 4}};

// Two target segments, one segment that is not a target, two arenas and two workshops.
Project small_project() {
  Project p("Storvik", ProcessModel::skr());
  p.add_segment(make_segment("seniors", "Eldre"));
  p.add_segment(make_segment("youth", "Unge"));
  p.add_segment(make_segment("staff", "Kommuneansatte", false));
  p.add_arena(make_arena("A-lib", "Storvik bibliotek", {"seniors", "youth"}));
  p.add_arena(make_arena("A-club", "Ungdomsklubben", {"youth", "staff"}));
  p.add_workshop(make_workshop("W1", "A-lib", "2026-02-03"));
  p.add_workshop(make_workshop("W2", "A-club", "2026-02-10"));
  p.add_need(make_need("ND-meet", "Mötesplatser"));
  p.add_need(make_need("ND-support", "Stödstrukturer"));
  return p;
}

// small_project() with every gate emptied, moved forward to step `step`.
Project at_step(std::size_t step) {
  Project p = small_project();
  for (const auto& key : skr_keys) p.set_gate(key, {});
  for (std::size_t i = 0; i < step; ++i) p.advance(move_by("Eva", "on to the next step"));
  return p;
}

std::set<std::string> unmet_ids(const std::vector<UnmetCriterion>& unmet) {
  std::set<std::string> out;
  for (const auto& u : unmet) out.insert(u.criterion_id);
  return out;
}

// ===== process models ================================================================================

TEST(ProcessModel, SkrHasSixStepsWithSwedishNames) {
  const ProcessModel skr = ProcessModel::skr();
  EXPECT_EQ(skr.key(), "skr");
  ASSERT_EQ(skr.steps().size(), 6U);
  const std::vector<std::string> swedish{"Ringa in", "Undersöka", "Fokusera", "Ta fram idéer", "Testa idéer",
                                         "Förverkliga"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(skr.steps()[i].key, skr_keys[i]);
    EXPECT_EQ(skr.steps()[i].name_sv, swedish[i]);
    EXPECT_EQ(skr.steps()[i].skr_equivalents, std::vector<SkrStep>{all_skr_steps[i]});
    EXPECT_EQ(to_string(all_skr_steps[i]), skr_keys[i]);
    EXPECT_EQ(skr.step_index(skr_keys[i]), i);
    EXPECT_FALSE(skr.steps()[i].name_en.empty());
    EXPECT_FALSE(skr.steps()[i].name_no.empty());
    EXPECT_FALSE(skr.steps()[i].exit_signal.empty());
  }
}

TEST(ProcessModel, SkrBackStepsAreExactlyTheListedOnes) {
  const ProcessModel skr = ProcessModel::skr();
  for (std::size_t from = 0; from < 6; ++from) {
    std::vector<std::size_t> expected;
    for (std::size_t to = 0; to < 6; ++to) {
      const bool listed = skr_back_steps.count({from, to}) > 0;
      EXPECT_EQ(skr.is_back_step_allowed(from, to), listed) << skr_keys[from] << " -> " << skr_keys[to];
      if (listed) expected.push_back(to);
    }
    EXPECT_EQ(skr.back_steps_from(from), expected) << "from " << skr_keys[from];
  }
}

TEST(ProcessModel, CrosswalksCoverAllSixSkrStepsInOrder) {
  for (const std::string key : {"double_diamond", "ks_veikart", "gds"}) {
    SCOPED_TRACE(key);
    const ProcessModel model = ProcessModel::by_key(key);
    EXPECT_EQ(model.key(), key);
    std::size_t previous_first = 0;
    for (SkrStep step : all_skr_steps) {
      const auto covering = model.steps_covering(step);
      ASSERT_FALSE(covering.empty()) << "no step covers " << to_string(step);
      // The crosswalk keeps the order of the process: a later SKR step never maps to an earlier phase.
      EXPECT_GE(covering.front(), previous_first) << to_string(step);
      previous_first = covering.front();
      for (std::size_t s : covering) {
        const auto& eq = model.steps()[s].skr_equivalents;
        EXPECT_NE(std::find(eq.begin(), eq.end(), step), eq.end());
      }
    }
  }
}

TEST(ProcessModel, NamedModelsHaveTheirPhases) {
  const ProcessModel dd = ProcessModel::double_diamond();
  ASSERT_EQ(dd.steps().size(), 4U);
  EXPECT_EQ(dd.steps()[0].name_en, "Discover");
  EXPECT_EQ(dd.steps()[3].name_en, "Deliver");
  const ProcessModel gds = ProcessModel::gds();
  ASSERT_EQ(gds.steps().size(), 4U);
  EXPECT_EQ(gds.steps()[0].name_en, "Discovery");
  EXPECT_EQ(gds.steps()[3].name_en, "Live");
  const ProcessModel ks = ProcessModel::ks_veikart();
  EXPECT_EQ(ks.steps().front().name_no, "Før du starter");
  EXPECT_EQ(ks.steps().back().name_no, "Ny praksis");
}

TEST(ProcessModel, ByKeyFindsEveryBuiltinAndRejectsOthers) {
  const auto keys = ProcessModel::builtin_keys();
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()),
            (std::set<std::string>{"skr", "double_diamond", "ks_veikart", "gds"}));
  for (const auto& key : keys) EXPECT_EQ(ProcessModel::by_key(key).key(), key);
  const auto e = thrown_by<NotFound>([] { (void)ProcessModel::by_key("lean_startup"); });
  EXPECT_CONTAINS(e.what(), "lean_startup");
  EXPECT_CONTAINS(e.what(), "double_diamond");  // the known keys are listed
  EXPECT_THROW((void)ProcessModel::by_key("SKR"), NotFound);
}

TEST(ProcessModel, UnknownStepKeyIsNotFound) {
  const auto e = thrown_by<NotFound>([] { (void)ProcessModel::skr().step_index("discover"); });
  EXPECT_CONTAINS(e.what(), "discover");
  EXPECT_CONTAINS(e.what(), "implement");
}

// ===== moves between steps ===========================================================================

TEST(Moves, EveryPairOfSkrStepsIsAllowedExactlyWhenItIsNextOrAListedBackStep) {
  for (std::size_t from = 0; from < 6; ++from) {
    for (std::size_t to = 0; to < 6; ++to) {
      SCOPED_TRACE(skr_keys[from] + " -> " + skr_keys[to]);
      const bool forward = to == from + 1;
      const bool back = skr_back_steps.count({from, to}) > 0;

      Project p = at_step(from);
      ASSERT_EQ(p.current_step_index(), from);
      const Project before = p;
      const std::size_t logged = p.decisions().size();

      if (forward) {
        const Decision& d = p.advance(move_by("Eva", "gate met"));
        EXPECT_EQ(d.kind, DecisionKind::forward);
      } else if (back) {
        const Decision& d = p.step_back(skr_keys[to], move_by("Eva", "we need more interviews"));
        EXPECT_EQ(d.kind, DecisionKind::back_step);
      }
      if (forward || back) {
        EXPECT_EQ(p.current_step_index(), to);
        EXPECT_EQ(p.current_step().key, skr_keys[to]);
        ASSERT_EQ(p.decisions().size(), logged + 1);
        EXPECT_EQ(p.decisions().back().from_step, skr_keys[from]);
        EXPECT_EQ(p.decisions().back().to_step, skr_keys[to]);
        continue;
      }
      // Forbidden: step_back refuses it (with a reason given, so only the rule can be the cause) and
      // nothing changes, the log included.
      EXPECT_THROW(p.step_back(skr_keys[to], move_by("Eva", "we need more interviews")), StateError);
      EXPECT_TRUE(p == before);
      EXPECT_EQ(p.decisions().size(), logged);
      EXPECT_EQ(p.current_step_index(), from);
    }
  }
}

TEST(Moves, StepBackCannotBeUsedToMoveForward) {
  for (std::size_t from = 0; from + 1 < 6; ++from) {
    Project p = at_step(from);
    const Project before = p;
    EXPECT_THROW(p.step_back(skr_keys[from + 1], move_by("Eva", "skip ahead")), StateError) << skr_keys[from];
    EXPECT_TRUE(p == before);
  }
}

TEST(Moves, AdvanceFromTheLastStepIsAStateError) {
  Project p = at_step(5);
  const Project before = p;
  EXPECT_THROW(p.advance(move_by("Eva", "done")), StateError);
  EXPECT_THROW(p.advance(override_by("Eva", "done")), StateError);
  EXPECT_TRUE(p == before);
}

TEST(Moves, UnknownTargetStepIsNotFound) {
  Project p = at_step(2);
  const Project before = p;
  EXPECT_THROW(p.step_back("discover", move_by("Eva", "why not")), NotFound);
  EXPECT_TRUE(p == before);
}

TEST(Moves, EveryModelFollowsItsOwnBackSteps) {
  for (const auto& key : ProcessModel::builtin_keys()) {
    const ProcessModel model = ProcessModel::by_key(key);
    const std::size_t n = model.steps().size();
    for (std::size_t from = 0; from < n; ++from) {
      for (std::size_t to = 0; to < n; ++to) {
        Project p("Model check", model);
        for (const auto& step : model.steps()) p.set_gate(step.key, {});
        for (std::size_t i = 0; i < from; ++i) p.advance(move_by("Eva", "next"));
        const Project before = p;
        const bool allowed = model.is_back_step_allowed(from, to);
        if (allowed) {
          p.step_back(model.steps()[to].key, move_by("Eva", "back"));
          EXPECT_EQ(p.current_step_index(), to);
        } else {
          EXPECT_THROW(p.step_back(model.steps()[to].key, move_by("Eva", "back")), StateError)
              << key << ": " << from << " -> " << to;
          EXPECT_TRUE(p == before);
        }
      }
    }
  }
}

TEST(Moves, BackStepNeedsAReason) {
  Project p = at_step(2);  // Focus
  const Project before = p;
  EXPECT_THROW(p.step_back("explore", move_by("Eva", "")), InvalidInput);
  EXPECT_THROW(p.step_back("explore", move_by("Eva", "  \t ")), InvalidInput);
  EXPECT_TRUE(p == before);

  const Decision& d = p.step_back("explore", move_by("Eva", "Vi behöver fler intervjuer"));
  EXPECT_EQ(d.rationale, "Vi behöver fler intervjuer");
  EXPECT_EQ(d.kind, DecisionKind::back_step);
  EXPECT_EQ(p.current_step().key, "explore");
}

TEST(Moves, ForwardMoveNeedsNoReasonWhenTheGateIsMet) {
  Project p = at_step(0);
  const Decision& d = p.advance(move_by("Eva"));
  EXPECT_TRUE(d.rationale.empty());
  EXPECT_TRUE(d.overridden_criteria.empty());
}

TEST(Moves, MissingWhoIsInvalidInput) {
  for (const std::string who : {"", "   "}) {
    Project p = at_step(2);
    const Project before = p;
    EXPECT_THROW(p.advance(move_by(who, "x")), InvalidInput);
    EXPECT_THROW(p.step_back("frame", move_by(who, "rethink the challenge")), InvalidInput);
    EXPECT_TRUE(p == before);
  }
}

TEST(Moves, BadWhenIsInvalidInput) {
  for (const std::string when : {"2026-02-30", "2026-13-01", "1/3/2026", "tomorrow", "2026-03-01 10:00", "20260301",
                                 "2026-03-01Tnonsense", "2026-03-01T25:00", "2026-03-01T10:00+1", "2026-03-01T10:00:00ZZ"}) {
    Project p = at_step(2);
    const Project before = p;
    const auto e = thrown_by<InvalidInput>([&] { p.advance(move_by("Eva", "x", {}, when)); });
    EXPECT_CONTAINS(e.what(), "when");
    EXPECT_THROW(p.step_back("frame", move_by("Eva", "reason", {}, when)), InvalidInput) << when;
    EXPECT_TRUE(p == before) << when;
  }
}

TEST(Moves, WhenAcceptsDatesAndDateTimesAndDefaultsToUtcNow) {
  Project p = at_step(0);
  EXPECT_EQ(p.advance(move_by("Eva", "", {}, "2024-02-29")).when, "2024-02-29");
  EXPECT_EQ(p.advance(move_by("Eva", "", {}, "2026-03-01T10:15:00+01:00")).when, "2026-03-01T10:15:00+01:00");
  EXPECT_EQ(p.advance(move_by("Eva", "", {}, "2026-03-02T08:30Z")).when, "2026-03-02T08:30Z");
  const std::string now = p.advance(move_by("Eva", "", {}, "")).when;
  EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << now;
  EXPECT_GE(now, std::string("2025-01-01"));
}

TEST(Moves, UnknownEvidenceIdIsNotFoundAndChangesNothing) {
  Project p = at_step(2);
  p.record_note(make_note("N1", "W1", "seniors", "Bussen går sällan"));
  const Project before = p;
  const auto e = thrown_by<NotFound>([&] { p.advance(move_by("Eva", "x", {"N1", "N404"})); });
  EXPECT_CONTAINS(e.what(), "N404");
  EXPECT_THROW(p.step_back("frame", move_by("Eva", "rethink", {"nope"})), NotFound);
  EXPECT_TRUE(p == before);
  p.step_back("frame", move_by("Eva", "rethink", {"N1", "W1", "A-lib", "ND-meet"}));  // ids of any kind
  EXPECT_EQ(p.decisions().back().evidence.size(), 4U);
}

TEST(Moves, DecisionsAreRecordedInOrderWithAllTheirFields) {
  Project p = at_step(0);
  p.record_note(make_note("N1", "W1", "seniors", "Ingen plats att ses"));
  p.add_insight(make_insight("I1", "ND-meet", {"N1"}));
  p.advance(move_by("Eva Holm", "challenge written", {"N1"}, "2026-01-10"));
  p.advance(move_by("Ola", "enough insight", {"I1", "ND-meet", "W1"}, "2026-02-20T09:30:00"));
  p.step_back("explore", move_by("Eva Holm", "we need more interviews", {}, "2026-02-21"));

  const auto& log = p.decisions();
  ASSERT_EQ(log.size(), 3U);
  for (std::size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].sequence, i + 1);

  EXPECT_EQ(log[0].kind, DecisionKind::forward);
  EXPECT_EQ(log[0].from_step, "frame");
  EXPECT_EQ(log[0].to_step, "explore");
  EXPECT_EQ(log[0].who, "Eva Holm");
  EXPECT_EQ(log[0].rationale, "challenge written");
  EXPECT_EQ(log[0].evidence, std::vector<std::string>{"N1"});
  EXPECT_EQ(log[0].when, "2026-01-10");

  EXPECT_EQ(log[1].from_step, "explore");
  EXPECT_EQ(log[1].to_step, "focus");
  EXPECT_EQ(log[1].who, "Ola");
  EXPECT_EQ(log[1].evidence, (std::vector<std::string>{"I1", "ND-meet", "W1"}));
  EXPECT_EQ(log[1].when, "2026-02-20T09:30:00");

  EXPECT_EQ(log[2].kind, DecisionKind::back_step);
  EXPECT_EQ(log[2].from_step, "focus");
  EXPECT_EQ(log[2].to_step, "explore");
  EXPECT_EQ(log[2].rationale, "we need more interviews");
  EXPECT_EQ(to_string(log[2].kind), "back_step");
  EXPECT_EQ(to_string(log[0].kind), "forward");
}

// ===== gates and overrides ===========================================================================

TEST(Gates, UnmetGateBlocksAdvanceAndTheMessageListsTheUnmetCriteria) {
  Project p = small_project();  // default Frame gate; the challenge is not written
  const auto unmet = p.check_gate();
  ASSERT_FALSE(unmet.empty());
  const Project before = p;
  const auto e = thrown_by<StateError>([&] { p.advance(move_by("Eva", "let's go")); });
  for (const auto& u : unmet) EXPECT_CONTAINS(e.what(), u.criterion_id);
  EXPECT_TRUE(p == before);
}

TEST(Gates, MessageNamesOnlyTheUnmetCriteria) {
  Project p = small_project();
  p.set_gate("frame", {make_criterion("crit_met_alpha", CriterionKind::min_workshops, 1),
                       make_criterion("crit_unmet_beta", CriterionKind::owner_named)});
  const auto e = thrown_by<StateError>([&] { p.advance(move_by("Eva")); });
  EXPECT_CONTAINS(e.what(), "crit_unmet_beta");
  EXPECT_LACKS(e.what(), "crit_met_alpha");
}

TEST(Gates, OverrideIsRecordedWithTheUnmetCriteria) {
  Project p = small_project();
  const auto unmet = p.check_gate();
  ASSERT_FALSE(unmet.empty());
  const Decision& d = p.advance(override_by("Eva", "the politicians want to start now"));
  EXPECT_EQ(std::set<std::string>(d.overridden_criteria.begin(), d.overridden_criteria.end()), unmet_ids(unmet));
  EXPECT_EQ(d.overridden_criteria.size(), unmet.size());
  EXPECT_EQ(p.current_step().key, "explore");
}

TEST(Gates, OverrideNeedsARationale) {
  Project p = small_project();
  const Project before = p;
  EXPECT_THROW(p.advance(override_by("Eva", "")), InvalidInput);
  EXPECT_THROW(p.advance(override_by("Eva", "   ")), InvalidInput);
  EXPECT_TRUE(p == before);
}

TEST(Gates, OverrideOfAMetGateOverridesNothing) {
  Project p = at_step(0);
  const Decision& d = p.advance(override_by("Eva", "just in case"));
  EXPECT_TRUE(d.overridden_criteria.empty());
}

TEST(Gates, OverridesReachEveryStepWithDefaultGates) {
  Project p = small_project();
  for (std::size_t step = 1; step < 6; ++step) {
    const auto unmet = unmet_ids(p.check_gate());
    const Decision& d = p.advance(override_by("Eva", "pilot project, moving on"));
    EXPECT_EQ(std::set<std::string>(d.overridden_criteria.begin(), d.overridden_criteria.end()), unmet);
    EXPECT_EQ(p.current_step_index(), step);
  }
  EXPECT_EQ(p.decisions().size(), 5U);
}

TEST(Gates, AllowedMovesListForwardAndBackSteps) {
  const auto as_set = [](const std::vector<MoveOption>& moves) {
    std::set<std::pair<std::string, DecisionKind>> out;
    for (const auto& m : moves) out.insert({m.to_step, m.kind});
    return out;
  };
  using K = DecisionKind;
  EXPECT_EQ(as_set(at_step(0).allowed_moves()), (std::set<std::pair<std::string, K>>{{"explore", K::forward}}));
  EXPECT_EQ(as_set(at_step(1).allowed_moves()), (std::set<std::pair<std::string, K>>{{"focus", K::forward}}));
  EXPECT_EQ(as_set(at_step(2).allowed_moves()),
            (std::set<std::pair<std::string, K>>{{"ideas", K::forward}, {"frame", K::back_step}, {"explore", K::back_step}}));
  EXPECT_EQ(as_set(at_step(4).allowed_moves()),
            (std::set<std::pair<std::string, K>>{{"implement", K::forward}, {"ideas", K::back_step}, {"focus", K::back_step}}));
  EXPECT_EQ(as_set(at_step(5).allowed_moves()), (std::set<std::pair<std::string, K>>{{"test", K::back_step}}));
}

TEST(Gates, AllowedMovesSayWhenAnOverrideIsNeeded) {
  Project p = small_project();
  auto moves = p.allowed_moves();
  ASSERT_EQ(moves.size(), 1U);
  EXPECT_TRUE(moves[0].needs_override);
  p.set_challenge(make_challenge("Vi vill förstå", "kulturaktörer", "hitta stöd", "tillsammans", "tre behov"));
  moves = p.allowed_moves();
  ASSERT_EQ(moves.size(), 1U);
  EXPECT_FALSE(moves[0].needs_override);
  for (const auto& m : at_step(2).allowed_moves()) EXPECT_FALSE(m.needs_override);
}

TEST(Gates, DefaultGatesFollowSkrExitSignals) {
  const Project p("Defaults");
  const auto kinds_of = [&](const std::string& step) {
    std::set<CriterionKind> out;
    for (const auto& c : p.gate(step)) out.insert(c.kind);
    return out;
  };
  using K = CriterionKind;
  EXPECT_EQ(kinds_of("frame"), (std::set<K>{K::challenge_written, K::goal_set, K::target_segments_named}));
  EXPECT_EQ(kinds_of("explore"), (std::set<K>{K::min_focus_areas, K::target_segments_heard}));
  EXPECT_EQ(kinds_of("focus"), (std::set<K>{K::development_areas}));
  EXPECT_EQ(kinds_of("ideas"), (std::set<K>{K::min_chosen_ideas}));
  EXPECT_EQ(kinds_of("test"), (std::set<K>{K::chosen_ideas_tested}));
  EXPECT_EQ(kinds_of("implement"), (std::set<K>{K::pilot_decided, K::owner_named}));
  // "≥5 focus areas" and "1-3 development areas".
  const auto find_kind = [&](const std::string& step, K kind) {
    const auto& gate = p.gate(step);
    return *std::find_if(gate.begin(), gate.end(), [&](const GateCriterion& c) { return c.kind == kind; });
  };
  EXPECT_EQ(find_kind("explore", K::min_focus_areas).min, 5U);
  EXPECT_EQ(find_kind("focus", K::development_areas).min, 1U);
  EXPECT_EQ(find_kind("focus", K::development_areas).max, 3U);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(p.gate(skr_keys[i]), default_gate(all_skr_steps[i]));
    EXPECT_EQ(p.gate(skr_keys[i]), default_gate(ProcessModel::skr(), i));
  }
}

TEST(Gates, DefaultGateOfAPhaseCombinesTheSkrStepsItCovers) {
  for (const auto& key : {"double_diamond", "ks_veikart", "gds"}) {
    const ProcessModel model = ProcessModel::by_key(key);
    const Project p("Crosswalk", model);
    for (std::size_t s = 0; s < model.steps().size(); ++s) {
      const auto gate = default_gate(model, s);
      EXPECT_EQ(p.gate(model.steps()[s].key), gate);
      std::set<std::string> ids;
      for (const auto& c : gate) EXPECT_TRUE(ids.insert(c.id).second) << key << ": duplicate id " << c.id;
      std::set<CriterionKind> expected;
      for (SkrStep skr : model.steps()[s].skr_equivalents) {
        for (const auto& c : default_gate(skr)) expected.insert(c.kind);
      }
      std::set<CriterionKind> got;
      for (const auto& c : gate) got.insert(c.kind);
      EXPECT_EQ(got, expected) << key << " step " << model.steps()[s].key;
    }
  }
}

TEST(Gates, CustomGateReplacesTheDefault) {
  Project p = small_project();
  const std::vector<GateCriterion> custom{make_criterion("three_workshops", CriterionKind::min_workshops, 3, 0,
                                                         "Tre problemverksteder er holdt")};
  p.set_gate("explore", custom);
  EXPECT_EQ(p.gate("explore"), custom);
  const auto unmet = p.check_gate("explore");
  ASSERT_EQ(unmet.size(), 1U);
  EXPECT_EQ(unmet[0].criterion_id, "three_workshops");
  p.add_workshop(make_workshop("W3", "A-lib", "2026-02-17"));
  EXPECT_TRUE(p.check_gate("explore").empty());
  p.set_gate("explore", {});
  EXPECT_TRUE(p.gate("explore").empty());
}

TEST(Gates, BadCustomGatesAreRejectedAndLeaveTheGateAsItWas) {
  Project p = small_project();
  const auto original = p.gate("focus");
  const auto dup = thrown_by<InvalidInput>([&] {
    p.set_gate("focus", {make_criterion("x", CriterionKind::owner_named), make_criterion("x", CriterionKind::goal_set)});
  });
  EXPECT_CONTAINS(dup.what(), "'x'");
  const auto bounds = thrown_by<InvalidInput>(
      [&] { p.set_gate("focus", {make_criterion("areas", CriterionKind::development_areas, 4, 2)}); });
  EXPECT_CONTAINS(bounds.what(), "areas");
  EXPECT_THROW(p.set_gate("focus", {make_criterion("", CriterionKind::goal_set)}), InvalidInput);
  EXPECT_THROW(p.set_gate("discover", {}), NotFound);
  EXPECT_THROW((void)p.gate("discover"), NotFound);
  EXPECT_THROW((void)p.check_gate("discover"), NotFound);
  EXPECT_EQ(p.gate("focus"), original);
  // max == 0 means "no upper bound", so min 4 is fine then.
  p.set_gate("focus", {make_criterion("areas", CriterionKind::development_areas, 4, 0)});
  EXPECT_EQ(p.gate("focus")[0].min, 4U);
}

TEST(Gates, CriterionKindKeysAreDistinct) {
  std::set<std::string_view> keys;
  for (auto k : {CriterionKind::challenge_written, CriterionKind::goal_set, CriterionKind::target_segments_named,
                 CriterionKind::min_focus_areas, CriterionKind::target_segments_heard, CriterionKind::development_areas,
                 CriterionKind::min_chosen_ideas, CriterionKind::chosen_ideas_tested, CriterionKind::pilot_decided,
                 CriterionKind::owner_named, CriterionKind::min_workshops}) {
    EXPECT_TRUE(keys.insert(to_string(k)).second);
  }
  EXPECT_EQ(to_string(CriterionKind::min_focus_areas), "min_focus_areas");
}

// --- every criterion kind: a project that fails it, explained, then satisfies it ---------------------

struct KindCase {
  std::string label;
  CriterionKind kind;
  std::size_t min;
  std::size_t max;
  std::function<void(Project&)> make_unmet;      // applied to gate_fixture()
  std::vector<std::string> mentions;             // the explanation names these
  std::vector<std::string> omits;                // ... and not these
  std::function<void(Project&)> make_met;        // applied after make_unmet
};

// Segments seniors and youth (targets) and staff (not a target), one arena, one workshop, three needs.
Project gate_fixture() {
  Project p("Gates");
  p.add_segment(make_segment("seniors", "Eldre"));
  p.add_segment(make_segment("youth", "Unge"));
  p.add_segment(make_segment("staff", "Ansatte", false));
  p.add_arena(make_arena("A1", "Biblioteket", {"seniors", "youth", "staff"}));
  p.add_workshop(make_workshop("W1", "A1", "2026-02-01"));
  p.add_need(make_need("ND-a", "Mötesplatser"));
  p.add_need(make_need("ND-b", "Stöd"));
  p.add_need(make_need("ND-c", "Samverkan"));
  return p;
}

std::vector<KindCase> kind_cases() {
  using K = CriterionKind;
  const Challenge full = make_challenge("Vi vill förstå behoven", "kulturaktörer", "hitta stöd", "tillsammans", "");
  std::vector<KindCase> cases;
  cases.push_back({"challenge_written", K::challenge_written, 0, 0,
                   [](Project& p) { p.set_challenge(make_challenge("Vi vill förstå", "", "", "  ", "ett mål")); },
                   {"for_whom", "do_what", "how"}, {"purpose"},
                   [full](Project& p) { p.set_challenge(full); }});
  cases.push_back({"goal_set", K::goal_set, 0, 0, [full](Project& p) { p.set_challenge(full); }, {"goal"}, {},
                   [full](Project& p) {
                     Challenge c = full;
                     c.goal = "Tre prioriterade behov";
                     p.set_challenge(c);
                   }});
  cases.push_back({"target_segments_named", K::target_segments_named, 3, 0, [](Project&) {}, {"2", "3"}, {},
                   [](Project& p) { p.add_segment(make_segment("families", "Barnfamiljer")); }});
  cases.push_back({"min_focus_areas", K::min_focus_areas, 2, 0,
                   [](Project& p) {
                     p.record_note(make_note("N1", "W1", "seniors", "Ingenstans att ses"));
                     p.add_insight(make_insight("I1", "ND-a", {"N1"}));
                     p.add_insight(make_insight("I2", "ND-b", {"N1"}));
                     p.set_insight_status("I2", InsightStatus::archived);  // archived: does not count
                     p.add_insight(make_insight("I3", "", {"N1"}));         // no need: does not count
                   },
                   {"1", "2", "ND-a"}, {"ND-b", "ND-c"},
                   [](Project& p) { p.add_insight(make_insight("I4", "ND-c", {"N1"})); }});
  cases.push_back({"target_segments_heard", K::target_segments_heard, 1, 0,
                   [](Project& p) {
                     p.record_note(make_note("N1", "W1", "seniors", "Bussen går sällan"));
                     p.record_note(make_note("N2", "W1", "staff", "Vi hinner inte"));
                   },
                   {"youth"}, {"seniors", "staff"},
                   [](Project& p) { p.record_note(make_note("N3", "W1", "youth", "Inget att göra på kvällen")); }});
  cases.push_back({"target_segments_heard_twice", K::target_segments_heard, 2, 0,
                   [](Project& p) {
                     p.record_note(make_note("N1", "W1", "seniors", "a"));
                     p.record_note(make_note("N2", "W1", "seniors", "b"));
                     p.record_note(make_note("N3", "W1", "youth", "c"));
                   },
                   {"youth"}, {"seniors"},
                   [](Project& p) { p.record_note(make_note("N4", "W1", "youth", "d")); }});
  cases.push_back({"development_areas_too_few", K::development_areas, 1, 3,
                   [](Project& p) {
                     p.add_opportunity(make_opportunity("O1", "Hur kan vi skapa mötesplatser?", {}));
                     p.add_opportunity(make_opportunity("O2", "Hur kan vi stötta?", {}));
                   },
                   {"0", "1-3"}, {},
                   [](Project& p) {
                     p.set_opportunity_selected("O1", true);
                     p.set_opportunity_selected("O2", true);
                   }});
  cases.push_back({"development_areas_too_many", K::development_areas, 1, 3,
                   [](Project& p) {
                     for (const std::string id : {"O1", "O2", "O3", "O4"}) {
                       p.add_opportunity(make_opportunity(id, "Hur kan vi …?", {}, true));
                     }
                   },
                   {"4", "1-3"}, {},
                   [](Project& p) { p.set_opportunity_selected("O4", false); }});
  cases.push_back({"min_chosen_ideas", K::min_chosen_ideas, 2, 0,
                   [](Project& p) {
                     p.add_idea(make_idea("IDEA-a", "", "Kulturkafé", true));
                     p.add_idea(make_idea("IDEA-b", "", "Resurslista", false));
                   },
                   {"1", "2"}, {},
                   [](Project& p) { p.set_idea_chosen("IDEA-b", true); }});
  cases.push_back({"chosen_ideas_tested", K::chosen_ideas_tested, 0, 0,
                   [](Project& p) {
                     p.add_idea(make_idea("IDEA-a", "", "Kulturkafé", true));
                     p.add_idea(make_idea("IDEA-b", "", "Resurslista", true));
                     p.add_idea(make_idea("IDEA-c", "", "Not chosen", false));
                     p.add_prototype_test(make_test("T-a", "IDEA-a"));  // pending: not an outcome yet
                   },
                   {"IDEA-a", "IDEA-b"}, {"IDEA-c"},
                   [](Project& p) {
                     p.set_test_outcome("T-a", TestOutcome::stop);
                     p.add_prototype_test(make_test("T-b", "IDEA-b", {}, TestOutcome::iterate));
                   }});
  cases.push_back({"pilot_decided", K::pilot_decided, 1, 0,
                   [](Project& p) {
                     p.add_idea(make_idea("IDEA-a", "", "Kulturkafé", true));
                     p.add_prototype_test(make_test("T-a", "IDEA-a", {}, TestOutcome::iterate));
                   },
                   {"0", "1"}, {},
                   [](Project& p) { p.add_prototype_test(make_test("T-b", "IDEA-a", {}, TestOutcome::pilot)); }});
  cases.push_back({"owner_named", K::owner_named, 0, 0, [](Project& p) { p.set_owner("   "); }, {"owner"}, {},
                   [](Project& p) { p.set_owner("Kulturenheten"); }});
  cases.push_back({"min_workshops", K::min_workshops, 2, 0, [](Project&) {}, {"1", "2"}, {},
                   [](Project& p) { p.add_workshop(make_workshop("W2", "A1", "2026-02-08")); }});
  return cases;
}

TEST(Gates, EveryCriterionKindIsExplainedWhenUnmetAndClearsWhenMet) {
  const auto cases = kind_cases();
  std::set<CriterionKind> covered;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    covered.insert(c.kind);
    Project p = gate_fixture();
    p.set_gate("frame", {make_criterion("crit", c.kind, c.min, c.max)});
    c.make_unmet(p);
    const auto unmet = p.check_gate("frame");
    ASSERT_EQ(unmet.size(), 1U);
    EXPECT_EQ(unmet[0].criterion_id, "crit");
    EXPECT_EQ(p.check_gate(), unmet);  // the current step is Frame
    for (const auto& word : c.mentions) EXPECT_CONTAINS(unmet[0].explanation, word);
    for (const auto& word : c.omits) EXPECT_LACKS(unmet[0].explanation, word);
    EXPECT_THROW(p.advance(move_by("Eva")), StateError);

    c.make_met(p);
    EXPECT_TRUE(p.check_gate("frame").empty()) << p.check_gate("frame")[0].explanation;
    p.advance(move_by("Eva"));
    EXPECT_EQ(p.current_step().key, "explore");
  }
  EXPECT_EQ(covered.size(), 11U) << "every CriterionKind has a case";
}

// ===== entities: referential integrity ================================================================

// A project where every kind of entity exists once, so each add_* below fails only on the reference it breaks.
Project full_fixture() {
  Project p = small_project();
  p.add_person(make_person("P1", "Anna Berg", "seniors"));
  p.add_person(make_person("P2", "Bo Ek", "youth"));
  p.record_note(make_note("N1", "W1", "seniors", "Ingen plats att ses", NoteKind::problem, "P1"));
  p.record_note(make_note("N2", "W2", "youth", "Klubben stänger tidigt", NoteKind::problem, "P2"));
  p.add_insight(make_insight("I1", "ND-meet", {"N1", "N2"}));
  p.add_opportunity(make_opportunity("O1", "Hur kan vi skapa fler mötesplatser?", {"I1"}));
  p.add_idea(make_idea("IDEA1", "O1", "Kulturkafé"));
  p.add_prototype_test(make_test("T1", "IDEA1", {"P1"}));
  p.add_working_group(make_group("G1", "ND-meet", "Mötesplatsgruppen", {"P1", "P2"}));
  return p;
}

TEST(Entities, EveryAddChecksItsReferences) {
  using Action = std::function<void(Project&)>;
  const std::vector<std::pair<std::string, Action>> broken{
      {"person: segment", [](Project& p) { p.add_person(make_person("", "X", "martians")); }},
      {"arena: segment", [](Project& p) { p.add_arena(make_arena("", "Torget", {"seniors", "martians"})); }},
      {"workshop: arena", [](Project& p) { p.add_workshop(make_workshop("", "A-none", "2026-02-01")); }},
      {"workshop: segment present",
       [](Project& p) {
         p.add_workshop(make_workshop("", "A-lib", "2026-02-01", WorkshopKind::interview, {}, {"martians"}));
       }},
      {"note: workshop", [](Project& p) { p.record_note(make_note("", "W9", "seniors", "text")); }},
      {"note: segment", [](Project& p) { p.record_note(make_note("", "W1", "martians", "text")); }},
      {"note: person", [](Project& p) { p.record_note(make_note("", "W1", "seniors", "t", NoteKind::quote, "P9")); }},
      {"insight: note", [](Project& p) { p.add_insight(make_insight("", "ND-meet", {"N1", "N9"})); }},
      {"insight: need", [](Project& p) { p.add_insight(make_insight("", "ND-none", {"N1"})); }},
      {"opportunity: insight", [](Project& p) { p.add_opportunity(make_opportunity("", "Hur kan vi?", {"I9"})); }},
      {"idea: opportunity", [](Project& p) { p.add_idea(make_idea("", "O9", "Idé")); }},
      {"test: idea", [](Project& p) { p.add_prototype_test(make_test("", "IDEA9")); }},
      {"test: tester", [](Project& p) { p.add_prototype_test(make_test("", "IDEA1", {"P1", "P9"})); }},
      {"group: need", [](Project& p) { p.add_working_group(make_group("", "ND-none", "Grupp", {})); }},
      {"group: member", [](Project& p) { p.add_working_group(make_group("", "ND-meet", "Grupp", {"P1", "P9"})); }},
      {"group: lead", [](Project& p) { p.add_working_group(make_group("", "ND-meet", "Grupp", {"P1"}, {}, "P9")); }},
      {"set members", [](Project& p) { p.set_working_group_members("G1", {"P1", "P9"}); }},
      {"set members: group", [](Project& p) { p.set_working_group_members("G9", {"P1"}); }},
      {"status: insight", [](Project& p) { p.set_insight_status("I9", InsightStatus::archived); }},
      {"evidence: insight", [](Project& p) { p.add_insight_evidence("I9", "N1"); }},
      {"evidence: note", [](Project& p) { p.add_insight_evidence("I1", "N9"); }},
      {"select: opportunity", [](Project& p) { p.set_opportunity_selected("O9", true); }},
      {"choose: idea", [](Project& p) { p.set_idea_chosen("IDEA9", true); }},
      {"outcome: test", [](Project& p) { p.set_test_outcome("T9", TestOutcome::pilot); }},
  };
  for (const auto& [label, action] : broken) {
    Project p = full_fixture();
    const Project before = p;
    EXPECT_THROW(action(p), NotFound) << label;
    EXPECT_TRUE(p == before) << label;
  }
}

TEST(Entities, LookupOfAnUnknownIdIsNotFoundNamingTheId) {
  const Project p = full_fixture();
  EXPECT_CONTAINS(thrown_by<NotFound>([&] { (void)p.note("N404"); }).what(), "N404");
  EXPECT_THROW((void)p.segment("martians"), NotFound);
  EXPECT_THROW((void)p.need("ND-none"), NotFound);
  EXPECT_THROW((void)p.person("P9"), NotFound);
  EXPECT_THROW((void)p.arena("A9"), NotFound);
  EXPECT_THROW((void)p.workshop("W9"), NotFound);
  EXPECT_THROW((void)p.insight("I9"), NotFound);
  EXPECT_THROW((void)p.working_group("G9"), NotFound);
  EXPECT_EQ(p.note("N1").text, "Ingen plats att ses");
  EXPECT_EQ(p.person("P2").name, "Bo Ek");
}

// Adds one valid entity of each kind with the given id (references point into full_fixture()).
std::vector<std::pair<std::string, std::function<void(Project&, const std::string&)>>> adders() {
  return {
      {"need", [](Project& p, const std::string& id) { p.add_need(make_need(id, "Behov")); }},
      {"person", [](Project& p, const std::string& id) { p.add_person(make_person(id, "Cia", "seniors")); }},
      {"arena", [](Project& p, const std::string& id) { p.add_arena(make_arena(id, "Torget", {"youth"})); }},
      {"workshop", [](Project& p, const std::string& id) { p.add_workshop(make_workshop(id, "A-lib", "2026-03-01")); }},
      {"note", [](Project& p, const std::string& id) { p.record_note(make_note(id, "W1", "seniors", "Mer ljus")); }},
      {"insight", [](Project& p, const std::string& id) { p.add_insight(make_insight(id, "ND-meet", {"N1"})); }},
      {"opportunity", [](Project& p, const std::string& id) { p.add_opportunity(make_opportunity(id, "Hur?", {"I1"})); }},
      {"idea", [](Project& p, const std::string& id) { p.add_idea(make_idea(id, "O1", "Idé")); }},
      {"test", [](Project& p, const std::string& id) { p.add_prototype_test(make_test(id, "IDEA1")); }},
      {"group", [](Project& p, const std::string& id) { p.add_working_group(make_group(id, "ND-meet", "Grupp", {"P1"})); }},
  };
}

TEST(Entities, IdsAreUniqueAcrossAllKinds) {
  const auto add = adders();
  Project p = full_fixture();
  std::vector<std::string> taken;
  for (const auto& [kind, adder] : add) {
    taken.push_back("X-" + kind);
    adder(p, taken.back());
  }
  for (const auto& [kind, adder] : add) {
    for (const auto& id : taken) {
      const Project before = p;
      EXPECT_THROW(adder(p, id), InvalidInput) << kind << " with id " << id;
      EXPECT_TRUE(p == before);
    }
    adder(p, "fresh-" + kind);  // the same adder works with an unused id
    EXPECT_TRUE(p.contains_id("fresh-" + kind));
  }
}

TEST(Entities, IdsWithSurroundingSpacesAreRejected) {
  Project p = full_fixture();
  EXPECT_THROW(p.add_need(make_need(" ND-x", "Behov")), InvalidInput);
  EXPECT_THROW(p.add_need(make_need("ND-x ", "Behov")), InvalidInput);
}

TEST(Entities, DuplicateSegmentKeyIsRejected) {
  Project p = small_project();
  EXPECT_THROW(p.add_segment(make_segment("seniors", "Pensionärer")), InvalidInput);
  EXPECT_THROW(p.add_segment(make_segment("  ", "Blank")), InvalidInput);
  EXPECT_EQ(p.segment("seniors").name, "Eldre");
}

TEST(Entities, EmptyIdsAreGeneratedWithTheKindsPrefix) {
  const std::vector<std::pair<std::string, std::string>> expected_prefix{
      {"need", "ND"}, {"person", "P"},       {"arena", "A"}, {"workshop", "W"}, {"note", "N"},
      {"insight", "I"}, {"opportunity", "O"}, {"idea", "IDEA"}, {"test", "T"},  {"group", "G"}};
  const auto add = adders();
  Project p = full_fixture();
  std::set<std::string> generated;
  for (std::size_t k = 0; k < add.size(); ++k) {
    ASSERT_EQ(add[k].first, expected_prefix[k].first);
    for (int round = 0; round < 2; ++round) {
      const Project before = p;
      add[k].second(p, "");
      // The new id is the one no entity had before.
      std::string id;
      for (const auto& candidate : {p.needs().back().id, p.persons().back().id, p.arenas().back().id,
                                    p.workshops().back().id, p.notes().back().id, p.insights().back().id,
                                    p.opportunities().back().id, p.ideas().back().id, p.prototype_tests().back().id,
                                    p.working_groups().back().id}) {
        if (!before.contains_id(candidate)) id = candidate;
      }
      ASSERT_FALSE(id.empty()) << add[k].first;
      EXPECT_TRUE(std::regex_match(id, std::regex(expected_prefix[k].second + "[0-9]+"))) << id;
      EXPECT_TRUE(generated.insert(id).second) << "generated twice: " << id;
    }
  }
}

TEST(Entities, GeneratedIdsSkipIdsAlreadyInUse) {
  Project p("Ids");
  for (int i = 1; i <= 5; ++i) p.add_need(make_need("ND" + std::to_string(i), "Behov"));
  const std::string id = p.add_need(make_need("", "Nytt behov")).id;
  EXPECT_EQ(p.needs().size(), 6U);
  EXPECT_EQ(id.rfind("ND", 0), 0U);
  for (int i = 1; i <= 5; ++i) EXPECT_NE(id, "ND" + std::to_string(i));
  EXPECT_EQ(p.need(id).title, "Nytt behov");
}

TEST(Entities, RequiredTextsMustNotBeEmpty) {
  Project p = full_fixture();
  const Project before = p;
  EXPECT_THROW(p.add_need(make_need("", "  ")), InvalidInput);
  EXPECT_THROW(p.add_arena(make_arena("", "", {})), InvalidInput);
  EXPECT_THROW(p.record_note(make_note("", "W1", "seniors", " \n ")), InvalidInput);
  EXPECT_THROW(p.add_opportunity(make_opportunity("", "", {})), InvalidInput);
  EXPECT_THROW(p.add_idea(make_idea("", "", "")), InvalidInput);
  EXPECT_THROW(p.add_insight(make_insight("", "ND-meet", {})), InvalidInput);        // no evidence
  EXPECT_THROW(p.add_insight(make_insight("", "ND-meet", {"N1", "N1"})), InvalidInput);  // listed twice
  EXPECT_THROW(p.add_workshop(make_workshop("", "A-lib", "2026-02-01", WorkshopKind::problem_workshop,
                                            {make_facilitator(" ", true)})),
               InvalidInput);
  EXPECT_THROW((void)Project(" "), InvalidInput);
  EXPECT_TRUE(p == before);
}

TEST(Entities, NoteArenaAndDateDefaultToTheWorkshops) {
  Project p = small_project();
  const Note& n = p.record_note(make_note("N1", "W2", "youth", "Klubben stänger tidigt"));
  EXPECT_EQ(n.arena_id, "A-club");
  EXPECT_EQ(n.date, "2026-02-10");

  Note explicit_note = make_note("N2", "W2", "youth", "Uppföljning");
  explicit_note.arena_id = "A-club";
  explicit_note.date = "2026-02-12";
  const Note& n2 = p.record_note(explicit_note);
  EXPECT_EQ(n2.arena_id, "A-club");
  EXPECT_EQ(n2.date, "2026-02-12");
}

TEST(Entities, NoteArenaMustBeTheWorkshops) {
  Project p = small_project();
  const Project before = p;
  Note n = make_note("N1", "W2", "youth", "Klubben stänger tidigt");
  n.arena_id = "A-lib";
  const auto e = thrown_by<InvalidInput>([&] { p.record_note(n); });
  EXPECT_CONTAINS(e.what(), "A-lib");
  EXPECT_CONTAINS(e.what(), "A-club");
  EXPECT_TRUE(p == before);
}

TEST(Entities, NoteConsentIsCappedByThePersons) {
  Project p = small_project();
  p.add_person(make_person("P-none", "A", "seniors", Consent::none));
  p.add_person(make_person("P-int", "B", "seniors", Consent::internal));
  p.add_person(make_person("P-pub", "C", "seniors", Consent::public_));
  const std::vector<Consent> levels{Consent::none, Consent::internal, Consent::public_};
  const std::vector<std::string> people{"P-none", "P-int", "P-pub"};
  int n = 0;
  for (std::size_t person = 0; person < 3; ++person) {
    for (std::size_t asked = 0; asked < 3; ++asked) {
      const Note& note = p.record_note(make_note("N" + std::to_string(++n), "W1", "seniors", "citat", NoteKind::quote,
                                                 people[person], levels[asked]));
      EXPECT_EQ(note.consent, levels[std::min(person, asked)]) << people[person] << " asked " << to_string(levels[asked]);
    }
  }
  // An anonymous note keeps what it was given.
  EXPECT_EQ(p.record_note(make_note("anon", "W1", "seniors", "citat", NoteKind::quote, "", Consent::public_)).consent,
            Consent::public_);
}

TEST(Entities, DatesMustBeRealCalendarDates) {
  Project p = small_project();
  const Project before = p;
  for (const std::string date : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-02-01",
                                 "2026/02/01", "2026-2-1", "", "2026-02-01T10:00"}) {
    EXPECT_THROW(p.add_workshop(make_workshop("", "A-lib", date)), InvalidInput) << date;
    Note n = make_note("", "W1", "seniors", "text");
    n.date = date.empty() ? "x" : date;
    EXPECT_THROW(p.record_note(n), InvalidInput) << date;
  }
  EXPECT_TRUE(p == before);
  EXPECT_EQ(p.add_workshop(make_workshop("", "A-lib", "2024-02-29")).date, "2024-02-29");  // leap day
  EXPECT_EQ(p.add_workshop(make_workshop("", "A-lib", "2026-12-31")).date, "2026-12-31");
}

TEST(Entities, NoteLanguageMustBeAnIsoCode) {
  Project p = small_project();
  for (const std::string code : {"sv", "nb", "nn", "da", "en", ""}) {
    Note n = make_note("", "W1", "seniors", "text");
    n.language = code;
    EXPECT_EQ(p.record_note(n).language, code);
  }
  const Project before = p;
  for (const std::string code : {"svenska", "Swedish", "s", "s1", "e n"}) {
    Note n = make_note("", "W1", "seniors", "text");
    n.language = code;
    const auto e = thrown_by<InvalidInput>([&] { p.record_note(n); });
    EXPECT_CONTAINS(e.what(), "language");
  }
  EXPECT_TRUE(p == before);
}

TEST(Entities, EnumKeysRoundTripCaseInsensitively) {
  EXPECT_EQ(to_string(Consent::public_), "public");
  EXPECT_EQ(from_string<Consent>("PUBLIC"), Consent::public_);
  EXPECT_EQ(from_string<NoteKind>("Quote"), NoteKind::quote);
  EXPECT_EQ(from_string<WorkshopKind>(to_string(WorkshopKind::problem_workshop)), WorkshopKind::problem_workshop);
  for (auto s : {InsightStatus::draft, InsightStatus::evidenced, InsightStatus::reviewed, InsightStatus::prioritised,
                 InsightStatus::addressed, InsightStatus::archived}) {
    EXPECT_EQ(from_string<InsightStatus>(to_string(s)), s);
  }
  for (auto o : {TestOutcome::pending, TestOutcome::stop, TestOutcome::iterate, TestOutcome::pilot}) {
    EXPECT_EQ(from_string<TestOutcome>(to_string(o)), o);
  }
  const auto e = thrown_by<InvalidInput>([] { (void)from_string<Consent>("maybe"); });
  EXPECT_CONTAINS(e.what(), "maybe");
  EXPECT_CONTAINS(e.what(), "internal");  // the accepted keys are listed
}

// ===== insights =========================================================================================

TEST(Insights, StatementHasTheCanonicalForm) {
  Insight i = make_insight("I1", "", {"N1"}, InsightStatus::draft, "Seniorer", "en plats att ses", "de är ensamma");
  EXPECT_EQ(i.statement(), "Seniorer needs en plats att ses because de är ensamma");
  // Fields written with their own connectives are not given a second one.
  i.what = "behöver en plats att ses";
  i.why = "eftersom de är ensamma";
  EXPECT_EQ(i.statement(), "Seniorer behöver en plats att ses eftersom de är ensamma");
  i.what = "trengsel på bussen";  // starts like "trenger" but is another word
  EXPECT_EQ(i.statement(), "Seniorer needs trengsel på bussen eftersom de är ensamma");
}

TEST(Insights, ParticipantsAreDistinctPersonsPlusOneAnonymousPerWorkshopAndSegment) {
  Project p = small_project();
  p.add_person(make_person("P1", "Anna", "seniors"));
  p.add_person(make_person("P2", "Bo", "youth"));
  p.record_note(make_note("a1", "W1", "seniors", "anon 1"));
  p.record_note(make_note("a2", "W1", "seniors", "anon 2, same workshop and segment"));
  p.record_note(make_note("a3", "W2", "seniors", "anon, other workshop"));
  p.record_note(make_note("a4", "W1", "youth", "anon, other segment"));
  p.record_note(make_note("p1a", "W1", "seniors", "Anna", NoteKind::quote, "P1"));
  p.record_note(make_note("p1b", "W2", "youth", "Anna again", NoteKind::quote, "P1"));
  p.record_note(make_note("p2", "W2", "youth", "Bo", NoteKind::quote, "P2"));

  const auto count = [&](std::vector<std::string> evidence) {
    return p.participant_count(make_insight("x", "", std::move(evidence)));
  };
  EXPECT_EQ(count({"a1"}), 1U);
  EXPECT_EQ(count({"a1", "a2"}), 1U);
  EXPECT_EQ(count({"a1", "a3"}), 2U);
  EXPECT_EQ(count({"a1", "a4"}), 2U);
  EXPECT_EQ(count({"p1a", "p1b"}), 1U);
  EXPECT_EQ(count({"p1a", "p2"}), 2U);
  EXPECT_EQ(count({"a1", "p1a"}), 2U);  // a named person is not the anonymous participant
  EXPECT_EQ(count({"a1", "a2", "a3", "a4", "p1a", "p1b", "p2"}), 5U);
}

TEST(Insights, EvidencedNeedsTwoParticipants) {
  Project p = small_project();
  p.record_note(make_note("a1", "W1", "seniors", "anon 1"));
  p.record_note(make_note("a2", "W1", "seniors", "anon 2"));
  p.record_note(make_note("a3", "W2", "youth", "anon 3"));
  const Project before = p;
  EXPECT_THROW(p.add_insight(make_insight("I1", "ND-meet", {"a1", "a2"}, InsightStatus::evidenced)), StateError);
  EXPECT_THROW(p.add_insight(make_insight("I1", "ND-meet", {"a1"}, InsightStatus::reviewed)), StateError);
  EXPECT_TRUE(p == before);
  EXPECT_EQ(p.add_insight(make_insight("I1", "ND-meet", {"a1", "a3"}, InsightStatus::evidenced)).status,
            InsightStatus::evidenced);

  p.add_insight(make_insight("I2", "ND-meet", {"a1", "a2"}));
  EXPECT_THROW(p.set_insight_status("I2", InsightStatus::evidenced), StateError);
  EXPECT_EQ(p.insight("I2").status, InsightStatus::draft);
  p.add_insight_evidence("I2", "a3");
  p.set_insight_status("I2", InsightStatus::evidenced);
  EXPECT_EQ(p.insight("I2").status, InsightStatus::evidenced);
}

TEST(Insights, AddingEvidenceTwiceIsANoOp) {
  Project p = full_fixture();
  p.add_insight_evidence("I1", "N1");
  EXPECT_EQ(p.insight("I1").evidence, (std::vector<std::string>{"N1", "N2"}));
}

TEST(Insights, StatusTransitionsFollowTheLifeCycle) {
  using S = InsightStatus;
  const std::vector<S> all{S::draft, S::evidenced, S::reviewed, S::prioritised, S::addressed, S::archived};
  // draft → evidenced → reviewed → prioritised → addressed; anything may be archived. The only ways back:
  // an archived insight may be reopened as a draft, an evidenced one demoted to draft. Setting the same
  // status again is a no-op.
  const std::set<std::pair<S, S>> allowed{
      {S::draft, S::evidenced},       {S::evidenced, S::reviewed},    {S::reviewed, S::prioritised},
      {S::prioritised, S::addressed}, {S::draft, S::archived},        {S::evidenced, S::archived},
      {S::reviewed, S::archived},     {S::prioritised, S::archived},  {S::addressed, S::archived},
      {S::archived, S::draft},        {S::evidenced, S::draft}};
  // How to reach each status from draft.
  const std::map<S, std::vector<S>> path{{S::draft, {}},
                                         {S::evidenced, {S::evidenced}},
                                         {S::reviewed, {S::evidenced, S::reviewed}},
                                         {S::prioritised, {S::evidenced, S::reviewed, S::prioritised}},
                                         {S::addressed, {S::evidenced, S::reviewed, S::prioritised, S::addressed}},
                                         {S::archived, {S::archived}}};
  for (S from : all) {
    for (S to : all) {
      SCOPED_TRACE(std::string(to_string(from)) + " -> " + std::string(to_string(to)));
      Project p = full_fixture();  // I1 rests on two persons, so 'evidenced' is possible
      for (S step : path.at(from)) p.set_insight_status("I1", step);
      ASSERT_EQ(p.insight("I1").status, from);
      if (from == to || allowed.count({from, to})) {
        p.set_insight_status("I1", to);
        EXPECT_EQ(p.insight("I1").status, to);
      } else {
        const Project before = p;
        EXPECT_THROW(p.set_insight_status("I1", to), StateError);
        EXPECT_TRUE(p == before);
      }
    }
  }
}

// ===== challenge, working groups and warnings ===========================================================

TEST(Challenge, IsWrittenNeedsTheFourTemplateFields) {
  EXPECT_TRUE(make_challenge("a", "b", "c", "d", "").is_written());
  EXPECT_FALSE(make_challenge("a", "b", "c", " ", "goal").is_written());
  EXPECT_FALSE(make_challenge("", "b", "c", "d", "goal").is_written());
}

TEST(Challenge, SolutionWordsInSwedishNorwegianAndEnglish) {
  const auto words = [](std::string purpose, std::string how = "tillsammans") {
    return make_challenge(std::move(purpose), "seniorer", "hitta stöd", std::move(how), "").solution_words();
  };
  EXPECT_EQ(words("Vi vill bygga en app för seniorer"), std::vector<std::string>{"app"});
  EXPECT_EQ(words("Vi vil lage en plattform for frivillige"), std::vector<std::string>{"plattform"});
  EXPECT_EQ(words("We want a chatbot for the library"), std::vector<std::string>{"chatbot"});
  EXPECT_EQ(words("Ett nytt Systemet"), std::vector<std::string>{"systemet"});  // case-insensitive, reported lower-case
  EXPECT_EQ(words("En portal", "med en ny nettside"), (std::vector<std::string>{"portal", "nettside"}));
  EXPECT_EQ(words("app, app och APP"), std::vector<std::string>{"app"});  // once
  // Word boundaries: a solution word inside a longer word is not one.
  EXPECT_TRUE(words("Ett systematisk arbete med happy hour och applåder").empty());
  EXPECT_TRUE(words("Systematiskt, systemisk och appetit").empty());
  EXPECT_TRUE(words("Vi vill förstå vad kulturaktörer behöver").empty());
  EXPECT_EQ(words("Vi vill förstå", "(app)").size(), 1U);
}

// 13 persons; the first `municipal` have sector=municipal (spelled in different cases), the rest independent.
Project group_fixture(std::size_t municipal) {
  Project p = small_project();
  const std::vector<std::string> spellings{"municipal", "Municipal", "MUNICIPAL"};
  for (std::size_t i = 0; i < 13; ++i) {
    const std::string sector = i < municipal ? spellings[i % 3] : "independent";
    p.add_person(make_person("P" + std::to_string(i + 1), "Person " + std::to_string(i + 1), "seniors",
                             Consent::internal, {{"sector", sector}}));
  }
  return p;
}

std::vector<std::string> first_members(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("P" + std::to_string(i + 1));
  return out;
}

TEST(WorkingGroups, SizeOutsideTheRangeIsAWarningNotAnError) {
  Project p = group_fixture(0);
  p.add_working_group(make_group("G13", "ND-meet", "Mötesplatser", first_members(13)));
  p.add_working_group(make_group("G11", "ND-meet", "Lagom", first_members(11)));
  p.add_working_group(make_group("G9", "ND-meet", "Liten", first_members(9)));
  EXPECT_EQ(p.working_group("G13").min_size, 10U);
  EXPECT_EQ(p.working_group("G13").max_size, 12U);

  const auto w13 = p.working_group_warnings("G13");
  ASSERT_EQ(w13.size(), 1U);
  EXPECT_CONTAINS(w13[0], "13");
  EXPECT_CONTAINS(w13[0], "10-12");
  EXPECT_TRUE(p.working_group_warnings("G11").empty());
  const auto w9 = p.working_group_warnings("G9");
  ASSERT_EQ(w9.size(), 1U);
  EXPECT_CONTAINS(w9[0], "9 members");
  EXPECT_THROW((void)p.working_group_warnings("G404"), NotFound);
}

TEST(WorkingGroups, QuotasCompareAttributeValuesCaseInsensitively) {
  const std::vector<Quota> quotas{make_quota("sector", "Municipal", 6, 8)};
  {
    Project p = group_fixture(7);  // 7 municipal members, spelled three ways
    p.add_working_group(make_group("G", "ND-meet", "Samverkan", first_members(11), quotas));
    EXPECT_TRUE(p.working_group_warnings("G").empty());
  }
  {
    Project p = group_fixture(2);
    p.add_working_group(make_group("G", "ND-meet", "Samverkan", first_members(11), quotas));
    const auto w = p.working_group_warnings("G");
    ASSERT_EQ(w.size(), 1U);
    EXPECT_CONTAINS(w[0], "sector=Municipal");
    EXPECT_CONTAINS(w[0], "2 members");
  }
  {
    Project p = group_fixture(10);  // too many
    p.add_working_group(make_group("G", "ND-meet", "Samverkan", first_members(11), quotas));
    ASSERT_EQ(p.working_group_warnings("G").size(), 1U);
    EXPECT_CONTAINS(p.working_group_warnings("G")[0], "10 members");
  }
}

TEST(WorkingGroups, MembersCanBeReplacedAndWarningsFollow) {
  Project p = group_fixture(0);
  p.add_working_group(make_group("G", "ND-meet", "Grupp", first_members(11)));
  EXPECT_TRUE(p.working_group_warnings("G").empty());
  p.set_working_group_members("G", first_members(4));
  EXPECT_EQ(p.working_group("G").member_ids, first_members(4));
  EXPECT_EQ(p.working_group_warnings("G").size(), 1U);
  const Project before = p;
  EXPECT_THROW(p.set_working_group_members("G", {"P1", "P1"}), InvalidInput);
  EXPECT_TRUE(p == before);
}

TEST(WorkingGroups, MembersWithoutConsentAreWarnedAbout) {
  Project p = group_fixture(0);
  p.add_person(make_person("P-none", "Dold", "seniors", Consent::none));
  auto members = first_members(10);
  members.push_back("P-none");
  p.add_working_group(make_group("G", "ND-meet", "Grupp", members));
  const auto w = p.working_group_warnings("G");
  ASSERT_EQ(w.size(), 1U);
  EXPECT_CONTAINS(w[0], "P-none");
  EXPECT_CONTAINS(w[0], "consent");
}

TEST(WorkingGroups, InvalidGroupsAreRejected) {
  Project p = group_fixture(0);
  const Project before = p;
  WorkingGroup bad_size = make_group("G", "ND-meet", "Grupp", {});
  bad_size.min_size = 12;
  bad_size.max_size = 10;
  EXPECT_THROW(p.add_working_group(bad_size), InvalidInput);
  EXPECT_THROW(p.add_working_group(make_group("G", "ND-meet", "Grupp", {}, {make_quota("sector", "municipal", 5, 3)})),
               InvalidInput);
  EXPECT_THROW(p.add_working_group(make_group("G", "ND-meet", "Grupp", {}, {make_quota("", "municipal", 1, 3)})),
               InvalidInput);
  EXPECT_THROW(p.add_working_group(make_group("G", "ND-meet", "Grupp", {"P1", "P2", "P1"})), InvalidInput);
  EXPECT_TRUE(p == before);
}

TEST(Warnings, SolutionNotesInProblemWorkshopsAreFlagged) {
  Project p = small_project();
  p.add_workshop(make_workshop("W-idea", "A-lib", "2026-03-01", WorkshopKind::ideation));
  p.record_note(make_note("N-problem", "W1", "seniors", "Ingen plats att ses"));
  p.record_note(make_note("N-solution", "W1", "seniors", "Bygg en app!", NoteKind::idea));
  p.record_note(make_note("N-ideation", "W-idea", "seniors", "Ett kulturkafé", NoteKind::idea));
  EXPECT_EQ(p.solution_notes_in_problem_workshops(), std::vector<std::string>{"N-solution"});
  const auto warnings = p.warnings();
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_CONTAINS(warnings[0], "N-solution");
  EXPECT_LACKS(warnings[0], "N-ideation");
}

TEST(Warnings, UntrainedFacilitatorsAreNamed) {
  Project p = small_project();
  p.add_workshop(make_workshop("W-led", "A-lib", "2026-03-01", WorkshopKind::problem_workshop,
                               {make_facilitator("Trained Tove", true), make_facilitator("Untrained Ulf", false)}));
  p.add_workshop(make_workshop("W-good", "A-lib", "2026-03-02", WorkshopKind::problem_workshop,
                               {make_facilitator("Trained Tove", true)}));
  const auto warnings = p.warnings();
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_CONTAINS(warnings[0], "W-led");
  EXPECT_CONTAINS(warnings[0], "Untrained Ulf");
  EXPECT_LACKS(warnings[0], "Trained Tove");
}

TEST(Warnings, CollectsChallengeAndWorkingGroupWarnings) {
  Project p = group_fixture(0);
  EXPECT_TRUE(p.warnings().empty());
  p.set_challenge(make_challenge("Vi vill ha en ny plattform", "alla", "boka lokaler", "digitalt", "mål"));
  p.add_working_group(make_group("G", "ND-meet", "Stor grupp", first_members(13)));
  const auto warnings = p.warnings();
  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_CONTAINS(warnings[0], "plattform");
  EXPECT_EQ(warnings[1], p.working_group_warnings("G")[0]);
}

// ===== evidence coverage and saturation ===================================================================

// Segments seniors, youth, families (targets) and staff (not a target); arenas A1 and A2; needs in order
// ND-one (two segments, two arenas), ND-seg (one segment), ND-arena (one arena), ND-none (no notes),
// ND-archived (only an archived insight).
Project coverage_fixture() {
  Project p("Coverage");
  p.add_segment(make_segment("seniors", "Eldre"));
  p.add_segment(make_segment("youth", "Unge"));
  p.add_segment(make_segment("families", "Familjer"));
  p.add_segment(make_segment("staff", "Ansatte", false));
  p.add_arena(make_arena("A1", "Biblioteket", {"seniors", "youth"}));
  p.add_arena(make_arena("A2", "Klubben", {"youth"}));
  p.add_workshop(make_workshop("W1", "A1", "2026-02-01"));
  p.add_workshop(make_workshop("W2", "A2", "2026-02-08"));
  for (const auto& id : {"ND-one", "ND-seg", "ND-arena", "ND-none", "ND-archived"}) p.add_need(make_need(id, id));
  p.record_note(make_note("n1", "W1", "seniors", "1"));
  p.record_note(make_note("n2", "W1", "seniors", "2"));
  p.record_note(make_note("n3", "W2", "youth", "3"));
  p.record_note(make_note("n4", "W1", "youth", "4"));
  p.record_note(make_note("n5", "W2", "youth", "5"));
  // ND-one: n1, n2 (seniors @ A1) and n3 (youth @ A2); n1 cited by both of its insights, counted once.
  p.add_insight(make_insight("i1", "ND-one", {"n1", "n3"}));
  p.add_insight(make_insight("i2", "ND-one", {"n1", "n2"}));
  // ND-seg: youth only, at two arenas.
  p.add_insight(make_insight("i3", "ND-seg", {"n4", "n5"}));
  // ND-arena: two segments, both at A1.
  p.add_insight(make_insight("i4", "ND-arena", {"n2", "n4"}));
  p.add_insight(make_insight("i5", "ND-archived", {"n1", "n3"}));
  p.set_insight_status("i5", InsightStatus::archived);
  return p;
}

TEST(Coverage, CellsCountDistinctNotesPerNeedSegmentAndArena) {
  const CoverageReport report = evidence_coverage(coverage_fixture());
  struct Cell {
    std::string need, segment, arena;
    std::size_t notes;
    bool operator==(const Cell&) const = default;
  };
  std::vector<Cell> got;
  for (const auto& c : report.cells) got.push_back({c.need_id, c.segment, c.arena_id, c.notes});
  const std::vector<Cell> expected{
      {"ND-arena", "seniors", "A1", 1}, {"ND-arena", "youth", "A1", 1},   {"ND-one", "seniors", "A1", 2},
      {"ND-one", "youth", "A2", 1},     {"ND-seg", "youth", "A1", 1},     {"ND-seg", "youth", "A2", 1}};
  EXPECT_EQ(got, expected);
}

TEST(Coverage, FlagsEachKindOfGap) {
  const CoverageReport report = evidence_coverage(coverage_fixture());
  std::vector<std::pair<CoverageFlagKind, std::string>> got;
  for (const auto& f : report.flags) {
    got.emplace_back(f.kind, f.subject);
    EXPECT_CONTAINS(f.explanation, f.subject);
  }
  using F = CoverageFlagKind;
  const std::vector<std::pair<CoverageFlagKind, std::string>> expected{
      {F::single_segment, "ND-seg"},          {F::single_arena, "ND-arena"},
      {F::need_without_evidence, "ND-none"},  {F::need_without_evidence, "ND-archived"},
      {F::segment_never_heard, "families"}};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(to_string(F::single_segment), "single_segment");
  EXPECT_EQ(to_string(F::segment_never_heard), "segment_never_heard");
}

TEST(Coverage, NeedFromOneNoteIsBothSingleSegmentAndSingleArena) {
  Project p = coverage_fixture();
  p.add_need(make_need("ND-thin", "Tunt underlag"));
  p.add_insight(make_insight("i6", "ND-thin", {"n5"}));
  std::set<CoverageFlagKind> kinds;
  for (const auto& f : evidence_coverage(p).flags) {
    if (f.subject == "ND-thin") kinds.insert(f.kind);
  }
  EXPECT_EQ(kinds, (std::set<CoverageFlagKind>{CoverageFlagKind::single_segment, CoverageFlagKind::single_arena}));
}

TEST(Coverage, EmptyProjectFlagsEveryTargetSegment) {
  Project p("Empty");
  p.add_segment(make_segment("a", "A"));
  p.add_segment(make_segment("b", "B", false));
  const auto report = evidence_coverage(p);
  EXPECT_TRUE(report.cells.empty());
  ASSERT_EQ(report.flags.size(), 1U);
  EXPECT_EQ(report.flags[0].kind, CoverageFlagKind::segment_never_heard);
  EXPECT_EQ(report.flags[0].subject, "a");
}

TEST(Saturation, CurveIsInDateOrderWithCumulativeCounts) {
  Project p("Saturation");
  p.add_segment(make_segment("s", "S"));
  p.add_arena(make_arena("A", "Arena", {"s"}));
  // Added out of date order on purpose.
  p.add_workshop(make_workshop("W-mar", "A", "2026-03-01"));
  p.add_workshop(make_workshop("W-jan", "A", "2026-01-10"));
  p.add_workshop(make_workshop("W-feb", "A", "2026-02-05"));
  p.add_workshop(make_workshop("W-apr", "A", "2026-04-01"));
  p.record_note(make_note("jan1", "W-jan", "s", "x"));
  p.record_note(make_note("feb1", "W-feb", "s", "x"));
  p.record_note(make_note("mar1", "W-mar", "s", "x"));
  p.record_note(make_note("apr1", "W-apr", "s", "x"));
  p.add_insight(make_insight("t1", "", {"mar1", "jan1"}));  // first evidenced in January
  p.add_insight(make_insight("t2", "", {"jan1"}));
  p.add_insight(make_insight("t3", "", {"mar1", "feb1"}));  // February
  p.add_insight(make_insight("t4", "", {"apr1", "mar1"}));  // March
  p.add_insight(make_insight("t5", "", {"feb1"}));
  p.set_insight_status("t5", InsightStatus::archived);       // left out

  const auto curve = saturation(p);
  ASSERT_EQ(curve.size(), 4U);
  const std::vector<std::string> ids{"W-jan", "W-feb", "W-mar", "W-apr"};
  const std::vector<std::string> dates{"2026-01-10", "2026-02-05", "2026-03-01", "2026-04-01"};
  const std::vector<std::size_t> fresh{2, 1, 1, 0};
  const std::vector<std::size_t> cumulative{2, 3, 4, 4};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(curve[i].workshop_id, ids[i]);
    EXPECT_EQ(curve[i].date, dates[i]);
    EXPECT_EQ(curve[i].new_themes, fresh[i]) << ids[i];
    EXPECT_EQ(curve[i].cumulative_themes, cumulative[i]) << ids[i];
  }
}

TEST(Saturation, NoWorkshopsGiveAnEmptyCurve) { EXPECT_TRUE(saturation(Project("None")).empty()); }

// ===== copies ================================================================================================

TEST(ProjectValue, CopiesAreIndependentValues) {
  Project a = full_fixture();
  Project b = a;
  EXPECT_TRUE(a == b);
  b.record_note(make_note("N-new", "W1", "seniors", "bara i kopian"));
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(a.contains_id("N-new"));
  EXPECT_EQ(b.note("N-new").text, "bara i kopian");
  // Lookups in a copy use the copy's own data.
  Project c = b;
  c.set_idea_chosen("IDEA1", true);
  EXPECT_TRUE(c.ideas()[0].chosen);
  EXPECT_FALSE(b.ideas()[0].chosen);
}

TEST(ProjectValue, TargetSegmentsAreThoseMarkedAsTargets) {
  EXPECT_EQ(small_project().target_segments(), (std::vector<std::string>{"seniors", "youth"}));
}

}  // namespace
