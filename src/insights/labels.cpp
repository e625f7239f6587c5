#include "servicedesign/insights/labels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "servicedesign/core/error.hpp"

namespace servicedesign::insights {

namespace {

// A general word's score is multiplied by this: low enough that any topic word of the theme ranks first,
// not zero, so that a theme made only of such words still gets keywords.
constexpr double general_word_weight = 0.1;

constexpr std::array<Language, 4> every_language{Language::swedish, Language::norwegian, Language::danish,
                                                 Language::english};

// The general words of each language as terms may hold them: as written and as that language's stem.
class GeneralTerms {
 public:
  bool holds(const std::string& term, Language language) {
    if (language == Language::unknown) {
      return std::any_of(every_language.begin(), every_language.end(), [&](Language l) { return holds(term, l); });
    }
    auto found = terms_.find(language);
    if (found == terms_.end()) {
      std::set<std::string, std::less<>> words;
      Stemmer stemmer(language);
      for (const std::string_view word : general_words(language)) {
        words.emplace(word);
        words.insert(stemmer.stem(word));
      }
      found = terms_.emplace(language, std::move(words)).first;
    }
    return found->second.count(term) != 0;
  }

 private:
  std::map<Language, std::set<std::string, std::less<>>> terms_;
};

}  // namespace

std::vector<ThemeLabel> label_themes(const std::vector<std::vector<std::string>>& terms, const Clustering& clustering,
                                     const SparseMatrix* vectors, const TextPipeline* pipeline, const LabelOptions& options,
                                     const std::vector<Language>* languages) {
  const std::size_t n = clustering.labels.size();
  if (!(options.diversity >= 0.0 && options.diversity <= 1.0)) throw InvalidInput("label_themes: diversity must lie in [0, 1]");
  if (terms.size() != n) {
    throw InvalidInput("label_themes: " + std::to_string(terms.size()) + " notes but " + std::to_string(n) + " labels");
  }
  if (languages != nullptr && languages->size() != n) {
    throw InvalidInput("label_themes: " + std::to_string(languages->size()) + " languages but " + std::to_string(n) + " labels");
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
  std::vector<std::set<Language>> spoken(themes);  // the languages of each theme's notes
  const Language fixed = pipeline != nullptr ? pipeline->options().language : Language::unknown;
  for (std::size_t i = 0; i < n; ++i) {
    if (clustering.labels[i] < 0) continue;  // no theme
    const auto c = static_cast<std::size_t>(clustering.labels[i]);
    members[c].push_back(i);
    spoken[c].insert(languages != nullptr ? (*languages)[i] : fixed);
    for (const auto& t : terms[i]) {
      counts[c][t] += 1.0;
      overall[t] += 1.0;
      words[c] += 1.0;
    }
  }
  GeneralTerms general_terms;
  const auto is_general = [&](std::size_t c, const std::string& term) {
    return std::any_of(spoken[c].begin(), spoken[c].end(), [&](Language l) { return general_terms.holds(term, l); });
  };
  double total_words = 0.0;
  for (double w : words) total_words += w;
  const double average = themes > 0 ? total_words / static_cast<double>(themes) : 0.0;

  for (std::size_t c = 0; c < themes; ++c) {
    ThemeLabel& label = labels[c];
    label.size = members[c].size();
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [term, count] : counts[c]) {
      const double weight = is_general(c, term) ? general_word_weight : 1.0;
      ranked.emplace_back(weight * count / words[c] * std::log(1.0 + average / overall[term]), term);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    // Candidates: the best few by c-TF-IDF, as distinct words; then maximal marginal relevance among them.
    std::vector<std::pair<double, std::string>> candidates;
    std::set<std::string> shown;
    for (const auto& [score, term] : ranked) {
      if (candidates.size() >= 4 * options.keywords) break;
      if (shown.insert(pipeline != nullptr ? pipeline->surface_form(term) : term).second) candidates.emplace_back(score, term);
    }
    std::map<std::string, std::set<std::size_t>> holding;  // candidate term -> the theme's notes holding it
    for (const auto& [score, term] : candidates) holding[term];
    for (const auto i : members[c]) {
      for (const auto& t : terms[i]) {
        if (const auto it = holding.find(t); it != holding.end()) it->second.insert(i);
      }
    }
    const auto cooccurrence = [&](const std::string& a, const std::string& b) {
      const auto& na = holding[a];
      const auto& nb = holding[b];
      std::size_t both = 0;
      for (const auto i : na) both += nb.count(i);
      return na.empty() || nb.empty() ? 0.0 : static_cast<double>(both) / std::sqrt(static_cast<double>(na.size() * nb.size()));
    };
    const double best = candidates.empty() || !(candidates.front().first > 0.0) ? 1.0 : candidates.front().first;
    std::vector<bool> taken(candidates.size(), false);
    while (label.keywords.size() < std::min(options.keywords, candidates.size())) {
      std::size_t pick = candidates.size();
      double pick_value = -std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < candidates.size(); ++k) {  // in c-TF-IDF order: ties keep the better word
        if (taken[k]) continue;
        double redundancy = 0.0;
        for (std::size_t j = 0; j < candidates.size(); ++j) {
          if (taken[j]) redundancy = std::max(redundancy, cooccurrence(candidates[k].second, candidates[j].second));
        }
        const double value = (1.0 - options.diversity) * candidates[k].first / best - options.diversity * redundancy;
        if (value > pick_value) {
          pick_value = value;
          pick = k;
        }
      }
      taken[pick] = true;
      const auto& [score, term] = candidates[pick];
      label.keywords.push_back(pipeline != nullptr ? pipeline->surface_form(term) : term);
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
