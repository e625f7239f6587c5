// Helpers shared by the selection tests: reading the published instances and checking panels and
// lotteries against the quotas independently of the library's own bookkeeping.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "servicedesign/core/csv.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"

namespace servicedesign::testing::selection {

using namespace servicedesign::selection;

/// A pool for the infeasibility tests: 5 young women, 5 young men, 3 old women, 2 old men.
inline Pool age_gender_pool(const Quotas& q) {
  Pool pool(q);
  int id = 0;
  const auto add = [&](const char* age, const char* gender, int n) {
    for (int i = 0; i < n; ++i) pool.add("p" + std::to_string(id++), {{"age", age}, {"gender", gender}});
  };
  add("young", "female", 5);
  add("young", "male", 5);
  add("old", "female", 3);
  add("old", "male", 2);
  return pool;
}

inline std::filesystem::path sortition_data(const std::string& relative) {
  return std::filesystem::path(SERVICEDESIGN_TEST_DATA_DIR) / "sortition" / relative;
}

/// Pool from CSV text.
inline Pool pool_from_text(std::string_view csv, const Quotas& quotas, const PeopleCsvOptions& options = {},
                           std::string source = "people.csv") {
  return pool_from_table(parse_csv(csv, std::move(source)), quotas, options);
}

/// Number of `members` that have `feature` = `value`, comparing through the pool's own quotas.
inline std::size_t count_with(const Pool& pool, const std::vector<std::size_t>& members, const std::string& feature,
                              const std::string& value) {
  const auto f = pool.quotas().find_feature(feature);
  if (!f) throw std::logic_error("no feature " + feature);
  const auto v = pool.quotas().find_value(*f, value);
  if (!v) throw std::logic_error("no value " + value);
  return static_cast<std::size_t>(
      std::count_if(members.begin(), members.end(), [&](std::size_t p) { return pool.value(p, *f) == *v; }));
}

/// Checks one selection (members per group): sizes, every quota of every group, nobody twice, and at
/// most one person per non-empty household across all groups (when `households`).
inline ::testing::AssertionResult valid_selection(const Pool& pool, const std::vector<GroupSpec>& groups,
                                                  const std::vector<std::vector<std::size_t>>& panels,
                                                  bool households = true) {
  if (panels.size() != groups.size()) {
    return ::testing::AssertionFailure() << panels.size() << " groups drawn, " << groups.size() << " expected";
  }
  std::set<std::size_t> everyone;
  std::map<std::string, std::size_t> per_household;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& members = panels[g];
    if (members.size() != groups[g].size) {
      return ::testing::AssertionFailure() << "group " << groups[g].name << " has " << members.size() << " members, not "
                                           << groups[g].size;
    }
    for (auto p : members) {
      if (p >= pool.size()) return ::testing::AssertionFailure() << "person " << p << " is not in the pool";
      if (!everyone.insert(p).second) return ::testing::AssertionFailure() << pool.id(p) << " is selected twice";
      if (!pool.household(p).empty()) ++per_household[pool.household(p)];
    }
    for (const auto& feature : groups[g].quotas.features()) {
      for (const auto& v : feature.values) {
        const std::size_t n = count_with(pool, members, feature.feature, v.value);
        if (n < v.min || n > v.max) {
          return ::testing::AssertionFailure() << "group " << groups[g].name << ": " << n << " with " << feature.feature
                                               << "=" << v.value << ", quota [" << v.min << ", " << v.max << "]";
        }
      }
    }
  }
  if (households) {
    for (const auto& [key, n] : per_household) {
      if (n > 1) return ::testing::AssertionFailure() << n << " people from one household";
    }
  }
  return ::testing::AssertionSuccess();
}

/// Per-person probabilities recomputed from the lottery itself: Σ_c q_c · (chosen of the type / type size).
inline std::vector<std::vector<double>> lottery_marginals(const Lottery& lottery, std::size_t pool_size) {
  std::vector<std::vector<double>> p(lottery.groups, std::vector<double>(pool_size, 0.0));
  const std::size_t T = lottery.types.size();
  for (std::size_t c = 0; c < lottery.compositions.size(); ++c) {
    for (std::size_t g = 0; g < lottery.groups; ++g) {
      for (std::size_t t = 0; t < T; ++t) {
        const double share = lottery.probabilities[c] * lottery.compositions[c][g * T + t] /
                             static_cast<double>(lottery.types[t].size());
        for (auto person : lottery.types[t]) p[g][person] += share;
      }
    }
  }
  return p;
}

