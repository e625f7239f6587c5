#include "servicedesign/priorities/methods.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <sstream>
#include <utility>

#include "servicedesign/core/error.hpp"

namespace servicedesign::priorities {

namespace {

std::string need_field(std::string_view method, std::size_t need, std::string_view field) {
  return std::string(method) + ": need " + std::to_string(need) + ": " + std::string(field);
}

std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

void require_finite(double x, std::string_view method, std::size_t need, std::string_view field) {
  if (!std::isfinite(x)) throw InvalidInput(need_field(method, need, field) + " is not a finite number");
}

}  // namespace

// Ranking ------------------------------------------------------------------------------------------

std::size_t Ranking::size() const noexcept {
  std::size_t n = 0;
  for (const auto& group : groups) n += group.size();
  return n;
}

std::vector<std::size_t> Ranking::ranks() const {
  std::vector<std::size_t> out(size(), 0);
  std::size_t rank = 1;
  for (const auto& group : groups) {
    for (const std::size_t need : group) out.at(need) = rank;
    rank += group.size();
  }
  return out;
}

std::vector<std::size_t> Ranking::order() const {
  std::vector<std::size_t> out;
  out.reserve(size());
  for (const auto& group : groups) out.insert(out.end(), group.begin(), group.end());
  return out;
}

Ranking rank_by_score(const std::vector<double>& scores, double tolerance) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) throw InvalidInput("rank_by_score: score of need " + std::to_string(i) + " is not finite");
  }
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  Ranking ranking;
  double head = 0.0;  // score of the first need of the current group; comparing to it keeps ties transitive
  for (const std::size_t need : order) {
    const double scale = std::max({1.0, std::abs(head), std::abs(scores[need])});
    if (ranking.groups.empty() || head - scores[need] > tolerance * scale) {
      ranking.groups.emplace_back();
      head = scores[need];
    }
    ranking.groups.back().push_back(need);
  }
  for (auto& group : ranking.groups) std::sort(group.begin(), group.end());
  return ranking;
}

void validate_ranking(const Ranking& ranking, std::size_t needs, std::string_view what) {
  std::vector<bool> seen(needs, false);
  for (std::size_t g = 0; g < ranking.groups.size(); ++g) {
    if (ranking.groups[g].empty()) throw InvalidInput(std::string(what) + ": tie group " + std::to_string(g + 1) + " is empty");
    for (const std::size_t need : ranking.groups[g]) {
      if (need >= needs) {
        throw InvalidInput(std::string(what) + ": need " + std::to_string(need) + " is out of range (there are " +
                           std::to_string(needs) + " needs)");
      }
      if (seen[need]) throw InvalidInput(std::string(what) + ": need " + std::to_string(need) + " is ranked twice");
      seen[need] = true;
    }
  }
  for (std::size_t need = 0; need < needs; ++need) {
    if (!seen[need]) throw InvalidInput(std::string(what) + ": need " + std::to_string(need) + " is not ranked");
  }
}

// SKR ----------------------------------------------------------------------------------------------

