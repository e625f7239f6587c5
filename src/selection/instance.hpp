// Internal: a selection problem reduced to types of interchangeable people, and the pricing ILP.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <limits>
#include <vector>

#include "../core/random.hpp"
#include "servicedesign/selection/select.hpp"

class OsiClpSolverInterface;

namespace servicedesign::selection::detail {

// One bound of the ILP that comes from a quota: Σ x over the listed columns within [min, max].
struct QuotaRow {
  std::size_t group;
  std::string feature;
  std::string value;
  std::vector<std::size_t> types;  // types having this value
  std::size_t min, max;            // after removing people already selected
  std::size_t min_flex, max_flex;  // the same shift applied
  std::size_t original_min, original_max;
};

// A composition: counts per (group, type), flattened as g * type_count + t.
using Composition = std::vector<std::uint32_t>;

class Instance {
 public:
  Instance(const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionOptions& options);

  const Pool& pool;
  std::vector<std::string> group_names;
  std::vector<std::size_t> sizes;                   // per group, after forced members
  std::vector<std::vector<std::size_t>> types;      // people of each type
  std::vector<std::size_t> type_of;                 // per person, or npos if not eligible
  std::vector<std::vector<std::size_t>> households; // types that may contribute at most one person together
  std::vector<QuotaRow> quota_rows;
  std::vector<std::size_t> forced;                  // already selected (group 0)
  std::size_t eligible = 0;

  [[nodiscard]] std::size_t type_count() const { return types.size(); }
  [[nodiscard]] std::size_t group_count() const { return sizes.size(); }
  [[nodiscard]] std::size_t columns() const { return types.size() * sizes.size(); }
  // Probability of each type under a composition (people of the type selected / people of the type).
  [[nodiscard]] double share(const Composition& c, std::size_t t) const;

  // Checks counting conditions; throws InfeasibleQuotas with a relaxation when one fails.
  void check_counts() const;
};

// Rows and columns of a MIP in COIN-OR's format, and a CBC run on it.
struct IlpBuilder {
  std::vector<double> col_lb, col_ub, obj;
  std::vector<double> row_lb, row_ub;
  std::vector<std::vector<int>> row_cols;
  std::vector<std::vector<double>> row_coefs;

  std::size_t add_column(double lb, double ub, double cost);
  void add_row(const std::vector<int>& cols, const std::vector<double>& coefs, double lb, double ub);
};

// Bounds on the columns and rows of the pricing ILP that replace its own for one solve.
struct Bounds {
  std::vector<double> col_lb, col_ub, row_lb, row_ub;
};

// The pricing ILP: max Σ w_t Σ_g x_{g,t} over feasible compositions, solved with CBC. Its rows and
// column bounds, read as real numbers, define the relaxation of the set of panels.
class PricingIlp {
 public:
  explicit PricingIlp(const Instance& instance);
  ~PricingIlp();
  PricingIlp(const PricingIlp&) = delete;
  PricingIlp& operator=(const PricingIlp&) = delete;
  // Best composition for type weights `weights` (size type_count), or nothing when no panel exists.
  std::optional<Composition> best(const std::vector<double>& weights);
  // Best composition for column weights (size columns()) within other bounds, or nothing when none exists.
  std::optional<Composition> best_within(const std::vector<double>& column_weights, const Bounds& bounds);
  // The ILP's columns (x_{g,t} at g·T + t), rows and bounds.
  [[nodiscard]] const IlpBuilder& model() const { return model_; }

 private:
  std::optional<Composition> solve(bool any_solution = false);

  const Instance& instance_;
  IlpBuilder model_;
  std::unique_ptr<OsiClpSolverInterface> solver_;
};
// A solver loaded with the builder's problem; the first `integer_columns` columns are integer.
std::unique_ptr<OsiClpSolverInterface> make_solver(const IlpBuilder& builder, std::size_t integer_columns);
// Runs CBC on a copy of `solver`; the column values, or nothing when infeasible.
// Runs CBC on a copy of `solver`: the best solution, or the first one found when `any_solution`.
std::optional<std::vector<double>> solve_mip(const OsiClpSolverInterface& solver, bool any_solution = false);

// Finds the smallest relaxation of the quotas (within flex bounds) and throws InfeasibleQuotas.
[[noreturn]] void throw_infeasible(const Instance& instance, const std::string& reason);

// Calls the progress callback; throws Interrupted when it asks to stop.
void report(const SelectionOptions& options, std::string_view stage, std::size_t panels, std::size_t settled,
            std::size_t people, double bound);

using servicedesign::detail::Random;

}  // namespace servicedesign::selection::detail
