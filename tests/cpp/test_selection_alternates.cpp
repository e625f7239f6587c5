// Alternates checked against brute force: on small pools every dropout outcome of members and
// alternates is enumerated, the replacement rule is applied by hand and the quota violations are
// counted from the pool directly; every ordered list of alternates is tried for the optimum.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/selection/alternates.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"
#include "test_selection_support.hpp"

namespace {

using namespace servicedesign::selection;
using namespace servicedesign::testing::selection;

struct Small {
  Pool pool;
  GroupSpec group;
  std::vector<std::size_t> panel;
  std::vector<double> dropout;
  AlternatesOptions options;
};

// 8-12 people with two features, a panel of 3-5 meeting the quotas, dropout rates in [0, 0.5).
Small small_case(std::uint32_t seed) {
  std::mt19937 engine(seed);
  const auto between = [&](std::size_t lo, std::size_t hi) { return std::uniform_int_distribution<std::size_t>(lo, hi)(engine); };
  const std::size_t n = between(8, 12);
  Quotas features;
  for (const char* f : {"age", "area"}) {
    for (const char* v : {"a", "b", "c"}) features.set(f, v, 0, n);
  }
  Pool pool(features);
  for (std::size_t i = 0; i < n; ++i) {
    pool.add("p" + std::to_string(i), {{"age", std::string(1, static_cast<char>('a' + between(0, 2)))},
                                       {"area", std::string(1, static_cast<char>('a' + between(0, 2)))}},
             between(0, 4) == 0 ? "h" + std::to_string(between(0, 2)) : "");
  }
  const std::size_t size = between(3, 5);
  std::vector<std::size_t> panel(n);
  for (std::size_t i = 0; i < n; ++i) panel[i] = i;
  std::shuffle(panel.begin(), panel.end(), engine);
  panel.resize(size);
  std::sort(panel.begin(), panel.end());
  // Quotas around the panel's own counts, so the full panel meets them and dropouts can break them.
  Quotas quotas;
  for (const char* f : {"age", "area"}) {
    for (const char* v : {"a", "b", "c"}) {
      const std::size_t have = count_with(pool, panel, f, v);
      quotas.set(f, v, have - std::min(have, between(0, 1)), have + between(0, 1));
    }
  }
  std::vector<double> dropout(n);
  AlternatesOptions options;
  options.households = false;  // households are checked in their own test
  options.seed = seed;
  for (std::size_t i = 0; i < n; ++i) {
    dropout[i] = std::uniform_real_distribution<double>(0.0, 0.5)(engine);
    options.dropout[pool.id(i)] = dropout[i];
  }
  options.count = between(1, 2);
  return {std::move(pool), {"panel", size, std::move(quotas)}, std::move(panel), std::move(dropout), options};
}

// Quota violations counted from the pool: shortfalls, excesses and empty seats.
double violations_by_hand(const Small& c, const std::vector<std::size_t>& members) {
  double v = static_cast<double>(c.group.size - members.size());
  for (const auto& feature : c.group.quotas.features()) {
    for (const auto& value : feature.values) {
      const std::size_t have = count_with(c.pool, members, feature.feature, value.value);
      v += have < value.min ? static_cast<double>(value.min - have) : have > value.max ? static_cast<double>(have - value.max) : 0.0;
    }
  }
  return v;
}

// The expected violations of a list, over every outcome of who drops out (members and alternates),
// with the rule applied by hand: alternates in order, each joining an empty seat when that lowers the
// violations.
double expected_by_hand(const Small& c, const std::vector<std::size_t>& list) {
  std::vector<std::size_t> people = c.panel;
  people.insert(people.end(), list.begin(), list.end());
  double total = 0.0;
  for (std::uint32_t mask = 0; mask < (1U << people.size()); ++mask) {
    double weight = 1.0;
    for (std::size_t j = 0; j < people.size(); ++j) weight *= (mask >> j & 1U) ? c.dropout[people[j]] : 1.0 - c.dropout[people[j]];
    std::vector<std::size_t> members;
    for (std::size_t j = 0; j < c.panel.size(); ++j) {
      if (!(mask >> j & 1U)) members.push_back(c.panel[j]);
    }
    for (std::size_t a = 0; a < list.size(); ++a) {
      if (mask >> (c.panel.size() + a) & 1U) continue;
      if (members.size() >= c.group.size) break;
      auto with = members;
      with.push_back(list[a]);
      if (violations_by_hand(c, with) < violations_by_hand(c, members)) members = std::move(with);
    }
    total += weight * violations_by_hand(c, members);
  }
  return total;
}

TEST(SelectionAlternates, ExpectationsAndChoiceMatchBruteForce) {
  std::size_t cases = 0;
  std::size_t optimal = 0;
  std::size_t helped = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Small c = small_case(seed);
    const Alternates a = choose_alternates(c.pool, c.group, c.panel, c.options);
    ASSERT_TRUE(a.exact);
    ASSERT_EQ(a.ranked.size(), c.options.count);
    for (const auto person : a.ranked) EXPECT_EQ(std::count(c.panel.begin(), c.panel.end(), person), 0);
    EXPECT_NEAR(a.expected_violations_without, expected_by_hand(c, {}), 1e-12);
    EXPECT_NEAR(a.expected_violations_with, expected_by_hand(c, a.ranked), 1e-12);
    EXPECT_LE(a.expected_violations_with, a.expected_violations_without + 1e-12);
    // The best list of this length over every ordered choice of people outside the panel.
    std::vector<std::size_t> outside;
    for (std::size_t i = 0; i < c.pool.size(); ++i) {
      if (std::count(c.panel.begin(), c.panel.end(), i) == 0) outside.push_back(i);
    }
    double best = std::numeric_limits<double>::infinity();
    for (const auto first : outside) {
      if (c.options.count == 1) {
        best = std::min(best, expected_by_hand(c, {first}));
        continue;
      }
      for (const auto second : outside) {
        if (second != first) best = std::min(best, expected_by_hand(c, {first, second}));
      }
    }
    // The first position is chosen exactly; later ones greedily, which is optimal here in most cases.
    if (c.options.count == 1) {
      EXPECT_NEAR(a.expected_violations_with, best, 1e-12);
    }
    EXPECT_GE(a.expected_violations_with, best - 1e-12);
    ++cases;
    optimal += a.expected_violations_with <= best + 1e-12 ? 1 : 0;
    helped += a.expected_violations_with < a.expected_violations_without - 1e-9 ? 1 : 0;
  }
  std::cout << cases << " cases: the list is optimal in " << optimal << ", lowers the expected violations in "
            << helped << "\n";
  EXPECT_GE(optimal, cases * 9 / 10);
  EXPECT_GE(helped, cases / 2);
}

