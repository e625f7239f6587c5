// Thread safety as documented (docs/reliability.md): const use of one object from several threads, and
// independent objects per thread. Runs in the normal suite and, in the test command, under ThreadSanitizer
// (preset tsan), which reports any data race.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "golden_project.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/dense.hpp"
#include "servicedesign/insights/labels.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/insights/vectors.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/coverage.hpp"
#include "servicedesign/process/project.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"

namespace {

// Runs `work(thread index)` on `threads` threads at once.
void in_parallel(int threads, const std::function<void(int)>& work) {
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (auto& thread : pool) thread.join();
}

}  // namespace

TEST(Threads, ConstQueriesOnOneProject) {
  using namespace servicedesign::process;
  const Project project = servicedesign::testing::make_golden_project();
  const std::string archive = save_project_to_string(project, ArchiveFormat::text);
  const std::size_t unmet = project.check_gate().size();
  const std::size_t gaps = evidence_coverage(project).flags.size();
  std::vector<int> agreed(4, 0);
  in_parallel(4, [&](int t) {
    for (int k = 0; k < 5; ++k) {
      const bool same = save_project_to_string(project, ArchiveFormat::text) == archive &&
                        project.check_gate().size() == unmet && evidence_coverage(project).flags.size() == gaps &&
                        load_project_from_string(archive) == project && project.public_edition().is_public_edition();
      agreed[static_cast<std::size_t>(t)] += same ? 1 : 0;
    }
  });
  for (int a : agreed) EXPECT_EQ(a, 5);
}

TEST(Threads, SelectionsOnOnePoolFromSeveralThreads) {
  using namespace servicedesign::selection;
  Quotas quotas;
  quotas.set("gender", "female", 4, 6);
  quotas.set("gender", "male", 4, 6);
  quotas.set("age", "young", 3, 7);
  quotas.set("age", "old", 3, 7);
  Pool pool(quotas);
  for (int i = 0; i < 40; ++i) {
    pool.add("p" + std::to_string(i), {{"gender", i % 2 == 0 ? "female" : "male"}, {"age", i % 3 == 0 ? "young" : "old"}},
             "h" + std::to_string(i / 2));
  }
  SelectionOptions options;
  options.algorithm = Algorithm::leximin;
  options.seed = 7;
  const std::vector<GroupSpec> groups{{"panel", 10, quotas}};
  const SelectionResult reference = select(pool, groups, options);
  std::vector<int> same(3, 0);
  in_parallel(3, [&](int t) {
    const SelectionResult r = select(pool, groups, options);  // each call owns its solvers
    same[static_cast<std::size_t>(t)] = r.panels == reference.panels && r.probabilities == reference.probabilities;
  });
  for (int s : same) EXPECT_EQ(s, 1);
}

TEST(Threads, SharedVectorsAndGraphWithAClustererPerThread) {
  using namespace servicedesign::insights;
  TextPipeline pipeline({.language = Language::swedish});
  const std::vector<std::string> notes{
      "Bussen kommer för sent", "Bussen går sällan", "Hållplatsen saknar tidtabell för bussen",
      "Biblioteket har korta öppettider", "Öppettiderna på biblioteket passar inte", "Biblioteket borde ha öppet",
      "Snöröjningen på gångvägen är dålig", "Gångvägen plogas för sent", "Ingen snöröjning vid skolan"};
  std::vector<std::vector<std::string>> docs;
  for (const auto& n : notes) docs.push_back(pipeline.process(n).terms);
  Vectorizer vectorizer;
  const SparseMatrix x = vectorizer.fit_transform(docs);
  const NeighbourGraph graph = knn_graph(x, {.neighbours = 2});
  const Clustering reference = LeidenClusterer({.seed = 3}).fit({&x, &graph});
  const ClustererParams small{.seed = 0, .values = {{"min_cluster_size", 2.0}}};
  const Clustering reference_average = make_clusterer("average")->fit({&x, &graph});
  const Clustering reference_hdbscan = make_clusterer("hdbscan", small)->fit({&x, &graph});
  std::vector<int> same(4, 0);
  in_parallel(4, [&](int t) {
    // Const use of the shared matrix, graph, vectorizer and pipeline; a clusterer of its own.
    const NeighbourGraph g = knn_graph(x, {.neighbours = 2});
    const Clustering c = make_clusterer("leiden", {.seed = 3})->fit({&x, &g});
    const auto labels = label_themes(docs, c, &x, &pipeline);
    const SparseMatrix again = vectorizer.transform(docs);
    const bool hierarchical = make_clusterer("average")->fit({&x, &graph}).labels == reference_average.labels &&
                              make_clusterer("hdbscan", small)->fit({&x, &graph}).labels == reference_hdbscan.labels;
    same[static_cast<std::size_t>(t)] =
        c.labels == reference.labels && labels.size() == c.themes && again.value == x.value && hierarchical;
  });
  for (int s : same) EXPECT_EQ(s, 1);
}

