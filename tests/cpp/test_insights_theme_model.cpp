// The theme model: the whole pipeline from notes to labelled themes, edits replayed on refits, predict,
// archives, and bad input that leaves the model unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicedesign/core/archive.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/project.hpp"
#include "../../src/insights/copies.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign;
using namespace servicedesign::insights;

// Three topics of four notes each: buses, the library, snow clearing.
const std::vector<std::string> notes = {
    "Bussen kommer för sent till hållplatsen", "Bussen går sällan på kvällen",
    "Hållplatsen saknar tidtabell för bussen", "Bussen var full och kom sent",
    "Biblioteket har för korta öppettider", "Öppettiderna på biblioteket passar inte",
    "Biblioteket borde ha öppet på söndagar", "Bra böcker på biblioteket men korta öppettider",
    "Snöröjningen på gångvägen är dålig", "Gångvägen plogas för sent efter snöfall",
    "Ingen snöröjning vid skolan", "Snöröjningen glömmer cykelvägen och gångvägen",
};

std::vector<std::string> keys_n() {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < notes.size(); ++i) keys.push_back("n" + std::to_string(i));
  return keys;
}

ThemeModelOptions small_options() {
  ThemeModelOptions o;
  o.language = Language::swedish;
  o.neighbours = 3;
  o.seed = 5;
  o.char_ngrams = 0;
  return o;
}

std::set<std::int32_t> themes_of(const std::vector<std::int32_t>& labels, std::size_t from, std::size_t to) {
  return {labels.begin() + static_cast<std::ptrdiff_t>(from), labels.begin() + static_cast<std::ptrdiff_t>(to)};
}

TEST(ThemeModel, FindsTheTopicsWithRealWordsAndKeepsFillersOut) {
  std::vector<std::string> with_fillers = notes;
  with_fillers.insert(with_fillers.end(), {"vet inte", "", "-"});
  ThemeModel model(small_options());
  model.fit(with_fillers);
  const auto& labels = model.labels();
  ASSERT_EQ(model.n_themes(), 3U);
  EXPECT_EQ(themes_of(labels, 0, 4).size(), 1U);
  EXPECT_EQ(themes_of(labels, 4, 8).size(), 1U);
  EXPECT_EQ(themes_of(labels, 8, 12).size(), 1U);
  EXPECT_NE(labels[0], labels[4]);
  EXPECT_NE(labels[4], labels[8]);
  EXPECT_EQ(labels[12], -1);
  EXPECT_EQ(labels[13], -1);
  EXPECT_EQ(labels[14], -1);
  EXPECT_TRUE(model.fillers()[12]);
  std::set<std::string> words;
  for (const auto& theme : model.themes()) {
    EXPECT_EQ(theme.size, 4U);
    words.insert(theme.keywords.begin(), theme.keywords.end());
    for (const auto r : theme.representatives) EXPECT_EQ(labels[r], theme.theme);
  }
  EXPECT_TRUE(words.count("bussen") && words.count("biblioteket") && words.count("snöröjningen"));
  EXPECT_TRUE(model.resolution().has_value());
  // New notes go to the nearest theme; fillers to none.
  const auto predicted = model.predict({"Bussen kom inte alls", "Biblioteket stänger tidigt", "vet inte"});
  EXPECT_EQ(predicted, (std::vector<std::int32_t>{labels[0], labels[4], -1}));
  // The same seed gives the same themes.
  ThemeModel again(small_options());
  EXPECT_EQ(again.fit(with_fillers).labels(), labels);
}

TEST(ThemeModel, CopiesArePointedToTheirFirstNoteAndShownOnce) {
  std::vector<std::string> more = notes;
  for (int i = 0; i < 3; ++i) {
    more.push_back("Bussen kommer för sent till hållplatsen!");
    more.push_back("sent kommer bussen till hållplatsen");
  }
  ThemeModel model(small_options());
  model.fit(more);
  for (std::size_t i = 12; i < more.size(); ++i) EXPECT_EQ(model.duplicate_of()[i], 0);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(model.duplicate_of()[i], static_cast<std::int64_t>(i));
  const auto copies = model.copies();
  ASSERT_EQ(copies.size(), 1U);
  EXPECT_EQ(copies[0].note, 0U);
  EXPECT_EQ(copies[0].copies, 7U);
  EXPECT_EQ(model.labels()[0], 0);
  const auto& representatives = model.themes()[0].representatives;
  EXPECT_EQ(std::set<std::size_t>(representatives.begin(), representatives.end()).size(), representatives.size());
}

TEST(ThemeModel, EditsSurviveARefitWithMoreNotes) {
  ThemeModel model(small_options());
  model.fit(notes, {.keys = keys_n()});
  const std::int32_t bus = model.labels()[0], library = model.labels()[4], snow = model.labels()[8];
  model.rename_theme(snow, "Vinterväghållning");
  model.merge_themes(bus, library);
  model.move_note("n11", bus);
  const std::int32_t kept = model.split_theme(snow, {"n8", "n9"});
  EXPECT_GT(kept, std::max({bus, library, snow}));
  const auto& l = model.labels();
  EXPECT_EQ((std::vector<std::int32_t>{l[0], l[4], l[8], l[9], l[10], l[11]}),
            (std::vector<std::int32_t>{bus, bus, kept, kept, snow, bus}));
  ASSERT_EQ(model.n_themes(), 3U);
  EXPECT_EQ(model.edits().size(), 4U);

  std::vector<std::string> more = notes;
  std::vector<std::string> keys = keys_n();
  for (const char* text : {"Bussen till skolan är alltid sen", "Biblioteket stänger för tidigt på lördagar",
                           "Snöröjningen vid hållplatsen är dålig", "Parkeringen vid stationen är full varje morgon",
                           "Det finns ingen parkering vid stationen", "Parkeringen kostar för mycket vid stationen"}) {
    more.emplace_back(text);
    keys.push_back("m" + std::to_string(keys.size() - notes.size()));
  }
  ThemeModel rerun(small_options());
  rerun.fit(more, {.keys = keys, .previous = model.earlier()});
  const auto& r = rerun.labels();
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(r[i], bus) << i;
  EXPECT_EQ(r[11], bus);
  EXPECT_EQ(r[8], kept);
  EXPECT_EQ(r[9], kept);
  EXPECT_EQ(r[10], snow);
  EXPECT_EQ(rerun.names().at(snow), "Vinterväghållning");
  EXPECT_GT(r[15], kept);  // parking: a new topic, a new number
  EXPECT_EQ(themes_of(r, 15, 18).size(), 1U);
  EXPECT_GT(rerun.max_theme_id(), model.max_theme_id());
  EXPECT_EQ(rerun.edits(), model.edits());
}

