// A small, deterministic parallel loop: items are split into fixed contiguous blocks, one per thread, so the
// result never depends on scheduling. The calling thread works on the first block itself (it is the one that
// may report progress and see Ctrl-C from Python); an exception in any thread is rethrown in the caller after
// every thread has stopped.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace servicedesign::detail {

// Threads worth using for `items` pieces of work of about `cost_per_item` each (in rough operation counts):
// one per core (at most `limit` when it is not 0: the caller's `threads` option), and only one when the work
// is too small to pay for starting threads.
inline std::size_t threads_for(std::size_t items, double cost_per_item = 1.0, std::size_t limit = 0) {
  std::size_t cores = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  if (limit > 0) cores = std::min(cores, limit);
  if (static_cast<double>(items) * cost_per_item < 1e5) return 1;
  return std::min({cores, items, std::size_t{16}});
}

// Calls body(begin, end, block) for `threads` contiguous blocks covering [0, items); block 0 runs on the
// calling thread.
template <class Body>
void parallel_blocks(std::size_t items, std::size_t threads, const Body& body) {
  threads = std::max<std::size_t>(1, std::min(threads, items));
  if (threads <= 1) {
    body(std::size_t{0}, items, std::size_t{0});
    return;
  }
  const auto begin_of = [&](std::size_t block) { return items * block / threads; };
  std::vector<std::exception_ptr> failures(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (std::size_t block = 1; block < threads; ++block) {
    workers.emplace_back([&, block] {
      try {
        body(begin_of(block), begin_of(block + 1), block);
      } catch (...) {
        failures[block] = std::current_exception();
      }
    });
  }
  try {
    body(begin_of(0), begin_of(1), std::size_t{0});
  } catch (...) {
    failures[0] = std::current_exception();
  }
  for (auto& worker : workers) worker.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace servicedesign::detail
