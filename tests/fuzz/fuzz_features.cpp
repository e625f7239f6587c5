// A features file either yields quotas with min <= max everywhere or raises InvalidInput.
#include <cstddef>
#include <cstdint>
#include <servicedesign/core/error.hpp>
#include <servicedesign/selection/pool.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto quotas = servicedesign::selection::parse_features_csv(text, "features.csv");
    for (const auto& feature : quotas.features()) {
      for (const auto& value : feature.values) {
        if (value.min > value.max || value.min_flex > value.min || value.max_flex < value.max) __builtin_trap();
      }
    }
  } catch (const servicedesign::InvalidInput&) {
  }
  return 0;
}