// Notes may share a key; splitting a theme moves its own notes with the key, never a note of another theme.
TEST(ThemeModel, ASplitByASharedKeyMovesOnlyTheThemesOwnNotes) {
  std::vector<std::string> keys = keys_n();
  keys[8] = "n0";  // a snow-clearing note shares the key of a bus note
  ThemeModel model(small_options());
  model.fit(notes, {.keys = keys});
  ASSERT_NE(model.labels()[0], model.labels()[8]);
  const std::int32_t snow = model.labels()[8];
  const std::int32_t added = model.split_theme(model.labels()[0], {"n0"});
  EXPECT_EQ(model.labels()[0], added);
  EXPECT_EQ(model.labels()[8], snow);
  ThemeModel rerun(small_options());
  rerun.fit(notes, {.keys = keys, .previous = model.earlier()});
  EXPECT_EQ(rerun.labels(), model.labels());  // replayed on a refit the same way
}

TEST(ThemeModel, BadEditsAreRefusedAndChangeNothing) {
  ThemeModel model(small_options());
  model.fit(notes, {.keys = keys_n()});
  const std::int32_t snow = model.labels()[8];
  const auto before = model.labels();
  EXPECT_THROW(model.merge_themes(99, snow), NotFound);
  try {
    (void)model.split_theme(snow, {"n4"});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "split_theme: 'n4' is not a note of theme " + std::to_string(snow));
  }
  EXPECT_THROW(model.move_note("nowhere", snow), InvalidInput);
  EXPECT_EQ(model.labels(), before);
  EXPECT_TRUE(model.edits().empty());
}

TEST(ThemeModel, FailedOrStoppedFitLeavesTheModelAsItWas) {
  ThemeModel model(small_options());
  model.fit(notes);
  const ThemeModel before = model;
  std::vector<float> values(5 * 2, 0.5F);
  const DenseView five_rows{values.data(), 5, 2};
  try {
    model.fit({"a b", "c d"}, {.embeddings = five_rows});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "embeddings has 5 rows for 2 notes");
  }
  EXPECT_THROW(model.fit(notes, {.keys = {"only one"}}), InvalidInput);
  EXPECT_THROW(model.fit(notes, {.previous = EarlierThemes{.labels = {0, 1}}}), InvalidInput);
  EXPECT_THROW(model.fit(notes, {.progress = [](std::string_view stage, double) { return stage != "neighbours"; }}),
               Interrupted);
  EXPECT_TRUE(model == before);
  ThemeModel unknown({.algorithm = "no-such-clusterer"});
  EXPECT_THROW(unknown.fit(notes), NotFound);
  EXPECT_FALSE(unknown.fitted());
  EXPECT_THROW((void)unknown.labels(), StateError);
}

