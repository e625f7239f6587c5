#include "servicedesign/insights/representation.hpp"

#include <cmath>
#include <utility>

#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

VectorizerRepresentation::VectorizerRepresentation(VectorizerOptions options)
    : vectorizer_(options), weighting_(options.weighting) {}

std::string VectorizerRepresentation::name() const { return weighting_ == Weighting::bm25 ? "bm25" : "tfidf"; }

void VectorizerRepresentation::fit(const Documents& documents) { vectorizer_.fit(documents); }

SparseMatrix VectorizerRepresentation::transform(const Documents& documents) const { return vectorizer_.transform(documents); }

NeighbourGraph CosineSimilarity::graph(const SparseMatrix& x, const KnnOptions& options) { return knn_graph(x, options); }

}  // namespace servicedesign::insights