TEST(SelectionAlternates, SimulationAgreesWithTheExactExpectation) {
  // 14 members and 4 alternates: beyond exact enumeration, so simulated; the list's exact expectation
  // (2^18 outcomes by hand) lies within four standard errors of the estimate.
  std::mt19937 engine(5);
  Quotas features;
  for (const char* v : {"a", "b"}) features.set("age", v, 0, 40);
  Pool pool(features);
  for (std::size_t i = 0; i < 30; ++i) pool.add("p" + std::to_string(i), {{"age", i % 3 == 0 ? "b" : "a"}});
  std::vector<std::size_t> panel;
  for (std::size_t i = 0; i < 14; ++i) panel.push_back(i);
  Quotas quotas;
  quotas.set("age", "a", count_with(pool, panel, "age", "a"), count_with(pool, panel, "age", "a"));
  quotas.set("age", "b", count_with(pool, panel, "age", "b") - 1, count_with(pool, panel, "age", "b"));
  Small c{pool, {"panel", 14, quotas}, panel, std::vector<double>(30, 0.2), {}};
  c.options.count = 4;
  c.options.dropout_rate = 0.2;
  c.options.scenarios = 4000;
  c.options.seed = 3;
  const Alternates a = choose_alternates(c.pool, c.group, c.panel, c.options);
  EXPECT_FALSE(a.exact);
  EXPECT_EQ(a.scenarios, 4000u);
  const double exact = expected_by_hand(c, a.ranked);
  const double without = expected_by_hand(c, {});
  // Violations per outcome are at most 2·14; a crude bound on the standard error is enough here.
  EXPECT_NEAR(a.expected_violations_with, exact, 4 * 2.0 / std::sqrt(4000.0));
  EXPECT_NEAR(a.expected_violations_without, without, 4 * 2.5 / std::sqrt(4000.0));
  EXPECT_LT(exact, without / 2) << "four alternates should halve the expected violations";
  // The same seed gives the same list.
  EXPECT_EQ(choose_alternates(c.pool, c.group, c.panel, c.options).ranked, a.ranked);
}

