#include "servicedesign/insights/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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

double silhouette(const SparseMatrix& x, const std::vector<std::int32_t>& labels) {
  x.validate();
  if (labels.size() != x.rows) {
    throw InvalidInput("silhouette: " + std::to_string(x.rows) + " notes but " + std::to_string(labels.size()) + " labels");
  }
  std::map<std::int32_t, std::size_t> index_of;  // theme -> 0..k-1
  for (const auto label : labels) {
    if (label >= 0) index_of.try_emplace(label, index_of.size());
  }
  const std::size_t k = index_of.size();
  if (k < 2) throw InvalidInput("silhouette: needs at least two themes, got " + std::to_string(k));
  std::vector<std::size_t> theme(x.rows, k);  // k: no theme
  std::vector<double> size(k, 0.0);
  for (std::size_t i = 0; i < x.rows; ++i) {
    if (labels[i] < 0) continue;
    theme[i] = index_of[labels[i]];
    size[theme[i]] += 1.0;
  }
  // Each theme's sum of rows, kept sparse as postings per column: (theme, summed value).
  std::vector<std::map<std::size_t, double>> sums(x.cols);
  for (std::size_t i = 0; i < x.rows; ++i) {
    if (theme[i] == k) continue;
    for (std::size_t e = x.row_start[i]; e < x.row_start[i + 1]; ++e) sums[x.col[e]][theme[i]] += x.value[e];
  }
  std::vector<double> dot_with(k, 0.0);
  double total = 0.0;
  double counted = 0.0;
  for (std::size_t i = 0; i < x.rows; ++i) {
    if (theme[i] == k) continue;
    counted += 1.0;
    const std::size_t own = theme[i];
    if (size[own] < 2.0) continue;  // alone in its theme: silhouette 0
    std::fill(dot_with.begin(), dot_with.end(), 0.0);
    double self = 0.0;
    for (std::size_t e = x.row_start[i]; e < x.row_start[i + 1]; ++e) {
      self += x.value[e] * x.value[e];
      for (const auto& [t, value] : sums[x.col[e]]) dot_with[t] += x.value[e] * value;
    }
    const double a = 1.0 - (dot_with[own] - self) / (size[own] - 1.0);
    double b = std::numeric_limits<double>::infinity();
    for (std::size_t t = 0; t < k; ++t) {
      if (t != own) b = std::min(b, 1.0 - dot_with[t] / size[t]);
    }
    const double denominator = std::max(a, b);
    if (denominator > 0.0) total += (b - a) / denominator;
  }
  return total / counted;
}

}  // namespace servicedesign::insights
