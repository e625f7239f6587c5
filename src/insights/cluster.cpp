#include "servicedesign/insights/cluster.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <mutex>
#include <numeric>
#include <queue>
#include <set>
#include <sstream>
#include <tuple>
#include <string>
#include <utility>

#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "graph_check.hpp"
#include "named_factories.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/hdbscan.hpp"
#include "servicedesign/insights/linkage.hpp"

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

Clustering absorb_small_themes(const NeighbourGraph& graph, const Clustering& themes, std::size_t min_size,
                               const std::vector<std::size_t>& notes_per_node) {
  detail::check_graph(graph, "absorb_small_themes");
  if (themes.labels.size() != graph.nodes) {
    throw InvalidInput("absorb_small_themes: " + std::to_string(themes.labels.size()) + " labels for a graph of " +
                       std::to_string(graph.nodes) + " nodes");
  }
  if (!notes_per_node.empty() &&
      (notes_per_node.size() != graph.nodes ||
       std::any_of(notes_per_node.begin(), notes_per_node.end(), [](std::size_t c) { return c == 0; }))) {
    throw InvalidInput("absorb_small_themes: notes_per_node must hold one count of at least 1 per node (" +
                       std::to_string(graph.nodes) + "), it has " + std::to_string(notes_per_node.size()));
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

// ---------------------------------------------------------------------------------------------------
// Registry

namespace {

// The whole-number parameter `name` of `who`, at least `least`; throws InvalidInput naming it.
// The parameters of the built-in clusterers, declared once: make_clusterer() checks values against them,
// and the bindings, `servicedesign cluster --help` and docs/insights.md show them.
Parameters leiden_parameters() {
  return {{.name = "resolution", .lower = 0, .default_value = 1.0,
           .description = "Leiden's γ: higher gives more, smaller themes; 0 chooses it for the notes (choose_resolution())"},
          {.name = "ensemble", .whole = true, .lower = 1, .upper = 1000, .default_value = 1.0,
           .description = "runs whose consensus gives the themes (1: a single run)"},
          {.name = "max_levels", .whole = true, .lower = 1, .default_value = 50.0,
           .description = "safety cap on aggregation levels"},
          {.name = "threads", .whole = true, .lower = 0, .default_value = 0.0,
           .description = "threads to use at most (0: one per core); the themes are the same for any number"}};
}

Parameters average_parameters() {
  return {{.name = "k", .whole = true, .lower = 1, .description = "number of themes (none: the level of highest modularity)"},
          {.name = "threshold", .lower = -1, .upper = 1,
           .description = "cut where the average similarity of two themes falls below this (not with k)"}};
}

Parameters hdbscan_parameters() {
  return {{.name = "min_cluster_size", .whole = true, .lower = 2, .default_value = 5.0,
           .description = "the smallest theme; smaller splits are notes falling out"},
          {.name = "min_samples", .whole = true, .lower = 1,
           .description = "the neighbour whose distance is a note's core distance (none: min_cluster_size)"},
          {.name = "reassign_threshold", .lower = 0, .default_value = 0.0,
           .description = "a note outside every theme joins its most similar themed neighbour's theme at least this similar"}};
}

Parameters kmeans_parameters() {
  return {{.name = "k", .whole = true, .lower = 1, .description = "number of themes (required)"},
          {.name = "max_iterations", .whole = true, .lower = 1, .default_value = 100.0,
           .description = "safety cap on assignment rounds"}};
}

std::size_t count(const ClustererParams& p, const char* name) { return static_cast<std::size_t>(p.values.at(name)); }

detail::NamedFactories<ClustererFactory>& registry() {
  static detail::NamedFactories<ClustererFactory> r("clusterer", [](detail::NamedFactories<ClustererFactory>& made) {
    made.add("leiden", [](const ClustererParams& p) {
      LeidenOptions o;
      o.resolution = p.values.at("resolution");
      o.max_levels = count(p, "max_levels");
      o.ensemble = count(p, "ensemble");
      o.threads = count(p, "threads");
      o.seed = p.seed;
      return std::make_unique<LeidenClusterer>(o);
    }, leiden_parameters());
    made.add("average", [](const ClustererParams& p) {
      AverageOptions o;
      if (p.values.count("k")) o.k = count(p, "k");
      if (p.values.count("threshold")) o.threshold = p.values.at("threshold");
      return std::make_unique<AverageClusterer>(o);
    }, average_parameters());
    made.add("hdbscan", [](const ClustererParams& p) {
      HdbscanOptions o;
      o.min_cluster_size = count(p, "min_cluster_size");
      if (p.values.count("min_samples")) o.min_samples = count(p, "min_samples");
      o.reassign_threshold = p.values.at("reassign_threshold");
      return std::make_unique<HdbscanClusterer>(o);
    }, hdbscan_parameters());
    made.add("kmeans", [](const ClustererParams& p) {
      if (!p.values.count("k")) throw InvalidInput("kmeans needs the parameter k, a whole number of themes >= 1");
      KMeansOptions o;
      o.k = count(p, "k");
      o.max_iterations = count(p, "max_iterations");
      o.seed = p.seed;
      return std::make_unique<KMeansClusterer>(o);
    }, kmeans_parameters());
  });
  return r;
}

}  // namespace

void register_clusterer(const std::string& name, ClustererFactory factory, Parameters parameters) {
  registry().add(name, std::move(factory), std::move(parameters));
}

Parameters clusterer_parameters(std::string_view name) { return registry().parameters(name); }

bool unregister_clusterer(const std::string& name) { return registry().remove(name); }

std::unique_ptr<Clusterer> make_clusterer(std::string_view name, const ClustererParams& params) {
  return registry().make(name, params);
}

std::vector<std::string> clusterer_names() { return registry().names(); }

// ---------------------------------------------------------------------------------------------------
// Leiden

namespace {

using servicedesign::detail::Random;  // portable: the same seed gives the same themes with any library

// A weighted graph during Leiden: adjacency without self-loops, and each node's degree (which, for an
// aggregate node, includes the weight inside it; self-loops never change a move's gain).
struct WorkGraph {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> adj;
  std::vector<double> degree;
  double two_m = 0.0;
  [[nodiscard]] std::size_t size() const { return adj.size(); }
};

WorkGraph from_neighbour_graph(const NeighbourGraph& g) {
  WorkGraph w;
  w.adj.resize(g.nodes);
  w.degree.assign(g.nodes, 0.0);
  for (std::size_t u = 0; u < g.nodes; ++u) {
    for (std::size_t e = g.start[u]; e < g.start[u + 1]; ++e) {
      if (g.weight[e] <= 0.0) continue;  // modularity needs non-negative weights
      w.adj[u].emplace_back(g.neighbour[e], g.weight[e]);
      w.degree[u] += g.weight[e];
    }
    w.two_m += w.degree[u];
  }
  return w;
}

class Leiden {
 public:
  // `keep_going` is asked every few thousand nodes, so that a cancellation (Ctrl-C) stops a run within a
  // fraction of a second even on the first, largest level.
  Leiden(const WorkGraph& g, double gamma, Random& random, std::function<bool()> keep_going)
      : g_(g), gamma_(gamma), random_(random), keep_going_(std::move(keep_going)) {}

  // Queue-based fast local moving; `community` is updated in place. Returns true when a node moved.
  bool move_nodes(std::vector<std::uint32_t>& community) {
    const std::size_t n = g_.size();
    std::vector<double> total(n, 0.0);  // K_c: degree sum per community (ids < n)
    std::vector<std::size_t> members(n, 0);
    for (std::size_t v = 0; v < n; ++v) {
      total[community[v]] += g_.degree[v];
      ++members[community[v]];
    }
    std::vector<std::uint32_t> empty;
    for (std::size_t c = n; c-- > 0;) {
      if (members[c] == 0) empty.push_back(static_cast<std::uint32_t>(c));
    }
    std::vector<std::uint32_t> queue(n);
    std::iota(queue.begin(), queue.end(), 0U);
    random_.shuffle(queue);
    std::vector<char> queued(n, 1);
    std::vector<double> link(n, 0.0);
    std::vector<std::uint32_t> seen;
    bool moved = false;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      check(head);
      const std::uint32_t v = queue[head];
      queued[v] = 0;
      const std::uint32_t own = community[v];
      seen.clear();
      for (const auto& [u, w] : g_.adj[v]) {
        const std::uint32_t c = community[u];
        if (link[c] == 0.0) seen.push_back(c);
        link[c] += w;
      }
      total[own] -= g_.degree[v];
      --members[own];
      const double scale = gamma_ * g_.degree[v] / g_.two_m;
      std::uint32_t best = own;
      double best_gain = link[own] - scale * total[own];
      for (auto c : seen) {
        const double gain = link[c] - scale * total[c];
        if (gain > best_gain + 1e-12 || (std::abs(gain - best_gain) <= 1e-12 && c < best && best != own)) {
          best = c;
          best_gain = gain;
        }
      }
      if (best_gain < -1e-12) {  // better alone
        best = members[own] == 0 ? own : empty.back();
      }
      for (auto c : seen) link[c] = 0.0;
      link[own] = 0.0;
      if (best != own && members[best] == 0 && !empty.empty() && empty.back() == best) empty.pop_back();
      if (members[own] == 0 && best != own) empty.push_back(own);
      community[v] = best;
      total[best] += g_.degree[v];
      ++members[best];
      if (best != own) {
        moved = true;
        for (const auto& [u, w] : g_.adj[v]) {
          if (!queued[u] && community[u] != best) {
            queued[u] = 1;
            queue.push_back(u);
          }
        }
      }
    }
    return moved;
  }

  // Refinement: inside each community, singletons merge greedily into well-connected sub-communities,
  // so every theme of the result is connected. Returns sub-community ids (dense, < n).
  std::vector<std::uint32_t> refine(const std::vector<std::uint32_t>& community) {
    const std::size_t n = g_.size();
    std::vector<std::uint32_t> refined(n);
    std::iota(refined.begin(), refined.end(), 0U);
    std::vector<double> total_c(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) total_c[community[v]] += g_.degree[v];
    std::vector<double> sub_total(g_.degree);  // degree sum per sub-community
    std::vector<double> sub_external(n, 0.0);  // weight from the sub-community to the rest of its community
    for (std::size_t v = 0; v < n; ++v) {
      for (const auto& [u, w] : g_.adj[v]) {
        if (community[u] == community[v]) sub_external[v] += w;
      }
    }
    std::vector<char> singleton(n, 1);
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    random_.shuffle(order);
    std::vector<double> link(n, 0.0);
    std::vector<std::uint32_t> seen;
    for (std::size_t i = 0; i < order.size(); ++i) {
      check(i);
      const std::uint32_t v = order[i];
      if (!singleton[v]) continue;
      const std::uint32_t c = community[v];
      const double kv = g_.degree[v];
      const double inside = sub_external[v];  // v alone: all its links inside the community are external to {v}
      if (inside < gamma_ * kv * (total_c[c] - kv) / g_.two_m) continue;  // not well connected to its community
      seen.clear();
      for (const auto& [u, w] : g_.adj[v]) {
        if (community[u] != c || refined[u] == refined[v]) continue;
        const std::uint32_t s = refined[u];
        if (link[s] == 0.0) seen.push_back(s);
        link[s] += w;
      }
      const double scale = gamma_ * kv / g_.two_m;
      std::uint32_t best = refined[v];
      double best_gain = 0.0;
      for (auto s : seen) {
        const bool well_connected = sub_external[s] >= gamma_ * sub_total[s] * (total_c[c] - sub_total[s]) / g_.two_m;
        const double gain = link[s] - scale * sub_total[s];
        if (well_connected && (gain > best_gain + 1e-12 || (std::abs(gain - best_gain) <= 1e-12 && gain > 0 && s < best))) {
          best = s;
          best_gain = gain;
        }
      }
      if (best != refined[v]) {
        const std::uint32_t old = refined[v];
        sub_external[best] += sub_external[old] - 2.0 * link[best];
        sub_total[best] += kv;
        sub_total[old] = 0.0;
        refined[v] = best;
        singleton[v] = 0;
        singleton[best] = 0;  // `best` is the id of its first member, who is no longer alone either
      }
      for (auto s : seen) link[s] = 0.0;
    }
    // Dense ids.
    std::vector<std::uint32_t> dense(n, std::numeric_limits<std::uint32_t>::max());
    std::uint32_t next = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (dense[refined[v]] == std::numeric_limits<std::uint32_t>::max()) dense[refined[v]] = next++;
      refined[v] = dense[refined[v]];
    }
    return refined;
  }

 private:
  void check(std::size_t step) const {
    if (step % 4096 == 4095 && !keep_going_()) throw Interrupted("clustering cancelled");
  }

  const WorkGraph& g_;
  double gamma_;
  Random& random_;
  std::function<bool()> keep_going_;
};

WorkGraph aggregate(const WorkGraph& g, const std::vector<std::uint32_t>& part, std::size_t parts) {
  WorkGraph a;
  a.adj.resize(parts);
  a.degree.assign(parts, 0.0);
  a.two_m = g.two_m;
  // The nodes of each part in increasing order (a counting sort), so that every weight between two parts is
  // summed in the same order as a pass over the nodes would, and each part's neighbours come out sorted.
  std::vector<std::size_t> first(parts + 1, 0);
  for (std::size_t v = 0; v < g.size(); ++v) {
    a.degree[part[v]] += g.degree[v];
    ++first[part[v] + 1];
  }
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<std::uint32_t> members(g.size());
  std::vector<std::size_t> next(first.begin(), first.end() - 1);
  for (std::size_t v = 0; v < g.size(); ++v) members[next[part[v]]++] = static_cast<std::uint32_t>(v);
  std::vector<double> link(parts, 0.0);
  std::vector<char> touched(parts, 0);
  std::vector<std::uint32_t> seen;
  for (std::size_t p = 0; p < parts; ++p) {
    seen.clear();
    for (std::size_t i = first[p]; i < first[p + 1]; ++i) {
      for (const auto& [u, w] : g.adj[members[i]]) {
        const std::uint32_t q = part[u];
        if (q == p) continue;
        if (!touched[q]) {
          touched[q] = 1;
          seen.push_back(q);
        }
        link[q] += w;
      }
    }
    std::sort(seen.begin(), seen.end());
    a.adj[p].reserve(seen.size());
    for (auto q : seen) {
      a.adj[p].emplace_back(q, link[q]);
      link[q] = 0.0;
      touched[q] = 0;
    }
  }
  return a;
}

std::size_t densify(std::vector<std::uint32_t>& labels) {
  // Ids in order of first appearance; labels are node ids of the current graph, so below labels.size().
  std::vector<std::uint32_t> ids(labels.size(), std::numeric_limits<std::uint32_t>::max());
  std::uint32_t next = 0;
  for (auto& l : labels) {
    if (ids[l] == std::numeric_limits<std::uint32_t>::max()) ids[l] = next++;
    l = ids[l];
  }
  return next;
}

}  // namespace

