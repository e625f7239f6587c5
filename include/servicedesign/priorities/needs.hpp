/// @file
/// Needs to prioritise, each with the evidence behind it: the insights, the notes, and the distinct
/// segments and arenas that raised it. The evidence becomes criteria for weighted scoring, where
/// breadth across segments can (and by default does) count for more than the raw number of notes.
///
/// **Example**
/// @code
/// using namespace servicedesign::priorities;
/// const std::vector<NeedEvidence> needs = needs_from_project(project);  // needs, insights, notes
/// const CriteriaMatrix criteria = evidence_criteria(needs);             // segments, arenas, notes
/// const WeightedResult by_evidence = weighted_scores(criteria, EvidenceWeights{}.as_vector());
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "servicedesign/priorities/methods.hpp"
#include "servicedesign/process/entities.hpp"

namespace servicedesign::process {
class Project;
struct ProposedNeed;
}

namespace servicedesign::priorities {

/// A note behind a need, with what the report may show of it.
struct EvidenceNote {
  std::string id;        ///< Note id.
  std::string text;      ///< The note's words.
  std::string segment;   ///< Segment of who said it.
  std::string arena_id;  ///< Arena where it was said.
  process::Consent consent = process::Consent::none;  ///< How far its words may be shared.
  friend bool operator==(const EvidenceNote&, const EvidenceNote&) = default;  ///< Member-wise equality.
};

/// A need with its evidence.
struct NeedEvidence {
  std::string id;                         ///< Need id.
  std::string title;                      ///< Short title.
  std::vector<std::string> insight_ids;   ///< Insights that support it.
  std::vector<std::string> statements;    ///< Their "who needs what because why", in the same order.
  std::vector<EvidenceNote> notes;        ///< Distinct notes behind it, in first-cited order.

  /// Distinct segments of the notes, sorted.
  [[nodiscard]] std::vector<std::string> segments() const;
  /// Distinct arenas of the notes, sorted.
  [[nodiscard]] std::vector<std::string> arenas() const;
  /// Number of notes (the raw count).
  [[nodiscard]] std::size_t frequency() const noexcept { return notes.size(); }
  friend bool operator==(const NeedEvidence&, const NeedEvidence&) = default;  ///< Member-wise equality.
};

/// True when a note with consent `note` may be quoted to `audience` (internal or public): the process part's
/// one rule, process::may_show(), which also knows the working group as an audience.
[[nodiscard]] bool may_quote(process::Consent note, process::Consent audience) noexcept;

/// The project's needs in order, each with the insights that cite it and the notes those insights rest on,
/// then the notes it was adopted from (Need::source_notes). Note consent is capped by the consent of the
/// person who said it.
[[nodiscard]] std::vector<NeedEvidence> needs_from_project(const process::Project& project);

/// Needs from proposals (process::propose_needs(), after the analysts' review): one need per proposal, in
/// order, with id "T<theme>", the proposal's title, and its notes as evidence (consent capped by the author's),
/// ready for evidence_criteria() and the ranking methods.
/// @throws InvalidInput when a proposal has no notes or a theme is proposed twice (naming the theme), or a
/// note is not in the project.
[[nodiscard]] std::vector<NeedEvidence> needs_from_proposals(const process::Project& project,
                                                             const std::vector<process::ProposedNeed>& proposals);

/// Needs from theme labels: one need per theme number ≥ 0 in `themes` (one per note; −1 = no theme) that has
/// notes — numbers left empty by merges or refits make none — titled `titles[theme]` when given (else
/// "Theme k"), with id "T<k>". Prefer propose_needs() with a ThemeModel, which needs no titles by number.
/// @throws InvalidInput when `themes` and `notes` differ in length or a title is missing for a theme.
[[nodiscard]] std::vector<NeedEvidence> needs_from_themes(const std::vector<EvidenceNote>& notes,
                                                          const std::vector<std::int32_t>& themes,
                                                          const std::vector<std::string>& titles = {});

/// Weights of the evidence criteria; on the simplex. The default lets breadth across segments count
/// for half, arenas for a quarter and the raw count of notes for a quarter.
struct EvidenceWeights {
  double segments = 0.5;  ///< Distinct segments.
  double arenas = 0.25;   ///< Distinct arenas.
  double notes = 0.25;    ///< Number of notes.
  /// The weights in criteria order (segments, arenas, notes).
  [[nodiscard]] std::vector<double> as_vector() const { return {segments, arenas, notes}; }
};

/// Evidence as criteria, one row per need: columns "segments", "arenas", "notes", each the need's
/// count divided by the largest count among the needs (0 when all are 0), so each lies in [0, 1].
[[nodiscard]] CriteriaMatrix evidence_criteria(const std::vector<NeedEvidence>& needs);

}  // namespace servicedesign::priorities
