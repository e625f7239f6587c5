// The catalogue of bad inputs (docs/reliability.md): one test per row, asserting the exact error class
// (not a subclass), the exact message, and that the caller's objects and files did not change.
// The other test files check the same failures from the feature's side; this file is the contract.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <typeinfo>
#include <vector>

#include <cxxabi.h>

#include "archive_support.hpp"
#include "builders.hpp"
#include "golden_project.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/dense.hpp"
#include "servicedesign/insights/labels.hpp"
#include "servicedesign/insights/metrics.hpp"
#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/insights/vectors.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/process/project.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"
#include "test_selection_support.hpp"
#include "test_support.hpp"

namespace {

namespace sd = servicedesign;
using namespace servicedesign::process;
using namespace servicedesign::selection;
using namespace servicedesign::testing;
using servicedesign::testing::selection::age_gender_pool;

std::string demangled(const std::type_info& type) {
  int status = 0;
  char* name = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && name != nullptr ? name : type.name();
  std::free(name);  // NOLINT(cppcoreguidelines-no-malloc): allocated by __cxa_demangle
  return out;
}

// `action` throws exactly `E` (a subclass does not count) whose message is exactly `message`.
template <class E, class F>
::testing::AssertionResult raises(F&& action, const std::string& message) {
  try {
    action();
  } catch (const std::exception& e) {
    if (typeid(e) != typeid(E)) {
      return ::testing::AssertionFailure() << "threw " << demangled(typeid(e)) << " instead of " << demangled(typeid(E))
                                           << ": " << e.what();
    }
    if (e.what() != message) {
      return ::testing::AssertionFailure() << "message differs\n  got:      " << e.what() << "\n  expected: " << message;
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "nothing was thrown";
}

#define EXPECT_RAISES(E, statement, message) EXPECT_TRUE(raises<E>([&] { statement; }, message))

// Every file in a folder with its bytes: a loader must not write, and a failed writer must leave this as it was.
using Snapshot = std::map<std::string, std::string>;
Snapshot snapshot(const TempDir& dir) {
  Snapshot out;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    out[entry.path().filename().string()] = entry.is_regular_file() ? sd::read_file(entry.path()) : "<folder>";
  }
  return out;
}

// Reads `text` as a CSV file named `name` in `dir`, expecting E with `message` (where `@` stands for the
// file's path), and checks that the folder is unchanged.
template <class E, class Load>
void expect_load_fails(const TempDir& dir, const std::string& name, const std::string& text, Load load,
                       std::string message) {
  const auto path = dir / name;
  sd::write_file_atomically(path, text);
  const Snapshot before = snapshot(dir);
  for (auto at = message.find('@'); at != std::string::npos; at = message.find('@', at + 1)) {
    message.replace(at, 1, path.string());
  }
  EXPECT_RAISES(E, load(path), message) << name << ":\n" << text;
  EXPECT_EQ(snapshot(dir), before) << "loading changed the folder";
}

// The quotas as text, to see that a failed call left them as they were.
std::string describe(const Quotas& quotas) {
  std::string out;
  for (const auto& f : quotas.features()) {
    for (const auto& v : f.values) {
      out += f.feature + "=" + v.value + ":" + std::to_string(v.min) + "-" + std::to_string(v.max) + ";";
    }
  }
  return out;
}

std::string describe(const Pool& pool) {
  std::string out = describe(pool.quotas());
  for (std::size_t i = 0; i < pool.size(); ++i) out += pool.id(i) + ",";
  return out;
}

const std::string two_features = "feature,value,min,max\ngender,female,1,3\ngender,male,1,3\nage,young,0,4\nage,old,0,4\n";

// ===== CSV (rows 1-11) ==========================================================================

TEST(Catalogue, Row01_ByteOrderMarkIsSkipped) {
  const auto table = sd::parse_csv("\xEF\xBB\xBFid,name\n1,Åsa\n", "people.csv");
  ASSERT_EQ(table.header.size(), 2U);
  EXPECT_EQ(table.header[0], "id");
  EXPECT_EQ(table.rows.at(0).at(1), "Åsa");
}

TEST(Catalogue, Row02_CrlfLineEndsAreAccepted) {
  const auto table = sd::parse_csv("id,text\r\n1,\"two\r\nlines\"\r\n2,x\r\n", "notes.csv");
  ASSERT_EQ(table.rows.size(), 2U);
  EXPECT_EQ(table.rows[0][1], "two\r\nlines");
  EXPECT_EQ(table.rows[1][1], "x");
  EXPECT_EQ(table.line_of(1), 4U);
}

TEST(Catalogue, Row03_RaggedRow) {
  TempDir dir;
  const auto read = [](const auto& path) { (void)sd::read_csv(path); };
  expect_load_fails<sd::InvalidInput>(dir, "people.csv", "id,name,age\n1,Åsa,40\n2,Per\n", read,
                                      "@:3: row has 2 fields but the header has 3");
  expect_load_fails<sd::InvalidInput>(dir, "people.csv", "id,name\n1,Åsa,40\n", read, "@:2: row has 3 fields but the header has 2");
}

TEST(Catalogue, Row04_RaggedRowAfterAMultiLineField) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "notes.csv", "id,text\n1,\"three\nline\nnote\"\n2\n", [](const auto& path) { (void)sd::read_csv(path); },
      "@:5: row has 1 fields but the header has 2");
}

