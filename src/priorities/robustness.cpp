#include "servicedesign/priorities/robustness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "../core/random.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::priorities {

namespace {

std::size_t common_size(const std::vector<Ranking>& rankings, const char* what) {
  if (rankings.empty()) throw InvalidInput(std::string(what) + ": no rankings to combine");
  const std::size_t n = rankings.front().size();
  for (std::size_t k = 0; k < rankings.size(); ++k) {
    validate_ranking(rankings[k], n, std::string(what) + ": ranking " + std::to_string(k + 1));
  }
  return n;
}

struct PairCounts {
  double concordant = 0, discordant = 0, tied_a = 0, tied_b = 0, tied_both = 0, pairs = 0;
};

PairCounts count_pairs(const Ranking& a, const Ranking& b, const char* what) {
  const std::size_t n = a.size();
  validate_ranking(a, n, std::string(what) + ": first ranking");
  validate_ranking(b, n, std::string(what) + ": second ranking");
  const std::vector<std::size_t> ra = a.ranks(), rb = b.ranks();
  PairCounts c;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      c.pairs += 1;
      const bool ta = ra[i] == ra[j], tb = rb[i] == rb[j];
      if (ta && tb) {
        c.tied_both += 1;
      } else if (ta) {
        c.tied_a += 1;
      } else if (tb) {
        c.tied_b += 1;
      } else if ((ra[i] < ra[j]) == (rb[i] < rb[j])) {
        c.concordant += 1;
      } else {
        c.discordant += 1;
      }
    }
  }
  return c;
}

// Normalised Kendall distance: opposite pairs count 1, pairs tied in one ranking only ½.
double kendall_distance(const Ranking& a, const Ranking& b) {
  const PairCounts c = count_pairs(a, b, "kendall_distance");
  return c.pairs > 0 ? (c.discordant + 0.5 * (c.tied_a + c.tied_b)) / c.pairs : 0.0;
}

bool same_winner(const Ranking& a, const Ranking& b) {
  if (a.groups.empty() || b.groups.empty()) return a.groups.empty() == b.groups.empty();
  return a.groups.front() == b.groups.front();
}

constexpr std::uint64_t saturated = std::uint64_t{1} << 63;

}  // namespace

Consensus borda(const std::vector<Ranking>& rankings) {
  const std::size_t n = common_size(rankings, "borda");
  Consensus out;
  out.scores.assign(n, 0.0);
  for (const Ranking& ranking : rankings) {
    std::size_t below = n;
    for (const auto& group : ranking.groups) {
      below -= group.size();
      for (const std::size_t need : group) {
        out.scores[need] += static_cast<double>(below) + 0.5 * static_cast<double>(group.size() - 1);
      }
    }
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

KemenyResult kemeny(const std::vector<Ranking>& rankings) {
  const std::size_t n = common_size(rankings, "kemeny");
  if (n > kemeny_max_needs) {
    throw InvalidInput("kemeny: " + std::to_string(n) + " needs; the exact Kemeny ranking is computed for at most " +
                       std::to_string(kemeny_max_needs) + " (use borda for more)");
  }
  // before[x][y]: the cost of putting x before y, i.e. the rankings that put y first plus ½ for each tie.
  std::vector<std::vector<double>> before(n, std::vector<double>(n, 0.0));
  for (const Ranking& ranking : rankings) {
    const std::vector<std::size_t> rank = ranking.ranks();
    for (std::size_t x = 0; x < n; ++x) {
      for (std::size_t y = 0; y < n; ++y) {
        if (x == y) continue;
        if (rank[y] < rank[x]) before[x][y] += 1.0;
        if (rank[y] == rank[x]) before[x][y] += 0.5;
      }
    }
  }
  // best[R]: least cost of ordering the needs in R, when they are the last |R| of the order; all costs
  // are multiples of ½, so comparing them exactly is safe.
  const std::size_t subsets = std::size_t{1} << n;
  std::vector<double> best(subsets, 0.0);
  std::vector<std::uint64_t> ways(subsets, 0);
  ways[0] = 1;
  const auto lead_cost = [&](std::size_t x, std::size_t rest) {
    double cost = 0.0;
    for (std::size_t y = 0; y < n; ++y) {
      if ((rest >> y) & 1U) cost += before[x][y];
    }
    return cost;
  };
  for (std::size_t set = 1; set < subsets; ++set) {
    double least = std::numeric_limits<double>::infinity();
    std::uint64_t count = 0;
    for (std::size_t x = 0; x < n; ++x) {
      if (((set >> x) & 1U) == 0) continue;
      const std::size_t rest = set & ~(std::size_t{1} << x);
      const double cost = lead_cost(x, rest) + best[rest];
      if (cost < least) {
        least = cost;
        count = ways[rest];
      } else if (cost == least) {
        count = std::min(saturated, count + ways[rest]);
      }
    }
    best[set] = least;
    ways[set] = count;
  }
  KemenyResult out;
  out.distance = best[subsets - 1];
  out.optimal_orders = ways[subsets - 1];
  std::size_t remaining = subsets - 1;
  while (remaining != 0) {
    for (std::size_t x = 0; x < n; ++x) {
      if (((remaining >> x) & 1U) == 0) continue;
      const std::size_t rest = remaining & ~(std::size_t{1} << x);
      if (lead_cost(x, rest) + best[rest] == best[remaining]) {
        out.order.push_back(x);
        remaining = rest;
        break;
      }
    }
  }
  for (const std::size_t need : out.order) out.ranking.groups.push_back({need});
  return out;
}

double kendall_tau(const Ranking& a, const Ranking& b) {
  const PairCounts c = count_pairs(a, b, "kendall_tau");
  return c.pairs > 0 ? (c.concordant - c.discordant) / c.pairs : std::numeric_limits<double>::quiet_NaN();
}

double kendall_tau_b(const Ranking& a, const Ranking& b) {
  const PairCounts c = count_pairs(a, b, "kendall_tau_b");
  const double untied_a = c.pairs - c.tied_a - c.tied_both, untied_b = c.pairs - c.tied_b - c.tied_both;
  if (untied_a <= 0 || untied_b <= 0) return std::numeric_limits<double>::quiet_NaN();
  return (c.concordant - c.discordant) / std::sqrt(untied_a * untied_b);
}

std::vector<std::vector<double>> agreement_matrix(const std::vector<Ranking>& rankings) {
  const std::size_t k = rankings.size();
  std::vector<std::vector<double>> out(k, std::vector<double>(k, 1.0));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = i + 1; j < k; ++j) out[i][j] = out[j][i] = kendall_tau_b(rankings[i], rankings[j]);
  }
  return out;
}

