// Average linkage (against a brute-force UPGMA) and HDBSCAN* (on hand-made graphs).
#include <gtest/gtest.h>

#include "graph_fixtures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/hdbscan.hpp>
#include <servicedesign/insights/labels.hpp>
#include <servicedesign/insights/linkage.hpp>
#include <servicedesign/insights/vectors.hpp>
#include <set>
#include <tuple>
#include <vector>

using namespace servicedesign::insights;
using Labels = std::vector<std::int32_t>;
using Edges = std::vector<std::tuple<std::uint32_t, std::uint32_t, double>>;

namespace {

// A random graph of n notes, edge probability p; weights are multiples of 1/8 when `dyadic` (so that sums
// are exact and equal averages are equal doubles: ties are real ties), else uniform in (0, 1).
Edges random_edges(std::size_t n, double p, bool dyadic, std::mt19937_64& random) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_int_distribution<int> eighths(1, 8);
  Edges edges;
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = i + 1; j < n; ++j) {
      if (u(random) < p) edges.emplace_back(i, j, dyadic ? eighths(random) / 8.0 : 0.01 + 0.99 * u(random));
    }
  }
  return edges;
}

// Textbook UPGMA on the full similarity matrix (missing edges 0), O(n³): the pair of active clusters with
// the highest positive average, ties by the smaller (a, b); sums recomputed from the notes at every step.
std::vector<Merge> brute_force_average(std::size_t n, const Edges& edges) {
  std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
  for (const auto& [a, b, x] : edges) w[a][b] = w[b][a] = x;
  std::vector<std::vector<std::size_t>> members(n);
  for (std::size_t i = 0; i < n; ++i) members[i] = {i};
  std::vector<char> active(n, 1);
  std::vector<Merge> merges;
  while (true) {
    double best = 0.0;
    std::size_t ba = 0, bb = 0;
    for (std::size_t a = 0; a < members.size(); ++a) {
      for (std::size_t b = a + 1; b < members.size(); ++b) {
        if (!active[a] || !active[b]) continue;
        double sum = 0.0;
        for (auto i : members[a]) {
          for (auto j : members[b]) sum += w[i][j];
        }
        const double s = sum / (static_cast<double>(members[a].size()) * static_cast<double>(members[b].size()));
        if (s > best) {  // strictly: the first pair in (a, b) order wins ties
          best = s;
          ba = a;
          bb = b;
        }
      }
    }
    if (best <= 0.0) break;
    std::vector<std::size_t> joined = members[ba];
    joined.insert(joined.end(), members[bb].begin(), members[bb].end());
    merges.push_back({static_cast<std::uint32_t>(ba), static_cast<std::uint32_t>(bb), best, joined.size()});
    active[ba] = active[bb] = 0;
    members.push_back(joined);
    active.push_back(1);
  }
  return merges;
}

// Flat labels after the first m brute-force merges.
Labels brute_force_level(std::size_t n, const std::vector<Merge>& merges, std::size_t m) {
  std::vector<std::set<std::size_t>> members(n);
  for (std::size_t i = 0; i < n; ++i) members[i] = {i};
  std::vector<char> active(n, 1);
  for (std::size_t k = 0; k < m; ++k) {
    std::set<std::size_t> joined = members[merges[k].a];
    joined.insert(members[merges[k].b].begin(), members[merges[k].b].end());
    active[merges[k].a] = active[merges[k].b] = 0;
    members.push_back(joined);
    active.push_back(1);
  }
  Labels labels(n, -1);
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (!active[c]) continue;
    for (auto i : members[c]) labels[i] = static_cast<std::int32_t>(c);
  }
  return canonical_clustering(labels).labels;
}

using servicedesign::testing::insights::ring_of_cliques;

// A clique on [first, first + size) with weight w.
void clique(Edges& edges, std::uint32_t first, std::uint32_t size, double w) {
  for (std::uint32_t i = first; i < first + size; ++i) {
    for (std::uint32_t j = i + 1; j < first + size; ++j) edges.emplace_back(i, j, w);
  }
}

const auto cancel = [](std::string_view, double) { return false; };

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Average linkage

