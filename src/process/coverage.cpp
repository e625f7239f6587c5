#include "servicedesign/process/coverage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

std::string_view to_string(CoverageFlagKind kind) noexcept {
  switch (kind) {
    case CoverageFlagKind::need_without_evidence: return "need_without_evidence";
    case CoverageFlagKind::single_segment: return "single_segment";
    case CoverageFlagKind::single_arena: return "single_arena";
    case CoverageFlagKind::segment_never_heard: return "segment_never_heard";
  }
  return "unknown";
}

CoverageReport evidence_coverage(const Project& project) {
  // need -> distinct notes behind it (a note cited by two insights of one need counts once)
  std::map<std::string, std::set<std::string>> notes_of_need;
  for (const auto& insight : project.insights()) {
    if (insight.need_id.empty() || insight.status == InsightStatus::archived) continue;
    notes_of_need[insight.need_id].insert(insight.evidence.begin(), insight.evidence.end());
  }

  CoverageReport report;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> counts;
  for (const auto& [need_id, note_ids] : notes_of_need) {
    for (const auto& note_id : note_ids) {
      const Note& n = project.note(note_id);
      ++counts[{need_id, n.segment, n.arena_id}];
    }
  }
  for (const auto& [key, count] : counts) {
    report.cells.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  }

  for (const auto& need : project.needs()) {
    const std::string label = "need " + need.id + " (" + need.title + ")";
    const auto it = notes_of_need.find(need.id);
    if (it == notes_of_need.end() || it->second.empty()) {
      report.flags.push_back({CoverageFlagKind::need_without_evidence, need.id, label + " has no notes behind it"});
      continue;
    }
    std::set<std::string> segments;
    std::set<std::string> arenas;
    for (const auto& note_id : it->second) {
      const Note& n = project.note(note_id);
      segments.insert(n.segment);
      arenas.insert(n.arena_id);
    }
    if (segments.size() == 1) {
      report.flags.push_back({CoverageFlagKind::single_segment, need.id,
                              label + " rests on one segment: " + *segments.begin()});
    }
    if (arenas.size() == 1) {
      report.flags.push_back({CoverageFlagKind::single_arena, need.id,
                              label + " rests on one arena: " + project.arena(*arenas.begin()).name});
    }
  }

  std::set<std::string> heard;
  for (const auto& n : project.notes()) heard.insert(n.segment);
  for (const auto& seg : project.segments()) {
    if (seg.target && !heard.count(seg.key)) {
      report.flags.push_back({CoverageFlagKind::segment_never_heard, seg.key,
                              "target segment " + seg.key + " (" + seg.name + ") has never been heard"});
    }
  }
  return report;
}

std::vector<SaturationPoint> saturation(const Project& project) {
  std::vector<const Workshop*> order;
  for (const auto& w : project.workshops()) order.push_back(&w);
  std::stable_sort(order.begin(), order.end(), [](const Workshop* a, const Workshop* b) { return a->date < b->date; });
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]->id] = i;

  std::vector<std::size_t> new_themes(order.size(), 0);
  for (const auto& insight : project.insights()) {
    if (insight.status == InsightStatus::archived || insight.evidence.empty()) continue;
    std::size_t first = order.size();
    for (const auto& note_id : insight.evidence) first = std::min(first, position.at(project.note(note_id).workshop_id));
    ++new_themes[first];
  }
  std::vector<SaturationPoint> curve;
  std::size_t cumulative = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    cumulative += new_themes[i];
    curve.push_back({order[i]->id, order[i]->date, new_themes[i], cumulative});
  }
  return curve;
}

}  // namespace servicedesign::process