const std::string not_utf8 = "text is not valid UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8";

TEST(Catalogue, Row05_Latin1InsteadOfUtf8) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "people.csv", "id,name\n1,Asa\n2,J\xF6rgen\n", [](const auto& path) { (void)sd::read_csv(path); },
      "@:3: " + not_utf8);
}

TEST(Catalogue, Row06_MalformedUtf8) {
  TempDir dir;
  // An overlong encoding of '/', and a sequence cut short at the end of the file.
  const auto read = [](const auto& path) { (void)sd::read_csv(path); };
  expect_load_fails<sd::InvalidInput>(dir, "a.csv", "id\n\xC0\xAF\n", read,
                                      "@:2: " + not_utf8);
  expect_load_fails<sd::InvalidInput>(dir, "b.csv", "id\nx\xE2\x82", read,
                                      "@:2: " + not_utf8);
}

TEST(Catalogue, Row07_MissingColumn) {
  const auto table = sd::parse_csv("id,name\n1,Åsa\n", "people.csv");
  EXPECT_RAISES(sd::InvalidInput, (void)table.column("segment"), "people.csv:1: field 'segment': required column is missing from the header");
}

TEST(Catalogue, Row08_HeaderNamedTwice) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "people.csv", "id,Name,name\n1,a,b\n", [](const auto& path) { (void)sd::read_csv(path); },
      "@:1: field 'name': duplicate column name in the header");
}

TEST(Catalogue, Row09_BlankHeaderName) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "people.csv", "id,,name\n1,a,b\n", [](const auto& path) { (void)sd::read_csv(path); },
      "@:1: blank column name in the header");
}

TEST(Catalogue, Row10_EmptyFile) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "people.csv", "", [](const auto& path) { (void)sd::read_csv(path); }, "@:1: file is empty: a header row is required");
}

TEST(Catalogue, Row11_MissingFile) {
  TempDir dir;
  const auto path = dir / "nowhere.csv";
  EXPECT_RAISES(sd::IoError, (void)sd::read_csv(path), "cannot open '" + path.string() + "': No such file or directory");
  EXPECT_TRUE(snapshot(dir).empty());
}

// ===== features and people of a selection (rows 12-22) ===========================================

void expect_features_fail(const std::string& row, const std::string& message) {
  TempDir dir;
  expect_load_fails<sd::InvalidInput>(
      dir, "features.csv", "feature,value,min,max,min_flex,max_flex\ngender,female,1,3,,\n" + row + "\n",
      [](const auto& path) { (void)read_features_csv(path); }, message);
}

TEST(Catalogue, Row12_MinAboveMax) {
  expect_features_fail("gender,male,5,3,,", "@:3: field 'min': min 5 is greater than max 3");
}

TEST(Catalogue, Row13_NegativeBound) {
  expect_features_fail("gender,male,-1,3,,", "@:3: field 'min': '-1' is negative");
  expect_features_fail("gender,male,1,-3,,", "@:3: field 'max': '-3' is negative");
}

TEST(Catalogue, Row14_NonNumericOrFractionalBound) {
  expect_features_fail("gender,male,one,3,,", "@:3: field 'min': 'one' is not a whole number");
  expect_features_fail("gender,male,1,2.5,,", "@:3: field 'max': '2.5' is not a whole number");
}

TEST(Catalogue, Row15_EmptyFeatureValueOrBound) {
  expect_features_fail(",male,1,3,,", "@:3: field 'feature': is empty");
  expect_features_fail("gender,,1,3,,", "@:3: field 'value': is empty");
  expect_features_fail("gender,male,,3,,", "@:3: field 'min': is empty; write a whole number");
}

TEST(Catalogue, Row16_ValueListedTwice) {
  expect_features_fail("Gender,FEMALE,1,3,,", "@:3: field 'value': 'Gender=FEMALE' appears twice");
}

TEST(Catalogue, Row17_FlexBoundsInsideTheHardBounds) {
  expect_features_fail("gender,male,2,3,3,3", "@:3: field 'min_flex': 3 is greater than min 2");
  expect_features_fail("gender,male,2,3,0,2", "@:3: field 'max_flex': 2 is less than max 3");
}

TEST(Catalogue, Row18_FeaturesHeaderAndEmptyFile) {
  TempDir dir;
  const auto read = [](const auto& path) { (void)read_features_csv(path); };
  expect_load_fails<sd::InvalidInput>(dir, "features.csv", "attribute,level,min,max\ngender,female,1,2\n", read,
                                      "@:1: the header needs columns feature,value,min,max (or category,name,min,max)");
  expect_load_fails<sd::InvalidInput>(dir, "features.csv", "feature,value,min\ngender,female,1\n", read,
                                      "@:1: field 'max': required column is missing from the header");
  expect_load_fails<sd::InvalidInput>(dir, "features.csv", "feature,value,min,max\n", read, "@:1: no quotas: the file has a header only");
}

void expect_people_fail(const std::string& text, const std::string& message, const PeopleCsvOptions& options = {}) {
  TempDir dir;
  const Quotas quotas = parse_features_csv(two_features);
  const std::string quotas_before = describe(quotas);
  expect_load_fails<sd::InvalidInput>(
      dir, "people.csv", text, [&](const auto& path) { (void)read_people_csv(path, quotas, options); }, message);
  EXPECT_EQ(describe(quotas), quotas_before);
}

