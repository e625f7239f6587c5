#include "servicedesign/selection/select.hpp"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "instance.hpp"
#include "relaxation.hpp"
#include "servicedesign/selection/verify.hpp"
#include "../core/text.hpp"

namespace servicedesign::selection {

using detail::Composition;
using detail::Instance;
using detail::PricingIlp;
using detail::Random;
using detail::report;

std::string_view to_string(Algorithm algorithm) noexcept {
  switch (algorithm) {
    case Algorithm::legacy: return "legacy";
    case Algorithm::maximin: return "maximin";
    case Algorithm::nash: return "nash";
    case Algorithm::leximin: return "leximin";
  }
  return "unknown";
}

Algorithm algorithm_from_string(std::string_view key) {
  const std::string k = servicedesign::detail::fold(key);
  for (auto a : {Algorithm::legacy, Algorithm::maximin, Algorithm::nash, Algorithm::leximin}) {
    if (to_string(a) == k) return a;
  }
  throw InvalidInput("unknown algorithm '" + std::string(key) + "'; accepted: legacy, maximin, nash, leximin");
}

namespace {

// Distinct panels found so far, by composition.
class PanelSet {
 public:
  bool add(Composition c) {
    if (!seen_.insert(c).second) return false;
    panels_.push_back(std::move(c));
    return true;
  }
  [[nodiscard]] const std::vector<Composition>& panels() const { return panels_; }

 private:
  std::set<Composition> seen_;
  std::vector<Composition> panels_;
};

// Seed columns: panels that favour different types, so that the first LP is not degenerate.
void seed_panels(const Instance& in, PricingIlp& ilp, PanelSet& panels, std::uint64_t seed) {
  Random random(seed ^ 0x5eedULL);
  const std::size_t count = std::min<std::size_t>(in.type_count(), 12);
  for (std::size_t k = 0; k < count; ++k) {
    std::vector<double> w(in.type_count());
    for (auto& x : w) x = random.uniform();
    if (auto c = ilp.best(w)) panels.add(std::move(*c));
  }
}

// The master LP of the column generation, in primal form and kept warm from round to round:
//   max z  s.t.  Σ_P share_t(P) q_P − z ≥ 0   for each type t not yet settled,
//               Σ_P share_t(P) q_P     ≥ f_t for each type settled at level f_t,
//               Σ_P q_P = 1,  q ≥ 0.
// A new panel is a new column, so the last basis stays primal feasible and primal simplex resumes
// from it; settling a type changes one row, which the current solution still satisfies. (Solving the
// dual with one row per panel, as the textbook does, made CLP restart its degenerate pivots every round.)
class MasterLp {
 public:
  MasterLp(const Instance& in, double cap) : in_(in), T_(in.type_count()), capped_(cap < 1.0) {
    lp_.setLogLevel(0);
    lp_.setOptimizationDirection(1.0);  // minimise −z
    // Columns: z first, then (with a cap) the stand-in below, then the panels. Rows: one per type, the
    // convexity row, and (with a cap) one row Σ share q ≤ cap per type.
    const std::size_t row_count = capped_ ? 2 * T_ + 1 : T_ + 1;
    std::vector<double> row_lb(row_count, 0.0), row_ub(row_count, COIN_DBL_MAX);
    row_lb[T_] = row_ub[T_] = 1.0;
    for (std::size_t r = T_ + 1; r < row_count; ++r) {
      row_lb[r] = -COIN_DBL_MAX;
      row_ub[r] = cap;
    }
    CoinPackedMatrix empty(true, 0, 0);
    empty.setDimensions(static_cast<int>(row_count), 0);
    lp_.loadProblem(empty, nullptr, nullptr, nullptr, row_lb.data(), row_ub.data());
    std::vector<int> rows(T_);
    std::iota(rows.begin(), rows.end(), 0);
    const std::vector<double> minus(T_, -1.0);
    lp_.addColumn(static_cast<int>(T_), rows.data(), minus.data(), -COIN_DBL_MAX, COIN_DBL_MAX, -1.0);
    if (capped_) {
      // The first panels may break the cap between them, so the LP starts from a costly stand-in that gives
      // every type the capped probability (big M: it costs more than any level it could raise, z ≤ 1);
      // pricing replaces it with real panels, and if it cannot, no lottery keeps to the cap.
      std::vector<int> all(2 * T_ + 1);
      std::iota(all.begin(), all.end(), 0);
      std::vector<double> coefs(2 * T_ + 1, cap);
      coefs[T_] = 1.0;
      lp_.addColumn(static_cast<int>(all.size()), all.data(), coefs.data(), 0.0, COIN_DBL_MAX, stand_in_cost);
    }
  }

  void add_panel(const Composition& c) {
    std::vector<int> rows;
    std::vector<double> coefs;
    for (std::size_t t = 0; t < T_; ++t) {
      const double s = in_.share(c, t);
      if (s > 0) {
        rows.push_back(static_cast<int>(t));
        coefs.push_back(s);
      }
    }
    rows.push_back(static_cast<int>(T_));
    coefs.push_back(1.0);
    if (capped_) {
      for (std::size_t t = 0; t < T_; ++t) {
        if (const double share = in_.share(c, t); share > 0) {
          rows.push_back(static_cast<int>(T_ + 1 + t));
          coefs.push_back(share);
        }
      }
    }
    lp_.addColumn(static_cast<int>(rows.size()), rows.data(), coefs.data(), 0.0, COIN_DBL_MAX, 0.0);
  }

