/// @file
/// Themes → needs: the bridge from a theme model of a project's notes to the needs analysts confirm. One
/// proposed need per theme that has notes, so no proposal is ever empty, whatever merges, splits or refits did
/// to the theme numbers; each carries the theme it came from and the notes, segments and arenas behind it.
///
/// **Example**
/// @code
/// using namespace servicedesign;
/// const process::Project project = process::import_project_csv("examples/data/storvik");
/// insights::ThemeModel model({.seed = 7});                    // the language is found per note
/// model.fit(process::note_texts(project), {.keys = process::note_ids(project)});
/// for (const process::ProposedNeed& need : process::propose_needs(project, model))
///   std::cout << need.title << ": " << need.note_ids.size() << " notes, " << need.segments.size() << " segments\n";
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

/// A need proposed from one theme of the project's notes, for analysts to confirm, rename, merge or drop.
struct ProposedNeed {
  std::int32_t theme = -1;               ///< The theme it comes from (the model's number, kept across refits).
  std::string title;                     ///< The theme's name when an analyst gave one, else its first keywords.
  std::vector<std::string> keywords;     ///< The theme's keywords, best first.
  std::vector<std::string> note_ids;     ///< The project's notes in the theme, copies included, in project order.
  std::vector<std::string> segments;     ///< Distinct segments of those notes, sorted.
  std::vector<std::string> arenas;       ///< Distinct arenas of those notes, sorted.
  std::size_t copies = 0;                ///< How many of the notes are copies of another note of the theme.
  friend bool operator==(const ProposedNeed&, const ProposedNeed&) = default;  ///< Member-wise equality.
};

/// The texts of the project's notes, in project order (what a theme model of the project is fitted on).
[[nodiscard]] std::vector<std::string> note_texts(const Project& project);

/// The ids of the project's notes, in project order (the keys a theme model of the project is fitted with).
[[nodiscard]] std::vector<std::string> note_ids(const Project& project);

/// One proposed need per theme of `model` (ThemeModel::themes(), largest first; ties: the lower number). The
/// model must have been fitted with note ids as keys (ThemeFitInput::keys = note_ids(project), or any subset of
/// the project's notes); notes the model set aside as fillers belong to no need. The title is the theme's name,
/// else its first three keywords joined by ", ".
/// @throws InvalidInput when the model is not fitted, or one of its keys is not a note of the project (naming it).
[[nodiscard]] std::vector<ProposedNeed> propose_needs(const Project& project, const insights::ThemeModel& model);

}  // namespace servicedesign::process
