#include "instance.hpp"

#include <CbcModel.hpp>
#include <CoinError.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>


namespace servicedesign::selection::detail {

namespace {
constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
}

Instance::Instance(const Pool& pool_, const std::vector<GroupSpec>& groups, const SelectionOptions& options)
    : pool(pool_) {
  if (groups.empty()) throw InvalidInput("select needs at least one group");
  const Quotas& pool_quotas = pool.quotas();
  std::set<std::string> names;
  for (const auto& g : groups) {
    if (g.size == 0) throw InvalidInput("group '" + g.name + "': size must be at least 1");
    if (!names.insert(g.name).second) throw InvalidInput("two groups are named '" + g.name + "'");
    group_names.push_back(g.name);
    sizes.push_back(g.size);
  }

  // Who may be chosen.
  std::vector<bool> eligible_flag(pool.size(), true);
  for (const auto& id : options.excluded) eligible_flag[pool.index_of(id)] = false;
  std::set<std::string> forced_households;
  for (const auto& id : options.already_selected) {
    const std::size_t person = pool.index_of(id);
    if (std::find(forced.begin(), forced.end(), person) != forced.end()) throw InvalidInput("'" + id + "' is listed twice as already selected");
    forced.push_back(person);
    eligible_flag[person] = false;
    if (options.households && !pool.household(person).empty()) forced_households.insert(pool.household(person));
  }
  if (forced.size() > sizes[0]) {
    throw InvalidInput(std::to_string(forced.size()) + " people are already selected but group '" + group_names[0] +
                       "' has only " + std::to_string(sizes[0]) + " seats");
  }
  sizes[0] -= forced.size();
  std::map<std::string, std::size_t> household_members;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (!eligible_flag[i]) continue;
    if (options.households && forced_households.count(pool.household(i))) {
      eligible_flag[i] = false;  // shares a household with someone already selected
      continue;
    }
    if (options.households && !pool.household(i).empty()) ++household_members[pool.household(i)];
  }

  // Types: identical values on every feature; people in a shared household stay on their own.
  const std::size_t features = pool_quotas.features().size();
  std::map<std::vector<std::size_t>, std::size_t> type_index;
  std::map<std::string, std::vector<std::size_t>> household_types;
  type_of.assign(pool.size(), npos);
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (!eligible_flag[i]) continue;
    ++eligible;
    const bool shared = options.households && !pool.household(i).empty() && household_members[pool.household(i)] > 1;
    if (shared) {
      type_of[i] = types.size();
      household_types[pool.household(i)].push_back(types.size());
      types.push_back({i});
      continue;
    }
    std::vector<std::size_t> key(features);
    for (std::size_t f = 0; f < features; ++f) key[f] = pool.value(i, f);
    auto [it, inserted] = type_index.emplace(key, types.size());
    if (inserted) types.emplace_back();
    types[it->second].push_back(i);
    type_of[i] = it->second;
  }
  for (auto& [key, ts] : household_types) households.push_back(std::move(ts));

  // Quota rows per group, against the pool's features and values.
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const auto& feature : groups[g].quotas.features()) {
      const auto pf = pool_quotas.find_feature(feature.feature);
      if (!pf) {
        throw InvalidInput("group '" + groups[g].name + "': feature '" + feature.feature + "' is not a feature of the pool");
      }
      for (const auto& v : feature.values) {
        const auto pv = pool_quotas.find_value(*pf, v.value);
        if (!pv) {
          throw InvalidInput("group '" + groups[g].name + "': value '" + v.value + "' of feature '" + feature.feature +
                             "' is not a value of the pool");
        }
        QuotaRow row{g, feature.feature, v.value, {}, v.min, v.max, v.min_flex, v.max_flex, v.min, v.max};
        for (std::size_t t = 0; t < types.size(); ++t) {
          if (pool.value(types[t][0], *pf) == *pv) row.types.push_back(t);
        }
        if (g == 0) {
          std::size_t already = 0;
          for (std::size_t person : forced) already += pool.value(person, *pf) == *pv ? 1 : 0;
          if (already > row.max) {
            throw InfeasibleQuotas("the people already selected include " + std::to_string(already) + " with " +
                                       feature.feature + "=" + v.value + ", above its max " + std::to_string(row.max),
                                   {{group_names[g], feature.feature, v.value, "max", row.max, already}});
          }
          row.min = row.min > already ? row.min - already : 0;
          row.max -= already;
          row.min_flex = row.min_flex > already ? row.min_flex - already : 0;
          row.max_flex = row.max_flex == npos ? npos : row.max_flex - std::min(row.max_flex, already);
        }
        quota_rows.push_back(std::move(row));
      }
    }
  }
}

