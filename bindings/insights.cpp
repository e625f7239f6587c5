// Python bindings of the insights part: servicedesign._core.insights.
#include <Python.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bindings.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/core/parameters.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/dense.hpp"
#include "servicedesign/insights/hdbscan.hpp"
#include "servicedesign/insights/labels.hpp"
#include "servicedesign/insights/linkage.hpp"
#include "servicedesign/insights/metrics.hpp"
#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

using namespace servicedesign::insights;
using Documents = std::vector<std::vector<std::string>>;

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

std::vector<std::int32_t> labels_from(const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& a,
                                      const char* what) {
  if (a.ndim() != 1) throw InvalidInput(std::string(what) + ": labels must be one-dimensional");
  std::vector<std::int32_t> out(static_cast<std::size_t>(a.size()));
  for (py::ssize_t i = 0; i < a.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(a.data()[i]);
  return out;
}

// Lets Python subclasses of Clusterer override name() and fit().
class PyClusterer : public Clusterer {
 public:
  using Clusterer::Clusterer;
  std::string name() const override { PYBIND11_OVERRIDE_PURE(std::string, Clusterer, name); }
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress) override {
    PYBIND11_OVERRIDE_PURE(Clustering, Clusterer, fit, input, progress);
  }
};

// An `Interface` made by a Python factory, owned from C++: keeps the Python object alive, calls it with the GIL
// held (the C++ pipeline may run without it) and lets go of it under the GIL. Subclasses forward the methods.
template <class Interface>
class PythonOwned : public Interface {
 public:
  explicit PythonOwned(py::object object) : object_(std::move(object)), impl_(object_.cast<Interface*>()) {}
  ~PythonOwned() override {
    py::gil_scoped_acquire gil;
    object_ = py::object();
  }
  PythonOwned(const PythonOwned&) = delete;
  PythonOwned& operator=(const PythonOwned&) = delete;
  std::string name() const override {
    py::gil_scoped_acquire gil;
    return impl_->name();
  }

 private:
  py::object object_;  // first: impl_ is taken from it

 protected:
  Interface* impl_;  // the Python object's C++ side; call with the GIL held
};

class PythonOwnedClusterer : public PythonOwned<Clusterer> {
 public:
  using PythonOwned::PythonOwned;
  Clustering fit(const ClusterInput& input, const ClusterProgress& progress) override {
    py::gil_scoped_acquire gil;
    return impl_->fit(input, progress);
  }
};

// Lets Python subclasses of Representation and Similarity override their methods.
class PyRepresentation : public Representation {
 public:
  using Representation::Representation;
  std::string name() const override { PYBIND11_OVERRIDE_PURE(std::string, Representation, name); }
  void fit(const Documents& documents) override { PYBIND11_OVERRIDE_PURE(void, Representation, fit, documents); }
  SparseMatrix transform(const Documents& documents) const override {
    PYBIND11_OVERRIDE_PURE(SparseMatrix, Representation, transform, documents);
  }
};

class PySimilarity : public Similarity {
 public:
  using Similarity::Similarity;
  std::string name() const override { PYBIND11_OVERRIDE_PURE(std::string, Similarity, name); }
  // Python sees graph(x, neighbours, min_similarity): the progress callback stays on the C++ side.
  NeighbourGraph graph(const SparseMatrix& x, const KnnOptions& options) override {
    py::gil_scoped_acquire gil;
    const py::function override = py::get_override(static_cast<const Similarity*>(this), "graph");
    if (!override) throw Error("a Similarity written in Python must define graph(x, neighbours, min_similarity)");
    // A copy: the Python side may keep it, and must not change the caller's rows.
    return override(py::cast(x), options.neighbours, options.min_similarity).cast<NeighbourGraph>();
  }
};

class PythonOwnedRepresentation : public PythonOwned<Representation> {
 public:
  using PythonOwned::PythonOwned;
  void fit(const Documents& documents) override {
    py::gil_scoped_acquire gil;
    impl_->fit(documents);
  }
  SparseMatrix transform(const Documents& documents) const override {
    py::gil_scoped_acquire gil;
    return impl_->transform(documents);
  }
};

class PythonOwnedSimilarity : public PythonOwned<Similarity> {
 public:
  using PythonOwned::PythonOwned;
  NeighbourGraph graph(const SparseMatrix& x, const KnnOptions& options) override {
    py::gil_scoped_acquire gil;
    return impl_->graph(x, options);
  }
};

