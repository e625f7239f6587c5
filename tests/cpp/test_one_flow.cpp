// The whole flow on the bundled example, end to end: notes → themes → proposed needs → the analysts' review
// → ranking → one working group per top need → fair selection → each group's own track.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "builders.hpp"
#include "servicedesign/servicedesign.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign;

TEST(OneFlow, FromTheExamplesNotesToFilledGroupsWithTheirOwnTracks) {
  process::Project project =
      process::import_project_csv(std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "examples" / "data" / "storvik");
  insights::ThemeModel model({.seed = 2026});
  model.fit(process::note_texts(project), {.keys = process::note_ids(project)});
  // Merges and a refit leave gaps in theme numbers; no proposal is ever empty.
  const auto first = model.themes();
  ASSERT_GE(first.size(), 4U);
  model.merge_themes(first[2].theme, first[3].theme);
  const auto proposals = process::propose_needs(project, model);
  for (const auto& p : proposals) EXPECT_FALSE(p.note_ids.empty()) << "theme " << p.theme;

  // The review: the largest renamed, one dropped; every adopted need traces to its theme's notes.
  process::NeedReview rename;
  rename.theme = proposals[0].theme;
  rename.title = "Tilgang til kommunens tjenester";
  process::NeedReview drop;
  drop.theme = proposals.back().theme;
  drop.action = process::ReviewAction::drop;
  const auto ids = process::adopt_needs(project, proposals, {rename, drop});
  ASSERT_EQ(ids.size(), proposals.size() - 1);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const process::Need& need = project.need(ids[i]);
    EXPECT_EQ(need.source_themes, std::vector<std::int32_t>{proposals[i].theme});
    EXPECT_EQ(need.source_notes, proposals[i].note_ids);
  }

  // Rank the adopted needs by their evidence; a working group for each of the top two.
  std::vector<priorities::NeedEvidence> adopted;
  for (auto& need : priorities::needs_from_project(project)) {
    if (std::find(ids.begin(), ids.end(), need.id) != ids.end()) adopted.push_back(need);
  }
  const auto order = priorities::weighted_scores(priorities::evidence_criteria(adopted),
                                                 priorities::EvidenceWeights{}.as_vector()).ranking.order();
  process::GroupSelectionOptions options;
  options.selection.seed = 11;
  const std::vector<process::Quota> quotas[2] = {{{"sector", "municipal", 4, 8}, {"sector", "regional", 1, 4}},
                                                 {{"sector", "independent", 3, 6}, {"sector", "civil_society", 3, 6}}};
  for (std::size_t top = 0; top < 2; ++top) {
    process::WorkingGroup group;
    group.need_id = adopted[order[top]].id;
    group.name = "group for " + adopted[order[top]].title;
    group.quotas = quotas[top];
    options.group_ids.push_back(project.add_working_group(group).id);
  }
  process::assign_members(project, process::select_working_groups(project, options));
  std::set<std::string> serving;
  for (const auto& id : options.group_ids) {
    const process::WorkingGroup& group = project.working_group(id);
    EXPECT_GE(group.member_ids.size(), group.min_size);
    EXPECT_LE(group.member_ids.size(), group.max_size);
    for (const auto& w : project.working_group_warnings(id)) EXPECT_EQ(w.find("quota"), std::string::npos) << w;
    for (const auto& m : group.member_ids) EXPECT_TRUE(serving.insert(m).second) << m << " in two groups";
  }

  // Each group runs its own track; moves follow the model, forbidden ones are refused with the reason.
  for (std::size_t g = 0; g < 2; ++g) {
    process::Track track;
    track.group_id = options.group_ids[g];
    track.start_date = g == 0 ? "2026-09-01" : "2027-01-11";
    project.start_track(track);
  }
  const std::string first_track = project.track_of_group(options.group_ids[0])->id;
  project.set_track_challenge(first_track, servicedesign::testing::make_challenge(
                                               "Vi vil forstå", "innbyggerne", "komme i kontakt", "sammen med dem", "Kortere ventetid"));
  project.advance(servicedesign::testing::on_track(
      servicedesign::testing::move_by("Eva", "utfordringen er skrevet", {}, "2026-09-10"), first_track));
  const process::Project before = project;
  try {
    project.step_back("frame", servicedesign::testing::on_track(
                                   servicedesign::testing::move_by("Eva", "omtag", {}, "2026-09-20"), first_track));
    ADD_FAILURE() << "a back-step SKR does not list was allowed";
  } catch (const StateError& e) {
    EXPECT_CONTAINS(e.what(), "not a back-step of model 'skr'");
  }
  EXPECT_TRUE(project == before);
  const auto view = process::programme_view(project);
  ASSERT_EQ(view.tracks.size(), 3U);
  EXPECT_EQ(view.tracks[1].step, "explore");
  EXPECT_EQ(view.tracks[2].step, "frame");
  EXPECT_EQ(view.groups_without_track, (std::vector<std::string>{"G01", "G02"}));  // the example's own groups
}

}  // namespace
