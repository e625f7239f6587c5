#include "servicedesign/insights/dense.hpp"

// hnswlib 0.6's SSE code prefetches one link past the end of each list, a read out of bounds that
// AddressSanitizer reports; without its hand-written vectorisation the search is the same, minus that read.
#define NO_MANUAL_VECTORIZATION
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include "../core/parallel.hpp"
#include "../core/random.hpp"
#include "nearest.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

using detail::better;
using Pair = std::pair<double, std::uint32_t>;

void DenseView::validate() const {
  if (rows > 0 && cols > 0 && data == nullptr) throw InvalidInput("dense vectors: no data for " + std::to_string(rows) + " rows");
  for (std::size_t r = 0; r < rows; ++r) {
    const float* v = row(r);
    for (std::size_t c = 0; c < cols; ++c) {
      if (!std::isfinite(v[c])) {
        throw InvalidInput("dense vectors: row " + std::to_string(r) + ", column " + std::to_string(c) +
                           ": the value is NaN or infinite");
      }
    }
  }
}

void normalize_rows(DenseMatrix& vectors) {
  for (std::size_t r = 0; r < vectors.rows; ++r) {
    float* v = vectors.values.data() + r * vectors.cols;
    double norm = 0.0;
    for (std::size_t c = 0; c < vectors.cols; ++c) norm += static_cast<double>(v[c]) * v[c];
    if (norm <= 0.0) continue;
    const double scale = 1.0 / std::sqrt(norm);
    for (std::size_t c = 0; c < vectors.cols; ++c) v[c] = static_cast<float>(v[c] * scale);
  }
}

namespace {

// Dot product with four running sums: a fixed order of additions, so results do not depend on the compiler.
double dot(const float* a, const float* b, std::size_t n) {
  double s0 = 0.0;
  double s1 = 0.0;
  double s2 = 0.0;
  double s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += static_cast<double>(a[i]) * b[i];
    s1 += static_cast<double>(a[i + 1]) * b[i + 1];
    s2 += static_cast<double>(a[i + 2]) * b[i + 2];
    s3 += static_cast<double>(a[i + 3]) * b[i + 3];
  }
  for (; i < n; ++i) s0 += static_cast<double>(a[i]) * b[i];
  return (s0 + s1) + (s2 + s3);
}

// A column-major n × l block of doubles.
struct Block {
  std::size_t n = 0;
  std::size_t l = 0;
  std::vector<double> v;
  Block(std::size_t rows, std::size_t cols) : n(rows), l(cols), v(rows * cols, 0.0) {}
  double* col(std::size_t j) { return v.data() + j * n; }
  [[nodiscard]] const double* col(std::size_t j) const { return v.data() + j * n; }
};

// x · b (x: rows × cols sparse, b: cols × l) and xᵀ · b (b: rows × l).
Block times(const SparseMatrix& x, const Block& b) {
  Block out(x.rows, b.l);
  for (std::size_t j = 0; j < b.l; ++j) {
    const double* in = b.col(j);
    double* o = out.col(j);
    for (std::size_t r = 0; r < x.rows; ++r) {
      double s = 0.0;
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) s += x.value[e] * in[x.col[e]];
      o[r] = s;
    }
  }
  return out;
}

Block transposed_times(const SparseMatrix& x, const Block& b) {
  Block out(x.cols, b.l);
  for (std::size_t j = 0; j < b.l; ++j) {
    const double* in = b.col(j);
    double* o = out.col(j);
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) o[x.col[e]] += x.value[e] * in[r];
    }
  }
  return out;
}

// Orthonormal columns by modified Gram-Schmidt, twice ("twice is enough"); columns that vanish become 0.
void orthonormalize(Block& b) {
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t j = 0; j < b.l; ++j) {
      double* cj = b.col(j);
      for (std::size_t i = 0; i < j; ++i) {
        const double* ci = b.col(i);
        double d = 0.0;
        for (std::size_t r = 0; r < b.n; ++r) d += ci[r] * cj[r];
        for (std::size_t r = 0; r < b.n; ++r) cj[r] -= d * ci[r];
      }
      double norm = 0.0;
      for (std::size_t r = 0; r < b.n; ++r) norm += cj[r] * cj[r];
      norm = std::sqrt(norm);
      for (std::size_t r = 0; r < b.n; ++r) cj[r] = norm > 1e-12 ? cj[r] / norm : 0.0;
    }
  }
}

