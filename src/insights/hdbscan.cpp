#include "servicedesign/insights/hdbscan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include "graph_check.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double smallest_distance = 1e-6;  // copies: λ stays finite

void check_options(const HdbscanOptions& o) {
  if (o.min_cluster_size < 2) {
    throw InvalidInput("hdbscan: min_cluster_size must be at least 2 (got " + std::to_string(o.min_cluster_size) + ")");
  }
  if (std::isnan(o.reassign_threshold)) throw InvalidInput("hdbscan: reassign_threshold is NaN");
}

void report(const ClusterProgress& progress, double fraction) {
  if (progress && !progress("hdbscan", fraction)) throw Interrupted("clustering cancelled");
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

// The single-linkage tree of the minimum spanning forest: nodes 0 … n−1 are notes, n + i the i-th join.
struct SingleLinkage {
  std::vector<std::size_t> left, right, size;  // of internal node n + i, at index i
  std::vector<double> distance;
  std::vector<std::size_t> roots;              // one per component, increasing
};

// Condensed tree: cluster 0 is the root; a cluster's parent always has a smaller id.
struct Condensed {
  std::vector<std::size_t> parent{0};
  std::vector<double> birth{0.0};
  std::vector<double> stability{0.0};
  std::vector<std::size_t> fell_from;  // per note: the cluster it fell out of
};

class Condenser {
 public:
  Condenser(const SingleLinkage& tree, std::size_t notes, std::size_t min_cluster_size)
      : tree_(tree), n_(notes), min_size_(min_cluster_size) {
    out_.fell_from.assign(notes, 0);
  }

  Condensed run() {
    // The root: the single tree, or a virtual node at λ = 0 above the components.
    if (tree_.roots.size() == 1) {
      stack_.emplace_back(tree_.roots.front(), 0);
    } else {
      split(tree_.roots, 0.0, 0);
    }
    while (!stack_.empty()) {
      const auto [node, cluster] = stack_.back();
      stack_.pop_back();
      if (node < n_) {  // a single note continuing a cluster (only for a one-note graph)
        fall_out(node, 0.0, cluster);
        continue;
      }
      // Joins at the same distance are one multi-way split: the level set's components at that λ,
      // whatever order Kruskal took the tied edges in.
      const double distance = tree_.distance[node - n_];
      pieces_.clear();
      walk_.assign(1, node);
      while (!walk_.empty()) {
        const std::size_t v = walk_.back();
        walk_.pop_back();
        if (v >= n_ && tree_.distance[v - n_] == distance) {
          walk_.push_back(tree_.right[v - n_]);
          walk_.push_back(tree_.left[v - n_]);
        } else {
          pieces_.push_back(v);
        }
      }
      split(pieces_, 1.0 / std::max(distance, smallest_distance), cluster);
    }
    return std::move(out_);
  }

 private:
  [[nodiscard]] std::size_t size_of(std::size_t node) const { return node < n_ ? 1 : tree_.size[node - n_]; }

  // `cluster` separates at `lambda` into `children`: two or more big pieces become new clusters (numbered
  // left to right), a single big piece goes on as `cluster`, small pieces fall out.
  void split(const std::vector<std::size_t>& children, double lambda, std::size_t cluster) {
    const auto big = static_cast<std::size_t>(
        std::count_if(children.begin(), children.end(), [&](std::size_t c) { return size_of(c) >= min_size_; }));
    pending_.clear();
    for (const std::size_t child : children) {
      if (size_of(child) < min_size_) {
        fall_out(child, lambda, cluster);
      } else if (big == 1) {
        pending_.emplace_back(child, cluster);
      } else {
        const std::size_t id = out_.parent.size();
        out_.parent.push_back(cluster);
        out_.birth.push_back(lambda);
        out_.stability.push_back(0.0);
        out_.stability[cluster] += (lambda - out_.birth[cluster]) * static_cast<double>(size_of(child));
        pending_.emplace_back(child, id);
      }
    }
    stack_.insert(stack_.end(), pending_.rbegin(), pending_.rend());  // the left piece is handled first
  }

  // Every note under `node` leaves `cluster` at `lambda`.
  void fall_out(std::size_t node, double lambda, std::size_t cluster) {
    walk_.assign(1, node);
    while (!walk_.empty()) {
      const std::size_t v = walk_.back();
      walk_.pop_back();
      if (v < n_) {
        out_.fell_from[v] = cluster;
        out_.stability[cluster] += lambda - out_.birth[cluster];
      } else {
        walk_.push_back(tree_.left[v - n_]);
        walk_.push_back(tree_.right[v - n_]);
      }
    }
  }

  const SingleLinkage& tree_;
  std::size_t n_;
  std::size_t min_size_;
  Condensed out_;
  std::vector<std::pair<std::size_t, std::size_t>> stack_;  // (tree node, cluster it belongs to)
  std::vector<std::pair<std::size_t, std::size_t>> pending_;
  std::vector<std::size_t> walk_;
  std::vector<std::size_t> pieces_;
};

}  // namespace