LeidenClusterer::LeidenClusterer(LeidenOptions options) : options_(options) {
  if (!(options_.resolution >= 0.0) || !std::isfinite(options_.resolution)) {
    throw InvalidInput("leiden: resolution must be a positive number, or 0 to choose it automatically");
  }
}

namespace {

// One Leiden run; `progress` gets the share of this run done.
std::vector<std::int32_t> leiden_run(const NeighbourGraph& graph, const LeidenOptions& options, std::uint64_t seed,
                                     const std::function<bool(double)>& progress) {
  const std::size_t n = graph.nodes;
  std::vector<std::int32_t> labels(n);
  std::iota(labels.begin(), labels.end(), 0);
  WorkGraph g = from_neighbour_graph(graph);
  if (g.two_m <= 0.0) return labels;

  Random random(seed);
  std::vector<std::uint32_t> node_of(n);  // original node -> node of the current aggregate graph
  std::iota(node_of.begin(), node_of.end(), 0U);
  std::vector<std::uint32_t> community(n);
  std::iota(community.begin(), community.end(), 0U);
  for (std::size_t level = 0; level < options.max_levels; ++level) {
    const double done = static_cast<double>(level) / static_cast<double>(options.max_levels);
    if (!progress(done)) throw Interrupted("clustering cancelled");
    Leiden leiden(g, options.resolution, random, [&progress, done] { return progress(done); });
    leiden.move_nodes(community);
    const std::size_t communities = densify(community);
    if (communities == g.size()) break;  // every node its own community: nothing left to merge
    std::vector<std::uint32_t> refined = leiden.refine(community);
    const std::size_t parts = *std::max_element(refined.begin(), refined.end()) + 1U;
    if (parts == g.size()) break;  // refinement merged nothing: aggregating would repeat this level
    // The aggregate's nodes are the refined sub-communities; they start in their community.
    std::vector<std::uint32_t> next_community(parts);
    for (std::size_t v = 0; v < g.size(); ++v) next_community[refined[v]] = community[v];
    for (auto& node : node_of) node = refined[node];
    g = aggregate(g, refined, parts);
    community = std::move(next_community);
  }
  for (std::size_t v = 0; v < n; ++v) labels[v] = static_cast<std::int32_t>(community[node_of[v]]);
  return labels;
}

// Runs run(k, keep_going) for k = 0 … count − 1 on up to `threads` threads (fixed blocks: every run has its
// own slot and seed, so nothing depends on scheduling). A run polls keep_going(fraction of it done). On the
// calling thread, where Python's Ctrl-C is seen, keep_going also calls report(share of that thread's runs
// done): report returning false, or throwing, stops every run (the others see it at their next poll).
template <class Run>
void parallel_runs(std::size_t count, std::size_t threads, const std::function<bool(double)>& report, const Run& run) {
  std::atomic<bool> cancelled{false};
  servicedesign::detail::parallel_blocks(count, threads, [&](std::size_t first, std::size_t last, std::size_t block) {
    for (std::size_t k = first; k < last; ++k) {
      std::function<bool(double)> keep_going = [&cancelled](double) { return !cancelled.load(); };
      if (block == 0) {
        keep_going = [&, k, first, last](double fraction) {
          const double share = (static_cast<double>(k - first) + fraction) / static_cast<double>(last - first);
          try {
            if (report && !report(share)) cancelled = true;
          } catch (...) {
            cancelled = true;
            throw;
          }
          return !cancelled.load();
        };
      }
      run(k, keep_going);
    }
  });
}

// The seed of run `run` of an ensemble: SplitMix64 of (seed, run), so that runs differ yet reproduce.
std::uint64_t run_seed(std::uint64_t seed, std::size_t run) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(run) + 1U);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

