/// @file
/// The theme model: workshop notes to labelled themes in one call, the same from C++, Python and the
/// command line. It runs the whole pipeline (text pipeline with fillers kept out, representation,
/// neighbour graph, near copies, clustering, tiny themes absorbed, keywords and representative notes),
/// keeps theme numbers stable against an earlier model, records the analyst's edits and replays them on a
/// refit, assigns new notes to themes, forgets notes on request (personal data erasure), and saves itself in the
/// project's archive envelope.
///
/// **Example**
/// @code
/// using namespace servicedesign::insights;
/// ThemeModel model({.language = Language::swedish, .seed = 7});
/// model.fit(notes);                                  // std::vector<std::string>
/// for (const ThemeSummary& theme : model.themes())
///   std::cout << theme.theme << ": " << theme.keywords.front() << " (" << theme.size << " notes)\n";
/// model.rename_theme(model.labels()[0], "Bussen");   // an analyst's edit, replayed on every refit
/// ThemeModel rerun(model.options());
/// rerun.fit(more_notes, {.previous = model.earlier()}); // same numbers for the same themes, the edit kept
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicedesign/core/archive.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/dense.hpp"
#include "servicedesign/insights/linkage.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/vectors.hpp"

namespace servicedesign::insights {

/// Options of the theme model. The defaults are those of Python's `Themes()` and `servicedesign cluster`.
struct ThemeModelOptions {
  /// ThemeModelOptions::resolution that chooses Leiden's γ for the notes (choose_resolution()).
  static constexpr double automatic = 0.0;

  /// A registered clusterer: "leiden" (finds the number of themes), "kmeans" (needs n_themes), "average"
  /// (n_themes, threshold or neither), "hdbscan", or one a researcher registered.
  std::string algorithm = "leiden";
  /// Leiden's resolution γ; ThemeModelOptions::automatic (the default) chooses it for the notes.
  double resolution = automatic;
  std::size_t neighbours = 10;       ///< Each note's nearest notes in the neighbour graph (at least 1).
  double min_similarity = 0.0;       ///< Links not above this similarity are dropped, in [0, 1).
  std::string representation = "tfidf";  ///< A registered representation ("tfidf", "bm25", …).
  std::size_t min_df = 1;            ///< Terms in fewer notes are left out of the vocabulary.
  double max_df = 1.0;               ///< Terms in more than this share of notes are left out, in (0, 1].
  Language language = Language::unknown;  ///< Every note's language; unknown: detected per note.
  std::size_t keywords = 5;          ///< Keywords per theme.
  std::size_t representatives = 3;   ///< Representative notes per theme (one per group of copies).
  std::uint64_t seed = 0;            ///< Everything random; the same seed gives the same themes.
  /// The number of themes, for clusterers that declare the parameter `k` ("kmeans", "average"); fit() refuses
  /// it for others (Leiden and HDBSCAN* find the number themselves), as it does threshold and min_samples.
  std::optional<std::size_t> n_themes{};
  std::size_t ensemble = 8;          ///< Leiden runs whose consensus gives the themes (1: a single run).
  std::size_t lsa = 0;               ///< > 0: LSA vectors of this many dimensions join the neighbour graph.
  double dense_weight = 0.5;         ///< Weight of LSA vectors or embeddings against the word cosine, in [0, 1].
  double diversity = 0.3;            ///< Keyword diversity (maximal marginal relevance), in [0, 1].
  std::size_t char_ngrams = 3;       ///< Character n-grams of each stem also weighed (0: words only).
  std::optional<double> threshold{};  ///< Average linkage: cut at this average similarity.
  std::size_t min_cluster_size = 5;  ///< HDBSCAN*: the smallest theme (at least 2).
  std::optional<std::size_t> min_samples{};  ///< HDBSCAN*: the neighbour whose distance is the core distance.
  double reassign_threshold = 0.0;   ///< HDBSCAN*: noise joins a themed neighbour at least this similar.
  /// Themes of fewer notes join the theme they are most linked to (absorb_small_themes()); 1 keeps every
  /// theme as found. Not applied when n_themes is given.
  std::size_t min_theme_size = 2;
  /// A note whose word cosine with an earlier distinct note (any of them) is at least this is its copy, in
  /// (0, 1]; empty: only notes with the same content words are copies. The neighbour graph and the clusterer
  /// see each group of copies once, and the copies take its theme; sizes and min_theme_size count every copy.
  std::optional<double> duplicate_similarity = 0.9;
  std::string similarity = "cosine";  ///< A registered similarity (not with embeddings or lsa).
  /// Threads to use at most (0: one per core) in the neighbour search and in clusterers that declare the
  /// parameter `threads` (Leiden); the themes are the same for any number.
  std::size_t threads = 0;
  /// The neighbour search's bound on each term's postings (KnnOptions::posting_limit): KnnOptions::automatic
  /// (the default) searches exactly while that is cheap, KnnOptions::unlimited always.
  std::size_t posting_limit = KnnOptions::automatic;

