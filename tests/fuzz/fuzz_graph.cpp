// Neighbour graphs built from arbitrary bytes — well-formed (from edges) or raw arrays that may be malformed
// (starts that fall or overrun, neighbours out of range, self-loops, NaN, infinite or negative weights) — fed to
// every consumer of a graph: Leiden (single, consensus, automatic resolution), modularity, absorption of tiny
// themes, average linkage and HDBSCAN*. Each either works or raises a servicedesign::Error; a result must give
// every node a theme within range.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/hdbscan.hpp>
#include <servicedesign/insights/linkage.hpp>
#include <servicedesign/insights/vectors.hpp>
#include <tuple>
#include <vector>

namespace {

namespace in = servicedesign::insights;

struct Bytes {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
  std::uint8_t next() { return at < size ? data[at++] : 0; }
  bool done() const { return at >= size; }
};

double weight_of(std::uint8_t byte) {
  switch (byte % 16) {
    case 0: return std::numeric_limits<double>::quiet_NaN();
    case 1: return std::numeric_limits<double>::infinity();
    case 2: return -0.5;
    case 3: return 0.0;
    default: return static_cast<double>(byte) / 255.0;
  }
}

in::NeighbourGraph graph_of(Bytes& in) {
  const std::size_t nodes = in.next() % 48;
  const bool raw = in.next() % 4 == 0;
  if (!raw) {
    std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
    while (!in.done() && edges.size() < 400 && nodes > 1) {
      const auto u = static_cast<std::uint32_t>(in.next() % nodes);
      const auto v = static_cast<std::uint32_t>(in.next() % nodes);
      const double w = static_cast<double>(in.next() % 255 + 1) / 255.0;
      if (u != v) edges.emplace_back(u, v, w);
    }
    return in::NeighbourGraph::from_edges(nodes, std::move(edges));
  }
  in::NeighbourGraph g;
  g.nodes = nodes;
  const std::size_t starts = nodes + 1 - (in.next() % 8 == 0 ? 1 : 0);  // sometimes one short
  std::size_t end = 0;
  for (std::size_t i = 0; i < starts; ++i) {
    const std::uint8_t b = in.next();
    if (i > 0) end = b % 16 == 0 && end > 0 ? end - 1 : end + b % 4;  // mostly rising, sometimes falling
    g.start.push_back(end);
  }
  const std::size_t ends = end + (in.next() % 8 == 0 ? 1 : 0);
  for (std::size_t e = 0; e < ends; ++e) {
    g.neighbour.push_back(static_cast<std::uint32_t>(in.next() % (nodes + 2)));
    g.weight.push_back(weight_of(in.next()));
  }
  return g;
}

void check(const in::Clustering& c, std::size_t nodes) {
  if (c.labels.size() != nodes) __builtin_trap();
  for (const auto label : c.labels) {
    if (label < -1 || (label >= 0 && static_cast<std::size_t>(label) >= c.themes)) __builtin_trap();
  }
}

template <class Run>
void guarded(const Run& run) {
  try {
    run();
  } catch (const servicedesign::Error&) {
    // a clear error is a fine answer to a malformed graph
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes bytes{data, size};
  const in::NeighbourGraph graph = graph_of(bytes);
  const std::uint8_t choice = bytes.next();
  guarded([&] { graph.validate(); });
  guarded([&] {
    in::LeidenClusterer leiden({.resolution = choice % 3 == 0 ? in::LeidenOptions::automatic : 1.0 + choice % 5,
                                .seed = choice,
                                .ensemble = static_cast<std::size_t>(1 + choice % 3)});
    const in::Clustering themes = leiden.fit({nullptr, &graph});
    check(themes, graph.nodes);
    (void)in::modularity(graph, themes.labels, 1.0);
    check(in::absorb_small_themes(graph, themes, 1 + choice % 4), graph.nodes);
  });
  guarded([&] {
    std::vector<std::int32_t> labels(graph.nodes);
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::int32_t>(i % (1 + choice % 5));
    (void)in::modularity(graph, labels, 1.0);
    check(in::absorb_small_themes(graph, in::canonical_clustering(labels), 2), graph.nodes);
  });
  guarded([&] {
    const in::Dendrogram tree = in::average_linkage(graph);
    if (tree.nodes != graph.nodes) __builtin_trap();
    const std::size_t k = static_cast<std::size_t>(1 + choice % 4);
    if (graph.nodes > 0) check(in::cut(tree, k > graph.nodes ? 1 : k), graph.nodes);
  });
  guarded([&] {
    in::HdbscanClusterer hdbscan({.min_cluster_size = static_cast<std::size_t>(2 + choice % 3)});
    check(hdbscan.fit({nullptr, &graph}), graph.nodes);
  });
  return 0;
}
