#include "servicedesign/insights/theme_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/labels.hpp"
#include "servicedesign/insights/representation.hpp"
#include "copies.hpp"
#include "theme_model_state.hpp"

namespace servicedesign::insights {

namespace {


[[noreturn]] void out_of_range(const std::string& name, const std::string& allowed, double value) {
  std::ostringstream message;
  message << "ThemeModelOptions: " << name << " must be " << allowed << " (got " << value << ")";
  throw InvalidInput(message.str());
}

// What the model passes to a component made by name: those of `offered` that the component declares. An
// option the user set (the optional ones) that the component does not declare is refused, never ignored.
ClustererParams declared_only(const Parameters& declared, std::uint64_t seed,
                              const std::vector<std::pair<std::string, std::optional<double>>>& offered,
                              const std::vector<std::pair<std::string, std::string>>& set_by_user,
                              const std::string& component) {
  ClustererParams p{seed, {}};
  for (const auto& [name, value] : offered) {
    if (value && find_parameter(declared, name) != nullptr) p.values[name] = *value;
  }
  for (const auto& [parameter, option] : set_by_user) {
    if (find_parameter(declared, parameter) == nullptr) {
      std::string known;
      for (const auto& d : declared) known += (known.empty() ? "" : ", ") + d.name;
      throw InvalidInput("ThemeModelOptions: " + option + " cannot be given to " + component +
                         ", which does not take it (its parameters: " + (known.empty() ? "none" : known) + ")");
    }
  }
  return p;
}

ClustererParams representation_params(const ThemeModelOptions& o) {
  return declared_only(representation_parameters(o.representation), o.seed,
                       {{"min_df", static_cast<double>(o.min_df)},
                        {"max_df", o.max_df},
                        {"char_ngrams", static_cast<double>(o.char_ngrams)}},
                       {}, "representation '" + o.representation + "'");
}

ClustererParams clusterer_params(const ThemeModelOptions& o) {
  const auto optional_count = [](const std::optional<std::size_t>& v) {
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
  };
  std::vector<std::pair<std::string, std::string>> set_by_user;
  if (o.n_themes) set_by_user.emplace_back("k", "n_themes");
  if (o.threshold) set_by_user.emplace_back("threshold", "threshold");
  if (o.min_samples) set_by_user.emplace_back("min_samples", "min_samples");
  return declared_only(clusterer_parameters(o.algorithm), o.seed,
                       {{"resolution", o.resolution},
                        {"ensemble", static_cast<double>(o.ensemble)},
                        {"threads", static_cast<double>(o.threads)},
                        {"min_cluster_size", static_cast<double>(o.min_cluster_size)},
                        {"reassign_threshold", o.reassign_threshold},
                        {"k", optional_count(o.n_themes)},
                        {"threshold", o.threshold},
                        {"min_samples", optional_count(o.min_samples)}},
                       set_by_user, "clusterer '" + o.algorithm + "'");
}

// `rows` below the rows of `x` (same columns; x may be empty).
void append_rows(SparseMatrix& x, const SparseMatrix& rows) {
  if (x.row_start.empty()) {
    x = rows;
    return;
  }
  if (rows.cols != x.cols) throw InvalidInput("representation: slices of the notes came out with different columns");
  const std::size_t offset = x.col.size();
  x.col.insert(x.col.end(), rows.col.begin(), rows.col.end());
  x.value.insert(x.value.end(), rows.value.begin(), rows.value.end());
  for (std::size_t r = 1; r < rows.row_start.size(); ++r) x.row_start.push_back(offset + rows.row_start[r]);
  x.rows += rows.rows;
}

struct Preprocessed {
  std::shared_ptr<TextPipeline> pipeline;
  std::shared_ptr<Representation> representation;
  std::vector<Language> languages;
  std::vector<std::uint8_t> fillers;
  std::vector<std::uint8_t> usable;
  std::shared_ptr<Documents> docs;
  std::shared_ptr<SparseMatrix> x;
  // Groups of copies: notes (rows of docs) with the same content words in any order. `distinct` holds each
  // group's first row, `group` each row's group.
  std::vector<std::size_t> distinct;
  std::vector<std::size_t> group;
};

// Rows with the same content words (in any order, after stemming) are copies of the first such row.
void group_copies(Preprocessed& p) {
  std::map<std::vector<std::string>, std::size_t> first;
  p.group.resize(p.docs->size());
  for (std::size_t k = 0; k < p.docs->size(); ++k) {
    std::vector<std::string> sorted = (*p.docs)[k];
    std::sort(sorted.begin(), sorted.end());
    const auto [it, added] = first.emplace(std::move(sorted), p.distinct.size());
    if (added) p.distinct.push_back(k);
    p.group[k] = it->second;
  }
}

// The text pipeline over every note, and the representation fitted on those with content words: on one
// note per group of copies when `copies_counted_once` (a text sent a thousand times is one text in the
// document frequencies, as it is one node in the neighbour graph, so a campaign does not make its own words
// look common), else on every note (models saved at class version 1).
Preprocessed preprocess(const ThemeModelOptions& o, const std::vector<std::string>& texts,
                        const ClusterProgress& progress, bool copies_counted_once) {
  Preprocessed p;
  p.pipeline = std::make_shared<TextPipeline>(TextPipelineOptions{.language = o.language});
  p.languages.resize(texts.size());
  p.fillers.resize(texts.size());
  p.usable.resize(texts.size());
  p.docs = std::make_shared<Documents>();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    // Every 1,024 notes: progress, and a chance to stop (the stemmers take a while on many notes).
    if (i % 1024 == 0 && progress &&
        !progress("text pipeline", 0.2 * static_cast<double>(i) / static_cast<double>(texts.size()))) {
      throw Interrupted("theme model: cancelled in the text pipeline");
    }
    ProcessedText r = p.pipeline->process(texts[i]);
    p.languages[i] = r.language;
    p.fillers[i] = r.filler ? 1 : 0;
    p.usable[i] = (!r.filler && !r.terms.empty()) ? 1 : 0;
    if (p.usable[i]) p.docs->push_back(std::move(r.terms));
  }
  p.representation = make_representation(o.representation, representation_params(o));
  if (!p.docs->empty()) {
    const auto poll = [&](double fraction) {
      if (progress && !progress("vectors", (2.0 + fraction) / 10.0)) throw Interrupted("theme model: cancelled at vectors");
    };
    poll(0.0);
    group_copies(p);
    if (copies_counted_once && p.distinct.size() < p.docs->size()) {
      Documents distinct;
      distinct.reserve(p.distinct.size());
      for (const std::size_t k : p.distinct) distinct.push_back((*p.docs)[k]);
      p.representation->fit(distinct);
    } else {
      p.representation->fit(*p.docs);
    }
    poll(0.5);
    // In slices, so that a request to stop is seen between them; rows do not depend on each other.
    auto x = std::make_shared<SparseMatrix>();
    constexpr std::size_t slice = 8192;
    for (std::size_t first = 0; first < p.docs->size(); first += slice) {
      const std::size_t last = std::min(p.docs->size(), first + slice);
      const Documents part(p.docs->begin() + static_cast<std::ptrdiff_t>(first),
                           p.docs->begin() + static_cast<std::ptrdiff_t>(last));
      append_rows(*x, p.representation->transform(part));
      poll(0.5 + 0.5 * static_cast<double>(last) / static_cast<double>(p.docs->size()));
    }
    if (x->rows != p.docs->size()) {
      throw InvalidInput("representation '" + o.representation + "' returned " + std::to_string(x->rows) +
                         " rows for " + std::to_string(p.docs->size()) + " notes");
    }
    x->validate();
    p.x = std::move(x);
  } else {
    p.x = std::make_shared<SparseMatrix>();
    p.x->row_start.assign(1, 0);
  }
  return p;
}

// A registered similarity's graph must fit the rows it was given and hold similarities: weights in (0, 1]
// (modularity adds them up, HDBSCAN* turns them into distances 1 − w).
void check_similarity_graph(const NeighbourGraph& graph, std::size_t notes, const std::string& what) {
  if (graph.nodes != notes) {
    throw InvalidInput(what + " returned a graph of " + std::to_string(graph.nodes) + " notes for " +
                       std::to_string(notes) + " notes");
  }
  graph.validate();
  // (1 + 1e-9: the cosine of a note and its copy may come out a rounding above 1.)
  for (const double w : graph.weight) {
    if (!(w > 0.0 && w <= 1.0 + 1e-9)) {
      std::ostringstream message;
      message << what << " returned a link weight of " << w << "; weights must be similarities in (0, 1]";
      throw InvalidInput(message.str());
    }
  }
}

// The rows `rows` of x, in that order.
SparseMatrix rows_of(const SparseMatrix& x, const std::vector<std::size_t>& rows) {
  SparseMatrix out{.rows = rows.size(), .cols = x.cols, .row_start = {0}, .col = {}, .value = {}};
  out.row_start.reserve(rows.size() + 1);
  for (const std::size_t r : rows) {
    out.col.insert(out.col.end(), x.col.begin() + static_cast<std::ptrdiff_t>(x.row_start[r]),
                   x.col.begin() + static_cast<std::ptrdiff_t>(x.row_start[r + 1]));
    out.value.insert(out.value.end(), x.value.begin() + static_cast<std::ptrdiff_t>(x.row_start[r]),
                     x.value.begin() + static_cast<std::ptrdiff_t>(x.row_start[r + 1]));
    out.row_start.push_back(out.col.size());
  }
  return out;
}

// The analyst's edits applied in order to theme numbers `labels`. `now`: the edit was just made on these
// very themes (a merge then moves exactly the other theme's notes).
void replay(const std::vector<ThemeEdit>& edits, std::vector<std::int32_t>& labels,
            std::map<std::int32_t, std::string>& names, const std::vector<std::string>& keys,
            const std::vector<std::uint8_t>& usable, bool now) {
  std::unordered_map<std::string, std::vector<std::size_t>> where;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (usable[i]) where[keys[i]].push_back(i);
  }
  const auto notes_of = [&](const std::string& key) -> const std::vector<std::size_t>& {
    static const std::vector<std::size_t> none;
    const auto found = where.find(key);
    return found == where.end() ? none : found->second;
  };
  for (const ThemeEdit& edit : edits) {
    switch (edit.kind) {
      case ThemeEdit::Kind::merge: {
        if (now) {
          for (auto& label : labels) {
            if (label == edit.theme) label = edit.target;
          }
          break;
        }
        // A refit's theme made mostly of the two themes' notes joins the theme they were merged into.
        std::vector<std::uint8_t> merged(labels.size(), 0);
        std::set<std::int32_t> touched;
        for (const auto& key : edit.notes) {
          for (const std::size_t i : notes_of(key)) {
            merged[i] = 1;
            touched.insert(labels[i]);
          }
        }
        touched.erase(-1);
        touched.erase(edit.target);
        for (const std::int32_t theme : touched) {
          std::size_t members = 0, inside = 0;
          for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i] == theme) {
              ++members;
              inside += merged[i];
            }
          }
          if (2 * inside > members) {
            for (auto& label : labels) {
              if (label == theme) label = edit.target;
            }
          }
        }
        break;
      }
      case ThemeEdit::Kind::split: {
        // A split takes the notes with these keys out of its theme. Notes may share a key: those in another
        // theme stay, unless none of them is in the theme any more (a refit that numbered it otherwise).
        for (const auto& key : edit.notes) {
          const std::vector<std::size_t>& with_key = notes_of(key);
          const bool some_inside = std::any_of(with_key.begin(), with_key.end(),
                                               [&](std::size_t i) { return labels[i] == edit.theme; });
          for (const std::size_t i : with_key) {
            if (labels[i] == edit.theme || (!some_inside && !now)) labels[i] = edit.target;
          }
        }
        break;
      }
      case ThemeEdit::Kind::pin:
        for (const auto& key : edit.notes) {
          for (const std::size_t i : notes_of(key)) labels[i] = edit.theme;
        }
        break;
      case ThemeEdit::Kind::move:
        for (const auto& key : edit.notes) {
          for (const std::size_t i : notes_of(key)) labels[i] = edit.target;
        }
        break;
      case ThemeEdit::Kind::rename: names[edit.theme] = edit.name; break;
    }
  }
}

