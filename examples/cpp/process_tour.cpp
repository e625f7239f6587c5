// A project's first steps: challenge, segments, an arena, a workshop, notes, an insight, the gate and the
// evidence coverage, saved to one file (docs/process.md, "Worked example").
#include <iostream>
#include <servicedesign/servicedesign.hpp>

int main() {
  using namespace servicedesign::process;
  Project p("Kulturens infrastruktur i Sörmland");
  p.set_challenge({"Vi vill förstå vad fria kulturaktörer behöver", "fria kulturaktörer och kommunernas tjänstepersoner",
                   "hitta stöd, samverkan och mötesplatser", "genom problemverkstäder", "Tre prioriterade behov"});
  p.add_segment({"independent", "Fria kulturaktörer"});
  p.add_segment({"staff", "Tjänstepersoner"});
  p.add_arena({"A1", "Kulturhuset", "Region Sörmland", {"independent", "staff"}, true});
  p.advance({.who = "Projektledare", .rationale = "Utmaningen är skriven", .when = "2026-02-01"});

  p.add_workshop({.id = "W1", .arena_id = "A1", .date = "2026-02-10", .facilitators = {{"Anna", true}},
                  .segments_present = {"independent", "staff"}});
  // Ids, not references: adding a note may move the notes recorded before it.
  const std::string n1 = p.record_note({.text = "Svårt att hitta lokaler för repetition", .workshop_id = "W1",
                                        .segment = "independent"}).id;
  const std::string n2 = p.record_note({.text = "Ingen vet vem som ansvarar för lokalbokning", .workshop_id = "W1",
                                        .segment = "staff"}).id;
  p.add_need({.id = "ND1", .title = "Lokaler och mötesplatser"});
  p.add_insight({.who = "Fria kulturaktörer", .what = "hitta lokaler", .why = "de saknar en plats att repetera",
                 .need_id = "ND1", .evidence = {n1, n2}, .status = InsightStatus::evidenced});

  for (const auto& unmet : p.check_gate()) std::cout << unmet.explanation << '\n';
  // "1 of the required 5 focus areas are backed by notes (ND1)"

  for (const auto& flag : evidence_coverage(p).flags) std::cout << flag.explanation << '\n';
  // "need ND1 (Lokaler och mötesplatser) rests on one arena: Kulturhuset"

  save_project(p, "sormland.sdproj");  // atomic, checksummed, versioned
}