// Seeds of choose_resolution(), apart from the ensemble's runs 0, 1, ….
constexpr std::size_t shuffle_stream = 1U << 20U;
constexpr std::size_t notes_run_stream = shuffle_stream + 1U;
constexpr std::size_t shuffled_run_stream = shuffle_stream + 2U;

// The graph with its links shuffled (the configuration model): every link (u, v, w) is turned at random and
// its second end exchanged with another link's, so each note keeps its number of link ends; the links keep
// their similarity, loops are dropped and parallel links added up (in link order, so the sums reproduce).
NeighbourGraph shuffled_graph(const NeighbourGraph& graph, std::uint64_t seed) {
  std::vector<std::uint32_t> from;
  std::vector<std::uint32_t> to;
  std::vector<double> weight;
  for (std::size_t u = 0; u < graph.nodes; ++u) {
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      if (graph.neighbour[e] > u && graph.weight[e] > 0.0) {
        from.push_back(static_cast<std::uint32_t>(u));
        to.push_back(graph.neighbour[e]);
        weight.push_back(graph.weight[e]);
      }
    }
  }
  Random random(seed);
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (random.below(2) == 1) std::swap(from[i], to[i]);
  }
  random.shuffle(to);
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> links;
  links.reserve(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] != to[i]) links.emplace_back(std::min(from[i], to[i]), std::max(from[i], to[i]), weight[i]);
  }
  std::stable_sort(links.begin(), links.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> merged;
  for (const auto& link : links) {
    if (!merged.empty() && std::get<0>(merged.back()) == std::get<0>(link) && std::get<1>(merged.back()) == std::get<1>(link)) {
      std::get<2>(merged.back()) += std::get<2>(link);
    } else {
      merged.push_back(link);
    }
  }
  return NeighbourGraph::from_edges(graph.nodes, std::move(merged));
}

