// Sparse vectors, the neighbour graph, Leiden, the clusterer registry and the agreement metrics.
#include <gtest/gtest.h>

#include "graph_fixtures.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/labels.hpp>
#include <servicedesign/insights/metrics.hpp>
#include <servicedesign/insights/representation.hpp>
#include <servicedesign/insights/text.hpp>
#include <servicedesign/insights/vectors.hpp>
#include <set>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

using namespace servicedesign::insights;
using Labels = std::vector<std::int32_t>;

namespace {

double entry(const SparseMatrix& x, std::size_t row, std::uint32_t col) {
  for (std::size_t e = x.row_start[row]; e < x.row_start[row + 1]; ++e) {
    if (x.col[e] == col) return x.value[e];
  }
  return 0.0;
}

using servicedesign::testing::insights::ring_of_cliques;

// A planted partition: `groups` groups of `size`, edge inside with probability p_in, across p_out.
// Each row's k most similar rows by brute force (every pair compared; ties by the lower index), as edges
// (lower, higher). With `skip_close_ties`, a k-th neighbour within 1e-12 of the next one is left out: equal
// similarities computed in another order may differ in the last bit.
std::set<std::pair<std::size_t, std::size_t>> brute_force_edges(const SparseMatrix& x, std::size_t k, bool skip_close_ties) {
  std::set<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t i = 0; i < x.rows; ++i) {
    std::vector<std::pair<double, std::size_t>> sims;
    for (std::size_t j = 0; j < x.rows; ++j) {
      const double s = x.row_dot(i, j);
      if (j != i && s > 0.0) sims.emplace_back(-s, j);
    }
    std::sort(sims.begin(), sims.end());
    for (std::size_t r = 0; r < std::min(k, sims.size()); ++r) {
      if (skip_close_ties && r + 1 < sims.size() && r + 1 == k && std::abs(sims[r].first - sims[r + 1].first) < 1e-12) {
        continue;
      }
      edges.emplace(std::min(i, sims[r].second), std::max(i, sims[r].second));
    }
  }
  return edges;
}

NeighbourGraph planted(std::size_t groups, std::size_t size, double p_in, double p_out, std::uint64_t seed, Labels& truth) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::size_t n = groups * size;
  truth.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) truth[i] = static_cast<std::int32_t>(i / size);
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = i + 1; j < n; ++j) {
      if (u(random) < (truth[i] == truth[j] ? p_in : p_out)) edges.emplace_back(i, j, 1.0);
    }
  }
  return NeighbourGraph::from_edges(n, edges);
}

// Each theme is connected inside the graph (Leiden's guarantee).
bool themes_are_connected(const NeighbourGraph& g, const Labels& labels) {
  std::vector<char> seen(g.nodes, 0);
  std::set<std::int32_t> started;
  for (std::size_t s = 0; s < g.nodes; ++s) {
    if (started.count(labels[s])) continue;
    started.insert(labels[s]);
    std::vector<std::size_t> stack{s};
    seen[s] = 1;
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      for (std::size_t e = g.start[v]; e < g.start[v + 1]; ++e) {
        const std::size_t u = g.neighbour[e];
        if (!seen[u] && labels[u] == labels[s]) {
          seen[u] = 1;
          stack.push_back(u);
        }
      }
    }
  }
  return std::all_of(seen.begin(), seen.end(), [](char c) { return c != 0; });
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Vectors

TEST(Vectorizer, TfidfMatchesTheSmoothSublinearFormula) {
  const std::vector<std::vector<std::string>> docs{{"buss", "sen", "buss"}, {"buss", "bibliotek"}, {"buss"}};
  Vectorizer v({.normalize = false});
  const SparseMatrix x = v.fit_transform(docs);
  ASSERT_EQ(v.terms(), (std::vector<std::string>{"bibliotek", "buss", "sen"}));  // sorted
  // idf = ln((1 + n) / (1 + df)) + 1 with n = 3
  EXPECT_NEAR(v.idf()[1], 1.0, 1e-12);
  EXPECT_NEAR(v.idf()[0], std::log(4.0 / 2.0) + 1.0, 1e-12);
  // tf 2 -> 1 + ln 2
  EXPECT_NEAR(entry(x, 0, 1), 1.0 + std::log(2.0), 1e-12);
  EXPECT_NEAR(entry(x, 0, 2), std::log(2.0) + 1.0, 1e-12);
  EXPECT_EQ(entry(x, 2, 0), 0.0);
}

TEST(Vectorizer, RowsHaveUnitLengthAndUnknownTermsAreIgnored) {
  Vectorizer v;
  v.fit({{"väntetid", "lång"}, {"väntetid", "kort"}});
  const SparseMatrix x = v.transform({{"väntetid", "okänd"}, {"okänd"}});
  EXPECT_NEAR(x.row_dot(0, 0), 1.0, 1e-12);
  EXPECT_EQ(x.row_start[2] - x.row_start[1], 0U);  // nothing known: an empty row
}

TEST(Vectorizer, CharacterNgramsAreWholeCharactersBetweenMarks) {
  const auto grams = [](std::string_view term, std::size_t n) {
    std::vector<std::string> out;
    for (auto g : char_ngrams(term, n)) out.push_back(g.substr(1));  // without the '\x1f' mark
    return out;
  };
  EXPECT_EQ(grams("buss", 3), (std::vector<std::string>{"<bu", "bus", "uss", "ss>"}));
  EXPECT_EQ(grams("på", 3), (std::vector<std::string>{"<på", "på>"}));  // å is two bytes, one character
  EXPECT_EQ(grams("ø", 3), (std::vector<std::string>{"<ø>"}));
  EXPECT_EQ(grams("ø", 5), (std::vector<std::string>{"<ø>"}));
  EXPECT_EQ(char_ngrams("buss", 3).front()[0], '\x1f');
  EXPECT_THROW((void)char_ngrams("buss", 0), servicedesign::InvalidInput);
}

// A compound and its part share no word but many trigrams: with n-grams they are neighbours.
TEST(Vectorizer, CharacterNgramsLetCompoundsMeetTheirParts) {
  const std::vector<std::vector<std::string>> docs{{"busshållplats"}, {"hållplats"}, {"bibliotek"}};
  const SparseMatrix words = Vectorizer().fit_transform(docs);
  EXPECT_EQ(words.row_dot(0, 1), 0.0);
  const SparseMatrix grams = Vectorizer({.char_ngrams = 3}).fit_transform(docs);
  EXPECT_GT(grams.row_dot(0, 1), 0.4);
  EXPECT_LT(grams.row_dot(0, 2), 0.05);
  EXPECT_NEAR(grams.row_dot(0, 0), 1.0, 1e-12);
}