// Eigen-decomposition of a symmetric l × l matrix (row-major) by cyclic Jacobi rotations: eigenvalues in
// `values`, eigenvectors as the columns of `vectors` (row-major l × l).
void symmetric_eigen(std::vector<double> a, std::size_t l, std::vector<double>& values, std::vector<double>& vectors) {
  vectors.assign(l * l, 0.0);
  for (std::size_t i = 0; i < l; ++i) vectors[i * l + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    double total = 0.0;
    for (std::size_t i = 0; i < l; ++i) {
      for (std::size_t j = 0; j < l; ++j) {
        total += a[i * l + j] * a[i * l + j];
        if (i != j) off += a[i * l + j] * a[i * l + j];
      }
    }
    if (off <= 1e-30 * std::max(total, 1e-300)) break;
    for (std::size_t p = 0; p < l; ++p) {
      for (std::size_t q = p + 1; q < l; ++q) {
        const double apq = a[p * l + q];
        if (std::abs(apq) < 1e-300) continue;
        const double theta = (a[q * l + q] - a[p * l + p]) / (2.0 * apq);
        const double t = (theta >= 0.0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0);
        const double s = t * c;
        for (std::size_t k = 0; k < l; ++k) {  // columns p and q
          const double akp = a[k * l + p];
          const double akq = a[k * l + q];
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < l; ++k) {  // rows p and q
          const double apk = a[p * l + k];
          const double aqk = a[q * l + k];
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (std::size_t k = 0; k < l; ++k) {
          const double vkp = vectors[k * l + p];
          const double vkq = vectors[k * l + q];
          vectors[k * l + p] = c * vkp - s * vkq;
          vectors[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  values.resize(l);
  for (std::size_t i = 0; i < l; ++i) values[i] = a[i * l + i];
}

// Standard normal draws by Box-Muller from the portable generator (the standard distributions differ
// between standard libraries).
double normal(servicedesign::detail::Random& random) {
  const double u = 1.0 - random.uniform();  // (0, 1]
  const double v = random.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
}

// 1 / the Euclidean length of each row (0 for a zero row), so that cosines need no normalised copy.
std::vector<double> inverse_norms(const DenseView& z) {
  std::vector<double> out(z.rows, 0.0);
  for (std::size_t r = 0; r < z.rows; ++r) {
    const double norm = std::sqrt(dot(z.row(r), z.row(r), z.cols));
    out[r] = norm > 0.0 ? 1.0 / norm : 0.0;
  }
  return out;
}

// Each note's `keep` nearest by dense dot product: every pair up to `exact_limit` notes, else HNSW.
detail::Nearest nearest_by_dense(const DenseView& z, const std::vector<double>& inverse_norm, std::size_t keep,
                                 const DenseKnnOptions& options) {
  detail::Nearest nearest(z.rows);
  if (z.rows < 2 || keep == 0) return nearest;
  const auto cosine = [&](std::size_t a, std::size_t b) {
    return dot(z.row(a), z.row(b), z.cols) * inverse_norm[a] * inverse_norm[b];
  };
  if (z.rows <= options.exact_limit) {
    const auto search_rows = [&](std::size_t first, std::size_t last, std::size_t /*block*/) {
      std::vector<Pair> all;
      for (std::size_t r = first; r < last; ++r) {
        all.clear();
        for (std::size_t o = 0; o < z.rows; ++o) {
          if (o != r) all.emplace_back(cosine(r, o), static_cast<std::uint32_t>(o));
        }
        const std::size_t kept = std::min(keep, all.size());
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(kept), all.end(), better);
        nearest[r].assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(kept));
      }
    };
    const double cost_per_row = static_cast<double>(z.rows) * static_cast<double>(z.cols);
    servicedesign::detail::parallel_blocks(z.rows, servicedesign::detail::threads_for(z.rows, cost_per_row, options.threads),
                                           search_rows);
    return nearest;
  }
  // The index stores its own copy of each vector: it gets the normalised row (inner product = cosine).
  hnswlib::InnerProductSpace space(z.cols);
  hnswlib::HierarchicalNSW<float> index(&space, z.rows, 16, 200, static_cast<std::size_t>(options.seed));
  std::vector<float> unit(z.cols);
  const auto normalised = [&](std::size_t r) {
    for (std::size_t c = 0; c < z.cols; ++c) unit[c] = static_cast<float>(z.row(r)[c] * inverse_norm[r]);
    return unit.data();
  };
  for (std::size_t r = 0; r < z.rows; ++r) index.addPoint(normalised(r), r);
  index.setEf(std::max<std::size_t>(64, 2 * keep));
  for (std::size_t r = 0; r < z.rows; ++r) {
    auto found = index.searchKnn(normalised(r), keep + 1);
    std::vector<Pair> best;
    while (!found.empty()) {
      const auto label = found.top().second;
      found.pop();
      if (label != r) best.emplace_back(cosine(r, label), static_cast<std::uint32_t>(label));
    }
    std::sort(best.begin(), best.end(), better);
    if (best.size() > keep) best.resize(keep);
    nearest[r] = std::move(best);
  }
  return nearest;
}

}  // namespace

DenseMatrix lsa(const SparseMatrix& x, const LsaOptions& options) {
  x.validate();
  if (options.dimensions == 0) throw InvalidInput("lsa: dimensions must be at least 1");
  const std::size_t rank = std::min(x.rows, x.cols);
  const std::size_t d = std::min(options.dimensions, rank);
  const std::size_t l = std::min(d + options.oversampling, rank);
  DenseMatrix out;
  out.rows = x.rows;
  out.cols = d;
  out.values.assign(x.rows * d, 0.0F);
  if (d == 0) return out;
  // Randomized range finder: Y = X Ω, sharpened by power iterations (X Xᵀ)^q with re-orthonormalisation.
  servicedesign::detail::Random random(options.seed);
  Block omega(x.cols, l);
  for (auto& v : omega.v) v = normal(random);
  Block q = times(x, omega);
  orthonormalize(q);
  for (std::size_t it = 0; it < options.power_iterations; ++it) {
    Block w = transposed_times(x, q);
    orthonormalize(w);
    q = times(x, w);
    orthonormalize(q);
  }
  // B = Qᵀ X (l × cols) is small: its SVD through B Bᵀ = U Λ Uᵀ; the notes' coordinates are Q U Σ.
  const Block bt = transposed_times(x, q);  // Xᵀ Q = Bᵀ, cols × l
  std::vector<double> gram(l * l, 0.0);
  for (std::size_t i = 0; i < l; ++i) {
    for (std::size_t j = i; j < l; ++j) {
      double s = 0.0;
      for (std::size_t r = 0; r < bt.n; ++r) s += bt.col(i)[r] * bt.col(j)[r];
      gram[i * l + j] = s;
      gram[j * l + i] = s;
    }
  }
  std::vector<double> lambda;
  std::vector<double> u;
  symmetric_eigen(std::move(gram), l, lambda, u);
  std::vector<std::size_t> order(l);
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lambda[a] > lambda[b]; });
  // Q U Σ = Q (U Λ^{1/2}); Σ = Λ^{1/2} since B Bᵀ = U Σ² Uᵀ.
  for (std::size_t k = 0; k < d; ++k) {
    const std::size_t e = order[k];
    const double sigma = std::sqrt(std::max(lambda[e], 0.0));
    for (std::size_t r = 0; r < x.rows; ++r) {
      double s = 0.0;
      for (std::size_t i = 0; i < l; ++i) s += q.col(i)[r] * u[i * l + e];
      out.values[r * d + k] = static_cast<float>(s * sigma);
    }
  }
  if (options.normalize) normalize_rows(out);
  return out;
}

NeighbourGraph knn_graph(const DenseView& vectors, const DenseKnnOptions& options) {
  vectors.validate();
  if (options.neighbours == 0) throw InvalidInput("knn_graph: neighbours must be at least 1");
  if (!(options.min_similarity >= 0.0)) throw InvalidInput("knn_graph: min_similarity must be at least 0");
  auto nearest = nearest_by_dense(vectors, inverse_norms(vectors), options.neighbours, options);
  for (auto& list : nearest) {
    std::erase_if(list, [&](const Pair& p) { return !(p.first > options.min_similarity); });
  }
  return detail::graph_of(vectors.rows, nearest);
}

NeighbourGraph knn_graph(const SparseMatrix& x, const DenseView& vectors, const DenseKnnOptions& options,
                         double dense_weight) {
  x.validate();
  vectors.validate();
  if (options.neighbours == 0) throw InvalidInput("knn_graph: neighbours must be at least 1");
  // Links are similarities that modularity adds up: a negative threshold would let negative ones in.
  if (!(options.min_similarity >= 0.0)) throw InvalidInput("knn_graph: min_similarity must be at least 0");
  if (x.rows != vectors.rows) {
    throw InvalidInput("knn_graph: " + std::to_string(x.rows) + " sparse rows but " + std::to_string(vectors.rows) +
                       " dense vectors");
  }
  if (!(dense_weight >= 0.0 && dense_weight <= 1.0)) throw InvalidInput("knn_graph: dense_weight must lie in [0, 1]");
  const std::size_t candidates = 3 * options.neighbours;
  const auto by_sparse = detail::nearest_by_sparse(x, candidates, 0.0, {}, options.threads);
  const std::vector<double> inverse_norm = inverse_norms(vectors);
  const auto by_dense =
      dense_weight > 0.0 ? nearest_by_dense(vectors, inverse_norm, candidates, options) : detail::Nearest(x.rows);
  detail::Nearest nearest(x.rows);
  std::vector<std::uint32_t> pool;
  for (std::size_t r = 0; r < x.rows; ++r) {
    pool.clear();
    for (const auto& [s, o] : by_sparse[r]) pool.push_back(o);
    for (const auto& [s, o] : by_dense[r]) pool.push_back(o);
    std::sort(pool.begin(), pool.end());
    pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    std::vector<Pair> scored;
    scored.reserve(pool.size());
    for (const auto o : pool) {
      const double similarity = (1.0 - dense_weight) * x.row_dot(r, o) +
                                dense_weight * dot(vectors.row(r), vectors.row(o), vectors.cols) * inverse_norm[r] *
                                    inverse_norm[o];
      if (similarity > options.min_similarity) scored.emplace_back(similarity, o);
    }
    const std::size_t kept = std::min(options.neighbours, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(kept), scored.end(), better);
    nearest[r].assign(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(kept));
  }
  return detail::graph_of(x.rows, nearest);
}

}  // namespace servicedesign::insights