TEST(SelectionAlternates, InterchangeablePeopleHaveEqualChances) {
  // Six people who are alike stand outside a panel that needs one of them after a dropout.
  Quotas features;
  for (const char* v : {"a", "b"}) features.set("sector", v, 0, 20);
  Pool pool(features);
  for (std::size_t i = 0; i < 10; ++i) pool.add("p" + std::to_string(i), {{"sector", i < 6 ? "a" : "b"}});
  Quotas quotas;
  quotas.set("sector", "a", 2, 2);
  quotas.set("sector", "b", 2, 2);
  const GroupSpec group{"panel", 4, quotas};
  const std::vector<std::size_t> panel{0, 1, 6, 7};
  std::map<std::size_t, std::size_t> listed;
  for (std::uint64_t seed = 0; seed < 600; ++seed) {
    AlternatesOptions o;
    o.count = 1;
    o.seed = seed;
    o.dropout = {{"p0", 0.4}, {"p1", 0.4}};  // sector a's members are the likelier to drop out
    const auto a = choose_alternates(pool, group, panel, o);
    ++listed[a.ranked[0]];
  }
  // p2-p5 (sector a) are the best alternates and alike: the draw between them is even.
  ASSERT_EQ(listed.size(), 4u) << "only sector a should be listed, evenly among its people";
  for (const auto& [person, times] : listed) EXPECT_NEAR(static_cast<double>(times), 150.0, 45.0) << person;
}

TEST(SelectionAlternates, HouseholdsAndExclusionsAreRespected) {
  Quotas features;
  for (const char* v : {"a", "b"}) features.set("sector", v, 0, 20);
  Pool pool(features);
  pool.add("m1", {{"sector", "a"}}, "home1");
  pool.add("m2", {{"sector", "b"}});
  pool.add("x1", {{"sector", "a"}}, "home1");  // shares a home with a member
  pool.add("x2", {{"sector", "a"}}, "home2");
  pool.add("x3", {{"sector", "a"}}, "home2");  // shares a home with x2
  pool.add("x4", {{"sector", "a"}});
  pool.add("x5", {{"sector", "b"}});
  Quotas quotas;
  quotas.set("sector", "a", 1, 1);
  quotas.set("sector", "b", 1, 1);
  const GroupSpec group{"panel", 2, quotas};
  AlternatesOptions o;
  o.count = 2;
  o.excluded = {"x5"};
  const auto a = choose_alternates(pool, group, {0, 1}, o);
  std::set<std::string> ids;
  for (const auto person : a.ranked) ids.insert(pool.id(person));
  EXPECT_EQ(ids.count("x1"), 0u);
  EXPECT_EQ(ids.count("x5"), 0u);
  EXPECT_FALSE(ids.count("x2") && ids.count("x3"));
  EXPECT_EQ(ids.count("x4"), 1u);
  EXPECT_EQ(ids.size(), 2u);
  o.count = 3;  // x1 shares m1's home, x5 is excluded, x2 and x3 count once: only two can be listed
  EXPECT_THROW((void)choose_alternates(pool, group, {0, 1}, o), servicedesign::InvalidInput);
}