  // Type t no longer takes part in z: its row becomes Σ share q ≥ level. The bound is the probability the
  // current solution gives t when that is a little lower (CLP accepts rows violated by up to 1e-7), so
  // the current solution stays feasible and errors cannot pile up from level to level.
  void settle(std::size_t t, double level) {
    const double probability = lp_.primalRowSolution()[t] + lp_.primalColumnSolution()[0];
    lp_.modifyCoefficient(static_cast<int>(t), 0, 0.0);
    lp_.setRowLower(static_cast<int>(t), std::max(0.0, std::min(level, probability)));
  }

  void solve_from_slacks() {
    lp_.allSlackBasis(true);
    solve();
  }

  void solve() {
    lp_.primal(0);
    // A warm start can end in an ill-conditioned basis whose duals are meaningless (seen: 5e19 on a
    // 500-person pool, where CBC then finds no panel): start again from slacks.
    if (!lp_.isProvenOptimal() || !sane_duals()) {
      lp_.allSlackBasis(true);
      lp_.primal(0);
    }
    if (!lp_.isProvenOptimal()) {
      throw Error("internal error: the LEXIMIN master LP failed (status " + std::to_string(lp_.status()) + ")");
    }
  }

  // Simplex pivots of the last solve: a deterministic measure of what an LP round costs.
  [[nodiscard]] std::size_t last_pivots() const { return static_cast<std::size_t>(std::max(0, lp_.numberIterations())); }
  // The lottery once every type is settled: any distribution over the panels meeting every floor.
  std::vector<double> lottery() {
    lp_.setObjectiveCoefficient(0, 0.0);
    lp_.setColumnBounds(0, 0.0, 0.0);
    solve();
    const double* x = lp_.primalColumnSolution();
    const std::size_t first = capped_ ? 2 : 1;
    std::vector<double> q(x + first, x + lp_.numberColumns());
    for (auto& v : q) v = v < 1e-12 ? 0.0 : v;
    const double total = std::accumulate(q.begin(), q.end(), 0.0);
    for (auto& v : q) v /= total;
    return q;
  }
  [[nodiscard]] bool sane_duals() const {
    const double* d = lp_.dualRowSolution();
    return std::all_of(d, d + T_ + 1, [](double v) { return std::isfinite(v) && std::abs(v) < 1e6; });
  }
  [[nodiscard]] double level() const { return lp_.primalColumnSolution()[0]; }
  // After the first level: a stand-in still in the lottery means no real lottery keeps to the cap.
  void retire_stand_in() {
    if (!capped_) return;
    if (lp_.primalColumnSolution()[1] > 1e-9) {
      throw InvalidInput("max_probability: no lottery of real panels keeps everyone at or below the cap under "
                         "these quotas; raise the cap");
    }
    lp_.setColumnBounds(1, 0.0, 0.0);
  }
  // Dual price of each type's row (≥ 0) and of a panel's membership in the lottery (ŷ).
  [[nodiscard]] double type_price(std::size_t t) const { return std::max(0.0, lp_.dualRowSolution()[t]); }
  [[nodiscard]] double panel_price() const { return -lp_.dualRowSolution()[T_]; }
  // Dual price of the cap on type t's probability (≤ 0; 0 without a cap).
  [[nodiscard]] double cap_price(std::size_t t) const {
    return capped_ ? std::min(0.0, lp_.dualRowSolution()[T_ + 1 + t]) : 0.0;
  }

