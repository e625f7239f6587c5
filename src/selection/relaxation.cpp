#include "relaxation.hpp"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace servicedesign::selection::detail {

namespace {

constexpr double infinite = 1e30;  // COIN-OR's bounds at ±COIN_DBL_MAX count as none
// A bound whose slack is within this (in counts: rounding, plus relative to the mass left) is tight.
double tight_slack(double mass) { return 1e-11 + 1e-9 * mass; }
// The walk stops when this much of the lottery's mass is left, and has succeeded when at most mass_left is.
constexpr double mass_done = 1e-10;
constexpr double mass_left = 1e-8;
// Floors of types settled above the lowest level sit this far below it (see relaxed_leximin).
constexpr double settle_margin = 1e-8;
// A finished lottery must give every type its relaxed probability within this.
constexpr double probability_tolerance = 1e-7;

bool finite(double bound) { return std::abs(bound) < infinite; }

// Activity of row r of the model at the point x (counts per column).
template <class Point>
double activity_of(const IlpBuilder& model, std::size_t r, const Point& x) {
  double a = 0.0;
  for (std::size_t k = 0; k < model.row_cols[r].size(); ++k) a += model.row_coefs[r][k] * static_cast<double>(x[static_cast<std::size_t>(model.row_cols[r][k])]);
  return a;
}

}  // namespace

