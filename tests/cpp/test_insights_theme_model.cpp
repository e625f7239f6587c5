// The theme model: the whole pipeline from notes to labelled themes, edits replayed on refits, predict,
// archives, and bad input that leaves the model unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/project.hpp"
#include "../../src/insights/copies.hpp"

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
  EXPECT_EQ(message({.neighbours = 0}), "ThemeModelOptions: neighbours must be at least 1 (got 0)");
  EXPECT_EQ(message({.max_df = 1.5}), "ThemeModelOptions: max_df must be in (0, 1] (got 1.5)");
  EXPECT_EQ(message({.resolution = -1}), "ThemeModelOptions: resolution must be a positive number, or 0 for automatic (got -1)");
  EXPECT_EQ(message({.duplicate_similarity = 0.0}), "ThemeModelOptions: duplicate_similarity must be in (0, 1] (got 0)");
  EXPECT_EQ(message({.min_theme_size = 0}), "ThemeModelOptions: min_theme_size must be at least 1 (got 0)");
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

}  // namespace
