// Python bindings of the theme model: servicedesign._core.insights.ThemeModel and its options. The Python
// estimator servicedesign.insights.Themes wraps it (scikit-learn protocol, pandas, keys of any type).
#include <Python.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>

#include "bindings.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/theme_model.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

using namespace servicedesign::insights;

using Embeddings = py::array_t<float, py::array::c_style | py::array::forcecast>;

// The caller's embeddings as the model reads them, in place (float32, C order: forcecast copies otherwise).
DenseView dense_view(const Embeddings& embeddings) {
  if (embeddings.ndim() != 2) {
    throw InvalidInput("embeddings must be 2-D (notes x dimensions), got " + std::to_string(embeddings.ndim()) + "-D");
  }
  return DenseView{embeddings.data(), static_cast<std::size_t>(embeddings.shape(0)),
                   static_cast<std::size_t>(embeddings.shape(1))};
}

template <class T, class From = T>
py::array_t<T> numpy_of(const std::vector<From>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  auto* data = out.mutable_data();
  for (std::size_t i = 0; i < v.size(); ++i) data[i] = static_cast<T>(v[i]);
  return out;
}

ThemeEdit::Kind edit_kind(const std::string& word) {
  for (const auto kind : {ThemeEdit::Kind::merge, ThemeEdit::Kind::split, ThemeEdit::Kind::move, ThemeEdit::Kind::pin,
                          ThemeEdit::Kind::rename}) {
    if (to_string(kind) == word) return kind;
  }
  throw InvalidInput("edit: unknown kind '" + word + "'; use merge, split, move, pin or rename");
}

// The edits as plain data: {"op", "theme", "into"/"new", "notes"/"note", "name"} as the estimator records them.
py::dict edit_to_dict(const ThemeEdit& e) {
  py::dict d;
  d["op"] = std::string(to_string(e.kind));
  switch (e.kind) {
    case ThemeEdit::Kind::merge:
      d["into"] = e.target;
      d["theme"] = e.theme;
      d["notes"] = e.notes;
      break;
    case ThemeEdit::Kind::split:
      d["theme"] = e.theme;
      d["new"] = e.target;
      d["notes"] = e.notes;
      break;
    case ThemeEdit::Kind::move:
      d["note"] = e.notes.empty() ? std::string() : e.notes.front();
      d["theme"] = e.target;
      break;
    case ThemeEdit::Kind::pin:
      d["theme"] = e.theme;
      d["notes"] = e.notes;
      break;
    case ThemeEdit::Kind::rename:
      d["theme"] = e.theme;
      d["name"] = e.name;
      break;
  }
  return d;
}

ThemeEdit edit_from_dict(const py::dict& d) {
  ThemeEdit e;
  try {
    e.kind = edit_kind(d["op"].cast<std::string>());
    switch (e.kind) {
      case ThemeEdit::Kind::merge:
        e.target = d["into"].cast<std::int32_t>();
        e.theme = d["theme"].cast<std::int32_t>();
        e.notes = d["notes"].cast<std::vector<std::string>>();
        break;
      case ThemeEdit::Kind::split:
        e.theme = d["theme"].cast<std::int32_t>();
        e.target = d["new"].cast<std::int32_t>();
        e.notes = d["notes"].cast<std::vector<std::string>>();
        break;
      case ThemeEdit::Kind::move:
        e.notes = {d["note"].cast<std::string>()};
        e.target = d["theme"].cast<std::int32_t>();
        break;
      case ThemeEdit::Kind::pin:
        e.theme = d["theme"].cast<std::int32_t>();
        e.notes = d["notes"].cast<std::vector<std::string>>();
        break;
      case ThemeEdit::Kind::rename:
        e.theme = d["theme"].cast<std::int32_t>();
        e.name = d["name"].cast<std::string>();
        break;
    }
  } catch (const py::error_already_set&) {
    throw InvalidInput("edit: " + py::repr(d).cast<std::string>() + " lacks a field of its kind");
  } catch (const py::cast_error&) {
    throw InvalidInput("edit: " + py::repr(d).cast<std::string>() + " has a field of the wrong type");
  }
  return e;
}

ArchiveFormat format_of(const std::string& name) { return archive_format_from_string(name); }

}  // namespace