double Instance::share(const Composition& c, std::size_t t) const {
  std::uint32_t chosen = 0;
  for (std::size_t g = 0; g < sizes.size(); ++g) chosen += c[g * types.size() + t];
  return static_cast<double>(chosen) / static_cast<double>(types[t].size());
}

void Instance::check_counts() const {
  const std::size_t total = [&] {
    std::size_t s = 0;
    for (auto size : sizes) s += size;
    return s;
  }();
  if (eligible < total) throw_infeasible(*this, "the pool has " + std::to_string(eligible) + " eligible people for " + std::to_string(total) + " seats");
  // Each shared household contributes at most one person; everyone else counts once.
  std::size_t in_households = 0;
  for (const auto& h : households) in_households += h.size();
  const std::size_t units = households.size() + eligible - in_households;
  if (units < total) {
    throw_infeasible(*this, "with at most one person per household only " + std::to_string(units) + " can be chosen for " +
                                std::to_string(total) + " seats");
  }
  // Per group and feature: the mins must fit in the group, and the maxes must fill it when every value is bounded.
  std::map<std::pair<std::size_t, std::string>, std::pair<std::size_t, std::size_t>> sums;
  std::map<std::pair<std::size_t, std::string>, std::size_t> covered;
  for (const auto& row : quota_rows) {
    auto& [lo, hi] = sums[{row.group, row.feature}];
    lo += row.min;
    hi += row.max;
    std::size_t people = 0;
    for (auto t : row.types) people += types[t].size();
    covered[{row.group, row.feature}] += people;
    if (people < row.min) {
      throw_infeasible(*this, "group '" + group_names[row.group] + "' needs at least " + std::to_string(row.original_min) +
                                  " with " + row.feature + "=" + row.value + " but the pool has " +
                                  std::to_string(people + (row.original_min - row.min)) + " eligible");
    }
  }
  for (const auto& [key, bounds] : sums) {
    const auto& [group, feature] = key;
    if (bounds.first > sizes[group]) {
      throw_infeasible(*this, "group '" + group_names[group] + "': the mins of " + feature + " add up to " +
                                  std::to_string(bounds.first) + ", more than the " + std::to_string(sizes[group]) + " seats");
    }
    if (covered[key] == eligible && bounds.second < sizes[group]) {
      throw_infeasible(*this, "group '" + group_names[group] + "': the maxes of " + feature + " add up to " +
                                  std::to_string(bounds.second) + ", fewer than the " + std::to_string(sizes[group]) + " seats");
    }
  }
}

namespace {

// Adds x_{g,t} columns and every structural row; quota rows get slack columns when `slack` is set.
// Returns, for the relaxation, the slack column of each quota row's min and max (or -1).
std::vector<std::pair<int, int>> build(const Instance& in, IlpBuilder& b, bool slack) {
  const std::size_t T = in.type_count();
  for (std::size_t g = 0; g < in.group_count(); ++g) {
    for (std::size_t t = 0; t < T; ++t) {
      b.add_column(0.0, static_cast<double>(std::min(in.types[t].size(), in.sizes[g])), 0.0);
    }
  }
  std::vector<std::pair<int, int>> slacks;
  const auto col = [&](std::size_t g, std::size_t t) { return static_cast<int>(g * T + t); };
  for (const auto& row : in.quota_rows) {
    std::vector<int> cols;
    for (auto t : row.types) cols.push_back(col(row.group, t));
    int lo_slack = -1;
    int hi_slack = -1;
    if (slack) {
      const double lo_room = static_cast<double>(row.min - std::min(row.min, row.min_flex));
      const double hi_room = static_cast<double>(std::min(row.max_flex, in.sizes[row.group] + row.max) - row.max);
      lo_slack = static_cast<int>(b.add_column(0.0, lo_room, 1.0));
      hi_slack = static_cast<int>(b.add_column(0.0, hi_room, 1.0));
    }
    slacks.emplace_back(lo_slack, hi_slack);
    // min: Σx + s_lo ≥ min ; max: Σx − s_hi ≤ max
    auto lo_cols = cols;
    std::vector<double> lo_coef(cols.size(), 1.0);
    if (slack) {
      lo_cols.push_back(lo_slack);
      lo_coef.push_back(1.0);
    }
    b.add_row(lo_cols, lo_coef, static_cast<double>(row.min), COIN_DBL_MAX);
    auto hi_cols = cols;
    std::vector<double> hi_coef(cols.size(), 1.0);
    if (slack) {
      hi_cols.push_back(hi_slack);
      hi_coef.push_back(-1.0);
    }
    b.add_row(hi_cols, hi_coef, -COIN_DBL_MAX, static_cast<double>(row.max));
  }
  for (std::size_t g = 0; g < in.group_count(); ++g) {
    std::vector<int> cols;
    for (std::size_t t = 0; t < T; ++t) cols.push_back(col(g, t));
    const auto size = static_cast<double>(in.sizes[g]);
    b.add_row(cols, std::vector<double>(cols.size(), 1.0), size, size);
  }
  if (in.group_count() > 1) {
    for (std::size_t t = 0; t < T; ++t) {
      std::vector<int> cols;
      for (std::size_t g = 0; g < in.group_count(); ++g) cols.push_back(col(g, t));
      b.add_row(cols, std::vector<double>(cols.size(), 1.0), 0.0, static_cast<double>(in.types[t].size()));
    }
  }
  for (const auto& household : in.households) {
    std::vector<int> cols;
    for (std::size_t g = 0; g < in.group_count(); ++g) {
      for (auto t : household) cols.push_back(col(g, t));
    }
    b.add_row(cols, std::vector<double>(cols.size(), 1.0), 0.0, 1.0);
  }
  return slacks;
}

}  // namespace

