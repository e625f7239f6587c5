// Graphs shared by the insights tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::testing::insights {

using servicedesign::insights::NeighbourGraph;

// `cliques` cliques of `size` nodes (weight 1), clique c joined to clique c+1 (cyclically) by one edge.
inline NeighbourGraph ring_of_cliques(std::size_t cliques, std::size_t size) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::size_t c = 0; c < cliques; ++c) {
    const auto base = static_cast<std::uint32_t>(c * size);
    for (std::uint32_t i = 0; i < size; ++i) {
      for (std::uint32_t j = i + 1; j < size; ++j) edges.emplace_back(base + i, base + j, 1.0);
    }
    edges.emplace_back(base, static_cast<std::uint32_t>(((c + 1) % cliques) * size + 1), 1.0);
  }
  return NeighbourGraph::from_edges(cliques * size, edges);
}

}  // namespace servicedesign::testing::insights