  /// Throws InvalidInput naming the first option out of range and its allowed range (theme_model_parameters()).
  void validate() const;
  /// validate(), then makes the components by name as fit() does, fitting nothing: throws NotFound for a name
  /// no registry holds, and InvalidInput for an option the clusterer does not take (n_themes for Leiden) or
  /// what its factory refuses (kmeans without n_themes, its parameter k). fit() calls it before any work.
  void check_components() const;
  /// Equal options.
  friend bool operator==(const ThemeModelOptions&, const ThemeModelOptions&) = default;
};

/// The theme model's numeric options, declared once: name (as in ThemeModelOptions and Python's Themes), kind,
/// range, default (ThemeModelOptions{}'s) and a one-line description. ThemeModelOptions::validate() checks
/// against it; Python's Themes, `servicedesign cluster` and docs/insights.md take ranges and help from it.
[[nodiscard]] const Parameters& theme_model_parameters();

/// An analyst's edit of the themes, recorded by the notes' keys so that a refit can replay it.
struct ThemeEdit {
  /// What the edit does.
  enum class Kind : std::uint8_t {
    merge,   ///< `theme` joins `target`; on refits every theme made mostly of `notes` joins `target`.
    split,   ///< `notes` of `theme` form the new theme `target`.
    move,    ///< The note `notes[0]` goes to `target`.
    pin,     ///< `notes` stay together in `theme` on every refit.
    rename,  ///< `theme` is called `name`.
  };
  Kind kind = Kind::rename;           ///< The kind of edit.
  std::int32_t theme = -1;            ///< The theme edited.
  std::int32_t target = -1;           ///< merge: the theme merged into; split: the new theme; move: where to.
  std::vector<std::string> notes{};   ///< Keys of the notes concerned.
  std::string name{};                 ///< rename: the new name.
  /// Equal edits.
  friend bool operator==(const ThemeEdit&, const ThemeEdit&) = default;
};

/// Key word of an edit's kind: "merge", "split", "move", "pin" or "rename".
[[nodiscard]] std::string_view to_string(ThemeEdit::Kind kind) noexcept;

/// One theme as fitted: its number, name, size, keywords and most typical notes.
struct ThemeSummary {
  std::int32_t theme = 0;                    ///< The theme's number (as in ThemeModel::labels()).
  std::string name{};                        ///< Given by the analyst (rename_theme()), else empty.
  std::size_t size = 0;                      ///< Notes in the theme, copies included.
  std::vector<std::string> keywords{};       ///< Best first, shown as real words.
  std::vector<double> scores{};              ///< c-TF-IDF score of each keyword.
  std::vector<std::size_t> representatives{};  ///< Indices of the most typical notes, one per group of copies.
};

/// A note that has copies among the notes: how many, and in which theme.
struct CopyGroup {
  std::size_t note = 0;        ///< The first note of the group (the one the others are copies of).
  std::size_t copies = 0;      ///< Notes in the group, the first included (at least 2).
  std::int32_t theme = -1;     ///< The note's theme.
};

/// Themes of an earlier run that a fit keeps the numbers of (ThemeModel::earlier() gives a model's).
struct EarlierThemes {
  /// The earlier notes' keys; empty: `labels` are those of the notes being fitted, one per note (both empty: no
  /// earlier notes, as from a model that forgot every note, so that every note is new).
  std::vector<std::string> keys{};
  /// The earlier theme of each note (−1: none, e.g. a note that is new).
  std::vector<std::int32_t> labels{};
  std::vector<ThemeEdit> edits{};               ///< The analyst's edits, replayed on the new themes.
  std::map<std::int32_t, std::string> names{};  ///< Names given to themes.
  std::int32_t max_theme_id = -1;               ///< The highest number used; new themes go above it.
};

/// What fit() may take besides the notes.
struct ThemeFitInput {
  /// Each note's key, by which edits and an earlier model find it again (empty: the texts themselves).
  std::vector<std::string> keys{};
  /// Dense vectors of the notes computed elsewhere, one row per note (replace `lsa`); read in place.
  std::optional<DenseView> embeddings{};
  /// Earlier themes: they keep their numbers (matched by overlap), their edits and names are replayed.
  std::optional<EarlierThemes> previous{};
  /// Stage and fraction in [0, 1]; returning false stops the fit with Interrupted (the model unchanged).
  ClusterProgress progress{};
};

/// What ThemeModel::forget() may take besides the keys.
struct ThemeForgetInput {
  /// The embeddings the model was fitted with: one row per note, in the order of ThemeModel::keys(); the
  /// forgotten notes' rows are dropped (the model does not keep embeddings). Empty: the refit uses the words
  /// (and `lsa`) only, so give a model fitted with embeddings the same embeddings again.
  std::optional<DenseView> embeddings{};
  /// Stage and fraction in [0, 1]; returning false stops with Interrupted (the model unchanged).
  ClusterProgress progress{};
};

/// Notes to labelled themes; see the file's description. Copyable; a failed call leaves it unchanged.
class ThemeModel {
 public:
  /// A model with these options; throws InvalidInput naming an option out of range.
  explicit ThemeModel(ThemeModelOptions options = {});
  ThemeModel(const ThemeModel& other);             ///< A copy (the fitted vectors are rebuilt on use).
  ThemeModel& operator=(const ThemeModel& other);  ///< A copy.
  ThemeModel(ThemeModel&&) noexcept;               ///< Movable.
  ThemeModel& operator=(ThemeModel&&) noexcept;    ///< Movable.
  ~ThemeModel();

