// Tests of the selection part: reading quotas and pools, the fair lotteries (LEXIMIN, maximin, Nash)
// against the published results, drawing, uniform lotteries, replacement rounds, infeasible quotas
// with their relaxations, several groups at once, and cancellation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"
#include "test_selection_support.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::selection;
using namespace servicedesign::testing::selection;
using servicedesign::CsvTable;
using servicedesign::Interrupted;
using servicedesign::InvalidInput;
using servicedesign::IoError;
using servicedesign::NotFound;
using servicedesign::testing::TempDir;
using servicedesign::testing::thrown_by;

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

// ---------------------------------------------------------------------------------------------------
// parse_features_csv

TEST(SelectionFeatures, CurrentHeaderWithFlexBounds) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max,min_flex,max_flex\n"
      "Gender,Female,2,3,1,4\n"
      "Gender,Male,2,3,,\n"
      "Age,Young,0,5,0,9\n");
  ASSERT_EQ(q.features().size(), 2u);
  EXPECT_EQ(q.features()[0].feature, "Gender");
  ASSERT_EQ(q.features()[0].values.size(), 2u);
  const ValueQuota& female = q.features()[0].values[0];
  EXPECT_EQ(female.value, "Female");
  EXPECT_EQ(female.min, 2u);
  EXPECT_EQ(female.max, 3u);
  EXPECT_EQ(female.min_flex, 1u);
  EXPECT_EQ(female.max_flex, 4u);
  // Blank flex cells mean "no flex bound": min may drop to 0 and max is unbounded.
  const ValueQuota& male = q.features()[0].values[1];
  EXPECT_EQ(male.min_flex, 0u);
  EXPECT_EQ(male.max_flex, unbounded);
  EXPECT_EQ(q.features()[1].values[0].max_flex, 9u);
}

TEST(SelectionFeatures, OlderHeaders) {
  for (const char* header : {"category,name,min,max\n", "category,feature,min,max\n"}) {
    const Quotas q = parse_features_csv(std::string(header) + "gender,female,9,20\ngender,male,9,20\nleaning,liberal,1,2\n");
    ASSERT_EQ(q.features().size(), 2u) << header;
    EXPECT_EQ(q.features()[0].feature, "gender");
    EXPECT_EQ(q.features()[0].values[1].value, "male");
    EXPECT_EQ(q.features()[0].values[1].min, 9u);
    EXPECT_EQ(q.features()[1].values[0].max, 2u);
    // Without flex columns every quota may be relaxed freely.
    EXPECT_EQ(q.features()[1].values[0].min_flex, 0u);
    EXPECT_EQ(q.features()[1].values[0].max_flex, unbounded);
  }
  // The published instance uses category,feature.
  const Quotas small = read_features_csv(sortition_data("example_small_20/categories.csv"));
  ASSERT_EQ(small.features().size(), 2u);
  EXPECT_EQ(small.features()[1].feature, "leaning");
  EXPECT_EQ(small.features()[1].values[1].value, "conservative");
}

TEST(SelectionFeatures, ValuesMatchCaseInsensitively) {
  const Quotas q = parse_features_csv("feature,value,min,max\nOmråde,Östra,1,2\nOmråde,Västra,0,2\nGender,Female,0,1\n");
  EXPECT_EQ(q.find_feature("OMRÅDE"), std::optional<std::size_t>(0));
  EXPECT_EQ(q.find_feature("område"), std::optional<std::size_t>(0));
  EXPECT_EQ(q.find_feature("gender"), std::optional<std::size_t>(1));
  EXPECT_EQ(q.find_feature(" GENDER "), std::optional<std::size_t>(1));
  EXPECT_EQ(q.find_value(1, "FEMALE"), std::optional<std::size_t>(0));
  EXPECT_EQ(q.find_value(0, "östra"), std::optional<std::size_t>(0));
  EXPECT_EQ(q.find_value(0, "ÖSTRA"), std::optional<std::size_t>(0));
  EXPECT_EQ(q.find_value(0, "västra"), std::optional<std::size_t>(1));
  EXPECT_FALSE(q.find_value(0, "Norra").has_value());
  // A people file writing the value in lower case is matched to the quota.
  const Pool pool = pool_from_text("id,Område,gender\na,östra,female\nb,VÄSTRA,Female\n", q);
  EXPECT_EQ(pool.value(0, 0), 0u);
  EXPECT_EQ(pool.value(1, 0), 1u);
  // Two rows differing only in case are the same quota.
  const auto e = thrown_by<InvalidInput>(
      [] { (void)parse_features_csv("feature,value,min,max\nOmråde,Östra,1,2\nområde,östra,0,2\n", "q.csv"); });
  EXPECT_CONTAINS(e.what(), "q.csv:3");
  EXPECT_CONTAINS(e.what(), "appears twice");
}

struct FeatureError {
  const char* row;    // the second data row (line 3)
  const char* field;  // the field the message must name
  const char* says;   // part of the message
};

TEST(SelectionFeatures, ErrorsNameSourceLineAndField) {
  const FeatureError cases[] = {
      {"Gender,Male,5,3", "min", "greater than max"},
      {"Gender,Male,-1,3", "min", "negative"},
      {"Gender,Male,1,-3", "max", "negative"},
      {"Gender,Male,one,3", "min", "not a whole number"},
      {"Gender,Male,1,2.5", "max", "not a whole number"},
      {"Gender,Male,,3", "min", "empty"},
      {"Gender,,1,3", "value", "empty"},
      {",Male,1,3", "feature", "empty"},
      {"gender,FEMALE,1,3", "value", "appears twice"},
      {"Gender,Male,2,3,3,3", "min_flex", "greater than min"},
      {"Gender,Male,2,3,0,2", "max_flex", "less than max"},
      {"Gender,Male,2,3,x,5", "min_flex", "not a whole number"},
  };
  for (const auto& c : cases) {
    const std::string text = std::string("feature,value,min,max,min_flex,max_flex\nGender,Female,1,3,,\n") + c.row +
                             (std::count(c.row, c.row + std::strlen(c.row), ',') == 3 ? ",," : "") + "\n";
    const auto e = thrown_by<InvalidInput>([&] { (void)parse_features_csv(text, "quotas.csv"); });
    EXPECT_CONTAINS(e.what(), "quotas.csv:3") << c.row;
    EXPECT_CONTAINS(e.what(), std::string("field '") + c.field + "'") << c.row;
    EXPECT_CONTAINS(e.what(), c.says) << c.row;
    EXPECT_EQ(e.where().file, "quotas.csv");
    EXPECT_EQ(e.where().line, 3u);
  }
}

TEST(SelectionFeatures, MissingColumnsAndEmptyFiles) {
  auto e = thrown_by<InvalidInput>([] { (void)parse_features_csv("feature,value,min\nGender,Female,1\n", "f.csv"); });
  EXPECT_CONTAINS(e.what(), "f.csv:1");
  EXPECT_CONTAINS(e.what(), "field 'max'");
  e = thrown_by<InvalidInput>([] { (void)parse_features_csv("attribute,level,min,max\nGender,Female,1,2\n", "f.csv"); });
  EXPECT_CONTAINS(e.what(), "f.csv:1");
  EXPECT_CONTAINS(e.what(), "feature,value,min,max");
  e = thrown_by<InvalidInput>([] { (void)parse_features_csv("feature,value,min,max\n", "f.csv"); });
  EXPECT_CONTAINS(e.what(), "f.csv");
  EXPECT_CONTAINS(e.what(), "no quotas");
  EXPECT_THROW((void)read_features_csv("/nonexistent/servicedesign/features.csv"), IoError);
}

