// Internal: the structural check of a NeighbourGraph that the graph clusterers share.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights::detail {

// Sizes consistent, neighbours in range, no NaN weight, ids fit in 32 bits with room for merges.
inline void check_graph(const NeighbourGraph& graph, const std::string& who) {
  if (graph.start.size() != graph.nodes + 1 || graph.neighbour.size() != graph.weight.size() ||
      graph.start.back() != graph.neighbour.size()) {
    throw InvalidInput(who + ": the graph's start array must have nodes + 1 entries ending at the number of edge ends");
  }
  if (graph.nodes >= std::numeric_limits<std::uint32_t>::max() / 2) {
    throw InvalidInput(who + ": too many notes (" + std::to_string(graph.nodes) + ")");
  }
  for (std::size_t e = 0; e < graph.neighbour.size(); ++e) {
    if (graph.neighbour[e] >= graph.nodes) {
      throw InvalidInput(who + ": an edge leads to note " + std::to_string(graph.neighbour[e]) + " of " +
                         std::to_string(graph.nodes));
    }
    if (std::isnan(graph.weight[e])) throw InvalidInput(who + ": an edge weight is NaN");
  }
}

}  // namespace servicedesign::insights::detail