TEST(AverageLinkage, HandCheckedPath) {
  // 0 -0.9- 1 -0.5- 2 -0.8- 3: {0,1} at 0.9 (id 4), {2,3} at 0.8 (id 5), then 0.5 / (2·2) = 0.125.
  const NeighbourGraph g = NeighbourGraph::from_edges(4, {{0, 1, 0.9}, {1, 2, 0.5}, {2, 3, 0.8}});
  const Dendrogram tree = average_linkage(g);
  ASSERT_EQ(tree.merges.size(), 3U);
  EXPECT_EQ(tree.components(), 1U);
  const std::vector<std::tuple<std::uint32_t, std::uint32_t, double, std::size_t>> expected{
      {0, 1, 0.9, 2}, {2, 3, 0.8, 2}, {4, 5, 0.125, 4}};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(tree.merges[i].a, std::get<0>(expected[i]));
    EXPECT_EQ(tree.merges[i].b, std::get<1>(expected[i]));
    EXPECT_DOUBLE_EQ(tree.merges[i].similarity, std::get<2>(expected[i]));
    EXPECT_EQ(tree.merges[i].size, std::get<3>(expected[i]));
  }
  const std::vector<double> z = tree.linkage_matrix();
  ASSERT_EQ(z.size(), 12U);
  EXPECT_EQ(z[8], 4.0);
  EXPECT_EQ(z[9], 5.0);
  EXPECT_DOUBLE_EQ(z[10], 0.875);  // distance 1 − 0.125
  EXPECT_EQ(z[11], 4.0);
  EXPECT_EQ(cut(tree, 2).labels, (Labels{0, 0, 1, 1}));
  EXPECT_EQ(cut(tree, 4).labels, (Labels{0, 1, 2, 3}));
  EXPECT_EQ(cut_at_similarity(tree, 0.85).labels, (Labels{0, 0, 1, 2}));
  EXPECT_EQ(cut_at_similarity(tree, 0.1).themes, 1U);
  EXPECT_EQ(cut_level(tree, 1).labels, (Labels{0, 0, 1, 2}));
}

TEST(AverageLinkage, SameMergesAsBruteForceUpgma) {
  std::mt19937_64 random(2024);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 3 + static_cast<std::size_t>(trial % 12);
    const bool dyadic = trial % 2 == 0;
    const Edges edges = random_edges(n, trial % 3 == 0 ? 0.2 : 0.5, dyadic, random);
    const NeighbourGraph g = NeighbourGraph::from_edges(n, edges);
    const std::vector<Merge> expected = brute_force_average(n, edges);
    const Dendrogram tree = average_linkage(g);
    ASSERT_EQ(tree.merges.size(), expected.size()) << "trial " << trial;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(tree.merges[i].a, expected[i].a) << "trial " << trial << " merge " << i;
      EXPECT_EQ(tree.merges[i].b, expected[i].b) << "trial " << trial << " merge " << i;
      EXPECT_EQ(tree.merges[i].size, expected[i].size) << "trial " << trial << " merge " << i;
      if (dyadic) {
        EXPECT_EQ(tree.merges[i].similarity, expected[i].similarity) << "trial " << trial << " merge " << i;
      } else {
        EXPECT_NEAR(tree.merges[i].similarity, expected[i].similarity, 1e-12) << "trial " << trial << " merge " << i;
      }
      if (i > 0) {
        EXPECT_LE(tree.merges[i].similarity, tree.merges[i - 1].similarity + 1e-12);  // reducibility
      }
    }
    for (std::size_t k = 1; k <= n; ++k) {
      const std::size_t level = std::min(n - k, expected.size());
      EXPECT_EQ(cut(tree, k).labels, brute_force_level(n, expected, level)) << "trial " << trial << " k " << k;
    }
  }
}