TEST(SelectionFeatures, QuotasSetValidates) {
  Quotas q;
  q.set("Gender", "Female", 1, 2);
  q.set("gender", "FEMALE", 0, 4);  // replaces, keeping the first spelling
  ASSERT_EQ(q.features().size(), 1u);
  ASSERT_EQ(q.features()[0].values.size(), 1u);
  EXPECT_EQ(q.features()[0].values[0].value, "Female");
  EXPECT_EQ(q.features()[0].values[0].max, 4u);
  EXPECT_THROW(q.set("Gender", "Male", 3, 2), InvalidInput);
  EXPECT_THROW(q.set("Gender", "Male", 1, 2, 2, std::nullopt), InvalidInput);
  EXPECT_THROW(q.set("Gender", "Male", 1, 2, std::nullopt, 1), InvalidInput);
  EXPECT_THROW(q.set("", "Male", 1, 2), InvalidInput);
  EXPECT_THROW(q.set("Gender", " ", 1, 2), InvalidInput);
}

// ---------------------------------------------------------------------------------------------------
// pool_from_table / read_people_csv

const char* const two_features = "feature,value,min,max\ngender,female,0,5\ngender,male,0,5\nleaning,liberal,0,5\nleaning,conservative,0,5\n";

TEST(SelectionPool, IdColumnAndValues) {
  const Quotas q = parse_features_csv(two_features);
  const Pool pool = pool_from_text("name,leaning,gender,note\nP1,liberal,Female,x\nP2,CONSERVATIVE,male,\n", q,
                                   {.id_column = "name"});
  ASSERT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.id(0), "P1");
  EXPECT_EQ(pool.index_of("P2"), 1u);
  EXPECT_EQ(pool.value(0, 0), 0u);  // gender female
  EXPECT_EQ(pool.value(0, 1), 0u);  // leaning liberal
  EXPECT_EQ(pool.value(1, 0), 1u);
  EXPECT_EQ(pool.value(1, 1), 1u);
  EXPECT_TRUE(pool.household(0).empty());
  EXPECT_THROW((void)pool.index_of("P3"), NotFound);
}

TEST(SelectionPool, RowNumbersWhenNoIdColumn) {
  const Quotas q = parse_features_csv(two_features);
  const Pool pool = pool_from_text("gender,leaning\nfemale,liberal\nmale,liberal\nmale,conservative\n", q, {.id_column = ""});
  ASSERT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool.id(0), "1");
  EXPECT_EQ(pool.id(2), "3");
  EXPECT_EQ(pool.index_of("2"), 1u);
  // The published pools have no id column.
  const Quotas small_q = read_features_csv(sortition_data("example_small_20/categories.csv"));
  const Pool small = read_people_csv(sortition_data("example_small_20/respondents.csv"), small_q, {.id_column = ""});
  EXPECT_EQ(small.size(), 200u);
  EXPECT_EQ(small.id(199), "200");
}

TEST(SelectionPool, DuplicateBlankIdsAndUnknownValues) {
  const Quotas q = parse_features_csv(two_features);
  auto e = thrown_by<InvalidInput>(
      [&] { (void)pool_from_text("id,gender,leaning\nA,female,liberal\nB,male,liberal\nA,male,liberal\n", q); });
  EXPECT_CONTAINS(e.what(), "people.csv:4");
  EXPECT_CONTAINS(e.what(), "field 'id'");
  EXPECT_CONTAINS(e.what(), "duplicate");
  EXPECT_CONTAINS(e.what(), "'A'");

  e = thrown_by<InvalidInput>([&] { (void)pool_from_text("id,gender,leaning\nA,female,liberal\n,male,liberal\n", q); });
  EXPECT_CONTAINS(e.what(), "people.csv:3");
  EXPECT_CONTAINS(e.what(), "field 'id'");
  EXPECT_CONTAINS(e.what(), "blank");
  // A quoted id of only spaces is blank as well.
  e = thrown_by<InvalidInput>([&] { (void)pool_from_text("id,gender,leaning\n\"  \",male,liberal\n", q); });
  EXPECT_CONTAINS(e.what(), "people.csv:2");
  EXPECT_CONTAINS(e.what(), "blank");

  e = thrown_by<InvalidInput>(
      [&] { (void)pool_from_text("id,gender,leaning\nA,female,liberal\nB,male,centrist\n", q, {}, "pool.csv"); });
  EXPECT_CONTAINS(e.what(), "pool.csv:3");
  EXPECT_CONTAINS(e.what(), "field 'leaning'");
  EXPECT_CONTAINS(e.what(), "centrist");
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_EQ(e.where().field, "leaning");

  // A blank value is unknown too.
  e = thrown_by<InvalidInput>([&] { (void)pool_from_text("id,gender,leaning\nA,,liberal\n", q); });
  EXPECT_CONTAINS(e.what(), "people.csv:2");
  EXPECT_CONTAINS(e.what(), "field 'gender'");
}

TEST(SelectionPool, MissingColumns) {
  const Quotas q = parse_features_csv(two_features);
  auto e = thrown_by<InvalidInput>([&] { (void)pool_from_text("id,gender\nA,female\n", q); });
  EXPECT_CONTAINS(e.what(), "people.csv");
  EXPECT_CONTAINS(e.what(), "field 'leaning'");
  e = thrown_by<InvalidInput>([&] { (void)pool_from_text("gender,leaning\nfemale,liberal\n", q, {.id_column = "id"}); });
  EXPECT_CONTAINS(e.what(), "field 'id'");
  e = thrown_by<InvalidInput>([&] {
    (void)pool_from_text("id,gender,leaning\nA,female,liberal\n", q, {.id_column = "id", .address_columns = {"street"}});
  });
  EXPECT_CONTAINS(e.what(), "field 'street'");
}

TEST(SelectionPool, AddressColumnsMakeHouseholds) {
  const Quotas q = parse_features_csv(two_features);
  const Pool pool = pool_from_text(
      "id,gender,leaning,street,zip\n"
      "A,female,liberal,Storgatan 1,123 45\n"
      "B,male,liberal,STORGATAN 1,123 45\n"      // same household as A (case differs)
      "C,male,conservative,Storgatan 1,999 99\n"  // same street, other zip: another household
      "D,female,conservative, storgatan 1 ,123 45\n"  // surrounding spaces do not matter
      "E,female,liberal,,\n"                     // no address: no household
      "F,male,liberal,,\n"
      "G,male,liberal,Östra vägen 2,\n"
      "H,male,conservative,östra VÄGEN 2,\n",
      q, {.id_column = "id", .address_columns = {"street", "zip"}});
  ASSERT_EQ(pool.size(), 8u);
  EXPECT_FALSE(pool.household(0).empty());
  EXPECT_EQ(pool.household(0), pool.household(1));
  EXPECT_EQ(pool.household(0), pool.household(3));
  EXPECT_NE(pool.household(0), pool.household(2));
  EXPECT_TRUE(pool.household(4).empty());
  EXPECT_TRUE(pool.household(5).empty());
  EXPECT_EQ(pool.household(6), pool.household(7));
  EXPECT_NE(pool.household(6), pool.household(0));

  // Without address columns nobody shares a household.
  const Pool plain = pool_from_text("id,gender,leaning,street\nA,female,liberal,x\nB,male,liberal,x\n", q);
  EXPECT_TRUE(plain.household(0).empty());
  EXPECT_TRUE(plain.household(1).empty());
}

