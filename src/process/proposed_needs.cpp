#include "servicedesign/process/proposed_needs.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "servicedesign/core/error.hpp"

namespace servicedesign::process {

std::vector<std::string> note_texts(const Project& project) {
  std::vector<std::string> texts;
  texts.reserve(project.notes().size());
  for (const Note& note : project.notes()) texts.push_back(note.text);
  return texts;
}

std::vector<std::string> note_ids(const Project& project) {
  std::vector<std::string> ids;
  ids.reserve(project.notes().size());
  for (const Note& note : project.notes()) ids.push_back(note.id);
  return ids;
}

std::vector<ProposedNeed> propose_needs(const Project& project, const insights::ThemeModel& model) {
  if (!model.fitted()) throw InvalidInput("propose_needs: the theme model is not fitted");
  std::unordered_map<std::string, std::size_t> position;  // note id -> index in the project
  for (std::size_t i = 0; i < project.notes().size(); ++i) position.emplace(project.notes()[i].id, i);
  const std::vector<std::string>& keys = model.keys();
  const std::vector<std::int32_t>& labels = model.labels();
  const std::vector<std::int64_t>& duplicate_of = model.duplicate_of();
  // The project's index of each of the model's notes, and the theme's members in project order.
  std::map<std::int32_t, std::vector<std::size_t>> members;  // theme -> model note indices
  std::vector<std::size_t> in_project(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto found = position.find(keys[k]);
    if (found == position.end()) {
      throw InvalidInput("propose_needs: the theme model's note '" + keys[k] +
                         "' is not a note of the project; fit the model with the notes' ids as keys");
    }
    in_project[k] = found->second;
    if (labels[k] >= 0) members[labels[k]].push_back(k);
  }
  std::vector<ProposedNeed> out;
  for (const insights::ThemeSummary& theme : model.themes()) {
    const auto found = members.find(theme.theme);
    if (found == members.end() || found->second.empty()) continue;  // a summary always has notes; kept safe
    std::vector<std::size_t>& notes = found->second;
    std::sort(notes.begin(), notes.end(), [&](std::size_t a, std::size_t b) { return in_project[a] < in_project[b]; });
    ProposedNeed need;
    need.theme = theme.theme;
    need.keywords = theme.keywords;
    if (!theme.name.empty()) {
      need.title = theme.name;
    } else {
      for (std::size_t w = 0; w < std::min<std::size_t>(3, theme.keywords.size()); ++w) {
        need.title += (w > 0 ? ", " : "") + theme.keywords[w];
      }
    }
    if (need.title.empty()) need.title = "Theme " + std::to_string(theme.theme);
    std::set<std::string> segments;
    std::set<std::string> arenas;
    for (const std::size_t k : notes) {
      const Note& note = project.notes()[in_project[k]];
      need.note_ids.push_back(note.id);
      if (!note.segment.empty()) segments.insert(note.segment);
      if (!note.arena_id.empty()) arenas.insert(note.arena_id);
      if (duplicate_of[k] >= 0 && static_cast<std::size_t>(duplicate_of[k]) != k) ++need.copies;
    }
    need.segments.assign(segments.begin(), segments.end());
    need.arenas.assign(arenas.begin(), arenas.end());
    out.push_back(std::move(need));
  }
  std::stable_sort(out.begin(), out.end(), [](const ProposedNeed& a, const ProposedNeed& b) {
    return a.note_ids.size() != b.note_ids.size() ? a.note_ids.size() > b.note_ids.size() : a.theme < b.theme;
  });
  return out;
}

}  // namespace servicedesign::process
