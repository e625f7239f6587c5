/// @file
/// Evidence coverage: which needs rest on which segments and arenas, who was never heard, and
/// whether new workshops still bring new themes (saturation).
///
/// A note counts for a need when it is evidence of an insight linked to that need.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// const CoverageReport report = evidence_coverage(project);
/// for (const auto& flag : report.flags) std::cout << flag.explanation << '\n';
/// // "need ND07 (Tilgang til kommunale data) rests on one segment: business"
/// for (const auto& point : saturation(project))
///   std::cout << point.workshop_id << ": " << point.new_themes << " new\n";
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::process {

class Project;

/// Number of distinct notes for one (need, segment, arena).
struct CoverageCell {
  std::string need_id;     ///< Need id.
  std::string segment;     ///< Segment key.
  std::string arena_id;    ///< Arena id.
  std::size_t notes = 0;   ///< Distinct notes.
};

/// What a coverage flag is about.
enum class CoverageFlagKind : std::uint8_t {
  need_without_evidence,  ///< A need with no note behind it.
  single_segment,         ///< A need whose evidence comes from one segment only.
  single_arena,           ///< A need whose evidence comes from one arena only.
  segment_never_heard,    ///< A target segment with no note at all.
};

/// Key of a flag kind, e.g. `"single_segment"`.
[[nodiscard]] std::string_view to_string(CoverageFlagKind kind) noexcept;

/// A coverage gap, explained.
struct CoverageFlag {
  CoverageFlagKind kind;    ///< What the gap is.
  std::string subject;      ///< Need id or segment key.
  std::string explanation;  ///< One readable sentence.
};

/// The need × segment × arena matrix (non-zero cells only) and its flags.
struct CoverageReport {
  std::vector<CoverageCell> cells;  ///< Sorted by need, segment, arena.
  std::vector<CoverageFlag> flags;  ///< Needs in project order, then segments.
};

/// Computes the coverage matrix and flags of `project`.
[[nodiscard]] CoverageReport evidence_coverage(const Project& project);

/// New themes contributed by one workshop, in chronological order.
struct SaturationPoint {
  std::string workshop_id;  ///< Workshop id.
  std::string date;         ///< Its date.
  std::size_t new_themes = 0;         ///< Insights first evidenced in this workshop.
  std::size_t cumulative_themes = 0;  ///< Insights evidenced so far.
};

/// Saturation curve: for each workshop in date order, how many insights (themes) had their first
/// evidence there. A tail of zeros suggests more workshops of the same kind add little.
/// Archived insights are left out.
[[nodiscard]] std::vector<SaturationPoint> saturation(const Project& project);

}  // namespace servicedesign::process
