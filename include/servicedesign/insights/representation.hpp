/// @file
/// Representations (notes' terms → vectors) and similarities (vectors → neighbour graph) behind interfaces,
/// each with a registry by name, as clusterers have: a researcher's own is made by name wherever a built-in one
/// is (the Python estimator Themes, and the command line when registered in the process that runs it).
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// auto representation = make_representation("bm25", {.values = {{"char_ngrams", 3}}});
/// representation->fit(docs);                                   // docs: each note's terms
/// const SparseMatrix x = representation->transform(docs);
/// const NeighbourGraph graph = make_similarity("cosine")->graph(x, {.neighbours = 10});
///
/// // A researcher's similarity, available by name from now on (Themes(similarity="mine") in Python):
/// register_similarity("mine", [](const ClustererParams&) { return std::make_unique<MySimilarity>(); });
/// @endcode
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// Each note's terms (from TextPipeline), one list per note.
using Documents = std::vector<std::vector<std::string>>;

/// Turns notes' terms into sparse rows, one per note. Similarities take dot products of rows, so rows of
/// unit length make them cosines. Implementations must be deterministic.
class Representation {
 public:
  virtual ~Representation() = default;
  /// Short name, as in the registry ("tfidf").
  [[nodiscard]] virtual std::string name() const = 0;
  /// Learns what it needs from the notes (vocabulary, weights).
  virtual void fit(const Documents& documents) = 0;
  /// Rows for `documents` (the fitted notes or new ones) in the fitted space; throws StateError before fit().
  [[nodiscard]] virtual SparseMatrix transform(const Documents& documents) const = 0;
};

/// Builds the neighbour graph of the rows: which notes are alike, and how much (positive weights).
class Similarity {
 public:
  virtual ~Similarity() = default;
  /// Short name, as in the registry ("cosine").
  [[nodiscard]] virtual std::string name() const = 0;
  /// The graph of each note's `options.neighbours` most similar notes (symmetric), weights similarities in
  /// (0, 1] above `options.min_similarity`; `options.progress` as in knn_graph().
  [[nodiscard]] virtual NeighbourGraph graph(const SparseMatrix& x, const KnnOptions& options) = 0;
};

/// The built-in representations "tfidf" and "bm25": a Vectorizer with that weighting. Parameters (all
/// optional): `min_df`, `max_df`, `char_ngrams` (see VectorizerOptions), and for "bm25" `k1` and `b`.
class VectorizerRepresentation : public Representation {
 public:
  /// Throws InvalidInput for options the Vectorizer refuses.
  explicit VectorizerRepresentation(VectorizerOptions options = {});
  [[nodiscard]] std::string name() const override;
  void fit(const Documents& documents) override;
  [[nodiscard]] SparseMatrix transform(const Documents& documents) const override;
  /// The underlying vectorizer (vocabulary, document frequencies).
  [[nodiscard]] const Vectorizer& vectorizer() const noexcept { return vectorizer_; }

 private:
  Vectorizer vectorizer_;
  Weighting weighting_;
};

/// The built-in similarity "cosine": knn_graph() on the rows (dot products; cosines for unit rows).
class CosineSimilarity : public Similarity {
 public:
  [[nodiscard]] std::string name() const override { return "cosine"; }
  [[nodiscard]] NeighbourGraph graph(const SparseMatrix& x, const KnnOptions& options) override;
};

/// Makes a representation or a similarity from parameters (the same bag of named numbers as clusterers').
using RepresentationFactory = std::function<std::unique_ptr<Representation>(const ClustererParams&)>;
/// Makes a similarity from parameters.
using SimilarityFactory = std::function<std::unique_ptr<Similarity>(const ClustererParams&)>;

/// Registers (or replaces) a representation under `name` with the parameters it takes; thread-safe.
void register_representation(const std::string& name, RepresentationFactory factory, Parameters parameters = {});
/// The parameters the representation `name` declares; throws NotFound listing the known names.
[[nodiscard]] Parameters representation_parameters(std::string_view name);
/// Removes `name`; false when it was not there. Built-ins can be removed too (and registered again).
bool unregister_representation(const std::string& name);
/// A new representation registered under `name`; throws NotFound listing the known names.
[[nodiscard]] std::unique_ptr<Representation> make_representation(std::string_view name, const ClustererParams& params = {});
/// Names in the registry, sorted.
[[nodiscard]] std::vector<std::string> representation_names();

/// Registers (or replaces) a similarity under `name` with the parameters it takes; thread-safe.
void register_similarity(const std::string& name, SimilarityFactory factory, Parameters parameters = {});
/// The parameters the similarity `name` declares; throws NotFound listing the known names.
[[nodiscard]] Parameters similarity_parameters(std::string_view name);
/// Removes `name`; false when it was not there.
bool unregister_similarity(const std::string& name);
/// A new similarity registered under `name`; throws NotFound listing the known names.
[[nodiscard]] std::unique_ptr<Similarity> make_similarity(std::string_view name, const ClustererParams& params = {});
/// Names in the registry, sorted.
[[nodiscard]] std::vector<std::string> similarity_names();

}  // namespace servicedesign::insights