// The theme numbers present among the usable notes, ascending, and each usable note's index among them
// (−1 for none).
std::pair<std::vector<std::int32_t>, std::vector<std::int32_t>> dense_numbers(const std::vector<std::int32_t>& labels,
                                                                               const std::vector<std::uint8_t>& usable) {
  std::set<std::int32_t> present;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (usable[i] && labels[i] >= 0) present.insert(labels[i]);
  }
  std::vector<std::int32_t> ids(present.begin(), present.end());
  std::vector<std::int32_t> dense;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!usable[i]) continue;
    dense.push_back(labels[i] < 0 ? -1
                                  : static_cast<std::int32_t>(std::lower_bound(ids.begin(), ids.end(), labels[i]) -
                                                              ids.begin()));
  }
  return {std::move(ids), std::move(dense)};
}

// Each theme's mean row, of unit length (rows by dense theme index).
SparseMatrix theme_centres_of(const SparseMatrix& x, const std::vector<std::int32_t>& dense, std::size_t themes) {
  std::vector<std::map<std::uint32_t, double>> sums(themes);
  for (std::size_t r = 0; r < dense.size(); ++r) {
    if (dense[r] < 0) continue;  // in no theme (HDBSCAN*'s noise)
    auto& sum = sums[static_cast<std::size_t>(dense[r])];
    for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) sum[x.col[k]] += x.value[k];
  }
  SparseMatrix centres;
  centres.rows = themes;
  centres.cols = x.cols;
  centres.row_start.push_back(0);
  for (const auto& sum : sums) {
    for (const auto& [col, value] : sum) {
      centres.col.push_back(col);
      centres.value.push_back(value);
    }
    centres.row_start.push_back(centres.col.size());
  }
  centres.normalize_rows();
  return centres;
}

}  // namespace

