#include "servicedesign/selection/alternates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>

#include "servicedesign/core/error.hpp"
#include "../core/random.hpp"
#include "servicedesign/selection/verify.hpp"

namespace servicedesign::selection {

namespace {

// Panels larger than this (members plus alternates) are simulated instead of enumerated: the exact
// expectation keeps one state per dropout outcome, up to 2^this.
constexpr std::size_t exact_limit = 16;
// Two expected violations closer than this are equal (then the seeded draw decides).
constexpr double equal_expectation = 1e-12;
// The improvement passes over the greedy list try the best this many people of different kinds found
// at each position, at every position, for at most improvement_passes rounds.
constexpr std::size_t contenders_per_position = 8;
constexpr std::size_t improvement_passes = 4;

// The group's quotas as rows over the pool: the rows each person counts in, and each row's bounds.
class QuotaRows {
 public:
  QuotaRows(const Pool& pool, const GroupSpec& group) : size_(group.size), rows_of_(pool.size()) {
    for (const auto& feature : group.quotas.features()) {
      const auto f = pool.quotas().find_feature(feature.feature);
      if (!f) throw InvalidInput("group '" + group.name + "': quota feature '" + feature.feature + "' is not in the pool");
      for (const auto& value : feature.values) {
        const auto v = pool.quotas().find_value(*f, value.value);
        if (!v) {
          throw InvalidInput("group '" + group.name + "': quota value " + feature.feature + "=" + value.value +
                             " is not in the pool");
        }
        for (std::size_t i = 0; i < pool.size(); ++i) {
          if (pool.value(i, *f) == *v) rows_of_[i].push_back(min_.size());
        }
        min_.push_back(static_cast<long>(value.min));
        max_.push_back(static_cast<long>(value.max));
      }
    }
  }

  struct State {
    std::vector<long> counts;  // members per quota row
    long members = 0;
    long violations = 0;
  };

  [[nodiscard]] State state_of(const std::vector<std::size_t>& members) const {
    State s{std::vector<long>(min_.size(), 0), static_cast<long>(members.size()), 0};
    for (const auto person : members) {
      for (const auto r : rows_of_[person]) ++s.counts[r];
    }
    for (std::size_t r = 0; r < min_.size(); ++r) s.violations += violation(r, s.counts[r]);
    s.violations += static_cast<long>(size_) - s.members;
    return s;
  }

  // Change in violations if `person` takes an empty seat (0 when no seat is empty: nothing happens).
  [[nodiscard]] long join_change(const State& s, std::size_t person) const {
    if (s.members >= static_cast<long>(size_)) return 0;
    long change = -1;  // the seat is no longer empty
    for (const auto r : rows_of_[person]) change += violation(r, s.counts[r] + 1) - violation(r, s.counts[r]);
    return change;
  }

  [[nodiscard]] const std::vector<std::size_t>& rows_of(std::size_t person) const { return rows_of_[person]; }

  // The replacement rule: an alternate joins when that lowers the violations.
  bool offer(State& s, std::size_t person) const {
    const long change = join_change(s, person);
    if (change >= 0) return false;
    for (const auto r : rows_of_[person]) ++s.counts[r];
    ++s.members;
    s.violations += change;
    return true;
  }

 private:
  [[nodiscard]] long violation(std::size_t r, long count) const {
    return count < min_[r] ? min_[r] - count : count > max_[r] ? count - max_[r] : 0;
  }

