// Leiden runs shared by the clusterer (leiden.cpp) and the search for its resolution (resolution.cpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "../core/parallel.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights::detail {

// One Leiden run; `progress` gets the share of this run done.
std::vector<std::int32_t> leiden_run(const NeighbourGraph& graph, const LeidenOptions& options, std::uint64_t seed,
                                     const std::function<bool(double)>& progress);

// Runs run(k, keep_going) for k = 0 … count − 1 on up to `threads` threads (fixed blocks: every run has its
// own slot and seed, so nothing depends on scheduling). A run polls keep_going(fraction of it done). On the
// calling thread, where Python's Ctrl-C is seen, keep_going also calls report(share of that thread's runs
// done): report returning false, or throwing, stops every run (the others see it at their next poll).
template <class Run>
void parallel_runs(std::size_t count, std::size_t threads, const std::function<bool(double)>& report, const Run& run) {
  std::atomic<bool> cancelled{false};
  servicedesign::detail::parallel_blocks(count, threads, [&](std::size_t first, std::size_t last, std::size_t block) {
    for (std::size_t k = first; k < last; ++k) {
      std::function<bool(double)> keep_going = [&cancelled](double) { return !cancelled.load(); };
      if (block == 0) {
        keep_going = [&, k, first, last](double fraction) {
          const double share = (static_cast<double>(k - first) + fraction) / static_cast<double>(last - first);
          try {
            if (report && !report(share)) cancelled = true;
          } catch (...) {
            cancelled = true;
            throw;
          }
          return !cancelled.load();
        };
      }
      run(k, keep_going);
    }
  });
}


// The seed of run `run` of an ensemble: SplitMix64 of (seed, run), so that runs differ yet reproduce.
std::uint64_t run_seed(std::uint64_t seed, std::size_t run);

}  // namespace servicedesign::insights::detail
