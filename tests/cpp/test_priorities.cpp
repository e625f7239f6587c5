// The priorities part: every method against hand-computed examples, Kemeny against brute force,
// weight sensitivity against a closed form, the bloc check on a constructed case, and the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <servicedesign/core/error.hpp>
#include <servicedesign/priorities/methods.hpp>
#include <servicedesign/priorities/needs.hpp>
#include <servicedesign/priorities/robustness.hpp>
#include <servicedesign/process/csv_import.hpp>
#include <servicedesign/process/project.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace servicedesign::priorities;
using servicedesign::InvalidInput;
using servicedesign::testing::thrown_by;
using Groups = std::vector<std::vector<std::size_t>>;

namespace {

std::string message_of(const std::function<void()>& action) { return thrown_by<InvalidInput>(action).what(); }

}  // namespace

// Rankings -----------------------------------------------------------------------------------------

TEST(PrioritiesRanking, EqualScoresAreTiesAndShareTheBestRank) {
  const Ranking r = rank_by_score({2.0, 5.0, 2.0, 1.0});
  EXPECT_EQ(r.groups, (Groups{{1}, {0, 2}, {3}}));
  EXPECT_EQ(r.ranks(), (std::vector<std::size_t>{2, 1, 2, 4}));
  EXPECT_EQ(r.order(), (std::vector<std::size_t>{1, 0, 2, 3}));
  // Rounding noise is not an order.
  EXPECT_EQ(rank_by_score({0.1 + 0.2, 0.3}).groups, (Groups{{0, 1}}));
}

TEST(PrioritiesRanking, ValidationNamesTheProblem) {
  EXPECT_CONTAINS(message_of([] { validate_ranking(Ranking{{{0}, {0}}}, 2); }), "need 0 is ranked twice");
  EXPECT_CONTAINS(message_of([] { validate_ranking(Ranking{{{0}}}, 2); }), "need 1 is not ranked");
  EXPECT_CONTAINS(message_of([] { (void)rank_by_score({1.0, std::nan("")}); }), "score of need 1 is not finite");
}

// Methods ------------------------------------------------------------------------------------------

TEST(PrioritiesSkr, ScoreIsRelevanceTimesFeasibility) {
  const SkrResult r = skr_matrix({{3, 2}, {2, 3}, {1, 1}, {3, 3}});
  EXPECT_EQ(r.scores, (std::vector<double>{6, 6, 1, 9}));
  EXPECT_EQ(r.ranking.groups, (Groups{{3}, {0, 1}, {2}}));
}

TEST(PrioritiesSkr, ValuesOutsideOneToThreeAreRefused) {
  const auto e = thrown_by<InvalidInput>([] { (void)skr_matrix({{3, 2}, {1, 1}, {4, 1}}); });
  EXPECT_CONTAINS(e.what(), "need 2: relevance is 4");
  EXPECT_CONTAINS(e.what(), "1 (low), 2 (medium) or 3 (high)");
  EXPECT_CONTAINS(message_of([] { (void)skr_matrix({{2, 0}}); }), "need 0: feasibility is 0");
}

TEST(PrioritiesImpactEffort, QuadrantsAndTheirOrder) {
  const ImpactEffortResult r = impact_effort({{5, 1}, {5, 5}, {1, 1}, {1, 5}, {3, 3}});
  EXPECT_EQ(r.quadrants, (std::vector<Quadrant>{Quadrant::quick_win, Quadrant::major_project, Quadrant::fill_in,
                                                Quadrant::thankless, Quadrant::fill_in}));
  // Worth 3/2/1/0 plus (impact − effort)/8 + 0.5 on the 1-5 scale.
  EXPECT_DOUBLE_EQ(r.scores[0], 4.0);
  EXPECT_DOUBLE_EQ(r.scores[1], 2.5);
  EXPECT_DOUBLE_EQ(r.scores[2], 1.5);
  EXPECT_DOUBLE_EQ(r.scores[3], 0.0);
  EXPECT_EQ(r.ranking.groups, (Groups{{0}, {1}, {2, 4}, {3}}));
  EXPECT_EQ(to_string(Quadrant::thankless), "thankless");
}