TEST(ThemeModel, OptionsOutOfRangeAreRefusedByName) {
  const auto message = [](ThemeModelOptions o) {
    try {
      ThemeModel model(o);
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message({.neighbours = 0}), "ThemeModelOptions: neighbours must be a whole number >= 1 (got 0)");
  EXPECT_EQ(message({.max_df = 1.5}), "ThemeModelOptions: max_df must be a number in (0, 1] (got 1.5)");
  EXPECT_EQ(message({.resolution = -1}), "ThemeModelOptions: resolution must be a number >= 0 (got -1)");
  EXPECT_EQ(message({.resolution = INFINITY}), "ThemeModelOptions: resolution must be a finite number >= 0 (got inf)");
  EXPECT_EQ(message({.min_similarity = 1.0}), "ThemeModelOptions: min_similarity must be a number in [0, 1) (got 1)");
  EXPECT_EQ(message({.duplicate_similarity = 0.0}), "ThemeModelOptions: duplicate_similarity must be a number in (0, 1] (got 0)");
  EXPECT_EQ(message({.min_theme_size = 0}), "ThemeModelOptions: min_theme_size must be a whole number >= 1 (got 0)");
  EXPECT_EQ(message({.threshold = INFINITY}), "ThemeModelOptions: threshold must be a finite number (got inf)");
  EXPECT_EQ(message({.duplicate_similarity = std::nullopt, .posting_limit = KnnOptions::unlimited}), "accepted");
  // Every numeric option is declared once, with the struct's own default.
  const ThemeModelOptions defaults;
  const auto declared = [](std::string_view name) { return find_parameter(theme_model_parameters(), name); };
  ASSERT_NE(declared("neighbours"), nullptr);
  EXPECT_EQ(declared("neighbours")->default_value, static_cast<double>(defaults.neighbours));
  EXPECT_EQ(declared("ensemble")->default_value, static_cast<double>(defaults.ensemble));
  EXPECT_EQ(declared("duplicate_similarity")->default_value, defaults.duplicate_similarity);
  EXPECT_TRUE(declared("duplicate_similarity")->may_be_none);
  EXPECT_FALSE(declared("n_themes")->default_value.has_value());
  EXPECT_EQ(theme_model_parameters().size(), 22U);
  // The components are checked before any work: a parameter the clusterer needs, a name no registry holds.
  const auto components = [](const ThemeModelOptions& o) {
    try {
      o.check_components();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(components({.algorithm = "kmeans"}), "kmeans needs the parameter k, a whole number of themes >= 1");
  // Options a component declares for itself are checked by the component (a registered one may allow more).
  EXPECT_EQ(message({.char_ngrams = 17}), "accepted");
  EXPECT_EQ(components({.char_ngrams = 17}), "tfidf: char_ngrams must be a whole number in [0, 16] (got 17)");
  EXPECT_EQ(components({.algorithm = "average", .threshold = 1.5}), "average: threshold must be a number in [-1, 1] (got 1.5)");
  EXPECT_EQ(components({.algorithm = "kmeans", .n_themes = 3}), "accepted");
  EXPECT_EQ(components({.algorithm = "average"}), "accepted");  // average finds the level itself without k
  EXPECT_EQ(components({.similarity = "none-such"}).substr(0, 28), "unknown similarity 'none-suc");
  // An option the clusterer does not take is refused when fitting, never ignored.
  try {
    ThemeModel leiden({.n_themes = 3});
    leiden.fit(notes);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "ThemeModelOptions: n_themes cannot be given to clusterer 'leiden', which does not "
                                     "take it (its parameters: resolution, ensemble, max_levels, threads)");
  }
  ThemeModel kmeans({.algorithm = "kmeans", .n_themes = 3});
  EXPECT_EQ(kmeans.fit(notes).n_themes(), 3U);
  ThemeModel model;
  EXPECT_THROW(model.set_options({.dense_weight = 2.0}), InvalidInput);
  EXPECT_EQ(model.options(), ThemeModelOptions{});
}

TEST(ThemeModel, ArchivesRoundTripInEveryFormatAndRefuseOtherTypes) {
  ThemeModel model(small_options());
  model.fit(notes, {.keys = keys_n()});
  model.rename_theme(model.labels()[0], "Bussen");
  for (const auto format : {ArchiveFormat::xml, ArchiveFormat::binary, ArchiveFormat::text}) {
    const ThemeModel loaded = ThemeModel::load_from_string(model.save_to_string(format));
    EXPECT_TRUE(loaded == model) << to_string(format);
    EXPECT_EQ(loaded.predict({"Bussen kom aldrig"}), model.predict({"Bussen kom aldrig"}));
    EXPECT_EQ(loaded.theme_centres().value, model.theme_centres().value);
  }
  std::string corrupted = model.save_to_string(ArchiveFormat::text);
  corrupted[corrupted.size() / 2] ^= 0x20;
  EXPECT_THROW((void)ThemeModel::load_from_string(corrupted), FormatError);
  const std::string project = process::save_project_to_string(process::Project("p"));
  try {
    (void)ThemeModel::load_from_string(project, "p.sdproj");
    FAIL();
  } catch (const VersionError& e) {
    EXPECT_EQ(std::string(e.what()), "p.sdproj: the archive holds a 'project', not a theme-model");
  }
  const ThemeModel unfitted;
  EXPECT_TRUE(ThemeModel::load_from_string(unfitted.save_to_string()) == unfitted);
  // An infinite option (HDBSCAN*'s noise never reassigned) survives text and XML, which cannot read back inf.
  ThemeModelOptions never = small_options();
  never.algorithm = "hdbscan";
  never.min_cluster_size = 2;
  for (const double threshold : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    never.reassign_threshold = threshold;
    if (threshold < 0) never.algorithm = "leiden";  // which does not read it (HDBSCAN* refuses a negative one)
    ThemeModel noise(never);
    noise.fit(notes);
    for (const auto format : {ArchiveFormat::xml, ArchiveFormat::binary, ArchiveFormat::text}) {
      EXPECT_TRUE(ThemeModel::load_from_string(noise.save_to_string(format)) == noise) << to_string(format);
    }
  }
}

// Document frequencies count each group of copies once: a note sent five times more weighs its words as
// one note does, so no note's vector and no theme changes.
TEST(ThemeModel, CopiesChangeNoVectorAndNoTheme) {
  ThemeModel once(small_options());
  once.fit(notes);
  std::vector<std::string> repeated = notes;
  for (int i = 0; i < 5; ++i) repeated.push_back(notes[4]);
  repeated.push_back("Biblioteket har för korta öppettider!");  // the same content words: a copy too
  ThemeModel many(small_options());
  many.fit(repeated);
  const SparseMatrix& a = once.vectors();
  const SparseMatrix& b = many.vectors();
  ASSERT_EQ(b.rows, a.rows + 6);
  ASSERT_EQ(b.cols, a.cols);
  for (std::size_t r = 0; r < a.rows; ++r) {
    const auto range = [r](const SparseMatrix& m) {
      return std::make_pair(m.row_start[r], m.row_start[r + 1]);
    };
    const auto [a0, a1] = range(a);
    const auto [b0, b1] = range(b);
    ASSERT_EQ(a1 - a0, b1 - b0) << "row " << r;
    for (std::size_t k = 0; k < a1 - a0; ++k) {
      EXPECT_EQ(a.col[a0 + k], b.col[b0 + k]) << "row " << r;
      EXPECT_DOUBLE_EQ(a.value[a0 + k], b.value[b0 + k]) << "row " << r;
    }
  }
  // The same themes (numbered by size, so the library, now the largest, comes first).
  const auto by_first_note = [](std::vector<std::int32_t> labels) {
    std::map<std::int32_t, std::int32_t> renamed;
    for (auto& l : labels) l = renamed.emplace(l, static_cast<std::int32_t>(renamed.size())).first->second;
    return labels;
  };
  const std::vector<std::int32_t> first(many.labels().begin(), many.labels().begin() + static_cast<std::ptrdiff_t>(notes.size()));
  EXPECT_EQ(by_first_note(first), by_first_note(once.labels()));
}

// A model saved at class version 1 counted every note in its document frequencies; it loads with the same
// vectors (and so the same predictions) it had, and keeps them when saved again.
TEST(ThemeModel, AModelSavedAtVersionOneKeepsItsVectors) {
  const std::filesystem::path folder = std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "tests" / "golden";
  std::ifstream archive(folder / "theme_model_v1.txt", std::ios::binary);
  const std::string saved((std::istreambuf_iterator<char>(archive)), std::istreambuf_iterator<char>());
  const ThemeModel old = ThemeModel::load_from_string(saved, "theme_model_v1.txt");
  std::ifstream recorded(folder / "theme_model_v1_vector.txt");
  std::vector<std::pair<std::uint32_t, double>> expected;
  for (std::string line; std::getline(recorded, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::uint32_t column = 0;
    std::string value;
    fields >> column >> value;
    expected.emplace_back(column, std::strtod(value.c_str(), nullptr));
  }
  ASSERT_FALSE(expected.empty());
  const auto first_row = [](const ThemeModel& m) {
    const SparseMatrix& x = m.vectors();
    std::vector<std::pair<std::uint32_t, double>> row;
    for (std::size_t e = x.row_start[0]; e < x.row_start[1]; ++e) row.emplace_back(x.col[e], x.value[e]);
    return row;
  };
  EXPECT_EQ(first_row(old), expected);
  const ThemeModel again = ThemeModel::load_from_string(old.save_to_string(ArchiveFormat::binary));
  EXPECT_TRUE(again == old);
  EXPECT_EQ(first_row(again), expected);
  ThemeModel refitted(old.options());
  refitted.fit(old.texts());
  EXPECT_NE(first_row(refitted), expected);  // a new fit counts the golden notes' copies once
}

// New options are for the next fit: the fitted themes keep predicting, editing and saving with the options
// they were fitted with.
TEST(ThemeModel, NewOptionsWaitForTheNextFit) {
  ThemeModel model(small_options());
  model.fit(notes);
  const std::vector<std::string> asked = {"Bussen kom aldrig", "Biblioteket har stängt", "och att det"};
  const std::vector<std::int32_t> predicted = model.predict(asked);
  const std::size_t columns = model.vectors().cols;
  ThemeModelOptions next = small_options();
  next.language = Language::english;
  next.min_df = 3;
  next.char_ngrams = 3;
  model.set_options(next);
  EXPECT_EQ(model.options(), next);
  EXPECT_EQ(model.predict(asked), predicted);
  model.rename_theme(model.labels()[0], "Bussen");
  EXPECT_EQ(model.predict(asked), predicted);
  for (const auto format : {ArchiveFormat::text, ArchiveFormat::binary}) {
    const ThemeModel loaded = ThemeModel::load_from_string(model.save_to_string(format));
    EXPECT_TRUE(loaded == model);
    EXPECT_EQ(loaded.options(), next);
    EXPECT_EQ(loaded.predict(asked), predicted);
    EXPECT_EQ(loaded.vectors().cols, columns);
  }
  model.fit(notes);
  EXPECT_NE(model.vectors().cols, columns);  // the refit takes the new options (character n-grams)
}

// An archive whose parts do not fit together (damaged, or written by hand) is refused with FormatError instead
// of being read out of bounds later; the XML layout names each field, so one can be changed and sealed again.
TEST(ThemeModel, AnArchiveWhosePartsDisagreeIsRefused) {
  ThemeModel model(small_options());
  model.fit(notes);
  const std::string xml(open_archive(model.save_to_string(ArchiveFormat::xml), "theme-model", "m").payload);
  const auto changed = [&xml](const std::string& from, const std::string& to) {
    const std::size_t at = xml.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    std::string payload = xml;
    payload.replace(at, from.size(), to);
    return seal_archive("theme-model", ArchiveFormat::xml, payload);
  };
  const auto refusal = [](const std::string& archive) {
    try {
      (void)ThemeModel::load_from_string(archive, "m.sdthemes");
    } catch (const FormatError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  const std::string max_id = "<max_theme_id>" + std::to_string(model.max_theme_id()) + "</max_theme_id>";
  EXPECT_EQ(refusal(changed(max_id, "<max_theme_id>0</max_theme_id>")),
            "m.sdthemes: the archive cannot be read: the archive is inconsistent: note 4 has a theme number out of range");
  // A theme summary under another number than the notes use: predict() would have answered with it.
  const std::size_t first_theme = xml.find("<theme>", xml.find("<themes"));
  std::string renumbered = xml;
  renumbered.replace(first_theme, 16, "<theme>1</theme>");
  ASSERT_EQ(xml.substr(first_theme, 16), "<theme>0</theme>");
  EXPECT_EQ(refusal(seal_archive("theme-model", ArchiveFormat::xml, renumbered)),
            "m.sdthemes: the archive cannot be read: the archive is inconsistent: theme 1 does not match the notes' "
            "theme numbers");
  // A note with content words that copies no note: its theme's representatives would have pointed nowhere.
  std::string orphan = xml;
  const std::size_t copy_of_first = orphan.find("<item>0</item>", orphan.find("<duplicate_of"));
  orphan.replace(copy_of_first, 14, "<item>-1</item>");
  EXPECT_EQ(refusal(seal_archive("theme-model", ArchiveFormat::xml, orphan)),
            "m.sdthemes: the archive cannot be read: the archive is inconsistent: note 0 is a copy of no first note");
  EXPECT_EQ(refusal(seal_archive("theme-model", ArchiveFormat::xml, xml)), "loaded");  // the unchanged archive loads
}

// Theme numbers from an earlier run that leave no room above them are refused rather than overflowed.
TEST(ThemeModel, EarlierThemeNumbersNearTheLimitAreRefused) {
  ThemeModel model(small_options());
  model.fit(notes);
  const ThemeModel before = model;
  EarlierThemes earlier{.keys = {}, .labels = std::vector<std::int32_t>(notes.size(), 0), .edits = {}, .names = {},
                        .max_theme_id = std::numeric_limits<std::int32_t>::max()};
  try {
    model.fit(notes, {.previous = earlier});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "previous: theme numbers above 2147483634 leave no room for the themes of 12 notes "
                                     "(max_theme_id 2147483647)");
  }
  EXPECT_TRUE(model == before);
  earlier.max_theme_id = std::numeric_limits<std::int32_t>::max() - 13;
  model.fit(notes, {.previous = earlier});
  for (const std::int32_t label : model.labels()) EXPECT_GE(label, 0);
  EXPECT_TRUE(ThemeModel::load_from_string(model.save_to_string()) == model);  // its own archive loads
}

TEST(ThemeModel, HierarchyJoinsEveryTheme) {
  ThemeModel model(small_options());
  model.fit(notes);
  const auto [ids, tree] = model.hierarchy();
  EXPECT_EQ(ids.size(), model.n_themes());
  EXPECT_EQ(tree.nodes, model.n_themes());
}

// The leader each group would get by the documented rule, by scoring every pair.
std::vector<std::size_t> leaders_by_brute_force(const SparseMatrix& x, double threshold) {
  std::vector<double> norm(x.rows, 0.0);
  for (std::size_t r = 0; r < x.rows; ++r) norm[r] = std::sqrt(x.row_dot(r, r));
  std::vector<std::size_t> leader(x.rows);
  for (std::size_t g = 0; g < x.rows; ++g) {
    leader[g] = g;
    double best = 0.0;
    for (std::size_t h = 0; h < g; ++h) {
      if (leader[h] != h || norm[g] == 0.0 || norm[h] == 0.0) continue;
      const double cosine = x.row_dot(g, h) / (norm[g] * norm[h]);
      if (cosine >= threshold && (leader[g] == g || cosine > best)) {
        leader[g] = h;
        best = cosine;
      }
    }
  }
  return leader;
}

TEST(NearCopies, ThePrefixFilteredJoinFindsWhatScoringEveryPairFinds) {
  // Rows of a Zipf-like vocabulary, many of them edited copies (a term dropped, a weight changed) of earlier
  // rows, some copies of copies, so that every case of the rule (no copy, one, several, a chain) occurs.
  std::mt19937_64 random(11);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> rows;
  for (std::size_t r = 0; r < 400; ++r) {
    std::map<std::uint32_t, double> row;
    if (r > 20 && random() % 2 == 0) {
      for (const auto& [c, v] : rows[random() % rows.size()]) row[c] = v;
      if (random() % 2 == 0 && row.size() > 1) row.erase(std::next(row.begin(), static_cast<std::ptrdiff_t>(random() % row.size())));
      if (random() % 3 == 0) row.begin()->second *= 1.0 + static_cast<double>(random() % 100) / 200.0;
    } else {
      const std::size_t terms = 3 + random() % 12;
      for (std::size_t t = 0; t < terms; ++t) {
        const auto c = static_cast<std::uint32_t>(std::pow(static_cast<double>(random() % 10000) / 10000.0, 3.0) * 300.0);
        row[c] = 0.2 + static_cast<double>(random() % 100) / 100.0;
      }
    }
    rows.emplace_back(row.begin(), row.end());
  }
  SparseMatrix x{.rows = rows.size(), .cols = 300, .row_start = {0}, .col = {}, .value = {}};
  for (const auto& row : rows) {
    for (const auto& [c, v] : row) {
      x.col.push_back(c);
      x.value.push_back(v);
    }
    x.row_start.push_back(x.col.size());
  }
  std::vector<std::size_t> all(x.rows);
  std::iota(all.begin(), all.end(), std::size_t{0});
  std::size_t copies = 0;
  for (const double threshold : {0.8, 0.9, 0.97}) {
    const std::vector<std::size_t> expected = leaders_by_brute_force(x, threshold);
    EXPECT_EQ(detail::near_copy_leaders(x, all, threshold), expected) << threshold;
    for (std::size_t g = 0; g < expected.size(); ++g) copies += expected[g] != g ? 1 : 0;
  }
  EXPECT_GT(copies, 200U);  // the case under test occurs often
}

TEST(ThemeModel, ATextSentMoreOftenThanANoteHasNeighboursIsStillACopyOfItsOriginal) {
  // Forty copies, differently written, then a variant with one word fewer: with 3 neighbours a note sees only
  // copies of its own, yet the variant must point to the first.
  std::vector<std::string> many = notes;
  for (int i = 0; i < 40; ++i) many.push_back(i % 2 == 0 ? "Bussen kommer aldrig i tid till skolan" : "bussen kommer ALDRIG i tid till skolan!");
  many.push_back("Bussen kommer aldrig till skolan");
  ThemeModelOptions o = small_options();
  o.duplicate_similarity = 0.8;
  ThemeModel model(o);
  model.fit(many);
  const auto& duplicate_of = model.duplicate_of();
  const auto original = static_cast<std::int64_t>(notes.size());
  for (std::size_t i = notes.size(); i < many.size(); ++i) EXPECT_EQ(duplicate_of[i], original) << i;
  // Copies share their original's theme, and the theme's size counts every copy.
  for (std::size_t i = notes.size(); i < many.size(); ++i) EXPECT_EQ(model.labels()[i], model.labels()[notes.size()]);
  const auto themes = model.themes();
  const auto theme = std::find_if(themes.begin(), themes.end(),
                                  [&](const ThemeSummary& t) { return t.theme == model.labels()[notes.size()]; });
  ASSERT_NE(theme, themes.end());
  EXPECT_GE(theme->size, 41U);
}

// SIB-200's Swedish sentences, and the same sentences again each with one word dropped or two swapped: the
// automatic resolution must see the same kind of notes, not twice as many themes.
TEST(ThemeModel, APoolAndItsPerturbedCopyGiveASimilarNumberOfThemes) {
  std::ifstream in(std::string(SERVICEDESIGN_TEST_DATA_DIR) + "/insights/sib200/swe_train.tsv");
  if (!in) GTEST_SKIP() << "shared data not available";
  std::vector<std::string> pool;
  std::string line;
  std::getline(in, line);  // header: index_id, category, text
  while (std::getline(in, line)) pool.push_back(line.substr(line.find('\t', line.find('\t') + 1) + 1));
  ASSERT_GT(pool.size(), 500U);
  std::vector<std::string> doubled = pool;
  std::mt19937_64 random(3);
  for (const std::string& text : pool) {
    std::vector<std::string> words;
    std::istringstream split(text);
    for (std::string w; split >> w;) words.push_back(w);
    if (words.size() > 3) {
      if (random() % 2 == 0) {
        words.erase(words.begin() + static_cast<std::ptrdiff_t>(random() % words.size()));
      } else {
        std::swap(words[random() % words.size()], words[random() % words.size()]);
      }
    }
    std::string copy;
    for (const auto& w : words) copy += (copy.empty() ? "" : " ") + w;
    doubled.push_back(copy);
  }
  ThemeModelOptions o;
  o.language = Language::swedish;
  o.ensemble = 2;  // the resolution is what is under test; a small ensemble keeps the sanitizer runs short
  ThemeModel once(o);
  once.fit(pool);
  ThemeModel twice(o);
  twice.fit(doubled);
  const auto a = static_cast<double>(once.n_themes());
  const auto b = static_cast<double>(twice.n_themes());
  EXPECT_LE(std::max(a, b), 1.25 * std::min(a, b)) << a << " themes for the pool, " << b << " for it doubled";
  EXPECT_GT(a, 3.0);
}

TEST(NeighbourGraphValidate, EveryConsumerRefusesAMalformedGraph) {
  NeighbourGraph good = NeighbourGraph::from_edges(3, {{0, 1, 0.5}, {1, 2, 0.5}});
  EXPECT_NO_THROW(good.validate());
  NeighbourGraph out_of_range = good;
  out_of_range.neighbour[0] = 7;
  NeighbourGraph loop = good;
  loop.neighbour[0] = 0;
  NeighbourGraph nan = good;
  nan.weight[1] = std::nan("");
  NeighbourGraph short_start = good;
  short_start.start.pop_back();
  NeighbourGraph overshooting = good;  // a middle start past the edge ends, then a fall back (found by fuzz_graph)
  overshooting.start = {0, 9, 4, 4};
  const std::vector<std::int32_t> labels{0, 0, 1};
  for (const NeighbourGraph* bad : {&out_of_range, &loop, &nan, &short_start, &overshooting}) {
    EXPECT_THROW(bad->validate(), InvalidInput);
    EXPECT_THROW((void)modularity(*bad, labels), InvalidInput);
    EXPECT_THROW((void)absorb_small_themes(*bad, canonical_clustering(labels), 2), InvalidInput);
    LeidenClusterer leiden;
    EXPECT_THROW((void)leiden.fit({nullptr, bad}), InvalidInput);
  }
  try {
    out_of_range.validate();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "graph: node 0 links to node 7, outside the 3 nodes");
  }
}

}  // namespace

namespace {

TEST(DeclaredParameters, UnknownNamesAndValuesOutOfRangeAreRefusedAndDefaultsFilled) {
  using servicedesign::insights::make_clusterer;
  try {
    (void)make_clusterer("leiden", {.seed = 0, .values = {{"resolutoin", 2.0}}});
    FAIL();
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "leiden: unknown parameter 'resolutoin'; known: resolution, ensemble, max_levels, threads");
  }
  try {
    (void)servicedesign::insights::make_representation("bm25", {.seed = 0, .values = {{"b", 2.0}}});
    FAIL();
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "bm25: b must be a number in [0, 1] (got 2)");
  }
  EXPECT_THROW((void)servicedesign::insights::make_similarity("cosine", {.seed = 0, .values = {{"neighbours", 3}}}),
               servicedesign::InvalidInput);
  const servicedesign::Parameters declared = {
      {.name = "k", .whole = true, .lower = 1, .description = "number of themes"},
      {.name = "tolerance", .lower = 0, .upper = 1, .default_value = 0.01, .description = "stop below this change"}};
  EXPECT_EQ(servicedesign::check_parameters(declared, {{"k", 4}}, "mine"),
            (std::map<std::string, double>{{"k", 4}, {"tolerance", 0.01}}));
  EXPECT_THROW((void)servicedesign::check_parameters(declared, {{"k", 2.5}}, "mine"), servicedesign::InvalidInput);
  EXPECT_THROW((void)servicedesign::check_parameters(declared, {{"tolerance", std::nan("")}}, "mine"),
               servicedesign::InvalidInput);
  // A researcher's clusterer gets its declared defaults, and nothing else passes.
  double seen = -1;
  servicedesign::insights::register_clusterer(
      "declared-test",
      [&seen](const servicedesign::insights::ClustererParams& p) {
        seen = p.values.at("tolerance");
        return std::make_unique<servicedesign::insights::KMeansClusterer>(servicedesign::insights::KMeansOptions{.k = 1});
      },
      declared);
  (void)make_clusterer("declared-test");
  EXPECT_EQ(seen, 0.01);
  EXPECT_EQ(servicedesign::insights::clusterer_parameters("declared-test").size(), 2U);
  EXPECT_THROW(servicedesign::insights::register_clusterer(
                   "bad", [](const auto&) { return std::unique_ptr<servicedesign::insights::Clusterer>(); },
                   {{.name = "x", .lower = 1, .default_value = 0.0}}),
               servicedesign::InvalidInput);
  EXPECT_TRUE(servicedesign::insights::unregister_clusterer("declared-test"));
}

// Personal data erasure (issue #19): three notes about a made-up smell, "zqxvorden", the second a copy of the
// first, forgotten by their keys s0..s2.
const std::vector<std::string> secret_notes = {"Zqxvorden luktar illa vid torget", "zqxvorden luktar illa vid torget!",
                                               "Det luktar zqxvorden vid torget på morgonen"};

std::pair<std::vector<std::string>, std::vector<std::string>> with_secrets() {
  std::vector<std::string> texts = notes, keys = keys_n();
  for (std::size_t i = 0; i < secret_notes.size(); ++i) {
    texts.push_back(secret_notes[i]);
    keys.push_back("s" + std::to_string(i));
  }
  return {texts, keys};
}

const std::vector<std::string> secret_keys = {"s0", "s1", "s2"};

// Words (and stems) of the secret notes' own, in either case; in no other note.
constexpr std::string_view secret_words[] = {"qxvorden", "QXVORDEN", "lukt", "LUKT", "torg", "TORG"};

bool holds_secret(std::string_view bytes) {
  return std::any_of(std::begin(secret_words), std::end(secret_words),
                     [&](std::string_view word) { return bytes.find(word) != std::string_view::npos; });
}

void expect_no_secret(std::string_view bytes, std::string_view where) {
  SCOPED_TRACE(std::string(where));
  for (const std::string_view word : secret_words) EXPECT_LACKS(bytes, word);
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const ThemeSummary& theme_numbered(const ThemeModel& model, std::int32_t number) {
  const auto& themes = model.themes();
  const auto found = std::find_if(themes.begin(), themes.end(), [&](const ThemeSummary& t) { return t.theme == number; });
  if (found == themes.end()) throw std::runtime_error("no theme " + std::to_string(number));
  return *found;
}

TEST(ThemeModel, ForgottenNotesLeaveNoTraceInTheThemesTheEditsOrTheArchive) {
  const auto [texts, keys] = with_secrets();
  ThemeModel model(small_options());
  model.fit(texts, {.keys = keys});
  const std::vector<std::int32_t> l = model.labels();
  const std::int32_t bus = l[0], library = l[4], snow = l[8], smell = l[12];
  // Before: the secret notes are a theme of their own, the word among its keywords, two of them copies.
  ASSERT_EQ(model.n_themes(), 4U);
  ASSERT_EQ(themes_of(l, 12, 15), std::set<std::int32_t>{smell});
  ASSERT_EQ((std::set<std::int32_t>{bus, library, snow, smell}).size(), 4U);
  const auto& smell_words = theme_numbered(model, smell).keywords;
  ASSERT_NE(std::find(smell_words.begin(), smell_words.end(), "zqxvorden"), smell_words.end());
  ASSERT_EQ(model.copies().size(), 1U);
  ASSERT_TRUE(holds_secret(model.save_to_string(ArchiveFormat::binary)));
  // The analyst's edits: a rename of the secret theme, a move of a secret note only, a pin of a theme that holds
  // a secret note among others, and edits that name no secret note.
  model.rename_theme(smell, "Lukten");
  model.rename_theme(bus, "Bussen");
  model.move_note("s2", bus);
  model.pin_theme(bus);
  const std::int32_t kept = model.split_theme(snow, {"n8", "n9"});
  const std::int32_t highest = model.max_theme_id();
  ASSERT_EQ(model.edits().size(), 5U);

  EXPECT_EQ(&model.forget(secret_keys), &model);
  EXPECT_EQ(model.texts(), notes);
  EXPECT_EQ(model.keys(), keys_n());
  // The other themes keep their numbers, and the edits are replayed on them.
  const auto& r = model.labels();
  ASSERT_EQ(r.size(), notes.size());
  EXPECT_EQ((std::vector<std::int32_t>(r.begin(), r.end())),
            (std::vector<std::int32_t>{bus, bus, bus, bus, library, library, library, library, kept, kept, snow, snow}));
  EXPECT_EQ(model.n_themes(), 4U);
  EXPECT_EQ(model.max_theme_id(), highest);
  EXPECT_EQ(model.names(), (std::map<std::int32_t, std::string>{{bus, "Bussen"}}));
  const std::vector<ThemeEdit> replayed = {
      {.kind = ThemeEdit::Kind::rename, .theme = bus, .target = -1, .notes = {}, .name = "Bussen"},
      {.kind = ThemeEdit::Kind::pin, .theme = bus, .target = -1, .notes = {"n0", "n1", "n2", "n3"}, .name = {}},
      {.kind = ThemeEdit::Kind::split, .theme = snow, .target = kept, .notes = {"n8", "n9"}, .name = {}},
  };
  EXPECT_EQ(model.edits(), replayed);
  // Nothing of the secret notes in the themes, the copies or the vocabulary.
  for (const ThemeSummary& theme : model.themes()) {
    for (const auto& word : theme.keywords) EXPECT_FALSE(holds_secret(word)) << word;
    for (const std::size_t note : theme.representatives) EXPECT_FALSE(holds_secret(model.texts().at(note)));
  }
  EXPECT_TRUE(model.copies().empty());
  EXPECT_EQ(model.predict({"zqxvorden luktar", "Bussen kom aldrig"}), (std::vector<std::int32_t>{-1, bus}));
  // Nor in what it saves, in any format, to a string or a file.
  for (const auto format : {ArchiveFormat::xml, ArchiveFormat::binary, ArchiveFormat::text}) {
    const std::string saved = model.save_to_string(format);
    expect_no_secret(saved, to_string(format));
    EXPECT_TRUE(ThemeModel::load_from_string(saved) == model) << to_string(format);
  }
  const servicedesign::testing::TempDir dir;
  model.save(dir / "themes.sdthemes");
  expect_no_secret(file_bytes(dir / "themes.sdthemes"), "saved file");
  // The themes are those of a model never given the secret notes, after the same edits.
  ThemeModel never(small_options());
  never.fit(notes, {.keys = keys_n()});
  never.pin_theme(never.labels()[0]);
  (void)never.split_theme(never.labels()[8], {"n8", "n9"});
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const ThemeSummary& a = theme_numbered(model, r[i]);
    const ThemeSummary& b = theme_numbered(never, never.labels()[i]);
    EXPECT_EQ(a.size, b.size) << i;
    EXPECT_EQ(a.keywords, b.keywords) << i;
    EXPECT_EQ(a.representatives, b.representatives) << i;
  }
}

TEST(ThemeModel, ForgettingAKeyTheModelDoesNotHoldIsRefusedByNameAndChangesNothing) {
  const auto [texts, keys] = with_secrets();
  ThemeModel model(small_options());
  model.fit(texts, {.keys = keys});
  model.move_note("s2", model.labels()[0]);
  const ThemeModel before = model;
  try {
    model.forget({"s0", "nowhere", "s9"});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "forget: 'nowhere' is not a note of the model (no note has this key and no edit names it)");
  }
  EXPECT_TRUE(model == before);
  EXPECT_THROW(model.forget(secret_keys, {.progress = [](std::string_view stage, double) { return stage != "neighbours"; }}),
               Interrupted);
  EXPECT_TRUE(model == before);
  std::vector<float> values(4, 0.5F);  // 2 rows of 2
  try {
    model.forget(secret_keys, {.embeddings = DenseView{values.data(), 2, 2}});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), "forget: embeddings has 2 rows for the model's 15 notes");
  }
  EXPECT_TRUE(model == before);
  model.forget({});  // nothing to forget
  EXPECT_TRUE(model == before);
  ThemeModel unfitted(small_options());
  EXPECT_THROW(unfitted.forget({"s0"}), StateError);
}

