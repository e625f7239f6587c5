#include "servicedesign/insights/representation.hpp"

#include <cmath>
#include <utility>

#include "named_factories.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

using detail::NamedFactories;

// A parameter that must be a whole number of at least `least` (the registries pass numbers as doubles).
std::size_t whole(const ClustererParams& p, const std::string& owner, const std::string& name, double fallback, double least) {
  const double v = p.get(name, fallback);
  if (!(v >= least) || v != std::floor(v)) {
    throw InvalidInput(owner + ": " + name + " must be a whole number of at least " + std::to_string(static_cast<long>(least)));
  }
  return static_cast<std::size_t>(v);
}

NamedFactories<RepresentationFactory>& representations() {
  static NamedFactories<RepresentationFactory> r("representation", [](NamedFactories<RepresentationFactory>& made) {
    for (const auto& [name, weighting] : {std::pair{"tfidf", Weighting::tfidf}, std::pair{"bm25", Weighting::bm25}}) {
      made.add(name, [weighting = weighting, owner = std::string(name)](const ClustererParams& p) {
        VectorizerOptions o;
        o.weighting = weighting;
        o.min_df = whole(p, owner, "min_df", static_cast<double>(o.min_df), 0.0);
        o.max_df = p.get("max_df", o.max_df);
        o.char_ngrams = whole(p, owner, "char_ngrams", static_cast<double>(o.char_ngrams), 0.0);
        return std::make_unique<VectorizerRepresentation>(o);
      });
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

void register_representation(const std::string& name, RepresentationFactory factory) {
  representations().add(name, std::move(factory));
}
bool unregister_representation(const std::string& name) { return representations().remove(name); }
std::unique_ptr<Representation> make_representation(std::string_view name, const ClustererParams& params) {
  return representations().make(name, params);
}
std::vector<std::string> representation_names() { return representations().names(); }

void register_similarity(const std::string& name, SimilarityFactory factory) { similarities().add(name, std::move(factory)); }
bool unregister_similarity(const std::string& name) { return similarities().remove(name); }
std::unique_ptr<Similarity> make_similarity(std::string_view name, const ClustererParams& params) {
  return similarities().make(name, params);
}
std::vector<std::string> similarity_names() { return similarities().names(); }

}  // namespace servicedesign::insights