RelaxedLeximin relaxed_leximin(const Instance& in, const IlpBuilder& model, const SelectionOptions& options) {
  const std::size_t T = in.type_count();
  const std::size_t G = in.group_count();
  const std::size_t C = model.col_lb.size();
  const std::size_t rows = model.row_lb.size();
  const int z = static_cast<int>(C);

  // Columns: x_{g,t} as in the ILP, then the level z ∈ [0, 1]. Rows: the ILP's, then per type
  // Σ_g x_{g,t} − |t|·z ≥ 0 until the type is settled at its level (in counts: integer coefficients
  // keep the LP exact where 1/|t| would round).
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, static_cast<int>(C + 1));
  for (std::size_t r = 0; r < rows; ++r) {
    matrix.appendRow(static_cast<int>(model.row_cols[r].size()), model.row_cols[r].data(), model.row_coefs[r].data());
  }
  for (std::size_t t = 0; t < T; ++t) {
    std::vector<int> cols;
    std::vector<double> coefs;
    for (std::size_t g = 0; g < G; ++g) {
      cols.push_back(static_cast<int>(g * T + t));
      coefs.push_back(1.0);
    }
    cols.push_back(z);
    coefs.push_back(-static_cast<double>(in.types[t].size()));
    matrix.appendRow(static_cast<int>(cols.size()), cols.data(), coefs.data());
  }
  std::vector<double> col_lb = model.col_lb, col_ub = model.col_ub, cost(C + 1, 0.0);
  col_lb.push_back(0.0);
  col_ub.push_back(1.0);
  cost[C] = -1.0;  // minimise −z
  std::vector<double> row_lb = model.row_lb, row_ub = model.row_ub;
  row_lb.resize(rows + T, 0.0);
  row_ub.resize(rows + T, COIN_DBL_MAX);
  // A cap on everyone's probability: Σ_g x_{g,t} ≤ cap·|t|, one row per type after the level rows.
  const bool capped = options.max_probability < 1.0;
  if (capped) {
    for (std::size_t t = 0; t < T; ++t) {
      std::vector<int> cols;
      for (std::size_t g = 0; g < G; ++g) cols.push_back(static_cast<int>(g * T + t));
      matrix.appendRow(static_cast<int>(cols.size()), cols.data(), std::vector<double>(G, 1.0).data());
      row_lb.push_back(-COIN_DBL_MAX);
      row_ub.push_back(options.max_probability * static_cast<double>(in.types[t].size()));
    }
  }

  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, col_lb.data(), col_ub.data(), cost.data(), row_lb.data(), row_ub.data());
  // Tighter than CLP's default 1e-7: the walk treats the LP's point as lying exactly in the relaxation.
  lp.setPrimalTolerance(1e-10);
  lp.scaling(0);  // coefficients are 1, −1 and 1/|t|: scaling only adds rounding between scaled and unscaled values

  const auto probability = [&](std::size_t t) {
    double chosen = 0.0;
    for (std::size_t g = 0; g < G; ++g) chosen += lp.primalColumnSolution()[g * T + t];
    return chosen / static_cast<double>(in.types[t].size());
  };

  RelaxedLeximin out;
  std::vector<bool> settled(T, false);
  std::vector<std::size_t> newly;  // types settled at the last level
  std::vector<double> floors(T, 0.0);
  std::size_t unsettled = T;
  std::size_t settled_people = 0;
  while (unsettled > 0) {
    // A warm start can end infeasible by a few 1e-10 on a quota row (rounding in a long run of pivots,
    // seen on 2,000-person pools): start again from slacks. If even that fails, the floors just set
    // are too tight for double arithmetic: lower them a little and try again.
    for (double extra = 1e-9;; extra *= 10) {
      lp.primal();
      if (!lp.isProvenOptimal()) {
        lp.allSlackBasis(true);
        lp.primal();
      }
      if (!lp.isProvenOptimal()) {
        // Seen with a cap at exactly the probability some type needs: CLP, at the tight tolerance and
        // unscaled, stops in error or calls it infeasible: from here on, scaled at 1e-9 (the walk checks the
        // lottery against the target within 1e-7, and the polish LP makes the lowest level exact again).
        lp.setPrimalTolerance(1e-9);
        lp.scaling(3);
        lp.allSlackBasis(true);
        lp.primal();
      }
      if (lp.isProvenOptimal()) break;
      if (capped && out.levels == 0 && lp.isProvenPrimalInfeasible()) {
        throw InvalidInput("max_probability " + std::to_string(options.max_probability) +
                           " is too low for these quotas: they need someone to serve more often than that "
                           "(even if panels could hold fractions of people); raise the cap");
      }
      if (extra > 1e-6 || newly.empty()) {
        throw Error("internal error: the LEXIMIN relaxation LP failed (status " + std::to_string(lp.status()) + ")");
      }
      for (auto t : newly) {
        floors[t] = std::max(0.0, floors[t] - extra);
        lp.setRowLower(static_cast<int>(rows + t), floors[t] * static_cast<double>(in.types[t].size()));
      }
    }
    ++out.levels;
    const double level = std::max(0.0, lp.primalColumnSolution()[C]);
    if (out.levels == 1) out.lowest = level;
    report(options, "leximin", 0, settled_people, in.eligible, level);
    // A type with a positive dual price cannot rise above this level in any optimum (complementary
    // slackness): settle it there. The duals sum to 1, so in exact arithmetic one is positive.
    const double* dual = lp.dualRowSolution() + rows;
    newly.clear();
    std::size_t heaviest = T;
    for (std::size_t t = 0; t < T; ++t) {
      if (settled[t]) continue;
      if (heaviest == T || dual[t] > dual[heaviest]) heaviest = t;
      if (dual[t] > 1e-9) newly.push_back(t);
    }
    if (newly.empty()) newly.push_back(heaviest);
    for (auto t : newly) {
      settled[t] = true;
      --unsettled;
      settled_people += in.types[t].size();
      // The floor is the level, or the probability t has now when that is a hair below it (LP tolerance).
      // The lowest level keeps its floor exactly: it is the minimum probability the user sees. Later levels
      // sit settle_margin lower, or the many floors together leave a region too thin for double arithmetic.
      floors[t] = std::max(0.0, std::min(level, probability(t)) - (out.levels == 1 ? 0.0 : settle_margin));
      const int row = static_cast<int>(rows + t);
      lp.modifyCoefficient(row, z, 0.0);
      lp.setRowLower(row, floors[t] * static_cast<double>(in.types[t].size()));
    }
  }
  const double* x = lp.primalColumnSolution();
  out.counts.assign(x, x + C);
  for (std::size_t j = 0; j < C; ++j) out.counts[j] = std::clamp(out.counts[j], model.col_lb[j], model.col_ub[j]);
  out.probability.resize(T);
  for (std::size_t t = 0; t < T; ++t) out.probability[t] = probability(t);
  return out;
}