TEST(ThemeModel, AKeyOnlyAnEditNamesIsForgottenFromTheEdits) {
  // A rerun on fewer notes keeps the edit that names a note no longer given; that key can still be forgotten.
  const auto [texts, keys] = with_secrets();
  ThemeModel model(small_options());
  model.fit(texts, {.keys = keys});
  model.pin_theme(model.labels()[12]);
  ThemeModel rerun(small_options());
  rerun.fit(notes, {.keys = keys_n(), .previous = model.earlier()});
  ASSERT_EQ(rerun.edits().size(), 1U);
  rerun.forget(secret_keys);
  EXPECT_TRUE(rerun.edits().empty());
  expect_no_secret(rerun.save_to_string(ArchiveFormat::text), "text archive");
}

TEST(ThemeModel, ForgettingEveryNoteLeavesAFittedModelWithoutNotes) {
  const auto [texts, keys] = with_secrets();
  ThemeModel model(small_options());
  model.fit(texts, {.keys = keys});
  model.rename_theme(model.labels()[0], "Bussen");
  const std::int32_t highest = model.max_theme_id();
  model.forget(keys);
  EXPECT_TRUE(model.fitted());
  EXPECT_TRUE(model.texts().empty() && model.keys().empty() && model.labels().empty());
  EXPECT_EQ(model.n_themes(), 0U);
  EXPECT_TRUE(model.edits().empty() && model.names().empty() && model.copies().empty());
  EXPECT_EQ(model.max_theme_id(), highest);
  EXPECT_EQ(model.predict({"Bussen kom aldrig"}), std::vector<std::int32_t>{-1});
  const std::string saved = model.save_to_string(ArchiveFormat::text);
  expect_no_secret(saved, "text archive");
  for (const std::string_view word : {"ussen", "iblio", "nöröj"}) EXPECT_LACKS(saved, word);
  EXPECT_TRUE(ThemeModel::load_from_string(saved) == model);
  // Themes fitted later with it as the earlier model get numbers above every number used.
  ThemeModel next(small_options());
  next.fit(notes, {.previous = model.earlier()});
  for (const std::int32_t label : next.labels()) EXPECT_GT(label, highest);
}

