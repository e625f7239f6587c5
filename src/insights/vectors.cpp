#include "servicedesign/insights/vectors.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <string>

#include "../core/parallel.hpp"
#include "nearest.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

double SparseMatrix::row_dot(std::size_t a, std::size_t b) const {
  std::size_t i = row_start[a];
  std::size_t j = row_start[b];
  double sum = 0.0;
  while (i < row_start[a + 1] && j < row_start[b + 1]) {
    if (col[i] == col[j]) {
      sum += value[i++] * value[j++];
    } else if (col[i] < col[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return sum;
}

void SparseMatrix::normalize_rows() {
  for (std::size_t r = 0; r < rows; ++r) {
    double norm = 0.0;
    for (std::size_t e = row_start[r]; e < row_start[r + 1]; ++e) norm += value[e] * value[e];
    if (norm <= 0.0) continue;
    norm = std::sqrt(norm);
    for (std::size_t e = row_start[r]; e < row_start[r + 1]; ++e) value[e] /= norm;
  }
}

void SparseMatrix::validate() const {
  if (row_start.size() != rows + 1 || row_start.front() != 0 || row_start.back() != col.size() ||
      col.size() != value.size()) {
    throw InvalidInput("sparse matrix: row_start must have rows + 1 entries from 0 to the number of entries, "
                       "and col and value one per entry");
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (row_start[r] > row_start[r + 1]) throw InvalidInput("sparse matrix: row_start decreases at row " + std::to_string(r));
    for (std::size_t e = row_start[r]; e < row_start[r + 1]; ++e) {
      if (col[e] >= cols) throw InvalidInput("sparse matrix: row " + std::to_string(r) + " has column " + std::to_string(col[e]) + " of " + std::to_string(cols));
      if (e > row_start[r] && col[e] <= col[e - 1]) throw InvalidInput("sparse matrix: columns of row " + std::to_string(r) + " must increase");
      if (!std::isfinite(value[e])) {
        throw InvalidInput("sparse matrix: row " + std::to_string(r) + ", column " + std::to_string(col[e]) +
                           ": the value is NaN or infinite");
      }
    }
  }
}

std::vector<std::string> char_ngrams(std::string_view term, std::size_t n) {
  if (n == 0) throw InvalidInput("char_ngrams: n must be at least 1");
  // Character starts: a UTF-8 character begins at every byte that is not a continuation byte (10xxxxxx).
  const std::string marked = "<" + std::string(term) + ">";
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if ((static_cast<unsigned char>(marked[i]) & 0xC0U) != 0x80U) starts.push_back(i);
  }
  starts.push_back(marked.size());
  const std::size_t characters = starts.size() - 1;
  std::vector<std::string> out;
  if (characters <= n) {
    out.push_back('\x1f' + marked);
    return out;
  }
  for (std::size_t c = 0; c + n <= characters; ++c) out.push_back('\x1f' + marked.substr(starts[c], starts[c + n] - starts[c]));
  return out;
}

namespace {

// The documents with the character n-grams of their terms appended (into `storage`), or themselves for n = 0.
const std::vector<std::vector<std::string>>& with_char_ngrams(const std::vector<std::vector<std::string>>& documents,
                                                             std::size_t n,
                                                             std::vector<std::vector<std::string>>& storage) {
  if (n == 0) return documents;
  storage.clear();
  storage.reserve(documents.size());
  for (const auto& doc : documents) {
    auto& augmented = storage.emplace_back(doc);
    for (const auto& term : doc) {
      for (auto& gram : char_ngrams(term, n)) augmented.push_back(std::move(gram));
    }
  }
  return storage;
}

}  // namespace

Vectorizer::Vectorizer(VectorizerOptions options) : options_(options) {
  if (!(options_.max_df > 0.0 && options_.max_df <= 1.0)) throw InvalidInput("vectorizer: max_df must be in (0, 1]");
  if (!(options_.k1 >= 0.0) || !(options_.b >= 0.0 && options_.b <= 1.0)) {
    throw InvalidInput("vectorizer: BM25 needs k1 >= 0 and b in [0, 1]");
  }
}

Vectorizer& Vectorizer::fit(const std::vector<std::vector<std::string>>& notes) {
  std::vector<std::vector<std::string>> storage;
  const auto& documents = with_char_ngrams(notes, options_.char_ngrams, storage);
  std::map<std::string, std::size_t, std::less<>> df;
  std::size_t total_length = 0;
  for (const auto& doc : documents) {
    std::vector<std::string_view> seen(doc.begin(), doc.end());
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (auto term : seen) ++df[std::string(term)];
    total_length += doc.size();
  }
  const double n = static_cast<double>(documents.size());
  terms_.clear();
  index_.clear();
  idf_.clear();
  for (const auto& [term, count] : df) {  // std::map: terms sorted
    if (count < options_.min_df || static_cast<double>(count) > options_.max_df * n) continue;
    index_.emplace(term, static_cast<std::uint32_t>(terms_.size()));
    terms_.push_back(term);
    const double d = static_cast<double>(count);
    idf_.push_back(options_.weighting == Weighting::bm25 ? std::log(1.0 + (n - d + 0.5) / (d + 0.5))
                                                         : std::log((1.0 + n) / (1.0 + d)) + 1.0);
  }
  average_length_ = documents.empty() ? 0.0 : static_cast<double>(total_length) / n;
  fitted_ = true;
  return *this;
}

long Vectorizer::column(const std::string& term) const {
  const auto it = index_.find(term);
  return it == index_.end() ? -1 : static_cast<long>(it->second);
}

SparseMatrix Vectorizer::transform(const std::vector<std::vector<std::string>>& notes) const {
  if (!fitted_) throw StateError("vectorizer: call fit() before transform()");
  std::vector<std::vector<std::string>> storage;
  const auto& documents = with_char_ngrams(notes, options_.char_ngrams, storage);
  SparseMatrix x;
  x.rows = documents.size();
  x.cols = terms_.size();
  x.row_start.reserve(x.rows + 1);
  x.row_start.push_back(0);
  std::vector<std::pair<std::uint32_t, double>> counts;
  for (const auto& doc : documents) {
    counts.clear();
    for (const auto& term : doc) {
      const auto it = index_.find(term);
      if (it != index_.end()) counts.emplace_back(it->second, 1.0);
    }
    std::sort(counts.begin(), counts.end());
    const double length = static_cast<double>(doc.size());
    for (std::size_t i = 0; i < counts.size();) {
      std::size_t j = i;
      while (j < counts.size() && counts[j].first == counts[i].first) ++j;
      const double tf = static_cast<double>(j - i);
      const std::uint32_t c = counts[i].first;
      double w = 0.0;
      if (options_.weighting == Weighting::bm25) {
        const double norm = options_.k1 * (1.0 - options_.b + options_.b * (average_length_ > 0 ? length / average_length_ : 1.0));
        w = idf_[c] * tf * (options_.k1 + 1.0) / (tf + norm);
      } else {
        w = (1.0 + std::log(tf)) * idf_[c];
      }
      x.col.push_back(c);
      x.value.push_back(w);
      i = j;
    }
    x.row_start.push_back(x.col.size());
  }
  if (options_.normalize) x.normalize_rows();
  return x;
}

SparseMatrix Vectorizer::fit_transform(const std::vector<std::vector<std::string>>& documents) {
  fit(documents);
  return transform(documents);
}

NeighbourGraph NeighbourGraph::from_edges(std::size_t nodes, std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges) {
  // Both directions, then sort and keep the largest weight of parallel edges.
  const std::size_t given = edges.size();
  edges.reserve(2 * given);
  for (std::size_t e = 0; e < given; ++e) {
    const auto [u, v, w] = edges[e];
    if (u == v || u >= nodes || v >= nodes) throw InvalidInput("graph: edge " + std::to_string(e) + " is a loop or names a node out of range");
    if (!std::isfinite(w)) throw InvalidInput("graph: edge " + std::to_string(e) + " has a weight that is NaN or infinite");
    edges.emplace_back(v, u, w);
  }
  std::sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
    return std::get<2>(a) > std::get<2>(b);
  });
  NeighbourGraph g;
  g.nodes = nodes;
  g.start.assign(nodes + 1, 0);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const auto [u, v, w] = edges[e];
    if (e > 0 && std::get<0>(edges[e - 1]) == u && std::get<1>(edges[e - 1]) == v) continue;
    g.neighbour.push_back(v);
    g.weight.push_back(w);
    ++g.start[u + 1];
  }
  std::partial_sum(g.start.begin(), g.start.end(), g.start.begin());
  return g;
}