std::size_t distinct(const std::vector<std::int32_t>& labels) {
  std::vector<char> seen(labels.size(), 0);
  std::size_t count = 0;
  for (auto l : labels) {
    const auto i = static_cast<std::size_t>(l);
    if (i < seen.size() && seen[i] == 0) {
      seen[i] = 1;
      ++count;
    }
  }
  return count;
}

// The top of the least-squares parabola through (x, y), or `fallback` when it is not concave.
double parabola_top(const std::vector<double>& x, const std::vector<double>& y, double fallback) {
  // Normal equations of y ≈ a x² + b x + c, solved by Cramer's rule (3 × 3, x centred by the caller).
  double s[5] = {0, 0, 0, 0, 0};
  double t[3] = {0, 0, 0};
  for (std::size_t i = 0; i < x.size(); ++i) {
    double power = 1.0;
    for (int k = 0; k < 5; ++k) {
      s[k] += power;
      if (k < 3) t[k] += power * y[i];
      power *= x[i];
    }
  }
  const auto det = [](double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  };
  // Rows: [s4 s3 s2 | t2], [s3 s2 s1 | t1], [s2 s1 s0 | t0] for the unknowns (a, b, c).
  const double d = det(s[4], s[3], s[2], s[3], s[2], s[1], s[2], s[1], s[0]);
  if (x.size() < 3 || std::abs(d) < 1e-300) return fallback;
  const double a = det(t[2], s[3], s[2], t[1], s[2], s[1], t[0], s[1], s[0]) / d;
  const double b = det(s[4], t[2], s[2], s[3], t[1], s[1], s[2], t[0], s[0]) / d;
  if (!(a < 0.0)) return fallback;
  return -b / (2.0 * a);
}

}  // namespace