TEST(Catalogue, Row19_DuplicateId) {
  expect_people_fail("id,gender,age\nA,female,old\nB,male,old\nA,male,young\n",
                     "@:4: field 'id': duplicate id 'A'");
}

TEST(Catalogue, Row20_BlankId) {
  expect_people_fail("id,gender,age\nA,female,old\n\"  \",male,old\n", "@:3: field 'id': a person has a blank id");
}

TEST(Catalogue, Row21_ValueNotInTheQuotas) {
  expect_people_fail("id,gender,age\nA,female,old\nB,male,ancient\n",
                     "@:3: field 'age': unknown value 'ancient': the features file lists no quota for it");
}

TEST(Catalogue, Row22_MissingFeatureOrIdColumn) {
  expect_people_fail("id,gender\nA,female\n", "@:1: field 'age': required column is missing from the header");
  expect_people_fail("gender,age\nfemale,old\n", "@:1: field 'id': required column is missing from the header", {.id_column = "id"});
}

TEST(Catalogue, Row62_AddingABadPersonLeavesThePoolAsItWas) {
  const Quotas quotas = parse_features_csv(two_features);
  Pool pool(quotas);
  pool.add("A", {{"gender", "female"}, {"age", "old"}});
  const std::string before = describe(pool);
  EXPECT_RAISES(sd::InvalidInput, pool.add("B", {{"gender", "robot"}, {"age", "old"}}),
                "field 'gender': person 'B' has value 'robot', which the quotas do not list for this feature");
  EXPECT_RAISES(sd::InvalidInput, pool.add("A", {{"gender", "male"}, {"age", "old"}}), "duplicate id 'A'");
  EXPECT_EQ(describe(pool), before);
}

// ===== groups and infeasible quotas (rows 23-30) ================================================

TEST(Catalogue, Row23_InvalidGroups) {
  const Quotas q = parse_features_csv(two_features);
  const Pool pool = age_gender_pool(q);
  const std::string before = describe(pool);
  EXPECT_RAISES(sd::InvalidInput, (void)select(pool, {}), "select needs at least one group");
  EXPECT_RAISES(sd::InvalidInput, (void)select(pool, {{"panel", 0, q}}), "group 'panel': size must be at least 1");
  EXPECT_RAISES(sd::InvalidInput, (void)select(pool, {{"a", 3, q}, {"a", 3, q}}), "two groups are named 'a'");
  EXPECT_EQ(describe(pool), before);
}

TEST(Catalogue, Row24_QuotaOnAFeatureOrValueThePoolLacks) {
  const Quotas q = parse_features_csv(two_features);
  const Pool pool = age_gender_pool(q);
  Quotas unknown_feature;
  unknown_feature.set("shoe size", "42", 0, 5);
  EXPECT_RAISES(sd::InvalidInput, (void)select(pool, {{"panel", 5, unknown_feature}}),
                "group 'panel': feature 'shoe size' is not a feature of the pool");
  Quotas unknown_value = q;
  unknown_value.set("gender", "robot", 0, 5);
  EXPECT_RAISES(sd::InvalidInput, (void)select(pool, {{"panel", 5, unknown_value}}),
                "group 'panel': value 'robot' of feature 'gender' is not a value of the pool");
}

TEST(Catalogue, Row25_MinsAboveTheSize) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,0,10\ngender,female,6,10\ngender,male,6,10\n");
  const Pool pool = age_gender_pool(q);
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(pool, {{"panel", 10, q}}),
                "the quotas cannot be met: group 'panel': the mins of gender add up to 12, more than the 10 seats. "
                "Smallest relaxation:\n  - gender=male: min 6 -> 4");
}

TEST(Catalogue, Row26_MaxesBelowTheSize) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,0,10\ngender,female,0,3\ngender,male,0,3\n");
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(age_gender_pool(q), {{"panel", 10, q}}),
                "the quotas cannot be met: group 'panel': the maxes of gender add up to 6, fewer than the 10 seats. "
                "Smallest relaxation:\n  - gender=female: max 3 -> 5\n  - gender=male: max 3 -> 5");
}

TEST(Catalogue, Row27_TooFewPeopleWithAValue) {
  Quotas q = parse_features_csv(
      "feature,value,min,max\nage,young,0,10\nage,old,0,10\ngender,female,0,10\ngender,male,0,10\n");
  const Pool pool = age_gender_pool(q);
  q.set("age", "old", 7, 10);
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(pool, {{"panel", 10, q}}),
                "the quotas cannot be met: group 'panel' needs at least 7 with age=old but the pool has 5 eligible. "
                "Smallest relaxation:\n  - age=old: min 7 -> 5");
}

TEST(Catalogue, Row28_TooFewHouseholds) {
  const Quotas q = parse_features_csv("feature,value,min,max\ngender,female,0,4\ngender,male,0,4\n");
  Pool pool(q);
  for (int i = 0; i < 6; ++i) {
    pool.add("p" + std::to_string(i), {{"gender", i % 2 ? "male" : "female"}}, "h" + std::to_string(i / 2));
  }
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(pool, {{"panel", 4, q}}),
                "the quotas cannot be met: with at most one person per household only 3 can be chosen for 4 seats; "
                "relaxing the quotas (as far as their flex bounds allow) cannot fix this");
}

