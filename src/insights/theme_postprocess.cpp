// What follows a clustering: tiny themes joined to their neighbours, and theme numbers kept across reruns.
#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "graph_check.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights {

Clustering absorb_small_themes(const NeighbourGraph& graph, const Clustering& themes, std::size_t min_size,
                               const std::vector<std::size_t>& notes_per_node) {
  detail::check_graph(graph, "absorb_small_themes");
  if (themes.labels.size() != graph.nodes) {
    throw InvalidInput("absorb_small_themes: " + std::to_string(themes.labels.size()) + " labels for a graph of " +
                       std::to_string(graph.nodes) + " nodes");
  }
  if (!notes_per_node.empty() && notes_per_node.size() != graph.nodes) {
    throw InvalidInput("absorb_small_themes: notes_per_node has " + std::to_string(notes_per_node.size()) +
                       " counts for a graph of " + std::to_string(graph.nodes) + " nodes (one per node)");
  }
  const auto empty_node = std::find(notes_per_node.begin(), notes_per_node.end(), std::size_t{0});
  if (empty_node != notes_per_node.end()) {
    throw InvalidInput("absorb_small_themes: notes_per_node[" + std::to_string(empty_node - notes_per_node.begin()) +
                       "] is 0; every node stands for at least one note");
  }
  const auto notes_of = [&notes_per_node](std::size_t v) { return notes_per_node.empty() ? 1 : notes_per_node[v]; };
  std::vector<std::int32_t> label = themes.labels;
  std::size_t count = 0;
  for (const auto l : label) count = std::max(count, static_cast<std::size_t>(std::max(l, -1) + 1));
  std::vector<std::vector<std::uint32_t>> members(count);
  std::vector<std::size_t> size(count, 0);  // in notes
  for (std::size_t v = 0; v < label.size(); ++v) {
    if (label[v] >= 0) {
      members[static_cast<std::size_t>(label[v])].push_back(static_cast<std::uint32_t>(v));
      size[static_cast<std::size_t>(label[v])] += notes_of(v);
    }
  }
  // Smallest first (ties: the higher number, i.e. the later theme in canonical order); a theme that grew
  // since it was queued is queued again with its new size.
  using Entry = std::pair<std::size_t, std::int32_t>;
  const auto later_first = [](const Entry& a, const Entry& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
  std::priority_queue<Entry, std::vector<Entry>, decltype(later_first)> queue(later_first);
  for (std::size_t t = 0; t < count; ++t) {
    if (!members[t].empty() && size[t] < min_size) queue.emplace(size[t], static_cast<std::int32_t>(t));
  }
  std::vector<double> link(count, 0.0);
  std::vector<std::int32_t> linked;
  while (!queue.empty()) {
    const auto [queued_size, theme] = queue.top();
    queue.pop();
    auto& own = members[static_cast<std::size_t>(theme)];
    if (own.empty() || size[static_cast<std::size_t>(theme)] != queued_size) continue;  // stale: absorbed, or grown
    linked.clear();
    for (const auto v : own) {
      for (std::size_t e = graph.start[v]; e < graph.start[v + 1]; ++e) {
        const std::int32_t other = label[graph.neighbour[e]];
        if (other < 0 || other == theme || !(graph.weight[e] > 0.0)) continue;
        if (link[static_cast<std::size_t>(other)] == 0.0) linked.push_back(other);
        link[static_cast<std::size_t>(other)] += graph.weight[e];
      }
    }
    std::int32_t target = -1;
    for (const auto other : linked) {
      const auto o = static_cast<std::size_t>(other);
      if (target < 0) {
        target = other;
        continue;
      }
      const auto t = static_cast<std::size_t>(target);
      if (link[o] > link[t] || (link[o] == link[t] && (size[o] > size[t] || (size[o] == size[t] && other < target)))) {
        target = other;
      }
    }
    for (const auto other : linked) link[static_cast<std::size_t>(other)] = 0.0;
    if (target < 0) continue;  // linked to no other theme: it stays as it is
    const auto into_theme = static_cast<std::size_t>(target);
    auto& into = members[into_theme];
    for (const auto v : own) label[v] = target;
    into.insert(into.end(), own.begin(), own.end());
    size[into_theme] += size[static_cast<std::size_t>(theme)];
    size[static_cast<std::size_t>(theme)] = 0;
    own.clear();
    if (size[into_theme] < min_size) queue.emplace(size[into_theme], target);
  }
  Clustering out = canonical_clustering(label, themes.quality);
  out.resolution = themes.resolution;
  return out;
}

std::vector<std::int32_t> match_themes(const std::vector<std::int32_t>& previous, const std::vector<std::int32_t>& current,
                                       double min_overlap) {
  if (previous.size() != current.size()) {
    throw InvalidInput("match_themes: " + std::to_string(previous.size()) + " previous labels for " +
                       std::to_string(current.size()) + " notes");
  }
  // Sizes over the notes labelled in both runs, and the overlap of each pair of themes.
  std::map<std::int32_t, double> old_size, new_size;
  std::map<std::pair<std::int32_t, std::int32_t>, double> both;
  std::int32_t largest = -1;
  for (std::size_t i = 0; i < current.size(); ++i) {
    largest = std::max(largest, previous[i]);
    if (previous[i] < 0 || current[i] < 0) continue;
    old_size[previous[i]] += 1.0;
    new_size[current[i]] += 1.0;
    both[{previous[i], current[i]}] += 1.0;
  }
  std::vector<std::tuple<double, std::int32_t, std::int32_t>> pairs;
  for (const auto& [pair, n] : both) {
    const double jaccard = n / (old_size[pair.first] + new_size[pair.second] - n);
    if (jaccard >= min_overlap) pairs.emplace_back(jaccard, pair.first, pair.second);
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) < std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  std::map<std::int32_t, std::int32_t> renumber;
  std::set<std::int32_t> taken;
  for (const auto& [jaccard, old_theme, new_theme] : pairs) {
    if (renumber.count(new_theme) || taken.count(old_theme)) continue;
    renumber[new_theme] = old_theme;
    taken.insert(old_theme);
  }
  std::vector<std::int32_t> out(current.size(), -1);
  std::set<std::int32_t> seen;
  std::vector<std::int32_t> order;  // current themes in order of their number
  for (auto c : current) {
    if (c >= 0 && seen.insert(c).second) order.push_back(c);
  }
  std::sort(order.begin(), order.end());
  std::int32_t next = largest + 1;
  for (auto c : order) {
    if (!renumber.count(c)) renumber[c] = next++;
  }
  for (std::size_t i = 0; i < current.size(); ++i) out[i] = current[i] < 0 ? -1 : renumber[current[i]];
  return out;
}
}  // namespace servicedesign::insights
