#include "servicedesign/priorities/needs.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "servicedesign/core/error.hpp"
#include "servicedesign/process/privacy.hpp"
#include "servicedesign/process/project.hpp"
#include "servicedesign/process/proposed_needs.hpp"

namespace servicedesign::priorities {

namespace {

std::vector<std::string> distinct(const std::vector<EvidenceNote>& notes, std::string EvidenceNote::*field) {
  std::set<std::string> values;
  for (const auto& note : notes) {
    if (!(note.*field).empty()) values.insert(note.*field);
  }
  return {values.begin(), values.end()};
}

void add_note(NeedEvidence& need, EvidenceNote note) {
  const bool known = std::any_of(need.notes.begin(), need.notes.end(), [&](const EvidenceNote& n) { return n.id == note.id; });
  if (!known) need.notes.push_back(std::move(note));
}

}  // namespace

std::vector<std::string> NeedEvidence::segments() const { return distinct(notes, &EvidenceNote::segment); }

std::vector<std::string> NeedEvidence::arenas() const { return distinct(notes, &EvidenceNote::arena_id); }

bool may_quote(process::Consent note, process::Consent audience) noexcept {
  return process::may_show(note, audience == process::Consent::public_ ? process::Audience::public_
                                                                       : process::Audience::internal);
}

namespace {

// A project's note as evidence, with the consent the privacy rule judges it by (capped by its author's).
EvidenceNote evidence_note(const process::Project& project, const std::string& note_id) {
  const process::Note& note = project.note(note_id);
  return EvidenceNote{note.id, note.text, note.segment, note.arena_id, process::effective_consent(project, note)};
}

}  // namespace

std::vector<NeedEvidence> needs_from_proposals(const process::Project& project,
                                               const std::vector<process::ProposedNeed>& proposals) {
  std::vector<NeedEvidence> out;
  std::set<std::string> ids;
  for (const process::ProposedNeed& proposal : proposals) {
    if (proposal.note_ids.empty()) {
      throw InvalidInput("needs_from_proposals: the need proposed from theme " + std::to_string(proposal.theme) +
                         " has no notes");
    }
    NeedEvidence need{"T" + std::to_string(proposal.theme), proposal.title, {}, {}, {}};
    if (!ids.insert(need.id).second) {
      throw InvalidInput("needs_from_proposals: theme " + std::to_string(proposal.theme) + " is proposed twice");
    }
    for (const auto& id : proposal.note_ids) add_note(need, evidence_note(project, id));
    out.push_back(std::move(need));
  }
  return out;
}

std::vector<NeedEvidence> needs_from_project(const process::Project& project) {
  std::vector<NeedEvidence> out;
  std::map<std::string, std::size_t> index;
  for (const auto& need : project.needs()) {
    index.emplace(need.id, out.size());
    out.push_back(NeedEvidence{need.id, need.title, {}, {}, {}});
  }
  for (const auto& insight : project.insights()) {
    const auto at = index.find(insight.need_id);
    if (at == index.end()) continue;  // an insight not yet tied to a need
    NeedEvidence& need = out[at->second];
    need.insight_ids.push_back(insight.id);
    need.statements.push_back(insight.statement());
    for (const auto& note_id : insight.evidence) add_note(need, evidence_note(project, note_id));
  }
  // A need adopted from the themes has the theme's notes as evidence too.
  for (const auto& need : project.needs()) {
    for (const auto& note_id : need.source_notes) add_note(out[index.at(need.id)], evidence_note(project, note_id));
  }
  return out;
}

std::vector<NeedEvidence> needs_from_themes(const std::vector<EvidenceNote>& notes, const std::vector<std::int32_t>& themes,
                                            const std::vector<std::string>& titles) {
  if (notes.size() != themes.size()) {
    throw InvalidInput("needs_from_themes: " + std::to_string(themes.size()) + " theme labels for " + std::to_string(notes.size()) + " notes");
  }
  std::int32_t largest = -1;
  for (const std::int32_t t : themes) largest = std::max(largest, t);
  const std::size_t count = static_cast<std::size_t>(largest) + 1;  // largest ≥ −1
  if (!titles.empty() && titles.size() < count) {
    throw InvalidInput("needs_from_themes: " + std::to_string(titles.size()) + " titles for " + std::to_string(count) +
                       " themes; give one title per theme or none");
  }
  std::vector<NeedEvidence> by_number(count);
  for (std::size_t t = 0; t < count; ++t) {
    by_number[t].id = "T" + std::to_string(t);
    by_number[t].title = titles.empty() ? "Theme " + std::to_string(t) : titles[t];
  }
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (themes[i] >= 0) add_note(by_number[static_cast<std::size_t>(themes[i])], notes[i]);
  }
  // Numbers that merges or refits left without notes make no need: a need is never empty.
  std::vector<NeedEvidence> out;
  for (auto& need : by_number) {
    if (!need.notes.empty()) out.push_back(std::move(need));
  }
  return out;
}

CriteriaMatrix evidence_criteria(const std::vector<NeedEvidence>& needs) {
  CriteriaMatrix out;
  out.names = {"segments", "arenas", "notes"};
  std::vector<std::vector<double>> counts;
  std::vector<double> largest(3, 0.0);
  for (const auto& need : needs) {
    std::vector<double> row{static_cast<double>(need.segments().size()), static_cast<double>(need.arenas().size()),
                            static_cast<double>(need.frequency())};
    for (std::size_t c = 0; c < 3; ++c) largest[c] = std::max(largest[c], row[c]);
    counts.push_back(std::move(row));
  }
  for (auto& row : counts) {
    for (std::size_t c = 0; c < 3; ++c) row[c] = largest[c] > 0 ? row[c] / largest[c] : 0.0;
  }
  out.values = std::move(counts);
  return out;
}

}  // namespace servicedesign::priorities
