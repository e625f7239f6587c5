#include "servicedesign/process/proposed_needs.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "enum_names.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::process {

namespace {

constexpr detail::NameTable<ReviewAction, 3> review_action_names{
    {{ReviewAction::adopt, "adopt"}, {ReviewAction::merge, "merge"}, {ReviewAction::drop, "drop"}}};

}  // namespace

std::string_view to_string(ReviewAction action) noexcept { return detail::name_of(review_action_names, action); }

template <>
ReviewAction from_string<ReviewAction>(std::string_view key) {
  return detail::parse(review_action_names, key, "review action");
}

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

std::vector<std::string> adopt_needs(Project& project, const std::vector<ProposedNeed>& proposals,
                                     const std::vector<NeedReview>& reviews) {
  std::map<std::int32_t, std::size_t> proposal_of;  // theme -> index into proposals
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const ProposedNeed& p = proposals[i];
    if (p.note_ids.empty()) throw InvalidInput("adopt_needs: the need proposed from theme " + std::to_string(p.theme) + " has no notes");
    if (!proposal_of.emplace(p.theme, i).second) {
      throw InvalidInput("adopt_needs: theme " + std::to_string(p.theme) + " is proposed twice");
    }
  }
  std::vector<NeedReview> review_of(proposals.size());  // adopt as proposed unless reviewed
  std::vector<bool> reviewed(proposals.size(), false);
  for (const NeedReview& r : reviews) {
    const auto found = proposal_of.find(r.theme);
    if (found == proposal_of.end()) {
      throw InvalidInput("adopt_needs: the review names theme " + std::to_string(r.theme) + ", which no proposal comes from");
    }
    if (reviewed[found->second]) throw InvalidInput("adopt_needs: theme " + std::to_string(r.theme) + " is reviewed twice");
    reviewed[found->second] = true;
    review_of[found->second] = r;
  }
  // Notes and themes merged into each adopted proposal.
  std::vector<std::vector<std::size_t>> merged(proposals.size());
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const NeedReview& r = review_of[i];
    if (r.action != ReviewAction::merge) continue;
    const std::string what = "adopt_needs: theme " + std::to_string(proposals[i].theme) + " is merged into theme " +
                             std::to_string(r.into);
    const auto target = proposal_of.find(r.into);
    if (target == proposal_of.end()) throw InvalidInput(what + ", which no proposal comes from");
    if (review_of[target->second].action != ReviewAction::adopt) throw InvalidInput(what + ", which is not adopted");
    merged[target->second].push_back(i);
  }
  Project updated = project;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    const NeedReview& r = review_of[i];
    if (r.action != ReviewAction::adopt) continue;
    Need need;
    need.id = r.need_id;
    need.title = r.title.empty() ? proposals[i].title : r.title;
    for (std::size_t w = 0; w < proposals[i].keywords.size(); ++w) {
      need.description += (w > 0 ? ", " : "") + proposals[i].keywords[w];
    }
    std::set<std::string> seen;
    for (const std::size_t source : [&] {
           std::vector<std::size_t> all{i};
           all.insert(all.end(), merged[i].begin(), merged[i].end());
           return all;
         }()) {
      need.source_themes.push_back(proposals[source].theme);
      for (const auto& note : proposals[source].note_ids) {
        if (seen.insert(note).second) need.source_notes.push_back(note);
      }
    }
    ids.push_back(updated.add_need(std::move(need)).id);
  }
  project = std::move(updated);
  return ids;
}

RerunComparison compare_with_rerun(const Project& project, const std::vector<ProposedNeed>& rerun) {
  RerunComparison out;
  std::set<std::int32_t> matched;
  for (const Need& need : project.needs()) {
    if (need.source_notes.empty()) continue;
    const std::set<std::string> mine(need.source_notes.begin(), need.source_notes.end());
    NeedChange change;
    change.need_id = need.id;
    const ProposedNeed* best = nullptr;
    for (const ProposedNeed& p : rerun) {
      std::size_t shared = 0;
      for (const auto& id : p.note_ids) shared += mine.count(id);
      if (shared == 0) continue;
      matched.insert(p.theme);
      const double jaccard = static_cast<double>(shared) / static_cast<double>(mine.size() + p.note_ids.size() - shared);
      if (jaccard > change.overlap) {
        change.overlap = jaccard;
        best = &p;
      }
    }
    if (best != nullptr) {
      change.theme = best->theme;
      const std::set<std::string> theirs(best->note_ids.begin(), best->note_ids.end());
      for (const auto& id : best->note_ids) {
        if (!mine.count(id)) change.notes_gained.push_back(id);
      }
      for (const auto& id : need.source_notes) {
        if (!theirs.count(id)) change.notes_lost.push_back(id);
      }
    } else {
      change.notes_lost = need.source_notes;
    }
    out.needs.push_back(std::move(change));
  }
  for (const ProposedNeed& p : rerun) {
    if (!matched.count(p.theme)) out.new_themes.push_back(p.theme);
  }
  return out;
}

}  // namespace servicedesign::process