  std::size_t size_;
  std::vector<std::vector<std::size_t>> rows_of_;
  std::vector<long> min_;
  std::vector<long> max_;
};

double checked_probability(double p, const std::string& field) {
  if (!(p >= 0.0 && p < 1.0)) {
    throw InvalidInput(field + ": " + std::to_string(p) + " is outside [0, 1) (a dropout probability)");
  }
  return p;
}

void check_panel(const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& panel) {
  std::set<std::size_t> seen;
  for (const auto person : panel) {
    if (person >= pool.size()) throw InvalidInput("panel: index " + std::to_string(person) + " is not in the pool");
    if (!seen.insert(person).second) throw InvalidInput("panel: " + pool.id(person) + " is listed twice");
  }
  if (panel.size() > group.size) {
    throw InvalidInput("panel: " + std::to_string(panel.size()) + " members for group '" + group.name + "' of " +
                       std::to_string(group.size));
  }
}

// A uniform number in [0, 1) fixed by (seed, a, b): splitmix64 of their mix.
double hashed_uniform(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = seed ^ (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL);
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

std::optional<std::size_t> find_person(const Pool& pool, const std::string& id) {
  try {
    return pool.index_of(id);
  } catch (const NotFound&) {
    return std::nullopt;
  }
}

// Each person's dropout probability: the options' rate, or their own; each checked and named.
std::vector<double> dropout_probabilities(const Pool& pool, const AlternatesOptions& options) {
  std::vector<double> dropout(pool.size(), checked_probability(options.dropout_rate, "dropout_rate"));
  for (const auto& [id, p] : options.dropout) {
    const auto person = find_person(pool, id);
    if (!person) throw InvalidInput("dropout: no person with id '" + id + "' in the pool");
    dropout[*person] = checked_probability(p, "dropout['" + id + "']");
  }
  return dropout;
}

}  // namespace

std::size_t quota_violations(const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& members) {
  check_panel(pool, group, members);
  return static_cast<std::size_t>(QuotaRows(pool, group).state_of(members).violations);
}

std::vector<std::size_t> replace_dropouts(const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& panel,
                                          const std::vector<std::size_t>& ranked, const std::vector<std::size_t>& dropped,
                                          const std::vector<std::size_t>& unavailable) {
  check_panel(pool, group, panel);
  for (const auto person : dropped) {
    if (std::find(panel.begin(), panel.end(), person) == panel.end()) {
      throw InvalidInput("dropped: " + (person < pool.size() ? pool.id(person) : std::to_string(person)) +
                         " is not a member of group '" + group.name + "'");
    }
  }
  for (const auto person : ranked) {
    if (person >= pool.size()) throw InvalidInput("alternates: index " + std::to_string(person) + " is not in the pool");
  }
  const QuotaRows rows(pool, group);
  std::vector<std::size_t> members;
  for (const auto person : panel) {
    if (std::find(dropped.begin(), dropped.end(), person) == dropped.end()) members.push_back(person);
  }
  auto state = rows.state_of(members);
  for (const auto person : ranked) {
    if (std::find(unavailable.begin(), unavailable.end(), person) != unavailable.end()) continue;
    if (std::find(members.begin(), members.end(), person) != members.end()) continue;
    if (rows.offer(state, person)) members.push_back(person);
  }
  std::sort(members.begin(), members.end());
  return members;
}

Alternates choose_alternates(const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& panel,
                             const AlternatesOptions& options) {
  check_panel(pool, group, panel);
  const std::vector<double> dropout = dropout_probabilities(pool, options);
  if (options.scenarios == 0) throw InvalidInput("scenarios: must be at least 1");
  std::vector<bool> blocked(pool.size(), false);
  for (const auto& id : options.excluded) {
    const auto person = find_person(pool, id);
    if (!person) throw InvalidInput("excluded: no person with id '" + id + "' in the pool");
    blocked[*person] = true;
  }
  std::set<std::string> households;
  const auto take = [&](std::size_t person) {
    blocked[person] = true;
    if (options.households && !pool.household(person).empty()) households.insert(pool.household(person));
  };
  for (const auto person : panel) take(person);
  const auto eligible = [&](std::size_t person) {
    return !blocked[person] && (pool.household(person).empty() || !households.contains(pool.household(person)));
  };
  {
    // Everyone eligible now could be listed, but one per household.
    std::set<std::string> seen;
    std::size_t can = 0;
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (!eligible(i)) continue;
      if (options.households && !pool.household(i).empty() && !seen.insert(pool.household(i)).second) continue;
      ++can;
    }
    if (options.count > can) {
      throw InvalidInput("count: " + std::to_string(options.count) + " alternates asked for, but only " +
                         std::to_string(can) + " people can be alternates");
    }
  }

