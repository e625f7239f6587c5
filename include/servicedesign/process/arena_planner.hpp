/// @file
/// Arena planner: the smallest set of existing meeting places that reaches every target segment.
///
/// Gjøvik municipality's lesson from its Smart Gjøvik problem workshops (Escio, "Hvordan bli SmartBy med
/// innbyggerne på laget?", escio.no): use the meeting places that exist, create temporary ones only
/// where none reaches a group. This is a set-cover problem; it is solved exactly by branch and bound
/// for realistic sizes, and by the greedy algorithm (within a factor H(d) of the optimum, d the
/// largest number of segments one arena reaches) when the search would take too long.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// const ArenaPlan plan = plan_arenas(project);
/// for (const auto& id : plan.arena_ids) std::cout << project.arena(id).name << '\n';
/// for (const auto& seg : plan.uncovered_segments) std::cout << "create an arena for " << seg << '\n';
/// @endcode
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "servicedesign/process/entities.hpp"

namespace servicedesign::process {

class Project;

/// Limits of the exact search.
struct ArenaPlanOptions {
  std::size_t max_search_nodes = 1'000'000;  ///< Beyond this the greedy answer is returned.
};

/// The chosen arenas and what no existing arena reaches.
struct ArenaPlan {
  std::vector<std::string> arena_ids;           ///< Chosen arenas, in the order they were given.
  std::vector<std::string> uncovered_segments;  ///< Target segments no existing arena reaches.
  bool exact = true;            ///< True when `arena_ids` is proven minimal.
  std::size_t lower_bound = 0;  ///< No cover uses fewer arenas than this.
  double approximation_factor = 1.0;  ///< Guarantee |plan| ≤ factor × optimum (1 when exact).
  std::size_t search_nodes = 0;       ///< Nodes the exact search visited.
};

/// Plans arenas for `targets` among `arenas`; only arenas with `existing == true` are candidates.
/// The result is deterministic: the same input gives the same plan.
[[nodiscard]] ArenaPlan plan_arenas(const std::vector<Arena>& arenas, const std::vector<std::string>& targets,
                                    const ArenaPlanOptions& options = {});

/// Plans arenas for the project's target segments among its arenas.
[[nodiscard]] ArenaPlan plan_arenas(const Project& project, const ArenaPlanOptions& options = {});

}  // namespace servicedesign::process