 private:
  // Cost of the stand-in column per unit of weight: more than any level (at most 1) it could buy.
  static constexpr double stand_in_cost = 4.0;
  const Instance& in_;
  std::size_t T_;
  bool capped_;
  ClpSimplex lp_;
};

// Extra pricing ILPs per round of column generation: one per this many pivots of the last LP solve
// (a pricing ILP costs about as much as that many pivots), at most max_extra_columns.
constexpr std::size_t pivots_per_extra_column = 16;
constexpr std::size_t max_extra_columns = 9;
// A pricing panel already in the master may price out by this much (rounding in the master's duals).
constexpr double duplicate_tolerance = 1e-7;

// LEXIMIN (or maximin when `levels_once`) by column generation, Flanigan et al. 2021: the level z of the
// least-served unsettled types is raised until no panel prices out; types with a positive dual price
// cannot rise above it (complementary slackness) and are settled there; repeat with the rest.
std::vector<double> leximin(const Instance& in, PricingIlp& ilp, PanelSet& panels, const SelectionOptions& options,
                            bool levels_once, std::size_t& iterations, double& first_level_out) {
  const std::size_t T = in.type_count();
  std::vector<bool> fixed(T, false);
  std::size_t settled_people = 0;
  const double tol = options.tolerance;
  MasterLp master(in, options.max_probability);
  for (const auto& c : panels.panels()) master.add_panel(c);

  std::vector<double> y(T);
  std::vector<double> u(T, 0.0);  // prices of the caps (≤ 0)
  std::vector<double> weights(T);
  const auto value = [&](const Composition& c) {
    double v = 0.0;
    for (std::size_t t = 0; t < T; ++t) v += (y[t] + u[t]) * in.share(c, t);
    return v;
  };
  bool first_level = true;
  while (std::find(fixed.begin(), fixed.end(), false) != fixed.end()) {
    double level = 0.0;
    bool resolved = false;  // the master was just solved again from slacks
    while (true) {
      if (++iterations > options.max_iterations) throw Error("selection did not converge within max_iterations pricing rounds");
      if (!resolved) master.solve();
      level = master.level();
      for (std::size_t t = 0; t < T; ++t) {
        y[t] = master.type_price(t);
        u[t] = master.cap_price(t);
        weights[t] = (y[t] + u[t]) / static_cast<double>(in.types[t].size());
      }
      const double y_hat = master.panel_price();
      report(options, levels_once ? "maximin" : "leximin", panels.panels().size(), settled_people, in.eligible, level);
      auto best = ilp.best(weights);
      if (!best) throw Error("internal error: the pricing ILP found no panel; please report this with the input");
      const double best_value = value(*best);
      if (best_value <= y_hat + tol) break;  // no panel improves: the level is optimal
      if (!panels.add(*best)) {
        // The best panel is in the master already, so the master's duals are off (an ill-conditioned
        // basis): solve it again from slacks. The level is provably within best_value − ŷ of the optimum,
        // so a tiny excess is accepted; a larger one is an error rather than a wrong answer.
        if (!resolved) {
          resolved = true;
          master.solve_from_slacks();
          continue;
        }
        if (best_value <= y_hat + duplicate_tolerance) break;
        throw Error("internal error: the LEXIMIN master LP's prices do not converge (gap " +
                    std::to_string(best_value - y_hat) + "); please report this with the input");
      }
      resolved = false;
      master.add_panel(*best);
      // More columns per round where an LP solve costs more than pricing ILPs (many pivots per solve,
      // typical for pools where everyone is a type of their own): damp the weights of the types in the
      // last panel found and price again (as sortition-algorithms does), keeping panels that still
      // improve by a good fraction of the best. Pivot counts, unlike timings, keep runs reproducible.
      const double wanted = y_hat + 0.3 * (best_value - y_hat);
      const std::size_t extras = std::min(max_extra_columns, master.last_pivots() / pivots_per_extra_column);
      Composition last = *best;
      for (std::size_t extra = 0; extra < extras; ++extra) {
        for (std::size_t i = 0; i < last.size(); ++i) {
          if (last[i] > 0) weights[i % T] *= 0.8;
        }
        auto next = ilp.best(weights);
        if (!next) throw Error("internal error: the pricing ILP found no panel; please report this with the input");
        if (value(*next) > wanted && panels.add(*next)) master.add_panel(*next);
        last = std::move(*next);
      }
    }
    // With a cap, the first level's optimum is free of the stand-in when real panels can keep to the cap
    // (it gains at most its weight in z, at four times that cost); from then on it is no longer needed,
    // and it must go: relaxing later floors could be worth more than its cost.
    if (first_level) {
      master.retire_stand_in();
      first_level_out = level;
    }
    first_level = false;
    // Types with positive dual price cannot rise above this level: settle them.
    level = std::max(0.0, level);
    std::size_t newly = 0;
    std::size_t heaviest = T;
    for (std::size_t t = 0; t < T; ++t) {
      if (fixed[t]) continue;
      if (heaviest == T || y[t] > y[heaviest]) heaviest = t;
      if (levels_once || y[t] > 1e-7) {
        fixed[t] = true;
        settled_people += in.types[t].size();
        master.settle(t, level);
        ++newly;
      }
    }
    if (newly == 0) {  // numerically tiny duals: the largest one is still positive in exact arithmetic
      fixed[heaviest] = true;
      settled_people += in.types[heaviest].size();
      master.settle(heaviest, level);
    }
  }
  report(options, "final lottery", panels.panels().size(), settled_people, in.eligible, 0.0);
  return master.lottery();
}

// Types whose probability is within this of the lowest count as the lowest level when polishing it.
constexpr double lowest_band = 1e-7;
// How far polishing may move any other type's probability (well below its distance from the lowest level):
// the first, and the second when the first does not reach the known lowest level (seen once in 2,000
// stress instances: the walk's panels reached it only by moving another type 1e-7).
constexpr std::array<double, 2> polish_rooms = {5e-8, 5e-7};
// Close enough to the route's level to stop: the relaxation finds its level at CLP's tolerance (1e-10 in
// counts), and real panels reach it only to about 1e-10 (seen 9e-11 on the 2,000-person bench pools).
constexpr double polish_enough = 5e-10;

// The lowest probability of a lottery is what users compare between algorithms, but it is found to LP
// tolerances: the walk stops up to 1e-8 of the lottery's mass short of its target, and column
// generation's floors may sit up to CLP's tolerance low. One LP over the lottery's own panels raises the
// lowest level to the best these panels allow (the exact maximin when they hold a maximin lottery,
// which both routes guarantee), moving nobody else by more than polish_room either way (otherwise the LP
// is free to shift mass among the higher levels). Keeps `q` if it fails.
std::pair<std::vector<double>, double> polish_lowest_within(const Instance& in, const std::vector<Composition>& panels,
                                                           std::vector<double> q, double cap, double polish_room) {
  const std::size_t T = in.type_count();
  const std::size_t K = panels.size();
  std::vector<double> p(T, 0.0);
  std::vector<std::vector<std::pair<std::size_t, double>>> shares(K);
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t t = 0; t < T; ++t) {
      if (const double share = in.share(panels[k], t); share > 0) {
        shares[k].emplace_back(t, share);
        p[t] += q[k] * share;
      }
    }
  }
  double lowest = 1.0;
  for (const double v : p) lowest = v > 0 ? std::min(lowest, v) : lowest;
  // Rows, in counts (integer coefficients keep the LP exact where shares 1/|t| would round): per type
  // Σ_k count·w_k − [t lowest]·|t|·z ≥ 0 (the lowest level) or within |t|·(p_t ± polish_room); then Σ_k w_k = 1.
  const auto in_lowest = [&](std::size_t t) { return p[t] > 0 && p[t] <= lowest + lowest_band; };
  // With a cap, the lowest level's types get one more row each, Σ_k count·w_k ≤ |t|·cap.
  std::vector<int> cap_row(T, -1);
  std::size_t row_count = T + 1;
  for (std::size_t t = 0; t < T; ++t) {
    if (cap < 1.0 && in_lowest(t)) cap_row[t] = static_cast<int>(row_count++);
  }
  CoinPackedMatrix matrix(true, 0, 0);  // column-ordered
  matrix.setDimensions(static_cast<int>(row_count), 0);
  std::vector<double> row_lb(row_count, -COIN_DBL_MAX), row_ub(row_count, COIN_DBL_MAX);
  for (std::size_t t = 0; t < T; ++t) {
    const auto size = static_cast<double>(in.types[t].size());
    row_lb[t] = 0.0;
    if (!in_lowest(t)) {
      // Never down into the lowest level's band: the level rises by about the walk's error (1e-8) at most.
      row_lb[t] = size * std::max({0.0, p[t] - polish_room, lowest + lowest_band / 2});
      row_ub[t] = size * std::min(cap, p[t] + polish_room);
    } else if (cap_row[t] >= 0) {
      row_ub[static_cast<std::size_t>(cap_row[t])] = size * cap;
    }
  }
  row_lb[T] = row_ub[T] = 1.0;
  for (std::size_t k = 0; k < K; ++k) {
    std::vector<int> rows;
    std::vector<double> coefs;
    for (const auto& [t, share] : shares[k]) {
      rows.push_back(static_cast<int>(t));
      coefs.push_back(std::round(share * static_cast<double>(in.types[t].size())));
    }
    rows.push_back(static_cast<int>(T));
    coefs.push_back(1.0);
    for (const auto& [t, share] : shares[k]) {
      if (cap_row[t] >= 0) {
        rows.push_back(cap_row[t]);
        coefs.push_back(std::round(share * static_cast<double>(in.types[t].size())));
      }
    }
    matrix.appendCol(static_cast<int>(rows.size()), rows.data(), coefs.data());
  }
  {
    std::vector<int> rows;
    std::vector<double> coefs;
    for (std::size_t t = 0; t < T; ++t) {
      if (in_lowest(t)) {
        rows.push_back(static_cast<int>(t));
        coefs.push_back(-static_cast<double>(in.types[t].size()));
      }
    }
    matrix.appendCol(static_cast<int>(rows.size()), rows.data(), coefs.data());
  }
  std::vector<double> col_lb(K + 1, 0.0), col_ub(K + 1, 1.0), cost(K + 1, 0.0);
  cost[K] = -1.0;  // minimise −z
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, col_lb.data(), col_ub.data(), cost.data(), row_lb.data(), row_ub.data());
  // Tolerances far below CLP's 1e-7 and no scaling: the answer is compared to the last digits.
  // The dual simplex first (from slacks every floor is violated; it was 2-3x faster than the primal on
  // the bench pools), then the primal with tolerances far below CLP's 1e-7 and without scaling: at 1e-12
  // the lowest probability still came out 1e-12 low, which users compare to the last digits.
  lp.scaling(0);
  lp.dual();
  lp.setPrimalTolerance(1e-14);
  lp.setDualTolerance(1e-12);
  lp.primal(1);
  if (!lp.isProvenOptimal()) return {std::move(q), lowest};
  std::vector<double> polished(lp.primalColumnSolution(), lp.primalColumnSolution() + K);
  for (auto& v : polished) v = std::max(0.0, v);
  const double total = std::accumulate(polished.begin(), polished.end(), 0.0);
  for (auto& v : polished) v /= total;
  std::vector<double> after(T, 0.0);
  for (std::size_t k = 0; k < K; ++k) {
    for (const auto& [t, share] : shares[k]) after[t] += polished[k] * share;
  }
  double raised = 1.0;
  for (std::size_t t = 0; t < T; ++t) raised = p[t] > 0 ? std::min(raised, after[t]) : raised;
  if (raised >= lowest) return {std::move(polished), raised};
  return {std::move(q), lowest};
}

