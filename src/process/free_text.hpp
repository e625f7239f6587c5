// Every free-text field of a project, in one walk (personal_fields(): kind free_text): the text the team
// writes, which may mention people by name. The public edition and erasure scrub names from exactly these
// fields, and an access report searches them; tests/cpp/test_personal_data.cpp checks that a name written into
// them does not survive erasure.
#pragma once

#include <vector>

#include "servicedesign/process/project.hpp"

namespace servicedesign::process {

template <class Self, class Visit>
void Project::visit_free_text(Self& project, Visit&& visit) {
  visit("Project", "name", project.name_);
  for (auto& p : project.persons_.items) {
    for (auto& [key, value] : p.attributes) visit("Person", "attributes", value);
  }
  for (auto& n : project.notes_.items) {
    for (auto& tag : n.tags) visit("Note", "tags", tag);
  }
  for (auto& need : project.needs_.items) {
    visit("Need", "title", need.title);
    visit("Need", "description", need.description);
  }
  for (auto& arena : project.arenas_.items) {
    visit("Arena", "name", arena.name);
    visit("Arena", "host", arena.host);
  }
  for (auto& i : project.insights_.items) {
    visit("Insight", "who", i.who);
    visit("Insight", "what", i.what);
    visit("Insight", "why", i.why);
  }
  for (auto& o : project.opportunities_.items) visit("Opportunity", "how_might_we", o.how_might_we);
  for (auto& idea : project.ideas_.items) {
    visit("Idea", "title", idea.title);
    visit("Idea", "description", idea.description);
  }
  for (auto& t : project.tests_.items) visit("PrototypeTest", "plan", t.plan);
  for (auto& g : project.groups_.items) visit("WorkingGroup", "name", g.name);
  std::vector<decltype(&project.phase_)> tracks{&project.phase_};
  for (auto& t : project.tracks_.items) tracks.push_back(&t);
  for (auto* t : tracks) {
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
