// Shared by the sparse and the combined neighbour search: each note's nearest notes by sparse dot product.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights::detail {

// (similarity, note) pairs, best first (ties: lower note), at most `keep` per note, only above `min_similarity`.
// `min_similarity` must be at least 0.
using Nearest = std::vector<std::vector<std::pair<double, std::uint32_t>>>;

// Through an inverted index: only notes sharing a term are compared. Memory O(threads · n · keep + nonzeros)
// (each thread keeps its own bounded lists; fewer threads are used where that would pass about 1 GB).
// `progress` (may be empty) is called from the calling thread with the share done; false stops every thread
// and throws Interrupted.
Nearest nearest_by_sparse(const SparseMatrix& x, std::size_t keep, double min_similarity,
                          const std::function<bool(double)>& progress = {});

// The symmetric graph of each note's nearest (an edge when either end has the other among its nearest).
NeighbourGraph graph_of(std::size_t nodes, const Nearest& nearest);

// Orders (similarity, note) pairs best first, ties by the lower note.
inline bool better(const std::pair<double, std::uint32_t>& a, const std::pair<double, std::uint32_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

}  // namespace servicedesign::insights::detail
