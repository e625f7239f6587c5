// Any byte string either parses into a rectangular table or raises InvalidInput; nothing else.
#include <cstddef>
#include <cstdint>
#include <servicedesign/core/csv.hpp>
#include <servicedesign/core/error.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = servicedesign::parse_csv(text, "fuzz.csv");
    for (const auto& row : table.rows) {
      if (row.size() != table.header.size()) __builtin_trap();  // the promise: rows match the header
    }
    if (table.lines.size() != table.rows.size()) __builtin_trap();
  } catch (const servicedesign::InvalidInput&) {
  }
  return 0;
}