// Polishes with the smallest room that reaches `target` (the lowest level the route found), else keeps the
// best it got.
std::vector<double> polish_lowest(const Instance& in, const std::vector<Composition>& panels, std::vector<double> q,
                                  double cap, double target) {
  double best = -1.0;
  for (const double room : polish_rooms) {
    auto [polished, raised] = polish_lowest_within(in, panels, q, cap, room);
    if (raised > best) {
      best = raised;
      q = std::move(polished);
    }
    if (best >= target - polish_enough) break;
  }
  return q;
}

// Nash stops when the geometric mean of the probabilities is provably within a factor e^this of the best.
constexpr double nash_tolerance = 1e-3;
// Corrective (EM) passes over the known panels after each Frank-Wolfe step: each costs O(panels · k), far
// less than the pricing ILP that a Frank-Wolfe step needs, so many of them per step pay (chosen by hand on the
// bench's hard pools, where 5 and 20 were slower).
constexpr int nash_corrections = 60;

// Nash welfare: maximise Σ_people log p by Frank-Wolfe over the panels, pricing with weights 1/p_t.
std::vector<double> nash(const Instance& in, PricingIlp& ilp, PanelSet& panels, std::vector<double> q,
                         const SelectionOptions& options, std::size_t& iterations, double& gap_out) {
  const std::size_t T = in.type_count();
  // Make sure every type that can be selected at all appears in some panel.
  for (std::size_t t = 0; t < T; ++t) {
    const bool present = std::any_of(panels.panels().begin(), panels.panels().end(),
                                     [&](const Composition& c) { return in.share(c, t) > 0; });
    if (present) continue;
    std::vector<double> w(T, 0.0);
    w[t] = 1.0;
    if (auto c = ilp.best(w); c && in.share(*c, t) > 0 && panels.add(std::move(*c))) q.push_back(0.0);
  }
  // Panels added to cover a type get a small share, so that every probability starts positive.
  if (std::find(q.begin(), q.end(), 0.0) != q.end()) {
    const double start = 1.0 / static_cast<double>(q.size());
    for (auto& v : q) v = 0.95 * v + 0.05 * start;
  }
  // Each panel as the types it selects and their shares: a panel holds at most k of the T types, so the
  // corrective updates below cost O(panels · k) instead of O(panels · T).
  std::vector<std::vector<std::pair<std::size_t, double>>> selects;
  const auto describe = [&](const Composition& c) {
    std::vector<std::pair<std::size_t, double>> shares;
    for (std::size_t t = 0; t < T; ++t) {
      if (const double share = in.share(c, t); share > 0) shares.emplace_back(t, share);
    }
    return shares;
  };
  for (const auto& c : panels.panels()) selects.push_back(describe(c));
  const auto marginals = [&] {
    std::vector<double> p(T, 0.0);
    for (std::size_t k = 0; k < q.size(); ++k) {
      for (const auto& [t, share] : selects[k]) p[t] += q[k] * share;
    }
    return p;
  };
  std::vector<double> p = marginals();
  std::vector<bool> active(T);
  std::vector<double> size(T);
  double people = 0;
  for (std::size_t t = 0; t < T; ++t) {
    active[t] = p[t] > 0;
    size[t] = active[t] ? static_cast<double>(in.types[t].size()) : 0.0;
    people += size[t];
  }
  for (std::size_t round = 0; round < std::min<std::size_t>(options.max_iterations, 500); ++round) {
    ++iterations;
    std::vector<double> w(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) w[t] = active[t] ? 1.0 / p[t] : 0.0;
    auto best = ilp.best(w);
    std::vector<double> s(T);
    double gap = -people;
    for (std::size_t t = 0; t < T; ++t) {
      s[t] = in.share(*best, t);
      if (active[t]) gap += size[t] * s[t] / p[t];
    }
    report(options, "nash", panels.panels().size(), 0, in.eligible, gap);
    // Frank-Wolfe's gap bounds how far Σ log p is below its maximum (the objective is concave), and later
    // steps only raise it: per person, the Nash welfare is within a factor e^gap of the best.
    gap_out = std::max(0.0, gap) / people;
    if (gap <= nash_tolerance * people) break;
    // Exact line search on the concave objective along p -> (1-γ)p + γs.
    const auto slope = [&](double g) {
      double d = 0;
      for (std::size_t t = 0; t < T; ++t) {
        if (active[t]) d += size[t] * (s[t] - p[t]) / ((1 - g) * p[t] + g * s[t]);
      }
      return d;
    };
    double lo = 0.0;
    double hi = 1.0;
    if (slope(1.0 - 1e-12) > 0) {
      lo = hi = 1.0 - 1e-12;
    } else {
      for (int k = 0; k < 60; ++k) {
        const double mid = 0.5 * (lo + hi);
        (slope(mid) > 0 ? lo : hi) = mid;
      }
    }
    const double gamma = 0.5 * (lo + hi);
    for (auto& v : q) v *= 1 - gamma;
    if (panels.add(*best)) {
      q.push_back(gamma);
      selects.push_back(describe(*best));
    } else {
      const auto at = std::find(panels.panels().begin(), panels.panels().end(), *best) - panels.panels().begin();
      q[static_cast<std::size_t>(at)] += gamma;
    }
    for (std::size_t t = 0; t < T; ++t) p[t] = (1 - gamma) * p[t] + gamma * s[t];
    // Fully corrective part: multiplicative (EM) updates of the weights of the known panels, which raise
    // the objective monotonically and keep Σq = 1; cheap next to a pricing ILP, so many per round.
    for (int em = 0; em < nash_corrections; ++em) {
      for (std::size_t k = 0; k < q.size(); ++k) {
        if (q[k] <= 0) continue;
        double gain = 0.0;
        for (const auto& [t, share] : selects[k]) gain += size[t] * share / p[t];
        q[k] *= gain / people;
      }
      p = marginals();
    }
  }
  const double total = std::accumulate(q.begin(), q.end(), 0.0);
  for (auto& v : q) v = v / total < 1e-12 ? 0.0 : v / total;
  return q;
}