HdbscanResult hdbscan(const NeighbourGraph& graph, const HdbscanOptions& options, const ClusterProgress& progress) {
  check_options(options);
  detail::check_graph(graph, "hdbscan");
  const std::size_t n = graph.nodes;
  const std::size_t min_samples = options.min_samples == 0 ? options.min_cluster_size : options.min_samples;
  HdbscanResult result;
  result.labels.assign(n, -1);
  result.core_distance.assign(n, infinity);
  if (n == 0) return result;
  report(progress, 0.0);

  // Core distances: the min_samples-th smallest distance to a neighbour (the note itself not counted).
  std::vector<double> distances;
  for (std::size_t u = 0; u < n; ++u) {
    distances.clear();
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      if (graph.weight[e] > 0.0 && graph.neighbour[e] != u) distances.push_back(1.0 - graph.weight[e]);
    }
    const std::size_t rank = min_samples - 1;  // 0-based among the neighbours
    if (rank < distances.size()) {
      std::nth_element(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(rank), distances.end());
      result.core_distance[u] = distances[rank];
    }
  }

  // Mutual reachability on the edges, then Kruskal (ties by the lower pair of notes).
  std::vector<std::tuple<double, std::uint32_t, std::uint32_t>> edges;
  for (std::size_t u = 0; u < n; ++u) {
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      const std::uint32_t v = graph.neighbour[e];
      if (v <= u || !(graph.weight[e] > 0.0)) continue;
      const double reach = std::max({result.core_distance[u], result.core_distance[v], 1.0 - graph.weight[e]});
      if (reach < infinity) edges.emplace_back(reach, static_cast<std::uint32_t>(u), v);
    }
  }
  std::sort(edges.begin(), edges.end());
  report(progress, 0.3);
  SingleLinkage tree;
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::vector<std::size_t> node_of(n);  // union-find root -> its node in the single-linkage tree
  std::iota(node_of.begin(), node_of.end(), std::size_t{0});
  for (std::size_t k = 0; k < edges.size() && tree.left.size() + 1 < n; ++k) {
    const auto& [reach, u, v] = edges[k];
    const std::size_t ru = find_root(parent, u);
    const std::size_t rv = find_root(parent, v);
    if (ru == rv) continue;
    const std::size_t a = node_of[ru];
    const std::size_t b = node_of[rv];
    tree.left.push_back(a);
    tree.right.push_back(b);
    tree.distance.push_back(reach);
    tree.size.push_back((a < n ? 1 : tree.size[a - n]) + (b < n ? 1 : tree.size[b - n]));
    parent[std::max(ru, rv)] = std::min(ru, rv);
    node_of[std::min(ru, rv)] = n + tree.left.size() - 1;
    if (k % 4096 == 0) report(progress, 0.3 + 0.4 * static_cast<double>(k) / static_cast<double>(edges.size()));
  }
  for (std::size_t u = 0; u < n; ++u) {
    if (find_root(parent, u) == u) tree.roots.push_back(node_of[u]);
  }
  report(progress, 0.7);

  Condensed condensed = Condenser(tree, n, options.min_cluster_size).run();
  report(progress, 0.9);

  // Excess of mass, bottom up (children have higher ids): a cluster is kept when its own stability is at
  // least the best its descendants reach; the root is never chosen.
  const std::size_t clusters = condensed.parent.size();
  std::vector<double> best(clusters, 0.0);
  std::vector<double> children_best(clusters, 0.0);
  std::vector<char> chosen(clusters, 0);
  for (std::size_t c = clusters; c-- > 1;) {
    if (children_best[c] > condensed.stability[c]) {
      best[c] = children_best[c];
    } else {
      best[c] = condensed.stability[c];
      chosen[c] = 1;
    }
    children_best[condensed.parent[c]] += best[c];
  }
  std::vector<std::size_t> theme(clusters, 0);  // the chosen cluster at or above each cluster; 0: none
  for (std::size_t c = 1; c < clusters; ++c) {
    const std::size_t above = theme[condensed.parent[c]];
    theme[c] = above != 0 ? above : (chosen[c] ? c : 0);
  }
  // Themes numbered in order of their first note.
  std::vector<std::int32_t> number(clusters, -1);
  for (std::size_t u = 0; u < n; ++u) {
    const std::size_t t = theme[condensed.fell_from[u]];
    if (t == 0) continue;
    if (number[t] < 0) {
      number[t] = static_cast<std::int32_t>(result.stability.size());
      result.stability.push_back(condensed.stability[t]);
    }
    result.labels[u] = number[t];
  }
  return result;
}

HdbscanClusterer::HdbscanClusterer(HdbscanOptions options) : options_(options) { check_options(options_); }

Clustering HdbscanClusterer::fit(const ClusterInput& input, const ClusterProgress& progress) {
  if (input.graph == nullptr) throw InvalidInput("hdbscan needs the neighbour graph (ClusterInput::graph)");
  const NeighbourGraph& graph = *input.graph;
  const HdbscanResult found = hdbscan(graph, options_, progress);
  std::vector<std::int32_t> labels = found.labels;
  // Noise joins the theme of its most similar themed neighbour (ties: the lower note), in rounds.
  std::vector<std::pair<std::size_t, std::int32_t>> joins;
  do {
    joins.clear();
    for (std::size_t u = 0; u < graph.nodes; ++u) {
      if (labels[u] >= 0) continue;
      double top = -infinity;
      std::int32_t to = -1;
      for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
        const std::int32_t t = labels[graph.neighbour[e]];
        if (t >= 0 && graph.weight[e] > 0.0 && graph.weight[e] > top) {  // neighbours increase: ties keep the lower
          top = graph.weight[e];
          to = t;
        }
      }
      if (to >= 0 && top >= options_.reassign_threshold) joins.emplace_back(u, to);
    }
    for (const auto& [u, t] : joins) labels[u] = t;
  } while (!joins.empty());
  double quality = 0.0;
  for (double s : found.stability) quality += s;
  return canonical_clustering(labels, quality);
}

}  // namespace servicedesign::insights
