#include "servicedesign/insights/labels.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

std::vector<ThemeLabel> label_themes(const std::vector<std::vector<std::string>>& terms, const Clustering& clustering,
                                     const SparseMatrix* vectors, const TextPipeline* pipeline, const LabelOptions& options) {
  const std::size_t n = clustering.labels.size();
  if (terms.size() != n) {
    throw InvalidInput("label_themes: " + std::to_string(terms.size()) + " notes but " + std::to_string(n) + " labels");
  }
  if (vectors != nullptr && vectors->rows != n) {
    throw InvalidInput("label_themes: " + std::to_string(vectors->rows) + " vectors but " + std::to_string(n) + " labels");
  }
  const std::size_t themes = clustering.themes;
  for (std::size_t i = 0; i < n; ++i) {
    if (clustering.labels[i] < -1 || (clustering.labels[i] >= 0 && static_cast<std::size_t>(clustering.labels[i]) >= themes)) {
      throw InvalidInput("label_themes: note " + std::to_string(i) + " has theme " + std::to_string(clustering.labels[i]) +
                         ", outside -1.." + std::to_string(themes) + "-1");
    }
  }
  std::vector<ThemeLabel> labels(themes);
  std::vector<std::map<std::string, double>> counts(themes);
  std::map<std::string, double> overall;
  std::vector<double> words(themes, 0.0);
  std::vector<std::vector<std::size_t>> members(themes);
  for (std::size_t i = 0; i < n; ++i) {
    if (clustering.labels[i] < 0) continue;  // no theme
    const auto c = static_cast<std::size_t>(clustering.labels[i]);
    members[c].push_back(i);
    for (const auto& t : terms[i]) {
      counts[c][t] += 1.0;
      overall[t] += 1.0;
      words[c] += 1.0;
    }
  }
  double total_words = 0.0;
  for (double w : words) total_words += w;
  const double average = themes > 0 ? total_words / static_cast<double>(themes) : 0.0;

  for (std::size_t c = 0; c < themes; ++c) {
    ThemeLabel& label = labels[c];
    label.size = members[c].size();
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [term, count] : counts[c]) {
      ranked.emplace_back(count / words[c] * std::log(1.0 + average / overall[term]), term);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::set<std::string> shown;
    for (const auto& [score, term] : ranked) {
      if (label.keywords.size() >= options.keywords) break;
      std::string word = pipeline != nullptr ? pipeline->surface_form(term) : term;
      if (!shown.insert(word).second) continue;
      label.keywords.push_back(std::move(word));
      label.scores.push_back(score);
    }
    // Representatives: highest cosine to the mean of the theme's rows.
    std::vector<std::pair<double, std::size_t>> closeness;
    if (vectors != nullptr) {
      std::map<std::uint32_t, double> mean;
      for (auto i : members[c]) {
        for (std::size_t e = vectors->row_start[i]; e < vectors->row_start[i + 1]; ++e) mean[vectors->col[e]] += vectors->value[e];
      }
      for (auto i : members[c]) {
        double dot = 0.0;
        for (std::size_t e = vectors->row_start[i]; e < vectors->row_start[i + 1]; ++e) dot += vectors->value[e] * mean[vectors->col[e]];
        closeness.emplace_back(-dot, i);
      }
    } else {
      for (auto i : members[c]) closeness.emplace_back(0.0, i);
    }
    std::sort(closeness.begin(), closeness.end());
    for (std::size_t k = 0; k < std::min(options.representatives, closeness.size()); ++k) {
      label.representatives.push_back(closeness[k].second);
    }
  }
  return labels;
}

}  // namespace servicedesign::insights