namespace detail {

Nearest nearest_by_sparse(const SparseMatrix& x, std::size_t keep, double min_similarity,
                          const std::function<bool(double)>& progress) {
  // Inverted index: for each column, the rows holding it.
  std::vector<std::size_t> posting_start(x.cols + 1, 0);
  for (auto c : x.col) ++posting_start[c + 1];
  std::partial_sum(posting_start.begin(), posting_start.end(), posting_start.begin());
  std::vector<std::uint32_t> postings(x.nonzeros());
  std::vector<double> posting_value(x.nonzeros());
  {
    std::vector<std::size_t> fill(posting_start.begin(), posting_start.end() - 1);
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
        postings[fill[x.col[e]]] = static_cast<std::uint32_t>(r);
        posting_value[fill[x.col[e]]++] = x.value[e];
      }
    }
  }
  Nearest nearest(x.rows);
  // Rows are independent: blocks of them in parallel, each with its own accumulator (deterministic).
  // The calling thread (block 0) reports progress every 256 notes; a stop reaches the others through `stop`.
  std::atomic<bool> stop{false};
  const auto search_rows = [&](std::size_t first, std::size_t last, std::size_t block) {
    std::vector<double> score(x.rows, 0.0);  // sparse accumulator
    std::vector<char> is_touched(x.rows, 0);
    std::vector<std::uint32_t> touched;
    std::vector<std::pair<double, std::uint32_t>> best;
    for (std::size_t r = first; r < last; ++r) {
      if ((r - first) % 256 == 0) {
        if (block == 0 && progress) {
          try {
            if (!progress(static_cast<double>(r - first) / static_cast<double>(last - first))) stop = true;
          } catch (...) {  // a callback that throws stops the other threads too
            stop = true;
            throw;
          }
        }
        if (stop.load()) throw Interrupted("neighbour search cancelled");
      }
      touched.clear();
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
        const std::uint32_t c = x.col[e];
        for (std::size_t p = posting_start[c]; p < posting_start[c + 1]; ++p) {
          const std::uint32_t other = postings[p];
          if (other == r) continue;
          if (!is_touched[other]) {
            is_touched[other] = 1;
            touched.push_back(other);
          }
          score[other] += x.value[e] * posting_value[p];
        }
      }
      best.clear();
      for (auto other : touched) {
        if (score[other] > min_similarity) best.emplace_back(score[other], other);
        score[other] = 0.0;
        is_touched[other] = 0;
      }
      const std::size_t kept = std::min(best.size(), keep);
      std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(kept), best.end(), better);
      nearest[r].assign(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(kept));
    }
  };
  const double cost_per_row = 64.0 * static_cast<double>(x.nonzeros()) / static_cast<double>(std::max<std::size_t>(1, x.rows));
  servicedesign::detail::parallel_blocks(x.rows, servicedesign::detail::threads_for(x.rows, cost_per_row), search_rows);
  return nearest;
}

NeighbourGraph graph_of(std::size_t nodes, const Nearest& nearest) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  for (std::size_t r = 0; r < nodes; ++r) {
    for (const auto& [similarity, other] : nearest[r]) edges.emplace_back(static_cast<std::uint32_t>(r), other, similarity);
  }
  return NeighbourGraph::from_edges(nodes, std::move(edges));
}

}  // namespace detail

NeighbourGraph knn_graph(const SparseMatrix& x, const KnnOptions& options) {
  x.validate();
  if (options.neighbours == 0) throw InvalidInput("knn_graph: neighbours must be at least 1");
  const auto nearest = detail::nearest_by_sparse(x, options.neighbours, options.min_similarity, options.progress);
  return detail::graph_of(x.rows, nearest);
}

}  // namespace servicedesign::insights
