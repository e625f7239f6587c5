// Dense vectors: LSA checked against exact linear algebra, the dense neighbour search (exact and HNSW) and
// the neighbour graph that mixes sparse and dense similarity.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/dense.hpp>
#include <servicedesign/insights/metrics.hpp>
#include <servicedesign/insights/vectors.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace {

using namespace servicedesign::insights;
using servicedesign::InvalidInput;
using servicedesign::testing::thrown_by;

// A random sparse matrix with unit rows: `rows` notes over `cols` terms, about `per_row` terms each.
SparseMatrix random_sparse(std::size_t rows, std::size_t cols, std::size_t per_row, std::uint32_t seed) {
  std::mt19937 engine(seed);
  SparseMatrix x;
  x.rows = rows;
  x.cols = cols;
  x.row_start.push_back(0);
  for (std::size_t r = 0; r < rows; ++r) {
    std::set<std::uint32_t> terms;
    while (terms.size() < per_row) terms.insert(static_cast<std::uint32_t>(engine() % cols));
    for (const auto t : terms) {
      x.col.push_back(t);
      x.value.push_back(1.0 + static_cast<double>(engine() % 5));
    }
    x.row_start.push_back(x.col.size());
  }
  x.normalize_rows();
  return x;
}

double dense_dot(const DenseMatrix& z, std::size_t a, std::size_t b) {
  double s = 0.0;
  for (std::size_t c = 0; c < z.cols; ++c) s += static_cast<double>(z.values[a * z.cols + c]) * z.values[b * z.cols + c];
  return s;
}

std::set<std::pair<std::uint32_t, std::uint32_t>> edges_of(const NeighbourGraph& g) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::size_t u = 0; u < g.nodes; ++u) {
    for (std::size_t e = g.start[u]; e < g.start[u + 1]; ++e) {
      if (g.neighbour[e] > u) out.emplace(static_cast<std::uint32_t>(u), g.neighbour[e]);
    }
  }
  return out;
}

// With as many dimensions as the matrix has rank, LSA loses nothing: Z Zᵀ = X Xᵀ (every dot product of
// two notes is kept), the columns are orthogonal and ordered by decreasing singular value.
TEST(Lsa, FullRankKeepsEveryDotProduct) {
  const SparseMatrix x = random_sparse(30, 12, 3, 5);  // rank at most 12
  const DenseMatrix z = lsa(x, {.dimensions = 12, .seed = 3, .normalize = false});
  ASSERT_EQ(z.rows, 30U);
  ASSERT_EQ(z.cols, 12U);
  for (std::size_t a = 0; a < x.rows; ++a) {
    for (std::size_t b = 0; b < x.rows; ++b) EXPECT_NEAR(dense_dot(z, a, b), x.row_dot(a, b), 1e-5) << a << "," << b;
  }
  double previous = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < z.cols; ++i) {
    double norm = 0.0;
    for (std::size_t j = 0; j < z.cols; ++j) {
      double s = 0.0;
      for (std::size_t r = 0; r < z.rows; ++r) s += static_cast<double>(z.values[r * z.cols + i]) * z.values[r * z.cols + j];
      if (i == j) norm = s;
      else EXPECT_NEAR(s, 0.0, 1e-5);
    }
    EXPECT_LE(norm, previous + 1e-9);  // σ² in decreasing order
    previous = norm;
  }
}

// Two words that always occur together are one direction for LSA: notes that share no word but each use
// one of them come out similar, while a note on another topic does not.
TEST(Lsa, NotesWithCooccurringWordsBecomeSimilar) {
  // terms: 0 buss, 1 hållplats, 2 sen, 3 bok, 4 bibliotek
  const auto note = [](std::vector<std::uint32_t> terms) { return terms; };
  const std::vector<std::vector<std::uint32_t>> notes{note({0, 1}), note({0, 1, 2}), note({0, 1}), note({1, 2}),
                                                      note({0, 2}), note({3, 4}),    note({3, 4}), note({4})};
  SparseMatrix x;
  x.rows = notes.size();
  x.cols = 5;
  x.row_start.push_back(0);
  for (const auto& terms : notes) {
    for (const auto t : terms) {
      x.col.push_back(t);
      x.value.push_back(1.0);
    }
    x.row_start.push_back(x.col.size());
  }
  x.normalize_rows();
  const DenseMatrix z = lsa(x, {.dimensions = 2, .seed = 1});
  EXPECT_NEAR(x.row_dot(3, 4), 0.5, 1e-12);  // "hållplats sen" and "buss sen" share one word of two
  EXPECT_GT(dense_dot(z, 3, 4), 0.9);        // in the bus direction they are nearly the same
  EXPECT_LT(std::abs(dense_dot(z, 3, 6)), 0.1);  // the library note is orthogonal
  const DenseMatrix again = lsa(x, {.dimensions = 2, .seed = 1});
  EXPECT_EQ(again.values, z.values);  // reproducible for a seed
  EXPECT_THROW((void)lsa(x, {.dimensions = 0}), InvalidInput);
}

