// Every free-text field of a project, in one walk (personal_fields(): kind free_text): the text the team
// writes, which may mention people by name. The public edition and erasure both scrub names from exactly
// these fields; tests/cpp/test_personal_data.cpp checks that the walk and the register list the same fields.
#pragma once

#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

template <class Visit>
void Project::visit_free_text(Visit&& visit) {
  visit("Project", "name", name_);
  for (auto& p : persons_.items) {
    for (auto& [key, value] : p.attributes) visit("Person", "attributes", value);
  }
  for (auto& n : notes_.items) {
    for (auto& tag : n.tags) visit("Note", "tags", tag);
  }
  for (auto& need : needs_.items) {
    visit("Need", "title", need.title);
    visit("Need", "description", need.description);
  }
  for (auto& arena : arenas_.items) {
    visit("Arena", "name", arena.name);
    visit("Arena", "host", arena.host);
  }
  for (auto& i : insights_.items) {
    visit("Insight", "who", i.who);
    visit("Insight", "what", i.what);
    visit("Insight", "why", i.why);
  }
  for (auto& o : opportunities_.items) visit("Opportunity", "how_might_we", o.how_might_we);
  for (auto& idea : ideas_.items) {
    visit("Idea", "title", idea.title);
    visit("Idea", "description", idea.description);
  }
  for (auto& t : tests_.items) visit("PrototypeTest", "plan", t.plan);
  for (auto& g : groups_.items) visit("WorkingGroup", "name", g.name);
  std::vector<Track*> all_tracks{&phase_};
  for (auto& t : tracks_.items) all_tracks.push_back(&t);
  for (Track* t : all_tracks) {
    visit("Challenge", "purpose", t->challenge.purpose);
    visit("Challenge", "for_whom", t->challenge.for_whom);
    visit("Challenge", "do_what", t->challenge.do_what);
    visit("Challenge", "how", t->challenge.how);
    visit("Challenge", "goal", t->challenge.goal);
    for (auto& gate : t->gates) {
      for (auto& criterion : gate) visit("GateCriterion", "description", criterion.description);
    }
    for (auto& d : t->decisions) visit("Decision", "rationale", d.rationale);
  }
}

}  // namespace servicedesign::process