TEST(SelectionPool, ReadPeopleCsvFromFile) {
  const TempDir dir;
  const Quotas q = parse_features_csv(two_features);
  servicedesign::write_file_atomically(dir / "people.csv", "id,gender,leaning\nA,female,liberal\nB,other,liberal\n");
  const auto e = thrown_by<InvalidInput>([&] { (void)read_people_csv(dir / "people.csv", q); });
  EXPECT_CONTAINS(e.what(), (dir / "people.csv").string() + ":3");
  EXPECT_CONTAINS(e.what(), "field 'gender'");
  EXPECT_THROW((void)read_people_csv(dir / "missing.csv", q), IoError);
}

TEST(SelectionPool, AddChecksItsArguments) {
  const Quotas q = parse_features_csv(two_features);
  Pool pool(q);
  pool.add("A", {{"Gender", "Female"}, {"leaning", "liberal"}}, "h1");
  EXPECT_EQ(pool.household(0), "h1");
  EXPECT_THROW(pool.add("A", {{"gender", "male"}, {"leaning", "liberal"}}), InvalidInput);
  EXPECT_THROW(pool.add(" ", {{"gender", "male"}, {"leaning", "liberal"}}), InvalidInput);
  EXPECT_THROW(pool.add("B", {{"gender", "male"}}), InvalidInput);
  EXPECT_THROW(pool.add("B", {{"gender", "robot"}, {"leaning", "liberal"}}), InvalidInput);
  EXPECT_EQ(pool.size(), 1u);
}

// ---------------------------------------------------------------------------------------------------
// Shared instances

struct Instance {
  Pool pool;
  std::vector<GroupSpec> groups;
};

Instance published(const std::string& name, std::size_t size) {
  const Quotas q = read_features_csv(sortition_data(name + "/categories.csv"));
  Pool pool = read_people_csv(sortition_data(name + "/respondents.csv"), q, {.id_column = ""});
  return {std::move(pool), {{"panel", size, q}}};
}

const PeopleCsvOptions fixture_options{.id_column = "nationbuilder_id", .address_columns = {"primary_address1", "primary_zip"}};

Instance fixtures() {
  const Quotas q = read_features_csv(sortition_data("sortition-algorithms-fixtures/features.csv"));
  Pool pool = read_people_csv(sortition_data("sortition-algorithms-fixtures/candidates.csv"), q, fixture_options);
  return {std::move(pool), {{"panel", 22, q}}};
}

// The fixtures with 14 shared households (pairs and triples), written in varying case.
Instance fixtures_with_households() {
  const Quotas q = read_features_csv(sortition_data("sortition-algorithms-fixtures/features.csv"));
  CsvTable table = servicedesign::read_csv(sortition_data("sortition-algorithms-fixtures/candidates.csv"));
  const std::size_t street = table.column("primary_address1");
  const std::size_t zip = table.column("primary_zip");
  const std::vector<std::vector<std::size_t>> households = {
      {0, 1}, {2, 3, 4}, {10, 11}, {20, 21}, {30, 31, 32}, {40, 41}, {50, 51},
      {60, 61}, {70, 71}, {80, 81, 82}, {90, 91}, {100, 101}, {120, 121}, {140, 141}};
  for (const auto& h : households) {
    for (std::size_t k = 1; k < h.size(); ++k) {
      std::string s = table.rows[h[0]][street];
      std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
      table.rows[h[k]][street] = s;
      table.rows[h[k]][zip] = table.rows[h[0]][zip];
    }
  }
  Pool pool = pool_from_table(table, q, fixture_options);
  return {std::move(pool), {{"panel", 22, q}}};
}

SelectionOptions with(Algorithm algorithm, std::uint64_t seed = 7) {
  SelectionOptions o;
  o.algorithm = algorithm;
  o.seed = seed;
  return o;
}

// The fixtures with households and their lotteries (seed 7), computed once: several tests read them.
const Instance& households_instance() {
  static const Instance instance = fixtures_with_households();
  return instance;
}

const SelectionResult& households_result(Algorithm algorithm) {
  static std::map<Algorithm, SelectionResult> cache;
  auto it = cache.find(algorithm);
  if (it == cache.end()) {
    const Instance& in = households_instance();
    it = cache.emplace(algorithm, select(in.pool, in.groups, with(algorithm))).first;
  }
  return it->second;
}

// A replacement round on the fixtures with households: p2 and p7 already selected, p0 and p9 excluded.
const SelectionResult& replacement_result() {
  static const SelectionResult result = [] {
    const Instance& in = households_instance();
    SelectionOptions o = with(Algorithm::leximin, 21);
    o.already_selected = {"p2", "p7"};
    o.excluded = {"p0", "p9"};
    return select(in.pool, in.groups, o);
  }();
  return result;
}

// ---------------------------------------------------------------------------------------------------
// The published results

TEST(SelectionPublished, LeximinGivesEveryoneTenPercentOnExampleSmall20) {
  const auto [pool, groups] = published("example_small_20", 20);
  const SelectionResult r = select(pool, groups, with(Algorithm::leximin));
  EXPECT_EQ(r.algorithm, Algorithm::leximin);
  ASSERT_EQ(r.probabilities.size(), 200u);
  for (std::size_t i = 0; i < pool.size(); ++i) EXPECT_NEAR(r.probabilities[i], 0.10, 1e-6) << "person " << i + 1;
  EXPECT_NEAR(r.min_probability, 0.10, 1e-6);
  expect_valid_lottery(pool, groups, r);
}

TEST(SelectionPublished, LeximinGivesEveryoneTenPercentOnExampleLarge200) {
  const auto [pool, groups] = published("example_large_200", 200);
  const SelectionResult r = select(pool, groups, with(Algorithm::leximin));
  ASSERT_EQ(r.probabilities.size(), 2000u);
  for (std::size_t i = 0; i < pool.size(); ++i) EXPECT_NEAR(r.probabilities[i], 0.10, 1e-6) << "person " << i + 1;
  EXPECT_NEAR(r.min_probability, 0.10, 1e-6);
  expect_valid_lottery(pool, groups, r);
}

TEST(SelectionPublished, LegacyMinimumIsFarBelowTenPercent) {
  const auto [pool, groups] = published("example_small_20", 20);
  // The greedy draw ignores fairness: some people get a chance far below k/n = 0.10 (published for
  // the original greedy algorithm: 1.11%). 1000 repetitions estimate a probability near 1% within about
  // ±0.6 percentage points (2 sigma), so 3% is a safe bound while still "well below 10%".
  const SelectionResult r = select(pool, groups, with(Algorithm::legacy, 3));
  EXPECT_EQ(r.algorithm, Algorithm::legacy);
  EXPECT_TRUE(r.lottery.compositions.empty());
  EXPECT_LT(r.min_probability, 0.03);
  double sum = 0.0;
  for (double p : r.probabilities) sum += p;
  EXPECT_NEAR(sum, 20.0, 1e-9);  // every repetition selects exactly 20
  EXPECT_TRUE(valid_selection(pool, groups, r.panels));
  // Legacy selects one group at a time.
  Quotas loose;
  loose.set("gender", "female", 0, 5);
  EXPECT_THROW((void)select(pool, {groups[0], {"second", 5, loose}}, with(Algorithm::legacy)), InvalidInput);
}

