// Workshop notes from a CSV file through the whole insights pipeline: the notes' text is arbitrary bytes
// (any language, broken UTF-8, huge words), and each stage either works or raises a servicedesign::Error.
// Checks: every note gets a theme within range, themes are numbered by size, labels name real themes.
#include <cstddef>
#include <cstdint>
#include <servicedesign/core/csv.hpp>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/labels.hpp>
#include <servicedesign/insights/text.hpp>
#include <servicedesign/insights/vectors.hpp>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace in = servicedesign::insights;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = servicedesign::parse_csv(text, "notes.csv");
    const std::size_t column = table.find_column("text").value_or(0);
    in::TextPipeline pipeline;
    std::vector<std::vector<std::string>> docs;
    for (const auto& row : table.rows) {
      auto processed = pipeline.process(row[column]);
      if (!processed.filler && !processed.terms.empty()) docs.push_back(std::move(processed.terms));
    }
    if (docs.empty()) return 0;
    in::Vectorizer vectorizer;
    const in::SparseMatrix x = vectorizer.fit_transform(docs);
    x.validate();
    const in::NeighbourGraph graph = in::knn_graph(x, {.neighbours = 5, .min_similarity = 0.0});
    const in::Clustering themes = in::make_clusterer("leiden", {.seed = 1})->fit({&x, &graph});
    if (themes.labels.size() != docs.size()) __builtin_trap();
    std::vector<std::size_t> sizes(themes.themes, 0);
    for (const auto label : themes.labels) {
      if (label < 0 || static_cast<std::size_t>(label) >= themes.themes) __builtin_trap();
      ++sizes[static_cast<std::size_t>(label)];
    }
    for (std::size_t t = 1; t < sizes.size(); ++t) {
      if (sizes[t] > sizes[t - 1] || sizes[t] == 0) __builtin_trap();  // numbered by size, none empty
    }
    const auto labels = in::label_themes(docs, themes, &x, &pipeline);
    if (labels.size() != themes.themes) __builtin_trap();
    for (const auto& label : labels) {
      for (const auto note : label.representatives) {
        if (note >= docs.size()) __builtin_trap();
      }
    }
  } catch (const servicedesign::Error&) {
  }
  return 0;
}