TEST(Vectorizer, Bm25SaturatesRepeatedTermsAndFavoursShortNotes) {
  Vectorizer v({.weighting = Weighting::bm25, .normalize = false});
  const SparseMatrix x = v.fit_transform({{"snö"}, {"snö", "snö", "snö", "snö"}, {"snö", "väg", "plog", "natt"}, {"buss"}});
  const auto snow = static_cast<std::uint32_t>(v.column("snö"));
  const double idf = v.idf()[snow];
  EXPECT_NEAR(idf, std::log(1.0 + (4.0 - 3.0 + 0.5) / (3.0 + 0.5)), 1e-12);
  EXPECT_LT(entry(x, 1, snow), 2.0 * entry(x, 0, snow));  // four times the term weighs less than twice once
  EXPECT_GT(entry(x, 0, snow), entry(x, 2, snow));        // same tf: the shorter note weighs more
}

TEST(Vectorizer, DocumentFrequencyBoundsAndErrors) {
  Vectorizer v({.min_df = 2, .max_df = 0.7});
  v.fit({{"a", "b"}, {"a", "b"}, {"a", "c"}});
  EXPECT_EQ(v.terms(), (std::vector<std::string>{"b"}));  // a is in 100% of notes, c in one
  EXPECT_THROW(Vectorizer({.max_df = 0.0}), servicedesign::InvalidInput);
  EXPECT_THROW((void)Vectorizer().transform({{"a"}}), servicedesign::StateError);
}

TEST(SparseMatrix, ValidateNamesTheRowWithANaN) {
  SparseMatrix x{1, 2, {0, 1}, {0}, {std::nan("")}};
  try {
    x.validate();
    FAIL() << "no error";
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("row 0"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)knn_graph(x), servicedesign::InvalidInput);
}

TEST(KnnGraph, MatchesBruteForceOnRandomSparseRows) {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<std::uint32_t> term(0, 39);
  std::uniform_int_distribution<int> length(1, 6);
  std::vector<std::vector<std::string>> docs(120);
  for (auto& d : docs) {
    for (int k = length(random); k > 0; --k) d.push_back("t" + std::to_string(term(random)));
  }
  Vectorizer v;
  const SparseMatrix x = v.fit_transform(docs);
  const std::size_t k = 4;
  const NeighbourGraph g = knn_graph(x, {.neighbours = k, .min_similarity = 0.0});
  // Expected: i-j is an edge iff j is among i's k best (ties by index) or i among j's.
  const auto expected = brute_force_edges(x, k, true);
  std::set<std::pair<std::size_t, std::size_t>> found;
  for (std::size_t u = 0; u < g.nodes; ++u) {
    for (std::size_t e = g.start[u]; e < g.start[u + 1]; ++e) {
      found.emplace(std::min<std::size_t>(u, g.neighbour[e]), std::max<std::size_t>(u, g.neighbour[e]));
      EXPECT_NEAR(g.weight[e], x.row_dot(u, g.neighbour[e]), 1e-12);
    }
  }
  for (const auto& edge : expected) EXPECT_TRUE(found.count(edge)) << edge.first << "-" << edge.second;
  EXPECT_EQ(g.neighbour.size() % 2, 0U);  // symmetric
}

TEST(KnnGraph, RowsWithNegativeWeightsAreListedOnceAndANegativeThresholdIsRefused) {
  // Row 0 meets row 1 through +0.5·0.5 then −0.5·0.5 (a sum passing through 0) and then +0.5·0.5 again.
  SparseMatrix x{3, 3, {0, 3, 6, 7}, {0, 1, 2, 0, 1, 2, 0}, {0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 1.0}};
  const NeighbourGraph g = knn_graph(x, {.neighbours = 2});
  ASSERT_EQ(g.start[1] - g.start[0], 2U);  // rows 1 and 2, each once
  EXPECT_EQ(g.neighbour[g.start[0]], 1U);
  EXPECT_DOUBLE_EQ(g.weight[g.start[0]], 0.25);
  EXPECT_EQ(g.neighbour[g.start[0] + 1], 2U);
  EXPECT_THROW((void)knn_graph(x, {.neighbours = 2, .min_similarity = -0.1}), servicedesign::InvalidInput);
}

TEST(KnnGraph, StoredZerosAndSumsThatPassThroughZeroStayInBounds) {
  // Row 0 meets row 1 in every one of m columns; each partial sum is 0 (stored zeros) or returns to 0
  // (alternating signs): the accumulator must still list row 1 once (a reviewer's crash: it overran).
  for (const bool alternating : {false, true}) {
    const std::size_t m = 5001;
    SparseMatrix x;
    x.rows = 2;
    x.cols = m;
    x.row_start = {0, m, 2 * m};
    for (std::size_t row = 0; row < 2; ++row) {
      for (std::size_t c = 0; c < m; ++c) {
        x.col.push_back(static_cast<std::uint32_t>(c));
        x.value.push_back(row == 1 ? 1.0 : (alternating ? (c % 2 == 0 ? 1.0 : -1.0) : 0.0));
      }
    }
    const NeighbourGraph g = knn_graph(x, {.neighbours = 5});
    if (alternating) {  // the sum is 1: one edge
      ASSERT_EQ(g.neighbour.size(), 2U);
      EXPECT_DOUBLE_EQ(g.weight[0], 1.0);
    } else {  // the sum is 0: no edge
      EXPECT_TRUE(g.neighbour.empty());
    }
  }
}

TEST(KnnGraph, IsExactlyTheBruteForceGraphWhenRowsAreSplitAmongThreads) {
  // Large enough for several threads (each pair is scored once, by the owner of the lower row, and offered to
  // both rows' lists); random weights, so exact ties between different pairs do not occur.
  std::mt19937_64 random(5);
  std::uniform_int_distribution<std::uint32_t> column(0, 299);
  std::uniform_int_distribution<int> length(3, 8);
  std::uniform_real_distribution<double> weight(0.05, 1.0);
  SparseMatrix x;
  x.rows = 2500;
  x.cols = 300;
  x.row_start.push_back(0);
  for (std::size_t r = 0; r < x.rows; ++r) {
    std::set<std::uint32_t> cols;
    for (int k = length(random); k > 0; --k) cols.insert(column(random));
    double norm = 0.0;
    std::vector<double> values;
    for (std::size_t i = 0; i < cols.size(); ++i) values.push_back(weight(random)), norm += values.back() * values.back();
    std::size_t i = 0;
    for (const auto c : cols) x.col.push_back(c), x.value.push_back(values[i++] / std::sqrt(norm));
    x.row_start.push_back(x.col.size());
  }
  const std::size_t k = 5;
  const auto expected = brute_force_edges(x, k, false);
  const NeighbourGraph g = knn_graph(x, {.neighbours = k});
  std::set<std::pair<std::size_t, std::size_t>> found;
  for (std::size_t u = 0; u < g.nodes; ++u) {
    for (std::size_t e = g.start[u]; e < g.start[u + 1]; ++e) {
      found.emplace(std::min<std::size_t>(u, g.neighbour[e]), std::max<std::size_t>(u, g.neighbour[e]));
      EXPECT_NEAR(g.weight[e], x.row_dot(u, g.neighbour[e]), 1e-12);
    }
  }
  EXPECT_EQ(found, expected);
  // And the same graph, bit for bit, on a second call.
  const NeighbourGraph again = knn_graph(x, {.neighbours = k});
  EXPECT_EQ(again.neighbour, g.neighbour);
  EXPECT_EQ(again.weight, g.weight);
}