TEST(SelectionPublished, MaximinMinimumEqualsLeximinFirstLevelOnFixtures) {
  const auto [pool, groups] = fixtures();
  ASSERT_EQ(pool.size(), 150u);
  const SelectionResult lex = select(pool, groups, with(Algorithm::leximin));
  const SelectionResult max = select(pool, groups, with(Algorithm::maximin));
  EXPECT_GT(lex.min_probability, 0.0);
  EXPECT_NEAR(max.min_probability, lex.min_probability, 1e-6);
  // LEXIMIN's smallest probability is its first level: nobody is below it.
  for (double p : lex.probabilities) EXPECT_GE(p, lex.min_probability - 1e-12);
  // LEXIMIN dominates maximin lexicographically (sorted ascending vectors).
  std::vector<double> a = lex.probabilities;
  std::vector<double> b = max.probabilities;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::abs(a[i] - b[i]) > 1e-6) {
      EXPECT_GT(a[i], b[i]) << "first difference at rank " << i;
      break;
    }
  }
  expect_valid_lottery(pool, groups, lex);
  expect_valid_lottery(pool, groups, max);
}

TEST(SelectionPublished, ACapLowersTheHighestProbabilityAndBadCapsAreNamed) {
  const auto [pool, groups] = fixtures();
  const SelectionResult free = select(pool, groups, with(Algorithm::leximin));
  const double highest = *std::max_element(free.probabilities.begin(), free.probabilities.end());
  const double fair = 22.0 / static_cast<double>(pool.size());
  SelectionOptions o = with(Algorithm::leximin);
  o.max_probability = (fair + highest) / 2;
  const SelectionResult capped = select(pool, groups, o);
  for (const double p : capped.probabilities) EXPECT_LE(p, o.max_probability + 1e-9);
  EXPECT_LE(capped.min_probability, free.min_probability + 1e-12);  // a cap can only cost the lowest
  expect_valid_lottery(pool, groups, capped);
  const auto message = [&](SelectionOptions bad) -> std::string {
    try {
      (void)select(pool, groups, bad);
    } catch (const servicedesign::InvalidInput& e) {
      return e.what();
    }
    return "no error";
  };
  o.max_probability = fair / 2;
  EXPECT_NE(message(o).find("max_probability: " + std::to_string(fair / 2) + " is below k/n"), std::string::npos);
  o.max_probability = 0.0;
  EXPECT_NE(message(o).find("max_probability: 0.000000 is not a probability"), std::string::npos);
  o.max_probability = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(message(o).find("max_probability"), std::string::npos);
  o = with(Algorithm::nash);
  o.max_probability = highest;
  EXPECT_NE(message(o).find("applies to leximin and maximin, not nash"), std::string::npos);
}

TEST(SelectionPublished, RelaxationAndColumnGenerationAgreeOnFixtures) {
  const auto [pool, groups] = fixtures();
  const SelectionResult relaxed = select(pool, groups, with(Algorithm::leximin));
  SelectionOptions o = with(Algorithm::leximin);
  o.relaxation = false;
  const SelectionResult columns = select(pool, groups, o);
  EXPECT_EQ(relaxed.method, "relaxation");
  EXPECT_EQ(columns.method, "column generation");
  // The LEXIMIN vector is unique, and people of one type share a probability: person by person.
  for (std::size_t i = 0; i < pool.size(); ++i) EXPECT_NEAR(relaxed.probabilities[i], columns.probabilities[i], 1e-6) << pool.id(i);
  // Carathéodory: one panel per dimension of the relaxation at most.
  EXPECT_LE(relaxed.lottery.compositions.size(), relaxed.lottery.types.size() + 1);
  double total = 0.0;
  for (double q : relaxed.lottery.probabilities) {
    EXPECT_GT(q, 0.0);
    total += q;
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  expect_valid_lottery(pool, groups, relaxed);
  // The same seed gives the same lottery, bit for bit.
  const SelectionResult again = select(pool, groups, with(Algorithm::leximin));
  EXPECT_EQ(again.lottery.compositions, relaxed.lottery.compositions);
  EXPECT_EQ(again.lottery.probabilities, relaxed.lottery.probabilities);
}

// ---------------------------------------------------------------------------------------------------
// Lotteries with households

class SelectionLotteries : public ::testing::TestWithParam<Algorithm> {};

TEST_P(SelectionLotteries, EveryCompositionMeetsQuotasAndHouseholdsOnFixtures) {
  const auto& [pool, groups] = households_instance();
  // Households: A (row 0) and B (row 1) share one, written differently.
  ASSERT_FALSE(pool.household(0).empty());
  ASSERT_EQ(pool.household(0), pool.household(1));
  ASSERT_EQ(pool.household(2), pool.household(4));
  const SelectionResult& r = households_result(GetParam());
  EXPECT_EQ(r.algorithm, GetParam());
  EXPECT_EQ(r.seed, 7u);
  ASSERT_EQ(r.group_names, std::vector<std::string>{"panel"});
  expect_valid_lottery(pool, groups, r);
  EXPECT_GT(r.min_probability, 0.0);
  // Members of one household are never interchangeable with anyone: each is a type of their own.
  for (const auto& t : r.lottery.types) {
    std::set<std::string> seen;
    for (auto p : t) {
      if (t.size() > 1 && !pool.household(p).empty()) {
        EXPECT_TRUE(seen.insert(pool.household(p)).second) << pool.id(p);
      }
    }
  }
  // Several draws from the lottery all respect the households.
  for (std::uint64_t seed = 0; seed < 30; ++seed) EXPECT_TRUE(valid_selection(pool, groups, draw(r.lottery, seed)));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, SelectionLotteries,
                         ::testing::Values(Algorithm::leximin, Algorithm::maximin, Algorithm::nash),
                         [](const ::testing::TestParamInfo<Algorithm>& param_info) { return std::string(to_string(param_info.param)); });

TEST(SelectionFairness, NashAndMaximinNeverBeatLeximinsMinimum) {
  const SelectionResult& lex = households_result(Algorithm::leximin);
  const SelectionResult& max = households_result(Algorithm::maximin);
  const SelectionResult& nash = households_result(Algorithm::nash);
  EXPECT_NEAR(max.min_probability, lex.min_probability, 1e-6);
  EXPECT_LE(nash.min_probability, lex.min_probability + 1e-6);
  EXPECT_GT(nash.min_probability, 0.0);  // Nash welfare is -inf with anyone at 0
}

TEST(SelectionFairness, HouseholdsCanBeSwitchedOff) {
  // Four people in one household: with the rule only one could serve, without it two can.
  const Quotas q = parse_features_csv("feature,value,min,max\ngender,female,0,2\ngender,male,0,2\n");
  Pool pool(q);
  pool.add("a", {{"gender", "female"}}, "h");
  pool.add("b", {{"gender", "female"}}, "h");
  pool.add("c", {{"gender", "male"}}, "h");
  pool.add("d", {{"gender", "male"}}, "h");
  const std::vector<GroupSpec> groups{{"panel", 2, q}};
  const auto e = thrown_by<InfeasibleQuotas>([&] { (void)select(pool, groups); });
  EXPECT_CONTAINS(e.what(), "household");
  EXPECT_TRUE(e.relaxations().empty());  // no quota change gives a household a second seat
  SelectionOptions o;
  o.households = false;
  const SelectionResult r = select(pool, groups, o);
  for (double p : r.probabilities) EXPECT_NEAR(p, 0.5, 1e-6);
  expect_valid_lottery(pool, groups, r, {}, false);
}

// ---------------------------------------------------------------------------------------------------
// draw()

TEST(SelectionDraw, SameSeedSamePanelsOtherSeedsDiffer) {
  const auto& [pool, groups] = households_instance();
  const SelectionResult& r = households_result(Algorithm::leximin);
  EXPECT_EQ(draw(r.lottery, 123), draw(r.lottery, 123));
  // result.panels is the draw with the options' seed.
  EXPECT_EQ(r.panels, draw(r.lottery, 7));
  int differ = 0;
  for (std::uint64_t s = 0; s < 20; ++s) differ += draw(r.lottery, 2 * s) != draw(r.lottery, 2 * s + 1) ? 1 : 0;
  EXPECT_GE(differ, 19);  // two panels of 22 from 150 coincide with negligible probability
  // select with the same seed reproduces its result exactly.
  const SelectionResult again = select(pool, groups, with(Algorithm::leximin));
  EXPECT_EQ(again.panels, r.panels);
  EXPECT_THROW((void)draw(Lottery{}, 1), InvalidInput);
}

TEST(SelectionDraw, EmpiricalFrequenciesApproachProbabilities) {
  const auto& [pool, groups] = households_instance();
  const SelectionResult& r = households_result(Algorithm::leximin);
  constexpr int n = 4000;
  std::vector<double> count(pool.size(), 0.0);
  for (int s = 0; s < n; ++s) {
    const auto panels = draw(r.lottery, static_cast<std::uint64_t>(s));
    for (auto p : panels[0]) count[p] += 1.0;
  }
  // Each count is binomial(n, p_i); 5 standard deviations plus a little is a loose bound for 150 people.
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const double p = r.probabilities[i];
    const double sigma = std::sqrt(p * (1 - p) / n);
    EXPECT_NEAR(count[i] / n, p, 5 * sigma + 0.002) << "person " << pool.id(i);
  }
}