TEST(PrioritiesImpactEffort, OffScaleIsRefused) {
  EXPECT_CONTAINS(message_of([] { (void)impact_effort({{3, 3}, {6, 2}}); }), "need 1: impact is 6, off the scale 1-5");
  EXPECT_CONTAINS(message_of([] { (void)impact_effort({{3, 3}}, {5, 1}); }), "low < high");
}

TEST(PrioritiesDotVoting, CountsDotsPerNeedAndSegment) {
  const std::vector<Ballot> ballots{
      {"v1", "staff", 0, 2}, {"v1", "staff", 1, 1}, {"v2", "residents", 1, 3}, {"v3", "residents", 2, 1}, {"v3", "residents", 1, 1}};
  const DotVotingResult r = dot_voting(3, ballots, {3, false});
  EXPECT_EQ(r.scores, (std::vector<double>{2, 5, 1}));
  EXPECT_EQ(r.ranking.groups, (Groups{{1}, {0}, {2}}));
  EXPECT_EQ(r.voters, 3U);
  EXPECT_EQ(r.voters_by_segment.at("residents"), 2U);
  EXPECT_EQ(r.by_segment.at("staff"), (std::vector<double>{2, 1, 0}));
  EXPECT_EQ(r.by_segment.at("residents"), (std::vector<double>{0, 4, 1}));
  // Staff weighted by ½: 1 + 0.5 + 4.
  EXPECT_EQ(dot_voting(3, ballots, {3, false}, {{"staff", 0.5}}).scores, (std::vector<double>{1, 4.5, 1}));
}

TEST(PrioritiesDotVoting, TooManyDotsAndOtherBadBallots) {
  const auto e = thrown_by<InvalidInput>([] {
    (void)dot_voting(2, {{"v1", "staff", 0, 2}, {"v1", "staff", 1, 2}}, {3, false});
  });
  EXPECT_CONTAINS(e.what(), "ballot 2 (voter 'v1'): too many dots: 4 placed, each voter has 3");
  EXPECT_CONTAINS(message_of([] { (void)dot_voting(2, {{"v1", "staff", 0, 2}}, {3, true}); }),
                  "2 dots on need 0; the rules allow one dot per need");
  EXPECT_CONTAINS(message_of([] { (void)dot_voting(2, {{"v1", "staff", 2, 1}}); }), "need 2 is out of range");
  EXPECT_CONTAINS(message_of([] { (void)dot_voting(2, {{"v1", "staff", 0, 1}, {"v1", "youth", 1, 1}}); }),
                  "segment 'youth' differs from the voter's earlier segment 'staff'");
  EXPECT_CONTAINS(message_of([] { (void)dot_voting(2, {{"v1", "staff", 0, 1}}, {}, {{"staff", -1.0}}); }),
                  "weight of segment 'staff' is -1");
}

TEST(PrioritiesMoscow, CategoriesRankAndMustsMayTakeSixtyPercent) {
  const MoscowResult r = moscow({{Moscow::must, 3}, {Moscow::should, 2}, {Moscow::could, 4}, {Moscow::must, 1}});
  EXPECT_DOUBLE_EQ(r.must_share, 0.4);
  EXPECT_EQ(r.ranking.groups, (Groups{{0, 3}, {1}, {2}}));
  // Exactly 60% is allowed.
  EXPECT_DOUBLE_EQ(moscow({{Moscow::must, 6}, {Moscow::wont, 4}}).must_share, 0.6);
  EXPECT_DOUBLE_EQ(moscow({{Moscow::must, 0.6}, {Moscow::could, 0.4}}).must_share, 0.6);
  EXPECT_EQ(moscow_from_string("Won't"), Moscow::wont);
  EXPECT_EQ(moscow_from_string("S"), Moscow::should);
}