  /// The options in use.
  [[nodiscard]] const ThemeModelOptions& options() const noexcept { return options_; }
  /// New options (validated) for the next fit(); until then the fitted themes stay, and predict(), edits and
  /// save() keep the options they were fitted with.
  void set_options(ThemeModelOptions options);

  /// Clusters `notes`. Throws InvalidInput (keys, embeddings or previous labels that do not fit the notes;
  /// an unknown representation, similarity or clusterer), Interrupted when `input.progress` says stop;
  /// the model is then unchanged.
  ThemeModel& fit(const std::vector<std::string>& notes, const ThemeFitInput& input = {});

  /// Erases the notes with `keys` (personal data erasure) as if they had never been given: the model refits
  /// on the notes that remain, with the options in use (options()) and itself as the earlier model. Their
  /// texts, keys, vocabulary, keywords, representatives, copies and vectors are then gone from the model and
  /// from what save() writes. The other themes keep their numbers (matched by overlap, as in fit()) and new
  /// ones still go above max_theme_id(). The analyst's edits are replayed without the forgotten keys: an edit
  /// that named only forgotten notes is dropped, and so are the name and the renames of a theme made only of
  /// forgotten notes. A key that only an edit names (a note of an earlier model) may be forgotten too.
  ///
  /// Every note forgotten: a fitted model of no notes and no themes that keeps max_theme_id(), so that a later
  /// fit with it as the earlier model numbers its themes above every number used. No keys: nothing changes.
  /// Throws StateError before fit(); InvalidInput naming the first key that is no note's and that no edit
  /// names, or embeddings with a row count other than keys().size(); Interrupted when `input.progress` says
  /// stop; and what fit() throws. The model is then unchanged.
  ///
  /// **Example**
  /// @code
  /// model.fit(notes, {.keys = ids});
  /// model.forget({"N017", "N042"});  // their writer asked to be erased
  /// model.save("themes.sdthemes");   // the saved model holds nothing of those two notes
  /// @endcode
  ThemeModel& forget(const std::vector<std::string>& keys, const ThemeForgetInput& input = {});