// ---------------------------------------------------------------------------------------------------
// uniform_lottery()

// Checks a uniform lottery against its contract: m panels meeting every quota; each is one of the
// lottery's compositions, each composition used floor(m q) or ceil(m q) times; the people of a type
// share its seats in turn (counts differ by at most one); max_deviation is the actual largest
// |count/m - p| and, from those properties, below (1 + largest type error)/m.
void expect_valid_uniform_lottery(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionResult& r,
                                  std::size_t m, std::uint64_t seed, const std::vector<std::size_t>& forced = {}) {
  const UniformLottery u = uniform_lottery(r, m, seed);
  ASSERT_EQ(u.panels.size(), m);
  const Lottery& lottery = r.lottery;
  const std::size_t T = lottery.types.size();
  std::vector<std::size_t> type_of(pool.size(), T);
  for (std::size_t t = 0; t < T; ++t) {
    for (auto p : lottery.types[t]) type_of[p] = t;
  }
  std::map<std::vector<std::uint32_t>, std::size_t> used;
  std::vector<double> count(pool.size(), 0.0);
  for (const auto& panel : u.panels) {
    EXPECT_TRUE(valid_selection(pool, groups, panel)) << "m=" << m;
    std::vector<std::uint32_t> comp(lottery.groups * T, 0);
    for (std::size_t g = 0; g < panel.size(); ++g) {
      EXPECT_TRUE(std::is_sorted(panel[g].begin(), panel[g].end()));
      for (auto p : panel[g]) {
        count[p] += 1.0;
        if (type_of[p] < T) ++comp[g * T + type_of[p]];
      }
    }
    ++used[comp];
  }
  const double dm = static_cast<double>(m);
  std::size_t total = 0;
  for (std::size_t c = 0; c < lottery.compositions.size(); ++c) {
    const auto it = used.find(lottery.compositions[c]);
    const std::size_t n = it == used.end() ? 0 : it->second;
    total += n;
    const double exact = dm * lottery.probabilities[c];
    EXPECT_GE(static_cast<double>(n), std::floor(exact - 1e-9)) << "composition " << c << " m=" << m;
    EXPECT_LE(static_cast<double>(n), std::ceil(exact + 1e-9)) << "composition " << c << " m=" << m;
  }
  EXPECT_EQ(total, m) << "every panel is one of the lottery's compositions";
  double actual = 0.0;
  double worst_type = 0.0;
  for (std::size_t t = 0; t < T; ++t) {
    double lo = 1e300;
    double hi = -1e300;
    double seats = 0.0;
    for (auto p : lottery.types[t]) {
      lo = std::min(lo, count[p]);
      hi = std::max(hi, count[p]);
      seats += count[p];
      actual = std::max(actual, std::abs(count[p] / dm - r.probabilities[p]));
    }
    EXPECT_LE(hi - lo, 1.0) << "type " << t;
    const double n_t = static_cast<double>(lottery.types[t].size());
    worst_type = std::max(worst_type, std::abs(seats / n_t - dm * r.probabilities[lottery.types[t][0]]));
  }
  EXPECT_NEAR(u.max_deviation, actual, 1e-12);
  // |count_i - m p_i| <= |count_i - N_t/n_t| + |N_t/n_t - m p_t| < 1 + worst_type.
  EXPECT_LT(u.max_deviation, (1.0 + worst_type) / dm + 1e-9);
  for (auto p : forced) EXPECT_EQ(count[p], dm) << pool.id(p);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (type_of[i] == T && std::count(forced.begin(), forced.end(), i) == 0) {
      EXPECT_EQ(count[i], 0.0) << pool.id(i);
    }
  }
}

TEST(SelectionUniformLottery, PanelsMeetQuotasAndDeviationIsBounded) {
  const auto& [pool, groups] = households_instance();
  const SelectionResult& r = households_result(Algorithm::leximin);
  for (std::size_t m : {1u, 7u, 10u, 64u, 250u}) expect_valid_uniform_lottery(pool, groups, r, m, 5);
  // Deterministic for a seed.
  const auto a = uniform_lottery(r, 20, 9);
  const auto b = uniform_lottery(r, 20, 9);
  EXPECT_EQ(a.panels, b.panels);
  EXPECT_EQ(a.max_deviation, b.max_deviation);
  EXPECT_THROW((void)uniform_lottery(r, 0, 1), InvalidInput);
}

TEST(SelectionUniformLottery, PublishedInstanceEveryoneAtTenPercent) {
  // example_small_20: LEXIMIN gives all 0.1, so in m panels everyone should serve about m/10 times.
  const auto [pool, groups] = published("example_small_20", 20);
  const SelectionResult r = select(pool, groups, with(Algorithm::leximin));
  for (std::size_t m : {10u, 30u, 100u}) expect_valid_uniform_lottery(pool, groups, r, m, 3);
}

// A hand-made result: uniform_lottery needs only the lottery and the probabilities.
SelectionResult hand_made(std::vector<std::vector<std::size_t>> types, std::vector<std::vector<std::uint32_t>> compositions,
                          std::vector<double> q, std::size_t people) {
  SelectionResult r;
  r.lottery.types = std::move(types);
  r.lottery.compositions = std::move(compositions);
  r.lottery.probabilities = std::move(q);
  r.probabilities = lottery_marginals(r.lottery, people)[0];
  r.group_probabilities = {r.probabilities};
  return r;
}