/// Checks everything a fair lottery must satisfy: a distribution over valid compositions whose marginals
/// are the reported probabilities, summing to the number of seats. `forced` are the already-selected
/// people (not part of the lottery, added to the first group).
inline void expect_valid_lottery(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionResult& result,
                                 const std::vector<std::size_t>& forced = {}, bool households = true) {
  const Lottery& lottery = result.lottery;
  ASSERT_EQ(lottery.groups, groups.size());
  ASSERT_FALSE(lottery.compositions.empty());
  ASSERT_EQ(lottery.compositions.size(), lottery.probabilities.size());
  const std::size_t T = lottery.types.size();
  double total = 0.0;
  for (double q : lottery.probabilities) {
    EXPECT_GE(q, 0.0);
    total += q;
  }
  EXPECT_NEAR(total, 1.0, 1e-9);

  // Types are disjoint, non-empty, and never contain people already selected.
  std::set<std::size_t> typed;
  for (const auto& members : lottery.types) {
    ASSERT_FALSE(members.empty());
    for (auto p : members) {
      EXPECT_TRUE(typed.insert(p).second) << "person " << p << " in two types";
      EXPECT_EQ(std::count(forced.begin(), forced.end(), p), 0);
    }
  }

  // Every composition expands to a valid selection (draw of a one-composition lottery, forced people added).
  for (std::size_t c = 0; c < lottery.compositions.size(); ++c) {
    const auto& comp = lottery.compositions[c];
    ASSERT_EQ(comp.size(), groups.size() * T);
    for (std::size_t t = 0; t < T; ++t) {
      std::size_t used = 0;
      for (std::size_t g = 0; g < groups.size(); ++g) used += comp[g * T + t];
      ASSERT_LE(used, lottery.types[t].size());
    }
    const Lottery single{lottery.groups, lottery.types, {comp}, {1.0}};
    auto panels = draw(single, 1000 + c);
    panels[0].insert(panels[0].end(), forced.begin(), forced.end());
    EXPECT_TRUE(valid_selection(pool, groups, panels, households)) << "composition " << c;
  }

  // Reported probabilities are the lottery's marginals; forced people 1; the sum is the number of seats.
  const auto marginals = lottery_marginals(lottery, pool.size());
  ASSERT_EQ(result.probabilities.size(), pool.size());
  ASSERT_EQ(result.group_probabilities.size(), groups.size());
  double sum = 0.0;
  double seats = 0.0;
  for (const auto& g : groups) seats += static_cast<double>(g.size);
  double min_typed = 1.0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const bool is_forced = std::count(forced.begin(), forced.end(), i) > 0;
    double across = 0.0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const double expected = marginals[g][i] + (g == 0 && is_forced ? 1.0 : 0.0);
      EXPECT_NEAR(result.group_probabilities[g][i], expected, 1e-9) << "person " << i << " group " << g;
      across += result.group_probabilities[g][i];
    }
    EXPECT_NEAR(result.probabilities[i], across, 1e-9);
    EXPECT_GE(result.probabilities[i], -1e-12);
    EXPECT_LE(result.probabilities[i], 1.0 + 1e-9);
    if (typed.count(i)) min_typed = std::min(min_typed, result.probabilities[i]);
    if (!typed.count(i) && !is_forced) {
      EXPECT_EQ(result.probabilities[i], 0.0) << "ineligible person " << i;
    }
    sum += result.probabilities[i];
  }
  EXPECT_NEAR(sum, seats, 1e-6);
  EXPECT_NEAR(result.min_probability, min_typed, 1e-12);

  // The drawn panels themselves.
  EXPECT_TRUE(valid_selection(pool, groups, result.panels, households));
}

}  // namespace servicedesign::testing::selection
