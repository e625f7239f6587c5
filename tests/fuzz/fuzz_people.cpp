// A people file against fixed quotas either yields a pool of valid value indexes or raises InvalidInput.
#include <cstddef>
#include <cstdint>
#include <servicedesign/core/csv.hpp>
#include <servicedesign/core/error.hpp>
#include <servicedesign/selection/pool.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace servicedesign::selection;
  static const Quotas quotas = [] {
    Quotas q;
    q.set("gender", "female", 1, 3);
    q.set("gender", "male", 1, 3);
    q.set("area", "nord", 0, 4);
    q.set("area", "sör", 0, 4);
    return q;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = servicedesign::parse_csv(text, "people.csv");
    const auto pool = pool_from_table(table, quotas, PeopleCsvOptions{"id", {"address"}});
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (pool.value(i, 0) >= 2 || pool.value(i, 1) >= 2 || pool.index_of(pool.id(i)) != i) __builtin_trap();
    }
  } catch (const servicedesign::InvalidInput&) {
  }
  return 0;
}
