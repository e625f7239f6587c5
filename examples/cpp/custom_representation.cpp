// A researcher's own representation and similarity, used by name like the built-in ones: notes as sets of
// stems (presence, unit rows) and a similarity that links each note to the notes sharing at least two stems
// with it (weighted by the overlap). Built and run by the tests (example.custom_representation); the
// researcher tutorial shows it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/representation.hpp>
#include <servicedesign/insights/text.hpp>

namespace in = servicedesign::insights;

// Each note a row of 1/√(number of distinct stems) on its stems: cosine is then the overlap of the sets.
class StemSets : public in::Representation {
 public:
  [[nodiscard]] std::string name() const override { return "stem-sets"; }
  void fit(const in::Documents& documents) override {
    column_.clear();
    for (const auto& doc : documents) {
      for (const auto& term : doc) column_.emplace(term, 0);
    }
    std::uint32_t next = 0;
    for (auto& [term, col] : column_) col = next++;  // sorted terms: columns never depend on the notes' order
  }
  [[nodiscard]] in::SparseMatrix transform(const in::Documents& documents) const override {
    in::SparseMatrix x;
    x.rows = documents.size();
    x.cols = column_.size();
    x.row_start.push_back(0);
    for (const auto& doc : documents) {
      std::vector<std::uint32_t> cols;
      for (const auto& term : doc) {
        if (const auto it = column_.find(term); it != column_.end()) cols.push_back(it->second);
      }
      std::sort(cols.begin(), cols.end());
      cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
      for (const auto c : cols) {
        x.col.push_back(c);
        x.value.push_back(1.0 / std::sqrt(static_cast<double>(cols.size())));
      }
      x.row_start.push_back(x.col.size());
    }
    return x;
  }

 private:
  std::map<std::string, std::uint32_t> column_;
};

// Links notes that share at least `min_shared` stems, weighted by their cosine (from the library's search).
class SharedStems : public in::Similarity {
 public:
  explicit SharedStems(std::size_t min_shared) : min_shared_(min_shared) {}
  [[nodiscard]] std::string name() const override { return "shared-stems"; }
  [[nodiscard]] in::NeighbourGraph graph(const in::SparseMatrix& x, const in::KnnOptions& options) override {
    const in::NeighbourGraph cosine = in::knn_graph(x, options);
    std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> kept;
    for (std::size_t u = 0; u < cosine.nodes; ++u) {
      for (std::size_t e = cosine.start[u]; e < cosine.start[u + 1]; ++e) {
        const std::uint32_t v = cosine.neighbour[e];
        std::size_t shared = 0;  // stems in both rows: columns are sorted, so a merge counts them
        for (std::size_t a = x.row_start[u], b = x.row_start[v]; a < x.row_start[u + 1] && b < x.row_start[v + 1];) {
          if (x.col[a] == x.col[b]) ++shared, ++a, ++b;
          else if (x.col[a] < x.col[b]) ++a;
          else ++b;
        }
        if (u < v && shared >= min_shared_) kept.emplace_back(static_cast<std::uint32_t>(u), v, cosine.weight[e]);
      }
    }
    return in::NeighbourGraph::from_edges(cosine.nodes, std::move(kept));
  }

 private:
  std::size_t min_shared_;
};

int main() {
  // Registered once, both are made by name wherever a built-in one is, in this process.
  in::register_representation("stem-sets", [](const in::ClustererParams&) { return std::make_unique<StemSets>(); });
  in::register_similarity(
      "shared-stems",
      [](const in::ClustererParams& p) {
        return std::make_unique<SharedStems>(static_cast<std::size_t>(p.values.at("min_shared")));
      },
      {{.name = "min_shared", .whole = true, .lower = 1, .default_value = 2.0,
        .description = "stems two notes must share to be linked"}});

  const std::vector<std::string> notes{
      "Bussen kommer för sent till hållplatsen", "Bussen kommer sent på kvällen", "Hållplatsen saknar tidtabell för bussen",
      "Biblioteket har för korta öppettider", "Öppettiderna på biblioteket passar inte", "Biblioteket borde ha öppet på söndagar"};
  in::TextPipeline pipeline({.language = in::Language::swedish});
  in::Documents docs;
  for (const auto& note : notes) docs.push_back(pipeline.process(note).terms);

  auto representation = in::make_representation("stem-sets");
  representation->fit(docs);
  const in::SparseMatrix x = representation->transform(docs);
  const in::NeighbourGraph graph = in::make_similarity("shared-stems", {.values = {{"min_shared", 2}}})->graph(x, {.neighbours = 5});
  const in::Clustering themes = in::make_clusterer("leiden", {.seed = 1})->fit({&x, &graph});

  // Only pairs sharing two stems are linked: the bus notes ("buss" with "komm" or "hållplats") and the first
  // two library notes ("bibliotek", "öppettid"); the third shares only "bibliotek" and stays a theme alone.
  for (std::size_t i = 0; i < notes.size(); ++i) std::cout << themes.labels[i] << "  " << notes[i] << '\n';
  std::cout << graph.edges() << " links, " << themes.themes << " themes\n";
  const bool bus_together = themes.labels[0] == themes.labels[1] && themes.labels[0] == themes.labels[2];
  const bool apart = themes.labels[0] != themes.labels[3];
  in::unregister_similarity("shared-stems");
  in::unregister_representation("stem-sets");
  return bus_together && apart ? 0 : 1;
}