TEST(SelectionUniformLottery, ExactDeviationOnHandMadeLotteries) {
  // One composition taking 2 of {0,1,2} and 1 of {3,4}: in 7 panels type 0 fills 14 seats (5,5,4 against
  // 14/3 each) and type 1 fills 7 (4,3 against 3.5). The largest deviation is |4 - 14/3| / 7 = 2/21.
  const SelectionResult one = hand_made({{0, 1, 2}, {3, 4}}, {{2, 1}}, {1.0}, 5);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const UniformLottery u = uniform_lottery(one, 7, seed);
    EXPECT_NEAR(u.max_deviation, 2.0 / 21.0, 1e-12);
    ASSERT_EQ(u.panels.size(), 7u);
    for (const auto& panel : u.panels) EXPECT_EQ(panel[0].size(), 3u);
  }
  // Two equally likely compositions {0} and {1}: 4 panels split 2/2 exactly; 3 panels split 2/1, so the
  // deviation is |2 - 1.5| / 3 = 1/6 whatever the offset.
  const SelectionResult two = hand_made({{0}, {1}}, {{1, 0}, {0, 1}}, {0.5, 0.5}, 2);
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    EXPECT_NEAR(uniform_lottery(two, 4, seed).max_deviation, 0.0, 1e-12);
    EXPECT_NEAR(uniform_lottery(two, 3, seed).max_deviation, 1.0 / 6.0, 1e-12);
  }
}

TEST(SelectionUniformLottery, LegacyHasNoLottery) {
  const auto [pool, groups] = published("example_small_20", 20);
  SelectionOptions o = with(Algorithm::legacy);
  o.legacy_repetitions = 10;
  const SelectionResult r = select(pool, groups, o);
  EXPECT_THROW((void)uniform_lottery(r, 10, 1), InvalidInput);
}

// ---------------------------------------------------------------------------------------------------
// Replacement rounds: already selected and excluded people

TEST(SelectionReplacement, AlreadySelectedAndExcluded) {
  const auto& [pool, groups] = households_instance();
  // p2 shares a household with p3 and p4; p0 with p1.
  ASSERT_EQ(pool.household(pool.index_of("p2")), pool.household(pool.index_of("p3")));
  const SelectionResult& r = replacement_result();
  const std::vector<std::size_t> forced{pool.index_of("p2"), pool.index_of("p7")};
  const std::vector<std::size_t> out{pool.index_of("p0"), pool.index_of("p9"), pool.index_of("p3"), pool.index_of("p4")};
  for (auto p : forced) {
    EXPECT_EQ(r.probabilities[p], 1.0);
    EXPECT_EQ(r.group_probabilities[0][p], 1.0);
    EXPECT_TRUE(std::binary_search(r.panels[0].begin(), r.panels[0].end(), p));
  }
  for (auto p : out) EXPECT_EQ(r.probabilities[p], 0.0) << pool.id(p);
  // p1 is not excluded: only their housemate p0 is.
  EXPECT_GT(r.probabilities[pool.index_of("p1")], 0.0);
  // Quotas hold for the whole panel, counting the people already selected.
  expect_valid_lottery(pool, groups, r, forced);
  EXPECT_GT(r.min_probability, 0.0);
  double sum = 0.0;
  for (double p : r.probabilities) sum += p;
  EXPECT_NEAR(sum, 22.0, 1e-6);
  for (std::uint64_t s = 0; s < 200; ++s) {
    auto panels = draw(r.lottery, s);
    for (auto p : out) EXPECT_FALSE(std::binary_search(panels[0].begin(), panels[0].end(), p));
    panels[0].insert(panels[0].end(), forced.begin(), forced.end());
    EXPECT_TRUE(valid_selection(pool, groups, panels));
  }
}

TEST(SelectionReplacement, UniformLotteryPanelsIncludeThePeopleAlreadySelected) {
  const auto& [pool, groups] = households_instance();
  const SelectionResult& r = replacement_result();
  const std::vector<std::size_t> forced{pool.index_of("p2"), pool.index_of("p7")};
  expect_valid_uniform_lottery(pool, groups, r, 12, 4, forced);
}

TEST(SelectionReplacement, AlreadySelectedQuotaCounts) {
  // Pool: 6 women and 6 men; the panel needs exactly 2 of each. Two women already selected fill the
  // women's quota, so the other women can no longer be chosen.
  const Quotas q = parse_features_csv("feature,value,min,max\ngender,female,2,2\ngender,male,2,2\n");
  Pool pool(q);
  for (int i = 0; i < 6; ++i) pool.add("f" + std::to_string(i), {{"gender", "female"}});
  for (int i = 0; i < 6; ++i) pool.add("m" + std::to_string(i), {{"gender", "male"}});
  const std::vector<GroupSpec> groups{{"panel", 4, q}};
  SelectionOptions o;
  o.already_selected = {"f0", "f1"};
  const SelectionResult r = select(pool, groups, o);
  for (int i = 2; i < 6; ++i) EXPECT_NEAR(r.probabilities[pool.index_of("f" + std::to_string(i))], 0.0, 1e-9);
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(r.probabilities[pool.index_of("m" + std::to_string(i))], 2.0 / 6.0, 1e-6);
  expect_valid_lottery(pool, groups, r, {0, 1});

  // Three women already selected exceed the max: the error names the value.
  o.already_selected = {"f0", "f1", "f2"};
  const auto e = thrown_by<InfeasibleQuotas>([&] { (void)select(pool, groups, o); });
  EXPECT_CONTAINS(e.what(), "gender=female");
  ASSERT_EQ(e.relaxations().size(), 1u);
  EXPECT_EQ(e.relaxations()[0].bound, "max");
  EXPECT_EQ(e.relaxations()[0].to, 3u);

  // More already selected than seats, unknown ids, and listing someone twice are input errors.
  o.already_selected = {"m0", "m1", "m2", "m3", "m4"};
  EXPECT_THROW((void)select(pool, groups, o), InvalidInput);
  o.already_selected = {"nobody"};
  EXPECT_THROW((void)select(pool, groups, o), NotFound);
  o.already_selected = {"m0", "m0"};
  EXPECT_THROW((void)select(pool, groups, o), InvalidInput);
  o.already_selected = {};
  o.excluded = {"ghost"};
  EXPECT_THROW((void)select(pool, groups, o), NotFound);
}

// ---------------------------------------------------------------------------------------------------
// Infeasible quotas

// The quotas with a set of relaxations applied.
Quotas relaxed(const Quotas& quotas, const std::vector<Relaxation>& relaxations) {
  Quotas out;
  for (const auto& f : quotas.features()) {
    for (const auto& v : f.values) {
      std::size_t min = v.min;
      std::size_t max = v.max;
      for (const auto& r : relaxations) {
        if (r.feature == f.feature && r.value == v.value) {
          EXPECT_EQ(r.from, r.bound == "min" ? v.min : v.max);
          (r.bound == "min" ? min : max) = r.to;
        }
      }
      out.set(f.feature, v.value, min, max, v.min_flex, v.max_flex);
    }
  }
  return out;
}

std::size_t total_change(const std::vector<Relaxation>& relaxations) {
  std::size_t total = 0;
  for (const auto& r : relaxations) total += r.to > r.from ? r.to - r.from : r.from - r.to;
  return total;
}