  /// True after a successful fit().
  [[nodiscard]] bool fitted() const noexcept { return fitted_; }
  /// Theme of each note; −1 for fillers, notes without content words and noise kept by HDBSCAN*.
  [[nodiscard]] const std::vector<std::int32_t>& labels() const;
  /// The themes, by increasing number.
  [[nodiscard]] const std::vector<ThemeSummary>& themes() const;
  /// Number of themes.
  [[nodiscard]] std::size_t n_themes() const { return themes().size(); }
  /// The notes fitted.
  [[nodiscard]] const std::vector<std::string>& texts() const;
  /// Their keys (the texts when none were given).
  [[nodiscard]] const std::vector<std::string>& keys() const;
  /// 1 for filler answers ("vet inte", "-", …).
  [[nodiscard]] const std::vector<std::uint8_t>& fillers() const;
  /// 1 for notes with content words (those clustered).
  [[nodiscard]] const std::vector<std::uint8_t>& usable() const;
  /// Each note's language, given or detected.
  [[nodiscard]] const std::vector<Language>& languages() const;
  /// For each note, the note it is a copy of (itself when it is the first of its group); −1 for notes
  /// without content words.
  [[nodiscard]] const std::vector<std::int64_t>& duplicate_of() const;
  /// The notes that have copies, most copies first (ties: earlier note first).
  [[nodiscard]] std::vector<CopyGroup> copies() const;
  /// The clusterer's objective: modularity of the themes returned for Leiden and average linkage.
  [[nodiscard]] double quality() const;
  /// Leiden's resolution, given or chosen; empty for other clusterers or when no note has content words.
  [[nodiscard]] std::optional<double> resolution() const;
  /// The analyst's edits, in order (those replayed from an earlier model first).
  [[nodiscard]] const std::vector<ThemeEdit>& edits() const;
  /// Names given to themes.
  [[nodiscard]] const std::map<std::int32_t, std::string>& names() const;
  /// The highest theme number ever used (by this model or the ones before it); new themes go above.
  [[nodiscard]] std::int32_t max_theme_id() const;
  /// This model's themes as an earlier run for the next fit (keys, labels, edits, names, highest number).
  [[nodiscard]] EarlierThemes earlier() const;

  /// The nearest theme (cosine to the theme's mean vector) of each new note, without re-clustering; −1 for
  /// fillers and notes sharing no term with the fitted vocabulary. Throws StateError before fit().
  [[nodiscard]] std::vector<std::int32_t> predict(const std::vector<std::string>& notes) const;
  /// The notes with content words as rows of the fitted representation (rows follow usable()).
  [[nodiscard]] const SparseMatrix& vectors() const;
  /// Each theme's mean vector, of unit length, one row per theme in the order of themes().
  [[nodiscard]] const SparseMatrix& theme_centres() const;
  /// Themes grouped into broader themes: average linkage over the theme centres (cosine). Returns the
  /// theme numbers in the order of themes() and the dendrogram over them.
  [[nodiscard]] std::pair<std::vector<std::int32_t>, Dendrogram> hierarchy() const;

  /// Puts the notes of theme `other` into `into`; refits put every theme made mostly of their notes there.
  ThemeModel& merge_themes(std::int32_t into, std::int32_t other);
  /// Moves the notes with `keys` (all of theme `theme`) into a new theme; returns its number.
  std::int32_t split_theme(std::int32_t theme, const std::vector<std::string>& keys);
  /// Moves the note with `key` into `theme`.
  ThemeModel& move_note(const std::string& key, std::int32_t theme);
  /// Keeps the notes now in `theme` together in it on every refit.
  ThemeModel& pin_theme(std::int32_t theme);
  /// Names `theme`.
  ThemeModel& rename_theme(std::int32_t theme, std::string name);

  /// The model in the archive envelope (type "theme-model"): options, notes, themes and edits.
  [[nodiscard]] std::string save_to_string(ArchiveFormat format = ArchiveFormat::binary) const;
  /// A model from save_to_string()'s output; `source` names it in errors. Throws FormatError or
  /// VersionError as load_project_from_string() does.
  [[nodiscard]] static ThemeModel load_from_string(std::string_view data, std::string_view source = "<memory>");
  /// Saves atomically; throws IoError naming the path.
  void save(const std::filesystem::path& path, ArchiveFormat format = ArchiveFormat::binary) const;
  /// Loads a model saved by save(); throws IoError, FormatError or VersionError naming the path.
  [[nodiscard]] static ThemeModel load(const std::filesystem::path& path);

  /// Equal options, notes and fitted themes.
  friend bool operator==(const ThemeModel& a, const ThemeModel& b);

  /// Boost.Serialization (used by save_to_string()).
  template <class Archive>
  void serialize(Archive& archive, unsigned version);

 private:
  struct Fitted;
  struct Compiled;
  void require_fitted() const;
  const Compiled& compiled() const;
  void apply_edit(ThemeEdit edit);
  void rebuild_compiled();
  void check_theme(std::int32_t theme) const;

  ThemeModelOptions options_;
  bool fitted_ = false;
  std::shared_ptr<const Fitted> fitted_state_;
  mutable std::shared_ptr<const Compiled> compiled_;
};

}  // namespace servicedesign::insights
