// Clusterings themselves: their canonical numbering, modularity, and the parts every clusterer shares.
#include "servicedesign/insights/cluster.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "graph_check.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

std::size_t ClusterInput::size() const noexcept {
  if (graph != nullptr) return graph->nodes;
  return vectors != nullptr ? vectors->rows : 0;
}

double ClustererParams::get(const std::string& name, double fallback) const {
  const auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

Clustering canonical_clustering(const std::vector<std::int32_t>& labels, double quality) {
  std::map<std::int32_t, std::pair<std::size_t, std::size_t>> stats;  // label -> (size, first note)
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) continue;  // no theme
    auto [it, inserted] = stats.try_emplace(labels[i], 0, i);
    ++it->second.first;
  }
  std::vector<std::pair<std::int32_t, std::pair<std::size_t, std::size_t>>> order(stats.begin(), stats.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second < b.second.second;
  });
  std::map<std::int32_t, std::int32_t> renumber;
  for (std::size_t k = 0; k < order.size(); ++k) renumber[order[k].first] = static_cast<std::int32_t>(k);
  Clustering out;
  out.labels.reserve(labels.size());
  for (auto l : labels) out.labels.push_back(l < 0 ? -1 : renumber[l]);
  out.themes = order.size();
  out.quality = quality;
  return out;
}

double modularity(const NeighbourGraph& graph, const std::vector<std::int32_t>& labels, double resolution) {
  detail::check_graph(graph, "modularity");
  if (labels.size() != graph.nodes) {
    throw InvalidInput("modularity: " + std::to_string(labels.size()) + " labels for a graph of " + std::to_string(graph.nodes) + " nodes");
  }
  std::map<std::int32_t, std::pair<double, double>> per;  // label -> (inside weight, degree sum)
  double two_m = 0.0;
  for (std::size_t u = 0; u < graph.nodes; ++u) {
    auto& [inside, total] = per[labels[u]];
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      total += graph.weight[e];
      two_m += graph.weight[e];
      if (labels[graph.neighbour[e]] == labels[u]) inside += graph.weight[e];
    }
  }
  if (two_m <= 0.0) return 0.0;
  double q = 0.0;
  for (const auto& [label, stats] : per) q += stats.first / two_m - resolution * (stats.second / two_m) * (stats.second / two_m);
  return q;
}

}  // namespace servicedesign::insights
