// Spherical k-means over the notes' unit vectors.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "../core/random.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights {

using servicedesign::detail::Random;  // portable: the same seed gives the same centres with any library

KMeansClusterer::KMeansClusterer(KMeansOptions options) : options_(options) {
  if (options_.k == 0) throw InvalidInput("kmeans: k must be at least 1");
}

Clustering KMeansClusterer::fit(const ClusterInput& input, const ClusterProgress& progress) {
  if (input.vectors == nullptr) throw InvalidInput("kmeans needs the notes' vectors (ClusterInput::vectors)");
  const SparseMatrix& x = *input.vectors;
  x.validate();
  const std::size_t n = x.rows;
  const std::size_t k = options_.k;
  if (k > n) throw InvalidInput("kmeans: k = " + std::to_string(k) + " themes for " + std::to_string(n) + " notes");
  const std::size_t d = x.cols;
  Random random(options_.seed);
  std::vector<double> centre(k * d, 0.0);
  const auto similarity = [&](std::size_t row, std::size_t c) {
    double s = 0.0;
    for (std::size_t e = x.row_start[row]; e < x.row_start[row + 1]; ++e) s += x.value[e] * centre[c * d + x.col[e]];
    return s;
  };
  const auto set_centre_to_row = [&](std::size_t c, std::size_t row) {
    std::fill(centre.begin() + static_cast<std::ptrdiff_t>(c * d), centre.begin() + static_cast<std::ptrdiff_t>((c + 1) * d), 0.0);
    for (std::size_t e = x.row_start[row]; e < x.row_start[row + 1]; ++e) centre[c * d + x.col[e]] = x.value[e];
  };
  // k-means++: each next centre is a note drawn with probability proportional to its distance 1 − cos
  // to the nearest centre so far.
  std::vector<double> distance(n, 1.0);
  set_centre_to_row(0, random.below(n));
  for (std::size_t c = 1; c < k; ++c) {
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      distance[i] = std::min(distance[i], std::max(0.0, 1.0 - similarity(i, c - 1)));
      total += distance[i];
    }
    std::size_t pick = n - 1;
    if (total > 0.0) {
      double target = random.uniform() * total;
      for (std::size_t i = 0; i < n; ++i) {
        target -= distance[i];
        if (target < 0.0) {
          pick = i;
          break;
        }
      }
    } else {
      pick = c;  // every note sits on a centre already: any distinct note will do
    }
    set_centre_to_row(c, pick);
  }
  std::vector<std::int32_t> labels(n, -1);
  std::vector<double> best(n, 0.0);
  for (std::size_t iteration = 0; iteration < options_.max_iterations; ++iteration) {
    if (progress && !progress("kmeans", static_cast<double>(iteration) / static_cast<double>(options_.max_iterations))) {
      throw Interrupted("clustering cancelled");
    }
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t arg = 0;
      double top = -2.0;
      for (std::size_t c = 0; c < k; ++c) {
        const double s = similarity(i, c);
        if (s > top + 1e-12) {
          top = s;
          arg = static_cast<std::int32_t>(c);
        }
      }
      best[i] = top;
      if (labels[i] != arg) {
        labels[i] = arg;
        changed = true;
      }
    }
    if (!changed && iteration > 0) break;
    // New centres: the normalised sum of each theme's notes; an empty theme takes the worst-served note.
    std::fill(centre.begin(), centre.end(), 0.0);
    std::vector<std::size_t> size(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(labels[i]);
      ++size[c];
      for (std::size_t e = x.row_start[i]; e < x.row_start[i + 1]; ++e) centre[c * d + x.col[e]] += x.value[e];
    }
    for (std::size_t c = 0; c < k; ++c) {
      if (size[c] == 0) {
        const auto worst = static_cast<std::size_t>(std::min_element(best.begin(), best.end()) - best.begin());
        set_centre_to_row(c, worst);
        best[worst] = 2.0;  // not chosen twice
        continue;
      }
      double norm = 0.0;
      for (std::size_t j = 0; j < d; ++j) norm += centre[c * d + j] * centre[c * d + j];
      if (norm > 0.0) {
        norm = std::sqrt(norm);
        for (std::size_t j = 0; j < d; ++j) centre[c * d + j] /= norm;
      }
    }
  }
  double mean = 0.0;
  for (std::size_t i = 0; i < n; ++i) mean += similarity(i, static_cast<std::size_t>(labels[i]));
  return canonical_clustering(labels, n > 0 ? mean / static_cast<double>(n) : 0.0);
}
}  // namespace servicedesign::insights