// The C++ factory for a Python factory(seed, params), which must return a subclass of `Interface` written in
// Python; the object made is owned from C++ through `Owned` (which takes the GIL for each call).
template <class Interface, class Owned>
std::function<std::unique_ptr<Interface>(const ClustererParams&)> from_python_factory(py::object factory, std::string kind) {
  // The registry copies and destroys its factories without the GIL (a fit runs with it released).
  auto held = shared_callable(std::move(factory));
  return [held = std::move(held), kind = std::move(kind)](const ClustererParams& p) -> std::unique_ptr<Interface> {
    py::gil_scoped_acquire gil;
    py::object made = (*held)(p.seed, p.values);
    if (!py::isinstance<Interface>(made)) throw InvalidInput("the factory must return a servicedesign " + kind);
    return std::make_unique<Owned>(std::move(made));
  };
}

// Defines make_<kind>, register_<kind>, unregister_<kind> and <kind>_names for one registry. Factories
// registered from Python hold Python objects and must go before the interpreter does (the registries are C++
// statics): they are unregistered at exit.
template <class Interface, class Owned>
void def_registry(py::module_& m, const std::string& kind, const std::string& type_name,
                  std::unique_ptr<Interface> (*make)(std::string_view, const ClustererParams&),
                  void (*add)(const std::string&, std::function<std::unique_ptr<Interface>(const ClustererParams&)>, Parameters),
                  bool (*remove)(const std::string&), std::vector<std::string> (*names)(),
                  Parameters (*declared)(std::string_view)) {
  m.def(
      ("make_" + kind).c_str(),
      [make](const std::string& name, std::uint64_t seed, const std::map<std::string, double>& params) {
        return make(name, {seed, params});
      },
      "name"_a, "seed"_a = 0, "params"_a = std::map<std::string, double>{}, ("A " + kind + " from the registry.").c_str());
  auto from_python = std::make_shared<std::set<std::string>>();
  py::module_::import("atexit").attr("register")(py::cpp_function([from_python, remove] {
    for (const auto& name : *from_python) remove(name);
    from_python->clear();
  }));
  m.def(
      ("register_" + kind).c_str(),
      [from_python, add, type_name](const std::string& name, py::function factory, Parameters parameters) {
        add(name, from_python_factory<Interface, Owned>(std::move(factory), type_name), std::move(parameters));
        from_python->insert(name);
      },
      "name"_a, "factory"_a, "parameters"_a = Parameters{},
      ("Registers factory(seed, params) -> " + type_name +
       " under name, for C++ and Python alike; `parameters` (a list of Parameter) declares the parameters it takes: "
       "params then holds them, checked, with their defaults.").c_str());
  m.def((kind + "_parameters").c_str(), declared, "name"_a,
        ("The parameters the " + kind + " `name` declares (a list of Parameter).").c_str());
  m.def(
      ("unregister_" + kind).c_str(),
      [from_python, remove](const std::string& name) {
        from_python->erase(name);
        return remove(name);
      },
      "name"_a, ("Removes a " + kind + " from the registry; False when it was not there.").c_str());
  m.def((kind + "_names").c_str(), names);
}

}  // namespace

