// notes → themes → needs → working groups → members → each group's own track (docs/process.md).
#include <iostream>
#include <servicedesign/servicedesign.hpp>

int main(int argc, char** argv) {
  using namespace servicedesign;
  process::Project project = process::import_project_csv(argc > 1 ? argv[1] : "examples/data/storvik");
  insights::ThemeModel themes({.seed = 2026});
  themes.fit(process::note_texts(project), {.keys = process::note_ids(project)});
  const auto ids = process::adopt_needs(project, process::propose_needs(project, themes));  // review: all kept
  std::vector<priorities::NeedEvidence> adopted;
  for (auto& need : priorities::needs_from_project(project))
    if (std::find(ids.begin(), ids.end(), need.id) != ids.end()) adopted.push_back(need);
  const auto ranking = priorities::weighted_scores(priorities::evidence_criteria(adopted),
                                                   priorities::EvidenceWeights{}.as_vector()).ranking.order();
  const std::vector<std::vector<process::Quota>> compositions{
      {{"sector", "municipal", 4, 8}, {"sector", "regional", 1, 4}},        // mostly municipal and regional staff
      {{"sector", "independent", 3, 6}, {"sector", "civil_society", 3, 6}}};  // mostly independent actors
  process::GroupSelectionOptions options;
  options.selection.seed = 2026;
  for (std::size_t top = 0; top < compositions.size(); ++top) {
    const process::Need& need = project.need(adopted[ranking[top]].id);
    process::WorkingGroup group;
    group.need_id = need.id;
    group.name = "Arbeidsgruppe: " + need.title;
    group.quotas = compositions[top];
    options.group_ids.push_back(project.add_working_group(group).id);
  }
  process::assign_members(project, process::select_working_groups(project, options));
  for (std::size_t g = 0; g < options.group_ids.size(); ++g) {
    process::Track track;
    track.group_id = options.group_ids[g];
    track.start_date = g == 0 ? "2026-09-01" : "2027-01-11";  // the groups start one after another
    project.start_track(track);
  }
  for (const auto& row : process::programme_view(project).tracks)
    std::cout << row.group_name << ": " << row.members << " members, " << row.step << " from " << row.start_date << '\n';
}
