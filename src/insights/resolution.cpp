// The automatic resolution: Leiden's γ where the themes beat the same graph with its links shuffled by the
// widest modularity margin.
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <tuple>
#include <vector>

#include "../core/random.hpp"
#include "graph_check.hpp"
#include "leiden_runs.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights {

namespace {

using servicedesign::detail::Random;
using detail::leiden_run;
using detail::parallel_runs;
using detail::run_seed;

// Seeds of choose_resolution(), apart from the ensemble's runs 0, 1, ….
constexpr std::size_t shuffle_stream = 1U << 20U;
constexpr std::size_t notes_run_stream = shuffle_stream + 1U;
constexpr std::size_t shuffled_run_stream = shuffle_stream + 2U;

// The graph with its links shuffled (the configuration model): every link (u, v, w) is turned at random and
// its second end exchanged with another link's, so each note keeps its number of link ends; the links keep
// their similarity, loops are dropped and parallel links added up (in link order, so the sums reproduce).
NeighbourGraph shuffled_graph(const NeighbourGraph& graph, std::uint64_t seed) {
  std::vector<std::uint32_t> from;
  std::vector<std::uint32_t> to;
  std::vector<double> weight;
  for (std::size_t u = 0; u < graph.nodes; ++u) {
    for (std::size_t e = graph.start[u]; e < graph.start[u + 1]; ++e) {
      if (graph.neighbour[e] > u && graph.weight[e] > 0.0) {
        from.push_back(static_cast<std::uint32_t>(u));
        to.push_back(graph.neighbour[e]);
        weight.push_back(graph.weight[e]);
      }
    }
  }
  Random random(seed);
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (random.below(2) == 1) std::swap(from[i], to[i]);
  }
  random.shuffle(to);
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> links;
  links.reserve(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] != to[i]) links.emplace_back(std::min(from[i], to[i]), std::max(from[i], to[i]), weight[i]);
  }
  std::stable_sort(links.begin(), links.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> merged;
  for (const auto& link : links) {
    if (!merged.empty() && std::get<0>(merged.back()) == std::get<0>(link) && std::get<1>(merged.back()) == std::get<1>(link)) {
      std::get<2>(merged.back()) += std::get<2>(link);
    } else {
      merged.push_back(link);
    }
  }
  return NeighbourGraph::from_edges(graph.nodes, std::move(merged));
}

std::size_t distinct(const std::vector<std::int32_t>& labels) {
  std::vector<char> seen(labels.size(), 0);
  std::size_t count = 0;
  for (auto l : labels) {
    const auto i = static_cast<std::size_t>(l);
    if (i < seen.size() && seen[i] == 0) {
      seen[i] = 1;
      ++count;
    }
  }
  return count;
}

// The top of the least-squares parabola through (x, y), or `fallback` when it is not concave.
double parabola_top(const std::vector<double>& x, const std::vector<double>& y, double fallback) {
  // Normal equations of y ≈ a x² + b x + c, solved by Cramer's rule (3 × 3, x centred by the caller).
  double s[5] = {0, 0, 0, 0, 0};
  double t[3] = {0, 0, 0};
  for (std::size_t i = 0; i < x.size(); ++i) {
    double power = 1.0;
    for (int k = 0; k < 5; ++k) {
      s[k] += power;
      if (k < 3) t[k] += power * y[i];
      power *= x[i];
    }
  }
  const auto det = [](double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  };
  // Rows: [s4 s3 s2 | t2], [s3 s2 s1 | t1], [s2 s1 s0 | t0] for the unknowns (a, b, c).
  const double d = det(s[4], s[3], s[2], s[3], s[2], s[1], s[2], s[1], s[0]);
  if (x.size() < 3 || std::abs(d) < 1e-300) return fallback;
  const double a = det(t[2], s[3], s[2], t[1], s[2], s[1], t[0], s[1], s[0]) / d;
  const double b = det(s[4], t[2], s[2], s[3], t[1], s[1], s[2], t[0], s[0]) / d;
  if (!(a < 0.0)) return fallback;
  return -b / (2.0 * a);
}

}  // namespace