// North means young, so north >= 3 and old >= 3 need 6 of 4 seats: each feature alone is fine.
Pool diagonal_pool(const Quotas& q) {
  Pool pool(q);
  for (int i = 0; i < 4; ++i) pool.add("ny" + std::to_string(i), {{"region", "north"}, {"age", "young"}});
  for (int i = 0; i < 4; ++i) pool.add("so" + std::to_string(i), {{"region", "south"}, {"age", "old"}});
  return pool;
}

TEST(Catalogue, Row29_ConflictOnlyTheIlpFinds) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max\nregion,north,3,4\nregion,south,0,4\nage,young,0,4\nage,old,3,4\n");
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(diagonal_pool(q), {{"panel", 4, q}}),
                "the quotas cannot be met: no panel satisfies every quota. Smallest relaxation:\n  - age=old: min 3 -> 1");
}

TEST(Catalogue, Row30_FlexBoundsThatForbidAnyFix) {
  const Quotas q = parse_features_csv(
      "feature,value,min,max,min_flex,max_flex\n"
      "region,north,3,4,3,4\nregion,south,0,4,0,4\nage,young,0,4,0,4\nage,old,3,4,3,4\n");
  EXPECT_RAISES(InfeasibleQuotas, check_feasibility(diagonal_pool(q), {{"panel", 4, q}}),
                "the quotas cannot be met: no panel satisfies every quota; "
                "relaxing the quotas (as far as their flex bounds allow) cannot fix this");
}

// ===== project CSV folders and project edits (rows 31-36) =======================================

void write_valid_folder(const TempDir& dir) {
  sd::write_file_atomically(dir / "project.csv", "key,value\nname,Storvik\nmodel,skr\n");
  sd::write_file_atomically(dir / "segments.csv", "key,name\nindependent,Fria kulturaktörer\n");
  sd::write_file_atomically(dir / "people.csv", "id,name,segment\nP1,Åsa,independent\n");
}

TEST(Catalogue, Row31_ProjectFolderWithABadField) {
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases{
      {{"project.csv", "key,value\nname,P\nmodel,lean\n"},
       "project.csv:3: field 'model': unknown process model 'lean'; known models: skr, double_diamond, ks_veikart, gds"},
      {{"people.csv", "id,name,segment,consent\nP1,A,independent,secret\n"},
       "people.csv:2: field 'consent': unknown consent level 'secret'; accepted: none, internal, public"},
      {{"people.csv", "id,name,segment\nP1,A,martians\n"}, "people.csv:2: person 'P1', field 'segment': unknown segment 'martians'"},
  };
  for (const auto& [file, message] : cases) {
    TempDir dir;
    write_valid_folder(dir);
    sd::write_file_atomically(dir / file.first, file.second);
    const Snapshot before = snapshot(dir);
    EXPECT_RAISES(sd::InvalidInput, (void)import_project_csv(dir.path()), (dir.path() / "").string() + message);
    EXPECT_EQ(snapshot(dir), before);
  }
}

TEST(Catalogue, Row32_ProjectFolderWithoutProjectCsv) {
  TempDir dir;
  const auto path = dir / "project.csv";
  EXPECT_RAISES(sd::IoError, (void)import_project_csv(dir.path()), "cannot open '" + path.string() + "': a project folder needs project.csv");
}

Project small_project() {
  Project p("Liten", ProcessModel::gds());
  p.add_segment(make_segment("seniors", "Eldre"));
  p.add_need(make_need("ND-meet", "Møteplass"));
  p.add_arena(make_arena("A1", "Biblioteket", {"seniors"}));
  p.add_workshop(make_workshop("W1", "A1", "2026-02-01"));
  p.record_note(make_note("N1", "W1", "seniors", "Bussen går sällan"));
  return p;
}

TEST(Catalogue, Row33_IdsWithSpacesAndDuplicateKeys) {
  Project p = small_project();
  const Project before = p;
  EXPECT_RAISES(sd::InvalidInput, p.add_need(make_need(" ND-x", "Behov")),
                "need ' ND-x', field 'id': ids must be non-empty without surrounding spaces");
  EXPECT_RAISES(sd::InvalidInput, p.add_segment(make_segment("seniors", "Pensionärer")),
                "segment 'seniors', field 'key': already exists");
  EXPECT_RAISES(sd::InvalidInput, p.add_need(make_need("ND-meet", "Igjen")), "need 'ND-meet', field 'id': the id is already in use");
  EXPECT_TRUE(p == before);
}

TEST(Catalogue, Row34_EmptyRequiredTexts) {
  Project p = small_project();
  const Project before = p;
  EXPECT_RAISES(sd::InvalidInput, p.add_need(make_need("", "  ")), "need 'ND1', field 'title': is empty");
  EXPECT_RAISES(sd::InvalidInput, p.record_note(make_note("", "W1", "seniors", " \n ")),
                "note 'N2', field 'text': is empty");
  EXPECT_TRUE(p == before);
}

TEST(Catalogue, Row35_MoveWithAnUnknownEvidenceId) {
  Project p = small_project();
  const Project before = p;
  EXPECT_RAISES(sd::NotFound, p.advance(override_by("Eva", "x", {"N1", "N404"})), "evidence id 'N404' names nothing in the project");
  EXPECT_TRUE(p == before);
}

