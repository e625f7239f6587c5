// Near copies among the notes: an all-pairs similarity join above a high threshold, in near-linear time.
#pragma once

#include <cstddef>
#include <functional>
#include <servicedesign/insights/vectors.hpp>
#include <vector>

namespace servicedesign::insights::detail {

/// For each group of copies, given by one row of `x` (`rows[g]`, in the groups' order), the group it is a near
/// copy of: the earlier group, among those that are copies of no other, whose row has the highest cosine with
/// its own, at least `threshold` (ties: the earlier group); a group that has none is its own leader. Every
/// earlier group is considered, not only the nearest few, so a text sent a thousand times still finds its
/// original. `progress(fraction)` returning false stops with Interrupted.
///
/// The join is the prefix filter of Bayardo, Ma and Srikant ("Scaling up all pairs similarity search",
/// WWW 2007): rows are scaled to unit length and their terms ordered rarest first; a leader is indexed by its
/// rarest terms only, as many as leave the rest of its length below `threshold`, since two rows that share
/// none of those terms have a cosine below it (Cauchy-Schwarz). The posting lists therefore stay short, and
/// the candidates found are scored exactly.
[[nodiscard]] std::vector<std::size_t> near_copy_leaders(const SparseMatrix& x, const std::vector<std::size_t>& rows,
                                                         double threshold,
                                                         const std::function<bool(double)>& progress = {});

}  // namespace servicedesign::insights::detail