TEST(PrioritiesMoscow, TooManyMustsAndBadEffortAreRefused) {
  const auto e = thrown_by<InvalidInput>([] { (void)moscow({{Moscow::must, 7}, {Moscow::should, 3}}); });
  EXPECT_CONTAINS(e.what(), "the Musts take 70% of the total effort (7 of 10); at most 60% is allowed");
  EXPECT_CONTAINS(message_of([] { (void)moscow({{Moscow::must, 1}, {Moscow::could, 0}}); }), "need 1: effort is 0; it must be > 0");
  EXPECT_CONTAINS(message_of([] { (void)moscow_from_string("maybe"); }), "unknown MoSCoW category 'maybe'");
}

TEST(PrioritiesRice, ReachTimesImpactTimesConfidenceOverEffort) {
  const RiceResult r = rice_scores({{400, 2, 0.8, 2}, {100, 3, 1.0, 1}, {1000, 0.25, 0.5, 0.5}});
  EXPECT_DOUBLE_EQ(r.scores[0], 320.0);
  EXPECT_DOUBLE_EQ(r.scores[1], 300.0);
  EXPECT_DOUBLE_EQ(r.scores[2], 250.0);
  EXPECT_EQ(r.ranking.groups, (Groups{{0}, {1}, {2}}));
}

TEST(PrioritiesRice, OffScaleValuesAreRefused) {
  EXPECT_CONTAINS(message_of([] { (void)rice_scores({{10, 4, 1.0, 1}}); }),
                  "need 0: impact is 4; RICE impact is 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal)");
  EXPECT_CONTAINS(message_of([] { (void)rice_scores({{10, 1, 1.0, 1}, {10, 1, 0.9, 1}}); }),
                  "need 1: confidence is 0.9; RICE confidence is 1.0 (100%), 0.8 (80%) or 0.5 (50%)");
  EXPECT_CONTAINS(message_of([] { (void)rice_scores({{10, 1, 1.0, 0}}); }), "need 0: effort is 0");
  EXPECT_CONTAINS(message_of([] { (void)rice_scores({{-1, 1, 1.0, 1}}); }), "need 0: reach is -1");
}

TEST(PrioritiesKano, StandardEvaluationTable) {
  using A = KanoAnswer;
  using K = KanoCategory;
  EXPECT_EQ(kano_category(A::like, A::dislike), K::one_dimensional);
  EXPECT_EQ(kano_category(A::like, A::neutral), K::attractive);
  EXPECT_EQ(kano_category(A::like, A::expect), K::attractive);
  EXPECT_EQ(kano_category(A::expect, A::dislike), K::must_be);
  EXPECT_EQ(kano_category(A::live_with, A::dislike), K::must_be);
  EXPECT_EQ(kano_category(A::neutral, A::neutral), K::indifferent);
  EXPECT_EQ(kano_category(A::like, A::like), K::questionable);
  EXPECT_EQ(kano_category(A::dislike, A::dislike), K::questionable);
  EXPECT_EQ(kano_category(A::dislike, A::like), K::reverse);
  EXPECT_EQ(kano_category(A::neutral, A::like), K::reverse);
  // Count of each category over the 25 cells: A 3, O 1, M 3, I 9, R 7, Q 2.
  std::array<int, 6> cells{};
  for (int f = 1; f <= 5; ++f) {
    for (int d = 1; d <= 5; ++d) ++cells[static_cast<std::size_t>(kano_category(static_cast<A>(f), static_cast<A>(d)))];
  }
  EXPECT_EQ(cells, (std::array<int, 6>{3, 1, 3, 9, 7, 2}));
}