void init_theme_model(py::module_& m) {
  m.def("theme_model_parameters", &theme_model_parameters,
        "The theme model's numeric options, declared once (a list of Parameter): name, kind, range, default, "
        "description; Themes and `servicedesign cluster` take their ranges and help from it.");
  const ThemeModelOptions defaults;
  py::class_<ThemeModelOptions> options(m, "ThemeModelOptions",
                                        "Options of the theme model; the defaults are those of Themes().");
  options.def(py::init<>())
      .def_readwrite("algorithm", &ThemeModelOptions::algorithm)
      .def_readwrite("resolution", &ThemeModelOptions::resolution, "Leiden's resolution; 0 chooses it for the notes.")
      .def_readwrite("neighbours", &ThemeModelOptions::neighbours)
      .def_readwrite("min_similarity", &ThemeModelOptions::min_similarity)
      .def_readwrite("representation", &ThemeModelOptions::representation)
      .def_readwrite("min_df", &ThemeModelOptions::min_df)
      .def_readwrite("max_df", &ThemeModelOptions::max_df)
      .def_property(
          "language", [](const ThemeModelOptions& o) { return std::string(to_code(o.language)); },
          [](ThemeModelOptions& o, const std::string& code) { o.language = language_from_code(code); },
          "\"sv\", \"no\", \"da\", \"en\", or \"\" to detect per note.")
      .def_readwrite("keywords", &ThemeModelOptions::keywords)
      .def_readwrite("representatives", &ThemeModelOptions::representatives)
      .def_readwrite("seed", &ThemeModelOptions::seed)
      .def_readwrite("n_themes", &ThemeModelOptions::n_themes)
      .def_readwrite("ensemble", &ThemeModelOptions::ensemble)
      .def_readwrite("lsa", &ThemeModelOptions::lsa)
      .def_readwrite("dense_weight", &ThemeModelOptions::dense_weight)
      .def_readwrite("diversity", &ThemeModelOptions::diversity)
      .def_readwrite("char_ngrams", &ThemeModelOptions::char_ngrams)
      .def_readwrite("threshold", &ThemeModelOptions::threshold)
      .def_readwrite("min_cluster_size", &ThemeModelOptions::min_cluster_size)
      .def_readwrite("min_samples", &ThemeModelOptions::min_samples)
      .def_readwrite("reassign_threshold", &ThemeModelOptions::reassign_threshold)
      .def_readwrite("min_theme_size", &ThemeModelOptions::min_theme_size)
      .def_readwrite("duplicate_similarity", &ThemeModelOptions::duplicate_similarity)
      .def_readwrite("similarity", &ThemeModelOptions::similarity)
      .def_readwrite("threads", &ThemeModelOptions::threads, "Threads to use at most; 0: one per core.")
      .def_readwrite("posting_limit", &ThemeModelOptions::posting_limit,
                     "Bound on each term's postings in the neighbour search; 0: automatic, 2**64-1: exact.")
      .def("validate", &ThemeModelOptions::validate, "Raises InvalidInputError naming the first option out of range.")
      .def("check_components", &ThemeModelOptions::check_components,
           "validate(), then makes the clusterer, representation and similarity by name as fit() does (fitting "
           "nothing): NotFoundError for an unknown name, InvalidInputError for an option the clusterer does not "
           "take or a parameter it needs.")
      .def("__eq__", [](const ThemeModelOptions& a, const ThemeModelOptions& b) { return a == b; });

  py::class_<ThemeSummary>(m, "ThemeSummary", "One fitted theme: number, name, size, keywords, representative notes.")
      .def_readonly("theme", &ThemeSummary::theme)
      .def_readonly("name", &ThemeSummary::name)
      .def_readonly("size", &ThemeSummary::size)
      .def_readonly("keywords", &ThemeSummary::keywords)
      .def_readonly("scores", &ThemeSummary::scores)
      .def_readonly("representatives", &ThemeSummary::representatives, "Indices of the most typical notes.");

  py::class_<CopyGroup>(m, "CopyGroup", "A note that has copies: its index, the group's size and its theme.")
      .def_readonly("note", &CopyGroup::note)
      .def_readonly("copies", &CopyGroup::copies)
      .def_readonly("theme", &CopyGroup::theme);

  py::class_<ThemeModel>(m, "ThemeModel",
                         "Notes to labelled themes: the whole pipeline in C++ (see servicedesign.insights.Themes).")
      .def(py::init<ThemeModelOptions>(), py::arg_v("options", defaults, "ThemeModelOptions()"))
      .def_property_readonly("options", &ThemeModel::options)
      .def(
          "fit",
          [](ThemeModel& model, const std::vector<std::string>& texts, std::optional<std::vector<std::string>> keys,
             std::optional<Embeddings> embeddings,
             std::optional<std::vector<std::int32_t>> previous_labels, std::optional<std::vector<std::string>> previous_keys,
             std::optional<std::vector<py::dict>> previous_edits,
             std::optional<std::map<std::int32_t, std::string>> previous_names, std::int32_t previous_max_theme_id,
             py::object progress) {
            ThemeFitInput input;
            if (keys) input.keys = std::move(*keys);
            if (embeddings) input.embeddings = dense_view(*embeddings);
            if (previous_labels) {
              EarlierThemes earlier;
              earlier.labels = std::move(*previous_labels);
              if (previous_keys) earlier.keys = std::move(*previous_keys);
              if (previous_edits) {
                for (const auto& d : *previous_edits) earlier.edits.push_back(edit_from_dict(d));
              }
              if (previous_names) earlier.names = std::move(*previous_names);
              earlier.max_theme_id = previous_max_theme_id;
              input.previous = std::move(earlier);
            }
            input.progress = python_stage_progress(std::move(progress));
            py::gil_scoped_release release;
            model.fit(texts, input);
          },
          "texts"_a, "keys"_a = py::none(), "embeddings"_a = py::none(), "previous_labels"_a = py::none(),
          "previous_keys"_a = py::none(), "previous_edits"_a = py::none(), "previous_names"_a = py::none(),
          "previous_max_theme_id"_a = -1, "progress"_a = py::none(),
          "Clusters the notes without the GIL. previous_*: an earlier run's themes (keys empty: aligned with the "
          "notes). progress(stage, fraction) may return False to stop; Ctrl-C stops it too.")
      .def(
          "forget",
          [](ThemeModel& model, const std::vector<std::string>& keys,
             std::optional<Embeddings> embeddings,
             py::object progress) {
            ThemeForgetInput input;
            if (embeddings) input.embeddings = dense_view(*embeddings);
            input.progress = python_stage_progress(std::move(progress));
            py::gil_scoped_release release;
            model.forget(keys, input);
          },
          "keys"_a, "embeddings"_a = py::none(), "progress"_a = py::none(),
          "Erases the notes with these keys: refits on the others without the GIL, keeping theme numbers and the "
          "edits less the forgotten keys. embeddings: those of the fit, one row per note of the model.")
      .def_property_readonly("fitted", &ThemeModel::fitted)
      .def_property_readonly("labels", [](const ThemeModel& m) { return numpy_of<std::int64_t>(m.labels()); })
      .def_property_readonly("fillers", [](const ThemeModel& m) { return numpy_of<bool>(m.fillers()); })
      .def_property_readonly("usable", [](const ThemeModel& m) { return numpy_of<bool>(m.usable()); })
      .def_property_readonly("duplicate_of", [](const ThemeModel& m) { return numpy_of<std::int64_t>(m.duplicate_of()); })
      .def_property_readonly("languages",
                             [](const ThemeModel& m) {
                               std::vector<std::string> codes;
                               for (const Language l : m.languages()) codes.emplace_back(to_code(l));
                               return codes;
                             })
      .def_property_readonly("themes", &ThemeModel::themes)
      .def_property_readonly("n_themes", &ThemeModel::n_themes)
      .def_property_readonly("texts", &ThemeModel::texts)
      .def_property_readonly("keys", &ThemeModel::keys)
      .def_property_readonly("copies", &ThemeModel::copies)
      .def_property_readonly("quality", &ThemeModel::quality)
      .def_property_readonly("resolution", &ThemeModel::resolution)
      .def_property_readonly("edits",
                             [](const ThemeModel& m) {
                               py::list out;
                               for (const ThemeEdit& e : m.edits()) out.append(edit_to_dict(e));
                               return out;
                             })
      .def_property_readonly("names", &ThemeModel::names)
      .def_property_readonly("max_theme_id", &ThemeModel::max_theme_id)
      .def(
          "predict",
          [](const ThemeModel& m, const std::vector<std::string>& texts) {
            std::vector<std::int32_t> labels;
            {
              py::gil_scoped_release release;
              labels = m.predict(texts);
            }
            return numpy_of<std::int64_t>(labels);
          },
          "texts"_a, "The nearest theme of each new note; -1 for fillers and notes sharing no term.")
      .def("vectors", &ThemeModel::vectors, "The notes with content words as rows of the fitted representation.")
      .def("theme_centres", &ThemeModel::theme_centres, "Each theme's unit mean vector, rows in the order of themes.")
      .def("hierarchy", &ThemeModel::hierarchy, "(theme numbers, Dendrogram over the theme centres).")
      .def("merge_themes", &ThemeModel::merge_themes, "into"_a, "other"_a)
      .def("split_theme", &ThemeModel::split_theme, "theme"_a, "keys"_a)
      .def("move_note", &ThemeModel::move_note, "key"_a, "theme"_a)
      .def("pin_theme", &ThemeModel::pin_theme, "theme"_a)
      .def("rename_theme", &ThemeModel::rename_theme, "theme"_a, "name"_a)
      .def(
          "save_to_bytes",
          [](const ThemeModel& m, const std::string& format) { return py::bytes(m.save_to_string(format_of(format))); },
          "format"_a = "binary", "The model in the archive envelope (\"text\", \"xml\" or \"binary\").")
      .def_static(
          "load_from_bytes",
          [](const py::bytes& data, const std::string& source) {
            const std::string bytes = data;
            py::gil_scoped_release release;
            return ThemeModel::load_from_string(bytes, source);
          },
          "data"_a, "source"_a = "<memory>", "A model from save_to_bytes()'s output.")
      .def("__eq__", [](const ThemeModel& a, const ThemeModel& b) { return a == b; });
}

}  // namespace servicedesign::bindings
