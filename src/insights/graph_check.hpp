// Internal: the structural check of a NeighbourGraph that the graph clusterers share.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights::detail {

// NeighbourGraph::validate() with the caller named, and ids that fit in 32 bits with room for merges.
inline void check_graph(const NeighbourGraph& graph, const std::string& who) {
  try {
    graph.validate();
  } catch (const InvalidInput& e) {
    throw InvalidInput(who + ": " + e.what());
  }
  if (graph.nodes >= std::numeric_limits<std::uint32_t>::max() / 2) {
    throw InvalidInput(who + ": too many notes (" + std::to_string(graph.nodes) + ")");
  }
}

}  // namespace servicedesign::insights::detail