TEST(PrioritiesKano, CategoryPerNeedAndSatisfactionCoefficients) {
  const KanoResult r = kano(3, {{0, 1, 5}, {0, 1, 5}, {0, 2, 5},    // O, O, M
                                {1, 2, 5}, {1, 3, 5}, {1, 1, 3},    // M, M, A
                                {2, 3, 3}, {2, 1, 3}});             // I, A: a tie, A goes first
  EXPECT_EQ(r.categories, (std::vector<KanoCategory>{KanoCategory::one_dimensional, KanoCategory::must_be, KanoCategory::attractive}));
  EXPECT_DOUBLE_EQ(r.better[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.worse[0], 1.0);
  EXPECT_DOUBLE_EQ(r.better[1], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.worse[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.better[2], 0.5);
  EXPECT_DOUBLE_EQ(r.worse[2], 0.0);
  EXPECT_DOUBLE_EQ(r.scores[1], 4.5);  // M: 4 + (1/3 + 2/3)/2
  EXPECT_EQ(r.ranking.groups, (Groups{{1}, {0}, {2}}));
  EXPECT_EQ(to_string(r.categories[1]), "M");
}

TEST(PrioritiesKano, AnswersOutsideOneToFiveAreRefused) {
  EXPECT_CONTAINS(message_of([] { (void)kano(2, {{0, 1, 5}, {1, 6, 1}}); }), "response 2: functional answer is 6");
  EXPECT_CONTAINS(message_of([] { (void)kano(2, {{0, 1, 0}}); }), "response 1: dysfunctional answer is 0");
  EXPECT_CONTAINS(message_of([] { (void)kano(2, {{2, 1, 5}}); }), "need 2 is out of range");
}

TEST(PrioritiesWeighted, SumOfWeightTimesValue) {
  const CriteriaMatrix c{{"a", "b"}, {{1, 0}, {0, 1}, {0.5, 0.5}}};
  const WeightedResult r = weighted_scores(c, {0.7, 0.3});
  EXPECT_DOUBLE_EQ(r.scores[0], 0.7);
  EXPECT_DOUBLE_EQ(r.scores[1], 0.3);
  EXPECT_DOUBLE_EQ(r.scores[2], 0.5);
  EXPECT_EQ(r.ranking.groups, (Groups{{0}, {2}, {1}}));
}

TEST(PrioritiesWeighted, WeightsMustLieOnTheSimplex) {
  const CriteriaMatrix c{{"a", "b"}, {{1, 0}, {0, 1}}};
  EXPECT_CONTAINS(message_of([&] { (void)weighted_scores(c, {0.5, 0.6}); }), "the weights sum to 1.1, not 1");
  EXPECT_CONTAINS(message_of([&] { (void)weighted_scores(c, {1.2, -0.2}); }), "weight of criterion 'b' is -0.2");
  EXPECT_CONTAINS(message_of([&] { (void)weighted_scores(c, {1.0}); }), "1 weights for 2 criteria");
  const CriteriaMatrix ragged{{"a", "b"}, {{1, 0}, {0}}};
  EXPECT_CONTAINS(message_of([&] { (void)weighted_scores(ragged, {0.5, 0.5}); }), "need 1 has 1 values for 2 criteria");
}

// Combining methods --------------------------------------------------------------------------------

TEST(PrioritiesBorda, PointsForNeedsBelowAndHalfForTies) {
  const Ranking skr{{{0}, {1, 2}}}, rice{{{1}, {0}, {2}}};
  const Consensus c = borda({skr, rice});
  EXPECT_EQ(c.scores, (std::vector<double>{3.0, 2.5, 0.5}));
  EXPECT_EQ(c.ranking.groups, (Groups{{0}, {1}, {2}}));
  EXPECT_CONTAINS(message_of([&] { (void)borda({skr, Ranking{{{0}, {1}}}}); }), "ranking 2: need 2 is not ranked");
}

TEST(PrioritiesKemeny, SmallExampleWithTwoOptimalOrders) {
  const Ranking skr{{{0}, {1, 2}}}, rice{{{1}, {0}, {2}}};
  const KemenyResult k = kemeny({skr, rice});
  EXPECT_EQ(k.order, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_DOUBLE_EQ(k.distance, 1.5);  // (0,1) against RICE, (1,2) tied in SKR
  EXPECT_EQ(k.optimal_orders, 2U);    // 1, 0, 2 is as good
}

namespace {

double brute_distance(const std::vector<std::size_t>& order, const std::vector<Ranking>& rankings) {
  double d = 0.0;
  for (const Ranking& r : rankings) {
    const auto rank = r.ranks();
    for (std::size_t i = 0; i < order.size(); ++i) {
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        if (rank[order[j]] < rank[order[i]]) d += 1.0;
        if (rank[order[j]] == rank[order[i]]) d += 0.5;
      }
    }
  }
  return d;
}

// A ranking from random scores in 0..levels−1, so that ties happen often.
Ranking random_ranking(std::size_t n, std::mt19937& engine, int levels) {
  std::vector<double> scores(n);
  for (double& s : scores) s = static_cast<double>(engine() % static_cast<unsigned>(levels));
  return rank_by_score(scores);
}

}  // namespace

TEST(PrioritiesKemeny, MatchesBruteForceOnSmallCases) {
  std::mt19937 engine(20260301);  // only the test data; the result does not depend on the library's draws
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial % 6);  // 2 … 7 needs
    const std::size_t voters = 1 + static_cast<std::size_t>(trial % 5);
    std::vector<Ranking> rankings;
    for (std::size_t v = 0; v < voters; ++v) rankings.push_back(random_ranking(n, engine, 2 + trial % 4));
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    double least = 1e300;
    std::uint64_t count = 0;
    std::vector<std::size_t> first_best;
    do {  // permutations in lexicographic order: the first best is the one kemeny() reports
      const double d = brute_distance(perm, rankings);
      if (d < least) {
        least = d;
        count = 1;
        first_best = perm;
      } else if (d == least) {
        ++count;
      }
    } while (std::next_permutation(perm.begin(), perm.end()));
    const KemenyResult k = kemeny(rankings);
    ASSERT_DOUBLE_EQ(k.distance, least) << "trial " << trial;
    ASSERT_EQ(k.optimal_orders, count) << "trial " << trial;
    ASSERT_EQ(k.order, first_best) << "trial " << trial;
    ASSERT_DOUBLE_EQ(brute_distance(k.order, rankings), k.distance);
  }
}

