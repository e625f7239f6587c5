// Saving and loading the theme model through the archive envelope shared with projects.
#include <boost/serialization/map.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <boost/serialization/version.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>

#include "../core/boost_archive.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "theme_model_state.hpp"

// Class versions: bump one when its serialize() changes, keep reading the old layout, and add a golden
// archive under tests/golden/.
// 2: whether document frequencies count each group of copies once (version 1 counted every note), and the options
// the themes were fitted with (version 1: the model's options).
BOOST_CLASS_VERSION(servicedesign::insights::ThemeModel, 2)
// 1: reassign_threshold as a sign of infinity and a finite number (text and XML archives cannot read back inf).
BOOST_CLASS_VERSION(servicedesign::insights::ThemeModelOptions, 1)

namespace boost::serialization {

using boost::serialization::make_nvp;
namespace si = servicedesign::insights;

// std::optional as a flag and, when set, the value.
template <class Ar, class T>
void optional_field(Ar& ar, const char* name, std::optional<T>& value) {
  bool present = value.has_value();
  T held = value.value_or(T{});
  ar& make_nvp(name, present);
  ar& make_nvp(name, held);
  if constexpr (Ar::is_loading::value) value = present ? std::optional<T>(held) : std::nullopt;
}

template <class Ar>
void serialize(Ar& ar, si::ThemeModelOptions& o, unsigned version) {
  auto language = static_cast<std::uint8_t>(o.language);
  ar& make_nvp("algorithm", o.algorithm) & make_nvp("resolution", o.resolution) & make_nvp("neighbours", o.neighbours) &
      make_nvp("min_similarity", o.min_similarity) & make_nvp("representation", o.representation) &
      make_nvp("min_df", o.min_df) & make_nvp("max_df", o.max_df) & make_nvp("language", language) &
      make_nvp("keywords", o.keywords) & make_nvp("representatives", o.representatives) & make_nvp("seed", o.seed);
  optional_field(ar, "n_themes", o.n_themes);
  ar& make_nvp("ensemble", o.ensemble) & make_nvp("lsa", o.lsa) & make_nvp("dense_weight", o.dense_weight) &
      make_nvp("diversity", o.diversity) & make_nvp("char_ngrams", o.char_ngrams);
  optional_field(ar, "threshold", o.threshold);
  ar& make_nvp("min_cluster_size", o.min_cluster_size);
  optional_field(ar, "min_samples", o.min_samples);
  if (version >= 1) {
    std::int8_t infinite = 0;
    if (std::isinf(o.reassign_threshold)) infinite = o.reassign_threshold > 0 ? std::int8_t{1} : std::int8_t{-1};
    double finite = infinite != 0 ? 0.0 : o.reassign_threshold;
    ar& make_nvp("reassign_threshold_infinite", infinite) & make_nvp("reassign_threshold", finite);
    if constexpr (Ar::is_loading::value) {
      if (infinite < -1 || infinite > 1) throw servicedesign::FormatError("reassign_threshold: a bad sign of infinity");
      o.reassign_threshold = infinite == 0 ? finite : infinite * std::numeric_limits<double>::infinity();
    }
  } else {
    ar& make_nvp("reassign_threshold", o.reassign_threshold);
  }
  ar& make_nvp("min_theme_size", o.min_theme_size);
  optional_field(ar, "duplicate_similarity", o.duplicate_similarity);
  ar& make_nvp("similarity", o.similarity) & make_nvp("threads", o.threads) &
      make_nvp("posting_limit", o.posting_limit);
  if constexpr (Ar::is_loading::value) {
    if (language > static_cast<std::uint8_t>(si::Language::english)) {
      throw servicedesign::FormatError("unknown language " + std::to_string(language));
    }
    o.language = static_cast<si::Language>(language);
  }
}

template <class Ar>
void serialize(Ar& ar, si::ThemeEdit& e, unsigned) {
  auto kind = static_cast<std::uint8_t>(e.kind);
  ar& make_nvp("kind", kind) & make_nvp("theme", e.theme) & make_nvp("target", e.target) & make_nvp("notes", e.notes) &
      make_nvp("name", e.name);
  if constexpr (Ar::is_loading::value) {
    if (kind > static_cast<std::uint8_t>(si::ThemeEdit::Kind::rename)) {
      throw servicedesign::FormatError("unknown kind of edit " + std::to_string(kind));
    }
    e.kind = static_cast<si::ThemeEdit::Kind>(kind);
  }
}

template <class Ar>
void serialize(Ar& ar, si::ThemeSummary& t, unsigned) {
  ar& make_nvp("theme", t.theme) & make_nvp("name", t.name) & make_nvp("size", t.size) &
      make_nvp("keywords", t.keywords) & make_nvp("scores", t.scores) & make_nvp("representatives", t.representatives);
}

}  // namespace boost::serialization

