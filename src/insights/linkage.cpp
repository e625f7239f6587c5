#include "servicedesign/insights/linkage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>

#include "graph_check.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

// A candidate merge in the queue; stale once either cluster has been merged (its id is then inactive).
struct Candidate {
  double similarity;
  std::uint32_t a;  // a < b
  std::uint32_t b;
};

// Lower priority: lower similarity, then the larger pair of ids (so ties go to the smaller ids).
struct LowerPriority {
  bool operator()(const Candidate& l, const Candidate& r) const noexcept {
    if (l.similarity != r.similarity) return l.similarity < r.similarity;
    if (l.a != r.a) return l.a > r.a;
    return l.b > r.b;
  }
};

// Size of every cluster id of `tree` (leaves, then merges), after checking the merges refer to existing,
// unmerged clusters.
std::vector<std::size_t> checked_sizes(const Dendrogram& tree) {
  const std::size_t n = tree.nodes;
  std::vector<std::size_t> size(n + tree.merges.size(), 1);
  std::vector<char> used(n + tree.merges.size(), 0);
  for (std::size_t i = 0; i < tree.merges.size(); ++i) {
    const Merge& m = tree.merges[i];
    if (m.a >= m.b || m.b >= n + i || used[m.a] || used[m.b]) {
      throw InvalidInput("dendrogram: merge " + std::to_string(i) + " joins " + std::to_string(m.a) + " and " +
                         std::to_string(m.b) + ", which must be two different clusters existing and unmerged before it (a < b)");
    }
    used[m.a] = used[m.b] = 1;
    size[n + i] = size[m.a] + size[m.b];
  }
  return size;
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

}  // namespace

std::vector<double> Dendrogram::linkage_matrix() const {
  const std::vector<std::size_t> size = checked_sizes(*this);
  std::vector<double> z;
  if (nodes < 2) return z;
  z.reserve(4 * (nodes - 1));
  std::vector<char> merged(nodes + merges.size(), 0);
  for (const Merge& m : merges) {
    z.insert(z.end(), {static_cast<double>(m.a), static_cast<double>(m.b), 1.0 - m.similarity, static_cast<double>(m.size)});
    merged[m.a] = merged[m.b] = 1;
  }
  // Components: join the remaining clusters in order of their ids, at similarity 0.
  std::size_t current = std::numeric_limits<std::size_t>::max();
  std::size_t current_size = 0;
  std::size_t next_id = nodes + merges.size();
  for (std::size_t id = 0; id < merged.size(); ++id) {
    if (merged[id]) continue;
    if (current == std::numeric_limits<std::size_t>::max()) {
      current = id;
      current_size = size[id];
      continue;
    }
    current_size += size[id];
    z.insert(z.end(), {static_cast<double>(std::min(current, id)), static_cast<double>(std::max(current, id)), 1.0,
                       static_cast<double>(current_size)});
    current = next_id++;
  }
  return z;
}

Dendrogram average_linkage(const NeighbourGraph& graph, const ClusterProgress& progress) {
  detail::check_graph(graph, "average_linkage");
  const std::size_t n = graph.nodes;
  Dendrogram tree;
  tree.nodes = n;
  if (n < 2) return tree;
  // Per active cluster: the total edge weight to each neighbouring cluster.
  std::vector<std::unordered_map<std::uint32_t, double>> links(2 * n - 1);
  std::vector<std::size_t> size(2 * n - 1, 1);
  std::vector<char> active(2 * n - 1, 0);
  std::fill(active.begin(), active.begin() + static_cast<std::ptrdiff_t>(n), 1);
  std::priority_queue<Candidate, std::vector<Candidate>, LowerPriority> queue;
  for (std::size_t u = 0; u < n; ++u) {
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      const std::uint32_t v = graph.neighbour[e];
      if (v <= u || !(graph.weight[e] > 0.0)) continue;  // each edge once, from its lower end
      links[u][v] += graph.weight[e];
      links[v][static_cast<std::uint32_t>(u)] += graph.weight[e];
    }
  }
  for (std::size_t u = 0; u < n; ++u) {
    for (const auto& [v, w] : links[u]) {
      if (v > u) queue.push({w, static_cast<std::uint32_t>(u), v});
    }
  }
  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    if (!active[top.a] || !active[top.b]) continue;  // stale: one side was merged since
    if (progress && tree.merges.size() % 256 == 0 &&
        !progress("average linkage", static_cast<double>(tree.merges.size()) / static_cast<double>(n - 1))) {
      throw Interrupted("clustering cancelled");
    }
    const auto c = static_cast<std::uint32_t>(n + tree.merges.size());
    size[c] = size[top.a] + size[top.b];
    tree.merges.push_back({top.a, top.b, top.similarity, size[c]});
    active[top.a] = active[top.b] = 0;
    active[c] = 1;
    // The larger map becomes the new cluster's; the smaller one is added into it.
    const bool a_larger = links[top.a].size() >= links[top.b].size();
    auto& large = links[a_larger ? top.a : top.b];
    auto& small = links[a_larger ? top.b : top.a];
    links[c] = std::move(large);
    for (const auto& [x, w] : small) links[c][x] += w;
    links[top.a] = {};
    links[top.b] = {};
    links[c].erase(top.a);
    links[c].erase(top.b);
    for (const auto& [x, w] : links[c]) {
      auto& theirs = links[x];
      theirs.erase(top.a);
      theirs.erase(top.b);
      theirs[c] = w;
      queue.push({w / (static_cast<double>(size[c]) * static_cast<double>(size[x])), x, c});
    }
  }
  return tree;
}