TEST(PrioritiesKemeny, RefusesMoreThanItsDocumentedLimit) {
  std::vector<double> scores(kemeny_max_needs + 1);
  std::iota(scores.begin(), scores.end(), 0.0);
  const Ranking big = rank_by_score(scores);
  EXPECT_CONTAINS(message_of([&] { (void)kemeny({big}); }), "17 needs; the exact Kemeny ranking is computed for at most 16");
  std::vector<double> fits(kemeny_max_needs);
  std::iota(fits.begin(), fits.end(), 0.0);
  const KemenyResult k = kemeny({rank_by_score(fits)});
  EXPECT_EQ(k.distance, 0.0);
  EXPECT_EQ(k.order, rank_by_score(fits).order());
}

TEST(PrioritiesKendall, TauAndTauBWithTies) {
  const Ranking strict{{{0}, {1}, {2}, {3}}}, reversed{{{3}, {2}, {1}, {0}}}, tied{{{0, 1}, {2}, {3}}};
  EXPECT_DOUBLE_EQ(kendall_tau(strict, strict), 1.0);
  EXPECT_DOUBLE_EQ(kendall_tau_b(strict, reversed), -1.0);
  // Six pairs: (0,1) tied in one, five concordant.
  EXPECT_DOUBLE_EQ(kendall_tau(strict, tied), 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(kendall_tau_b(strict, tied), 5.0 / std::sqrt(6.0 * 5.0));
  // All tied: undefined.
  EXPECT_TRUE(std::isnan(kendall_tau_b(strict, Ranking{{{0, 1, 2, 3}}})));
  EXPECT_DOUBLE_EQ(kendall_tau_b(Ranking{{{0}, {1, 2}}}, Ranking{{{1}, {0}, {2}}}), 0.0);
  const auto m = agreement_matrix({strict, reversed, tied});
  EXPECT_DOUBLE_EQ(m[0][1], -1.0);
  EXPECT_DOUBLE_EQ(m[2][0], m[0][2]);
  EXPECT_DOUBLE_EQ(m[1][1], 1.0);
}

// Sensitivity --------------------------------------------------------------------------------------

TEST(PrioritiesSensitivity, TwoNeedsTwoCriteriaMatchTheClosedForm) {
  // Weights (t, 1 − t) with t uniform on [0, 1]. A = (a1, a2) beats B = (b1, b2) when
  // t·(a1 − b1) + (1 − t)·(a2 − b2) > 0, i.e. for t above t* = (b2 − a2)/((a1 − b1) − (a2 − b2)) when the
  // slope (a1 − b1) − (a2 − b2) is positive: P(A first) = 1 − t*.
  const double a1 = 1.0, a2 = 0.0, b1 = 0.2, b2 = 0.6;
  const double slope = (a1 - b1) - (a2 - b2);
  ASSERT_GT(slope, 0.0);
  const double t_star = (b2 - a2) / slope;
  const double p_a = 1.0 - t_star;  // 4/7
  const CriteriaMatrix c{{"x", "y"}, {{a1, a2}, {b1, b2}}};
  SensitivityOptions options;
  options.samples = 20000;
  options.seed = 11;
  options.tops = {1, 2};
  const Sensitivity s = weight_sensitivity(c, options);
  const double standard_error = std::sqrt(p_a * (1 - p_a) / static_cast<double>(options.samples));
  EXPECT_NEAR(s.top_probability[0][0], p_a, 4 * standard_error);
  EXPECT_NEAR(s.top_probability[1][0], 1 - p_a, 4 * standard_error);
  EXPECT_DOUBLE_EQ(s.top_probability[0][1], 1.0);
  EXPECT_NEAR(s.mean_rank[0], 2.0 - p_a, 4 * standard_error);
  // The same seed gives the same figures.
  EXPECT_EQ(weight_sensitivity(c, options).top_probability, s.top_probability);
}

TEST(PrioritiesSensitivity, ThreeCriteriaUniformOnTheSimplex) {
  // With criteria the unit vectors, need i wins when weight i is the largest: 1/3 each by symmetry.
  const CriteriaMatrix c{{"x", "y", "z"}, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
  SensitivityOptions options;
  options.samples = 9000;
  const Sensitivity s = weight_sensitivity(c, options);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(s.top_probability[i][0], 1.0 / 3.0, 0.02);
  // With three needs, each is always in the top 3.
  EXPECT_DOUBLE_EQ(s.top_probability[0][1], 1.0);
}

TEST(PrioritiesSensitivity, BadOptionsAreRefused) {
  const CriteriaMatrix c{{"x"}, {{1}, {2}}};
  SensitivityOptions none;
  none.samples = 0;
  EXPECT_CONTAINS(message_of([&] { (void)weight_sensitivity(c, none); }), "samples must be at least 1");
  EXPECT_CONTAINS(message_of([&] { (void)weight_sensitivity(CriteriaMatrix{{}, {{}, {}}}, {}); }), "no criteria");
}

// Bloc check ---------------------------------------------------------------------------------------

namespace {

// Four staff each put 3 dots on need 0; six residents each put 2 dots on need 1 and 1 on need 0.
// Full count: need 0 = 12 + 6 = 18, need 1 = 12, need 2 = 0. Without staff need 1 (12) beats need 0 (6).
std::vector<Ballot> staff_bloc() {
  std::vector<Ballot> ballots;
  for (int v = 0; v < 4; ++v) ballots.push_back({"s" + std::to_string(v), "staff", 0, 3});
  for (int v = 0; v < 6; ++v) {
    ballots.push_back({"r" + std::to_string(v), "residents", 1, 2});
    ballots.push_back({"r" + std::to_string(v), "residents", 0, 1});
  }
  return ballots;
}

}  // namespace

TEST(PrioritiesBlocCheck, OneBlocFlipsTheWinner) {
  const BlocCheck check = bloc_check(3, staff_bloc(), {3, false}, {{"staff", 0.1}, {"residents", 0.9}});
  EXPECT_EQ(check.full.scores, (std::vector<double>{18, 12, 0}));
  ASSERT_EQ(check.segments.size(), 2U);
  EXPECT_TRUE(check.decided_by_one_bloc());
  EXPECT_EQ(check.pivotal_segments, (std::vector<std::string>{"staff"}));
  // Weighted to their population shares, both segments change the winner (staff down, residents up).
  EXPECT_EQ(check.decisive_segments, (std::vector<std::string>{"residents", "staff"}));
  // Without population shares, staff is still the one segment that flips the winner alone.
  const BlocCheck unweighted = bloc_check(3, staff_bloc(), {3, false});
  EXPECT_TRUE(unweighted.decisive_segments.empty());
  EXPECT_TRUE(unweighted.decided_by_one_bloc());

  const BlocInfluence& residents = check.segments[0];  // key order
  const BlocInfluence& staff = check.segments[1];
  EXPECT_EQ(staff.segment, "staff");
  EXPECT_EQ(staff.voters, 4U);
  EXPECT_DOUBLE_EQ(staff.vote_share, 0.4);
  EXPECT_EQ(staff.without.groups, (Groups{{1}, {0}, {2}}));
  EXPECT_TRUE(staff.winner_changes_without);
  EXPECT_DOUBLE_EQ(staff.influence, 1.0 / 3.0);  // one pair of three flips
  // Down-weighted to 10%: w = 0.1·6/(0.9·4) = 1/6, need 0 = 6 + 12/6 = 8 < need 1 = 12.
  EXPECT_EQ(staff.reweighted.groups, (Groups{{1}, {0}, {2}}));
  EXPECT_TRUE(staff.winner_changes_reweighted);

  EXPECT_FALSE(residents.winner_changes_without);
  EXPECT_EQ(residents.without.groups, (Groups{{0}, {1, 2}}));
  EXPECT_DOUBLE_EQ(residents.influence, 0.5 / 3.0);  // (1, 2) becomes a tie
  // Residents weighted up to 90%: w = 0.9·4/(0.1·6) = 6, need 0 = 36 + 12 = 48 < need 1 = 72.
  EXPECT_EQ(residents.reweighted.groups, (Groups{{1}, {0}, {2}}));
}

TEST(PrioritiesBlocCheck, BalancedVoteIsNotDecidedByOneBloc) {
  std::vector<Ballot> ballots;
  for (int v = 0; v < 3; ++v) {
    ballots.push_back({"s" + std::to_string(v), "staff", 0, 2});
    ballots.push_back({"r" + std::to_string(v), "residents", 0, 2});
  }
  const BlocCheck check = bloc_check(2, ballots);
  EXPECT_FALSE(check.decided_by_one_bloc());
  EXPECT_DOUBLE_EQ(check.segments[0].population_share, -1.0);
  // Two segments each pivotal (a close race) is not one bloc deciding.
  std::vector<Ballot> close{{"a", "seniors", 0, 2}, {"b", "youth", 0, 2}, {"c", "staff", 1, 3}};
  const BlocCheck race = bloc_check(2, close);
  EXPECT_EQ(race.full.scores, (std::vector<double>{4, 3}));
  EXPECT_EQ(race.pivotal_segments, (std::vector<std::string>{"seniors", "youth"}));
  EXPECT_FALSE(race.decided_by_one_bloc());
  EXPECT_CONTAINS(message_of([&] { (void)bloc_check(2, ballots, {}, {{"staff", 1.5}}); }),
                  "population share of segment 'staff' is 1.5; shares must lie in (0, 1)");
}

// Needs and their evidence -------------------------------------------------------------------------

TEST(PrioritiesNeeds, FromTheExampleProjectWithEvidence) {
  const auto project = servicedesign::process::import_project_csv(SERVICEDESIGN_SOURCE_DIR "/examples/data/storvik");
  const std::vector<NeedEvidence> needs = needs_from_project(project);
  ASSERT_EQ(needs.size(), project.needs().size());
  const NeedEvidence& winter = needs[0];
  EXPECT_EQ(winter.id, "ND01");
  EXPECT_EQ(winter.insight_ids, (std::vector<std::string>{"I01", "I02"}));
  // I01: N009 N021 N017 N073, I02: N070 N107 N081 N094 (examples/data/storvik/insights.csv).
  EXPECT_EQ(winter.frequency(), 8U);
  EXPECT_EQ(winter.segments(), (std::vector<std::string>{"commuters", "municipal_staff", "seniors"}));
  EXPECT_EQ(winter.arenas(), (std::vector<std::string>{"A01", "A02", "A06", "A07", "A08", "A09"}));
  std::size_t public_quotes = 0;
  for (const auto& note : winter.notes) public_quotes += may_quote(note.consent, servicedesign::process::Consent::public_) ? 1 : 0;
  EXPECT_EQ(public_quotes, 4U);  // N009, N070, N081, N094
}

TEST(PrioritiesNeeds, ConsentDecidesWhatMayBeQuoted) {
  using servicedesign::process::Consent;
  EXPECT_TRUE(may_quote(Consent::public_, Consent::public_));
  EXPECT_FALSE(may_quote(Consent::internal, Consent::public_));
  EXPECT_TRUE(may_quote(Consent::internal, Consent::internal));
  EXPECT_FALSE(may_quote(Consent::none, Consent::internal));
}

TEST(PrioritiesNeeds, FromThemesAndEvidenceCriteria) {
  using servicedesign::process::Consent;
  const std::vector<EvidenceNote> notes{{"n1", "a", "seniors", "A1", Consent::public_},
                                        {"n2", "b", "seniors", "A1", Consent::none},
                                        {"n3", "c", "seniors", "A2", Consent::internal},
                                        {"n4", "d", "youth", "A1", Consent::public_},
                                        {"n5", "e", "staff", "A2", Consent::public_},
                                        {"n6", "filler", "youth", "A2", Consent::public_}};
  const auto needs = needs_from_themes(notes, {0, 0, 0, 1, 1, -1}, {"Winter", "Buses"});
  ASSERT_EQ(needs.size(), 2U);
  EXPECT_EQ(needs[1].id, "T1");
  EXPECT_EQ(needs[1].title, "Buses");
  EXPECT_EQ(needs[0].frequency(), 3U);
  const CriteriaMatrix c = evidence_criteria(needs);
  EXPECT_EQ(c.names, (std::vector<std::string>{"segments", "arenas", "notes"}));
  // Theme 0: 1 segment, 2 arenas, 3 notes; theme 1: 2 segments, 2 arenas, 2 notes; divided by the largest.
  EXPECT_EQ(c.values[0], (std::vector<double>{0.5, 1.0, 1.0}));
  EXPECT_EQ(c.values[1], (std::vector<double>{1.0, 1.0, 2.0 / 3.0}));
  // Breadth counts for half by default: theme 1 (0.5 + 0.25 + 1/6) beats theme 0 (0.25 + 0.25 + 0.25).
  const WeightedResult w = weighted_scores(c, EvidenceWeights{}.as_vector());
  EXPECT_EQ(w.ranking.groups, (Groups{{1}, {0}}));
  // Counting notes only reverses it.
  EXPECT_EQ(weighted_scores(c, {0.0, 0.0, 1.0}).ranking.groups, (Groups{{0}, {1}}));
  EXPECT_CONTAINS(message_of([&] { (void)needs_from_themes(notes, {0, 1}); }), "2 theme labels for 6 notes");
  EXPECT_CONTAINS(message_of([&] { (void)needs_from_themes(notes, {0, 0, 0, 1, 1, -1}, {"one"}); }), "1 titles for 2 themes");
  // Theme numbers left without notes (after a merge, say) make no need: 0 and 3 here, never "T1" or "T2".
  const auto gaps = needs_from_themes(notes, {3, 3, 0, 3, 0, -1});
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[0].id, "T0");
  EXPECT_EQ(gaps[1].id, "T3");
  EXPECT_EQ(gaps[1].frequency(), 3U);
}