TEST(AverageLinkage, ComponentsNeverMergeAndScipyMatrixIsCompleted) {
  Edges edges;
  clique(edges, 0, 3, 0.5);
  clique(edges, 3, 3, 0.7);
  const NeighbourGraph g = NeighbourGraph::from_edges(7, edges);  // note 6 has no neighbour
  const Dendrogram tree = average_linkage(g);
  EXPECT_EQ(tree.merges.size(), 4U);
  EXPECT_EQ(tree.components(), 3U);
  EXPECT_EQ(cut(tree, 1).themes, 3U);  // never fewer than the components
  EXPECT_EQ(cut(tree, 1).labels, (Labels{0, 0, 0, 1, 1, 1, 2}));
  const std::vector<double> z = tree.linkage_matrix();
  ASSERT_EQ(z.size(), 6U * 4U);
  // Merges 0-3 make ids 7-10 ({3,4,5} is id 8, {0,1,2} id 10); then 6 joins 8 into 11 and 11 joins 10.
  EXPECT_EQ(std::vector<double>(z.begin() + 16, z.end()), (std::vector<double>{6, 8, 1.0, 4, 10, 11, 1.0, 7}));
  for (std::size_t i = 1; i < 6; ++i) EXPECT_LE(z[4 * (i - 1) + 2], z[4 * i + 2]);  // distances do not decrease
}

TEST(AverageLinkage, AutomaticLevelMaximisesModularity) {
  const NeighbourGraph g = ring_of_cliques(6, 5);
  AverageClusterer average;
  const Clustering c = average.fit({nullptr, &g});
  ASSERT_EQ(c.themes, 6U);
  for (std::size_t node = 0; node < g.nodes; ++node) EXPECT_EQ(c.labels[node], c.labels[(node / 5) * 5]) << node;
  EXPECT_NEAR(c.quality, modularity(g, c.labels), 1e-12);
  // Against every level of the dendrogram, on random graphs too.
  std::mt19937_64 random(5);
  for (int trial = 0; trial < 10; ++trial) {
    const NeighbourGraph r = NeighbourGraph::from_edges(20, random_edges(20, 0.2, false, random));
    AverageClusterer automatic;
    const Clustering chosen = automatic.fit({nullptr, &r});
    double best = -1.0;
    for (std::size_t m = 0; m <= automatic.dendrogram().merges.size(); ++m) {
      best = std::max(best, modularity(r, cut_level(automatic.dendrogram(), m).labels));
    }
    EXPECT_NEAR(chosen.quality, best, 1e-9) << "trial " << trial;
  }
}

TEST(AverageLinkage, ClustererByCountOrThresholdAndDeterministic) {
  const NeighbourGraph g = NeighbourGraph::from_edges(4, {{0, 1, 0.9}, {1, 2, 0.5}, {2, 3, 0.8}});
  EXPECT_EQ(make_clusterer("average", {.seed = 0, .values = {{"k", 2.0}}})->fit({nullptr, &g}).labels, (Labels{0, 0, 1, 1}));
  EXPECT_EQ(make_clusterer("average", {.seed = 0, .values = {{"threshold", 0.85}}})->fit({nullptr, &g}).labels,
            (Labels{0, 0, 1, 2}));
  std::mt19937_64 random(9);
  const NeighbourGraph r = NeighbourGraph::from_edges(40, random_edges(40, 0.15, true, random));
  EXPECT_EQ(AverageClusterer({.k = 5}).fit({nullptr, &r}).labels, AverageClusterer({.k = 5}).fit({nullptr, &r}).labels);
  EXPECT_EQ(average_linkage(r).linkage_matrix(), average_linkage(r).linkage_matrix());
}