void init_insights(py::module_& parent) {
  py::module_ m = parent.def_submodule("insights", "Themes from workshop notes: text pipeline, vectors, clustering.");

  // Text pipeline ----------------------------------------------------------------------------------
  m.def("normalize", &normalize, "text"_a, "Composes Nordic letters, folds case, collapses whitespace.");
  m.def("tokenize", &tokenize, "normalized"_a, "Words of a normalised text.");
  m.def("detect_language", [](std::string_view text) { return std::string(to_code(detect_language(text))); }, "text"_a,
        "ISO code of the text's language ('sv', 'no', 'da', 'en'), or '' when unknown.");
  m.def("is_filler", [](std::string_view text, std::string_view language) { return is_filler(text, language_from_code(language)); },
        "text"_a, "language"_a = "", "True for answers without content ('vet inte', \"don't know\", '-').");

  py::class_<TextPipeline>(m, "TextPipeline", "Turns notes into stems, remembering each stem's most frequent word.")
      .def(py::init([](std::string_view language, std::string_view fallback, bool stem, bool remove_stop_words, std::size_t min_length) {
             TextPipelineOptions o;
             o.language = language_from_code(language);
             o.fallback = language_from_code(fallback);
             o.stem = stem;
             o.remove_stop_words = remove_stop_words;
             o.min_length = min_length;
             return TextPipeline(o);
           }),
           "language"_a = "", "fallback"_a = "sv", "stem"_a = true, "remove_stop_words"_a = true, "min_length"_a = 2)
      .def(
          "process",
          [](TextPipeline& p, std::string_view text, std::string_view language) {
            const ProcessedText r = p.process(text, language_from_code(language));
            return py::make_tuple(r.terms, std::string(to_code(r.language)), r.filler);
          },
          "text"_a, "language"_a = "", "(terms, language code, filler) of one note.")
      .def(
          "process_many",
          [](TextPipeline& p, const std::vector<std::string>& texts, std::optional<std::vector<std::string>> languages,
             py::object progress) {
            if (languages && languages->size() != texts.size()) {
              throw InvalidInput("process_many: " + std::to_string(languages->size()) + " languages for " +
                                 std::to_string(texts.size()) + " notes");
            }
            std::vector<Language> langs;
            for (std::size_t i = 0; languages && i < languages->size(); ++i) langs.push_back(language_from_code((*languages)[i]));
            Documents terms(texts.size());
            std::vector<std::string> codes(texts.size());
            std::vector<bool> filler(texts.size());
            {
              py::gil_scoped_release release;
              for (std::size_t i = 0; i < texts.size(); ++i) {
                // Every 1,024 notes: progress, and Ctrl-C (the stemmers take a while on tens of thousands).
                if (i % 1024 == 0 && !python_keep_going(progress, std::string("text pipeline"),
                                                        static_cast<double>(i) / static_cast<double>(texts.size()))) {
                  throw Interrupted("text pipeline cancelled");
                }
                const ProcessedText r = p.process(texts[i], langs.empty() ? Language::unknown : langs[i]);
                terms[i] = r.terms;
                codes[i] = std::string(to_code(r.language));
                filler[i] = r.filler;
              }
            }
            return py::make_tuple(terms, codes, filler);
          },
          "texts"_a, "languages"_a = py::none(), "progress"_a = py::none(),
          "(terms, language codes, filler flags) of many notes, without the GIL. progress(stage, fraction) may return "
          "False to stop; Ctrl-C stops it too.")
      .def("surface_form", &TextPipeline::surface_form, "term"_a, "The most frequent word seen for a stem.");

  // Vectors ----------------------------------------------------------------------------------------
  py::class_<SparseMatrix>(m, "SparseMatrix", "Rows of notes in CSR form (unit rows from a Vectorizer).")
      .def_property_readonly("shape", [](const SparseMatrix& x) { return py::make_tuple(x.rows, x.cols); })
      .def_property_readonly("nnz", &SparseMatrix::nonzeros)
      .def(
          "to_arrays",
          [](const SparseMatrix& x) { return py::make_tuple(to_numpy(x.value), to_numpy(x.col), to_numpy(x.row_start)); },
          "(data, indices, indptr) as numpy arrays, as scipy.sparse.csr_matrix takes them.")
      .def_static(
          "from_arrays",
          [](py::array_t<double, py::array::c_style | py::array::forcecast> data,
             py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast> indices,
             py::array_t<std::size_t, py::array::c_style | py::array::forcecast> indptr, std::pair<std::size_t, std::size_t> shape) {
            SparseMatrix x;
            x.rows = shape.first;
            x.cols = shape.second;
            x.value.assign(data.data(), data.data() + data.size());
            x.col.assign(indices.data(), indices.data() + indices.size());
            x.row_start.assign(indptr.data(), indptr.data() + indptr.size());
            x.validate();
            return x;
          },
          "data"_a, "indices"_a, "indptr"_a, "shape"_a, "A matrix from CSR arrays (checked: sizes, order, finite values).")
      .def("normalize_rows", &SparseMatrix::normalize_rows);

  py::enum_<Weighting>(m, "Weighting", "Term weighting.").value("tfidf", Weighting::tfidf).value("bm25", Weighting::bm25);
  py::class_<Vectorizer>(m, "Vectorizer", "Vocabulary and TF-IDF/BM25 weights of term lists.")
      .def(py::init([](const std::string& weighting, std::size_t min_df, double max_df, double k1, double b, bool normalize_rows,
                       std::size_t char_ngrams) {
             VectorizerOptions o;
             if (weighting == "tfidf") {
               o.weighting = Weighting::tfidf;
             } else if (weighting == "bm25") {
               o.weighting = Weighting::bm25;
             } else {
               throw InvalidInput("weighting: unknown '" + weighting + "'; accepted: tfidf, bm25");
             }
             o.min_df = min_df;
             o.max_df = max_df;
             o.k1 = k1;
             o.b = b;
             o.normalize = normalize_rows;
             o.char_ngrams = char_ngrams;
             return Vectorizer(o);
           }),
           "weighting"_a = "tfidf", "min_df"_a = 1, "max_df"_a = 1.0, "k1"_a = 1.2, "b"_a = 0.75, "normalize"_a = true,
           "char_ngrams"_a = 0)
      .def("fit", &Vectorizer::fit, "documents"_a, py::return_value_policy::reference_internal)
      .def("transform", &Vectorizer::transform, "documents"_a, py::call_guard<py::gil_scoped_release>())
      .def("fit_transform", &Vectorizer::fit_transform, "documents"_a, py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("terms", &Vectorizer::terms)
      .def_property_readonly("idf", [](const Vectorizer& v) { return to_numpy(v.idf()); });

  py::class_<NeighbourGraph>(m, "NeighbourGraph", "Symmetric weighted graph of notes in CSR form.")
      .def_readonly("nodes", &NeighbourGraph::nodes)
      .def_property_readonly("edges", &NeighbourGraph::edges)
      .def(
          "to_arrays",
          [](const NeighbourGraph& g) { return py::make_tuple(to_numpy(g.start), to_numpy(g.neighbour), to_numpy(g.weight)); },
          "(indptr, indices, weights): each undirected edge appears once from each end.")
      .def_static(
          "from_edges",
          [](std::size_t nodes, const std::vector<std::uint32_t>& u, const std::vector<std::uint32_t>& v, const std::vector<double>& w) {
            if (u.size() != v.size() || u.size() != w.size()) {
              throw InvalidInput("from_edges: u, v and weights must have the same length (" + std::to_string(u.size()) + ", " +
                                 std::to_string(v.size()) + ", " + std::to_string(w.size()) + ")");
            }
            std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
            for (std::size_t e = 0; e < u.size(); ++e) edges.emplace_back(u[e], v[e], w[e]);
            return NeighbourGraph::from_edges(nodes, std::move(edges));
          },
          "nodes"_a, "u"_a, "v"_a, "weights"_a);
  m.def(
      "knn_graph",
      [](const SparseMatrix& x, std::size_t neighbours, double min_similarity, py::object progress, std::size_t threads,
         std::size_t posting_limit, std::size_t rescored) {
        // Progress (and Ctrl-C) is checked every few hundred notes from the calling thread.
        const ClusterProgress callback = python_stage_progress(std::move(progress));
        KnnOptions options{neighbours, min_similarity, [&callback](double f) { return callback("neighbour graph", f); },
                           threads, posting_limit, rescored};
        py::gil_scoped_release release;
        return knn_graph(x, options);
      },
      "x"_a, "neighbours"_a = 10, "min_similarity"_a = 0.0, "progress"_a = py::none(), "threads"_a = 0,
      "posting_limit"_a = 0, "rescored"_a = 0,
      "k-nearest-neighbour graph of unit rows through an inverted index (never an n x n matrix). posting_limit: 0 "
      "chooses for the notes, a number bounds each term's postings (approximate, near-linear), -1 searches exactly. "
      "progress(stage, fraction) may return False to stop; Ctrl-C stops it too.");

  // Dense vectors: float32 C-order arrays are read in place (no copy); the wrapper converts others once.
  const auto dense_view = [](const py::array_t<float, py::array::c_style>& a) {
    if (a.ndim() != 2) throw InvalidInput("embeddings must be a 2-D array (notes x dimensions), got " + std::to_string(a.ndim()) + "-D");
    return DenseView{a.data(), static_cast<std::size_t>(a.shape(0)), static_cast<std::size_t>(a.shape(1))};
  };
  m.def(
      "dense_knn_graph",
      [dense_view](const py::array_t<float, py::array::c_style>& embeddings, std::size_t neighbours, double min_similarity,
                   std::size_t exact_limit, std::uint64_t seed) {
        const DenseView view = dense_view(embeddings);
        py::gil_scoped_release release;
        return knn_graph(view, {neighbours, min_similarity, exact_limit, seed});
      },
      "embeddings"_a, "neighbours"_a = 10, "min_similarity"_a = 0.0, "exact_limit"_a = 5000, "seed"_a = 0,
      "k-nearest-neighbour graph of unit dense vectors (float32, C order, read in place): every pair up to "
      "exact_limit notes, else an HNSW index.");
  m.def(
      "mixed_knn_graph",
      [dense_view](const SparseMatrix& x, const py::array_t<float, py::array::c_style>& embeddings, double dense_weight,
                   std::size_t neighbours, double min_similarity, std::size_t exact_limit, std::uint64_t seed) {
        const DenseView view = dense_view(embeddings);
        py::gil_scoped_release release;
        return knn_graph(x, view, {neighbours, min_similarity, exact_limit, seed}, dense_weight);
      },
      "x"_a, "embeddings"_a, "dense_weight"_a = 0.5, "neighbours"_a = 10, "min_similarity"_a = 0.0,
      "exact_limit"_a = 5000, "seed"_a = 0,
      "Neighbour graph by (1 - dense_weight) * sparse cosine + dense_weight * dense cosine (unit rows in both).");
  m.def(
      "lsa",
      [](const SparseMatrix& x, std::size_t dimensions, std::size_t power_iterations, std::uint64_t seed, bool normalize) {
        DenseMatrix z;
        {
          py::gil_scoped_release release;
          z = lsa(x, {.dimensions = dimensions, .power_iterations = power_iterations, .seed = seed, .normalize = normalize});
        }
        py::array_t<float> out({z.rows, z.cols});
        std::copy(z.values.begin(), z.values.end(), out.mutable_data());
        return out;
      },
      "x"_a, "dimensions"_a = 100, "power_iterations"_a = 4, "seed"_a = 0, "normalize"_a = true,
      "LSA: the notes' coordinates in the leading singular directions of x (randomized truncated SVD), "
      "float32 rows of unit length.");

  // Clustering -------------------------------------------------------------------------------------
  py::class_<ClusterInput>(m, "ClusterInput", "What a clusterer may use: vectors and/or the neighbour graph.")
      .def(py::init([](const OptionalRef<SparseMatrix>& vectors, const OptionalRef<NeighbourGraph>& graph) {
             return ClusterInput{pointer_of(vectors), pointer_of(graph)};
           }),
           "vectors"_a = py::none(), "graph"_a = py::none(), py::keep_alive<1, 2>(), py::keep_alive<1, 3>())
      .def_property_readonly(
          "vectors", [](const ClusterInput& in) { return optional_of(in.vectors); }, py::return_value_policy::reference)
      .def_property_readonly(
          "graph", [](const ClusterInput& in) { return optional_of(in.graph); }, py::return_value_policy::reference)
      .def("__len__", &ClusterInput::size);

  py::class_<Clustering>(m, "Clustering", "A theme per note, numbered from the largest theme (0).")
      .def_property_readonly("labels", [](const Clustering& c) { return to_numpy(c.labels); })
      .def_readonly("themes", &Clustering::themes)
      .def_readonly("quality", &Clustering::quality)
      .def_readonly("resolution", &Clustering::resolution,
                    "Leiden: the resolution used, given or chosen (0 for other algorithms).");
  m.def(
      "canonical_clustering",
      [](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& labels, double quality) {
        return canonical_clustering(labels_from(labels, "canonical_clustering"), quality);
      },
      "labels"_a, "quality"_a = 0.0, "Renumbers labels by theme size (largest is 0), ties by first note.");

  m.def(
      "absorb_small_themes",
      [](const NeighbourGraph& graph, const Clustering& themes, std::size_t min_size,
         const std::vector<std::size_t>& notes_per_node) {
        return absorb_small_themes(graph, themes, min_size, notes_per_node);
      },
      "graph"_a, "themes"_a, "min_size"_a, "notes_per_node"_a = std::vector<std::size_t>{},
      "Themes of fewer than min_size notes joined to the theme they are most linked to in the graph, smallest first; "
      "a theme linked to no other stays. Renumbered by size; notes labelled -1 stay -1. notes_per_node (empty: one "
      "each): how many notes each node stands for, when nodes are groups of copies.");
  m.def(
      "match_themes",
      [](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& previous,
         const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& current, double min_overlap) {
        return to_numpy(match_themes(labels_from(previous, "match_themes"), labels_from(current, "match_themes"), min_overlap));
      },
      "previous"_a, "current"_a, "min_overlap"_a = 0.3,
      "Renumbers current themes to the numbers of the previous themes they overlap most (stable ids across reruns).");

  py::class_<Clusterer, PyClusterer>(m, "Clusterer",
                                     "Interface of clustering algorithms; subclass it in Python and register it by name.")
      .def(py::init<>())
      .def("name", &Clusterer::name)
      .def(
          "fit",
          [](Clusterer& c, const ClusterInput& input, py::object progress) {
            const ClusterProgress callback = python_stage_progress(std::move(progress));
            py::gil_scoped_release release;
            return c.fit(input, callback);
          },
          "input"_a, "progress"_a = py::none(), "Clusters the notes (the GIL is released for C++ algorithms).");
  py::class_<LeidenClusterer, Clusterer>(m, "LeidenClusterer",
                                         "Leiden on the neighbour graph (modularity with resolution; 0 chooses it with "
                                         "choose_resolution, and Clustering.resolution tells which).")
      .def(py::init([](double resolution, std::uint64_t seed, std::size_t max_levels, std::size_t ensemble) {
             return LeidenClusterer({resolution, seed, max_levels, ensemble});
           }),
           "resolution"_a = 1.0, "seed"_a = 0, "max_levels"_a = 50, "ensemble"_a = 1);
  py::class_<ResolutionPoint>(m, "ResolutionPoint", "One resolution tried by choose_resolution: a Leiden run on the notes' "
                                                     "graph and one on the same graph with its links shuffled.")
      .def_readonly("resolution", &ResolutionPoint::resolution)
      .def_readonly("modularity", &ResolutionPoint::modularity)
      .def_readonly("shuffled_modularity", &ResolutionPoint::shuffled_modularity)
      .def_readonly("themes", &ResolutionPoint::themes)
      .def_readonly("shuffled_themes", &ResolutionPoint::shuffled_themes)
      .def_property_readonly("excess", &ResolutionPoint::excess,
                             "modularity - shuffled_modularity: how far the themes beat chance.")
      .def("__repr__", [](const ResolutionPoint& p) {
        return "ResolutionPoint(resolution=" + std::to_string(p.resolution) + ", excess=" + std::to_string(p.excess()) +
               ", themes=" + std::to_string(p.themes) + ")";
      });
  py::class_<ResolutionChoice>(m, "ResolutionChoice",
                               "The chosen resolution and every resolution tried (by increasing resolution).")
      .def_readonly("resolution", &ResolutionChoice::resolution)
      .def_readonly("profile", &ResolutionChoice::profile);
  m.def(
      "choose_resolution",
      [](const NeighbourGraph& graph, std::uint64_t seed, py::object progress) {
        const ClusterProgress callback = python_stage_progress(std::move(progress));
        py::gil_scoped_release release;
        return choose_resolution(graph, seed, callback);
      },
      "graph"_a, "seed"_a = 0, "progress"_a = py::none(),
      "Leiden's resolution for the graph: where the themes beat the same graph with shuffled links by the widest "
      "modularity margin (single runs on a quarter-octave scale from 1, a parabola through the best five). "
      "progress(stage, fraction) may return False to stop; Ctrl-C stops it too.");
  py::class_<KMeansClusterer, Clusterer>(m, "KMeansClusterer", "Spherical k-means with k-means++ seeding (needs k).")
      .def(py::init([](std::size_t k, std::uint64_t seed, std::size_t max_iterations) {
             return KMeansClusterer({k, seed, max_iterations});
           }),
           "k"_a, "seed"_a = 0, "max_iterations"_a = 100);
  py::class_<Dendrogram>(m, "Dendrogram",
                         "Merges of average linkage, in scipy's convention: (a, b, similarity, size); merge i makes id n + i.")
      .def_readonly("nodes", &Dendrogram::nodes)
      .def_property_readonly("components", &Dendrogram::components)
      .def_property_readonly(
          "merges",
          [](const Dendrogram& d) {
            py::list out;
            for (const Merge& x : d.merges) out.append(py::make_tuple(x.a, x.b, x.similarity, x.size));
            return out;
          },
          "[(a, b, similarity, size)] in the order of the merges.")
      .def("__len__", [](const Dendrogram& d) { return d.merges.size(); })
      .def(
          "linkage_matrix",
          [](const Dendrogram& d) {
            const std::vector<double> z = d.linkage_matrix();
            py::array_t<double> out({static_cast<py::ssize_t>(z.size() / 4), static_cast<py::ssize_t>(4)});
            std::copy(z.begin(), z.end(), out.mutable_data());
            return out;
          },
          "scipy's (n-1) x 4 linkage matrix (a, b, distance 1 - similarity, size); components joined at distance 1. "
          "scipy.cluster.hierarchy.dendrogram(tree.linkage_matrix()) draws it.");
  py::class_<AverageClusterer, Clusterer>(
      m, "AverageClusterer",
      "Average linkage on the neighbour graph, cut at k themes, at a similarity threshold, or (neither) at the "
      "level of highest modularity.")
      .def(py::init([](std::optional<std::size_t> k, std::optional<double> threshold) {
             if (k && *k == 0) throw InvalidInput("average: k must be at least 1");
             return AverageClusterer({k.value_or(0), threshold});
           }),
           "k"_a = py::none(), "threshold"_a = py::none())
      .def_property_readonly("dendrogram", &AverageClusterer::dendrogram, "The dendrogram of the last fit().");
  py::class_<HdbscanClusterer, Clusterer>(
      m, "HdbscanClusterer",
      "HDBSCAN* on the neighbour graph (distance 1 - similarity); noise joins its most similar themed neighbour's "
      "theme when the similarity is at least reassign_threshold, else keeps the label -1.")
      .def(py::init([](std::size_t min_cluster_size, std::optional<std::size_t> min_samples, double reassign_threshold) {
             if (min_samples && *min_samples == 0) throw InvalidInput("hdbscan: min_samples must be at least 1");
             return HdbscanClusterer({min_cluster_size, min_samples.value_or(0), reassign_threshold});
           }),
           "min_cluster_size"_a = 5, "min_samples"_a = py::none(), "reassign_threshold"_a = 0.0);
  m.def(
      "hdbscan",
      [](const NeighbourGraph& graph, std::size_t min_cluster_size, std::optional<std::size_t> min_samples) {
        if (min_samples && *min_samples == 0) throw InvalidInput("hdbscan: min_samples must be at least 1");
        HdbscanResult r;
        {
          py::gil_scoped_release release;
          r = hdbscan(graph, {min_cluster_size, min_samples.value_or(0), 0.0});
        }
        return py::make_tuple(to_numpy(r.labels), to_numpy(r.stability), to_numpy(r.core_distance));
      },
      "graph"_a, "min_cluster_size"_a = 5, "min_samples"_a = py::none(),
      "HDBSCAN* without reassignment: (labels with -1 for noise, excess of mass per cluster, core distance per note).");

  m.def(
      "average_linkage",
      [](const NeighbourGraph& graph, py::object progress) {
        const ClusterProgress callback = python_stage_progress(std::move(progress));
        py::gil_scoped_release release;
        return average_linkage(graph, callback);
      },
      "graph"_a, "progress"_a = py::none(),
      "Average linkage (UPGMA) on the graph: missing edges count as similarity 0; components never merge.");
  m.def("cut", &cut, "tree"_a, "k"_a, "Flat themes at k clusters (at least the number of components).");
  m.def("cut_at_similarity", &cut_at_similarity, "tree"_a, "threshold"_a,
        "Flat themes from the merges of average similarity at least threshold.");
  m.def("cut_level", &cut_level, "tree"_a, "merges"_a, "Flat themes after the first `merges` merges.");

  py::class_<Parameter>(m, "Parameter",
                        "A parameter declared once by a clusterer, representation or similarity: name, kind, range, "
                        "default, description.")
      .def(py::init([](std::string name, bool whole, double lower, double upper, std::optional<double> default_value,
                       std::string description, bool lower_open, bool upper_open, bool may_be_none) {
             return Parameter{std::move(name), whole, lower, upper, default_value, std::move(description),
                              lower_open, upper_open, may_be_none};
           }),
           "name"_a, "whole"_a = false, "lower"_a = -std::numeric_limits<double>::infinity(),
           "upper"_a = std::numeric_limits<double>::infinity(), "default"_a = py::none(), "description"_a = "",
           "lower_open"_a = false, "upper_open"_a = false, "may_be_none"_a = false)
      .def_readonly("name", &Parameter::name)
      .def_readonly("whole", &Parameter::whole)
      .def_readonly("lower", &Parameter::lower)
      .def_readonly("upper", &Parameter::upper)
      .def_readonly("default", &Parameter::default_value)
      .def_readonly("description", &Parameter::description)
      .def_readonly("lower_open", &Parameter::lower_open)
      .def_readonly("upper_open", &Parameter::upper_open)
      .def_readonly("may_be_none", &Parameter::may_be_none)
      .def("admits", &Parameter::admits, "value"_a, "Whether the value is allowed (kind and range).")
      .def("allowed", &Parameter::allowed, "The allowed values in words.")
      .def("__repr__", [](const Parameter& p) {
        return "Parameter(" + p.name + ": " + p.allowed() + ", default " + p.default_text() + ")";
      });
  m.def("parameters_table", &parameters_table, "parameters"_a, "A Markdown table of parameters, as the docs show them.");
  def_registry<Clusterer, PythonOwnedClusterer>(m, "clusterer", "Clusterer", &make_clusterer, &register_clusterer,
                                                &unregister_clusterer, &clusterer_names, &clusterer_parameters);

  // Representations and similarities: interfaces, registries, Python subclasses -------------------------
  py::class_<Representation, PyRepresentation>(m, "Representation",
                                               "Turns notes' terms into sparse rows; subclass it in Python and register it by name.")
      .def(py::init<>())
      .def("name", &Representation::name)
      .def("fit", &Representation::fit, "documents"_a, py::call_guard<py::gil_scoped_release>(),
           "Learns from the notes' terms (one list per note).")
      .def("transform", &Representation::transform, "documents"_a, py::call_guard<py::gil_scoped_release>(),
           "Rows of the notes in the fitted space.");
  py::class_<Similarity, PySimilarity>(m, "Similarity",
                                       "Builds the neighbour graph of the rows; subclass it in Python and register it by name.")
      .def(py::init<>())
      .def("name", &Similarity::name)
      .def(
          "graph",
          [](Similarity& s, const SparseMatrix& x, std::size_t neighbours, double min_similarity, py::object progress) {
            // As knn_graph: progress (and Ctrl-C) reach a similarity that reports through options.progress.
            const ClusterProgress callback = python_stage_progress(std::move(progress));
            KnnOptions options{neighbours, min_similarity, [&callback](double f) { return callback("neighbour graph", f); }};
            py::gil_scoped_release release;
            return s.graph(x, options);
          },
          "x"_a, "neighbours"_a = 10, "min_similarity"_a = 0.0, "progress"_a = py::none(),
          "The graph of each note's `neighbours` most similar notes (symmetric, weights above min_similarity). "
          "progress(stage, fraction) may return False to stop (for similarities that report, as 'cosine' does).");
  def_registry<Representation, PythonOwnedRepresentation>(m, "representation", "Representation", &make_representation,
                                                          &register_representation, &unregister_representation,
                                                          &representation_names, &representation_parameters);
  def_registry<Similarity, PythonOwnedSimilarity>(m, "similarity", "Similarity", &make_similarity, &register_similarity,
                                                  &unregister_similarity, &similarity_names, &similarity_parameters);
  m.def(
      "modularity",
      [](const NeighbourGraph& g, const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& labels, double resolution) {
        return modularity(g, labels_from(labels, "modularity"), resolution);
      },
      "graph"_a, "labels"_a, "resolution"_a = 1.0);

  // Labels and metrics -----------------------------------------------------------------------------
  m.def(
      "label_themes",
      [](const Documents& terms, const Clustering& clustering, const OptionalRef<SparseMatrix>& vectors,
         const OptionalRef<TextPipeline>& pipeline, std::size_t keywords, std::size_t representatives, double diversity) {
        const auto labels =
            label_themes(terms, clustering, pointer_of(vectors), pointer_of(pipeline), {keywords, representatives, diversity});
        py::list out;
        for (const auto& l : labels) {
          out.append(py::dict("size"_a = l.size, "keywords"_a = l.keywords, "scores"_a = l.scores,
                              "representatives"_a = l.representatives));
        }
        return out;
      },
      "terms"_a, "clustering"_a, "vectors"_a = py::none(), "pipeline"_a = py::none(), "keywords"_a = 5, "representatives"_a = 3,
      "diversity"_a = 0.3,
      "Per theme: size, c-TF-IDF keywords (real words with a pipeline; diversity by maximal marginal relevance), "
      "representative notes.");
  using LabelArray = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
  m.def(
      "adjusted_rand_index",
      [](const LabelArray& a, const LabelArray& b) { return adjusted_rand_index(labels_from(a, "adjusted_rand_index"), labels_from(b, "adjusted_rand_index")); },
      "labels_true"_a, "labels_pred"_a);
  m.def(
      "normalized_mutual_information",
      [](const LabelArray& a, const LabelArray& b) {
        return normalized_mutual_information(labels_from(a, "normalized_mutual_information"), labels_from(b, "normalized_mutual_information"));
      },
      "labels_true"_a, "labels_pred"_a);
  m.def(
      "v_measure",
      [](const LabelArray& a, const LabelArray& b) {
        const VMeasure v = v_measure(labels_from(a, "v_measure"), labels_from(b, "v_measure"));
        return py::make_tuple(v.homogeneity, v.completeness, v.v_measure);
      },
      "labels_true"_a, "labels_pred"_a, "(homogeneity, completeness, v_measure).");
  m.def(
      "silhouette",
      [](const SparseMatrix& x, const LabelArray& labels) {
        auto l = labels_from(labels, "silhouette");
        py::gil_scoped_release release;
        return silhouette(x, l);
      },
      "x"_a, "labels"_a,
      "Mean silhouette under cosine distance on the unit rows of x (notes labelled -1 left out); exact, never n x n.");

  init_theme_model(m);
}

}  // namespace servicedesign::bindings
