/// @file
/// Umbrella header: includes the whole public API of servicedesign.
///
/// **Example**
/// @code
/// #include <servicedesign/servicedesign.hpp>
/// int main() {
///   servicedesign::process::Project project("Smart Storvik");
///   std::cout << servicedesign::version_string << ' ' << project.current_step().name_sv << '\n';
/// }
/// @endcode
#pragma once

#include "servicedesign/core/archive.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/digest.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"
#include "servicedesign/insights/dense.hpp"
#include "servicedesign/insights/hdbscan.hpp"
#include "servicedesign/insights/labels.hpp"
#include "servicedesign/insights/linkage.hpp"
#include "servicedesign/insights/metrics.hpp"
#include "servicedesign/insights/representation.hpp"
#include "servicedesign/insights/text.hpp"
#include "servicedesign/insights/theme_model.hpp"
#include "servicedesign/insights/vectors.hpp"
#include "servicedesign/priorities/methods.hpp"
#include "servicedesign/priorities/needs.hpp"
#include "servicedesign/priorities/robustness.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/arena_planner.hpp"
#include "servicedesign/process/coverage.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/process/entities.hpp"
#include "servicedesign/process/gates.hpp"
#include "servicedesign/process/group_selection.hpp"
#include "servicedesign/process/process_model.hpp"
#include "servicedesign/process/programme.hpp"
#include "servicedesign/process/project.hpp"
#include "servicedesign/process/personal_data.hpp"
#include "servicedesign/process/privacy.hpp"
#include "servicedesign/process/proposed_needs.hpp"
#include "servicedesign/process/track.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/alternates.hpp"
#include "servicedesign/selection/select.hpp"
#include "servicedesign/selection/verify.hpp"
#include "servicedesign/version.hpp"
