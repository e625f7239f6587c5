// The neighbour search with bounded posting lists: exact when no list is cut, close to exact when lists are
// cut, the same for any number of threads, and chosen automatically only when the exact search is costly.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "servicedesign/insights/vectors.hpp"

namespace {

using namespace servicedesign::insights;

// Notes of a few words from 30 topics plus words common to all: every common word is in most notes.
SparseMatrix notes_with_common_words(std::size_t n) {
  std::mt19937 random(7);
  std::vector<std::vector<std::string>> docs;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> doc;
    const std::size_t topic = i % 30;
    for (int w = 0; w < 4; ++w) doc.push_back("t" + std::to_string(topic) + "w" + std::to_string(random() % 12));
    for (int w = 0; w < 3; ++w) doc.push_back("common" + std::to_string(random() % 6));
    docs.push_back(doc);
  }
  return Vectorizer().fit_transform(docs);
}

std::set<std::pair<std::uint32_t, std::uint32_t>> links(const NeighbourGraph& g) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::uint32_t v = 0; v < g.nodes; ++v) {
    for (std::size_t e = g.start[v]; e < g.start[v + 1]; ++e) out.emplace(v, g.neighbour[e]);
  }
  return out;
}

TEST(BoundedPostings, ExactWhenNoListIsCut) {
  const SparseMatrix x = notes_with_common_words(600);
  const NeighbourGraph exact = knn_graph(x, {.neighbours = 5, .posting_limit = KnnOptions::unlimited});
  const NeighbourGraph bounded = knn_graph(x, {.neighbours = 5, .posting_limit = x.rows});
  ASSERT_EQ(links(bounded), links(exact));
  for (std::size_t e = 0; e < exact.weight.size(); ++e) EXPECT_NEAR(bounded.weight[e], exact.weight[e], 1e-12);
}

// Regression (found from Python: posting_limit=3 on six notes corrupted the heap): when a note meets every
// note through its postings, the accumulator writes one entry past the last before it stops counting.
TEST(BoundedPostings, ANoteThatMeetsEveryNoteStaysInBounds) {
  std::vector<std::vector<std::string>> docs;
  for (int i = 0; i < 6; ++i) docs.push_back({"buss", "sen", "w" + std::to_string(i % 2), "x" + std::to_string(i % 3)});
  const SparseMatrix x = Vectorizer().fit_transform(docs);
  for (const std::size_t limit : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    EXPECT_NO_THROW(knn_graph(x, {.neighbours = 3, .posting_limit = limit}).validate()) << limit;  // ASan: in bounds
  }
  const NeighbourGraph exact = knn_graph(x, {.neighbours = 3, .posting_limit = KnnOptions::unlimited});
  EXPECT_EQ(links(knn_graph(x, {.neighbours = 3, .posting_limit = 6})), links(exact));
}

TEST(BoundedPostings, CutListsFindMostTrueNeighboursWithExactWeights) {
  const SparseMatrix x = notes_with_common_words(3000);
  const NeighbourGraph exact = knn_graph(x, {.neighbours = 10, .posting_limit = KnnOptions::unlimited});
  const NeighbourGraph bounded = knn_graph(x, {.neighbours = 10, .posting_limit = 150});
  const auto truth = links(exact);
  const auto found = links(bounded);
  std::size_t hit = 0;
  for (const auto& link : found) hit += truth.count(link);
  EXPECT_GT(static_cast<double>(hit) / static_cast<double>(truth.size()), 0.8);
  // Every link found carries the exact similarity of its two notes.
  for (std::uint32_t v = 0; v < bounded.nodes; ++v) {
    for (std::size_t e = bounded.start[v]; e < bounded.start[v + 1]; ++e) {
      EXPECT_NEAR(bounded.weight[e], x.row_dot(v, bounded.neighbour[e]), 1e-12);
    }
  }
  // The same graph for any number of threads.
  for (const std::size_t threads : {1U, 3U}) {
    const NeighbourGraph again = knn_graph(x, {.neighbours = 10, .threads = threads, .posting_limit = 150});
    EXPECT_EQ(again.neighbour, bounded.neighbour);
    EXPECT_EQ(again.weight, bounded.weight);
  }
}

TEST(BoundedPostings, TheAutomaticChoiceIsExactOnSmallSets) {
  const SparseMatrix x = notes_with_common_words(800);
  const NeighbourGraph automatic = knn_graph(x, {.neighbours = 5});
  const NeighbourGraph exact = knn_graph(x, {.neighbours = 5, .posting_limit = KnnOptions::unlimited});
  EXPECT_EQ(automatic.neighbour, exact.neighbour);
  EXPECT_EQ(automatic.weight, exact.weight);
}

}  // namespace
