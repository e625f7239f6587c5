// One selection run, timed, for bench/selection/run.py.
//
// Usage: bench_selection FEATURES.csv PEOPLE.csv ID_COLUMN|- SIZE ALGORITHM [ADDRESS_COLUMNS [MAX_PROBABILITY]]
// ALGORITHM: legacy, maximin, nash, leximin, or leximin-columns (LEXIMIN by column generation alone)
//   MAX_PROBABILITY caps everyone's probability (SelectionOptions::max_probability; ADDRESS_COLUMNS "-": none).
//   ID_COLUMN "-" numbers the rows 1, 2, …; ADDRESS_COLUMNS is comma-separated (people sharing all of
//   them share a household, at most one per household is selected).
// Prints one JSON line: algorithm, n, k, seconds (reading excluded), min probability (over eligible people
// and over everyone), max probability, their geometric mean (Nash welfare), panels
// (compositions with positive probability in the lottery), types, iterations and peak RSS in MB
// (see peak_rss_mb).
// On failure prints {"error": "..."} and exits with 1 (2 for bad usage).

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"

namespace {

std::string json_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> parts;
  while (!s.empty()) {
    const std::size_t comma = s.find(',');
    const std::string_view part = s.substr(0, comma);
    if (!part.empty()) parts.emplace_back(part);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return parts;
}

// Peak resident memory of this process in MB. On Linux ru_maxrss carries the launching process's peak
// over exec (a child of a 16 MB Python process starts at 16 MB), so the high-water mark of this process's
// own address space, VmHWM, is read where /proc has it; getrusage elsewhere.
double peak_rss_mb() {
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    double kb = -1.0;
    while (std::fgets(line, sizeof line, status) != nullptr) {
      if (std::strncmp(line, "VmHWM:", 6) == 0) {
        kb = std::strtod(line + 6, nullptr);
        break;
      }
    }
    std::fclose(status);
    if (kb >= 0.0) return kb / 1024.0;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  namespace sel = servicedesign::selection;
  if (argc < 6 || argc > 8) {
    std::fprintf(stderr,
                 "usage: %s FEATURES.csv PEOPLE.csv ID_COLUMN|- SIZE ALGORITHM [ADDRESS_COLUMNS [MAX_PROBABILITY]]\n",
                 argc > 0 ? argv[0] : "bench_selection");
    return 2;
  }
  try {
    const std::string id_column = argv[3];
    const std::size_t size = std::stoul(argv[4]);
    sel::SelectionOptions options;
    // "leximin-columns": LEXIMIN by column generation alone (SelectionOptions::relaxation = false).
    const std::string algorithm = argv[5];
    options.relaxation = algorithm != "leximin-columns";
    options.algorithm = sel::algorithm_from_string(options.relaxation ? algorithm : "leximin");
    options.seed = 2026;
    sel::PeopleCsvOptions people_options;
    people_options.id_column = id_column == "-" ? std::string{} : id_column;
    if (argc >= 7 && std::string(argv[6]) != "-") people_options.address_columns = split_commas(argv[6]);
    if (argc == 8) options.max_probability = std::stod(argv[7]);

    const sel::Quotas quotas = sel::read_features_csv(argv[1]);
    const sel::Pool pool = sel::read_people_csv(argv[2], quotas, people_options);

    const auto start = std::chrono::steady_clock::now();
    const sel::SelectionResult result = sel::select(pool, {sel::GroupSpec{"panel", size, quotas}}, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    double max_probability = 0.0;
    double min_probability_all = result.probabilities.empty() ? 0.0 : 1.0;  // over everyone, as the peer counts
    for (const double p : result.probabilities) {
      max_probability = std::max(max_probability, p);
      min_probability_all = std::min(min_probability_all, p);
    }
    // Nash welfare as the geometric mean of the probabilities (0 when someone has none).
    double log_sum = 0.0;
    for (const double p : result.probabilities) log_sum += p > 0.0 ? std::log(p) : -HUGE_VAL;
    const double geo_mean_probability =
        result.probabilities.empty() ? 0.0 : std::exp(log_sum / static_cast<double>(result.probabilities.size()));
    std::size_t panels = 0;
    for (const double p : result.lottery.probabilities) panels += p > 0.0 ? 1 : 0;

    std::printf(
        "{\"algorithm\":\"%s\",\"n\":%zu,\"k\":%zu,\"seconds\":%.6f,\"min_probability\":%.9f,"
        "\"min_probability_all\":%.9f,\"max_probability\":%.9f,\"geo_mean_probability\":%.9f,"
        "\"panels\":%zu,\"types\":%zu,\"iterations\":%zu,\"method\":\"%s\",\"optimality_gap\":%.3g,"
        "\"peak_rss_mb\":%.1f}\n",
        json_escape(sel::to_string(options.algorithm)).c_str(), pool.size(), size, seconds,
        result.min_probability, min_probability_all, max_probability, geo_mean_probability, panels,
        result.lottery.types.size(), result.iterations, json_escape(result.method).c_str(), result.optimality_gap,
        peak_rss_mb());
    return 0;
  } catch (const sel::InfeasibleQuotas& e) {
    std::printf("{\"error\":\"%s\",\"infeasible\":true,\"peak_rss_mb\":%.1f}\n", json_escape(e.what()).c_str(),
                peak_rss_mb());
    return 1;
  } catch (const std::exception& e) {
    std::printf("{\"error\":\"%s\",\"peak_rss_mb\":%.1f}\n", json_escape(e.what()).c_str(), peak_rss_mb());
    return 1;
  }
}
