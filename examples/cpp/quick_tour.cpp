// The README's tour: the example project moves to its second step, what its gate still misses is listed,
// and it is saved to one file.
#include <iostream>
#include <servicedesign/servicedesign.hpp>

int main(int argc, char** argv) {
  using namespace servicedesign::process;
  Project p = import_project_csv(argc > 1 ? argv[1] : "examples/data/storvik");
  p.advance({.who = "Eva", .rationale = "Utfordringen er skrevet", .when = "2026-02-01"});
  for (const auto& unmet : p.check_gate()) std::cout << unmet.explanation << '\n';
  save_project(p, "storvik.sdproj");  // atomic, checksummed, versioned
}
