// Every registry of the insights part in one place: the clusterers, representations and similarities that
// can be made by name, each with its parameters declared once (make_*() checks values against them; the
// bindings, `servicedesign cluster --help` and docs/insights.md show them).
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "named_factories.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/hdbscan.hpp"
#include "servicedesign/insights/linkage.hpp"
#include "servicedesign/insights/representation.hpp"

namespace servicedesign::insights {

// ---------------------------------------------------------------------------------------------------
// Clusterers

namespace {

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
// Representations and similarities

namespace {

using detail::NamedFactories;

Parameters vectorizer_parameters(Weighting weighting) {
  Parameters declared = {
      {.name = "min_df", .whole = true, .lower = 0, .default_value = 1.0,
       .description = "terms in fewer notes are left out of the vocabulary"},
      {.name = "max_df", .lower = 0, .upper = 1, .default_value = 1.0,
       .description = "terms in more than this share of notes are left out", .lower_open = true},
      {.name = "char_ngrams", .whole = true, .lower = 0, .upper = 16, .default_value = 0.0,
       .description = "also weigh each term's character n-grams of this length (0: words only)"}};
  if (weighting == Weighting::bm25) {
    declared.push_back({.name = "k1", .lower = 0, .default_value = 1.2, .description = "BM25 term-frequency saturation"});
    declared.push_back({.name = "b", .lower = 0, .upper = 1, .default_value = 0.75, .description = "BM25 length normalisation"});
  }
  return declared;
}

NamedFactories<RepresentationFactory>& representations() {
  static NamedFactories<RepresentationFactory> r("representation", [](NamedFactories<RepresentationFactory>& made) {
    for (const auto& [name, weighting] : {std::pair{"tfidf", Weighting::tfidf}, std::pair{"bm25", Weighting::bm25}}) {
      made.add(name, [weighting = weighting](const ClustererParams& p) {
        VectorizerOptions o;
        o.weighting = weighting;
        o.min_df = static_cast<std::size_t>(p.values.at("min_df"));
        o.max_df = p.values.at("max_df");
        o.char_ngrams = static_cast<std::size_t>(p.values.at("char_ngrams"));
        o.k1 = p.get("k1", o.k1);
        o.b = p.get("b", o.b);
        return std::make_unique<VectorizerRepresentation>(o);
      }, vectorizer_parameters(weighting));
    }
  });
  return r;
}

NamedFactories<SimilarityFactory>& similarities() {
  static NamedFactories<SimilarityFactory> r("similarity", [](NamedFactories<SimilarityFactory>& made) {
    made.add("cosine", [](const ClustererParams&) { return std::make_unique<CosineSimilarity>(); });
  });
  return r;
}

}  // namespace

Parameters representation_parameters(std::string_view name) { return representations().parameters(name); }

void register_representation(const std::string& name, RepresentationFactory factory, Parameters parameters) {
  representations().add(name, std::move(factory), std::move(parameters));
}
bool unregister_representation(const std::string& name) { return representations().remove(name); }
std::unique_ptr<Representation> make_representation(std::string_view name, const ClustererParams& params) {
  return representations().make(name, params);
}
std::vector<std::string> representation_names() { return representations().names(); }

void register_similarity(const std::string& name, SimilarityFactory factory, Parameters parameters) {
  similarities().add(name, std::move(factory), std::move(parameters));
}

Parameters similarity_parameters(std::string_view name) { return similarities().parameters(name); }
bool unregister_similarity(const std::string& name) { return similarities().remove(name); }
std::unique_ptr<Similarity> make_similarity(std::string_view name, const ClustererParams& params) {
  return similarities().make(name, params);
}
std::vector<std::string> similarity_names() { return similarities().names(); }

}  // namespace servicedesign::insights