TEST(Registries, BuiltInRepresentationsAndSimilarityAreTheVectorizerAndKnnGraph) {
  const Documents docs{{"buss", "sen"}, {"buss", "hållplats"}, {"bok"}, {"bok", "bibliotek"}};
  auto tfidf = make_representation("tfidf", {.values = {{"char_ngrams", 3}, {"min_df", 1}}});
  EXPECT_EQ(tfidf->name(), "tfidf");
  tfidf->fit(docs);
  Vectorizer reference({.char_ngrams = 3});
  const SparseMatrix expected = reference.fit_transform(docs);
  const SparseMatrix x = tfidf->transform(docs);
  EXPECT_EQ(x.col, expected.col);
  EXPECT_EQ(x.value, expected.value);
  EXPECT_EQ(make_representation("bm25")->name(), "bm25");
  const NeighbourGraph g = make_similarity("cosine")->graph(x, {.neighbours = 2});
  const NeighbourGraph direct = knn_graph(x, {.neighbours = 2});
  EXPECT_EQ(g.neighbour, direct.neighbour);
  EXPECT_EQ(g.weight, direct.weight);
  const auto names = representation_names();
  EXPECT_TRUE(std::find(names.begin(), names.end(), "bm25") != names.end());
  EXPECT_EQ(similarity_names(), std::vector<std::string>{"cosine"});
}

TEST(Registries, MistakesAreNamed) {
  try {
    (void)make_representation("no-such");
    FAIL() << "no error";
  } catch (const servicedesign::NotFound& e) {
    EXPECT_STREQ(e.what(), "unknown representation 'no-such'; known: bm25, tfidf");
  }
  EXPECT_THROW((void)make_similarity("no-such"), servicedesign::NotFound);
  try {
    (void)make_representation("tfidf", {.values = {{"char_ngrams", 2.5}}});
    FAIL() << "no error";
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "tfidf: char_ngrams must be a whole number in [0, 16] (got 2.5)");
  }
  EXPECT_THROW(register_similarity("", [](const ClustererParams&) { return std::make_unique<CosineSimilarity>(); }),
               servicedesign::InvalidInput);
  EXPECT_THROW(register_similarity("empty", SimilarityFactory{}), servicedesign::InvalidInput);
  register_similarity("nothing", [](const ClustererParams&) { return std::unique_ptr<Similarity>{}; });
  EXPECT_THROW((void)make_similarity("nothing"), servicedesign::Error);
  EXPECT_TRUE(unregister_similarity("nothing"));
  EXPECT_FALSE(unregister_similarity("nothing"));
}

TEST(Registries, ARegisteredSimilarityReplacesByNameAndGetsItsParameters) {
  // A similarity that links every note to the next one with weight w (a parameter): made by name.
  class Chain : public Similarity {
   public:
    explicit Chain(double w) : w_(w) {}
    [[nodiscard]] std::string name() const override { return "chain"; }
    [[nodiscard]] NeighbourGraph graph(const SparseMatrix& x, const KnnOptions&) override {
      std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
      for (std::uint32_t v = 0; v + 1 < x.rows; ++v) edges.emplace_back(v, v + 1, w_);
      return NeighbourGraph::from_edges(x.rows, std::move(edges));
    }

   private:
    double w_;
  };
  register_similarity("chain", [](const ClustererParams& p) { return std::make_unique<Chain>(p.values.at("w")); },
                      {{.name = "w", .lower = 0, .upper = 1, .default_value = 1.0, .lower_open = true}});
  const SparseMatrix x = Vectorizer().fit_transform({{"a"}, {"b"}, {"c"}});
  const NeighbourGraph g = make_similarity("chain", {.values = {{"w", 0.25}}})->graph(x, {});
  EXPECT_EQ(g.edges(), 2U);
  EXPECT_DOUBLE_EQ(g.weight[0], 0.25);
  EXPECT_TRUE(unregister_similarity("chain"));
}

// ---------------------------------------------------------------------------------------------------
// Leiden

TEST(AbsorbSmallThemes, JoinsEachSmallThemeToTheThemeItIsMostLinkedTo) {
  // Themes: A = 0-4, B = 5-9 (cliques), a pair 10-11 linked to A by 0.9 and to B by 0.3 + 0.3, a single note
  // 12 linked only to 13, which is alone too, and 14 without any link. Labels as a clusterer might give them.
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::uint32_t base : {0U, 5U}) {
    for (std::uint32_t a = base; a < base + 5; ++a) {
      for (std::uint32_t b = a + 1; b < base + 5; ++b) edges.emplace_back(a, b, 1.0);
    }
  }
  edges.emplace_back(10, 11, 1.0);
  edges.emplace_back(10, 0, 0.9);
  edges.emplace_back(11, 5, 0.3);
  edges.emplace_back(11, 6, 0.3);
  edges.emplace_back(12, 13, 0.5);
  const NeighbourGraph g = NeighbourGraph::from_edges(15, std::move(edges));
  const Clustering themes = canonical_clustering({0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5}, 0.42);
  const Clustering absorbed = absorb_small_themes(g, themes, 3);
  const auto& l = absorbed.labels;
  for (std::size_t v : {1U, 2U, 3U, 4U, 10U, 11U}) EXPECT_EQ(l[v], l[0]) << v;  // the pair joins A (0.9 > 0.6)
  for (std::size_t v : {6U, 7U, 8U, 9U}) EXPECT_EQ(l[v], l[5]) << v;
  EXPECT_NE(l[0], l[5]);
  EXPECT_EQ(l[12], l[13]);  // two single notes linked to each other: one theme of two, linked to nothing else
  EXPECT_NE(l[12], l[0]);
  EXPECT_NE(l[12], l[5]);
  EXPECT_NE(l[14], l[12]);  // no link at all: its own theme, never a noise bin
  EXPECT_GE(l[14], 0);
  EXPECT_EQ(absorbed.themes, 4U);
  EXPECT_EQ(l[0], 0);  // renumbered by size: A with the pair (7) first
  EXPECT_DOUBLE_EQ(absorbed.quality, 0.42);
  // Nothing is small below 2 notes but the lone ones; min_size 1 changes nothing.
  EXPECT_EQ(absorb_small_themes(g, themes, 1).labels, themes.labels);
  EXPECT_THROW((void)absorb_small_themes(g, canonical_clustering({0, 1}), 3), servicedesign::InvalidInput);
}

