// Shared by the sparse and the combined neighbour search: each note's nearest notes by sparse dot product.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights::detail {

// (similarity, note) pairs, best first (ties: lower note), at most `keep` per note, only above `min_similarity`.
// `min_similarity` must be at least 0.
using Nearest = std::vector<std::vector<std::pair<double, std::uint32_t>>>;

// Through an inverted index: only notes sharing a term are compared. Memory O(threads · n · keep + nonzeros)
// (each thread keeps its own bounded lists; fewer threads are used where that would pass about 1 GB).
// `progress` (may be empty) is called from the calling thread with the share done; false stops every thread
// and throws Interrupted.
// `threads_limit`: at most this many threads (0: one per core).
Nearest nearest_by_sparse(const SparseMatrix& x, std::size_t keep, double min_similarity,
                          const std::function<bool(double)>& progress = {}, std::size_t threads_limit = 0);

// Each note's `keep` nearest by a search that reads at most `posting_limit` notes of a term's posting list: half
// the notes where the term weighs most, half those nearest to the note in weight on it. Cost O(nonzeros ·
// posting_limit) however common the terms. Candidates are ranked by their similarity through what was read; the
// `rescored` best get their exact dot product, and the best of those are kept. Approximate where a term is in
// more than `posting_limit` notes; exact otherwise. Each note's list depends on nothing else: the same for any
// number of threads.
Nearest nearest_by_bounded_postings(const SparseMatrix& x, std::size_t keep, double min_similarity,
                                    std::size_t posting_limit, std::size_t rescored,
                                    const std::function<bool(double)>& progress = {}, std::size_t threads_limit = 0);

// The posting limit KnnOptions::automatic stands for: KnnOptions::unlimited (exact) while the exact search's
// pairs stay within a budget linear in the notes, else a limit that keeps the cost near-linear.
std::size_t automatic_posting_limit(const SparseMatrix& x);

// For the thread that reports (block 0): asks `progress` (may be empty) with `fraction` and raises `stop` when it
// says no or throws (rethrown, so that the other threads stop too); every thread then throws Interrupted once
// `stop` is raised.
inline void report_or_stop(std::size_t block, const std::function<bool(double)>& progress, double fraction,
                           std::atomic<bool>& stop) {
  if (block == 0 && progress) {
    try {
      if (!progress(fraction)) stop = true;
    } catch (...) {
      stop = true;
      throw;
    }
  }
  if (stop.load()) throw Interrupted("neighbour search cancelled");
}

// The symmetric graph of each note's nearest (an edge when either end has the other among its nearest).
NeighbourGraph graph_of(std::size_t nodes, const Nearest& nearest);

// Orders (similarity, note) pairs best first, ties by the lower note.
inline bool better(const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

}  // namespace servicedesign::insights::detail