// Runs check_feasibility and select, expects InfeasibleQuotas from both, checks the message, and that the
// proposed relaxation (of total size `change`) makes the quotas feasible.
void expect_infeasible(const Pool& pool, std::size_t size, const Quotas& quotas, const std::vector<std::string>& names,
                       std::size_t change) {
  const std::vector<GroupSpec> groups{{"panel", size, quotas}};
  const auto e = thrown_by<InfeasibleQuotas>([&] { check_feasibility(pool, groups); });
  EXPECT_THROW((void)select(pool, groups), InfeasibleQuotas);
  EXPECT_THROW((void)select(pool, groups), servicedesign::Infeasible);
  for (const auto& name : names) EXPECT_CONTAINS(e.what(), name);
  ASSERT_FALSE(e.relaxations().empty()) << e.what();
  for (const auto& r : e.relaxations()) {
    EXPECT_EQ(r.group, "panel");
    EXPECT_TRUE(r.bound == "min" ? r.to < r.from : r.to > r.from) << r.feature << "=" << r.value << " " << r.bound;
    EXPECT_CONTAINS(e.what(), r.feature + "=" + r.value);
  }
  // The relaxation ILP minimises the total change; `change` is the smallest possible, reasoned per case.
  EXPECT_EQ(total_change(e.relaxations()), change) << e.what();
  const std::vector<GroupSpec> fixed{{"panel", size, relaxed(quotas, e.relaxations())}};
  EXPECT_NO_THROW(check_feasibility(pool, fixed)) << e.what();
  const SelectionResult r = select(pool, fixed);
  EXPECT_TRUE(valid_selection(pool, fixed, r.panels));
}


TEST(SelectionInfeasible, SumOfMinsAboveSize) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,0,10\ngender,female,6,10\ngender,male,6,10\n");
  // 6 + 6 > 10: two of the mins must drop by one in total of 2.
  expect_infeasible(age_gender_pool(q), 10, q, {"gender", "mins"}, 2);
}

TEST(SelectionInfeasible, SumOfMaxesBelowSize) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,0,10\ngender,female,0,3\ngender,male,0,3\n");
  // 3 + 3 < 10: the maxes must rise by 4 in total.
  expect_infeasible(age_gender_pool(q), 10, q, {"gender", "maxes"}, 4);
}

TEST(SelectionInfeasible, TooFewPeopleWithAValue) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,5,10\ngender,female,0,10\ngender,male,0,10\n");
  // Only 5 old people exist, so min 7 must drop by 2.
  Quotas tighter = q;
  tighter.set("age", "old", 7, 10);
  expect_infeasible(age_gender_pool(q), 10, tighter, {"age=old", "7"}, 2);
}

TEST(SelectionInfeasible, TooFewHouseholds) {
  const Quotas q = parse_features_csv("feature,value,min,max\ngender,female,0,4\ngender,male,0,4\n");
  Pool pool(q);
  for (int i = 0; i < 6; ++i) pool.add("p" + std::to_string(i), {{"gender", i % 2 ? "male" : "female"}}, "h" + std::to_string(i / 2));
  const std::vector<GroupSpec> groups{{"panel", 4, q}};
  // 6 people in 3 households: only 3 can serve together, and no quota change can alter that.
  const auto e = thrown_by<InfeasibleQuotas>([&] { check_feasibility(pool, groups); });
  EXPECT_CONTAINS(e.what(), "household");
  EXPECT_CONTAINS(e.what(), "3");
  EXPECT_TRUE(e.relaxations().empty());
  // Three households do suffice for three seats.
  EXPECT_NO_THROW(check_feasibility(pool, {{"panel", 3, q}}));
}

TEST(SelectionInfeasible, ValueConcentratedInFewHouseholds) {
  // 4 women, but they live in 2 households; 4 men living alone. At least 3 women cannot be met, although
  // there are enough women and enough households overall. Lowering the women's min by 1 helps.
  const Quotas q = parse_features_csv("feature,value,min,max\ngender,female,3,4\ngender,male,0,4\n");
  Pool pool(q);
  pool.add("f1", {{"gender", "female"}}, "a");
  pool.add("f2", {{"gender", "female"}}, "a");
  pool.add("f3", {{"gender", "female"}}, "b");
  pool.add("f4", {{"gender", "female"}}, "b");
  for (int i = 0; i < 4; ++i) pool.add("m" + std::to_string(i), {{"gender", "male"}});
  expect_infeasible(pool, 4, q, {"gender=female"}, 1);
}

Pool diagonal_pool(const Quotas& q) {
  // Only the combinations (north, young) and (south, old) exist.
  Pool pool(q);
  for (int i = 0; i < 5; ++i) pool.add("n" + std::to_string(i), {{"region", "north"}, {"age", "young"}});
  for (int i = 0; i < 5; ++i) pool.add("s" + std::to_string(i), {{"region", "south"}, {"age", "old"}});
  return pool;
}

TEST(SelectionInfeasible, CombinatorialConflictOnlyTheIlpFinds) {
  // Each feature alone is fine (3 ≤ 4, enough people), but north means young, so north ≥ 3 and old ≥ 3
  // need 6 seats of 4. Any fix lowers the two mins by 2 in total.
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nregion,north,3,4\nregion,south,0,4\nage,young,0,4\nage,old,3,4\n");
  const Pool pool = diagonal_pool(q);
  expect_infeasible(pool, 4, q, {"no panel"}, 2);
  const auto e = thrown_by<InfeasibleQuotas>([&] { (void)select(pool, {{"panel", 4, q}}); });
  for (const auto& r : e.relaxations()) {
    EXPECT_EQ(r.bound, "min");
    EXPECT_TRUE((r.feature == "region" && r.value == "north") || (r.feature == "age" && r.value == "old"));
  }
}

TEST(SelectionInfeasible, FlexBoundsThatForbidAnyFix) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max,min_flex,max_flex\n"
      "region,north,3,4,3,4\nregion,south,0,4,0,4\nage,young,0,4,0,4\nage,old,3,4,3,4\n");
  const Pool pool = diagonal_pool(q);
  const std::vector<GroupSpec> groups{{"panel", 4, q}};
  const auto e = thrown_by<InfeasibleQuotas>([&] { check_feasibility(pool, groups); });
  EXPECT_TRUE(e.relaxations().empty());
  EXPECT_CONTAINS(e.what(), "flex");
  // With room for one step on each min the fix stays within the flex bounds.
  const Quotas flex = parse_features_csv(
      "feature,value,min,max,min_flex,max_flex\n"
      "region,north,3,4,2,4\nregion,south,0,4,0,4\nage,young,0,4,0,4\nage,old,3,4,2,4\n");
  const auto f = thrown_by<InfeasibleQuotas>([&] { check_feasibility(pool, {{"panel", 4, flex}}); });
  ASSERT_EQ(f.relaxations().size(), 2u);
  for (const auto& r : f.relaxations()) EXPECT_EQ(r.to, 2u);
  EXPECT_NO_THROW(check_feasibility(pool, {{"panel", 4, relaxed(flex, f.relaxations())}}));
}

TEST(SelectionInfeasible, FixturesFlexBoundsAndTooFewEligible) {
  const auto [pool, groups] = fixtures();
  EXPECT_NO_THROW(check_feasibility(pool, groups));
  // 150 people, 151 seats: no quota change helps.
  Quotas none;
  none.set("Gender", "Female", 0, 200);
  none.set("Gender", "Male", 0, 200);
  none.set("Gender", "Non-binary or other", 0, 200);
  const auto e = thrown_by<InfeasibleQuotas>([&] { check_feasibility(pool, {{"panel", 151, none}}); });
  EXPECT_CONTAINS(e.what(), "150");
  EXPECT_TRUE(e.relaxations().empty());
}