TEST(Catalogue, Row36_BadCustomGate) {
  Project p = small_project();
  const Project before = p;
  EXPECT_RAISES(sd::InvalidInput,
                p.set_gate("alpha", {make_criterion("x", CriterionKind::owner_named),
                                     make_criterion("x", CriterionKind::goal_set)}),
                "gate of step 'alpha': duplicate criterion id 'x'");
  EXPECT_RAISES(sd::NotFound, p.set_gate("discover", {}), "process model 'gds' has no step 'discover'; its steps are: discovery, alpha, beta, live");
  EXPECT_TRUE(p == before);
}

// ===== archives (rows 37-46, 53, 54) ============================================================

// Saves `small_project()` in `dir`, damages the file with `damage`, and checks that loading it raises E with
// `message` (`@` for the path) while the caller's project and the file stay as they were.
template <class E>
void expect_archive_fails(const std::function<std::string(const std::string&)>& damage, const std::string& message_tail,
                          ArchiveFormat format = ArchiveFormat::text) {
  TempDir dir;
  const auto path = dir / "storvik.sdproj";
  sd::write_file_atomically(path, damage(save_project_to_string(small_project(), format)));
  const Snapshot files = snapshot(dir);
  Project callers = make_golden_project();
  const Project before = callers;
  EXPECT_RAISES(E, callers = load_project(path), path.string() + ": " + message_tail);
  EXPECT_TRUE(callers == before);
  EXPECT_EQ(snapshot(dir), files);
}

TEST(Catalogue, Row37_TruncatedArchive) {
  const std::size_t payload = payload_of(save_project_to_string(small_project())).size();
  expect_archive_fails<sd::FormatError>([](const std::string& a) { return a.substr(0, a.size() - 10); },
                                        "the archive is truncated or padded: the header promises " +
                                            std::to_string(payload) + " bytes, the file holds " +
                                            std::to_string(payload - 10));
}

TEST(Catalogue, Row38_FlippedByte) {
  expect_archive_fails<sd::FormatError>(
      [](std::string a) {
        a[a.size() / 2] = static_cast<char>(a[a.size() / 2] ^ 0x04);
        return a;
      },
      "checksum mismatch: the archive is corrupted");
}

TEST(Catalogue, Row39_NewerEnvelopeVersion) {
  expect_archive_fails<sd::VersionError>([](const std::string& a) { return with_header_word(a, 1, "99"); },
                                         "archive format version 99 is newer than this library reads (1); "
                                         "update servicedesign");
}

TEST(Catalogue, Row40_OtherObjectType) {
  expect_archive_fails<sd::VersionError>([](const std::string& a) { return with_header_word(a, 2, "panel"); },
                                         "the archive holds a 'panel', not a project");
}

TEST(Catalogue, Row41_FormatWordThatLies) {
  expect_archive_fails<sd::FormatError>([](const std::string& a) { return with_header_word(a, 3, "binary"); },
                                        "the payload is not a Boost binary archive as the header says");
}

TEST(Catalogue, Row42_NewerBoostArchiveVersion) {
  // The payload says it was written by a newer Boost.Serialization; the checksum is made to match.
  expect_archive_fails<sd::VersionError>(
      [](const std::string& a) {
        const std::string signature = "serialization::archive ";
        std::string payload = a.substr(a.find('\n') + 1);
        const auto number = payload.find(signature) + signature.size();
        payload.replace(number, payload.find(' ', number) - number, "250");
        return envelope("text", payload);
      },
      "the archive was written by a newer version of servicedesign or of Boost.Serialization (unsupported version)");
}

TEST(Catalogue, Row43_ForgedLengthWithAValidChecksum) {
  // The reader has consumed the forged number (one digit in the original) when it compares.
  const std::string text = payload_of(save_project_to_string(small_project()));
  const std::size_t bytes_left = text.size() - (text.find("5 Liten") + 1);
  expect_archive_fails<sd::FormatError>(
      [](const std::string& a) {
        std::string payload = a.substr(a.find('\n') + 1);
        const std::string name = "5 Liten";
        payload.replace(payload.find(name), name.size(), "999999999999 Liten");
        return envelope("text", payload);
      },
      "the archive cannot be read: a length of 999999999999 exceeds the " + std::to_string(bytes_left) +
          " bytes left in the archive (forged or corrupted)");
}

// Every archive row above also checks that the caller's project is unchanged; this one loads a file that is
// not an archive at all (a CSV file picked by mistake).
TEST(Catalogue, Row44_NotAnArchive) {
  expect_archive_fails<sd::FormatError>([](const std::string&) { return std::string("id,name\n1,Åsa\n"); },
                                        "not a servicedesign archive (the header line is missing)");
}

TEST(Catalogue, Row45_UnwritableTarget) {
  TempDir dir;
  const auto path = dir / "gone" / "storvik.sdproj";
  const Project p = small_project();
  const Project before = p;
  EXPECT_RAISES(sd::IoError, save_project(p, path),
                "cannot create a temporary file next to '" + path.string() + "': No such file or directory");
  EXPECT_TRUE(snapshot(dir).empty());
  EXPECT_TRUE(p == before);
}

TEST(Catalogue, Row46_FailedReplaceKeepsTheOldFile) {
  TempDir dir;
  const auto path = dir / "storvik.sdproj";
  save_project(small_project(), path);
  // The target's name is taken by a non-empty folder: rename() cannot replace it.
  std::filesystem::create_directories(dir / "taken.sdproj" / "inside");
  const Snapshot before = snapshot(dir);
  EXPECT_RAISES(sd::IoError, save_project(small_project(), dir / "taken.sdproj"),
                "cannot replace '" + (dir / "taken.sdproj").string() + "': Is a directory");
  EXPECT_EQ(snapshot(dir), before);
}