  const QuotaRows rows(pool, group);
  // Ties between equally good people are broken by a seeded order, the same for every position.
  std::vector<std::size_t> order(pool.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  detail::Random random(options.seed ^ 0xa17e5u);
  random.shuffle(order);
  std::vector<std::size_t> rank_of(pool.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank_of[order[r]] = r;

  // The dropout outcomes, each a state of the panel with a weight: every outcome when few, else a sample.
  struct Outcome {
    QuotaRows::State state;
    double weight;
    std::size_t scenario;
  };
  std::vector<Outcome> outcomes;
  Alternates out;
  out.exact = panel.size() + options.count <= exact_limit;
  if (out.exact) {
    const std::size_t k = panel.size();
    for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << k); ++mask) {
      std::vector<std::size_t> stay;
      double weight = 1.0;
      for (std::size_t j = 0; j < k; ++j) {
        const bool drops = (mask >> j & 1U) != 0;
        weight *= drops ? dropout[panel[j]] : 1.0 - dropout[panel[j]];
        if (!drops) stay.push_back(panel[j]);
      }
      if (weight > 0.0) outcomes.push_back({rows.state_of(stay), weight, 0});
    }
  } else {
    out.scenarios = options.scenarios;
    for (std::size_t s = 0; s < options.scenarios; ++s) {
      std::vector<std::size_t> stay;
      for (std::size_t j = 0; j < panel.size(); ++j) {
        if (hashed_uniform(options.seed, s, j) >= dropout[panel[j]]) stay.push_back(panel[j]);
      }
      outcomes.push_back({rows.state_of(stay), 1.0 / static_cast<double>(options.scenarios), s});
    }
  }
  const std::vector<Outcome> base = outcomes;

  // The expected violations of a whole list, from the outcomes without alternates.
  const auto evaluate = [&](const std::vector<std::size_t>& list) {
    double total = 0.0;
    for (const auto& o : base) {
      if (!out.exact) {
        auto state = o.state;
        for (std::size_t j = 0; j < list.size(); ++j) {
          if (hashed_uniform(options.seed, o.scenario, panel.size() + j) >= dropout[list[j]]) rows.offer(state, list[j]);
        }
        total += o.weight * static_cast<double>(state.violations);
        continue;
      }
      // Every outcome of who on the list is available, where it changes anything.
      const auto walk = [&](const auto& self, QuotaRows::State state, double weight, std::size_t j) -> void {
        for (; j < list.size(); ++j) {
          if (rows.join_change(state, list[j]) >= 0) continue;
          const double d = dropout[list[j]];
          if (d > 0.0) self(self, state, weight * d, j + 1);
          rows.offer(state, list[j]);
          weight *= 1.0 - d;
        }
        total += weight * static_cast<double>(state.violations);
      };
      walk(walk, o.state, o.weight, 0);
    }
    return total;
  };
  out.expected_violations_without = evaluate({});
  // The best few people of different kinds at each position, for the improvement passes below.
  std::vector<std::vector<std::size_t>> contenders(options.count);