ResolutionChoice choose_resolution(const NeighbourGraph& graph, std::uint64_t seed, const ClusterProgress& progress,
                                   std::size_t threads_limit) {
  detail::check_graph(graph, "choose_resolution");
  ResolutionChoice choice;
  double two_m = 0.0;
  for (double w : graph.weight) two_m += w > 0.0 ? w : 0.0;
  if (two_m <= 0.0) return choice;
  const NeighbourGraph shuffled = shuffled_graph(graph, run_seed(seed, shuffle_stream));
  // Points on a log scale: γ = 2^(index · step), from 1/128 to 1024.
  constexpr double step = 0.25;
  constexpr int lowest = -28;
  constexpr int highest = 40;
  std::map<int, ResolutionPoint> points;
  const std::array<const NeighbourGraph*, 2> graphs{&graph, &shuffled};
  const std::array<std::uint64_t, 2> seeds{run_seed(seed, notes_run_stream), run_seed(seed, shuffled_run_stream)};
  double done = 0.0;  // points evaluated, for progress: done / (done + 4) rises towards 1 however many there are
  // Evaluates the points not yet known among `indices` together: their runs (on the notes and on the shuffled
  // graph, interleaved, as the latter are the slower) share the threads.
  const auto evaluate = [&](std::initializer_list<int> indices) {
    std::vector<int> todo;
    for (const int index : indices) {
      if (index >= lowest && index <= highest && points.count(index) == 0 &&
          std::find(todo.begin(), todo.end(), index) == todo.end()) {
        todo.push_back(index);
      }
    }
    if (todo.empty()) return;
    std::vector<std::vector<std::int32_t>> labels(2 * todo.size());
    const auto resolution_of = [&](std::size_t point) { return std::exp2(todo[point] * step); };
    const std::size_t threads =
        servicedesign::detail::threads_for(labels.size(), static_cast<double>(graph.neighbour.size()) * 50.0, threads_limit);
    const auto report = [&](double share) {
      const double within = share * static_cast<double>(todo.size());
      return !progress || progress("resolution", (done + within) / (done + within + 4.0));
    };
    parallel_runs(labels.size(), threads, report, [&](std::size_t k, const std::function<bool(double)>& keep_going) {
      LeidenOptions options;
      options.resolution = resolution_of(k / 2);
      labels[k] = leiden_run(*graphs[k % 2], options, seeds[k % 2], keep_going);
    });
    for (std::size_t i = 0; i < todo.size(); ++i) {
      ResolutionPoint& point = points[todo[i]];
      point.resolution = resolution_of(i);
      point.modularity = modularity(graph, labels[2 * i], point.resolution);
      point.shuffled_modularity = modularity(shuffled, labels[2 * i + 1], point.resolution);
      point.themes = distinct(labels[2 * i]);
      point.shuffled_themes = distinct(labels[2 * i + 1]);
    }
    done += static_cast<double>(todo.size());
  };
  const auto best_index = [&] {  // the highest excess; ties: the lowest γ
    int best = points.begin()->first;
    for (const auto& [index, point] : points) {
      if (point.excess() > points.at(best).excess()) best = index;
    }
    return best;
  };
  // Walk from γ = 1 towards the higher neighbour until two steps in a row bring no new maximum. When the
  // frontier is the best point the walk surely takes two more steps (whether or not the first is a new best),
  // so those two are evaluated together and their runs share the threads: the same points as step by step.
  evaluate({-1, 0, 1});
  const int direction = points.at(1).excess() >= points.at(-1).excess() ? 1 : -1;
  for (int frontier = direction; (frontier - best_index()) * direction < 2;) {
    const int steps = 2 - (frontier - best_index()) * direction;  // 2 at the best point, else 1
    if (steps == 2) {
      evaluate({frontier + direction, frontier + 2 * direction});
    } else {
      evaluate({frontier + direction});
    }
    frontier += steps * direction;
    if (frontier < lowest || frontier > highest) break;
  }
  // The five points around the best (a point found there may be the new best: then around that one).
  for (int best = best_index();;) {
    evaluate({best - 2, best - 1, best, best + 1, best + 2});
    const int again = best_index();
    if (again == best) break;
    best = again;
  }
  const int best = best_index();
  std::vector<double> x;
  std::vector<double> y;
  for (int index = best - 2; index <= best + 2; ++index) {
    if (points.count(index) != 0) {
      x.push_back((index - best) * step);
      y.push_back(points.at(index).excess());
    }
  }
  const double offset = std::clamp(parabola_top(x, y, 0.0), -step, step);
  choice.resolution = std::exp2(best * step + offset);
  for (const auto& [index, point] : points) choice.profile.push_back(point);
  return choice;
}

