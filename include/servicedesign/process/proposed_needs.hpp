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
/// std::vector<process::ProposedNeed> proposals = process::propose_needs(project, model);
/// for (const process::ProposedNeed& need : proposals)
///   std::cout << need.title << ": " << need.note_ids.size() << " notes, " << need.segments.size() << " segments\n";
/// // The analysts' review: rename one, merge two, drop one; the rest are adopted as proposed.
/// process::adopt_needs(project, proposals, {{.theme = 0, .title = "Digitale tjenester"},
///                                           {.theme = 4, .action = process::ReviewAction::merge, .into = 0},
///                                           {.theme = 5, .action = process::ReviewAction::drop}});
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
  std::string title{};                   ///< The theme's name when an analyst gave one, else its first keywords.
  std::vector<std::string> keywords{};   ///< The theme's keywords, best first.
  std::vector<std::string> note_ids{};   ///< The project's notes in the theme, copies included, in project order.
  std::vector<std::string> segments{};   ///< Distinct segments of those notes, sorted.
  std::vector<std::string> arenas{};     ///< Distinct arenas of those notes, sorted.
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

/// What analysts decided about one proposed need.
enum class ReviewAction : std::uint8_t {
  adopt,  ///< Adopt it as a need (renamed when NeedReview::title is given).
  merge,  ///< Merge its notes into the need adopted from theme NeedReview::into.
  drop,   ///< Leave it out.
};

/// Key of a review action: `"adopt"`, `"merge"` or `"drop"`; from_string<ReviewAction>() parses it.
[[nodiscard]] std::string_view to_string(ReviewAction action) noexcept;

/// The review of one proposed need, named by its theme.
struct NeedReview {
  std::int32_t theme = -1;                    ///< The proposal's theme.
  ReviewAction action = ReviewAction::adopt;  ///< What to do with it.
  std::string title{};                        ///< The need's title when adopted; empty keeps the proposed one.
  std::int32_t into = -1;                     ///< For merge: the theme of the adopted proposal it joins.
  std::string need_id{};                      ///< For adopt: the need's id; generated when empty.
};

/// Adopts reviewed proposals as needs of `project`: one need per adopted proposal (proposals without a review
/// are adopted as proposed), with the notes of the proposals merged into it, recording its themes and notes
/// (Need::source_themes, Need::source_notes) and its keywords as description. Returns the new needs' ids in
/// the proposals' order. All or nothing: on error the project is unchanged.
/// @throws InvalidInput naming the theme for a review of a theme not proposed, two reviews of one theme, a
///         merge into a theme that is not adopted, or a proposal without notes; what Project::add_need throws.
std::vector<std::string> adopt_needs(Project& project, const std::vector<ProposedNeed>& proposals,
                                     const std::vector<NeedReview>& reviews = {});

/// How one adopted need fares in a rerun of the clustering.
struct NeedChange {
  std::string need_id{};                  ///< The need.
  std::int32_t theme = -1;                ///< The rerun's theme sharing the most of its notes; -1 when none does.
  double overlap = 0.0;                   ///< Jaccard overlap of the need's notes and that theme's.
  std::vector<std::string> notes_gained{}; ///< Notes of that theme the need was not adopted with.
  std::vector<std::string> notes_lost{};  ///< Notes of the need that theme does not hold.
  friend bool operator==(const NeedChange&, const NeedChange&) = default;  ///< Member-wise equality.
};

/// What a rerun of the clustering changed for the needs adopted from themes.
struct RerunComparison {
  std::vector<NeedChange> needs{};       ///< One per need with source notes, in the project's order.
  std::vector<std::int32_t> new_themes{}; ///< Themes of the rerun that share no note with any adopted need.
};

/// Compares the needs adopted from themes (those with Need::source_notes) with the proposals of a rerun.
[[nodiscard]] RerunComparison compare_with_rerun(const Project& project, const std::vector<ProposedNeed>& rerun);

}  // namespace servicedesign::process
