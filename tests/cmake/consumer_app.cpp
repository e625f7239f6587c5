// A tiny program a C++ user would write: build a project, move it forward, save and reload it.
#include <cstdio>
#include <filesystem>
#include <servicedesign/servicedesign.hpp>

int main() {
  using namespace servicedesign::process;
  Project project("Consumer check");
  project.set_challenge({"Vi vill förstå", "kulturaktörer", "hitta stöd", "tillsammans", "Tre behov"});
  project.add_segment({"artists", "Kulturskapare"});
  project.advance({.who = "consumer", .rationale = "challenge written", .evidence = {}, .when = "2026-01-01"});
  const auto path = std::filesystem::temp_directory_path() / "servicedesign-consumer.sdproj";
  save_project(project, path, ArchiveFormat::xml);
  const Project loaded = load_project(path);
  std::filesystem::remove(path);
  std::printf("servicedesign %s: step %s\n", servicedesign::version_string, loaded.current_step().name_sv.c_str());
  return loaded == project ? 0 : 1;
}