namespace {

// Leiden (a single run or the consensus of an ensemble) at options.resolution, which is a number.
Clustering fit_at(const NeighbourGraph& graph, const LeidenOptions& options, const ClusterProgress& progress) {
  const std::size_t n = graph.nodes;
  const std::size_t runs = options.ensemble > 1 ? options.ensemble + 1 : 1;
  const auto progress_of_run = [&](std::size_t run) {
    return std::function<bool(double)>([&progress, run, runs](double fraction) {
      return !progress || progress("leiden", (static_cast<double>(run) + fraction) / static_cast<double>(runs));
    });
  };
  if (runs == 1) {
    const auto labels = leiden_run(graph, options, options.seed, progress_of_run(0));
    return canonical_clustering(labels, modularity(graph, labels, options.resolution));
  }
  // Consensus: weight each edge by its similarity times the share of runs that keep its ends together.
  // The runs are independent: they run in parallel, the calling thread reporting progress (where Python's
  // Ctrl-C is seen) and the others stopping when it is cancelled. Each run has its own seed and its own
  // slot, and the counts are added in run order, so the result does not depend on the threads.
  std::vector<std::vector<std::int32_t>> runs_labels(options.ensemble);
  const std::size_t threads = servicedesign::detail::threads_for(
      options.ensemble, static_cast<double>(graph.neighbour.size()) * 50.0, options.threads);
  // The calling thread's share of the runs stands for the ensemble's progress (all runs but the last).
  const auto report = [&](double share) {
    return !progress || progress("leiden", share * static_cast<double>(runs - 1) / static_cast<double>(runs));
  };
  parallel_runs(options.ensemble, threads, report, [&](std::size_t run, const std::function<bool(double)>& keep_going) {
    runs_labels[run] = leiden_run(graph, options, run_seed(options.seed, run), keep_going);
  });
  std::vector<double> together(graph.neighbour.size(), 0.0);
  for (const auto& labels : runs_labels) {
    for (std::size_t v = 0; v < n; ++v) {
      for (std::size_t e = graph.start[v]; e < graph.start[v + 1]; ++e) {
        if (labels[v] == labels[graph.neighbour[e]]) together[e] += 1.0;
      }
    }
  }
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::size_t v = 0; v < n; ++v) {
    for (std::size_t e = graph.start[v]; e < graph.start[v + 1]; ++e) {
      if (graph.neighbour[e] > v && together[e] > 0.0) {
        edges.emplace_back(static_cast<std::uint32_t>(v), graph.neighbour[e],
                           graph.weight[e] * together[e] / static_cast<double>(options.ensemble));
      }
    }
  }
  const NeighbourGraph consensus = NeighbourGraph::from_edges(n, std::move(edges));
  const auto labels = leiden_run(consensus, options, options.seed, progress_of_run(runs - 1));
  // The quality reported is modularity on the notes' own graph, comparable with a single run's.
  return canonical_clustering(labels, modularity(graph, labels, options.resolution));
}