std::string_view to_string(ThemeEdit::Kind kind) noexcept {
  switch (kind) {
    case ThemeEdit::Kind::merge: return "merge";
    case ThemeEdit::Kind::split: return "split";
    case ThemeEdit::Kind::move: return "move";
    case ThemeEdit::Kind::pin: return "pin";
    case ThemeEdit::Kind::rename: return "rename";
  }
  return "unknown";
}

namespace {

// One numeric option: its declaration, and how to read its value from the options (empty: absent).
struct NumericOption {
  Parameter declared;
  std::optional<double> (*read)(const ThemeModelOptions&);
};

template <auto member>
std::optional<double> read(const ThemeModelOptions& o) {
  const auto& value = o.*member;
  if constexpr (requires { value.has_value(); }) {
    return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
  } else {
    return static_cast<double>(value);
  }
}

std::optional<double> read_posting_limit(const ThemeModelOptions& o) {
  return o.posting_limit == KnnOptions::unlimited ? std::nullopt : std::optional<double>(static_cast<double>(o.posting_limit));
}

// The numeric options, declared once: the defaults are ThemeModelOptions{}'s, the ranges and descriptions are
// here, and validate(), Python's Themes, `servicedesign cluster` and docs/insights.md take them from this list.
const std::vector<NumericOption>& numeric_options() {
  static const std::vector<NumericOption> options = [] {
    const ThemeModelOptions d;
    const auto count = [](std::size_t v) { return static_cast<double>(v); };
    using O = ThemeModelOptions;
    return std::vector<NumericOption>{
        {{.name = "resolution", .lower = 0, .default_value = d.resolution,
          .description = "Leiden's resolution γ: higher gives more, smaller themes; automatic (0 in C++, auto in Python "
                         "and on the command line) chooses it for the notes"},
         &read<&O::resolution>},
        {{.name = "neighbours", .whole = true, .lower = 1, .default_value = count(d.neighbours),
          .description = "each note's nearest notes in the neighbour graph"},
         &read<&O::neighbours>},
        {{.name = "min_similarity", .lower = 0, .upper = 1, .default_value = d.min_similarity,
          .description = "links not above this similarity are dropped", .upper_open = true},
         &read<&O::min_similarity>},
        {{.name = "min_df", .whole = true, .lower = 0, .default_value = count(d.min_df),
          .description = "terms in fewer distinct notes are left out of the vocabulary"},
         &read<&O::min_df>},
        {{.name = "max_df", .lower = 0, .upper = 1, .default_value = d.max_df,
          .description = "terms in more than this share of the distinct notes are left out", .lower_open = true},
         &read<&O::max_df>},
        {{.name = "keywords", .whole = true, .lower = 0, .default_value = count(d.keywords),
          .description = "keywords per theme"},
         &read<&O::keywords>},
        {{.name = "representatives", .whole = true, .lower = 0, .default_value = count(d.representatives),
          .description = "representative notes per theme, one per group of copies"},
         &read<&O::representatives>},
        {{.name = "seed", .whole = true, .lower = 0, .default_value = static_cast<double>(d.seed),
          .description = "everything random: the same seed gives the same themes"},
         &read<&O::seed>},
        {{.name = "n_themes", .whole = true, .lower = 1,
          .description = "the number of themes, for clusterers that take it (kmeans, average); none: found"},
         &read<&O::n_themes>},
        {{.name = "ensemble", .whole = true, .lower = 1, .upper = 1000, .default_value = count(d.ensemble),
          .description = "Leiden runs whose consensus gives the themes (1: a single run)"},
         &read<&O::ensemble>},
        {{.name = "lsa", .whole = true, .lower = 0, .default_value = count(d.lsa),
          .description = "LSA vectors of this many dimensions join the neighbour graph (0: none)"},
         &read<&O::lsa>},
        {{.name = "dense_weight", .lower = 0, .upper = 1, .default_value = d.dense_weight,
          .description = "weight of LSA vectors or embeddings against the word cosine"},
         &read<&O::dense_weight>},
        {{.name = "diversity", .lower = 0, .upper = 1, .default_value = d.diversity,
          .description = "keyword diversity (maximal marginal relevance)"},
         &read<&O::diversity>},
        {{.name = "char_ngrams", .whole = true, .lower = 0, .default_value = count(d.char_ngrams),
          .description = "character n-grams of each stem also weighed (0: words only)"},
         &read<&O::char_ngrams>},
        {{.name = "threshold",
          .description = "average linkage: cut where the average similarity of two themes falls below this"},
         &read<&O::threshold>},
        {{.name = "min_cluster_size", .whole = true, .lower = 2, .default_value = count(d.min_cluster_size),
          .description = "HDBSCAN*: the smallest theme"},
         &read<&O::min_cluster_size>},
        {{.name = "min_samples", .whole = true, .lower = 1,
          .description = "HDBSCAN*: the neighbour whose distance is a note's core distance (none: min_cluster_size)"},
         &read<&O::min_samples>},
        {{.name = "reassign_threshold", .default_value = d.reassign_threshold,
          .description = "HDBSCAN*: a note in no theme joins its most similar themed neighbour at least this similar"},
         &read<&O::reassign_threshold>},
        {{.name = "min_theme_size", .whole = true, .lower = 1, .default_value = count(d.min_theme_size),
          .description = "themes of fewer notes join the theme they are most linked to (1: keep every theme)"},
         &read<&O::min_theme_size>},
        {{.name = "duplicate_similarity", .lower = 0, .upper = 1, .default_value = d.duplicate_similarity,
          .description = "a note at least this similar to an earlier distinct note is its copy (none: same words only)",
          .lower_open = true, .may_be_none = true},
         &read<&O::duplicate_similarity>},
        {{.name = "threads", .whole = true, .lower = 0, .default_value = count(d.threads),
          .description = "threads to use at most (0: one per core); the themes are the same for any number"},
         &read<&O::threads>},
        {{.name = "posting_limit", .whole = true, .lower = 0, .default_value = count(d.posting_limit),
          .description = "bound on each term's postings in the neighbour search (0: chosen for the notes; none: exact)",
          .may_be_none = true},
         &read_posting_limit},
    };
  }();
  return options;
}

}  // namespace