TEST(Threads, RegistryUnderConcurrentRegistrationAndLookup) {
  using namespace servicedesign::insights;
  in_parallel(4, [](int t) {
    const std::string name = "leiden-copy-" + std::to_string(t);
    for (int k = 0; k < 20; ++k) {
      register_clusterer(name, [](const ClustererParams& p) {
        return std::make_unique<LeidenClusterer>(LeidenOptions{.resolution = 1.0, .seed = p.seed, .max_levels = 50});
      });
      (void)make_clusterer("leiden");
      (void)clusterer_names();
      (void)unregister_clusterer(name);
    }
  });
  for (const auto& name : clusterer_names()) EXPECT_EQ(name.rfind("leiden-copy-", 0), std::string::npos) << name;
}

namespace {

// The library's own threads (the neighbour search over blocks of notes, the runs of a Leiden ensemble, the
// paired runs of the search for the resolution, the exact dense search) on an input large enough to use them:
// race-free under ThreadSanitizer, and the same result every time.
TEST(Threads, InternalParallelismGivesTheSameThemesEveryTime) {
  using namespace servicedesign::insights;
  std::vector<std::vector<std::string>> docs;
  for (int i = 0; i < 3000; ++i) {
    const std::string topic = "topic" + std::to_string(i % 12);
    docs.push_back({topic, topic + "x" + std::to_string(i % 7), "word" + std::to_string(i % 97), "w" + std::to_string(i % 13)});
  }
  const SparseMatrix x = Vectorizer({.char_ngrams = 3}).fit_transform(docs);
  const NeighbourGraph first = knn_graph(x, {.neighbours = 8});
  const Clustering themes = LeidenClusterer({.seed = 2, .ensemble = 4}).fit({&x, &first});
  const ResolutionChoice choice = choose_resolution(first, 2);
  const DenseMatrix z = lsa(x, {.dimensions = 16, .seed = 1});
  const NeighbourGraph dense = knn_graph(z.view(), {.neighbours = 8});
  for (int round = 0; round < 2; ++round) {
    const NeighbourGraph again = knn_graph(x, {.neighbours = 8});
    EXPECT_EQ(again.neighbour, first.neighbour);
    EXPECT_EQ(again.weight, first.weight);
    EXPECT_EQ(LeidenClusterer({.seed = 2, .ensemble = 4}).fit({&x, &again}).labels, themes.labels);
    EXPECT_EQ(choose_resolution(again, 2).resolution, choice.resolution);
    EXPECT_EQ(knn_graph(z.view(), {.neighbours = 8}).neighbour, dense.neighbour);
  }
}

TEST(Threads, TheThemeModelGivesTheSameThemesForAnyNumberOfThreads) {
  using namespace servicedesign::insights;
  std::vector<std::string> notes;
  const std::vector<std::string> topics = {"bussen", "biblioteket", "snöröjningen", "parkeringen", "simhallen",
                                           "skolan", "vården", "parken"};
  for (int i = 0; i < 1200; ++i) {
    notes.push_back(topics[static_cast<std::size_t>(i) % topics.size()] + " är " + std::to_string(i % 11) + " ord" +
                    std::to_string(i % 97) + " sak" + std::to_string(i % 13) + " " +
                    topics[static_cast<std::size_t>(i / 7) % topics.size()]);
  }
  ThemeModel one({.seed = 3, .ensemble = 4, .threads = 1});
  one.fit(notes);
  for (const std::size_t threads : {2U, 3U, 0U}) {
    ThemeModel many({.seed = 3, .ensemble = 4, .threads = threads});
    many.fit(notes);
    EXPECT_EQ(many.labels(), one.labels()) << threads << " threads";
    EXPECT_EQ(many.resolution(), one.resolution());
    EXPECT_EQ(many.duplicate_of(), one.duplicate_of());
  }
}

}  // namespace