// Disk full: the child may write at most 64 KiB per file (RLIMIT_FSIZE), so saving a large project fails
// half way through its temporary file, as on a full disk. The old archive must stay, with nothing beside it.
TEST(Catalogue, Row54_DiskFullDuringASave) {
  TempDir dir;
  const auto path = dir / "storvik.sdproj";
  save_project(small_project(), path);
  const Snapshot before = snapshot(dir);
  Project large = small_project();
  for (int i = 0; i < 5000; ++i) large.record_note(make_note("", "W1", "seniors", "bussen går sällan " + std::to_string(i)));

  // The child reports what it caught through a pipe: the class, a newline, the message.
  int channel[2];
  ASSERT_EQ(pipe(channel), 0);
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    close(channel[0]);
    std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing us
    const rlimit limit{64 * 1024, 64 * 1024};
    setrlimit(RLIMIT_FSIZE, &limit);
    std::string report = "nothing thrown\n";
    try {
      save_project(large, path);
    } catch (const std::exception& e) {
      report = demangled(typeid(e)) + "\n" + e.what();
    }
    const auto written = write(channel[1], report.data(), report.size());
    _exit(written == static_cast<ssize_t>(report.size()) ? 0 : 1);
  }
  close(channel[1]);
  std::string report;
  char buffer[512];
  for (ssize_t n; (n = read(channel[0], buffer, sizeof buffer)) > 0;) report.append(buffer, static_cast<std::size_t>(n));
  close(channel[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(report, "servicedesign::IoError\ncannot write '" + path.string() + "': File too large");
  EXPECT_EQ(snapshot(dir), before);
}

// ===== insights (rows 47-52) ====================================================================

TEST(Catalogue, Row47_NanInASparseMatrix) {
  sd::insights::SparseMatrix m;
  m.rows = 2;
  m.cols = 3;
  m.row_start = {0, 1, 2};
  m.col = {0, 2};
  m.value = {1.0, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_RAISES(sd::InvalidInput, m.validate(), "sparse matrix: row 1, column 2: the value is NaN or infinite");
  m.value[1] = std::numeric_limits<double>::infinity();
  EXPECT_RAISES(sd::InvalidInput, m.validate(), "sparse matrix: row 1, column 2: the value is NaN or infinite");
}

TEST(Catalogue, Row48_LabellingsOfDifferentLengths) {
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::normalized_mutual_information({0, 1, 1}, {0, 1}),
                "normalized_mutual_information: the labellings have different lengths (3 and 2)");
}

TEST(Catalogue, Row51_UnknownClusterer) {
  const auto names = sd::insights::clusterer_names();
  EXPECT_RAISES(sd::NotFound, (void)sd::insights::make_clusterer("dbscan"),
                "unknown clusterer 'dbscan'; known: average, hdbscan, kmeans, leiden");
  EXPECT_EQ(sd::insights::clusterer_names(), names);
}

TEST(Catalogue, Row52_UnknownLanguageCode) {
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::language_from_code("fi"),
                "unknown language 'fi'; accepted: sv, no, nb, nn, da, en (or empty to detect)");
}

TEST(Catalogue, Row63_TransformBeforeFit) {
  const sd::insights::Vectorizer vectorizer;
  EXPECT_RAISES(sd::StateError, (void)vectorizer.transform({{"buss"}}), "vectorizer: call fit() before transform()");
}

// ===== dense vectors and clustering parameters (rows 64-66) ======================================

TEST(Catalogue, Row64_NanInEmbeddings) {
  std::vector<float> values(4 * 3, 0.5F);
  values[7] = std::numeric_limits<float>::infinity();
  const std::vector<float> before = values;
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::knn_graph(sd::insights::DenseView{values.data(), 4, 3}),
                "dense vectors: row 2, column 1: the value is NaN or infinite");
  EXPECT_EQ(values, before);  // read in place, never written
}

TEST(Catalogue, Row65_EmbeddingsForOtherNotes) {
  sd::insights::Vectorizer vectorizer;
  const auto x = vectorizer.fit_transform({{"buss"}, {"bok"}, {"buss", "sen"}});
  std::vector<float> values(2 * 3, 0.5F);
  EXPECT_RAISES(sd::InvalidInput,
                (void)sd::insights::knn_graph(x, sd::insights::DenseView{values.data(), 2, 3}, {}, 0.5),
                "knn_graph: 3 sparse rows but 2 dense vectors");
}

TEST(Catalogue, Row66_ClusteringParametersOutOfRange) {
  namespace in = sd::insights;
  EXPECT_RAISES(sd::InvalidInput, (void)in::make_clusterer("leiden", {.seed = 0, .values = {{"resolution", -1.0}}}),
                "leiden: resolution must be a number >= 0 (got -1)");
  EXPECT_RAISES(sd::InvalidInput, (void)in::make_clusterer("leiden", {.seed = 0, .values = {{"ensemble", 0.0}}}),
                "leiden: ensemble must be a whole number in [1, 1000] (got 0)");
  EXPECT_RAISES(sd::InvalidInput, (void)in::make_clusterer("hdbscan", {.seed = 0, .values = {{"min_cluster_size", 1.0}}}),
                "hdbscan: min_cluster_size must be a whole number >= 2 (got 1)");
  EXPECT_RAISES(sd::InvalidInput, (void)in::make_clusterer("average", {.seed = 0, .values = {{"k", 2.5}}}),
                "average: k must be a whole number >= 1 (got 2.5)");
  in::Vectorizer vectorizer;
  const auto x = vectorizer.fit_transform({{"buss"}, {"bok"}});
  EXPECT_RAISES(sd::InvalidInput, (void)in::lsa(x, {.dimensions = 0}), "lsa: dimensions must be at least 1");
  EXPECT_RAISES(sd::InvalidInput,
                (void)in::label_themes({{"buss"}, {"bok"}}, in::canonical_clustering({0, 1}), nullptr, nullptr,
                                       {.diversity = 1.5}),
                "label_themes: diversity must lie in [0, 1]");
}