const Parameters& theme_model_parameters() {
  static const Parameters declared = [] {
    Parameters out;
    for (const NumericOption& option : numeric_options()) out.push_back(option.declared);
    return out;
  }();
  return declared;
}

void ThemeModelOptions::validate() const {
  if (algorithm.empty()) throw InvalidInput("ThemeModelOptions: algorithm must name a registered clusterer");
  if (representation.empty()) throw InvalidInput("ThemeModelOptions: representation must name a registered representation");
  if (similarity.empty()) throw InvalidInput("ThemeModelOptions: similarity must name a registered similarity");
  for (const NumericOption& option : numeric_options()) {
    const std::optional<double> value = option.read(*this);
    if (value) (void)check_parameters({option.declared}, {{option.declared.name, *value}}, "ThemeModelOptions");
  }
  // The ranges of options that the components declare for themselves (char_ngrams, threshold,
  // reassign_threshold) are theirs to check: a registered component may allow more than the built-in ones.
  if (!std::isfinite(resolution)) out_of_range("resolution", "a finite number >= 0", resolution);
  if (threshold && !std::isfinite(*threshold)) out_of_range("threshold", "a finite number", *threshold);
}

void ThemeModelOptions::check_components() const {
  validate();
  (void)make_representation(representation, representation_params(*this));
  (void)make_similarity(similarity, {seed, {}});
  (void)make_clusterer(algorithm, clusterer_params(*this));
}

ThemeModel::ThemeModel(ThemeModelOptions options) : options_(std::move(options)) { options_.validate(); }
ThemeModel::ThemeModel(const ThemeModel& other) = default;
ThemeModel& ThemeModel::operator=(const ThemeModel& other) = default;
ThemeModel::ThemeModel(ThemeModel&&) noexcept = default;
ThemeModel& ThemeModel::operator=(ThemeModel&&) noexcept = default;
ThemeModel::~ThemeModel() = default;

void ThemeModel::set_options(ThemeModelOptions options) {
  options.validate();
  options_ = std::move(options);
}

void ThemeModel::require_fitted() const {
  if (!fitted_) throw StateError("the theme model is not fitted yet: call fit() first");
}

const ThemeModel::Compiled& ThemeModel::compiled() const {
  require_fitted();
  return *compiled_;
}

namespace {

// themes and centres for theme numbers `labels` (the summaries, then the centres in the same order).
std::pair<std::vector<ThemeSummary>, SparseMatrix> describe(const ThemeModelOptions& o, const std::vector<std::int32_t>& labels,
                                                            const std::map<std::int32_t, std::string>& names,
                                                            const std::vector<std::uint8_t>& usable,
                                                            const std::vector<std::int64_t>& duplicate_of,
                                                            const std::vector<Language>& languages,
                                                            const Documents& docs, const SparseMatrix& x,
                                                            const TextPipeline& pipeline) {
  const auto [ids, dense] = dense_numbers(labels, usable);
  std::vector<ThemeSummary> themes(ids.size());
  if (ids.empty()) return {std::move(themes), SparseMatrix{.rows = 0, .cols = x.cols, .row_start = {0}, .col = {}, .value = {}}};
  const Clustering clustering = canonical_clustering(dense);
  // canonical_clustering numbers by size; back to ours through any member note.
  std::vector<std::int32_t> canonical_to_dense(clustering.themes, -1);
  for (std::size_t r = 0; r < dense.size(); ++r) {
    if (dense[r] >= 0) canonical_to_dense[static_cast<std::size_t>(clustering.labels[r])] = dense[r];
  }
  std::vector<std::size_t> note_of_row;  // the note index of each usable row
  for (std::size_t i = 0; i < usable.size(); ++i) {
    if (usable[i]) note_of_row.push_back(i);
  }
  std::vector<Language> row_languages;
  row_languages.reserve(note_of_row.size());
  for (const std::size_t note : note_of_row) row_languages.push_back(languages[note]);
  const std::vector<ThemeLabel> labelled =
      label_themes(docs, clustering, &x, &pipeline,
                   {.keywords = o.keywords, .representatives = 3 * o.representatives, .diversity = o.diversity},
                   &row_languages);
  for (std::size_t c = 0; c < labelled.size(); ++c) {
    const auto d = static_cast<std::size_t>(canonical_to_dense[c]);
    ThemeSummary& theme = themes[d];
    theme.theme = ids[d];
    const auto name = names.find(ids[d]);
    if (name != names.end()) theme.name = name->second;
    theme.size = labelled[c].size;
    theme.keywords = labelled[c].keywords;
    theme.scores = labelled[c].scores;
    // Representatives: one per group of copies (its first note).
    for (const std::size_t row : labelled[c].representatives) {
      const auto first = static_cast<std::size_t>(duplicate_of[note_of_row[row]]);
      if (std::find(theme.representatives.begin(), theme.representatives.end(), first) == theme.representatives.end() &&
          theme.representatives.size() < o.representatives) {
        theme.representatives.push_back(first);
      }
    }
  }
  return {std::move(themes), theme_centres_of(x, dense, ids.size())};
}

}  // namespace

