// Tests of the bridge from a project's working groups to the selection part: the instance built from
// the project (quotas, size range, kept leads and members, households, nobody in two groups), the size
// chosen for the fairest lottery, errors in the project's terms, and writing the members back.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "builders.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/process/group_selection.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using namespace servicedesign::testing;
using servicedesign::InvalidInput;
using servicedesign::NotFound;
using servicedesign::selection::InfeasibleQuotas;

Project storvik() {
  return import_project_csv(std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "examples" / "data" / "storvik");
}

GroupSelectionOptions seeded(std::uint64_t seed = 2026) {
  GroupSelectionOptions options;
  options.selection.seed = seed;
  return options;
}

std::size_t count_with(const Project& p, const std::vector<std::string>& members, const Quota& q) {
  return static_cast<std::size_t>(std::count_if(members.begin(), members.end(), [&](const std::string& id) {
    const auto& a = p.person(id).attributes;
    const auto it = a.find(q.attribute);
    return it != a.end() && it->second == q.value;
  }));
}

TEST(GroupSelection, FillsEveryGroupWithinItsRangeAndQuotasKeepingItsLead) {
  Project p = storvik();
  const GroupSelection chosen = select_working_groups(p, seeded());
  ASSERT_EQ(chosen.groups.size(), p.working_groups().size());
  std::set<std::string> everyone;
  std::set<std::string> households;
  for (const auto& g : chosen.groups) {
    const WorkingGroup& group = p.working_group(g.group_id);
    EXPECT_GE(g.members.size(), group.min_size);
    EXPECT_LE(g.members.size(), group.max_size);
    EXPECT_EQ(g.members.size(), g.size);
    ASSERT_FALSE(g.members.empty());
    EXPECT_EQ(g.members.front(), group.lead_id);  // the lead is kept, first
    for (const auto& q : group.quotas) {
      const std::size_t n = count_with(p, g.members, q);
      EXPECT_GE(n, q.min) << g.group_id << " " << q.attribute << "=" << q.value;
      EXPECT_LE(n, q.max) << g.group_id << " " << q.attribute << "=" << q.value;
    }
    for (const auto& m : g.members) {
      EXPECT_TRUE(everyone.insert(m).second) << m << " serves in two groups";
      const std::string& h = p.person(m).household;
      if (!h.empty()) {
        EXPECT_TRUE(households.insert(h).second) << "two members from household " << h;
      }
    }
  }
  // Written back: the project's own check finds nothing to warn about in the groups.
  assign_members(p, chosen);
  for (const auto& g : p.working_groups()) {
    for (const auto& w : p.working_group_warnings(g.id)) EXPECT_EQ(w.find("quota"), std::string::npos) << w;
    EXPECT_EQ(g.member_ids, chosen.groups[static_cast<std::size_t>(&g - p.working_groups().data())].members);
  }
}

TEST(GroupSelection, TheSameSeedGivesTheSameGroups) {
  const Project p = storvik();
  const GroupSelection a = select_working_groups(p, seeded(7));
  const GroupSelection b = select_working_groups(p, seeded(7));
  for (std::size_t g = 0; g < a.groups.size(); ++g) EXPECT_EQ(a.groups[g].members, b.groups[g].members);
}

TEST(GroupSelection, ChoosesTheFairestSizeInTheRangeOrTheSizeTheCallerFixes) {
  const Project p = storvik();
  const GroupSelection chosen = select_working_groups(p, seeded());
  ASSERT_FALSE(chosen.sizes_tried.empty());
  EXPECT_LE(chosen.sizes_tried.size(), 9U);  // two groups of 10-12
  double best = 0.0;
  for (const auto& [sizes, fairness] : chosen.sizes_tried) best = std::max(best, fairness);
  EXPECT_NEAR(chosen.fairness, best, 1e-9);
  EXPECT_GT(chosen.fairness, 0.0);
  EXPECT_LE(chosen.fairness, 1.0 + 1e-9);

  GroupSelectionOptions fixed = seeded();
  fixed.sizes["G01"] = 10;
  const GroupSelection ten = select_working_groups(p, fixed);
  EXPECT_EQ(ten.groups[0].members.size(), 10U);
  for (const auto& [sizes, fairness] : ten.sizes_tried) EXPECT_EQ(sizes[0], 10U);
}

TEST(GroupSelection, BeyondTheCombinationLimitEachGroupsSizeIsChosenInTurn) {
  const Project p = storvik();
  GroupSelectionOptions few = seeded();
  few.max_size_combinations = 2;  // 9 combinations: the search goes group by group from the smallest sizes
  const GroupSelection chosen = select_working_groups(p, few);
  std::set<std::vector<std::size_t>> distinct;
  double best = 0.0;
  for (const auto& [sizes, fairness] : chosen.sizes_tried) {
    EXPECT_TRUE(distinct.insert(sizes).second) << "a size combination was solved twice";
    best = std::max(best, fairness);
  }
  EXPECT_LT(chosen.sizes_tried.size(), 9U);
  EXPECT_EQ(chosen.sizes_tried.front().first, (std::vector<std::size_t>{10, 10}));  // starts from the smallest
  EXPECT_NEAR(chosen.fairness, best, 1e-9);
  // Here fairness grows with the size of either group, so the search climbs to the same answer as trying all.
  EXPECT_NEAR(chosen.fairness, select_working_groups(p, seeded()).fairness, 1e-9);
}