namespace servicedesign::insights {

namespace {
constexpr std::string_view model_type = "theme-model";
}  // namespace

template <class Archive>
void ThemeModel::serialize(Archive& ar, const unsigned int version) {
  using boost::serialization::make_nvp;
  constexpr unsigned current = boost::serialization::version<ThemeModel>::value;
  if (Archive::is_loading::value && version > current) {
    throw VersionError("the theme model was saved with class version " + std::to_string(version) +
                       ", newer than this library reads (" + std::to_string(current) + "); update servicedesign");
  }
  ar& make_nvp("options", options_) & make_nvp("fitted", fitted_);
  if (!fitted_) return;
  Fitted state = Archive::is_saving::value ? *fitted_state_ : Fitted{};
  std::vector<std::uint8_t> languages;
  for (const Language l : state.languages) languages.push_back(static_cast<std::uint8_t>(l));
  bool has_resolution = state.resolution.has_value();
  double resolution = state.resolution.value_or(0.0);
  ar& make_nvp("texts", state.texts) & make_nvp("keys", state.keys) & make_nvp("labels", state.labels) &
      make_nvp("fillers", state.fillers) & make_nvp("usable", state.usable) & make_nvp("languages", languages) &
      make_nvp("duplicate_of", state.duplicate_of) & make_nvp("quality", state.quality) &
      make_nvp("has_resolution", has_resolution) & make_nvp("resolution", resolution) & make_nvp("edits", state.edits) &
      make_nvp("names", state.names) & make_nvp("max_theme_id", state.max_theme_id) & make_nvp("themes", state.themes);
  if (version >= 2) {
    ar& make_nvp("copies_counted_once", state.copies_counted_once) & make_nvp("fitted_options", state.options);
  } else {
    state.copies_counted_once = false;
    state.options = options_;
  }
  if constexpr (Archive::is_loading::value) {
    const std::size_t n = state.texts.size();
    if (state.keys.size() != n || state.labels.size() != n || state.fillers.size() != n || state.usable.size() != n ||
        languages.size() != n || state.duplicate_of.size() != n) {
      throw FormatError("the archive is inconsistent: its per-note fields differ in length");
    }
    for (const std::uint8_t l : languages) {
      if (l > static_cast<std::uint8_t>(Language::english)) throw FormatError("unknown language " + std::to_string(l));
      state.languages.push_back(static_cast<Language>(l));
    }
    // What predict(), edits and hierarchy() rely on, checked so that a damaged or hand-made archive is refused
    // instead of read out of bounds.
    const auto inconsistent = [](const std::string& what) { throw FormatError("the archive is inconsistent: " + what); };
    std::map<std::int32_t, std::size_t> sizes;  // notes per theme number
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t d = state.duplicate_of[i];
      if (state.usable[i] > 1 || state.fillers[i] > 1 || (state.fillers[i] == 1 && state.usable[i] == 1)) {
        inconsistent("note " + std::to_string(i) + " is marked both a filler and a note with content words");
      }
      if (state.usable[i] == 0) {
        if (d != -1 || state.labels[i] != -1) inconsistent("note " + std::to_string(i) + " has no content words but a theme or an original");
        continue;
      }
      if (d < 0 || d >= static_cast<std::int64_t>(n) || state.usable[static_cast<std::size_t>(d)] == 0 ||
          state.duplicate_of[static_cast<std::size_t>(d)] != d) {
        inconsistent("note " + std::to_string(i) + " is a copy of no first note");
      }
      const std::int32_t label = state.labels[i];
      if (label < -1 || label > state.max_theme_id) inconsistent("note " + std::to_string(i) + " has a theme number out of range");
      if (label >= 0) ++sizes[label];
    }
    if (state.max_theme_id < -1) inconsistent("max_theme_id out of range");
    if (state.themes.size() != sizes.size()) inconsistent("the themes do not match the notes' theme numbers");
    auto size = sizes.begin();
    for (const auto& theme : state.themes) {  // in theme number order, as fit() writes them
      if (theme.theme != size->first || theme.size != size->second) {
        inconsistent("theme " + std::to_string(theme.theme) + " does not match the notes' theme numbers");
      }
      ++size;
      if (theme.keywords.size() != theme.scores.size()) inconsistent("theme " + std::to_string(theme.theme) + " has keywords without scores");
      for (const std::size_t r : theme.representatives) {
        if (r >= n || state.usable[r] == 0) inconsistent("a representative outside the notes with content words");
      }
    }
    state.resolution = has_resolution ? std::optional<double>(resolution) : std::nullopt;
    options_.validate();
    state.options.validate();
    fitted_state_ = std::make_shared<const Fitted>(std::move(state));
    rebuild_compiled();
  }
}

std::string ThemeModel::save_to_string(ArchiveFormat format) const {
  return seal_archive(model_type, format, servicedesign::detail::write_boost_archive(*this, "theme_model", format));
}

ThemeModel ThemeModel::load_from_string(std::string_view data, std::string_view source) {
  const OpenedArchive opened = open_archive(data, model_type, source);
  ThemeModel model;
  servicedesign::detail::read_boost_archive(opened.payload, opened.format, "theme_model", model, std::string(source));
  return model;
}

void ThemeModel::save(const std::filesystem::path& path, ArchiveFormat format) const {
  write_file_atomically(path, save_to_string(format));
}

ThemeModel ThemeModel::load(const std::filesystem::path& path) {
  return load_from_string(read_file(path), path.string());
}

}  // namespace servicedesign::insights
