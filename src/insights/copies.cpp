#include "copies.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <servicedesign/core/error.hpp>
#include <utility>

namespace servicedesign::insights::detail {

namespace {

// One row as unit-length (term, weight) entries: by column (to score exactly) and rarest term first (to index).
struct UnitRows {
  std::vector<std::size_t> start;
  std::vector<std::uint32_t> col;
  std::vector<double> value;
  std::vector<std::uint32_t> by_rarity;  // positions within the row's entries, rarest term first
};

UnitRows unit_rows(const SparseMatrix& x, const std::vector<std::size_t>& rows, std::vector<std::uint32_t>& rank) {
  UnitRows u;
  u.start.reserve(rows.size() + 1);
  u.start.push_back(0);
  std::vector<std::size_t> df(x.cols, 0);
  for (const std::size_t r : rows) {
    double norm = 0.0;
    for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) norm += x.value[k] * x.value[k];
    norm = std::sqrt(norm);
    for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) {
      if (x.value[k] == 0.0 || !(norm > 0.0)) continue;
      u.col.push_back(x.col[k]);
      u.value.push_back(x.value[k] / norm);
      ++df[x.col[k]];
    }
    u.start.push_back(u.col.size());
  }
  // Rank of each term: rarest first (ties: the lower column), so that the order is the same on every run.
  std::vector<std::uint32_t> order(x.cols);
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&df](std::uint32_t a, std::uint32_t b) { return df[a] < df[b]; });
  rank.assign(x.cols, 0);
  for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<std::uint32_t>(i);
  u.by_rarity.resize(u.col.size());
  for (std::size_t g = 0; g + 1 < u.start.size(); ++g) {
    const auto first = u.by_rarity.begin() + static_cast<std::ptrdiff_t>(u.start[g]);
    const auto last = u.by_rarity.begin() + static_cast<std::ptrdiff_t>(u.start[g + 1]);
    std::iota(first, last, 0U);
    std::sort(first, last, [&](std::uint32_t a, std::uint32_t b) {
      return rank[u.col[u.start[g] + a]] < rank[u.col[u.start[g] + b]];
    });
  }
  return u;
}

double dot(const UnitRows& u, std::size_t a, std::size_t b) {
  double sum = 0.0;
  std::size_t i = u.start[a];
  std::size_t j = u.start[b];
  while (i < u.start[a + 1] && j < u.start[b + 1]) {
    if (u.col[i] < u.col[j]) {
      ++i;
    } else if (u.col[j] < u.col[i]) {
      ++j;
    } else {
      sum += u.value[i++] * u.value[j++];
    }
  }
  return sum;
}

}  // namespace

std::vector<std::size_t> near_copy_leaders(const SparseMatrix& x, const std::vector<std::size_t>& rows, double threshold,
                                           const std::function<bool(double)>& progress) {
  const std::size_t groups = rows.size();
  std::vector<std::size_t> leader(groups);
  std::iota(leader.begin(), leader.end(), std::size_t{0});
  if (groups < 2) return leader;
  std::vector<std::uint32_t> rank;
  const UnitRows u = unit_rows(x, rows, rank);
  // Only what is certain to be at least `threshold` counts: the suffix left unindexed keeps its squared
  // length a hair below threshold², so a rounding can only index a term more, never one fewer.
  const double unindexed_limit = threshold * threshold * (1.0 - 1e-9);
  std::vector<std::vector<std::uint32_t>> postings(x.cols);  // leaders whose indexed prefix holds the term
  std::vector<std::uint8_t> seen(groups, 0);
  std::vector<std::uint32_t> candidates;
  for (std::size_t g = 0; g < groups; ++g) {
    // Often enough that Ctrl-C stops the search within a second even on long notes (each asks Python for signals).
    if (progress && g % 256 == 0 && !progress(static_cast<double>(g) / static_cast<double>(groups))) {
      throw Interrupted("near copies: cancelled");
    }
    candidates.clear();
    for (std::size_t k = u.start[g]; k < u.start[g + 1]; ++k) {
      for (const std::uint32_t h : postings[u.col[k]]) {
        if (seen[h] == 0) {
          seen[h] = 1;
          candidates.push_back(h);
        }
      }
    }
    std::size_t best = g;
    double best_similarity = 0.0;
    for (const std::uint32_t h : candidates) {
      seen[h] = 0;
      const double similarity = dot(u, g, h);
      if (similarity >= threshold && (best == g || similarity > best_similarity || (similarity == best_similarity && h < best))) {
        best = h;
        best_similarity = similarity;
      }
    }
    leader[g] = best;
    if (best != g) continue;
    // A new leader: index the rarest terms, leaving unindexed a suffix of squared length below threshold².
    double suffix = 0.0;
    std::size_t indexed = u.start[g + 1] - u.start[g];
    while (indexed > 0) {
      const double v = u.value[u.start[g] + u.by_rarity[u.start[g] + indexed - 1]];
      if (suffix + v * v >= unindexed_limit) break;
      suffix += v * v;
      --indexed;
    }
    for (std::size_t i = 0; i < indexed; ++i) {
      postings[u.col[u.start[g] + u.by_rarity[u.start[g] + i]]].push_back(static_cast<std::uint32_t>(g));
    }
  }
  if (progress && !progress(1.0)) throw Interrupted("near copies: cancelled");
  return leader;
}

}  // namespace servicedesign::insights::detail