TEST(GroupSelection, KeptMembersCountTowardsTheQuotasAndOthersGroupsMembersAreNotDrawn) {
  Project p = storvik();
  const WorkingGroup g1 = p.working_group("G01");
  // Keep two municipal members in G01; G02 is not filled, its one member may not be drawn into G01.
  std::vector<std::string> municipal;
  for (const auto& person : p.persons()) {
    const auto it = person.attributes.find("sector");
    if (it != person.attributes.end() && it->second == "municipal" && person.id != g1.lead_id) municipal.push_back(person.id);
  }
  ASSERT_GE(municipal.size(), 3U);
  p.set_working_group_members("G01", {municipal[0], municipal[1]});
  p.set_working_group_members("G02", {municipal[2]});
  GroupSelectionOptions options = seeded();
  options.group_ids = {"G01"};
  const GroupSelection chosen = select_working_groups(p, options);
  ASSERT_EQ(chosen.groups.size(), 1U);
  const SelectedGroup& g = chosen.groups[0];
  EXPECT_EQ(g.kept, (std::vector<std::string>{g1.lead_id, municipal[0], municipal[1]}));
  EXPECT_EQ(std::count(g.members.begin(), g.members.end(), municipal[2]), 0);
  for (const auto& q : g1.quotas) EXPECT_LE(count_with(p, g.members, q), q.max) << q.attribute << "=" << q.value;
  EXPECT_EQ(g.members.size(), g.kept.size() + g.drawn.size());
}

TEST(GroupSelection, OtherValuesCanBeRefused) {
  Project p = storvik();
  GroupSelectionOptions options = seeded();
  options.other_values_allowed = false;
  options.group_ids = {"G02"};
  // G02's lead is 41-60, an age band its quotas do not name.
  EXPECT_CONTAINS(thrown_by<InvalidInput>([&] { (void)select_working_groups(p, options); }).what(),
                  "kept member 'P036' has age_band=41-60");
  p.add_working_group(make_group("G-sector", "ND01", "Bare tre sektorer", {},
                                 {make_quota("sector", "civil_society", 3, 6), make_quota("sector", "independent", 3, 6),
                                  make_quota("sector", "municipal", 2, 6)}));
  options.group_ids = {"G-sector"};
  const GroupSelection chosen = select_working_groups(p, options);
  ASSERT_GE(chosen.groups[0].drawn.size(), 10U);
  for (const auto& m : chosen.groups[0].drawn) {
    const std::string sector = p.person(m).attributes.at("sector");
    EXPECT_TRUE(sector == "civil_society" || sector == "independent" || sector == "municipal") << m << ": " << sector;
  }
}

TEST(GroupSelection, QuotasNoSizeInTheRangeCanMeetAreRefusedWithTheSmallestRelaxation) {
  Project p = storvik();
  p.add_need(make_need("ND-x", "Test"));
  p.add_working_group(make_group("G-big", "ND-x", "For mange krav", {}, {make_quota("sector", "municipal", 9, 12),
                                                                       make_quota("age_band", "16-25", 5, 6)}));
  GroupSelectionOptions options = seeded();
  options.group_ids = {"G-big"};
  const auto e = thrown_by<InfeasibleQuotas>([&] { (void)select_working_groups(p, options); });
  EXPECT_CONTAINS(e.what(), "G-big (10-12, 0 kept)");
  ASSERT_FALSE(e.relaxations().empty());
  EXPECT_EQ(e.relaxations()[0].group, "G-big");
}

TEST(GroupSelection, BadRequestsNameTheGroupOrPersonAndChangeNothing) {
  Project p = storvik();
  const Project before = p;
  GroupSelectionOptions unknown = seeded();
  unknown.group_ids = {"G99"};
  EXPECT_CONTAINS(thrown_by<NotFound>([&] { (void)select_working_groups(p, unknown); }).what(), "G99");
  GroupSelectionOptions small = seeded();
  p.set_working_group_members("G01", {"P001", "P003"});
  small.sizes["G01"] = 2;  // lead and two members kept: three
  EXPECT_CONTAINS(thrown_by<InvalidInput>([&] { (void)select_working_groups(p, small); }).what(), "below the 3");
  p.set_working_group_members("G02", {"P001"});
  EXPECT_CONTAINS(thrown_by<InvalidInput>([&] { (void)select_working_groups(p, seeded()); }).what(),
                  "person 'P001' is in working groups");
  GroupSelectionOptions forced = seeded();
  forced.selection.already_selected = {"P002"};
  EXPECT_CONTAINS(thrown_by<InvalidInput>([&] { (void)select_working_groups(before, forced); }).what(), "already_selected");
  // Writing back a selection whose person is gone changes nothing.
  GroupSelection stale = select_working_groups(before, seeded());
  stale.groups.back().members.push_back("P-gone");
  Project target = before;
  EXPECT_THROW(assign_members(target, stale), NotFound);
  EXPECT_TRUE(target == before);
}

}  // namespace
