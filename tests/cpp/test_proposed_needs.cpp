// Themes → needs: one proposed need per theme with notes, traced to its notes, never an empty one after merges,
// splits and refits, and bad input named.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/priorities/needs.hpp"
#include "servicedesign/process/proposed_needs.hpp"

namespace {

using namespace servicedesign;

process::Project storvik() { return process::import_project_csv(std::string(SERVICEDESIGN_SOURCE_DIR) + "/examples/data/storvik"); }

insights::ThemeModel fitted(const process::Project& project) {
  insights::ThemeModel model({.seed = 7});
  model.fit(process::note_texts(project), {.keys = process::note_ids(project)});
  return model;
}

// Every themed note in exactly one need, every need non-empty and traced to its theme's notes.
void expect_traced(const process::Project& project, const insights::ThemeModel& model,
                   const std::vector<process::ProposedNeed>& needs) {
  std::map<std::string, std::int32_t> theme_of;
  for (std::size_t k = 0; k < model.keys().size(); ++k) theme_of[model.keys()[k]] = model.labels()[k];
  std::set<std::string> seen;
  for (const auto& need : needs) {
    ASSERT_FALSE(need.note_ids.empty()) << "theme " << need.theme;
    EXPECT_FALSE(need.title.empty());
    for (const auto& id : need.note_ids) {
      EXPECT_EQ(theme_of.at(id), need.theme) << id;
      EXPECT_TRUE(seen.insert(id).second) << id << " in two needs";
    }
  }
  std::size_t themed = 0;
  for (const auto& [id, theme] : theme_of) themed += theme >= 0 ? 1 : 0;
  EXPECT_EQ(seen.size(), themed);
  EXPECT_EQ(needs.size(), model.n_themes());
  EXPECT_LE(themed, project.notes().size());
}

TEST(ProposedNeeds, OnePerThemeWithItsNotesSegmentsAndArenas) {
  const process::Project project = storvik();
  const insights::ThemeModel model = fitted(project);
  const auto needs = process::propose_needs(project, model);
  ASSERT_GE(needs.size(), 3U);
  expect_traced(project, model, needs);
  for (std::size_t i = 1; i < needs.size(); ++i) EXPECT_GE(needs[i - 1].note_ids.size(), needs[i].note_ids.size());
  // Segments and arenas are those of the notes, distinct and sorted; the title is the first keywords.
  std::map<std::string, const process::Note*> note;
  for (const auto& n : project.notes()) note[n.id] = &n;
  for (const auto& need : needs) {
    std::set<std::string> segments;
    for (const auto& id : need.note_ids) segments.insert(note.at(id)->segment);
    EXPECT_EQ(need.segments, std::vector<std::string>(segments.begin(), segments.end()));
    ASSERT_FALSE(need.keywords.empty());
    EXPECT_EQ(need.title.rfind(need.keywords.front(), 0), 0U) << need.title;
  }
}

TEST(ProposedNeeds, NeverAnEmptyNeedAfterMergesSplitsAndRefits) {
  const process::Project project = storvik();
  insights::ThemeModel model = fitted(project);
  const auto before = process::propose_needs(project, model);
  // Merge the two largest themes and name the result: one need fewer, named, and no gap left behind.
  model.merge_themes(before[0].theme, before[1].theme);
  model.rename_theme(before[0].theme, "Kollektivtrafik och mötesplatser");
  auto needs = process::propose_needs(project, model);
  EXPECT_EQ(needs.size(), before.size() - 1);
  expect_traced(project, model, needs);
  EXPECT_EQ(needs.front().title, "Kollektivtrafik och mötesplatser");
  EXPECT_EQ(needs.front().note_ids.size(), before[0].note_ids.size() + before[1].note_ids.size());
  // A refit that keeps the numbers of the earlier run and replays the edits: still no empty need.
  insights::ThemeModel again({.seed = 8});
  again.fit(process::note_texts(project), {.keys = process::note_ids(project), .previous = model.earlier()});
  expect_traced(project, again, process::propose_needs(project, again));
}

TEST(ProposedNeeds, AModelOfOtherNotesOrNoneIsRefusedByName) {
  const process::Project project = storvik();
  insights::ThemeModel unfitted;
  EXPECT_THROW((void)process::propose_needs(project, unfitted), InvalidInput);
  insights::ThemeModel foreign;
  std::vector<std::string> texts = process::note_texts(project);
  std::vector<std::string> ids = process::note_ids(project);
  ids[2] = "not-a-note";
  foreign.fit(texts, {.keys = ids});
  try {
    (void)process::propose_needs(project, foreign);
    FAIL() << "a key outside the project was taken";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'not-a-note' is not a note of the project"), std::string::npos) << e.what();
  }
  // A model of a subset of the notes is fine: the other notes simply belong to no need.
  insights::ThemeModel subset;
  texts.resize(60);
  ids = process::note_ids(project);
  ids.resize(60);
  subset.fit(texts, {.keys = ids});
  expect_traced(project, subset, process::propose_needs(project, subset));
}

TEST(ProposedNeeds, BecomeNeedsWithEvidenceForRankingWithoutHandConversion) {
  const process::Project project = storvik();
  const insights::ThemeModel model = fitted(project);
  const auto proposals = process::propose_needs(project, model);
  const auto needs = priorities::needs_from_proposals(project, proposals);
  ASSERT_EQ(needs.size(), proposals.size());
  std::map<std::string, process::Consent> person_consent;
  for (const auto& person : project.persons()) person_consent[person.id] = person.consent;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    EXPECT_EQ(needs[i].id, "T" + std::to_string(proposals[i].theme));
    EXPECT_EQ(needs[i].title, proposals[i].title);
    EXPECT_EQ(needs[i].segments(), proposals[i].segments);
    ASSERT_EQ(needs[i].notes.size(), proposals[i].note_ids.size());
    for (const auto& evidence : needs[i].notes) {
      const process::Note& note = project.note(evidence.id);
      const auto author = person_consent.find(note.person_id);
      EXPECT_EQ(evidence.consent, author == person_consent.end() ? note.consent : std::min(note.consent, author->second));
    }
  }
  EXPECT_EQ(priorities::evidence_criteria(needs).values.size(), needs.size());
  auto bad = proposals;
  bad[1].note_ids.clear();
  EXPECT_THROW((void)priorities::needs_from_proposals(project, bad), InvalidInput);
  bad = proposals;
  bad[1].theme = bad[0].theme;
  EXPECT_THROW((void)priorities::needs_from_proposals(project, bad), InvalidInput);
}

}  // namespace

