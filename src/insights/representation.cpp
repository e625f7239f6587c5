#include "servicedesign/insights/representation.hpp"

#include <cmath>
#include <utility>

#include "named_factories.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

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

VectorizerRepresentation::VectorizerRepresentation(VectorizerOptions options)
    : vectorizer_(options), weighting_(options.weighting) {}

std::string VectorizerRepresentation::name() const { return weighting_ == Weighting::bm25 ? "bm25" : "tfidf"; }

void VectorizerRepresentation::fit(const Documents& documents) { vectorizer_.fit(documents); }

SparseMatrix VectorizerRepresentation::transform(const Documents& documents) const { return vectorizer_.transform(documents); }

NeighbourGraph CosineSimilarity::graph(const SparseMatrix& x, const KnnOptions& options) { return knn_graph(x, options); }

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