// `progress` with its fractions mapped into [from, to] and reported as `stage` (empty stays empty).
ClusterProgress part_of(const ClusterProgress& progress, std::string_view stage, double from, double to) {
  if (!progress) return {};
  return [&progress, stage, from, to](std::string_view, double fraction) {
    return progress(stage, from + (to - from) * fraction);
  };
}

}  // namespace

Clustering LeidenClusterer::fit(const ClusterInput& input, const ClusterProgress& progress) {
  if (input.graph == nullptr) throw InvalidInput("leiden needs the neighbour graph (ClusterInput::graph)");
  const NeighbourGraph& graph = *input.graph;
  detail::check_graph(graph, "leiden");
  LeidenOptions options = options_;
  Clustering themes;
  if (options.resolution == LeidenOptions::automatic) {
    // The search and the themes share the stage "leiden": the search reports its first half.
    options.resolution =
        choose_resolution(graph, options.seed, part_of(progress, "leiden", 0.0, 0.5), options.threads).resolution;
    themes = fit_at(graph, options, part_of(progress, "leiden", 0.5, 1.0));
  } else {
    themes = fit_at(graph, options, progress);
  }
  themes.resolution = options.resolution;
  return themes;
}

KMeansClusterer::KMeansClusterer(KMeansOptions options) : options_(options) {
  if (options_.k == 0) throw InvalidInput("kmeans: k must be at least 1");
}