ThemeModel& ThemeModel::fit(const std::vector<std::string>& notes, const ThemeFitInput& input) {
  const ThemeModelOptions& o = options_;
  o.check_components();  // a component that cannot be made fails now, not after the text pipeline
  const std::size_t n = notes.size();
  const auto report = [&](std::string_view stage, double fraction) {
    return !input.progress || input.progress(stage, fraction);
  };
  const auto stop_unless = [&](std::string_view stage, double fraction) {
    if (!report(stage, fraction)) throw Interrupted("theme model: cancelled at " + std::string(stage));
  };
  auto state = std::make_shared<Fitted>();
  state->options = o;
  state->texts = notes;
  if (input.keys.empty()) {
    state->keys = notes;
  } else if (input.keys.size() != n) {
    throw InvalidInput("keys: " + std::to_string(input.keys.size()) + " keys for " + std::to_string(n) + " notes");
  } else {
    state->keys = input.keys;
  }
  if (input.embeddings) {
    if (input.embeddings->rows != n) {
      throw InvalidInput("embeddings has " + std::to_string(input.embeddings->rows) + " rows for " + std::to_string(n) +
                         " notes");
    }
    const DenseView& z = *input.embeddings;
    if (z.data == nullptr && z.rows * z.cols > 0) throw InvalidInput("embeddings: no data");
    for (std::size_t r = 0; r < z.rows; ++r) {
      for (std::size_t c = 0; c < z.cols; ++c) {
        if (!std::isfinite(z.row(r)[c])) {
          throw InvalidInput("embeddings: note " + std::to_string(r) + ", column " + std::to_string(c) +
                             ": the value is NaN or infinite");
        }
      }
    }
  }
  // Earlier themes: by key, or given per note.
  std::vector<std::int32_t> previous;
  std::int32_t floor = -1;  // every theme number used before
  if (input.previous) {
    const EarlierThemes& before = *input.previous;
    if (before.keys.empty() && before.labels.empty()) {
      previous.assign(n, -1);  // no earlier notes (a model whose every note was forgotten): all of them are new
    } else if (before.keys.empty()) {
      if (before.labels.size() != n) {
        throw InvalidInput("previous has " + std::to_string(before.labels.size()) + " labels for " + std::to_string(n) +
                           " notes");
      }
      previous = before.labels;
    } else {
      if (before.keys.size() != before.labels.size()) {
        throw InvalidInput("previous has " + std::to_string(before.keys.size()) + " keys for " +
                           std::to_string(before.labels.size()) + " labels");
      }
      std::unordered_map<std::string, std::int32_t> earlier;
      for (std::size_t i = 0; i < before.keys.size(); ++i) earlier.emplace(before.keys[i], before.labels[i]);
      previous.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        const auto found = earlier.find(state->keys[i]);
        previous[i] = found == earlier.end() ? -1 : found->second;
      }
    }
    // New themes are numbered above every earlier number, at most one per note: there must be room for them
    // below the largest std::int32_t.
    const std::int64_t room = std::numeric_limits<std::int32_t>::max() - static_cast<std::int64_t>(n) - 1;
    const auto too_high = [room](std::int32_t label) { return label > room; };
    if (too_high(before.max_theme_id) || std::any_of(before.labels.begin(), before.labels.end(), too_high)) {
      throw InvalidInput("previous: theme numbers above " + std::to_string(room) + " leave no room for the themes of " +
                         std::to_string(n) + " notes (max_theme_id " + std::to_string(before.max_theme_id) + ")");
    }
    state->edits = before.edits;
    state->names = before.names;
    floor = before.max_theme_id;
  }

  stop_unless("text pipeline", 0.0);
  Preprocessed pre = preprocess(o, notes, input.progress, true);
  const Documents& docs = *pre.docs;
  const SparseMatrix& x = *pre.x;
  std::vector<std::size_t> index;  // note index of each usable row
  for (std::size_t i = 0; i < n; ++i) {
    if (pre.usable[i]) index.push_back(i);
  }
  // Notes with the same content words (in any order, after stemming) are copies of the first one; with
  // duplicate_similarity, a group of them may be a near copy of an earlier group. The clusterer sees each
  // group of copies once (one node, its first note), so that a text sent many times neither forms a clique of
  // its own in the neighbour graph nor crowds out the links to other notes; copies then share their leader's
  // theme, and theme sizes, keywords and min_theme_size count every copy.
  const std::vector<std::size_t>& unique = pre.distinct;
  const std::vector<std::size_t>& group = pre.group;
  std::vector<std::size_t> leader(unique.size());
  std::iota(leader.begin(), leader.end(), std::size_t{0});
  std::vector<std::int32_t> labels(n, -1);
  double quality = 0.0;
  std::optional<double> resolution;
  if (!docs.empty()) {
    stop_unless("copies", 0.3);
    if (o.duplicate_similarity) {
      std::function<bool(double)> copies_progress;
      if (input.progress) copies_progress = [&](double f) { return report("copies", 0.3 + 0.05 * f); };
      leader = detail::near_copy_leaders(x, unique, *o.duplicate_similarity, copies_progress);
    }
    // The nodes: one per leading group, numbered in the order of their first notes.
    std::vector<std::size_t> node_of_group(unique.size());
    std::vector<std::size_t> node_rows;
    for (std::size_t g = 0; g < unique.size(); ++g) {
      if (leader[g] == g) {
        node_of_group[g] = node_rows.size();
        node_rows.push_back(unique[g]);
      }
    }
    for (std::size_t g = 0; g < unique.size(); ++g) node_of_group[g] = node_of_group[leader[g]];
    std::vector<std::size_t> node_notes(node_rows.size(), 0);
    for (std::size_t r = 0; r < docs.size(); ++r) ++node_notes[node_of_group[group[r]]];
    const bool every_row = node_rows.size() == docs.size();
    const SparseMatrix x_nodes_owned = every_row ? SparseMatrix{} : rows_of(x, node_rows);
    const SparseMatrix& x_nodes = every_row ? x : x_nodes_owned;

    stop_unless("neighbour graph", 0.35);
    DenseMatrix dense_owned;
    std::optional<DenseView> dense;
    if (input.embeddings) {
      std::vector<std::size_t> notes_of_nodes(node_rows.size());
      for (std::size_t j = 0; j < node_rows.size(); ++j) notes_of_nodes[j] = index[node_rows[j]];
      bool identity = notes_of_nodes.size() == n;
      for (std::size_t j = 0; identity && j < n; ++j) identity = notes_of_nodes[j] == j;
      if (identity) {
        dense = *input.embeddings;
      } else {
        dense_owned.rows = notes_of_nodes.size();
        dense_owned.cols = input.embeddings->cols;
        dense_owned.values.reserve(dense_owned.rows * dense_owned.cols);
        for (const std::size_t i : notes_of_nodes) {
          const float* row = input.embeddings->row(i);
          dense_owned.values.insert(dense_owned.values.end(), row, row + dense_owned.cols);
        }
        dense = dense_owned.view();
      }
    } else if (o.lsa > 0) {
      dense_owned = lsa(x_nodes, {.dimensions = o.lsa, .seed = o.seed});
      dense = dense_owned.view();
    }
    if (dense && o.similarity != "cosine") {
      throw InvalidInput("similarity '" + o.similarity +
                         "' cannot be combined with embeddings or lsa: their neighbour graph mixes cosines");
    }
    NeighbourGraph graph;
    if (!dense) {
      KnnOptions knn{.neighbours = o.neighbours,
                     .min_similarity = o.min_similarity,
                     .progress = {},
                     .threads = o.threads,
                     .posting_limit = o.posting_limit};
      if (input.progress) knn.progress = [&](double f) { return report("neighbours", 0.35 + 0.25 * f); };
      graph = make_similarity(o.similarity, {o.seed, {}})->graph(x_nodes, knn);
      check_similarity_graph(graph, node_rows.size(), "similarity '" + o.similarity + "'");
    } else {
      graph = knn_graph(x_nodes, *dense,
                        {.neighbours = o.neighbours, .min_similarity = o.min_similarity, .seed = o.seed, .threads = o.threads},
                        o.dense_weight);
    }
    auto clusterer = make_clusterer(o.algorithm, clusterer_params(o));
    ClusterProgress clustering_progress;
    if (input.progress) {
      clustering_progress = [&](std::string_view stage, double f) { return report(stage, 0.6 + 0.3 * f); };
    }
    Clustering clustering = clusterer->fit({&x_nodes, &graph}, clustering_progress);
    if (clustering.labels.size() != node_rows.size()) {
      throw InvalidInput("clusterer '" + o.algorithm + "' returned " + std::to_string(clustering.labels.size()) +
                         " labels for " + std::to_string(node_rows.size()) + " notes");
    }
    quality = clustering.quality;
    if (!o.n_themes && o.min_theme_size > 1) {
      Clustering absorbed = absorb_small_themes(graph, clustering, o.min_theme_size, node_notes);
      if (absorbed.themes != clustering.themes && (o.algorithm == "leiden" || o.algorithm == "average")) {
        // Their quality is modularity (average's at resolution 1): that of the themes returned.
        quality = modularity(graph, absorbed.labels, clustering.resolution > 0 ? clustering.resolution : 1.0);
      }
      clustering = std::move(absorbed);
    }
    if (clustering.resolution > 0) resolution = clustering.resolution;
    // Numbered again by size in notes (the clusterer counted nodes), as canonical_clustering() does.
    std::vector<std::int32_t> row_labels(docs.size());
    for (std::size_t r = 0; r < docs.size(); ++r) row_labels[r] = clustering.labels[node_of_group[group[r]]];
    row_labels = canonical_clustering(row_labels).labels;
    for (std::size_t r = 0; r < docs.size(); ++r) labels[index[r]] = row_labels[r];
  }
  if (input.previous) {
    labels = match_themes(previous, labels);
    // Themes matched to none before get numbers after every number ever used (also by edits).
    const std::int32_t previous_max = previous.empty() ? -1 : *std::max_element(previous.begin(), previous.end());
    const std::int32_t shift = std::max(floor - std::max(previous_max, -1), 0);
    const std::set<std::int32_t> before(previous.begin(), previous.end());
    for (auto& label : labels) {
      if (label >= 0 && !before.count(label)) label += shift;
    }
  }
  replay(state->edits, labels, state->names, state->keys, pre.usable, false);
  stop_unless("labels", 0.9);
  state->duplicate_of.assign(n, -1);
  for (std::size_t r = 0; r < docs.size(); ++r) {
    state->duplicate_of[index[r]] = static_cast<std::int64_t>(index[unique[leader[group[r]]]]);
  }
  auto [themes, centres] = describe(o, labels, state->names, pre.usable, state->duplicate_of, pre.languages, docs, x, *pre.pipeline);
  state->themes = std::move(themes);
  state->labels = std::move(labels);
  state->fillers = std::move(pre.fillers);
  state->usable = std::move(pre.usable);
  state->languages = std::move(pre.languages);
  state->quality = quality;
  state->resolution = resolution;
  const std::int32_t highest = state->labels.empty() ? -1 : *std::max_element(state->labels.begin(), state->labels.end());
  state->max_theme_id = std::max(floor, highest);
  auto compiled = std::make_shared<Compiled>();
  compiled->pipeline = std::move(pre.pipeline);
  compiled->representation = std::move(pre.representation);
  compiled->docs = std::move(pre.docs);
  compiled->x = std::move(pre.x);
  compiled->centres = std::move(centres);
  report("done", 1.0);
  // Stored only now: a fit that fails or is stopped leaves the model as it was.
  fitted_state_ = std::move(state);
  compiled_ = std::move(compiled);
  fitted_ = true;
  return *this;
}

