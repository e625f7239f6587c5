// Internal: the state of a fitted ThemeModel, shared by its computation and its archive.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/theme_model.hpp"

namespace servicedesign::insights {

// What fit() computes and edits change; shared between copies (never modified once built).
struct ThemeModel::Fitted {
  // The options the themes were fitted with: predict(), edits and loading use these, whatever set_options()
  // chose for the next fit.
  ThemeModelOptions options;
  std::vector<std::string> texts;
  std::vector<std::string> keys;
  std::vector<std::int32_t> labels;
  std::vector<std::uint8_t> fillers;
  std::vector<std::uint8_t> usable;
  std::vector<Language> languages;
  std::vector<std::int64_t> duplicate_of;
  double quality = 0.0;
  std::optional<double> resolution;
  std::vector<ThemeEdit> edits;
  std::map<std::int32_t, std::string> names;
  std::int32_t max_theme_id = -1;
  std::vector<ThemeSummary> themes;
  // Document frequencies over groups of copies, each counted once (from class version 2); models saved at
  // version 1 counted every note, and keep doing so, so that their vectors and predictions do not change.
  bool copies_counted_once = true;
};

// The fitted vocabulary and vectors (deterministic from the notes and options), and the theme centres
// (from the labels). Rebuilt from the notes on load.
struct ThemeModel::Compiled {
  std::shared_ptr<const TextPipeline> pipeline;
  std::shared_ptr<const Representation> representation;
  std::shared_ptr<const Documents> docs;   // terms of the usable notes
  std::shared_ptr<const SparseMatrix> x;   // rows of the usable notes
  SparseMatrix centres;                    // one unit row per theme, in the order of Fitted::themes
};

}  // namespace servicedesign::insights