// Rows 69-72: the theme model and the components it makes by name. Each error names the parameter, the row or
// the node, and a failed fit leaves the model as it was.
TEST(Catalogue, Row69_UnknownParameterName) {
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::make_clusterer("leiden", {.seed = 0, .values = {{"resolutoin", 2.0}}}),
                "leiden: unknown parameter 'resolutoin'; known: resolution, ensemble, max_levels, threads");
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::make_similarity("cosine", {.seed = 0, .values = {{"k", 3.0}}}),
                "cosine: unknown parameter 'k'; it takes none");
}

TEST(Catalogue, Row70_ThemeModelOptionOutOfRangeOrNotTaken) {
  namespace in = sd::insights;
  EXPECT_RAISES(sd::InvalidInput, in::ThemeModel({.max_df = 0.0}), "ThemeModelOptions: max_df must be a number in (0, 1] (got 0)");
  const std::vector<std::string> notes{"Bussen kommer sent", "Bussen är full", "Biblioteket stänger tidigt",
                                       "Biblioteket har korta öppettider"};
  in::ThemeModel model({.neighbours = 2});
  model.fit(notes);
  const auto before = model.labels();
  model.set_options({.neighbours = 2, .n_themes = 2});
  EXPECT_RAISES(sd::InvalidInput, model.fit(notes),
                "ThemeModelOptions: n_themes cannot be given to clusterer 'leiden', which does not take it (its "
                "parameters: resolution, ensemble, max_levels, threads)");
  EXPECT_EQ(model.labels(), before);
}

TEST(Catalogue, Row71_MalformedNeighbourGraph) {
  sd::insights::NeighbourGraph graph = sd::insights::NeighbourGraph::from_edges(3, {{0, 1, 0.5}, {1, 2, 0.5}});
  graph.neighbour[1] = 1;  // node 1 links to itself
  EXPECT_RAISES(sd::InvalidInput, (void)sd::insights::modularity(graph, {0, 0, 1}), "modularity: graph: node 1 links to itself");
  sd::insights::LeidenClusterer leiden;
  graph.weight[0] = std::numeric_limits<double>::quiet_NaN();
  graph.neighbour[1] = 0;
  EXPECT_RAISES(sd::InvalidInput, (void)leiden.fit({nullptr, &graph}),
                "leiden: graph: the link from node 0 to node 1 has a weight that is NaN or infinite");
}

TEST(Catalogue, Row72_EmbeddingsThatDoNotFitTheNotes) {
  namespace in = sd::insights;
  const std::vector<std::string> notes{"Bussen kommer sent", "Bussen är full", "Biblioteket stänger tidigt"};
  in::ThemeModel model({.neighbours = 2});
  model.fit(notes);
  const in::ThemeModel before = model;
  std::vector<float> values(2 * 4, 0.5F);
  EXPECT_RAISES(sd::InvalidInput, model.fit(notes, {.embeddings = in::DenseView{values.data(), 2, 4}}),
                "embeddings has 2 rows for 3 notes");
  std::vector<float> three(3 * 4, 0.5F);
  three[9] = std::numeric_limits<float>::infinity();
  EXPECT_RAISES(sd::InvalidInput, model.fit(notes, {.embeddings = in::DenseView{three.data(), 3, 4}}),
                "embeddings: note 2, column 1: the value is NaN or infinite");
  EXPECT_TRUE(model == before);
}

}  // namespace

// ===== misleading messages (rows 100-103) =======================================================

