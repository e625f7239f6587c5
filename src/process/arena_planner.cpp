#include "servicedesign/process/arena_planner.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

namespace {

// A set of segment indexes as a bitset of any width.
class Bits {
 public:
  explicit Bits(std::size_t size = 0) : words_((size + 63) / 64, 0) {}
  void set(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  [[nodiscard]] bool test(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1U; }
  [[nodiscard]] std::size_t count() const {
    std::size_t n = 0;
    for (auto w : words_) n += static_cast<std::size_t>(__builtin_popcountll(w));
    return n;
  }
  [[nodiscard]] std::size_t count_and_not(const Bits& covered) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < words_.size(); ++k) n += static_cast<std::size_t>(__builtin_popcountll(words_[k] & ~covered.words_[k]));
    return n;
  }
  Bits& operator|=(const Bits& o) {
    for (std::size_t k = 0; k < words_.size(); ++k) words_[k] |= o.words_[k];
    return *this;
  }

 private:
  std::vector<std::uint64_t> words_;
};

struct Search {
  const std::vector<Bits>& sets;            // per candidate arena
  const std::vector<std::vector<std::size_t>>& covering;  // per segment: candidates reaching it
  std::size_t universe;
  std::size_t max_set;
  std::size_t node_limit;
  std::size_t nodes = 0;
  bool aborted = false;
  std::vector<std::size_t> best;
  std::vector<std::size_t> chosen;

  // Branch on the uncovered segment with the fewest arenas reaching it: every cover must pick one of them.
  void run(const Bits& covered, std::size_t covered_count) {
    if (aborted) return;
    if (++nodes > node_limit) {
      aborted = true;
      return;
    }
    if (covered_count == universe) {
      if (chosen.size() < best.size()) best = chosen;
      return;
    }
    const std::size_t remaining = universe - covered_count;
    const std::size_t bound = chosen.size() + (remaining + max_set - 1) / max_set;
    if (bound >= best.size()) return;
    std::size_t pick = universe;
    for (std::size_t s = 0; s < universe; ++s) {
      if (!covered.test(s) && (pick == universe || covering[s].size() < covering[pick].size())) pick = s;
    }
    for (std::size_t a : covering[pick]) {
      Bits next = covered;
      next |= sets[a];
      chosen.push_back(a);
      run(next, next.count());
      chosen.pop_back();
      if (aborted) return;
    }
  }
};

}  // namespace

ArenaPlan plan_arenas(const std::vector<Arena>& arenas, const std::vector<std::string>& targets,
                      const ArenaPlanOptions& options) {
  ArenaPlan plan;
  std::vector<std::size_t> candidates;  // indexes into arenas
  for (std::size_t i = 0; i < arenas.size(); ++i) {
    if (arenas[i].existing) candidates.push_back(i);
  }
  // Segments some existing arena reaches form the universe; the rest need a created arena.
  std::map<std::string, std::size_t> universe_index;
  std::vector<std::string> universe;
  for (const auto& t : targets) {
    if (universe_index.count(t)) continue;
    const bool reachable = std::any_of(candidates.begin(), candidates.end(), [&](std::size_t a) {
      return std::find(arenas[a].segments.begin(), arenas[a].segments.end(), t) != arenas[a].segments.end();
    });
    if (reachable) {
      universe_index[t] = universe.size();
      universe.push_back(t);
    } else if (std::find(plan.uncovered_segments.begin(), plan.uncovered_segments.end(), t) == plan.uncovered_segments.end()) {
      plan.uncovered_segments.push_back(t);
    }
  }
  if (universe.empty()) return plan;

  std::vector<Bits> sets(candidates.size(), Bits(universe.size()));
  std::vector<std::vector<std::size_t>> covering(universe.size());
  std::size_t max_set = 1;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    for (const auto& seg : arenas[candidates[c]].segments) {
      const auto it = universe_index.find(seg);
      if (it != universe_index.end() && !sets[c].test(it->second)) {
        sets[c].set(it->second);
        covering[it->second].push_back(c);
      }
    }
    max_set = std::max(max_set, sets[c].count());
  }

  // Greedy first: an upper bound for the search and the answer if the search is cut short.
  std::vector<std::size_t> greedy;
  {
    Bits covered(universe.size());
    std::size_t covered_count = 0;
    while (covered_count < universe.size()) {
      std::size_t best_c = 0;
      std::size_t best_gain = 0;
      for (std::size_t c = 0; c < sets.size(); ++c) {
        const std::size_t gain = sets[c].count_and_not(covered);
        if (gain > best_gain) {
          best_gain = gain;
          best_c = c;
        }
      }
      covered |= sets[best_c];
      covered_count = covered.count();
      greedy.push_back(best_c);
    }
  }

  Search search{sets, covering, universe.size(), max_set, options.max_search_nodes, 0, false, {}, {}};
  search.best = greedy;
  search.best.push_back(0);  // sentinel: make the greedy size itself beatable only by a strictly smaller cover
  search.run(Bits(universe.size()), 0);
  plan.search_nodes = search.nodes;
  plan.lower_bound = (universe.size() + max_set - 1) / max_set;

  std::vector<std::size_t> chosen;
  if (search.aborted) {
    chosen = greedy;
    plan.exact = false;
    double harmonic = 0.0;
    for (std::size_t k = 1; k <= max_set; ++k) harmonic += 1.0 / static_cast<double>(k);
    plan.approximation_factor = harmonic;
  } else {
    chosen = search.best.size() <= greedy.size() ? search.best : greedy;
    plan.lower_bound = chosen.size();
  }
  std::sort(chosen.begin(), chosen.end());
  for (std::size_t c : chosen) plan.arena_ids.push_back(arenas[candidates[c]].id);
  return plan;
}

ArenaPlan plan_arenas(const Project& project, const ArenaPlanOptions& options) {
  return plan_arenas(project.arenas(), project.target_segments(), options);
}

}  // namespace servicedesign::process