ThemeModel& ThemeModel::forget(const std::vector<std::string>& keys, const ThemeForgetInput& input) {
  const Fitted& f = (require_fitted(), *fitted_state_);
  const std::size_t n = f.keys.size();
  if (input.embeddings) {
    const DenseView& z = *input.embeddings;
    if (z.rows != n) {
      throw InvalidInput("forget: embeddings has " + std::to_string(z.rows) + " rows for the model's " +
                         std::to_string(n) + " notes");
    }
    if (z.data == nullptr && z.rows * z.cols > 0) throw InvalidInput("forget: embeddings: no data");
  }
  // A key may be a note's, or one that only an edit names (a note of an earlier model): both are data to erase.
  std::unordered_set<std::string> known(f.keys.begin(), f.keys.end());
  for (const ThemeEdit& edit : f.edits) known.insert(edit.notes.begin(), edit.notes.end());
  for (const std::string& key : keys) {
    if (!known.count(key)) {
      throw InvalidInput("forget: '" + key + "' is not a note of the model (no note has this key and no edit names it)");
    }
  }
  if (keys.empty()) return *this;
  const std::unordered_set<std::string> gone(keys.begin(), keys.end());

  // The notes that remain, with their themes as the earlier run (aligned with them, so that notes sharing a
  // key keep their own themes), and the themes made only of forgotten notes.
  ThemeFitInput refit;
  EarlierThemes earlier;
  std::vector<std::string> texts;
  std::vector<std::size_t> rows;
  std::map<std::int32_t, bool> only_forgotten;
  for (std::size_t i = 0; i < n; ++i) {
    const bool forgotten = gone.count(f.keys[i]) > 0;
    if (f.labels[i] >= 0) {
      const auto [theme, added] = only_forgotten.emplace(f.labels[i], true);
      theme->second = theme->second && forgotten;
    }
    if (forgotten) continue;
    texts.push_back(f.texts[i]);
    refit.keys.push_back(f.keys[i]);
    earlier.labels.push_back(f.labels[i]);
    rows.push_back(i);
  }
  std::set<std::int32_t> vanished;
  for (const auto& [theme, only] : only_forgotten) {
    if (only) vanished.insert(theme);
  }
  // The edits without the forgotten keys; an edit left naming no note, or naming a theme that only forgotten
  // notes formed, would never have been made.
  for (const ThemeEdit& edit : f.edits) {
    if (edit.kind == ThemeEdit::Kind::rename) {
      if (!vanished.count(edit.theme)) earlier.edits.push_back(edit);
      continue;
    }
    ThemeEdit kept = edit;
    std::erase_if(kept.notes, [&](const std::string& key) { return gone.count(key) > 0; });
    if (kept.notes.empty() && !edit.notes.empty()) continue;
    earlier.edits.push_back(std::move(kept));
  }
  earlier.names = f.names;
  for (const std::int32_t theme : vanished) earlier.names.erase(theme);
  earlier.max_theme_id = f.max_theme_id;
  refit.previous = std::move(earlier);
  refit.progress = input.progress;
  DenseMatrix kept_rows;
  if (input.embeddings) {
    const DenseView& z = *input.embeddings;
    kept_rows.rows = rows.size();
    kept_rows.cols = z.cols;
    kept_rows.values.reserve(kept_rows.rows * kept_rows.cols);
    for (const std::size_t r : rows) kept_rows.values.insert(kept_rows.values.end(), z.row(r), z.row(r) + z.cols);
    refit.embeddings = kept_rows.view();
  }
  // fit() stores its result only at the end: a failed or stopped refit leaves the model as it was.
  return fit(texts, refit);
}