TEST(AbsorbSmallThemes, NotesOutsideEveryThemeStayOutAndAbsorbNothing) {
  // 0-3 a theme, 4 a single note linked to 0 and, more strongly, to 5, which is noise (−1).
  const NeighbourGraph g = NeighbourGraph::from_edges(
      6, {{0, 1, 1.0}, {1, 2, 1.0}, {2, 3, 1.0}, {0, 3, 1.0}, {4, 0, 0.2}, {4, 5, 0.9}});
  const Clustering themes = canonical_clustering({0, 0, 0, 0, 1, -1});
  const Clustering absorbed = absorb_small_themes(g, themes, 2);
  EXPECT_EQ(absorbed.labels, (std::vector<std::int32_t>{0, 0, 0, 0, 0, -1}));
  EXPECT_EQ(absorbed.themes, 1U);
}


TEST(AbsorbSmallThemes, CountsNotesWhenANodeStandsForSeveral) {
  // A path 0-1-2: node 1 stands for three copies of a note, so its theme is not small at min_size 3.
  const NeighbourGraph g = NeighbourGraph::from_edges(3, {{0, 1, 0.9}, {1, 2, 0.2}});
  const Clustering themes = canonical_clustering({0, 1, 2});
  const Clustering absorbed = absorb_small_themes(g, themes, 3, {1, 3, 2});
  EXPECT_EQ(absorbed.labels[0], absorbed.labels[1]);  // 0 (one note) joins 1 (three), most linked
  EXPECT_EQ(absorbed.labels[2], absorbed.labels[1]);  // 2 (two notes) is small too and joins it
  // Two notes per node: every theme already has two notes, so at min_size 2 nothing moves.
  EXPECT_EQ(absorb_small_themes(g, themes, 2, {2, 2, 2}).labels, themes.labels);  // nothing below two notes
  // Bad counts are refused by what is wrong with them.
  const auto refusal = [&](const std::vector<std::size_t>& counts) {
    try {
      (void)absorb_small_themes(g, themes, 2, counts);
    } catch (const servicedesign::InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(refusal({1, 0, 1}), "absorb_small_themes: notes_per_node[1] is 0; every node stands for at least one note");
  EXPECT_EQ(refusal({1, 1}), "absorb_small_themes: notes_per_node has 2 counts for a graph of 3 nodes (one per node)");
}

TEST(Leiden, FindsEachCliqueOfARing) {
  const NeighbourGraph g = ring_of_cliques(8, 6);
  LeidenClusterer leiden({.seed = 3});
  const Clustering c = leiden.fit({nullptr, &g});
  ASSERT_EQ(c.themes, 8U);
  for (std::size_t node = 0; node < g.nodes; ++node) EXPECT_EQ(c.labels[node], c.labels[(node / 6) * 6]) << node;
  Labels cliques(g.nodes);
  for (std::size_t node = 0; node < g.nodes; ++node) cliques[node] = static_cast<std::int32_t>(node / 6);
  EXPECT_NEAR(c.quality, modularity(g, cliques), 1e-12);
}

TEST(Leiden, RecoversAPlantedPartitionWithConnectedThemes) {
  Labels truth;
  const NeighbourGraph g = planted(5, 30, 0.3, 0.01, 42, truth);
  const Clustering c = LeidenClusterer({.seed = 1}).fit({nullptr, &g});
  EXPECT_GT(normalized_mutual_information(truth, c.labels), 0.95);
  EXPECT_GE(c.quality, modularity(g, truth) - 1e-9);
  EXPECT_TRUE(themes_are_connected(g, c.labels));
}

TEST(Leiden, SameSeedSameThemesAndHigherResolutionMoreThemes) {
  Labels truth;
  const NeighbourGraph g = planted(4, 40, 0.15, 0.02, 7, truth);
  const Clustering a = LeidenClusterer({.seed = 9}).fit({nullptr, &g});
  const Clustering b = LeidenClusterer({.seed = 9}).fit({nullptr, &g});
  EXPECT_EQ(a.labels, b.labels);
  const Clustering fine = LeidenClusterer({.resolution = 4.0, .seed = 9}).fit({nullptr, &g});
  EXPECT_GT(fine.themes, a.themes);
}

// A consensus of runs depends less on the seed than single runs do: on a noisy planted partition, the
// themes of different seeds agree more (mean pairwise ARI) and stay at least as close to the truth.
TEST(Leiden, EnsembleThemesDependLessOnTheSeed) {
  Labels truth;
  const NeighbourGraph g = planted(6, 25, 0.22, 0.06, 11, truth);
  const auto agreement_and_nmi = [&](std::size_t ensemble) {
    std::vector<Labels> runs;
    double nmi = 0.0;
    for (std::uint64_t seed = 0; seed < 6; ++seed) {
      runs.push_back(LeidenClusterer({.seed = seed, .ensemble = ensemble}).fit({nullptr, &g}).labels);
      nmi += normalized_mutual_information(truth, runs.back()) / 6.0;
    }
    double agreement = 0.0;
    for (std::size_t a = 0; a < runs.size(); ++a) {
      for (std::size_t b = a + 1; b < runs.size(); ++b) agreement += adjusted_rand_index(runs[a], runs[b]) / 15.0;
    }
    return std::pair{agreement, nmi};
  };
  const auto [single_agreement, single_nmi] = agreement_and_nmi(1);
  const auto [consensus_agreement, consensus_nmi] = agreement_and_nmi(8);
  EXPECT_GT(consensus_agreement, single_agreement);
  EXPECT_GE(consensus_nmi, single_nmi - 0.01);
  // Reproducible, and the quality is modularity on the notes' own graph.
  const Clustering a = LeidenClusterer({.seed = 4, .ensemble = 5}).fit({nullptr, &g});
  EXPECT_EQ(a.labels, LeidenClusterer({.seed = 4, .ensemble = 5}).fit({nullptr, &g}).labels);
  EXPECT_NEAR(a.quality, modularity(g, a.labels), 1e-12);
  EXPECT_THROW((void)make_clusterer("leiden", {.seed = 0, .values = {{"ensemble", 0.5}}}), servicedesign::InvalidInput);
}

TEST(Leiden, NotesWithoutNeighboursAreThemesOfTheirOwn) {
  const NeighbourGraph g = NeighbourGraph::from_edges(5, {{0, 1, 1.0}});
  const Clustering c = LeidenClusterer().fit({nullptr, &g});
  EXPECT_EQ(c.themes, 4U);
  EXPECT_EQ(c.labels[0], 0);  // the largest theme is numbered 0
  EXPECT_EQ(c.labels[1], 0);
  const NeighbourGraph empty = NeighbourGraph::from_edges(0, {});
  EXPECT_EQ(LeidenClusterer().fit({nullptr, &empty}).themes, 0U);
  EXPECT_THROW((void)LeidenClusterer().fit({}), servicedesign::InvalidInput);
  EXPECT_THROW(LeidenClusterer({.resolution = -1.0}), servicedesign::InvalidInput);
  EXPECT_THROW(LeidenClusterer({.resolution = std::nan("")}), servicedesign::InvalidInput);
  EXPECT_NO_THROW(LeidenClusterer({.resolution = LeidenOptions::automatic}));
}

TEST(Leiden, ProgressCanCancel) {
  const NeighbourGraph g = ring_of_cliques(4, 4);
  EXPECT_THROW((void)LeidenClusterer().fit({nullptr, &g}, [](std::string_view, double) { return false; }),
               servicedesign::Interrupted);
  // With an ensemble (whose runs may go in parallel) progress rises from 0 to 1 and a stop is obeyed at once.
  Labels truth;
  const NeighbourGraph big = planted(8, 400, 0.05, 0.002, 3, truth);
  std::vector<double> seen;
  (void)LeidenClusterer({.ensemble = 6}).fit({nullptr, &big}, [&](std::string_view stage, double f) {
    EXPECT_EQ(stage, "leiden");
    seen.push_back(f);
    return true;
  });
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GE(seen.front(), 0.0);
  EXPECT_LE(seen.back(), 1.0);
  int calls = 0;
  EXPECT_THROW((void)LeidenClusterer({.ensemble = 6}).fit({nullptr, &big}, [&](std::string_view, double) { return ++calls < 3; }),
               servicedesign::Interrupted);
  EXPECT_EQ(calls, 3);  // no report after the stop
}

// The resolution limit (Fortunato & Barthélemy 2007): on a ring of 30 cliques of five, modularity at γ = 1
// joins neighbouring cliques. The automatic resolution sees that the cliques beat the shuffled graph by the
// widest margin where each clique is a theme of its own.
TEST(Leiden, AutomaticResolutionOvercomesTheResolutionLimit) {
  const NeighbourGraph g = ring_of_cliques(30, 5);
  Labels cliques(g.nodes);
  for (std::size_t node = 0; node < g.nodes; ++node) cliques[node] = static_cast<std::int32_t>(node / 5);
  const Clustering fixed = LeidenClusterer({.resolution = 1.0, .seed = 2, .ensemble = 8}).fit({nullptr, &g});
  EXPECT_LT(fixed.themes, 30U);
  EXPECT_DOUBLE_EQ(fixed.resolution, 1.0);
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    LeidenClusterer automatic({.resolution = LeidenOptions::automatic, .seed = seed, .ensemble = 8});
    const Clustering chosen = automatic.fit({nullptr, &g});
    EXPECT_EQ(chosen.themes, 30U) << seed;
    EXPECT_DOUBLE_EQ(adjusted_rand_index(cliques, chosen.labels), 1.0) << seed;
    EXPECT_GT(chosen.resolution, 2.0) << seed;
    EXPECT_DOUBLE_EQ(chosen.resolution, choose_resolution(g, seed).resolution) << seed;
    EXPECT_NEAR(chosen.quality, modularity(g, chosen.labels, chosen.resolution), 1e-12);
  }
}

// Planted groups of known sizes: many small groups, which γ = 1 merges, are all recovered; a few large
// groups are kept whole (the choice stays near 1 and does not split them).
TEST(Leiden, AutomaticResolutionRecoversPlantedGroups) {
  Labels small_truth;
  const NeighbourGraph small = planted(40, 10, 0.5, 0.002, 1, small_truth);
  const Clustering merged = LeidenClusterer({.seed = 3, .ensemble = 8}).fit({nullptr, &small});
  EXPECT_LT(merged.themes, 35U);
  LeidenClusterer automatic({.resolution = LeidenOptions::automatic, .seed = 3, .ensemble = 8});
  const Clustering small_themes = automatic.fit({nullptr, &small});
  EXPECT_EQ(small_themes.themes, 40U);
  EXPECT_GT(adjusted_rand_index(small_truth, small_themes.labels), 0.95);  // a few notes with more links out than in stray
  EXPECT_GT(adjusted_rand_index(small_truth, small_themes.labels), adjusted_rand_index(small_truth, merged.labels) + 0.1);

  Labels large_truth;
  const NeighbourGraph large = planted(5, 30, 0.3, 0.01, 42, large_truth);
  const Clustering large_themes = automatic.fit({nullptr, &large});
  EXPECT_EQ(large_themes.themes, 5U);
  EXPECT_GT(normalized_mutual_information(large_truth, large_themes.labels), 0.95);
  EXPECT_GT(large_themes.resolution, 0.5);
  EXPECT_LT(large_themes.resolution, 2.0);
}

TEST(Leiden, ChooseResolutionReportsItsProfileAndReproduces) {
  Labels truth;
  const NeighbourGraph g = planted(12, 15, 0.4, 0.01, 5, truth);
  const ResolutionChoice a = choose_resolution(g, 11);
  const ResolutionChoice b = choose_resolution(g, 11);
  EXPECT_EQ(a.resolution, b.resolution);  // bit for bit
  ASSERT_EQ(a.profile.size(), b.profile.size());
  ASSERT_GE(a.profile.size(), 5U);
  std::size_t best = 0;
  bool has_one = false;
  for (std::size_t i = 0; i < a.profile.size(); ++i) {
    const ResolutionPoint& p = a.profile[i];
    EXPECT_EQ(p.modularity, b.profile[i].modularity);
    EXPECT_DOUBLE_EQ(p.excess(), p.modularity - p.shuffled_modularity);
    if (i > 0) {  // quarter octaves, no gaps
      EXPECT_NEAR(p.resolution / a.profile[i - 1].resolution, std::exp2(0.25), 1e-12);
    }
    if (p.excess() > a.profile[best].excess()) best = i;
    has_one = has_one || p.resolution == 1.0;
    EXPECT_GE(p.themes, 1U);
    EXPECT_GE(p.shuffled_themes, 1U);
  }
  EXPECT_TRUE(has_one);
  // The best point has neighbours on both sides, and the choice lies within a quarter octave of it.
  ASSERT_GE(best, 2U);
  ASSERT_LT(best + 2, a.profile.size());
  EXPECT_LE(std::abs(std::log2(a.resolution / a.profile[best].resolution)), 0.25 + 1e-12);
  // The planted graph's groups beat chance most near their own scale: all twelve groups are found there.
  EXPECT_EQ(LeidenClusterer({.resolution = a.resolution, .seed = 11, .ensemble = 8}).fit({nullptr, &g}).themes, 12U);
  // No links: nothing to choose from.
  const NeighbourGraph lonely = NeighbourGraph::from_edges(4, {});
  const ResolutionChoice none = choose_resolution(lonely);
  EXPECT_EQ(none.resolution, 1.0);
  EXPECT_TRUE(none.profile.empty());
  EXPECT_EQ(LeidenClusterer({.resolution = LeidenOptions::automatic}).fit({nullptr, &lonely}).themes, 4U);
}

TEST(Leiden, AnExplicitResolutionOverridesTheAutomaticOne) {
  const NeighbourGraph g = ring_of_cliques(30, 5);
  const auto registry = [&](double resolution) {
    return make_clusterer("leiden", {.seed = 1, .values = {{"resolution", resolution}, {"ensemble", 4.0}}})->fit({nullptr, &g});
  };
  const Clustering chosen = registry(0.0);  // the registry's "resolution" 0 is automatic
  EXPECT_GT(chosen.resolution, 2.0);
  const Clustering given = registry(1.0);
  EXPECT_DOUBLE_EQ(given.resolution, 1.0);
  EXPECT_EQ(given.labels, LeidenClusterer({.resolution = 1.0, .seed = 1, .ensemble = 4}).fit({nullptr, &g}).labels);
  EXPECT_EQ(chosen.labels, LeidenClusterer({.resolution = chosen.resolution, .seed = 1, .ensemble = 4}).fit({nullptr, &g}).labels);
}

TEST(Leiden, AutomaticResolutionReportsProgressAndCanBeCancelled) {
  Labels truth;
  const NeighbourGraph big = planted(8, 120, 0.1, 0.004, 3, truth);
  std::vector<double> seen;
  LeidenClusterer automatic({.resolution = LeidenOptions::automatic, .ensemble = 4});
  const Clustering c = automatic.fit({nullptr, &big}, [&](std::string_view stage, double f) {
    EXPECT_EQ(stage, "leiden");
    seen.push_back(f);
    return true;
  });
  EXPECT_EQ(c.themes, 8U);
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_GE(seen.front(), 0.0);
  EXPECT_LE(seen.back(), 1.0);
  EXPECT_GT(seen.back(), 0.5);  // the search reports the first half, the themes the second
  std::vector<double> search;
  (void)choose_resolution(big, 0, [&](std::string_view stage, double f) {
    EXPECT_EQ(stage, "resolution");
    search.push_back(f);
    return true;
  });
  EXPECT_TRUE(std::is_sorted(search.begin(), search.end()));
  EXPECT_LT(search.back(), 1.0);
  // A stop during the search (the second report) and during the themes (the first report past one half) is
  // obeyed at once.
  for (const bool in_search : {true, false}) {
    int calls = 0;
    int after_stop = 0;
    bool stopped = false;
    const auto stop = [&](std::string_view, double f) {
      if (stopped) ++after_stop;
      stopped = stopped || (in_search ? ++calls == 2 : f > 0.5);
      return !stopped;
    };
    EXPECT_THROW((void)automatic.fit({nullptr, &big}, stop), servicedesign::Interrupted);
    EXPECT_TRUE(stopped);
    EXPECT_EQ(after_stop, 0);
  }
}

TEST(Leiden, ClustersSwedishNotesByTopic) {
  const std::vector<std::string> notes{
      "Bussen kommer för sent till hållplatsen", "Bussen går sällan på kvällen", "Hållplatsen saknar tidtabell för bussen",
      "Bussen var full och kom sent", "Biblioteket har för korta öppettider", "Öppettiderna på biblioteket passar inte",
      "Biblioteket borde ha öppet på söndagar", "Bra böcker på biblioteket men korta öppettider",
      "Snöröjningen på gångvägen är dålig", "Gångvägen plogas för sent efter snöfall", "Ingen snöröjning vid skolan",
      "Snöröjningen glömmer cykelvägen och gångvägen"};
  const Labels topic{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  TextPipeline pipeline({.language = Language::swedish});
  std::vector<std::vector<std::string>> docs;
  for (const auto& n : notes) docs.push_back(pipeline.process(n).terms);
  Vectorizer vectorizer;
  const SparseMatrix x = vectorizer.fit_transform(docs);
  const NeighbourGraph g = knn_graph(x, {.neighbours = 3});
  const Clustering c = make_clusterer("leiden", {.seed = 5})->fit({&x, &g});
  EXPECT_EQ(c.themes, 3U);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(topic, c.labels), 1.0);

  // Labels: real words, the topic's own word first, representatives from the theme.
  const auto labels = label_themes(docs, c, &x, &pipeline, {.keywords = 3, .representatives = 2});
  ASSERT_EQ(labels.size(), 3U);
  const std::vector<std::string> expected{"bussen", "biblioteket", "snöröjningen"};
  for (std::size_t t = 0; t < 3; ++t) {
    const auto theme = static_cast<std::size_t>(c.labels[t * 4]);
    EXPECT_EQ(labels[theme].size, 4U);
    const auto& words = labels[theme].keywords;
    EXPECT_NE(std::find(words.begin(), words.end(), expected[t]), words.end()) << expected[t];
    ASSERT_EQ(labels[theme].representatives.size(), 2U);
    for (auto note : labels[theme].representatives) EXPECT_EQ(c.labels[note], c.labels[t * 4]);
  }
}

TEST(Labels, ClassBasedTfidfFavoursTermsOfOneTheme) {
  const std::vector<std::vector<std::string>> docs{{"buss", "sen"}, {"buss", "sen"}, {"sen", "bok"}, {"bok"}};
  const Clustering c = canonical_clustering({0, 0, 1, 1});
  const auto labels = label_themes(docs, c);
  // A = 7 words / 2 themes; f(buss) = 2, f(sen) = 3, f(bok) = 2; theme 0 has 4 words, theme 1 has 3.
  ASSERT_EQ(labels[0].keywords, (std::vector<std::string>{"buss", "sen"}));
  EXPECT_NEAR(labels[0].scores[0], 2.0 / 4.0 * std::log(1.0 + 3.5 / 2.0), 1e-12);
  EXPECT_NEAR(labels[0].scores[1], 2.0 / 4.0 * std::log(1.0 + 3.5 / 3.0), 1e-12);
  EXPECT_EQ(labels[1].keywords[0], "bok");
  EXPECT_NEAR(labels[1].scores[0], 2.0 / 3.0 * std::log(1.0 + 3.5 / 2.0), 1e-12);
  EXPECT_EQ(labels[1].representatives, (std::vector<std::size_t>{2, 3}));  // no vectors: the theme's first notes
  EXPECT_THROW((void)label_themes({{"a"}}, c), servicedesign::InvalidInput);
}

// One theme: "a b" three times, "a c", "c d". By c-TF-IDF alone a > b > c > d (a: 0.4 ln 3.5, b: 0.3 ln(10/3 + 1),
// c: 0.2 ln 6, d: 0.1 ln 11); but b only ever appears with a (co-occurrence 3/√12 ≈ 0.87), c much less so (1/√8).
// With diversity 0.3, MMR picks a, then c (0.7·0.715 − 0.3·0.354 = 0.394 beats b's 0.7·0.878 − 0.3·0.866 = 0.355
// and d's 0.7·0.479 = 0.335), then b.
TEST(Labels, DiversityPassesOverWordsThatOnlyComeWithAChosenOne) {
  const std::vector<std::vector<std::string>> docs{{"a", "b"}, {"a", "b"}, {"a", "b"}, {"a", "c"}, {"c", "d"}};
  const Clustering one = canonical_clustering({0, 0, 0, 0, 0});
  EXPECT_EQ(label_themes(docs, one, nullptr, nullptr, {.keywords = 3, .diversity = 0.0})[0].keywords,
            (std::vector<std::string>{"a", "b", "c"}));
  const auto diverse = label_themes(docs, one, nullptr, nullptr, {.keywords = 3, .diversity = 0.3})[0];
  EXPECT_EQ(diverse.keywords, (std::vector<std::string>{"a", "c", "b"}));
  EXPECT_NEAR(diverse.scores[1], 0.2 * std::log(6.0), 1e-12);  // scores stay the c-TF-IDF of each keyword
  EXPECT_THROW((void)label_themes(docs, one, nullptr, nullptr, {.diversity = 1.5}), servicedesign::InvalidInput);
}

// Hand-made themes in each language where general words ("måste", "gäller", "får" …) are as frequent as the
// topic word: the topic words lead the keywords, and a general word never ranks before one of them.
TEST(Labels, GeneralWordsComeAfterTheThemesTopicWords) {
  struct Case {
    Language language;
    std::vector<std::string> notes;  // four about the first topic, four about the second
    std::string topic_a, topic_b;    // as shown (surface forms)
  };
  const std::vector<Case> cases{
      {Language::swedish,
       {"Det gäller bussen, den måste komma i tid", "Bussen måste gå oftare, det gäller kvällen",
        "Man får vänta länge på bussen, det gäller alla", "Bussen måste ha fler avgångar",
        "Biblioteket måste ha öppet på helgen", "Det gäller biblioteket, man får inte låna",
        "Biblioteket borde ha bättre öppettider", "Man får inte plats på biblioteket, det gäller alla"},
       "bussen", "biblioteket"},
      {Language::norwegian,
       {"Det gjelder bussen, den må komme i tide", "Bussen må gå oftere, det gjelder kvelden",
        "Man får vente lenge på bussen, det gjelder alle", "Bussen må ha flere avganger",
        "Biblioteket må ha åpent i helgen", "Det gjelder biblioteket, man får ikke låne",
        "Biblioteket burde ha bedre åpningstider", "Man får ikke plass på biblioteket, det gjelder alle"},
       "bussen", "biblioteket"},
      {Language::danish,
       {"Det gælder bussen, den skal komme til tiden", "Bussen skal køre oftere, det gælder aftenen",
        "Man får lov at vente længe på bussen, det gælder alle", "Bussen skal have flere afgange",
        "Biblioteket skal have åbent i weekenden", "Det gælder biblioteket, man får ikke lov at låne",
        "Biblioteket burde have bedre åbningstider", "Man får ikke plads på biblioteket, det gælder alle"},
       "bussen", "biblioteket"},
      {Language::english,
       {"The bus must come on time, it really needs fixing", "The bus must run more often, it really matters",
        "You get to wait long for the bus, really", "The bus must have more departures",
        "The library must open at weekends", "You really cannot get books at the library",
        "The library must have better opening hours", "You get no seat at the library, really"},
       "bus", "library"},
  };
  for (const Case& test : cases) {
    TextPipeline pipeline({.language = test.language});
    std::vector<std::vector<std::string>> docs;
    for (const auto& note : test.notes) docs.push_back(pipeline.process(note).terms);
    const Clustering c = canonical_clustering({0, 0, 0, 0, 1, 1, 1, 1});
    const auto by_score = label_themes(docs, c, nullptr, &pipeline, {.keywords = 6, .diversity = 0.0});
    for (std::size_t theme = 0; theme < 2; ++theme) {
      const auto& words = by_score[theme].keywords;
      EXPECT_EQ(words.front(), theme == 0 ? test.topic_a : test.topic_b) << to_code(test.language);
      bool general_seen = false;
      for (const auto& word : words) {
        const bool general = is_general_word(word, test.language);
        EXPECT_FALSE(general_seen && !general) << to_code(test.language) << ": " << word << " after a general word";
        general_seen = general_seen || general;
      }
    }
    const auto usual = label_themes(docs, c, nullptr, &pipeline);  // the default diversity: still the topic first
    EXPECT_EQ(usual[0].keywords.front(), test.topic_a) << to_code(test.language);
    EXPECT_EQ(usual[1].keywords.front(), test.topic_b) << to_code(test.language);
  }
  // Without the weighting, these general words would lead: "måste" is in three of the four bus notes.
  EXPECT_TRUE(is_general_word("måste", Language::swedish));
  EXPECT_TRUE(is_general_word("gjelder", Language::norwegian));
  EXPECT_FALSE(is_general_word("bussen", Language::swedish));
  // A theme of general words only still gets keywords.
  TextPipeline swedish({.language = Language::swedish});
  const auto only = label_themes({swedish.process("måste gäller").terms, swedish.process("gäller får").terms},
                                 canonical_clustering({0, 0}), nullptr, &swedish);
  EXPECT_FALSE(only[0].keywords.empty());
}

// ---------------------------------------------------------------------------------------------------
// Spherical k-means

namespace {
// `groups` topics of `size` notes; each note has its topic's three words and one shared word.
SparseMatrix topics(std::size_t groups, std::size_t size, Labels& truth) {
  std::vector<std::vector<std::string>> docs;
  truth.clear();
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t i = 0; i < size; ++i) {
      const std::string t = "topic" + std::to_string(g);
      docs.push_back({t + "a", t + "b", i % 2 ? t + "c" : t + "a", "common" + std::to_string(i % 3)});
      truth.push_back(static_cast<std::int32_t>(g));
    }
  }
  return Vectorizer().fit_transform(docs);
}
}  // namespace