std::size_t IlpBuilder::add_column(double lb, double ub, double cost) {
  col_lb.push_back(lb);
  col_ub.push_back(ub);
  obj.push_back(cost);
  return col_lb.size() - 1;
}

void IlpBuilder::add_row(const std::vector<int>& cols, const std::vector<double>& coefs, double lb, double ub) {
  row_cols.push_back(cols);
  row_coefs.push_back(coefs);
  row_lb.push_back(lb);
  row_ub.push_back(ub);
}

std::unique_ptr<OsiClpSolverInterface> make_solver(const IlpBuilder& b, std::size_t integer_columns) {
  auto solver = std::make_unique<OsiClpSolverInterface>();
  solver->messageHandler()->setLogLevel(0);
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, static_cast<int>(b.col_lb.size()));
  for (std::size_t r = 0; r < b.row_lb.size(); ++r) {
    matrix.appendRow(static_cast<int>(b.row_cols[r].size()), b.row_cols[r].data(), b.row_coefs[r].data());
  }
  solver->loadProblem(matrix, b.col_lb.data(), b.col_ub.data(), b.obj.data(), b.row_lb.data(), b.row_ub.data());
  for (std::size_t c = 0; c < integer_columns; ++c) solver->setInteger(static_cast<int>(c));
  return solver;
}

// Runs CBC on a copy of `solver`; returns the column values, or nothing when infeasible.
std::optional<std::vector<double>> solve_mip(const OsiClpSolverInterface& solver, bool any_solution) try {
  CbcModel model(solver);
  if (any_solution) {
    model.setMaximumSolutions(1);
    model.setNumberStrong(0);
    model.setNumberBeforeTrust(0);  // no strong branching to initialise pseudo-costs: any panel will do
  }
  model.setLogLevel(0);
  // CBC prunes solutions less than 1e-5 better than its incumbent by default; pricing needs exact optima.
  model.setDblParam(CbcModel::CbcCutoffIncrement, 1e-10);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  model.branchAndBound();
  if (model.isProvenInfeasible() || model.bestSolution() == nullptr) return std::nullopt;
  const double* x = model.bestSolution();
  return std::vector<double>(x, x + model.getNumCols());
} catch (const CoinError& e) {
  // COIN-OR reports internal failures by throwing CoinError: the caller gets a servicedesign error.
  throw Error("internal error: the COIN-OR CBC solver failed (" + e.className() + "::" + e.methodName() + ": " +
              e.message() + "); please report this with the input");
}

namespace {

// Pricing weights as CBC should see them: finite, scaled so the largest is 1 (the best panel does not
// change), and those below 1e-13 of it set to 0 (a weight 1e-300 next to 1 only feeds rounding noise
// into CBC's cuts and cutoffs).
std::vector<double> pricing_weights(const std::vector<double>& weights) {
  double largest = 0.0;
  for (const double w : weights) {
    if (!std::isfinite(w)) throw Error("internal error: a pricing weight is not finite; please report this with the input");
    largest = std::max(largest, std::abs(w));
  }
  std::vector<double> out(weights.size(), 0.0);
  if (largest == 0.0) return out;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double w = weights[i] / largest;
    out[i] = std::abs(w) < 1e-13 ? 0.0 : w;
  }
  return out;
}

}  // namespace