// Unit vectors in a few clusters, as embeddings of notes on a few topics.
DenseMatrix clustered_vectors(std::size_t n, std::size_t dims, std::uint32_t seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<double> noise(0.0, 0.35);
  DenseMatrix z;
  z.rows = n;
  z.cols = dims;
  z.values.resize(n * dims);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < dims; ++c) z.values[r * dims + c] = static_cast<float>((c % 8 == r % 8 ? 1.0 : 0.0) + noise(engine));
  }
  normalize_rows(z);
  return z;
}

TEST(DenseKnn, HnswFindsNearlyAllTrueNeighbours) {
  const DenseMatrix z = clustered_vectors(2000, 32, 9);
  const auto exact = edges_of(knn_graph(z.view(), {.neighbours = 10, .exact_limit = 10000}));
  const auto approximate = edges_of(knn_graph(z.view(), {.neighbours = 10, .exact_limit = 0, .seed = 4}));
  std::size_t found = 0;
  for (const auto& e : exact) found += approximate.count(e);
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(exact.size()), 0.95);
  // The same seed builds the same index.
  EXPECT_EQ(approximate, edges_of(knn_graph(z.view(), {.neighbours = 10, .exact_limit = 0, .seed = 4})));
}

TEST(DenseKnn, WeightZeroIsTheSparseGraphAndWeightOneTheDenseGraph) {
  const SparseMatrix x = random_sparse(200, 60, 4, 2);
  const DenseMatrix z = lsa(x, {.dimensions = 20, .seed = 2});
  const NeighbourGraph sparse = knn_graph(x, {.neighbours = 5});
  const NeighbourGraph mixed0 = knn_graph(x, z.view(), {.neighbours = 5}, 0.0);
  EXPECT_EQ(mixed0.neighbour, sparse.neighbour);
  for (std::size_t e = 0; e < sparse.weight.size(); ++e) EXPECT_NEAR(mixed0.weight[e], sparse.weight[e], 1e-12);
  // Weight 1 ranks by the dense vectors: the same edges as the dense graph (candidates include the dense
  // nearest), with dense cosines as weights.
  const NeighbourGraph dense = knn_graph(z.view(), {.neighbours = 5});
  const NeighbourGraph mixed1 = knn_graph(x, z.view(), {.neighbours = 5}, 1.0);
  EXPECT_EQ(edges_of(mixed1), edges_of(dense));
  // Cosine: rows of any length give the same graph as unit rows.
  DenseMatrix longer = z;
  for (std::size_t i = 0; i < longer.values.size(); ++i) longer.values[i] *= static_cast<float>(1 + i / longer.cols % 3);
  EXPECT_EQ(edges_of(knn_graph(longer.view(), {.neighbours = 5})), edges_of(dense));
  // Halfway, each weight is the mean of the two similarities.
  const NeighbourGraph half = knn_graph(x, z.view(), {.neighbours = 5}, 0.5);
  for (std::size_t u = 0; u < half.nodes; ++u) {
    for (std::size_t e = half.start[u]; e < half.start[u + 1]; ++e) {
      EXPECT_NEAR(half.weight[e], 0.5 * x.row_dot(u, half.neighbour[e]) + 0.5 * dense_dot(z, u, half.neighbour[e]), 1e-6);
    }
  }
}