// The greedy draw used before fair algorithms (as in sortition-algorithms' legacy): repeatedly pick the
// value whose min is hardest to reach and a random person with it; people whose value is full drop out.
std::optional<std::vector<std::size_t>> legacy_draw(const Instance& in, Random& random) {
  const auto& pool = in.pool;
  std::vector<std::size_t> remaining;
  for (const auto& type : in.types) remaining.insert(remaining.end(), type.begin(), type.end());
  std::sort(remaining.begin(), remaining.end());
  std::vector<std::size_t> chosen;
  std::vector<std::size_t> count(in.quota_rows.size(), 0);
  const auto has = [&](std::size_t person, const detail::QuotaRow& row) {
    const std::size_t t = in.type_of[person];
    return std::binary_search(row.types.begin(), row.types.end(), t);
  };
  while (chosen.size() < in.sizes[0]) {
    if (remaining.empty()) return std::nullopt;
    // The value with the largest (still needed) / (still available) ratio.
    double best_ratio = -1;
    std::size_t best_row = in.quota_rows.size();
    for (std::size_t r = 0; r < in.quota_rows.size(); ++r) {
      const auto& row = in.quota_rows[r];
      if (count[r] >= row.min) continue;
      const auto available = static_cast<double>(std::count_if(remaining.begin(), remaining.end(), [&](std::size_t p) { return has(p, row); }));
      if (available == 0) return std::nullopt;
      const double ratio = static_cast<double>(row.min - count[r]) / available;
      if (ratio > best_ratio) {
        best_ratio = ratio;
        best_row = r;
      }
    }
    std::vector<std::size_t> candidates;
    for (auto p : remaining) {
      if (best_row == in.quota_rows.size() || has(p, in.quota_rows[best_row])) candidates.push_back(p);
    }
    const std::size_t person = candidates[random.below(candidates.size())];
    chosen.push_back(person);
    for (std::size_t r = 0; r < in.quota_rows.size(); ++r) count[r] += has(person, in.quota_rows[r]) ? 1 : 0;
    const std::string& household = pool.household(person);
    std::erase_if(remaining, [&](std::size_t p) {
      if (p == person) return true;
      // Shared households exist only when the household rule is on: then the rest of this one drop out.
      if (!household.empty() && !in.households.empty() && pool.household(p) == household) return true;
      for (std::size_t r = 0; r < in.quota_rows.size(); ++r) {
        if (count[r] >= in.quota_rows[r].max && has(p, in.quota_rows[r])) return true;
      }
      return false;
    });
  }
  for (std::size_t r = 0; r < in.quota_rows.size(); ++r) {
    if (count[r] < in.quota_rows[r].min) return std::nullopt;
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::vector<std::size_t> legacy_panel(const Instance& in, std::uint64_t seed) {
  Random random(seed);
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (auto panel = legacy_draw(in, random)) return *panel;
  }
  throw Infeasible("the legacy greedy draw failed 100 times in a row; the quotas are too tight for it (try leximin)");
}

}  // namespace