PricingIlp::PricingIlp(const Instance& instance) : instance_(instance) {
  build(instance, model_, false);
  solver_ = make_solver(model_, instance.columns());
  solver_->setObjSense(-1.0);  // maximise
  // CBC solves many small LPs per call (the walk: one call per panel, ~15 nodes each); without this each
  // of them sets CLP up and factorises from scratch, which was most of LEXIMIN's time on 2,000-person pools.
  solver_->setupForRepeatedUse(1, 0);
}

PricingIlp::~PricingIlp() = default;

std::optional<Composition> PricingIlp::best(const std::vector<double>& raw_weights) {
  const std::vector<double> weights = pricing_weights(raw_weights);
  const std::size_t T = instance_.type_count();
  for (std::size_t g = 0; g < instance_.group_count(); ++g) {
    for (std::size_t t = 0; t < T; ++t) solver_->setObjCoeff(static_cast<int>(g * T + t), weights[t]);
  }
  return solve();
}

std::optional<Composition> PricingIlp::best_within(const std::vector<double>& raw_weights, const Bounds& bounds) {
  const std::vector<double> column_weights = pricing_weights(raw_weights);
  solver_->setObjective(column_weights.data());
  solver_->setColLower(bounds.col_lb.data());
  solver_->setColUpper(bounds.col_ub.data());
  for (std::size_t r = 0; r < bounds.row_lb.size(); ++r) solver_->setRowBounds(static_cast<int>(r), bounds.row_lb[r], bounds.row_ub[r]);
  auto panel = solve(true);
  solver_->setColLower(model_.col_lb.data());
  solver_->setColUpper(model_.col_ub.data());
  for (std::size_t r = 0; r < model_.row_lb.size(); ++r) solver_->setRowBounds(static_cast<int>(r), model_.row_lb[r], model_.row_ub[r]);
  return panel;
}

std::optional<Composition> PricingIlp::solve(bool any_solution) {
  const auto x = solve_mip(*solver_, any_solution);
  if (!x) return std::nullopt;
  Composition c(instance_.columns());
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = static_cast<std::uint32_t>(std::lround((*x)[i]));
  return c;
}

void report(const SelectionOptions& options, std::string_view stage, std::size_t panels, std::size_t settled,
            std::size_t people, double bound) {
  if (options.progress && !options.progress(Progress{stage, panels, settled, people, bound})) {
    throw Interrupted("selection cancelled during " + std::string(stage));
  }
}

void throw_infeasible(const Instance& instance, const std::string& reason) {
  IlpBuilder builder;
  const auto slacks = build(instance, builder, true);
  auto solver = make_solver(builder, instance.columns());
  solver->setObjSense(1.0);  // minimise the total relaxation
  const auto x = solve_mip(*solver, false);
  if (!x) {
    throw InfeasibleQuotas("the quotas cannot be met: " + reason + "; relaxing the quotas (as far as their flex bounds allow) cannot fix this", {});
  }
  std::vector<Relaxation> relaxations;
  std::string list;
  for (std::size_t r = 0; r < instance.quota_rows.size(); ++r) {
    const auto& row = instance.quota_rows[r];
    const auto lo = static_cast<std::size_t>(std::lround((*x)[static_cast<std::size_t>(slacks[r].first)]));
    const auto hi = static_cast<std::size_t>(std::lround((*x)[static_cast<std::size_t>(slacks[r].second)]));
    const std::string& group = instance.group_names[row.group];
    if (lo > 0) relaxations.push_back({group, row.feature, row.value, "min", row.original_min, row.original_min - lo});
    if (hi > 0) relaxations.push_back({group, row.feature, row.value, "max", row.original_max, row.original_max + hi});
  }
  for (const auto& r : relaxations) {
    list += "\n  - " + (instance.group_names.size() > 1 ? "group '" + r.group + "': " : std::string()) + r.feature + "=" +
            r.value + ": " + r.bound + " " + std::to_string(r.from) + " -> " + std::to_string(r.to);
  }
  throw InfeasibleQuotas("the quotas cannot be met: " + reason + ". Smallest relaxation:" + list, std::move(relaxations));
}

}  // namespace servicedesign::selection::detail