namespace {

TEST(Catalogue, Row100_ArchiveLengthOrVersionThatIsNotANumber) {
  // Read as an unsigned number, "-1" used to wrap round: "the header promises 18446744073709551615 bytes".
  for (const std::string length : {"-1", "+1234", "12kB", "0x10"}) {
    expect_archive_fails<sd::FormatError>([&](const std::string& a) { return with_header_word(a, 4, length); },
                                          "the header's length field '" + length + "' is not a byte count");
  }
  expect_archive_fails<sd::FormatError>([](const std::string& a) { return with_header_word(a, 1, "-1"); },
                                        "the header's version field '-1' is not a version number");
}

std::string repeated(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A 1 MB line or field stands for any huge one: a message quotes its first 60 characters and "…", never the whole.
TEST(Catalogue, Row101_HugeLinesAndFieldsAreQuotedByTheirStartOnly) {
  const std::string huge(1'000'000, 'x');
  const std::string start = std::string(60, 'x') + "…";
  const std::string cut_off = "the archive header line is cut off or longer than 200 bytes";
  expect_archive_fails<sd::FormatError>([&](const std::string&) { return "servicedesign-archive 1 project text " + huge; },
                                        cut_off);
  expect_archive_fails<sd::FormatError>([&](const std::string& a) { return with_header_word(a, 5, huge); }, cut_off);
  expect_archive_fails<sd::VersionError>([](const std::string& a) { return with_header_word(a, 2, std::string(150, 'x')); },
                                         "the archive holds a '" + start + "', not a project");

  TempDir dir;
  const std::string name = repeated("å", 500'000);  // cut between characters, never inside one
  expect_load_fails<sd::InvalidInput>(dir, "people.csv", "id," + name + "," + name,
                                      [](const auto& path) { (void)sd::read_csv(path); },
                                      "@:1: field '" + repeated("å", 60) + "…': duplicate column name in the header");
  expect_load_fails<sd::InvalidInput>(dir, "features.csv", "feature,value,min,max\ngender,female,1," + huge + "\n",
                                      [](const auto& path) { (void)read_features_csv(path); },
                                      "@:2: field 'max': '" + start + "' is not a whole number");

  const std::vector<std::pair<std::string, std::string>> folders{
      {"id,name,segment,consent\nP1,A,independent," + huge + "\n",
       "people.csv:2: field 'consent': unknown consent level '" + start + "'; accepted: none, internal, public"},
      {"id,name,segment\nP1,A," + huge + "\n", "people.csv:2: person 'P1', field 'segment': unknown segment '" + start + "'"},
  };
  for (const auto& [people, message] : folders) {
    TempDir folder;
    write_valid_folder(folder);
    sd::write_file_atomically(folder / "people.csv", people);
    const Snapshot before = snapshot(folder);
    EXPECT_RAISES(sd::InvalidInput, (void)import_project_csv(folder.path()), (folder.path() / "").string() + message);
    EXPECT_EQ(snapshot(folder), before);
  }
}

// A folder where a file was expected used to read as an empty file ("…:1: file is empty") or as no archive.
TEST(Catalogue, Row102_DirectoryGivenAsAFile) {
  TempDir dir;
  std::filesystem::create_directory(dir / "people.csv");
  std::filesystem::create_directory(dir / "storvik.sdproj");
  const Snapshot files = snapshot(dir);
  const auto is_a_directory = [&](const std::string& name) {
    return "cannot open '" + (dir / name).string() + "': it is a directory, not a file";
  };
  EXPECT_RAISES(sd::IoError, (void)sd::read_csv(dir / "people.csv"), is_a_directory("people.csv"));
  EXPECT_RAISES(sd::IoError, (void)read_features_csv(dir / "people.csv"), is_a_directory("people.csv"));
  Project callers = make_golden_project();
  const Project before = callers;
  EXPECT_RAISES(sd::IoError, callers = load_project(dir / "storvik.sdproj"), is_a_directory("storvik.sdproj"));
  EXPECT_TRUE(callers == before);
  EXPECT_RAISES(sd::IoError, (void)sd::insights::ThemeModel::load(dir / "storvik.sdproj"), is_a_directory("storvik.sdproj"));
  EXPECT_EQ(snapshot(dir), files);

  TempDir folder;
  write_valid_folder(folder);
  std::filesystem::create_directory(folder / "notes.csv");
  const Snapshot folder_files = snapshot(folder);
  EXPECT_RAISES(sd::IoError, (void)import_project_csv(folder.path()),
                "cannot open '" + (folder / "notes.csv").string() + "': it is a directory, not a file");
  EXPECT_EQ(snapshot(folder), folder_files);
}

// An optional file that another one refers to: the message names the missing file, not the one that refers
// to it (a folder without notes.csv used to read "insights.csv:2: …: unknown note 'N1'").
TEST(Catalogue, Row103_ProjectFolderMissingAFileThatAnotherNames) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> files;
    std::string missing;
    std::string reference;
  };
  const std::vector<Case> cases{
      {{{"insights.csv", "id,who,what,why,evidence\nI1,seniors,a bus,to meet people,N1;N2\n"}},
       "notes.csv",
       "insights.csv:2 names note 'N1' in field 'evidence'"},
      {{{"project.csv", "key,value\nname,P\ntarget_segments,seniors\n"}},
       "segments.csv",
       "project.csv:3 names segment 'seniors' in field 'target_segments'"},
      {{{"workshops.csv", "id,kind,arena,date\nW1,problem_workshop,A1,2026-02-01\n"}},
       "arenas.csv",
       "workshops.csv:2 names arena 'A1' in field 'arena'"},
      {{{"notes.csv", "id,workshop,segment,text\nN1,W1,seniors,Bussen går sällan\n"}},
       "workshops.csv",
       "notes.csv:2 names workshop 'W1' in field 'workshop'"},
      {{{"needs.csv", "id,title\nND1,Møteplass\n"}, {"working_groups.csv", "id,need,name,lead\nG1,ND1,Møteplass,P1\n"}},
       "people.csv",
       "working_groups.csv:2 names person 'P1' in field 'lead'"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    sd::write_file_atomically(dir / "project.csv", "key,value\nname,P\n");
    for (const auto& [name, text] : c.files) sd::write_file_atomically(dir / name, text);
    const Snapshot before = snapshot(dir);
    EXPECT_RAISES(sd::IoError, (void)import_project_csv(dir.path()),
                  "cannot open '" + (dir / c.missing).string() + "': the folder has no " + c.missing + ", but " + c.reference);
    EXPECT_EQ(snapshot(dir), before);
  }
}

}  // namespace