void check_feasibility(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionOptions& options) {
  const Instance in(pool, groups, options);
  in.check_counts();
  PricingIlp ilp(in);
  if (!ilp.best(std::vector<double>(in.type_count(), 0.0))) throw_infeasible(in, "no panel satisfies every quota");
}

std::vector<std::vector<std::size_t>> draw(const Lottery& lottery, std::uint64_t seed) {
  if (lottery.compositions.empty()) throw InvalidInput("the lottery is empty");
  Random random(seed);
  const double u = random.uniform();
  std::size_t chosen = lottery.compositions.size() - 1;
  double cumulative = 0.0;
  for (std::size_t c = 0; c < lottery.compositions.size(); ++c) {
    cumulative += lottery.probabilities[c];
    if (u < cumulative) {
      chosen = c;
      break;
    }
  }
  const auto& comp = lottery.compositions[chosen];
  const std::size_t T = lottery.types.size();
  std::vector<std::vector<std::size_t>> groups(lottery.groups);
  for (std::size_t t = 0; t < T; ++t) {
    std::vector<std::size_t> members = lottery.types[t];
    random.shuffle(members);
    std::size_t next = 0;
    for (std::size_t g = 0; g < lottery.groups; ++g) {
      for (std::uint32_t k = 0; k < comp[g * T + t]; ++k) groups[g].push_back(members[next++]);
    }
  }
  for (auto& g : groups) std::sort(g.begin(), g.end());
  return groups;
}

namespace {

// A cap on the probabilities must leave room for the seats: at least seats / eligible people (k/n).
void check_cap(const Instance& in, const SelectionOptions& options) {
  const double cap = options.max_probability;
  if (!(cap > 0.0 && cap <= 1.0)) {
    throw InvalidInput("max_probability: " + std::to_string(cap) + " is not a probability in (0, 1]");
  }
  if (cap == 1.0) return;
  if (options.algorithm != Algorithm::leximin && options.algorithm != Algorithm::maximin) {
    throw InvalidInput("max_probability: a cap applies to leximin and maximin, not " + std::string(to_string(options.algorithm)));
  }
  const double seats = static_cast<double>(std::accumulate(in.sizes.begin(), in.sizes.end(), std::size_t{0}));
  const double fair = in.eligible == 0 ? 1.0 : seats / static_cast<double>(in.eligible);
  if (cap < fair * (1 - 1e-12)) {
    throw InvalidInput("max_probability: " + std::to_string(cap) + " is below k/n = " + std::to_string(fair) + " (" +
                       std::to_string(static_cast<std::size_t>(seats)) + " seats among " + std::to_string(in.eligible) +
                       " eligible people): the seats cannot be shared out with nobody above it");
  }
}

}  // namespace