ResolutionChoice choose_resolution(const NeighbourGraph& graph, std::uint64_t seed, const ClusterProgress& progress,
                                   std::size_t threads_limit) {
  detail::check_graph(graph, "choose_resolution");
  ResolutionChoice choice;
  double two_m = 0.0;
  for (double w : graph.weight) two_m += w > 0.0 ? w : 0.0;
  if (two_m <= 0.0) return choice;
  const NeighbourGraph shuffled = shuffled_graph(graph, run_seed(seed, shuffle_stream));
  // Points on a log scale: γ = 2^(index · step), from 1/128 to 1024.
  constexpr double step = 0.25;
  constexpr int lowest = -28;
  constexpr int highest = 40;
  std::map<int, ResolutionPoint> points;
  const std::array<const NeighbourGraph*, 2> graphs{&graph, &shuffled};
  const std::array<std::uint64_t, 2> seeds{run_seed(seed, notes_run_stream), run_seed(seed, shuffled_run_stream)};
  double done = 0.0;  // points evaluated, for progress: done / (done + 4) rises towards 1 however many there are
  // Evaluates the points not yet known among `indices` together: their runs (on the notes and on the shuffled
  // graph, interleaved, as the latter are the slower) share the threads.
  const auto evaluate = [&](std::initializer_list<int> indices) {
    std::vector<int> todo;
    for (const int index : indices) {
      if (index >= lowest && index <= highest && points.count(index) == 0 &&
          std::find(todo.begin(), todo.end(), index) == todo.end()) {
        todo.push_back(index);
      }
    }
    if (todo.empty()) return;
    std::vector<std::vector<std::int32_t>> labels(2 * todo.size());
    const auto resolution_of = [&](std::size_t point) { return std::exp2(todo[point] * step); };
    const std::size_t threads =
        servicedesign::detail::threads_for(labels.size(), static_cast<double>(graph.neighbour.size()) * 50.0, threads_limit);
    const auto report = [&](double share) {
      const double within = share * static_cast<double>(todo.size());
      return !progress || progress("resolution", (done + within) / (done + within + 4.0));
    };
    parallel_runs(labels.size(), threads, report, [&](std::size_t k, const std::function<bool(double)>& keep_going) {
      LeidenOptions options;
      options.resolution = resolution_of(k / 2);
      labels[k] = leiden_run(*graphs[k % 2], options, seeds[k % 2], keep_going);
    });
    for (std::size_t i = 0; i < todo.size(); ++i) {
      ResolutionPoint& point = points[todo[i]];
      point.resolution = resolution_of(i);
      point.modularity = modularity(graph, labels[2 * i], point.resolution);
      point.shuffled_modularity = modularity(shuffled, labels[2 * i + 1], point.resolution);
      point.themes = distinct(labels[2 * i]);
      point.shuffled_themes = distinct(labels[2 * i + 1]);
    }
    done += static_cast<double>(todo.size());
  };
  const auto best_index = [&] {  // the highest excess; ties: the lowest γ
    int best = points.begin()->first;
    for (const auto& [index, point] : points) {
      if (point.excess() > points.at(best).excess()) best = index;
    }
    return best;
  };
  // Walk from γ = 1 towards the higher neighbour until two steps in a row bring no new maximum. When the
  // frontier is the best point the walk surely takes two more steps (whether or not the first is a new best),
  // so those two are evaluated together and their runs share the threads: the same points as step by step.
  evaluate({-1, 0, 1});
  const int direction = points.at(1).excess() >= points.at(-1).excess() ? 1 : -1;
  for (int frontier = direction; (frontier - best_index()) * direction < 2;) {
    const int steps = 2 - (frontier - best_index()) * direction;  // 2 at the best point, else 1
    if (steps == 2) {
      evaluate({frontier + direction, frontier + 2 * direction});
    } else {
      evaluate({frontier + direction});
    }
    frontier += steps * direction;
    if (frontier < lowest || frontier > highest) break;
  }
  // The five points around the best (a point found there may be the new best: then around that one).
  for (int best = best_index();;) {
    evaluate({best - 2, best - 1, best, best + 1, best + 2});
    const int again = best_index();
    if (again == best) break;
    best = again;
  }
  const int best = best_index();
  std::vector<double> x;
  std::vector<double> y;
  for (int index = best - 2; index <= best + 2; ++index) {
    if (points.count(index) != 0) {
      x.push_back((index - best) * step);
      y.push_back(points.at(index).excess());
    }
  }
  const double offset = std::clamp(parabola_top(x, y, 0.0), -step, step);
  choice.resolution = std::exp2(best * step + offset);
  for (const auto& [index, point] : points) choice.profile.push_back(point);
  return choice;
}
}  // namespace servicedesign::insights