TEST(AverageLinkage, BadParametersAndCancellation) {
  const NeighbourGraph g = ring_of_cliques(3, 3);
  EXPECT_THROW((void)AverageClusterer({.k = 10}).fit({nullptr, &g}), servicedesign::InvalidInput);  // 9 notes
  EXPECT_THROW((void)AverageClusterer().fit({}), servicedesign::InvalidInput);
  EXPECT_THROW(AverageClusterer({.k = 2, .threshold = 0.3}), servicedesign::InvalidInput);
  EXPECT_THROW(AverageClusterer({.threshold = std::nan("")}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("average", {.seed = 0, .values = {{"k", 0.0}}}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("average", {.seed = 0, .values = {{"k", 2.5}}}), servicedesign::InvalidInput);
  const Dendrogram tree = average_linkage(g);
  EXPECT_THROW((void)cut(tree, 0), servicedesign::InvalidInput);
  EXPECT_THROW((void)cut(tree, 10), servicedesign::InvalidInput);
  EXPECT_THROW((void)cut_level(tree, 9), servicedesign::InvalidInput);
  EXPECT_THROW((void)cut_at_similarity(tree, std::nan("")), servicedesign::InvalidInput);
  Dendrogram broken = tree;
  broken.merges[0].b = 30;
  EXPECT_THROW((void)cut_level(broken, 1), servicedesign::InvalidInput);
  EXPECT_THROW((void)average_linkage(g, cancel), servicedesign::Interrupted);
  try {
    (void)make_clusterer("average", {.seed = 0, .values = {{"k", 0.0}}});
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "average: k must be a whole number >= 1 (got 0)");
  }
  EXPECT_EQ(average_linkage(NeighbourGraph::from_edges(1, {})).linkage_matrix().size(), 0U);
}

// ---------------------------------------------------------------------------------------------------
// HDBSCAN*

namespace {
// Two blobs of 10 (cliques of weight 0.9) bridged by one edge of 0.1; notes 20-23 hang off them weakly.
NeighbourGraph blobs_and_noise() {
  Edges edges;
  clique(edges, 0, 10, 0.9);
  clique(edges, 10, 10, 0.9);
  edges.emplace_back(9, 10, 0.1);
  edges.emplace_back(20, 3, 0.2);
  edges.emplace_back(21, 12, 0.3);
  edges.emplace_back(21, 15, 0.25);
  edges.emplace_back(22, 20, 0.4);  // linked to a theme only through 20
  return NeighbourGraph::from_edges(24, edges);  // 23: no neighbour at all
}
}  // namespace

TEST(Hdbscan, TwoBlobsAndNoise) {
  const NeighbourGraph g = blobs_and_noise();
  const HdbscanResult r = hdbscan(g, {.min_cluster_size = 5});
  // min_samples = 5: a core distance is the distance to the 5th neighbour, 1 − 0.9 in the blobs; the
  // scattered notes have fewer neighbours, so an infinite core distance and no place in the forest.
  EXPECT_NEAR(r.core_distance[0], 0.1, 1e-12);
  EXPECT_TRUE(std::isinf(r.core_distance[20]));
  ASSERT_EQ(r.stability.size(), 2U);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(r.labels[i], i < 10 ? 0 : 1) << i;
  for (std::size_t i = 20; i < 24; ++i) EXPECT_EQ(r.labels[i], -1) << i;
  // Each blob is born when the bridge (distance 0.9) goes and its notes leave at distance 0.1.
  EXPECT_NEAR(r.stability[0], 10.0 * (1.0 / 0.1 - 1.0 / 0.9), 1e-9);

  // The clusterer: noise joins its most similar themed neighbour's theme, in rounds (22 via 20); 23 stays out.
  const Clustering c = HdbscanClusterer({.min_cluster_size = 5}).fit({nullptr, &g});
  EXPECT_EQ(c.themes, 2U);
  EXPECT_EQ(c.labels[20], c.labels[3]);
  EXPECT_EQ(c.labels[21], c.labels[12]);
  EXPECT_EQ(c.labels[22], c.labels[3]);
  EXPECT_EQ(c.labels[23], -1);
  EXPECT_NEAR(c.quality, r.stability[0] + r.stability[1], 1e-9);
  // A threshold keeps weak links out: 20 (0.2) and so 22; 21 joins at 0.3.
  const Clustering strict = make_clusterer("hdbscan", {.seed = 0, .values = {{"min_cluster_size", 5.0}, {"reassign_threshold", 0.3}}})
                                ->fit({nullptr, &g});
  EXPECT_EQ(strict.labels[20], -1);
  EXPECT_EQ(strict.labels[22], -1);
  EXPECT_EQ(strict.labels[21], strict.labels[12]);
  EXPECT_EQ(strict.themes, 2U);
}

TEST(Hdbscan, ExcessOfMassChoosesParentOrChildren) {
  // Two components, each two cliques of 5 (mcs 5, min_samples 2: the core distance is inside the clique).
  // Both components are born at λ = 0 and split at λ_b = 1 / (1 − bridge); the cliques die at λ_in.
  // Parent: 10·λ_b; children together 10·(λ_in − λ_b): the children win when λ_in > 2 λ_b.
  Edges edges;
  clique(edges, 0, 5, 0.9);  // λ_in = 10, bridge 0.5: λ_b = 2 -> children (80 > 20)
  clique(edges, 5, 5, 0.9);
  edges.emplace_back(4, 5, 0.5);
  clique(edges, 10, 5, 0.85);  // λ_in = 6.67, bridge 0.8: λ_b = 5 -> parent (16.7 < 50)
  clique(edges, 15, 5, 0.85);
  edges.emplace_back(14, 15, 0.8);
  const NeighbourGraph g = NeighbourGraph::from_edges(20, edges);
  const HdbscanResult r = hdbscan(g, {.min_cluster_size = 5, .min_samples = 2});
  ASSERT_EQ(r.stability.size(), 3U);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(r.labels[i], r.labels[0]);
  for (std::size_t i = 5; i < 10; ++i) EXPECT_EQ(r.labels[i], r.labels[5]);
  for (std::size_t i = 10; i < 20; ++i) EXPECT_EQ(r.labels[i], r.labels[10]);
  EXPECT_NE(r.labels[0], r.labels[5]);
  EXPECT_NE(r.labels[0], r.labels[10]);
  EXPECT_NE(r.labels[5], r.labels[10]);
  EXPECT_NEAR(r.stability[static_cast<std::size_t>(r.labels[0])], 5.0 * (1.0 / 0.1 - 1.0 / 0.5), 1e-9);
  EXPECT_NEAR(r.stability[static_cast<std::size_t>(r.labels[10])], 10.0 * (1.0 / 0.2), 1e-9);
}

TEST(Hdbscan, TiedJoinsAreOneSplit) {
  // Cliques 0-4 and 5-9 (0.9) meet only through note 10 (0.5 to notes 0 and 5). With min_samples 1 the
  // core distance of 10 is 0.5, so both of its edges have mutual reachability 0.5: at λ = 2 the root falls
  // apart into the two cliques and note 10 alone, which leaves the root there (noise), whichever of its
  // tied edges Kruskal took first (a binary tree would put it briefly into one clique's cluster).
  Edges edges;
  clique(edges, 0, 5, 0.9);
  clique(edges, 5, 5, 0.9);
  edges.emplace_back(0, 10, 0.5);
  edges.emplace_back(5, 10, 0.5);
  const NeighbourGraph g = NeighbourGraph::from_edges(11, edges);
  const HdbscanResult r = hdbscan(g, {.min_cluster_size = 5, .min_samples = 1});
  EXPECT_EQ(r.labels, (Labels{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1}));
  ASSERT_EQ(r.stability.size(), 2U);
  EXPECT_NEAR(r.stability[0], 5.0 * (1.0 / 0.1 - 1.0 / 0.5), 1e-9);
  // Reassigned: both links are 0.5; the lower neighbour (note 0) decides.
  const Clustering c = HdbscanClusterer({.min_cluster_size = 5, .min_samples = 1}).fit({nullptr, &g});
  EXPECT_EQ(c.labels[10], c.labels[0]);
}

TEST(Hdbscan, OneBlobIsAllNoiseWithoutReassignment) {
  // The root is never chosen: a single blob without structure has no theme (hdbscan's default).
  Edges edges;
  clique(edges, 0, 8, 0.9);
  const NeighbourGraph g = NeighbourGraph::from_edges(8, edges);
  const HdbscanResult r = hdbscan(g, {.min_cluster_size = 3});
  EXPECT_EQ(std::count(r.labels.begin(), r.labels.end(), -1), 8);
  const Clustering c = HdbscanClusterer({.min_cluster_size = 3}).fit({nullptr, &g});
  EXPECT_EQ(c.themes, 0U);
}

TEST(Hdbscan, CoreDistanceIsTheMinSamplesThNeighbour) {
  const NeighbourGraph g = NeighbourGraph::from_edges(4, {{0, 1, 0.9}, {0, 2, 0.6}, {0, 3, 0.3}});
  EXPECT_NEAR(hdbscan(g, {.min_cluster_size = 2, .min_samples = 1}).core_distance[0], 0.1, 1e-12);
  EXPECT_NEAR(hdbscan(g, {.min_cluster_size = 2, .min_samples = 2}).core_distance[0], 0.4, 1e-12);
  EXPECT_NEAR(hdbscan(g, {.min_cluster_size = 2, .min_samples = 3}).core_distance[0], 0.7, 1e-12);
  EXPECT_TRUE(std::isinf(hdbscan(g, {.min_cluster_size = 2, .min_samples = 4}).core_distance[0]));
  EXPECT_NEAR(hdbscan(g, {.min_cluster_size = 2, .min_samples = 1}).core_distance[1], 0.1, 1e-12);
  EXPECT_TRUE(std::isinf(hdbscan(g, {.min_cluster_size = 2, .min_samples = 2}).core_distance[1]));
}

TEST(Hdbscan, DeterministicAndIndependentOfEdgeOrder) {
  // Two cliques of 12 (0.9) in a random graph of weaker links (below 0.5).
  std::mt19937_64 random(3);
  Edges edges = random_edges(60, 0.1, false, random);
  for (auto& e : edges) std::get<2>(e) *= 0.5;
  clique(edges, 0, 12, 0.9);
  clique(edges, 30, 12, 0.9);
  const NeighbourGraph g = NeighbourGraph::from_edges(60, edges);
  std::reverse(edges.begin(), edges.end());
  const NeighbourGraph same = NeighbourGraph::from_edges(60, edges);
  const Clustering a = HdbscanClusterer().fit({nullptr, &g});

  EXPECT_EQ(a.labels, HdbscanClusterer().fit({nullptr, &g}).labels);
  EXPECT_EQ(a.labels, HdbscanClusterer().fit({nullptr, &same}).labels);
  EXPECT_GE(a.themes, 2U);
  EXPECT_NE(a.labels[0], a.labels[30]);
  for (std::uint32_t i = 1; i < 12; ++i) {
    EXPECT_EQ(a.labels[i], a.labels[0]);
    EXPECT_EQ(a.labels[30 + i], a.labels[30]);
  }
}

TEST(Hdbscan, BadParametersAndCancellation) {
  const NeighbourGraph g = blobs_and_noise();
  EXPECT_THROW(HdbscanClusterer({.min_cluster_size = 1}), servicedesign::InvalidInput);
  EXPECT_THROW(HdbscanClusterer({.reassign_threshold = std::nan("")}), servicedesign::InvalidInput);
  EXPECT_THROW((void)hdbscan(g, {.min_cluster_size = 0}), servicedesign::InvalidInput);
  EXPECT_THROW((void)HdbscanClusterer().fit({}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("hdbscan", {.seed = 0, .values = {{"min_cluster_size", 1.0}}}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("hdbscan", {.seed = 0, .values = {{"min_samples", 0.0}}}), servicedesign::InvalidInput);
  EXPECT_THROW((void)make_clusterer("hdbscan", {.seed = 0, .values = {{"min_cluster_size", 4.5}}}), servicedesign::InvalidInput);
  try {
    (void)HdbscanClusterer({.min_cluster_size = 1});
  } catch (const servicedesign::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "hdbscan: min_cluster_size must be at least 2 (got 1)");
  }
  EXPECT_THROW((void)HdbscanClusterer().fit({nullptr, &g}, cancel), servicedesign::Interrupted);
  const NeighbourGraph empty = NeighbourGraph::from_edges(0, {});
  EXPECT_EQ(HdbscanClusterer().fit({nullptr, &empty}).themes, 0U);
}

// ---------------------------------------------------------------------------------------------------
// Noise through the rest of the pipeline

TEST(NoiseLabels, SurviveCanonicalNumberingAndLabelling) {
  const Clustering c = canonical_clustering({-1, 5, 5, -1, 2, 2, 2});
  EXPECT_EQ(c.labels, (Labels{-1, 1, 1, -1, 0, 0, 0}));
  EXPECT_EQ(c.themes, 2U);
  const auto labels = label_themes({{"x"}, {"buss"}, {"buss"}, {"x"}, {"bok"}, {"bok"}, {"bok"}}, c);
  ASSERT_EQ(labels.size(), 2U);
  EXPECT_EQ(labels[0].size, 3U);
  EXPECT_EQ(labels[0].keywords, (std::vector<std::string>{"bok"}));  // "x" belongs to no theme
  EXPECT_EQ(labels[1].keywords, (std::vector<std::string>{"buss"}));
}