const std::vector<std::int32_t>& ThemeModel::labels() const { return require_fitted(), fitted_state_->labels; }
const std::vector<ThemeSummary>& ThemeModel::themes() const { return require_fitted(), fitted_state_->themes; }
const std::vector<std::string>& ThemeModel::texts() const { return require_fitted(), fitted_state_->texts; }
const std::vector<std::string>& ThemeModel::keys() const { return require_fitted(), fitted_state_->keys; }
const std::vector<std::uint8_t>& ThemeModel::fillers() const { return require_fitted(), fitted_state_->fillers; }
const std::vector<std::uint8_t>& ThemeModel::usable() const { return require_fitted(), fitted_state_->usable; }
const std::vector<Language>& ThemeModel::languages() const { return require_fitted(), fitted_state_->languages; }
const std::vector<std::int64_t>& ThemeModel::duplicate_of() const { return require_fitted(), fitted_state_->duplicate_of; }
double ThemeModel::quality() const { return require_fitted(), fitted_state_->quality; }
std::optional<double> ThemeModel::resolution() const { return require_fitted(), fitted_state_->resolution; }
const std::vector<ThemeEdit>& ThemeModel::edits() const { return require_fitted(), fitted_state_->edits; }
const std::map<std::int32_t, std::string>& ThemeModel::names() const { return require_fitted(), fitted_state_->names; }
std::int32_t ThemeModel::max_theme_id() const { return require_fitted(), fitted_state_->max_theme_id; }
EarlierThemes ThemeModel::earlier() const {
  const Fitted& f = (require_fitted(), *fitted_state_);
  return {f.keys, f.labels, f.edits, f.names, f.max_theme_id};
}

const SparseMatrix& ThemeModel::vectors() const { return *compiled().x; }
const SparseMatrix& ThemeModel::theme_centres() const { return compiled().centres; }

std::vector<CopyGroup> ThemeModel::copies() const {
  const Fitted& f = (require_fitted(), *fitted_state_);
  std::vector<std::size_t> counts(f.texts.size(), 0);
  for (const std::int64_t d : f.duplicate_of) {
    if (d >= 0) ++counts[static_cast<std::size_t>(d)];
  }
  std::vector<CopyGroup> groups;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] >= 2) groups.push_back({i, counts[i], f.labels[i]});
  }
  std::stable_sort(groups.begin(), groups.end(), [](const CopyGroup& a, const CopyGroup& b) { return a.copies > b.copies; });
  return groups;
}

std::vector<std::int32_t> ThemeModel::predict(const std::vector<std::string>& notes) const {
  const Compiled& c = compiled();
  const std::vector<ThemeSummary>& themes = fitted_state_->themes;
  std::vector<std::int32_t> out(notes.size(), -1);
  if (themes.empty()) return out;
  TextPipeline pipeline(TextPipelineOptions{.language = fitted_state_->options.language});
  Documents terms(notes.size());
  std::vector<std::uint8_t> filler(notes.size(), 0);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    ProcessedText r = pipeline.process(notes[i]);
    terms[i] = std::move(r.terms);
    filler[i] = r.filler ? 1 : 0;
  }
  const SparseMatrix rows = c.representation->transform(terms);
  // The centres by column, to score a row against every theme at once.
  std::vector<std::vector<std::pair<std::size_t, double>>> by_column(c.centres.cols);
  for (std::size_t t = 0; t < c.centres.rows; ++t) {
    for (std::size_t k = c.centres.row_start[t]; k < c.centres.row_start[t + 1]; ++k) {
      by_column[c.centres.col[k]].emplace_back(t, c.centres.value[k]);
    }
  }
  std::vector<double> scores(themes.size());
  for (std::size_t i = 0; i < notes.size() && i < rows.rows; ++i) {
    if (filler[i] || rows.row_start[i] == rows.row_start[i + 1]) continue;
    std::fill(scores.begin(), scores.end(), 0.0);
    for (std::size_t k = rows.row_start[i]; k < rows.row_start[i + 1]; ++k) {
      if (rows.col[k] >= by_column.size()) continue;
      for (const auto& [t, value] : by_column[rows.col[k]]) scores[t] += value * rows.value[k];
    }
    const auto best = std::max_element(scores.begin(), scores.end());  // ties: the lower theme number
    if (*best > 0) out[i] = themes[static_cast<std::size_t>(best - scores.begin())].theme;
  }
  return out;
}