Clustering KMeansClusterer::fit(const ClusterInput& input, const ClusterProgress& progress) {
  if (input.vectors == nullptr) throw InvalidInput("kmeans needs the notes' vectors (ClusterInput::vectors)");
  const SparseMatrix& x = *input.vectors;
  x.validate();
  const std::size_t n = x.rows;
  const std::size_t k = options_.k;
  if (k > n) throw InvalidInput("kmeans: k = " + std::to_string(k) + " themes for " + std::to_string(n) + " notes");
  const std::size_t d = x.cols;
  Random random(options_.seed);
  std::vector<double> centre(k * d, 0.0);
  const auto similarity = [&](std::size_t row, std::size_t c) {
    double s = 0.0;
    for (std::size_t e = x.row_start[row]; e < x.row_start[row + 1]; ++e) s += x.value[e] * centre[c * d + x.col[e]];
    return s;
  };
  const auto set_centre_to_row = [&](std::size_t c, std::size_t row) {
    std::fill(centre.begin() + static_cast<std::ptrdiff_t>(c * d), centre.begin() + static_cast<std::ptrdiff_t>((c + 1) * d), 0.0);
    for (std::size_t e = x.row_start[row]; e < x.row_start[row + 1]; ++e) centre[c * d + x.col[e]] = x.value[e];
  };
  // k-means++: each next centre is a note drawn with probability proportional to its distance 1 − cos
  // to the nearest centre so far.
  std::vector<double> distance(n, 1.0);
  set_centre_to_row(0, random.below(n));
  for (std::size_t c = 1; c < k; ++c) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      distance[i] = std::min(distance[i], std::max(0.0, 1.0 - similarity(i, c - 1)));
      total += distance[i];
    }
    std::size_t pick = n - 1;
    if (total > 0.0) {
      double target = random.uniform() * total;
      for (std::size_t i = 0; i < n; ++i) {
        target -= distance[i];
        if (target < 0.0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = c;  // every note sits on a centre already: any distinct note will do
    }
    set_centre_to_row(c, pick);
  }
  std::vector<std::int32_t> labels(n, -1);
  std::vector<double> best(n, 0.0);
  for (std::size_t iteration = 0; iteration < options_.max_iterations; ++iteration) {
    if (progress && !progress("kmeans", static_cast<double>(iteration) / static_cast<double>(options_.max_iterations))) {
      throw Interrupted("clustering cancelled");
    }
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t arg = 0;
      double top = -2.0;
      for (std::size_t c = 0; c < k; ++c) {
        const double s = similarity(i, c);
        if (s > top + 1e-12) {
          top = s;
          arg = static_cast<std::int32_t>(c);
        }
      }
      best[i] = top;
      if (labels[i] != arg) {
        labels[i] = arg;
        changed = true;
      }
    }
    if (!changed && iteration > 0) break;
    // New centres: the normalised sum of each theme's notes; an empty theme takes the worst-served note.
    std::fill(centre.begin(), centre.end(), 0.0);
    std::vector<std::size_t> size(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(labels[i]);
      ++size[c];
      for (std::size_t e = x.row_start[i]; e < x.row_start[i + 1]; ++e) centre[c * d + x.col[e]] += x.value[e];
    }
    for (std::size_t c = 0; c < k; ++c) {
      if (size[c] == 0) {
        const auto worst = static_cast<std::size_t>(std::min_element(best.begin(), best.end()) - best.begin());
        set_centre_to_row(c, worst);
        best[worst] = 2.0;  // not chosen twice
        continue;
      }
      double norm = 0.0;
      for (std::size_t j = 0; j < d; ++j) norm += centre[c * d + j] * centre[c * d + j];
      if (norm > 0.0) {
        norm = std::sqrt(norm);
        for (std::size_t j = 0; j < d; ++j) centre[c * d + j] /= norm;
      }
    }
  }
  double mean = 0.0;
  for (std::size_t i = 0; i < n; ++i) mean += similarity(i, static_cast<std::size_t>(labels[i]));
  return canonical_clustering(labels, n > 0 ? mean / static_cast<double>(n) : 0.0);
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