TEST(ThemeModel, ForgettingDropsTheForgottenNotesRowsOfTheEmbeddings) {
  // Embeddings alone make the links (dense_weight 1) and group the notes against their words: n0..n5, n6..n11
  // and the secret notes.
  const auto [texts, keys] = with_secrets();
  std::vector<float> z;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::size_t group = i < 6 ? 0 : i < 12 ? 1 : 2;
    for (std::size_t d = 0; d < 3; ++d) z.push_back(d == group ? 1.0F : 0.0F);
  }
  const DenseView embeddings{z.data(), texts.size(), 3};
  ThemeModelOptions o = small_options();
  o.dense_weight = 1.0;
  ThemeModel model(o);
  model.fit(texts, {.keys = keys, .embeddings = embeddings});
  const std::vector<std::int32_t> l = model.labels();
  ASSERT_EQ(themes_of(l, 0, 6).size(), 1U);
  ASSERT_EQ(themes_of(l, 6, 12).size(), 1U);
  ASSERT_NE(l[0], l[6]);
  model.forget(secret_keys, {.embeddings = embeddings});
  EXPECT_EQ(model.labels(), std::vector<std::int32_t>(l.begin(), l.begin() + 12));
  EXPECT_EQ(model.n_themes(), 2U);
}

}  // namespace