TEST(SelectionAlternates, ReplacementFollowsTheListAndSkipsWhoWouldBreakAQuota) {
  Quotas features;
  for (const char* v : {"a", "b"}) features.set("sector", v, 0, 20);
  Pool pool(features);
  for (const char* s : {"a", "a", "b", "b", "b", "a", "b"}) pool.add("p" + std::to_string(pool.size()), {{"sector", s}});
  Quotas quotas;
  quotas.set("sector", "a", 2, 2);
  quotas.set("sector", "b", 2, 2);
  const GroupSpec group{"panel", 4, quotas};
  const std::vector<std::size_t> panel{0, 1, 2, 3};
  // p0 (sector a) drops: alternate p4 (b) would break b's maximum and is skipped; p5 (a) joins.
  EXPECT_EQ(replace_dropouts(pool, group, panel, {4, 5, 6}, {0}, {}), (std::vector<std::size_t>{1, 2, 3, 5}));
  // p5 cannot come: the seat stays empty rather than break a quota.
  EXPECT_EQ(replace_dropouts(pool, group, panel, {4, 5, 6}, {0}, {5}), (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(quota_violations(pool, group, {1, 2, 3}), 2u);  // one short of a's minimum, one empty seat
  EXPECT_THROW((void)replace_dropouts(pool, group, panel, {4}, {6}, {}), servicedesign::InvalidInput);
}

TEST(SelectionAlternates, BadInputNamesTheField) {
  Quotas features;
  features.set("sector", "a", 0, 5);
  Pool pool(features);
  for (int i = 0; i < 5; ++i) pool.add("p" + std::to_string(i), {{"sector", "a"}});
  Quotas quotas;
  quotas.set("sector", "a", 2, 2);
  const GroupSpec group{"panel", 2, quotas};
  const auto message = [&](const AlternatesOptions& o, std::vector<std::size_t> panel = {0, 1}) -> std::string {
    try {
      (void)choose_alternates(pool, group, panel, o);
    } catch (const servicedesign::InvalidInput& e) {
      return e.what();
    }
    return "no error";
  };
  AlternatesOptions o;
  o.count = 1;
  for (const double bad : {1.0, -0.1, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    o.dropout_rate = bad;
    EXPECT_NE(message(o).find("dropout_rate"), std::string::npos) << bad;
  }
  o.dropout_rate = 0.1;
  o.dropout = {{"p3", 1.0}};
  EXPECT_NE(message(o).find("dropout['p3']"), std::string::npos);
  o.dropout = {{"nobody", 0.2}};
  EXPECT_NE(message(o).find("nobody"), std::string::npos);
  o.dropout.clear();
  o.count = 4;
  EXPECT_NE(message(o).find("count"), std::string::npos);
  o.count = 1;
  EXPECT_NE(message(o, {0, 0}).find("twice"), std::string::npos);
  EXPECT_NE(message(o, {0, 9}).find("panel"), std::string::npos);
  o.scenarios = 0;
  EXPECT_NE(message(o).find("scenarios"), std::string::npos);
}

}  // namespace

namespace {

// 15 people (age × gender), a group of 4 with two women and one old person at least.
struct ServingCase {
  Quotas quotas;
  Pool pool;
  std::vector<GroupSpec> groups;
  SelectionResult result;
};

ServingCase serving_case() {
  Quotas quotas;
  quotas.set("age", "young", 0, 4);
  quotas.set("age", "old", 1, 2);
  quotas.set("gender", "female", 2, 2);
  quotas.set("gender", "male", 2, 2);
  Pool pool = age_gender_pool(quotas);
  std::vector<GroupSpec> groups{{"panel", 4, quotas}};
  SelectionOptions o;
  o.seed = 3;
  SelectionResult result = select(pool, groups, o);
  return {std::move(quotas), std::move(pool), std::move(groups), std::move(result)};
}

AlternatesOptions two_alternates(double dropout_rate) {
  AlternatesOptions o;
  o.count = 2;
  o.dropout_rate = dropout_rate;
  o.seed = 11;
  return o;
}

TEST(SelectionAlternates, WithoutDropoutsEveryoneServesWithTheirLotteryChance) {
  const auto c = serving_case();
  const AlternatesOptions o = two_alternates(0.0);
  const std::size_t draws = 800;
  const auto serving = serving_probabilities(c.pool, c.groups, c.result, 0, o, draws);
  for (std::size_t i = 0; i < c.pool.size(); ++i) {
    const double p = c.result.group_probabilities[0][i];
    EXPECT_NEAR(serving[i], p, 4 * std::sqrt(p * (1 - p) / static_cast<double>(draws)) + 1e-12) << c.pool.id(i);
  }
}

TEST(SelectionAlternates, WithDropoutsTheListFillsSeatsThroughSomeone) {
  const auto c = serving_case();
  const AlternatesOptions o = two_alternates(0.3);
  const std::size_t draws = 800;
  const auto serving = serving_probabilities(c.pool, c.groups, c.result, 0, o, draws);
  double seats = 0.0;
  for (const double s : serving) seats += s;
  // Without alternates 0.7 × 4 seats are filled on average; alternates fill some of the rest, never more.
  EXPECT_GT(seats, 0.7 * 4 + 0.1);
  EXPECT_LE(seats, 4.0 + 1e-12);
  // Members keep their seat unless they drop out (a chance 0.7 × drawn); the list's seats go to someone,
  // who then serves more often than that.
  bool someone_gains = false;
  for (std::size_t i = 0; i < c.pool.size(); ++i) {
    someone_gains = someone_gains || serving[i] > 0.7 * c.result.group_probabilities[0][i] + 0.05;
  }
  EXPECT_TRUE(someone_gains);
  EXPECT_EQ(serving_probabilities(c.pool, c.groups, c.result, 0, o, draws), serving) << "seeded";
  EXPECT_THROW((void)serving_probabilities(c.pool, c.groups, c.result, 1, o, draws), servicedesign::InvalidInput);
  EXPECT_THROW((void)serving_probabilities(c.pool, c.groups, c.result, 0, o, 0), servicedesign::InvalidInput);
}

}  // namespace