namespace {

process::NeedReview review(std::int32_t theme, process::ReviewAction action, std::string title = {}, std::int32_t into = -1) {
  process::NeedReview r;
  r.theme = theme;
  r.action = action;
  r.title = std::move(title);
  r.into = into;
  return r;
}

TEST(NeedReview, AdoptsRenamesMergesAndDropsRecordingThemesAndNotes) {
  process::Project project = storvik();
  const std::size_t before = project.needs().size();
  const auto proposals = process::propose_needs(project, fitted(project));
  ASSERT_GE(proposals.size(), 4U);
  using A = process::ReviewAction;
  const auto ids = process::adopt_needs(project, proposals,
                                        {review(proposals[0].theme, A::adopt, "Digitale tjenester"),
                                         review(proposals[2].theme, A::merge, "", proposals[1].theme),
                                         review(proposals[3].theme, A::drop)});
  ASSERT_EQ(ids.size(), proposals.size() - 2);
  EXPECT_EQ(project.needs().size(), before + ids.size());
  const process::Need& renamed = project.need(ids[0]);
  EXPECT_EQ(renamed.title, "Digitale tjenester");
  EXPECT_EQ(renamed.source_themes, std::vector<std::int32_t>{proposals[0].theme});
  EXPECT_EQ(renamed.source_notes, proposals[0].note_ids);
  const process::Need& merged = project.need(ids[1]);
  EXPECT_EQ(merged.title, proposals[1].title);
  EXPECT_EQ(merged.source_themes, (std::vector<std::int32_t>{proposals[1].theme, proposals[2].theme}));
  EXPECT_EQ(merged.source_notes.size(), proposals[1].note_ids.size() + proposals[2].note_ids.size());
  for (const auto& need : project.needs()) {
    for (const auto theme : need.source_themes) EXPECT_NE(theme, proposals[3].theme) << "a dropped theme was adopted";
  }
  // The adopted needs' evidence is their notes, ready for ranking.
  const auto evidence = priorities::needs_from_project(project);
  const auto of_merged = std::find_if(evidence.begin(), evidence.end(), [&](const auto& e) { return e.id == merged.id; });
  ASSERT_NE(of_merged, evidence.end());
  EXPECT_EQ(of_merged->notes.size(), merged.source_notes.size());
}

TEST(NeedReview, ABadReviewNamesTheThemeAndAddsNothing) {
  const process::Project project = storvik();
  const auto proposals = process::propose_needs(project, fitted(project));
  using A = process::ReviewAction;
  const auto refused = [&](const std::vector<process::NeedReview>& reviews, const std::string& fragment) {
    process::Project copy = project;
    try {
      (void)process::adopt_needs(copy, proposals, reviews);
      ADD_FAILURE() << "no exception for " << fragment;
    } catch (const InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    EXPECT_TRUE(copy == project);
  };
  refused({review(999, A::drop)}, "theme 999");
  refused({review(proposals[0].theme, A::drop), review(proposals[1].theme, A::merge, "", proposals[0].theme)},
          "is not adopted");
  refused({review(proposals[0].theme, A::drop), review(proposals[0].theme, A::adopt)}, "reviewed twice");
  process::Project copy = project;
  process::NeedReview taken = review(proposals[0].theme, A::adopt);
  taken.need_id = project.notes()[0].id;  // an id already in use
  EXPECT_THROW((void)process::adopt_needs(copy, proposals, {taken}), InvalidInput);
  EXPECT_TRUE(copy == project);
}

TEST(NeedReview, ARerunShowsWhatChangedForEachAdoptedNeed) {
  process::Project project = storvik();
  const auto proposals = process::propose_needs(project, fitted(project));
  using A = process::ReviewAction;
  const auto ids = process::adopt_needs(project, proposals, {review(proposals[1].theme, A::merge, "", proposals[0].theme)});
  // The same clustering again: every unmerged need finds its theme whole; the merged one lost theme 1's notes.
  const auto same = process::compare_with_rerun(project, proposals);
  ASSERT_EQ(same.needs.size(), ids.size());
  EXPECT_EQ(same.needs[0].theme, proposals[0].theme);
  EXPECT_EQ(same.needs[0].notes_lost, proposals[1].note_ids);
  EXPECT_TRUE(same.needs[0].notes_gained.empty());
  for (std::size_t i = 1; i < same.needs.size(); ++i) {
    EXPECT_DOUBLE_EQ(same.needs[i].overlap, 1.0);
    EXPECT_TRUE(same.needs[i].notes_lost.empty() && same.needs[i].notes_gained.empty());
  }
  EXPECT_TRUE(same.new_themes.empty());
  // Another seed: each need is matched to the theme sharing most of its notes, and its changes add up.
  insights::ThemeModel other({.seed = 99});
  other.fit(process::note_texts(project), {.keys = process::note_ids(project)});
  const auto rerun = process::compare_with_rerun(project, process::propose_needs(project, other));
  for (const auto& change : rerun.needs) {
    const auto& need = project.need(change.need_id);
    EXPECT_GT(change.overlap, 0.0) << change.need_id;
    EXPECT_LT(change.notes_lost.size(), need.source_notes.size());
  }
}

}  // namespace
