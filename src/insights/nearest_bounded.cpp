// The sparse neighbour search with bounded posting lists: near-linear cost where a few terms are in very many
// notes (character n-grams of common words, a dominant topic's word), at the price of an approximation that
// the benchmark measures (recall against the exact search). See docs/insights.md.
#include <algorithm>
#include <atomic>
#include <numeric>

#include "../core/parallel.hpp"
#include "nearest.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights::detail {

namespace {
// The exact search scores every pair of notes that share a term: about `pairs` below, 5e9 taking some twenty
// seconds here. Up to that it is used (banking77's 13,083 questions: 2e8 pairs; SIB-200: 2e6); beyond it, the
// postings are bounded (bench/insights/run.py --scale reports the recall of every run).
constexpr double exact_pair_budget = 5e9;
constexpr std::size_t default_posting_limit = 1000;
}  // namespace

std::size_t automatic_posting_limit(const SparseMatrix& x) {
  std::vector<double> df(x.cols, 0.0);
  for (const auto c : x.col) df[c] += 1.0;
  double pairs = 0.0;
  for (const double d : df) pairs += d * d / 2.0;
  return pairs <= exact_pair_budget ? KnnOptions::unlimited : default_posting_limit;
}

Nearest nearest_by_bounded_postings(const SparseMatrix& x, std::size_t keep, double min_similarity,
                                    std::size_t posting_limit, std::size_t rescored,
                                    const std::function<bool(double)>& progress, std::size_t threads_limit) {
  Nearest nearest(x.rows);
  if (keep == 0 || x.rows < 2) return nearest;
  // Each term's notes sorted by their weight on it (highest first; ties: the lower note), and where each entry of
  // x sits in its term's list. A note reads the whole list of a term in at most `posting_limit` notes, and of a
  // more common term only the `posting_limit` notes nearest to it in that order: those whose weight on the term
  // is closest to its own. Notes alike weigh a shared term alike (copies exactly alike), so they meet there,
  // however common the term.
  std::vector<std::size_t> start(x.cols + 1, 0);
  for (const auto c : x.col) ++start[c + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  struct Entry {
    double value;
    std::uint32_t row;
    std::size_t at;  // the entry's index in x
  };
  std::vector<Entry> entries(x.nonzeros());
  {
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
        entries[fill[x.col[e]]++] = {x.value[e], static_cast<std::uint32_t>(r), e};
      }
    }
  }
  std::vector<std::uint32_t> posting(x.nonzeros());
  std::vector<double> posting_value(x.nonzeros());
  std::vector<std::size_t> position(x.nonzeros());
  for (std::size_t c = 0; c < x.cols; ++c) {
    const auto first = entries.begin() + static_cast<std::ptrdiff_t>(start[c]);
    const auto last = entries.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
    if (start[c + 1] - start[c] > posting_limit) {
      std::sort(first, last, [](const Entry& a, const Entry& b) { return a.value != b.value ? a.value > b.value : a.row < b.row; });
    }
    for (std::size_t p = start[c]; p < start[c + 1]; ++p) {
      posting[p] = entries[p].row;
      posting_value[p] = entries[p].value;
      position[entries[p].at] = p;
    }
  }
  std::vector<Entry>().swap(entries);
  // The postings a note reads for its entry e: [a, b) and [c, d) (the second empty when not needed).
  struct Ranges {
    std::size_t a, b, c, d;
  };
  const auto window = [&](std::size_t e) -> Ranges {
    const std::uint32_t col = x.col[e];
    const std::size_t first = start[col], last = start[col + 1];
    if (last - first <= posting_limit) return {first, last, last, last};
    // Half the budget on the term's heaviest notes, half on the notes nearest to this one in weight.
    const std::size_t head = posting_limit / 2, near = posting_limit - head;
    std::size_t lo = position[e] > first + near / 2 ? position[e] - near / 2 : first;
    const std::size_t hi = std::min(last, lo + near);
    lo = hi - near;
    if (lo <= first + head) return {first, std::max(hi, first + head), last, last};
    return {first, first + head, lo, hi};
  };

  // Each note on its own: the partial similarity through the kept postings ranks candidates, the best
  // `rescored` of them get their exact cosine, and the `keep` best of those are the note's nearest. A note's
  // list depends on nothing but the note, so any number of threads gives the same lists.
  const std::size_t threads = servicedesign::detail::threads_for(
      x.rows, static_cast<double>(posting_limit) * static_cast<double>(x.nonzeros()) / static_cast<double>(x.rows),
      threads_limit);
  constexpr std::size_t chunk = 256;
  const std::size_t chunks = (x.rows + chunk - 1) / chunk;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  servicedesign::detail::parallel_blocks(threads, threads, [&](std::size_t, std::size_t, std::size_t block) {
    // Sparse accumulator without a branch in the inner loop (as the exact search's): `touched` gets each note
    // met once; a flag, not the score, marks a note as met.
    std::vector<double> score(x.rows, 0.0);
    std::vector<char> met_already(x.rows, 0);
    // One slot more than there are notes: once every note is met, the next posting still writes (and does not
    // count) one entry past the last.
    std::vector<std::uint32_t> touched(x.rows + 1);
    std::vector<std::pair<double, std::uint32_t>> candidates;
    std::vector<double> own(x.cols, 0.0);  // the note's row, spread out: a candidate's exact dot reads only its own row
    for (std::size_t c = next++; c < chunks; c = next++) {
      report_or_stop(block, progress, static_cast<double>(c) / static_cast<double>(chunks), stop);
      for (std::size_t r = c * chunk; r < std::min(x.rows, (c + 1) * chunk); ++r) {
        std::size_t met = 0;
        for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
          const double value = x.value[e];
          const Ranges ranges = window(e);
          for (const auto& [from, to] : {std::pair{ranges.a, ranges.b}, std::pair{ranges.c, ranges.d}}) {
            for (std::size_t p = from; p < to; ++p) {
              const std::uint32_t other = posting[p];
              touched[met] = other;
              met += met_already[other] == 0 ? 1U : 0U;
              met_already[other] = 1;
              score[other] += value * posting_value[p];
            }
          }
        }
        candidates.clear();
        for (std::size_t i = 0; i < met; ++i) {
          const std::uint32_t other = touched[i];
          if (other != r) candidates.emplace_back(score[other], other);
          score[other] = 0.0;
          met_already[other] = 0;
        }
        const std::size_t best = std::min(rescored, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(best), candidates.end(),
                          better);
        candidates.resize(best);
        for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) own[x.col[e]] = x.value[e];
        for (auto& [similarity, other] : candidates) {
          double dot = 0.0;
          for (std::size_t e = x.row_start[other]; e < x.row_start[other + 1]; ++e) dot += own[x.col[e]] * x.value[e];
          similarity = dot;
        }
        for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) own[x.col[e]] = 0.0;
        std::erase_if(candidates, [&](const auto& found) { return !(found.first > min_similarity); });
        const std::size_t kept = std::min(keep, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end(),
                          better);
        nearest[r].assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept));
      }
    }
  });
  return nearest;
}

}  // namespace servicedesign::insights::detail
