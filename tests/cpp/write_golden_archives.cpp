// Writes the golden archives tests/golden/project_v3.{txt,xml,bin} from make_golden_project_v3(), the
// current class version. Older files (project_v1.*, project_v2.*) stay committed and must keep loading.
// Run by hand after a deliberate change of the archive format, then commit the files:
//   build/tests/tests/write_golden_archives tests/golden
#include <cstdio>
#include <exception>
#include <filesystem>

#include "golden_project.hpp"
#include "servicedesign/process/archive.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIRECTORY\n", argv[0]);
    return 2;
  }
  using servicedesign::process::ArchiveFormat;
  try {
    const std::filesystem::path folder = argv[1];
    const auto project = servicedesign::testing::make_golden_project_v3();
    const struct {
      const char* file;
      ArchiveFormat format;
    } outputs[] = {{"project_v3.txt", ArchiveFormat::text},
                   {"project_v3.xml", ArchiveFormat::xml},
                   {"project_v3.bin", ArchiveFormat::binary}};
    for (const auto& out : outputs) {
      servicedesign::process::save_project(project, folder / out.file, out.format);
      std::printf("wrote %s\n", (folder / out.file).string().c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