TEST(DenseKnn, BadInputIsNamed) {
  const SparseMatrix x = random_sparse(4, 10, 2, 1);
  std::vector<float> values(4 * 3, 0.5F);
  values[7] = std::numeric_limits<float>::quiet_NaN();
  const DenseView with_nan{values.data(), 4, 3};
  auto e = thrown_by<InvalidInput>([&] { (void)knn_graph(with_nan); });
  EXPECT_STREQ(e.what(), "dense vectors: row 2, column 1: the value is NaN or infinite");
  values[7] = 0.5F;
  const DenseView three{values.data(), 3, 3};
  e = thrown_by<InvalidInput>([&] { (void)knn_graph(x, three, {}, 0.5); });
  EXPECT_STREQ(e.what(), "knn_graph: 4 sparse rows but 3 dense vectors");
  const DenseView four{values.data(), 4, 3};
  e = thrown_by<InvalidInput>([&] { (void)knn_graph(x, four, {}, 1.5); });
  EXPECT_STREQ(e.what(), "knn_graph: dense_weight must lie in [0, 1]");
  DenseKnnOptions negative;
  negative.min_similarity = -0.5;
  e = thrown_by<InvalidInput>([&] { (void)knn_graph(four, negative); });
  EXPECT_STREQ(e.what(), "knn_graph: min_similarity must be at least 0");
  e = thrown_by<InvalidInput>([&] { (void)knn_graph(x, four, negative, 0.5); });
  EXPECT_STREQ(e.what(), "knn_graph: min_similarity must be at least 0");
}

}  // namespace

namespace {

// Silhouette by its definition, every pair compared (cosine distance on unit rows), -1 left out.
double silhouette_by_definition(const SparseMatrix& x, const std::vector<std::int32_t>& labels) {
  double total = 0.0;
  double counted = 0.0;
  for (std::size_t i = 0; i < x.rows; ++i) {
    if (labels[i] < 0) continue;
    counted += 1.0;
    std::map<std::int32_t, std::pair<double, double>> to;  // theme -> (sum of distances, count)
    for (std::size_t j = 0; j < x.rows; ++j) {
      if (j == i || labels[j] < 0) continue;
      auto& [sum, count] = to[labels[j]];
      sum += 1.0 - x.row_dot(i, j);
      count += 1.0;
    }
    if (to[labels[i]].second == 0.0) continue;
    const double a = to[labels[i]].first / to[labels[i]].second;
    double b = 1e300;
    for (const auto& [t, sc] : to) {
      if (t != labels[i] && sc.second > 0.0) b = std::min(b, sc.first / sc.second);
    }
    total += (b - a) / std::max(a, b);
  }
  return total / counted;
}

TEST(Silhouette, EqualsTheDefinitionWithoutComparingEveryPair) {
  const SparseMatrix x = random_sparse(120, 40, 4, 8);
  std::mt19937 engine(2);
  for (int round = 0; round < 5; ++round) {
    std::vector<std::int32_t> labels(x.rows);
    for (auto& l : labels) l = static_cast<std::int32_t>(engine() % 6) - (round == 4 ? 1 : 0);  // last: some -1
    EXPECT_NEAR(silhouette(x, labels), silhouette_by_definition(x, labels), 1e-12) << round;
  }
  // Well-separated themes score high: two groups of notes with disjoint words.
  SparseMatrix two;
  two.rows = 6;
  two.cols = 4;
  two.row_start = {0, 1, 2, 3, 4, 5, 6};
  two.col = {0, 0, 0, 1, 1, 1};
  two.value = {1, 1, 1, 1, 1, 1};
  EXPECT_NEAR(silhouette(two, {0, 0, 0, 1, 1, 1}), silhouette_by_definition(two, {0, 0, 0, 1, 1, 1}), 1e-12);
  EXPECT_NEAR(silhouette(two, {0, 0, 0, 1, 1, 1}), 1.0, 1e-12);  // identical within, orthogonal between
  EXPECT_LT(silhouette(two, {0, 1, 0, 1, 0, 1}), 0.0);
  const auto e = thrown_by<InvalidInput>([&] { (void)silhouette(two, {0, 0, 0, 0, 0, 0}); });
  EXPECT_STREQ(e.what(), "silhouette: needs at least two themes, got 1");
}

}  // namespace