TEST(KMeans, RecoversSeparatedTopicsAndIsDeterministic) {
  Labels truth;
  const SparseMatrix x = topics(4, 12, truth);
  const Clustering a = KMeansClusterer({.k = 4, .seed = 1}).fit({&x, nullptr});
  EXPECT_EQ(a.themes, 4U);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(truth, a.labels), 1.0);
  EXPECT_GT(a.quality, 0.5);
  for (std::uint64_t seed : {2, 3, 4}) {
    EXPECT_EQ(KMeansClusterer({.k = 4, .seed = seed}).fit({&x, nullptr}).themes, 4U);
  }
  EXPECT_EQ(KMeansClusterer({.k = 4, .seed = 1}).fit({&x, nullptr}).labels, a.labels);
  // Through the registry, k as a parameter.
  const Clustering b = make_clusterer("kmeans", {.seed = 1, .values = {{"k", 4.0}}})->fit({&x, nullptr});
  EXPECT_EQ(b.labels, a.labels);
}

TEST(KMeans, BadParametersAndInput) {
  Labels truth;
  const SparseMatrix x = topics(2, 3, truth);
  EXPECT_THROW(KMeansClusterer({.k = 0}), servicedesign::InvalidInput);
  EXPECT_THROW((void)KMeansClusterer({.k = 7}).fit({&x, nullptr}), servicedesign::InvalidInput);  // 6 notes
  EXPECT_THROW((void)KMeansClusterer({.k = 2}).fit({}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("kmeans"), servicedesign::InvalidInput);  // k missing
  EXPECT_THROW((void)make_clusterer("kmeans", {.seed = 0, .values = {{"k", 2.5}}}), servicedesign::InvalidInput);
  // k = number of notes: every note its own theme.
  EXPECT_EQ(KMeansClusterer({.k = 6}).fit({&x, nullptr}).themes, 6U);
}

// ---------------------------------------------------------------------------------------------------
// Registry

namespace {
// A researcher's clusterer: notes with an even index in one theme, odd in another.
class Parity : public Clusterer {
 public:
  [[nodiscard]] std::string name() const override { return "parity"; }
  Clustering fit(const ClusterInput& input, const ClusterProgress&) override {
    Labels labels(input.size());
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::int32_t>(i % 2);
    return canonical_clustering(labels);
  }
};
}  // namespace

TEST(ClustererRegistry, RegisteredClusterersAreMadeByName) {
  register_clusterer("parity", [](const ClustererParams&) { return std::make_unique<Parity>(); });
  const auto names = clusterer_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "parity"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "leiden"), names.end());
  const NeighbourGraph g = ring_of_cliques(2, 3);
  EXPECT_EQ(make_clusterer("parity")->fit({nullptr, &g}).labels, (Labels{0, 1, 0, 1, 0, 1}));
  EXPECT_TRUE(unregister_clusterer("parity"));
  EXPECT_FALSE(unregister_clusterer("parity"));
  EXPECT_THROW((void)make_clusterer("parity"), servicedesign::NotFound);
  auto leiden = make_clusterer("leiden", {.seed = 1, .values = {{"resolution", 2.0}}});
  EXPECT_EQ(leiden->name(), "leiden");
  try {
    (void)make_clusterer("kmeans-typo");
    FAIL() << "no error";
  } catch (const servicedesign::NotFound& e) {
    EXPECT_NE(std::string(e.what()).find("leiden"), std::string::npos) << e.what();
  }
}

