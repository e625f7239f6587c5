#include "servicedesign/insights/representation.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <utility>

#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

// A thread-safe map from names to factories; `what` names the kind in messages ("representation").
template <class Factory>
class NamedFactories {
 public:
  // `builtins(*this)` registers the built-in ones.
  template <class Builtins>
  NamedFactories(std::string what, const Builtins& builtins) : what_(std::move(what)) {
    builtins(*this);
  }

  void add(const std::string& name, Factory factory) {
    if (name.empty()) throw InvalidInput("register_" + what_ + ": the name is empty");
    if (!factory) throw InvalidInput("register_" + what_ + ": no factory given for '" + name + "'");
    Factory replaced;  // destroyed after the lock is released (it may hold a Python object)
    const std::lock_guard lock(mutex_);
    auto& slot = factories_[name];
    replaced = std::exchange(slot, std::move(factory));
  }

  bool remove(const std::string& name) {
    typename decltype(factories_)::node_type removed;  // destroyed after the lock is released
    const std::lock_guard lock(mutex_);
    removed = factories_.extract(name);
    return !removed.empty();
  }

  // The factory's product; the factory runs outside the lock (it may register others).
  auto make(std::string_view name, const ClustererParams& params) {
    Factory factory;
    {
      const std::lock_guard lock(mutex_);
      const auto it = factories_.find(name);
      if (it == factories_.end()) {
        std::string known;
        for (const auto& [n, f] : factories_) known += (known.empty() ? "" : ", ") + n;
        throw NotFound("unknown " + what_ + " '" + std::string(name) + "'; known: " + known);
      }
      factory = it->second;
    }
    auto made = factory(params);
    if (!made) throw Error("the factory of " + what_ + " '" + std::string(name) + "' returned nothing");
    return made;
  }

  std::vector<std::string> names() {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [n, f] : factories_) out.push_back(n);
    return out;
  }

 private:
  std::string what_;
  std::mutex mutex_;
  std::map<std::string, Factory, std::less<>> factories_;
};

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
