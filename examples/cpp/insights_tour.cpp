// The insights guide's C++ steps (docs/insights.md), each in the words the page shows: the theme model in one
// call, then the building blocks wired by hand — the text pipeline, vectors, the neighbour graph, Leiden at a
// resolution chosen for the notes, average linkage and HDBSCAN*. Built and run by the tests on the example's
// notes:
//
//   example_insights_tour notes.csv
#include <iostream>
#include <string>
#include <vector>

#include <servicedesign/core/csv.hpp>
#include <servicedesign/insights/cluster.hpp>
#include <servicedesign/insights/hdbscan.hpp>
#include <servicedesign/insights/linkage.hpp>
#include <servicedesign/insights/text.hpp>
#include <servicedesign/insights/theme_model.hpp>
#include <servicedesign/insights/vectors.hpp>

namespace {
using namespace servicedesign::insights;

void theme_model(const std::vector<std::string>& notes) {
  ThemeModel model({.seed = 7});                       // the defaults of Themes() in Python
  model.fit(notes);                                    // std::vector<std::string>
  for (const ThemeSummary& theme : model.themes())     // number, name, size, keywords, representatives
    std::cout << theme.theme << ": " << theme.keywords.front() << " (" << theme.size << " notes)\n";
  const std::vector<std::int32_t>& labels = model.labels();                 // theme per note; -1: filler, empty
  const std::int32_t bus = model.predict({"Bussen kommer aldrig i tid"})[0];  // nearest theme, no re-clustering
  model.save("themes.sdthemes");                       // the project's archive envelope, atomic
  std::cout << labels.size() << " notes; a late bus is theme " << bus << '\n';
}

void one_note() {
  TextPipeline pipeline;
  const ProcessedText note = pipeline.process("Väntetiderna på kundtjänst är för långa");
  // note.language == Language::swedish, note.terms == {"väntetid", "kundtjänst", "lång"}
  std::cout << "terms:";
  for (const auto& term : note.terms) std::cout << ' ' << term;
  std::cout << '\n';
}

void resolution(const SparseMatrix& x, const NeighbourGraph& graph) {
  const ResolutionChoice choice = choose_resolution(graph, 7);       // choice.resolution, choice.profile
  LeidenClusterer leiden({.resolution = LeidenOptions::automatic, .seed = 7, .ensemble = 8});
  const Clustering themes = leiden.fit({&x, &graph});                 // themes.resolution == choice.resolution
  std::cout << "chosen resolution " << choice.resolution << ": " << themes.themes << " themes\n";
}

void linkage(const SparseMatrix& x, const NeighbourGraph& graph) {
  const Dendrogram tree = average_linkage(graph);
  const Clustering broad = cut(tree, 6);                    // six themes
  const Clustering close = cut_at_similarity(tree, 0.4);    // notes that average at least 0.4
  const Clustering themes = make_clusterer("average")->fit({&x, &graph});   // level of highest modularity
  std::cout << "average linkage: " << broad.themes << ", " << close.themes << " and " << themes.themes
            << " themes\n";
}

void density(const SparseMatrix& x, const NeighbourGraph& graph) {
  HdbscanClusterer strict({.min_cluster_size = 8, .reassign_threshold = 0.3});
  const Clustering themes = strict.fit({&x, &graph});   // labels −1: linked to no theme by 0.3 or more
  std::cout << "HDBSCAN*: " << themes.themes << " themes\n";
}
}  // namespace

int main(int argc, char** argv) {
  const servicedesign::CsvTable table = servicedesign::read_csv(argc > 1 ? argv[1] : "examples/data/storvik/notes.csv");
  std::vector<std::string> notes;
  for (const auto& row : table.rows) notes.push_back(row[table.column("text")]);
  theme_model(notes);
  one_note();

  using namespace servicedesign::insights;
  TextPipeline pipeline({.language = Language::swedish});
  std::vector<std::vector<std::string>> docs;
  for (const auto& note : notes) docs.push_back(pipeline.process(note).terms);
  Vectorizer vectorizer({.char_ngrams = 3});
  const SparseMatrix x = vectorizer.fit_transform(docs);
  const NeighbourGraph graph = knn_graph(x, {.neighbours = 10});
  const Clustering single = make_clusterer("leiden", {.seed = 7})->fit({&x, &graph});   // γ = 1, one run
  // What the Python estimator does by default: γ chosen for the notes, consensus of 8 runs, no tiny themes.
  LeidenClusterer leiden({.resolution = LeidenOptions::automatic, .seed = 7, .ensemble = 8});
  const Clustering themes = absorb_small_themes(graph, leiden.fit({&x, &graph}), 2);
  std::cout << "by hand: " << single.themes << " themes in one run, " << themes.themes << " by consensus\n";

  resolution(x, graph);
  linkage(x, graph);
  density(x, graph);
}