  for (std::size_t position = 0; position < options.count; ++position) {
    // Simulated outcomes share one draw per position for whoever stands there (common random numbers):
    // interchangeable people then have exactly equal expectations and the seeded order decides.
    const auto available = [&](const Outcome& o, std::size_t person) {
      return hashed_uniform(options.seed, o.scenario, panel.size() + position) >= dropout[person];
    };
    // People with the same quota rows and dropout probability are interchangeable here: the first of
    // each kind in the seeded order stands for all of them.
    std::map<std::pair<std::vector<std::size_t>, double>, std::size_t> first_of_kind;
    for (const auto person : order) {
      if (eligible(person)) first_of_kind.try_emplace({rows.rows_of(person), dropout[person]}, person);
    }
    std::vector<std::pair<double, std::size_t>> values;  // (expected violations, person)
    for (const auto& [kind, person] : first_of_kind) {
      double value = 0.0;
      for (const auto& o : outcomes) {
        const long change = std::min(0L, rows.join_change(o.state, person));
        const double p_join = out.exact ? 1.0 - dropout[person] : (available(o, person) ? 1.0 : 0.0);
        value += o.weight * (static_cast<double>(o.state.violations) + p_join * static_cast<double>(change));
      }
      values.emplace_back(value, person);
    }
    // Best first; equal expectations (within rounding) in the seeded order.
    std::sort(values.begin(), values.end(), [&](const auto& a, const auto& b) {
      if (std::abs(a.first - b.first) > equal_expectation) return a.first < b.first;
      return rank_of[a.second] < rank_of[b.second];
    });
    for (std::size_t c = 0; c < std::min(values.size(), contenders_per_position); ++c) {
      contenders[position].push_back(values[c].second);
    }
    const std::size_t best = values.front().second;
    take(best);
    out.ranked.push_back(best);
    // Apply the new alternate to every outcome: present (joins if that helps) or dropped out.
    std::vector<Outcome> next;
    next.reserve(outcomes.size());
    for (auto& o : outcomes) {
      if (out.exact) {
        if (rows.join_change(o.state, best) >= 0 || dropout[best] == 0.0) {
          rows.offer(o.state, best);
          next.push_back(std::move(o));
          continue;
        }
        Outcome joined = o;
        joined.weight *= 1.0 - dropout[best];
        rows.offer(joined.state, best);
        o.weight *= dropout[best];
        next.push_back(std::move(joined));
        next.push_back(std::move(o));
      } else {
        if (available(o, best)) rows.offer(o.state, best);
        next.push_back(std::move(o));
      }
    }
    outcomes = std::move(next);
  }
  // The list is built greedily; improve it where swapping two positions, or putting another of the
  // best contenders at a position, lowers the expected violations (on the 150 small cases of the
  // brute-force test the greedy list alone was optimal in 132, with these passes in 148).
  std::vector<std::size_t>& list = out.ranked;
  double value = evaluate(list);
  const auto try_list = [&](const std::vector<std::size_t>& candidate) {
    const double v = evaluate(candidate);
    if (v >= value - equal_expectation) return false;
    value = v;
    list = candidate;
    return true;
  };
  const auto fits = [&](std::size_t person, std::size_t at) {
    if (std::find(list.begin(), list.end(), person) != list.end()) return false;
    if (!options.households || pool.household(person).empty()) return true;
    for (const auto member : panel) {
      if (pool.household(member) == pool.household(person)) return false;
    }
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (j != at && pool.household(list[j]) == pool.household(person)) return false;
    }
    return true;
  };
  for (std::size_t pass = 0; pass < improvement_passes; ++pass) {
    bool improved = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        auto candidate = list;
        std::swap(candidate[i], candidate[j]);
        improved = try_list(candidate) || improved;
      }
    }
    for (std::size_t at = 0; at < list.size(); ++at) {
      for (const auto& position : contenders) {
        for (const auto person : position) {
          if (!fits(person, at)) continue;
          auto candidate = list;
          candidate[at] = person;
          improved = try_list(candidate) || improved;
        }
      }
    }
    if (!improved) break;
  }
  out.expected_violations_with = value;
  return out;
}

std::vector<double> serving_probabilities(const Pool& pool, const std::vector<GroupSpec>& groups,
                                          const SelectionResult& result, std::size_t group,
                                          const AlternatesOptions& options, std::size_t draws) {
  if (group >= groups.size() || group >= result.panels.size()) {
    throw InvalidInput("group: index " + std::to_string(group) + " is not one of the " + std::to_string(groups.size()) +
                       " groups");
  }
  if (draws == 0) throw InvalidInput("draws: must be at least 1");
  const std::vector<double> dropout = dropout_probabilities(pool, options);
  std::vector<double> serving(pool.size(), 0.0);
  for (std::size_t d = 0; d < draws; ++d) {
    const std::uint64_t seed = options.seed + d;
    const auto panel = draw_groups(result, seed)[group];
    AlternatesOptions per_draw = options;
    per_draw.seed = seed;
    const auto alternates = choose_alternates(pool, groups[group], panel, per_draw);
    // Who drops out, or is not there when called: the same hashed draws as nothing else uses (stream 7).
    std::vector<std::size_t> dropped;
    std::vector<std::size_t> unavailable;
    for (const auto person : panel) {
      if (hashed_uniform(seed ^ 0x5e7f1ceULL, 7, person) < dropout[person]) dropped.push_back(person);
    }
    for (const auto person : alternates.ranked) {
      if (hashed_uniform(seed ^ 0x5e7f1ceULL, 7, person) < dropout[person]) unavailable.push_back(person);
    }
    for (const auto person : replace_dropouts(pool, groups[group], panel, alternates.ranked, dropped, unavailable)) {
      serving[person] += 1.0;
    }
  }
  for (auto& v : serving) v /= static_cast<double>(draws);
  return serving;
}

}  // namespace servicedesign::selection