SkrResult skr_matrix(const std::vector<SkrInput>& needs) {
  SkrResult out;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    for (const auto& [field, value] : {std::pair{"relevance", needs[i].relevance}, std::pair{"feasibility", needs[i].feasibility}}) {
      if (value < 1 || value > 3) {
        throw InvalidInput(need_field("skr_matrix", i, field) + " is " + std::to_string(value) +
                           "; the SKR matrix uses 1 (low), 2 (medium) or 3 (high)");
      }
    }
    out.scores.push_back(static_cast<double>(needs[i].relevance * needs[i].feasibility));
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

// Impact / effort ----------------------------------------------------------------------------------

std::string_view to_string(Quadrant quadrant) noexcept {
  switch (quadrant) {
    case Quadrant::quick_win: return "quick_win";
    case Quadrant::major_project: return "major_project";
    case Quadrant::fill_in: return "fill_in";
    case Quadrant::thankless: return "thankless";
  }
  return "?";
}

ImpactEffortResult impact_effort(const std::vector<ImpactEffortInput>& needs, const ImpactEffortScale& scale) {
  if (!std::isfinite(scale.low) || !std::isfinite(scale.high) || !(scale.low < scale.high)) {
    throw InvalidInput("impact_effort: the scale needs finite low < high, got " + number(scale.low) + " and " + number(scale.high));
  }
  const double split = std::isnan(scale.split) ? 0.5 * (scale.low + scale.high) : scale.split;
  if (!(split >= scale.low && split < scale.high)) {
    throw InvalidInput("impact_effort: split " + number(split) + " must lie in [low, high) = [" + number(scale.low) + ", " +
                       number(scale.high) + ")");
  }
  ImpactEffortResult out;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    for (const auto& [field, value] : {std::pair{"impact", needs[i].impact}, std::pair{"effort", needs[i].effort}}) {
      require_finite(value, "impact_effort", i, field);
      if (value < scale.low || value > scale.high) {
        throw InvalidInput(need_field("impact_effort", i, field) + " is " + number(value) + ", off the scale " +
                           number(scale.low) + "-" + number(scale.high));
      }
    }
    const bool high_impact = needs[i].impact > split;
    const bool high_effort = needs[i].effort > split;
    const Quadrant q = high_impact ? (high_effort ? Quadrant::major_project : Quadrant::quick_win)
                                   : (high_effort ? Quadrant::thankless : Quadrant::fill_in);
    const double worth = q == Quadrant::quick_win ? 3.0 : q == Quadrant::major_project ? 2.0 : q == Quadrant::fill_in ? 1.0 : 0.0;
    out.quadrants.push_back(q);
    out.scores.push_back(worth + (needs[i].impact - needs[i].effort) / (2.0 * (scale.high - scale.low)) + 0.5);
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

// Dot voting ---------------------------------------------------------------------------------------

DotVotingResult dot_voting(std::size_t needs, const std::vector<Ballot>& ballots, const DotVotingRules& rules,
                           const std::map<std::string, double>& segment_weights) {
  if (rules.dots_per_voter == 0) throw InvalidInput("dot_voting: dots_per_voter must be at least 1");
  for (const auto& [segment, weight] : segment_weights) {
    if (!std::isfinite(weight) || weight < 0) {
      throw InvalidInput("dot_voting: weight of segment '" + segment + "' is " + number(weight) + "; weights must be finite and >= 0");
    }
  }
  DotVotingResult out;
  out.scores.assign(needs, 0.0);
  std::map<std::string, std::string> segment_of;
  std::map<std::string, std::size_t> dots_used;
  std::map<std::pair<std::string, std::size_t>, std::size_t> dots_on;
  for (std::size_t b = 0; b < ballots.size(); ++b) {
    const Ballot& ballot = ballots[b];
    const std::string where = "dot_voting: ballot " + std::to_string(b + 1) + " (voter '" + ballot.voter + "')";
    if (ballot.voter.empty()) throw InvalidInput("dot_voting: ballot " + std::to_string(b + 1) + " has no voter");
    if (ballot.need >= needs) {
      throw InvalidInput(where + ": need " + std::to_string(ballot.need) + " is out of range (there are " + std::to_string(needs) + " needs)");
    }
    if (ballot.dots == 0) throw InvalidInput(where + ": a ballot must place at least one dot");
    const auto [known, fresh] = segment_of.try_emplace(ballot.voter, ballot.segment);
    if (!fresh && known->second != ballot.segment) {
      throw InvalidInput(where + ": segment '" + ballot.segment + "' differs from the voter's earlier segment '" + known->second + "'");
    }
    std::size_t& used = dots_used[ballot.voter];
    used += ballot.dots;
    if (used > rules.dots_per_voter) {
      throw InvalidInput(where + ": too many dots: " + std::to_string(used) + " placed, each voter has " +
                         std::to_string(rules.dots_per_voter));
    }
    std::size_t& on_need = dots_on[{ballot.voter, ballot.need}];
    on_need += ballot.dots;
    if (rules.one_per_item && on_need > 1) {
      throw InvalidInput(where + ": " + std::to_string(on_need) + " dots on need " + std::to_string(ballot.need) +
                         "; the rules allow one dot per need");
    }
    const auto weight_it = segment_weights.find(ballot.segment);
    const double weight = weight_it == segment_weights.end() ? 1.0 : weight_it->second;
    out.scores[ballot.need] += weight * static_cast<double>(ballot.dots);
    auto& by_segment = out.by_segment[ballot.segment];
    by_segment.resize(needs, 0.0);
    by_segment[ballot.need] += static_cast<double>(ballot.dots);
  }
  out.voters = segment_of.size();
  for (const auto& [voter, segment] : segment_of) ++out.voters_by_segment[segment];
  out.ranking = rank_by_score(out.scores);
  return out;
}

// MoSCoW -------------------------------------------------------------------------------------------

std::string_view to_string(Moscow category) noexcept {
  switch (category) {
    case Moscow::must: return "must";
    case Moscow::should: return "should";
    case Moscow::could: return "could";
    case Moscow::wont: return "wont";
  }
  return "?";
}

Moscow moscow_from_string(std::string_view key) {
  std::string lower;
  for (const char c : key) {
    if (c != ' ') lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (lower == "must" || lower == "m") return Moscow::must;
  if (lower == "should" || lower == "s") return Moscow::should;
  if (lower == "could" || lower == "c") return Moscow::could;
  if (lower == "wont" || lower == "won't" || lower == "w") return Moscow::wont;
  throw InvalidInput("unknown MoSCoW category '" + std::string(key) + "'; use must, should, could or wont");
}

MoscowResult moscow(const std::vector<MoscowInput>& needs, double max_must_share) {
  if (!(max_must_share > 0.0 && max_must_share <= 1.0)) {
    throw InvalidInput("moscow: max_must_share is " + number(max_must_share) + "; it must lie in (0, 1]");
  }
  MoscowResult out;
  double total = 0.0, musts = 0.0;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    require_finite(needs[i].effort, "moscow", i, "effort");
    if (needs[i].effort <= 0) throw InvalidInput(need_field("moscow", i, "effort") + " is " + number(needs[i].effort) + "; it must be > 0");
    total += needs[i].effort;
    if (needs[i].category == Moscow::must) musts += needs[i].effort;
    out.scores.push_back(3.0 - static_cast<double>(static_cast<int>(needs[i].category)));
  }
  out.must_share = total > 0 ? musts / total : 0.0;
  // A small allowance so that exactly 60% written in decimals is not refused for rounding.
  if (out.must_share > max_must_share + 1e-12) {
    std::ostringstream message;
    message.precision(3);
    message << "moscow: the Musts take " << 100.0 * out.must_share << "% of the total effort (" << musts << " of " << total
            << "); at most " << 100.0 * max_must_share << "% is allowed, so move some Musts to Should";
    throw InvalidInput(message.str());
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

// RICE ---------------------------------------------------------------------------------------------

RiceResult rice_scores(const std::vector<RiceInput>& needs) {
  RiceResult out;
  const auto on_scale = [](double x, std::initializer_list<double> scale) {
    return std::any_of(scale.begin(), scale.end(), [x](double s) { return std::abs(x - s) < 1e-9; });
  };
  for (std::size_t i = 0; i < needs.size(); ++i) {
    const RiceInput& n = needs[i];
    require_finite(n.reach, "rice", i, "reach");
    require_finite(n.impact, "rice", i, "impact");
    require_finite(n.confidence, "rice", i, "confidence");
    require_finite(n.effort, "rice", i, "effort");
    if (n.reach < 0) throw InvalidInput(need_field("rice", i, "reach") + " is " + number(n.reach) + "; it must be >= 0");
    if (!on_scale(n.impact, {3.0, 2.0, 1.0, 0.5, 0.25})) {
      throw InvalidInput(need_field("rice", i, "impact") + " is " + number(n.impact) +
                         "; RICE impact is 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal)");
    }
    if (!on_scale(n.confidence, {1.0, 0.8, 0.5})) {
      throw InvalidInput(need_field("rice", i, "confidence") + " is " + number(n.confidence) +
                         "; RICE confidence is 1.0 (100%), 0.8 (80%) or 0.5 (50%)");
    }
    if (n.effort <= 0) throw InvalidInput(need_field("rice", i, "effort") + " is " + number(n.effort) + "; it must be > 0 person-months");
    out.scores.push_back(n.reach * n.impact * n.confidence / n.effort);
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

// Kano ---------------------------------------------------------------------------------------------

std::string_view to_string(KanoCategory category) noexcept {
  switch (category) {
    case KanoCategory::attractive: return "A";
    case KanoCategory::one_dimensional: return "O";
    case KanoCategory::must_be: return "M";
    case KanoCategory::indifferent: return "I";
    case KanoCategory::reverse: return "R";
    case KanoCategory::questionable: return "Q";
  }
  return "?";
}

KanoCategory kano_category(KanoAnswer functional, KanoAnswer dysfunctional) noexcept {
  using K = KanoCategory;
  // Rows: functional answer, columns: dysfunctional answer, both like, expect, neutral, live with, dislike.
  static constexpr K table[5][5] = {
      {K::questionable, K::attractive, K::attractive, K::attractive, K::one_dimensional},
      {K::reverse, K::indifferent, K::indifferent, K::indifferent, K::must_be},
      {K::reverse, K::indifferent, K::indifferent, K::indifferent, K::must_be},
      {K::reverse, K::indifferent, K::indifferent, K::indifferent, K::must_be},
      {K::reverse, K::reverse, K::reverse, K::reverse, K::questionable},
  };
  return table[static_cast<int>(functional) - 1][static_cast<int>(dysfunctional) - 1];
}

KanoResult kano(std::size_t needs, const std::vector<KanoResponse>& responses) {
  KanoResult out;
  out.counts.assign(needs, {});
  for (std::size_t r = 0; r < responses.size(); ++r) {
    const KanoResponse& response = responses[r];
    const std::string where = "kano: response " + std::to_string(r + 1);
    if (response.need >= needs) {
      throw InvalidInput(where + ": need " + std::to_string(response.need) + " is out of range (there are " + std::to_string(needs) + " needs)");
    }
    for (const auto& [field, value] : {std::pair{"functional", response.functional}, std::pair{"dysfunctional", response.dysfunctional}}) {
      if (value < 1 || value > 5) {
        throw InvalidInput(where + ": " + field + " answer is " + std::to_string(value) +
                           "; Kano answers are 1 (like), 2 (expect), 3 (neutral), 4 (live with) or 5 (dislike)");
      }
    }
    const KanoCategory c = kano_category(static_cast<KanoAnswer>(response.functional), static_cast<KanoAnswer>(response.dysfunctional));
    ++out.counts[response.need][static_cast<std::size_t>(c)];
  }
  // Ties between categories go to the one that matters most when it is missed.
  static constexpr KanoCategory precedence[] = {KanoCategory::must_be, KanoCategory::one_dimensional, KanoCategory::attractive,
                                                KanoCategory::indifferent, KanoCategory::reverse, KanoCategory::questionable};
  for (std::size_t i = 0; i < needs; ++i) {
    const auto& c = out.counts[i];
    KanoCategory best = KanoCategory::indifferent;
    std::size_t best_count = 0;
    for (const KanoCategory k : precedence) {
      if (c[static_cast<std::size_t>(k)] > best_count) {
        best = k;
        best_count = c[static_cast<std::size_t>(k)];
      }
    }
    const auto count = [&](KanoCategory k) { return static_cast<double>(c[static_cast<std::size_t>(k)]); };
    const double a = count(KanoCategory::attractive), o = count(KanoCategory::one_dimensional);
    const double m = count(KanoCategory::must_be), ind = count(KanoCategory::indifferent);
    const double denominator = a + o + m + ind;
    const double better = denominator > 0 ? (a + o) / denominator : 0.0;
    const double worse = denominator > 0 ? (o + m) / denominator : 0.0;
    const double worth = best == KanoCategory::must_be           ? 4.0
                         : best == KanoCategory::one_dimensional ? 3.0
                         : best == KanoCategory::attractive      ? 2.0
                         : best == KanoCategory::indifferent     ? 1.0
                                                                 : 0.0;
    out.categories.push_back(best);
    out.better.push_back(better);
    out.worse.push_back(worse);
    out.scores.push_back(worth + 0.5 * (better + worse));
  }
  out.ranking = rank_by_score(out.scores);
  return out;
}

// Weighted scoring ---------------------------------------------------------------------------------

void validate_weights(const std::vector<double>& weights, const std::vector<std::string>& names) {
  if (weights.size() != names.size()) {
    throw InvalidInput("weights: " + std::to_string(weights.size()) + " weights for " + std::to_string(names.size()) + " criteria");
  }
  double sum = 0.0;
  for (std::size_t c = 0; c < weights.size(); ++c) {
    if (!std::isfinite(weights[c]) || weights[c] < 0) {
      throw InvalidInput("weights: weight of criterion '" + names[c] + "' is " + number(weights[c]) + "; weights must be >= 0");
    }
    sum += weights[c];
  }
  if (std::abs(sum - 1.0) > 1e-6) {
    throw InvalidInput("weights: the weights sum to " + number(sum) + ", not 1; divide each by their sum or adjust them");
  }
}

void validate_criteria(const CriteriaMatrix& criteria) {
  for (std::size_t i = 0; i < criteria.values.size(); ++i) {
    if (criteria.values[i].size() != criteria.names.size()) {
      throw InvalidInput("criteria: need " + std::to_string(i) + " has " + std::to_string(criteria.values[i].size()) +
                         " values for " + std::to_string(criteria.names.size()) + " criteria");
    }
    for (std::size_t c = 0; c < criteria.names.size(); ++c) {
      if (!std::isfinite(criteria.values[i][c])) {
        throw InvalidInput("criteria: need " + std::to_string(i) + ": value of criterion '" + criteria.names[c] + "' is not a finite number");
      }
    }
  }
  const std::set<std::string> distinct(criteria.names.begin(), criteria.names.end());
  if (distinct.size() != criteria.names.size()) throw InvalidInput("criteria: criterion names must be distinct");
}

WeightedResult weighted_scores(const CriteriaMatrix& criteria, const std::vector<double>& weights) {
  validate_criteria(criteria);
  validate_weights(weights, criteria.names);
  WeightedResult out;
  for (const auto& row : criteria.values) out.scores.push_back(std::inner_product(row.begin(), row.end(), weights.begin(), 0.0));
  out.ranking = rank_by_score(out.scores);
  return out;
}

}  // namespace servicedesign::priorities
