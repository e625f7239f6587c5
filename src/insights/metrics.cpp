#include "servicedesign/insights/metrics.hpp"

#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

struct Contingency {
  std::map<std::pair<std::int32_t, std::int32_t>, double> cells;
  std::map<std::int32_t, double> rows, cols;  // class sizes of truth and of found
  double n = 0.0;
};

Contingency contingency(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found, const char* metric) {
  if (truth.size() != found.size()) {
    throw InvalidInput(std::string(metric) + ": the labellings have different lengths (" + std::to_string(truth.size()) +
                       " and " + std::to_string(found.size()) + ")");
  }
  Contingency c;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    c.cells[{truth[i], found[i]}] += 1.0;
    c.rows[truth[i]] += 1.0;
    c.cols[found[i]] += 1.0;
  }
  c.n = static_cast<double>(truth.size());
  return c;
}

double entropy(const std::map<std::int32_t, double>& sizes, double n) {
  double h = 0.0;
  for (const auto& [label, size] : sizes) h -= size / n * std::log(size / n);
  return h;
}

double mutual_information(const Contingency& c) {
  double mi = 0.0;
  for (const auto& [cell, count] : c.cells) {
    mi += count / c.n * std::log(count * c.n / (c.rows.at(cell.first) * c.cols.at(cell.second)));
  }
  return std::max(0.0, mi);
}

}  // namespace

double adjusted_rand_index(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found) {
  const Contingency c = contingency(truth, found, "adjusted_rand_index");
  const auto pairs = [](double x) { return x * (x - 1.0) / 2.0; };
  double index = 0.0, a = 0.0, b = 0.0;
  for (const auto& [cell, count] : c.cells) index += pairs(count);
  for (const auto& [l, s] : c.rows) a += pairs(s);
  for (const auto& [l, s] : c.cols) b += pairs(s);
  const double expected = c.n > 1 ? a * b / pairs(c.n) : 0.0;
  const double maximum = 0.5 * (a + b);
  if (maximum == expected) return 1.0;  // both trivial (one cluster, or all singletons): identical by convention
  return (index - expected) / (maximum - expected);
}

double normalized_mutual_information(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found) {
  const Contingency c = contingency(truth, found, "normalized_mutual_information");
  if (c.rows.size() == c.cols.size() && c.rows.size() <= 1) return 1.0;
  const double mean = 0.5 * (entropy(c.rows, c.n) + entropy(c.cols, c.n));
  return mean <= 0.0 ? 0.0 : mutual_information(c) / mean;
}

VMeasure v_measure(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& found) {
  const Contingency c = contingency(truth, found, "v_measure");
  VMeasure v;
  if (c.n == 0) return v;
  const double h_truth = entropy(c.rows, c.n);
  const double h_found = entropy(c.cols, c.n);
  const double mi = mutual_information(c);
  v.homogeneity = h_truth > 0 ? mi / h_truth : 1.0;
  v.completeness = h_found > 0 ? mi / h_found : 1.0;
  const double sum = v.homogeneity + v.completeness;
  v.v_measure = sum > 0 ? 2.0 * v.homogeneity * v.completeness / sum : 0.0;
  return v;
}

}  // namespace servicedesign::insights
