// Archives: the input is used as the payload behind a *valid* header (so the fuzzer gets past the
// checksum and reaches Boost's readers), in the text and binary formats, and also as a whole file.
// Loading must either succeed or raise a servicedesign::Error; a crash or sanitizer report is a bug.
#include <boost/crc.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <servicedesign/core/error.hpp>
#include <servicedesign/process/archive.hpp>
#include <servicedesign/process/project.hpp>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace servicedesign::process;
  const std::string input(reinterpret_cast<const char*>(data), size);
  // XML is for trusted files only: Boost 1.74's XML reader reads out of bounds on crafted end tags
  // (found by this harness, inside libboost_serialization), so whole files in XML are not fuzzed.
  if (input.find(" project xml ") == std::string::npos) {
    try {
      (void)load_project_from_string(input, "fuzz.sdproj");
    } catch (const servicedesign::Error&) {
    }
  }
  boost::crc_32_type crc;
  crc.process_bytes(input.data(), input.size());
  char checksum[9];
  std::snprintf(checksum, sizeof checksum, "%08x", crc.checksum());
  for (const char* format : {"text", "binary"}) {
    const std::string archive = std::string("servicedesign-archive 1 project ") + format + " " +
                                std::to_string(input.size()) + " " + checksum + "\n" + input;
    try {
      const Project project = load_project_from_string(archive, "fuzz.sdproj");
      // What loads must be consistent: saving and loading again gives the same project.
      if (!(load_project_from_string(save_project_to_string(project, ArchiveFormat::text)) == project)) __builtin_trap();
    } catch (const servicedesign::Error&) {
    }
  }
  return 0;
}