TEST(MatchThemes, ThemesKeepTheirNumbersAcrossARerun) {
  // Previous run: themes 0, 1, 2; notes 6-7 are new (-1). The rerun numbers the same groups differently,
  // splits nothing, and finds one new theme among the new notes.
  const Labels previous{0, 0, 1, 1, 2, 2, -1, -1};
  const Labels current{2, 2, 0, 0, 1, 1, 3, 3};
  EXPECT_EQ(match_themes(previous, current), (Labels{0, 0, 1, 1, 2, 2, 3, 3}));
  // A theme that overlaps too little with any old one gets a new number after the largest old one.
  EXPECT_EQ(match_themes({0, 0, 0, 0, 1, 1}, {0, 1, 2, 3, 4, 4}), (Labels{2, 3, 4, 5, 1, 1}));
  // A merge keeps the better-matching number (ties: the lower old number).
  EXPECT_EQ(match_themes({0, 0, 1, 1}, {0, 0, 0, 0}), (Labels{0, 0, 0, 0}));
  EXPECT_EQ(match_themes({0, 1}, {-1, 0}), (Labels{-1, 1}));
  EXPECT_THROW((void)match_themes({0}, {0, 1}), servicedesign::InvalidInput);
}

TEST(CanonicalClustering, NumbersThemesBySizeThenFirstNote) {
  const Clustering c = canonical_clustering({7, 3, 3, 9, 7, 3});
  EXPECT_EQ(c.labels, (Labels{1, 0, 0, 2, 1, 0}));
  EXPECT_EQ(c.themes, 3U);
}

