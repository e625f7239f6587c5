// Leiden (Traag, Waltman and van Eck 2019): fast local moving, refinement, aggregation; single runs and the
// consensus of an ensemble.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include "../core/random.hpp"
#include "graph_check.hpp"
#include "leiden_runs.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights {

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

namespace detail {

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

std::uint64_t run_seed(std::uint64_t seed, std::size_t run) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(run) + 1U);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

}  // namespace detail

namespace {

using detail::leiden_run;
using detail::parallel_runs;
using detail::run_seed;

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
}  // namespace servicedesign::insights