Sensitivity weight_sensitivity(const CriteriaMatrix& criteria, const SensitivityOptions& options) {
  validate_criteria(criteria);
  const std::size_t n = criteria.values.size(), m = criteria.names.size();
  if (m == 0) throw InvalidInput("weight_sensitivity: there are no criteria to weigh");
  if (options.samples == 0) throw InvalidInput("weight_sensitivity: samples must be at least 1");
  for (const std::size_t k : options.tops) {
    if (k == 0) throw InvalidInput("weight_sensitivity: a top k must be at least 1");
  }
  Sensitivity out;
  out.tops = options.tops;
  out.samples = options.samples;
  out.top_probability.assign(n, std::vector<double>(options.tops.size(), 0.0));
  out.mean_rank.assign(n, 0.0);
  detail::Random random(options.seed);
  std::vector<double> weights(m), scores(n);
  for (std::size_t s = 0; s < options.samples; ++s) {
    // Dirichlet(1, …, 1) = normalised standard exponentials: uniform on the simplex.
    double total = 0.0;
    do {
      total = 0.0;
      for (double& w : weights) {
        w = -std::log(1.0 - random.uniform());  // 1 − u lies in (0, 1]
        total += w;
      }
    } while (total <= 0.0);
    for (double& w : weights) w /= total;
    for (std::size_t i = 0; i < n; ++i) {
      double score = 0.0;
      for (std::size_t c = 0; c < m; ++c) score += weights[c] * criteria.values[i][c];
      scores[i] = score;
    }
    const std::vector<std::size_t> ranks = rank_by_score(scores).ranks();
    for (std::size_t i = 0; i < n; ++i) {
      out.mean_rank[i] += static_cast<double>(ranks[i]);
      for (std::size_t j = 0; j < options.tops.size(); ++j) {
        if (ranks[i] <= options.tops[j]) out.top_probability[i][j] += 1.0;
      }
    }
  }
  const auto samples = static_cast<double>(options.samples);
  for (std::size_t i = 0; i < n; ++i) {
    out.mean_rank[i] /= samples;
    for (double& p : out.top_probability[i]) p /= samples;
  }
  return out;
}

BlocCheck bloc_check(std::size_t needs, const std::vector<Ballot>& ballots, const DotVotingRules& rules,
                     const std::map<std::string, double>& population_shares) {
  for (const auto& [segment, share] : population_shares) {
    if (!(share > 0.0 && share < 1.0)) {
      std::ostringstream message;
      message << "bloc_check: population share of segment '" << segment << "' is " << share << "; shares must lie in (0, 1)";
      throw InvalidInput(message.str());
    }
  }
  BlocCheck out;
  out.full = dot_voting(needs, ballots, rules);
  const auto total_voters = static_cast<double>(out.full.voters);
  for (const auto& [segment, voters] : out.full.voters_by_segment) {
    BlocInfluence b;
    b.segment = segment;
    b.voters = voters;
    b.vote_share = static_cast<double>(voters) / total_voters;
    b.without = dot_voting(needs, ballots, rules, {{segment, 0.0}}).ranking;
    b.tau_without = kendall_tau_b(out.full.ranking, b.without);
    b.winner_changes_without = !same_winner(out.full.ranking, b.without);
    b.influence = kendall_distance(out.full.ranking, b.without);
    b.reweighted = out.full.ranking;
    const auto share = population_shares.find(segment);
    if (share != population_shares.end()) {
      b.population_share = share->second;
      if (voters < out.full.voters) {
        // Weight w with w·v / (w·v + (V − v)) = p: the segment's share of the weight becomes its share of the population.
        const double v = static_cast<double>(voters);
        const double weight = share->second * (total_voters - v) / ((1.0 - share->second) * v);
        b.reweighted = dot_voting(needs, ballots, rules, {{segment, weight}}).ranking;
      }
    }
    b.tau_reweighted = kendall_tau_b(out.full.ranking, b.reweighted);
    b.winner_changes_reweighted = !same_winner(out.full.ranking, b.reweighted);
    if (b.winner_changes_without) out.pivotal_segments.push_back(segment);
    if (b.winner_changes_reweighted) out.decisive_segments.push_back(segment);
    out.segments.push_back(std::move(b));
  }
  return out;
}

}  // namespace servicedesign::priorities
