// A researcher's own clustering algorithm, used by name like a built-in one: notes join a theme when they are
// linked in the neighbour graph by a similarity of at least a threshold (connected components). Built and run
// by the tests (example.custom_clusterer); the researcher tutorial shows it.
#include <cstdint>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/labels.hpp>
#include <servicedesign/insights/text.hpp>
#include <servicedesign/insights/vectors.hpp>

namespace in = servicedesign::insights;

class ThresholdComponents : public in::Clusterer {
 public:
  explicit ThresholdComponents(double threshold) : threshold_(threshold) {}
  [[nodiscard]] std::string name() const override { return "components"; }

  in::Clustering fit(const in::ClusterInput& input, const in::ClusterProgress& progress) override {
    if (input.graph == nullptr) throw servicedesign::InvalidInput("components needs the neighbour graph");
    const in::NeighbourGraph& g = *input.graph;
    // Union-find over the strong edges.
    std::vector<std::size_t> parent(g.nodes);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    const auto root = [&](std::size_t v) {
      while (parent[v] != v) v = parent[v] = parent[parent[v]];
      return v;
    };
    for (std::size_t v = 0; v < g.nodes; ++v) {
      if (progress && !progress("components", static_cast<double>(v) / static_cast<double>(g.nodes))) {
        throw servicedesign::Interrupted("cancelled");
      }
      for (std::size_t e = g.start[v]; e < g.start[v + 1]; ++e) {
        if (g.weight[e] >= threshold_) parent[root(v)] = root(g.neighbour[e]);
      }
    }
    std::vector<std::int32_t> labels(g.nodes);
    for (std::size_t v = 0; v < g.nodes; ++v) labels[v] = static_cast<std::int32_t>(root(v));
    return in::canonical_clustering(labels);  // themes numbered from the largest, as every clusterer's are
  }

 private:
  double threshold_;
};

int main() {
  // Registered once, the algorithm is made by name wherever a built-in one is (Python's Themes included).
  // Its parameters are declared once: make_clusterer() checks values against them and fills in the default.
  in::register_clusterer(
      "components",
      [](const in::ClustererParams& p) { return std::make_unique<ThresholdComponents>(p.values.at("threshold")); },
      {{.name = "threshold", .lower = 0, .upper = 1, .default_value = 0.2,
        .description = "link notes at least this similar"}});

  const std::vector<std::string> notes{
      "Bussen kommer för sent till hållplatsen", "Bussen går sällan på kvällen", "Hållplatsen saknar tidtabell för bussen",
      "Biblioteket har för korta öppettider", "Öppettiderna på biblioteket passar inte", "Biblioteket borde ha öppet på söndagar"};
  in::TextPipeline pipeline({.language = in::Language::swedish});
  std::vector<std::vector<std::string>> docs;
  for (const auto& note : notes) docs.push_back(pipeline.process(note).terms);
  const in::SparseMatrix x = in::Vectorizer().fit_transform(docs);
  const in::NeighbourGraph graph = in::knn_graph(x, {.neighbours = 3});

  const auto clusterer = in::make_clusterer("components", {.seed = 0, .values = {{"threshold", 0.1}}});
  const in::Clustering themes = clusterer->fit({&x, &graph});
  const auto labels = in::label_themes(docs, themes, &x, &pipeline);
  for (std::size_t t = 0; t < themes.themes; ++t) {
    std::cout << "theme " << t << " (" << labels[t].size << " notes):";
    for (const auto& word : labels[t].keywords) std::cout << ' ' << word;
    std::cout << '\n';
  }
  in::unregister_clusterer("components");
  // The bus notes and the library notes form two themes.
  return themes.themes == 2 && themes.labels[0] == themes.labels[1] && themes.labels[0] != themes.labels[3] ? 0 : 1;
}
