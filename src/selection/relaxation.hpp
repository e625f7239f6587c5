// Internal: LEXIMIN through the relaxation of the set of panels, and panels that realise it.
//
// A lottery's selection probabilities are a convex combination of panels, so they lie in the relaxation
// Q = {x real : the pricing ILP's rows and bounds} (x counts per group and type). The LEXIMIN point of Q,
// found with one small LP per level, is therefore at least as good as any lottery's. When that point is a
// convex combination of panels, the lottery realising it is exactly LEXIMIN-optimal; a walk through the faces
// of Q (Carathéodory's construction, one pricing ILP per step) finds such panels, at most one per dimension.
// When the point lies outside the panels' hull the walk gets stuck, and the caller falls back to column
// generation, seeded with the panels found.
#pragma once

#include <cstdint>
#include <vector>

#include "instance.hpp"

namespace servicedesign::selection::detail {

// The LEXIMIN point of the relaxation.
struct RelaxedLeximin {
  std::vector<double> counts;       // per column g·T + t: expected members of type t in group g
  std::vector<double> probability;  // per type: its probability of serving in some group
  std::size_t levels = 0;           // LP solves
  double lowest = 0.0;              // the first level: the highest minimum probability of any lottery
};

// Raises the lowest probability level by level, as LEXIMIN over lotteries does, but over the relaxation.
RelaxedLeximin relaxed_leximin(const Instance& in, const IlpBuilder& model, const SelectionOptions& options);

// Panels and weights whose weighted mean composition is the target, as far as the walk got.
struct Decomposition {
  std::vector<Composition> panels;
  std::vector<double> weights;  // sum to 1 when complete
  bool complete = false;
};

// Walks from `target` (a point of the relaxation, counts per column) through ever smaller faces of the
// relaxation, taking one panel per step. Complete when the weights reach 1 and the lottery gives every
// type the target's probability within 1e-7.
Decomposition decompose(const Instance& in, PricingIlp& ilp, const RelaxedLeximin& target, const SelectionOptions& options);

}  // namespace servicedesign::selection::detail