Clustering cut_level(const Dendrogram& tree, std::size_t merges) {
  (void)checked_sizes(tree);
  if (merges > tree.merges.size()) {
    throw InvalidInput("cut_level: " + std::to_string(merges) + " merges asked of a dendrogram with " +
                       std::to_string(tree.merges.size()));
  }
  const std::size_t n = tree.nodes;
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::vector<std::size_t> note_of(n + merges);  // cluster id -> one of its notes
  std::iota(note_of.begin(), note_of.begin() + static_cast<std::ptrdiff_t>(n), std::size_t{0});
  for (std::size_t i = 0; i < merges; ++i) {
    const std::size_t ra = find_root(parent, note_of[tree.merges[i].a]);
    const std::size_t rb = find_root(parent, note_of[tree.merges[i].b]);
    parent[std::max(ra, rb)] = std::min(ra, rb);
    note_of[n + i] = std::min(ra, rb);
  }
  std::vector<std::int32_t> labels(n);
  for (std::size_t v = 0; v < n; ++v) labels[v] = static_cast<std::int32_t>(find_root(parent, v));
  return canonical_clustering(labels);
}

Clustering cut(const Dendrogram& tree, std::size_t k) {
  if (k == 0 || k > tree.nodes) {
    throw InvalidInput("cut: k = " + std::to_string(k) + " themes for " + std::to_string(tree.nodes) +
                       " notes; k must be between 1 and the number of notes");
  }
  return cut_level(tree, std::min(tree.nodes - k, tree.merges.size()));
}

Clustering cut_at_similarity(const Dendrogram& tree, double threshold) {
  if (std::isnan(threshold)) throw InvalidInput("cut_at_similarity: the threshold is NaN");
  std::size_t merges = 0;
  while (merges < tree.merges.size() && tree.merges[merges].similarity >= threshold) ++merges;
  return cut_level(tree, merges);
}

AverageClusterer::AverageClusterer(AverageOptions options) : options_(options) {
  if (options_.k > 0 && options_.threshold) {
    throw InvalidInput("average: give either k or threshold, not both");
  }
  if (options_.threshold && !std::isfinite(*options_.threshold)) {
    throw InvalidInput("average: threshold must be a finite similarity");
  }
}

Clustering AverageClusterer::fit(const ClusterInput& input, const ClusterProgress& progress) {
  if (input.graph == nullptr) throw InvalidInput("average needs the neighbour graph (ClusterInput::graph)");
  const NeighbourGraph& graph = *input.graph;
  const std::size_t n = graph.nodes;
  if (options_.k > n) {
    throw InvalidInput("average: k = " + std::to_string(options_.k) + " themes for " + std::to_string(n) + " notes");
  }
  tree_ = average_linkage(graph, progress);
  std::size_t level = 0;
  if (options_.k > 0) {
    level = std::min(n - options_.k, tree_.merges.size());
  } else if (options_.threshold) {
    while (level < tree_.merges.size() && tree_.merges[level].similarity >= *options_.threshold) ++level;
  } else {
    // Modularity of each level, one merge at a time: joining A and B adds 2·W(A,B)/2m − 2·K_A·K_B/(2m)².
    std::vector<double> degree(n + tree_.merges.size(), 0.0);
    double two_m = 0.0;
    for (std::size_t u = 0; u < n; ++u) {
      for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
        if (graph.weight[e] > 0.0) degree[u] += graph.weight[e];
      }
      two_m += degree[u];
    }
    if (two_m > 0.0) {
      double q = 0.0;
      double best = 0.0;
      for (std::size_t i = 0; i < tree_.merges.size(); ++i) {
        const Merge& m = tree_.merges[i];
        const double sa = static_cast<double>(m.a < n ? 1 : tree_.merges[m.a - n].size);
        const double sb = static_cast<double>(m.b < n ? 1 : tree_.merges[m.b - n].size);
        const double weight = m.similarity * sa * sb;
        q += 2.0 * weight / two_m - 2.0 * degree[m.a] * degree[m.b] / (two_m * two_m);
        degree[n + i] = degree[m.a] + degree[m.b];
        if (q > best) {
          best = q;
          level = i + 1;
        }
      }
    }
  }
  Clustering out = cut_level(tree_, level);
  out.quality = modularity(graph, out.labels);
  return out;
}

}  // namespace servicedesign::insights
