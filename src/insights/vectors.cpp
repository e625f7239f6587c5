#include "servicedesign/insights/vectors.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>

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
  // Document frequencies in a hash map of views into `documents` (alive until the end), sorted once at the end
  // so that columns follow the terms' order, whatever the order of the notes.
  std::unordered_map<std::string_view, std::size_t> counted;
  std::size_t total_length = 0;
  std::vector<std::string_view> seen;
  for (const auto& doc : documents) {
    seen.assign(doc.begin(), doc.end());
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (auto term : seen) ++counted[term];
    total_length += doc.size();
  }
  std::vector<std::pair<std::string_view, std::size_t>> df(counted.begin(), counted.end());
  std::sort(df.begin(), df.end());
  const double n = static_cast<double>(documents.size());
  terms_.clear();
  index_.clear();
  idf_.clear();
  for (const auto& [term, count] : df) {  // terms sorted
    if (count < options_.min_df || static_cast<double>(count) > options_.max_df * n) continue;
    index_.emplace(std::string(term), static_cast<std::uint32_t>(terms_.size()));
    terms_.emplace_back(term);
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

void NeighbourGraph::validate() const {
  if (start.size() != nodes + 1 || start.front() != 0) {
    throw InvalidInput("graph: the start array must have nodes + 1 = " + std::to_string(nodes + 1) +
                       " entries beginning at 0 (it has " + std::to_string(start.size()) + ")");
  }
  if (neighbour.size() != weight.size() || start.back() != neighbour.size()) {
    throw InvalidInput("graph: the start array must end at the number of edge ends (" +
                       std::to_string(neighbour.size()) + "), with one weight per edge end (" +
                       std::to_string(weight.size()) + ")");
  }
  // The whole start array must rise before any edge is read: a middle entry past the end would otherwise be
  // read before the drop after it is seen.
  for (std::size_t node = 0; node < nodes; ++node) {
    if (start[node + 1] < start[node]) {
      throw InvalidInput("graph: node " + std::to_string(node) + ": the start array decreases");
    }
  }
  for (std::size_t node = 0; node < nodes; ++node) {
    for (std::size_t e = start[node]; e < start[node + 1]; ++e) {
      if (neighbour[e] >= nodes) {
        throw InvalidInput("graph: node " + std::to_string(node) + " links to node " + std::to_string(neighbour[e]) +
                           ", outside the " + std::to_string(nodes) + " nodes");
      }
      if (neighbour[e] == node) throw InvalidInput("graph: node " + std::to_string(node) + " links to itself");
      if (!std::isfinite(weight[e])) {
        throw InvalidInput("graph: the link from node " + std::to_string(node) + " to node " +
                           std::to_string(neighbour[e]) + " has a weight that is NaN or infinite");
      }
    }
  }
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
                          const std::function<bool(double)>& progress, std::size_t threads_limit) {
  if (keep == 0 || x.rows == 0) return Nearest(x.rows);
  // Inverted index: for each column, the rows holding it, in increasing order; `position[e]` is where entry e
  // of x sits in its column's list, so the rows after it are the rest of that list.
  std::vector<std::size_t> posting_start(x.cols + 1, 0);
  for (auto c : x.col) ++posting_start[c + 1];
  std::partial_sum(posting_start.begin(), posting_start.end(), posting_start.begin());
  std::vector<std::uint32_t> postings(x.nonzeros());
  std::vector<double> posting_value(x.nonzeros());
  std::vector<std::size_t> position(x.nonzeros());
  {
    std::vector<std::size_t> fill(posting_start.begin(), posting_start.end() - 1);
    for (std::size_t r = 0; r < x.rows; ++r) {
      for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
        position[e] = fill[x.col[e]];
        postings[fill[x.col[e]]] = static_cast<std::uint32_t>(r);
        posting_value[fill[x.col[e]]++] = x.value[e];
      }
    }
  }
  // Each pair of notes is scored once, by the thread that owns the lower one, and offered to both notes'
  // nearest lists: half the work of scoring every note against all others, and the similarity is the same
  // number both ways. Each thread keeps its own bounded lists for every note (a heap, worst on top) so that
  // threads never share a write; the lists are merged at the end. With a strict order on (similarity, note)
  // the k best of the merged lists are the k best overall, whatever thread saw which pair: deterministic.
  // Each thread's lists take up to keep (similarity, note) pairs per note, plus its accumulator: fewer threads
  // where they would pass about 1 GB together (one always).
  const double bytes_per_thread =
      static_cast<double>(x.rows) * (static_cast<double>(keep) * sizeof(std::pair<double, std::uint32_t>) + 64.0);
  const std::size_t threads = std::max<std::size_t>(
      1, std::min(servicedesign::detail::threads_for(x.rows, 32.0 * static_cast<double>(x.nonzeros()) /
                                                                 static_cast<double>(std::max<std::size_t>(1, x.rows)),
                                                     threads_limit),
                  static_cast<std::size_t>(1e9 / bytes_per_thread)));
  std::vector<Nearest> found(threads, Nearest(x.rows));
  // Rows are handed out in chunks, round robin: low rows have more pairs above them than high rows.
  constexpr std::size_t chunk = 64;
  const std::size_t chunks = (x.rows + chunk - 1) / chunk;
  std::atomic<bool> stop{false};
  const auto search_chunks = [&](std::size_t /*first*/, std::size_t /*last*/, std::size_t block) {
    Nearest& lists = found[block];
    std::vector<double> floor(x.rows, -1.0);  // the worst similarity in a full list (quick rejection)
    const auto offer = [&](std::uint32_t row, double similarity, std::uint32_t other) {
      auto& list = lists[row];
      const std::pair<double, std::uint32_t> candidate{similarity, other};
      if (list.size() < keep) {
        list.push_back(candidate);
        std::push_heap(list.begin(), list.end(), better);
        if (list.size() == keep) floor[row] = list.front().first;
      } else if (similarity >= floor[row] && better(candidate, list.front())) {
        std::pop_heap(list.begin(), list.end(), better);
        list.back() = candidate;
        std::push_heap(list.begin(), list.end(), better);
        floor[row] = list.front().first;
      }
    };
    // Sparse accumulator: `touched` gets each row met once (at most rows − 1 of them), without a branch in the
    // inner loop. A flag, not the score, marks a row as met: weights may be 0, negative or underflow.
    std::vector<double> score(x.rows, 0.0);
    std::vector<char> met_already(x.rows, 0);
    std::vector<std::uint32_t> touched(x.rows);
    const std::size_t own_chunks = (chunks + threads - 1 - block) / threads;
    std::size_t done = 0;
    for (std::size_t c = block; c < chunks; c += threads, ++done) {
      // Every 64 rows: the first rows, with the most pairs, take longest.
      report_or_stop(block, progress, static_cast<double>(done) / static_cast<double>(std::max<std::size_t>(1, own_chunks)),
                     stop);
      for (std::size_t r = c * chunk; r < std::min(x.rows, (c + 1) * chunk); ++r) {
        std::size_t met = 0;
        for (std::size_t e = x.row_start[r]; e < x.row_start[r + 1]; ++e) {
          const std::uint32_t col = x.col[e];
          const double value = x.value[e];
          for (std::size_t p = position[e] + 1; p < posting_start[col + 1]; ++p) {
            const std::uint32_t other = postings[p];
            touched[met] = other;
            met += met_already[other] == 0 ? 1U : 0U;
            met_already[other] = 1;
            score[other] += value * posting_value[p];
          }
        }
        for (std::size_t i = 0; i < met; ++i) {
          const std::uint32_t other = touched[i];
          if (score[other] > min_similarity) {
            offer(static_cast<std::uint32_t>(r), score[other], other);
            offer(other, score[other], static_cast<std::uint32_t>(r));
          }
          score[other] = 0.0;
          met_already[other] = 0;
        }
      }
    }
  };
  servicedesign::detail::parallel_blocks(threads, threads, search_chunks);
  Nearest nearest(x.rows);
  for (std::size_t r = 0; r < x.rows; ++r) {
    auto& merged = nearest[r];
    for (auto& lists : found) {
      merged.insert(merged.end(), lists[r].begin(), lists[r].end());
      std::vector<std::pair<double, std::uint32_t>>().swap(lists[r]);
    }
    const std::size_t kept = std::min(merged.size(), keep);
    std::partial_sort(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(kept), merged.end(), better);
    merged.resize(kept);
    merged.shrink_to_fit();
  }
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
  // Links are similarities that modularity adds up: a negative threshold would let negative ones in.
  if (!(options.min_similarity >= 0.0)) throw InvalidInput("knn_graph: min_similarity must be at least 0");
  std::size_t limit = options.posting_limit;
  if (limit == KnnOptions::automatic) limit = detail::automatic_posting_limit(x);
  if (limit != KnnOptions::unlimited) {
    const std::size_t rescored = options.rescored > 0 ? options.rescored : 15 * options.neighbours;
    return detail::graph_of(x.rows, detail::nearest_by_bounded_postings(x, options.neighbours, options.min_similarity,
                                                                        limit, rescored, options.progress,
                                                                        options.threads));
  }
  const auto nearest =
      detail::nearest_by_sparse(x, options.neighbours, options.min_similarity, options.progress, options.threads);
  return detail::graph_of(x.rows, nearest);
}

}  // namespace servicedesign::insights