SelectionResult select(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionOptions& options) {
  const Instance in(pool, groups, options);
  check_cap(in, options);
  report(options, "checking quotas", 0, 0, in.eligible, 0.0);
  in.check_counts();
  PricingIlp ilp(in);
  if (!ilp.best(std::vector<double>(in.type_count(), 0.0))) throw_infeasible(in, "no panel satisfies every quota");

  SelectionResult result;
  result.algorithm = options.algorithm;
  result.seed = options.seed;
  result.group_names = in.group_names;
  const std::size_t G = in.group_count();
  const std::size_t T = in.type_count();
  result.group_probabilities.assign(G, std::vector<double>(pool.size(), 0.0));
  result.probabilities.assign(pool.size(), 0.0);

  if (options.algorithm == Algorithm::legacy) {
    if (G != 1) throw InvalidInput("the legacy algorithm selects one group at a time");
    std::vector<double> counts(pool.size(), 0.0);
    for (std::size_t r = 0; r < options.legacy_repetitions; ++r) {
      if (r % 50 == 0) report(options, "legacy", r, 0, in.eligible, 0.0);
      for (auto p : legacy_panel(in, options.seed + r)) counts[p] += 1.0;
    }
    for (std::size_t i = 0; i < pool.size(); ++i) {
      result.probabilities[i] = options.legacy_repetitions ? counts[i] / static_cast<double>(options.legacy_repetitions) : 0.0;
    }
    result.panels = {legacy_panel(in, options.seed)};
    result.method = "greedy";
  } else {
    PanelSet panels;
    std::vector<double> q;
    // LEXIMIN of the relaxation, realised by panels, is also a maximin lottery (its lowest level is the
    // relaxation's maximin, an upper bound for every lottery), and a good start for Nash: its panels
    // already give everyone a chance. Maximin and LEXIMIN then report the same lottery.
    bool realised = false;
    double lowest_level = 0.0;  // the best lowest probability the route found, for the polish
    if (options.relaxation) {
      const auto relaxed = detail::relaxed_leximin(in, ilp.model(), options);
      lowest_level = relaxed.lowest;
      auto walk = detail::decompose(in, ilp, relaxed, options);
      result.iterations = relaxed.levels + walk.panels.size();
      if (walk.complete) {
        realised = true;
        for (auto& panel : walk.panels) panels.add(std::move(panel));
        q = std::move(walk.weights);
      }
      // Otherwise column generation from scratch. (Seeding it with the walk's panels, many nearly
      // alike, made its master LP numerically fragile.)
    }
    if (options.algorithm == Algorithm::nash) {
      result.method = "frank-wolfe";
      if (!realised) {
        seed_panels(in, ilp, panels, options.seed);
        q.assign(panels.panels().size(), 1.0 / static_cast<double>(panels.panels().size()));
      }
      q = nash(in, ilp, panels, std::move(q), options, result.iterations, result.optimality_gap);
    } else if (realised) {
      result.method = "relaxation";
      report(options, "final lottery", panels.panels().size(), in.eligible, in.eligible, 0.0);
      q = polish_lowest(in, panels.panels(), std::move(q), options.max_probability, lowest_level);
    } else {
      result.method = "column generation";
      seed_panels(in, ilp, panels, options.seed);
      q = leximin(in, ilp, panels, options, options.algorithm == Algorithm::maximin, result.iterations, lowest_level);
      q = polish_lowest(in, panels.panels(), std::move(q), options.max_probability, lowest_level);
    }
    result.lottery.groups = G;
    result.lottery.types = in.types;
    for (std::size_t k = 0; k < q.size(); ++k) {
      if (q[k] <= 0) continue;
      result.lottery.compositions.push_back(panels.panels()[k]);
      result.lottery.probabilities.push_back(q[k]);
    }
    for (std::size_t c = 0; c < result.lottery.compositions.size(); ++c) {
      const auto& comp = result.lottery.compositions[c];
      for (std::size_t g = 0; g < G; ++g) {
        for (std::size_t t = 0; t < T; ++t) {
          const double share = result.lottery.probabilities[c] * comp[g * T + t] / static_cast<double>(in.types[t].size());
          for (auto person : in.types[t]) result.group_probabilities[g][person] += share;
        }
      }
    }
    for (std::size_t g = 0; g < G; ++g) {
      for (std::size_t i = 0; i < pool.size(); ++i) result.probabilities[i] += result.group_probabilities[g][i];
    }
  }
  // People already selected serve with certainty in the first group.
  result.already_selected.assign(in.forced.begin(), in.forced.end());
  for (auto person : in.forced) {
    result.probabilities[person] = 1.0;
    result.group_probabilities[0][person] = 1.0;
  }
  if (options.algorithm == Algorithm::legacy) {
    for (auto person : in.forced) result.panels[0].push_back(person);
    std::sort(result.panels[0].begin(), result.panels[0].end());
  } else {
    result.panels = draw_groups(result, options.seed);
  }
  result.min_probability = 1.0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (in.type_of[i] != std::numeric_limits<std::size_t>::max()) result.min_probability = std::min(result.min_probability, result.probabilities[i]);
  }
  return result;
}