TEST(SelectionInfeasible, InvalidGroups) {
  const auto [pool, groups] = fixtures();
  EXPECT_THROW((void)select(pool, {}), InvalidInput);
  EXPECT_THROW((void)select(pool, {{"panel", 0, groups[0].quotas}}), InvalidInput);
  EXPECT_THROW((void)select(pool, {{"a", 5, groups[0].quotas}, {"a", 5, groups[0].quotas}}), InvalidInput);
  Quotas unknown;
  unknown.set("shoe size", "42", 0, 5);
  auto e = thrown_by<InvalidInput>([&] { (void)select(pool, {{"panel", 5, unknown}}); });
  EXPECT_CONTAINS(e.what(), "shoe size");
  Quotas bad_value;
  bad_value.set("gender", "Robot", 0, 5);
  e = thrown_by<InvalidInput>([&] { (void)select(pool, {{"panel", 5, bad_value}}); });
  EXPECT_CONTAINS(e.what(), "Robot");
}

// ---------------------------------------------------------------------------------------------------
// Several groups at once

struct Sectors {
  Pool pool;
  std::vector<GroupSpec> groups;
};

Sectors sectors() {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nsector,municipal,0,99\nsector,independent,0,99\ngender,female,0,99\ngender,male,0,99\n");
  Pool pool(q);
  // 7 municipal (4 f, 3 m), 9 independent (5 f, 4 m); i3/i4 and m1/i0 share households.
  const auto add = [&](const std::string& id, const char* sector, const char* gender, std::string household = {}) {
    pool.add(id, {{"sector", sector}, {"gender", gender}}, std::move(household));
  };
  for (int i = 0; i < 7; ++i) add("m" + std::to_string(i), "municipal", i < 4 ? "female" : "male", i == 1 ? "h1" : "");
  for (int i = 0; i < 9; ++i) {
    add("i" + std::to_string(i), "independent", i < 5 ? "female" : "male", i == 0 ? "h1" : (i == 3 || i == 4) ? "h2" : "");
  }
  const Quotas municipal = parse_features_csv(
      "feature,value,min,max\nsector,municipal,3,4\nsector,independent,0,1\ngender,female,2,2\ngender,male,2,2\n");
  const Quotas independent = parse_features_csv("feature,value,min,max\nsector,independent,3,5\nsector,municipal,0,2\n");
  return {std::move(pool), {{"Kommunal", 4, municipal}, {"Stödstrukturer", 5, independent}}};
}

TEST(SelectionGroups, SeveralGroupsFromOnePool) {
  const auto [pool, groups] = sectors();
  for (Algorithm a : {Algorithm::leximin, Algorithm::maximin, Algorithm::nash}) {
    SCOPED_TRACE(std::string(to_string(a)));
    const SelectionResult r = select(pool, groups, with(a, 5));
    EXPECT_EQ(r.group_names, (std::vector<std::string>{"Kommunal", "Stödstrukturer"}));
    expect_valid_lottery(pool, groups, r);
    EXPECT_GT(r.min_probability, 0.0);
    double sum = 0.0;
    for (std::size_t i = 0; i < pool.size(); ++i) {
      EXPECT_NEAR(r.probabilities[i], r.group_probabilities[0][i] + r.group_probabilities[1][i], 1e-12);
      sum += r.probabilities[i];
    }
    EXPECT_NEAR(sum, 9.0, 1e-6);
    for (std::uint64_t s = 0; s < 100; ++s) EXPECT_TRUE(valid_selection(pool, groups, draw(r.lottery, s)));
    const UniformLottery u = uniform_lottery(r, 20, 2);
    for (const auto& panel : u.panels) EXPECT_TRUE(valid_selection(pool, groups, panel));
  }
}

TEST(SelectionGroups, LeximinAcrossGroupsGivesEveryoneAChance) {
  const auto [pool, groups] = sectors();
  const SelectionResult lex = select(pool, groups, with(Algorithm::leximin));
  const SelectionResult max = select(pool, groups, with(Algorithm::maximin));
  EXPECT_NEAR(lex.min_probability, max.min_probability, 1e-6);
  // 9 seats among 16 people: the smallest probability cannot exceed the average 9/16.
  EXPECT_LE(lex.min_probability, 9.0 / 16.0 + 1e-9);
  // Everyone fits some group (municipal men in Kommunal, independent women in either), so nobody is at 0.
  for (std::size_t i = 0; i < pool.size(); ++i) EXPECT_GT(lex.probabilities[i], 1e-6) << pool.id(i);
  // Group quotas: Kommunal takes at most one independent person, so independents serve mostly in the
  // second group, and municipal people mostly in the first.
  double independent_in_first = 0.0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (pool.id(i)[0] == 'i') independent_in_first += lex.group_probabilities[0][i];
  }
  EXPECT_LE(independent_in_first, 1.0 + 1e-9);
  // A person already in one group of a drawn selection is never in the other.
  SelectionOptions o = with(Algorithm::leximin);
  o.households = false;
  const SelectionResult r = select(pool, groups, o);
  for (std::uint64_t s = 0; s < 50; ++s) EXPECT_TRUE(valid_selection(pool, groups, draw(r.lottery, s), false));
}

// ---------------------------------------------------------------------------------------------------
// Progress and cancellation

TEST(SelectionProgress, StagesAndCancellation) {
  const auto [pool, groups] = published("example_small_20", 20);
  std::vector<std::string> stages;
  SelectionOptions o = with(Algorithm::leximin);
  o.progress = [&](const Progress& p) {
    if (stages.empty() || stages.back() != p.stage) stages.emplace_back(p.stage);
    EXPECT_EQ(p.people, 200u);
    EXPECT_LE(p.settled, p.people);
    return true;
  };
  const SelectionResult r = select(pool, groups, o);
  ASSERT_FALSE(stages.empty());
  EXPECT_EQ(stages.front(), "checking quotas");
  EXPECT_NE(std::find(stages.begin(), stages.end(), "leximin"), stages.end());
  EXPECT_EQ(stages.back(), "final lottery");

  // Cancelling at the first report, or later in the column generation, throws Interrupted.
  for (std::string stop_at : {"checking quotas", "leximin"}) {
    SelectionOptions cancel = with(Algorithm::leximin);
    int calls = 0;
    cancel.progress = [&](const Progress& p) {
      ++calls;
      return p.stage != stop_at;
    };
    const auto e = thrown_by<Interrupted>([&] { (void)select(pool, groups, cancel); });
    EXPECT_CONTAINS(e.what(), stop_at);
    EXPECT_GE(calls, 1);
    // A second call afterwards works and gives the same result.
    const SelectionResult again = select(pool, groups, o);
    EXPECT_EQ(again.panels, r.panels);
    EXPECT_NEAR(again.min_probability, r.min_probability, 1e-9);
  }
  // Nash and legacy report their stages too.
  for (Algorithm a : {Algorithm::nash, Algorithm::legacy}) {
    SelectionOptions cancel = with(a);
    cancel.legacy_repetitions = 20;
    cancel.progress = [&](const Progress& p) { return p.stage != to_string(a); };
    EXPECT_THROW((void)select(pool, groups, cancel), Interrupted);
  }
}

TEST(SelectionAlgorithm, KeysRoundTrip) {
  for (Algorithm a : {Algorithm::legacy, Algorithm::maximin, Algorithm::nash, Algorithm::leximin}) {
    EXPECT_EQ(algorithm_from_string(to_string(a)), a);
  }
  EXPECT_EQ(algorithm_from_string("LEXIMIN"), Algorithm::leximin);
  const auto e = thrown_by<InvalidInput>([] { (void)algorithm_from_string("diversimax"); });
  EXPECT_CONTAINS(e.what(), "diversimax");
  EXPECT_CONTAINS(e.what(), "leximin");
}

}  // namespace
