// A project folder of CSV files (project.csv, segments.csv, … working_groups.csv) either imports into a
// project that survives an archive round trip, or raises a servicedesign::Error. The input holds the files
// one after another, each starting with a line "=== <name>" (see tests/fuzz/corpus/fuzz_project_csv/).
#include <stdlib.h>  // mkdtemp

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <servicedesign/core/error.hpp>
#include <servicedesign/process/archive.hpp>
#include <servicedesign/process/csv_import.hpp>
#include <servicedesign/process/project.hpp>
#include <string>
#include <string_view>

namespace {

const char* const file_names[] = {"project.csv", "segments.csv", "needs.csv",    "people.csv",        "arenas.csv",
                                  "workshops.csv", "notes.csv",  "insights.csv", "working_groups.csv"};

// One folder per fuzzing process, emptied before each input.
const std::filesystem::path& folder() {
  static const std::filesystem::path path = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "fuzz-project-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) __builtin_trap();
    return std::filesystem::path(pattern);
  }();
  return path;
}

void write(const std::string& name, std::string_view contents) {
  for (const char* known : file_names) {
    if (name == known) {
      std::ofstream(folder() / name, std::ios::binary).write(contents.data(), static_cast<std::streamsize>(contents.size()));
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace servicedesign::process;
  for (const char* name : file_names) std::filesystem::remove(folder() / name);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view marker = "=== ";
  std::size_t at = input.find(marker);
  while (at != std::string_view::npos) {
    const std::size_t name_end = input.find('\n', at);
    if (name_end == std::string_view::npos) break;
    const std::string name(input.substr(at + marker.size(), name_end - at - marker.size()));
    const std::size_t next = input.find("\n=== ", name_end);
    const std::size_t end = next == std::string_view::npos ? input.size() : next + 1;
    write(name, input.substr(name_end + 1, end - name_end - 1));
    at = next == std::string_view::npos ? next : next + 1;
  }
  try {
    const Project project = import_project_csv(folder());
    // Whatever imports must save and load back as the same project.
    if (!(load_project_from_string(save_project_to_string(project)) == project)) __builtin_trap();
  } catch (const servicedesign::Error&) {
  }
  return 0;
}