// ---------------------------------------------------------------------------------------------------
// Metrics (reference values from scikit-learn 1.5's documentation examples and definitions)

TEST(Metrics, MatchScikitLearnOnAHandCheckedExample) {
  const Labels truth{0, 0, 0, 1, 1, 1};
  const Labels found{0, 0, 1, 1, 2, 2};
  EXPECT_NEAR(adjusted_rand_index(truth, found), 0.24242424242424246, 1e-12);
  EXPECT_NEAR(normalized_mutual_information(truth, found), 0.5158037429793889, 1e-12);
  const VMeasure v = v_measure(truth, found);
  EXPECT_NEAR(v.homogeneity, 0.6666666666666669, 1e-12);
  EXPECT_NEAR(v.completeness, 0.420619835714305, 1e-12);
  EXPECT_NEAR(v.v_measure, 0.5158037429793889, 1e-12);
}

TEST(Metrics, InvariantToRenamingAndZeroForIndependence) {
  EXPECT_DOUBLE_EQ(adjusted_rand_index({0, 0, 1, 1}, {5, 5, 2, 2}), 1.0);
  EXPECT_DOUBLE_EQ(normalized_mutual_information({0, 0, 1, 1}, {5, 5, 2, 2}), 1.0);
  EXPECT_NEAR(normalized_mutual_information({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0, 1e-12);
  EXPECT_LT(adjusted_rand_index({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0);  // worse than chance
  EXPECT_THROW((void)adjusted_rand_index({0, 1}, {0}), servicedesign::InvalidInput);
}