UniformLottery uniform_lottery(const SelectionResult& result, std::size_t m, std::uint64_t seed) {
  const Lottery& lottery = result.lottery;
  if (lottery.compositions.empty()) throw InvalidInput("uniform_lottery needs a lottery (not available for legacy)");
  if (m == 0) throw InvalidInput("uniform_lottery: m must be at least 1");
  Random random(seed);
  const std::size_t C = lottery.compositions.size();
  const std::size_t T = lottery.types.size();
  // How often each composition appears: floor(m·q) or one more, chosen by a small ILP (CBC) that
  // minimises the largest deviation of any type's expected share from the exact lottery.
  std::vector<std::size_t> base(C);
  std::size_t assigned = 0;
  for (std::size_t c = 0; c < C; ++c) {
    base[c] = static_cast<std::size_t>(std::floor(lottery.probabilities[c] * static_cast<double>(m)));
    assigned += base[c];
  }
  const std::size_t extra = m > assigned ? m - assigned : 0;
  std::vector<double> share(C * T, 0.0);  // share[c*T+t]: fraction of type t selected by composition c
  for (std::size_t c = 0; c < C; ++c) {
    for (std::size_t t = 0; t < T; ++t) {
      std::uint32_t chosen = 0;
      for (std::size_t g = 0; g < lottery.groups; ++g) chosen += lottery.compositions[c][g * T + t];
      share[c * T + t] = static_cast<double>(chosen) / static_cast<double>(lottery.types[t].size());
    }
  }
  // Starting point: the extra copies by largest remainder.
  std::vector<std::size_t> counts = base;
  {
    std::vector<std::size_t> order(C);
    std::iota(order.begin(), order.end(), 0);
    const auto remainder = [&](std::size_t c) {
      return lottery.probabilities[c] * static_cast<double>(m) - static_cast<double>(base[c]);
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder(a) > remainder(b); });
    for (std::size_t k = 0; k < extra; ++k) ++counts[order[k]];
  }
  const auto type_deviation = [&](const std::vector<std::size_t>& n) {
    double worst = 0.0;
    for (std::size_t t = 0; t < T; ++t) {
      double got = 0.0;
      double want = 0.0;
      for (std::size_t c = 0; c < C; ++c) {
        got += static_cast<double>(n[c]) * share[c * T + t];
        want += static_cast<double>(m) * lottery.probabilities[c] * share[c * T + t];
      }
      worst = std::max(worst, std::abs(got - want));
    }
    return worst;
  };
  // Improve it by local search: move one extra copy from composition a to composition b while that
  // lowers the largest deviation of any type (deterministic, O(C²·T) per pass).
  std::vector<double> got(T, 0.0);
  std::vector<double> want(T, 0.0);
  for (std::size_t t = 0; t < T; ++t) {
    for (std::size_t c = 0; c < C; ++c) {
      got[t] += static_cast<double>(counts[c]) * share[c * T + t];
      want[t] += static_cast<double>(m) * lottery.probabilities[c] * share[c * T + t];
    }
  }
  for (int pass = 0; pass < 1000; ++pass) {
    double best = type_deviation(counts);
    std::size_t from = C;
    std::size_t to = C;
    for (std::size_t x = 0; x < C; ++x) {
      if (counts[x] <= base[x]) continue;  // only extra copies move, so every count stays floor or ceil
      for (std::size_t y = 0; y < C; ++y) {
        if (y == x || counts[y] > base[y]) continue;
        double worst = 0.0;
        for (std::size_t t = 0; t < T && worst < best; ++t) {
          worst = std::max(worst, std::abs(got[t] - share[x * T + t] + share[y * T + t] - want[t]));
        }
        if (worst < best - 1e-12) {
          best = worst;
          from = x;
          to = y;
        }
      }
    }
    if (from == C) break;
    --counts[from];
    ++counts[to];
    for (std::size_t t = 0; t < T; ++t) got[t] += share[to * T + t] - share[from * T + t];
  }
  std::vector<std::size_t> picks;
  for (std::size_t c = 0; c < C; ++c) picks.insert(picks.end(), counts[c], c);
  random.shuffle(picks);
  // Members: each type's people in a seeded random cycle, handed out in turn across the panels.
  std::vector<std::vector<std::size_t>> cycle = lottery.types;
  for (auto& members : cycle) random.shuffle(members);
  std::vector<std::size_t> cursor(T, 0);
  UniformLottery out;
  std::vector<double> count(result.probabilities.size(), 0.0);
  // People already selected are in the drawn first group but in no type: they belong to every panel.
  std::vector<std::size_t> forced;
  if (!result.panels.empty()) {
    std::set<std::size_t> typed;
    for (const auto& members : lottery.types) typed.insert(members.begin(), members.end());
    for (auto person : result.panels[0]) {
      if (!typed.count(person)) forced.push_back(person);
    }
  }
  for (std::size_t pick : picks) {
    const auto& comp = lottery.compositions[pick];
    std::vector<std::vector<std::size_t>> groups(lottery.groups);
    groups[0] = forced;
    for (auto person : forced) count[person] += 1.0;
    for (std::size_t t = 0; t < T; ++t) {
      for (std::size_t g = 0; g < lottery.groups; ++g) {
        for (std::uint32_t k = 0; k < comp[g * T + t]; ++k) {
          const std::size_t person = cycle[t][cursor[t]++ % cycle[t].size()];
          groups[g].push_back(person);
          count[person] += 1.0;
        }
      }
    }
    for (auto& g : groups) std::sort(g.begin(), g.end());
    out.panels.push_back(std::move(groups));
  }
  for (const auto& members : lottery.types) {
    for (auto person : members) {
      out.max_deviation = std::max(out.max_deviation, std::abs(count[person] / static_cast<double>(m) - result.probabilities[person]));
    }
  }
  return out;
}

}  // namespace servicedesign::selection