std::pair<std::vector<std::int32_t>, Dendrogram> ThemeModel::hierarchy() const {
  const Compiled& c = compiled();
  std::vector<std::int32_t> ids;
  for (const ThemeSummary& theme : fitted_state_->themes) ids.push_back(theme.theme);
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::size_t a = 0; a < c.centres.rows; ++a) {
    for (std::size_t b = a + 1; b < c.centres.rows; ++b) {
      const double similarity = c.centres.row_dot(a, b);
      if (similarity > 0) edges.emplace_back(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), similarity);
    }
  }
  return {std::move(ids), average_linkage(NeighbourGraph::from_edges(c.centres.rows, std::move(edges)))};
}

void ThemeModel::check_theme(std::int32_t theme) const {
  require_fitted();
  const auto& labels = fitted_state_->labels;
  if (std::find(labels.begin(), labels.end(), theme) == labels.end() || theme < 0) {
    throw NotFound("there is no theme " + std::to_string(theme));
  }
}

void ThemeModel::apply_edit(ThemeEdit edit) {
  const Compiled& c = compiled();
  auto state = std::make_shared<Fitted>(*fitted_state_);
  replay({edit}, state->labels, state->names, state->keys, state->usable, true);
  auto [themes, centres] = describe(state->options, state->labels, state->names, state->usable, state->duplicate_of, state->languages, *c.docs,
                                    *c.x, *c.pipeline);
  state->themes = std::move(themes);
  state->edits.push_back(std::move(edit));
  for (const std::int32_t label : state->labels) state->max_theme_id = std::max(state->max_theme_id, label);
  auto compiled = std::make_shared<Compiled>(c);
  compiled->centres = std::move(centres);
  fitted_state_ = std::move(state);
  compiled_ = std::move(compiled);
}

namespace {

std::vector<std::string> keys_in(const std::vector<std::string>& keys, const std::vector<std::int32_t>& labels,
                                 std::initializer_list<std::int32_t> themes) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (std::find(themes.begin(), themes.end(), labels[i]) != themes.end()) out.push_back(keys[i]);
  }
  return out;
}

}  // namespace

ThemeModel& ThemeModel::merge_themes(std::int32_t into, std::int32_t other) {
  check_theme(into);
  check_theme(other);
  const Fitted& f = *fitted_state_;
  apply_edit({.kind = ThemeEdit::Kind::merge, .theme = other, .target = into,
              .notes = keys_in(f.keys, f.labels, {into, other}), .name = {}});
  return *this;
}

std::int32_t ThemeModel::split_theme(std::int32_t theme, const std::vector<std::string>& keys) {
  check_theme(theme);
  const Fitted& f = *fitted_state_;
  if (keys.empty()) throw InvalidInput("split_theme: no notes given");
  const std::vector<std::string> members = keys_in(f.keys, f.labels, {theme});
  const std::set<std::string> member_set(members.begin(), members.end());
  for (const auto& key : keys) {
    if (!member_set.count(key)) throw InvalidInput("split_theme: '" + key + "' is not a note of theme " + std::to_string(theme));
  }
  if (f.max_theme_id == std::numeric_limits<std::int32_t>::max()) {
    throw InvalidInput("split_theme: every theme number is taken (max_theme_id " + std::to_string(f.max_theme_id) + ")");
  }
  const std::int32_t added = f.max_theme_id + 1;
  apply_edit({.kind = ThemeEdit::Kind::split, .theme = theme, .target = added, .notes = keys, .name = {}});
  return added;
}

ThemeModel& ThemeModel::move_note(const std::string& key, std::int32_t theme) {
  check_theme(theme);
  const Fitted& f = *fitted_state_;
  bool found = false;
  for (std::size_t i = 0; i < f.keys.size() && !found; ++i) found = f.usable[i] && f.keys[i] == key;
  if (!found) {
    throw InvalidInput("'" + key + "' is not a note with content words (fillers and empty notes stay outside themes)");
  }
  apply_edit({.kind = ThemeEdit::Kind::move, .theme = -1, .target = theme, .notes = {key}, .name = {}});
  return *this;
}

ThemeModel& ThemeModel::pin_theme(std::int32_t theme) {
  check_theme(theme);
  const Fitted& f = *fitted_state_;
  apply_edit({.kind = ThemeEdit::Kind::pin, .theme = theme, .target = -1, .notes = keys_in(f.keys, f.labels, {theme}),
              .name = {}});
  return *this;
}

ThemeModel& ThemeModel::rename_theme(std::int32_t theme, std::string name) {
  check_theme(theme);
  apply_edit({.kind = ThemeEdit::Kind::rename, .theme = theme, .target = -1, .notes = {}, .name = std::move(name)});
  return *this;
}

void ThemeModel::rebuild_compiled() {
  const Fitted& f = *fitted_state_;
  Preprocessed pre = preprocess(f.options, f.texts, {}, f.copies_counted_once);
  if (pre.usable != f.usable) {
    throw FormatError("the saved notes no longer give the same notes with content words in this version");
  }
  const auto [ids, dense] = dense_numbers(f.labels, f.usable);
  auto compiled = std::make_shared<Compiled>();
  compiled->centres = theme_centres_of(*pre.x, dense, ids.size());
  compiled->pipeline = std::move(pre.pipeline);
  compiled->representation = std::move(pre.representation);
  compiled->docs = std::move(pre.docs);
  compiled->x = std::move(pre.x);
  compiled_ = std::move(compiled);
}

bool operator==(const ThemeModel& a, const ThemeModel& b) {
  if (!(a.options_ == b.options_) || a.fitted_ != b.fitted_) return false;
  if (!a.fitted_) return true;
  const auto& f = *a.fitted_state_;
  const auto& g = *b.fitted_state_;
  const auto same_themes = [](const std::vector<ThemeSummary>& s, const std::vector<ThemeSummary>& t) {
    return std::equal(s.begin(), s.end(), t.begin(), t.end(), [](const ThemeSummary& u, const ThemeSummary& v) {
      return u.theme == v.theme && u.name == v.name && u.size == v.size && u.keywords == v.keywords &&
             u.scores == v.scores && u.representatives == v.representatives;
    });
  };
  return f.texts == g.texts && f.keys == g.keys && f.labels == g.labels && f.fillers == g.fillers &&
         f.usable == g.usable && f.languages == g.languages && f.duplicate_of == g.duplicate_of &&
         f.quality == g.quality && f.resolution == g.resolution && f.edits == g.edits && f.names == g.names &&
         f.max_theme_id == g.max_theme_id && f.copies_counted_once == g.copies_counted_once && f.options == g.options &&
         same_themes(f.themes, g.themes);
}

}  // namespace servicedesign::insights