Decomposition decompose(const Instance& in, PricingIlp& ilp, const RelaxedLeximin& target, const SelectionOptions& options) {
  const IlpBuilder& model = ilp.model();
  const std::size_t T = in.type_count();
  const std::size_t C = model.col_lb.size();
  const std::size_t rows = model.row_lb.size();

  // The walk keeps R = mass · (a point of the relaxation): the part of the target not yet paid out.
  std::vector<double> R = target.counts;
  double mass = 1.0;
  // Ties between equally good panels are broken by a small seeded preference, so the lottery is reproducible.
  Random random(options.seed ^ 0xdec0u);
  std::vector<double> preference(C);
  for (auto& p : preference) p = 1e-3 * random.uniform();

  const double lowest = target.probability.empty() ? 0.0 : *std::min_element(target.probability.begin(), target.probability.end());
  Decomposition out;
  std::map<Composition, std::size_t> index_of;
  Bounds face{model.col_lb, model.col_ub, model.row_lb, model.row_ub};
  // A bound is tight when its slack is within rounding, or when it was pinned: a bound the walk meets
  // exactly from some step on keeps its slack, so pinning one that was a hair away from tight is safe.
  enum Side : std::size_t { col_lb, col_ub, row_lb, row_ub };
  std::array<std::vector<std::uint8_t>, 4> pinned = {std::vector<std::uint8_t>(C), std::vector<std::uint8_t>(C), std::vector<std::uint8_t>(rows), std::vector<std::uint8_t>(rows)};
  auto tight = pinned;
  std::vector<double> activity(rows), weights(C);
  // Each step makes at least one more bound tight, or pins one: the walk ends within that many steps.
  const std::size_t max_steps = 2 * (C + rows) + 16;
  for (std::size_t step = 0; step < max_steps && mass > mass_done; ++step) {
    report(options, "lottery", out.panels.size(), in.eligible, in.eligible, lowest);
    // The smallest face holding R / mass: every bound it meets stays met by the next panel.
    for (std::size_t j = 0; j < C; ++j) {
      tight[col_lb][j] = pinned[col_lb][j] || R[j] - model.col_lb[j] * mass <= tight_slack(mass);
      tight[col_ub][j] = pinned[col_ub][j] || model.col_ub[j] * mass - R[j] <= tight_slack(mass);
      face.col_lb[j] = tight[col_ub][j] ? model.col_ub[j] : model.col_lb[j];
      face.col_ub[j] = tight[col_lb][j] ? model.col_lb[j] : model.col_ub[j];
      const std::size_t t = j % T;
      weights[j] = R[j] / (mass * static_cast<double>(in.types[t].size())) + preference[j];
    }
    for (std::size_t r = 0; r < rows; ++r) {
      const double a = activity[r] = activity_of(model, r, R);
      tight[row_lb][r] = finite(model.row_lb[r]) && (pinned[row_lb][r] || a - model.row_lb[r] * mass <= tight_slack(mass));
      tight[row_ub][r] = finite(model.row_ub[r]) && (pinned[row_ub][r] || model.row_ub[r] * mass - a <= tight_slack(mass));
      face.row_lb[r] = tight[row_ub][r] ? model.row_ub[r] : model.row_lb[r];
      face.row_ub[r] = tight[row_lb][r] ? model.row_lb[r] : model.row_ub[r];
    }
    const auto panel = ilp.best_within(weights, face);
    if (!panel) break;  // this face holds no panel: the target is outside the panels' hull
    // Step along the line from the panel through R / mass until another bound becomes tight:
    // R − λ·x must stay within (mass − λ) times every bound.
    double step_size = mass;
    const double negligible = 1e-9 * mass;
    std::vector<std::pair<Side, std::size_t>> blocking;  // bounds that allow only a negligible step
    const auto limit = [&](Side side, std::size_t index, double value, double bound, double at_panel) {
      if (tight[side][index]) return;
      const bool lower = side == col_lb || side == row_lb;
      const double room = lower ? value - bound * mass : bound * mass - value;
      const double gap = lower ? at_panel - bound : bound - at_panel;
      if (gap <= 0) return;
      step_size = std::min(step_size, room / gap);
      if (room / gap <= negligible) blocking.emplace_back(side, index);
    };
    for (std::size_t j = 0; j < C; ++j) {
      const double x = (*panel)[j];
      limit(col_lb, j, R[j], model.col_lb[j], x);
      limit(col_ub, j, R[j], model.col_ub[j], x);
    }
    for (std::size_t r = 0; r < rows; ++r) {
      const double a = activity_of(model, r, *panel);
      if (finite(model.row_lb[r])) limit(row_lb, r, activity[r], model.row_lb[r], a);
      if (finite(model.row_ub[r])) limit(row_ub, r, activity[r], model.row_ub[r], a);
    }
    if (!blocking.empty()) {  // tight but for rounding: pin them and look for a panel on the smaller face
      for (const auto& [side, index] : blocking) pinned[side][index] = 1;
      continue;
    }
    for (std::size_t j = 0; j < C; ++j) R[j] -= step_size * (*panel)[j];
    mass -= step_size;
    auto [it, inserted] = index_of.emplace(*panel, out.panels.size());
    if (inserted) {
      out.panels.push_back(*panel);
      out.weights.push_back(step_size);
    } else {
      out.weights[it->second] += step_size;
    }
  }
  if (mass > mass_left) return out;
  const double paid = 1.0 - mass;
  for (auto& w : out.weights) w /= paid;
  // The lottery must give every type its relaxed probability (which is LEXIMIN over all lotteries).
  for (std::size_t t = 0; t < T; ++t) {
    double p = 0.0;
    for (std::size_t k = 0; k < out.panels.size(); ++k) p += out.weights[k] * in.share(out.panels[k], t);
    if (std::abs(p - target.probability[t]) > probability_tolerance) return out;
  }
  out.complete = true;
  return out;
}

}  // namespace servicedesign::selection::detail
