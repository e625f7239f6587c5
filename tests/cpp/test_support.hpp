// Small helpers shared by the test files: a temporary folder, exception capture, substring checks.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace servicedesign::testing {

/// A fresh, empty folder for one test, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "servicedesign-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = buffer.data();
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  /// Names of everything directly inside the folder, sorted.
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::filesystem::path path_;
};

/// Runs `action`, which must throw `E`, and returns the exception so that its message can be checked.
template <class E, class F>
E thrown_by(F&& action) {
  try {
    action();
  } catch (const E& e) {
    return e;
  }
  throw std::logic_error("expected an exception that was not thrown");
}

/// For EXPECT_PRED_FORMAT2: `text` contains `part`.
inline ::testing::AssertionResult contains(const char* text_expr, const char* part_expr, std::string_view text,
                                           std::string_view part) {
  if (text.find(part) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << text_expr << " does not contain " << part_expr << " (\"" << part
                                       << "\")\n  text: " << text;
}

/// For EXPECT_PRED_FORMAT2: `text` does not contain `part`.
inline ::testing::AssertionResult lacks(const char* text_expr, const char* part_expr, std::string_view text,
                                        std::string_view part) {
  const auto at = text.find(part);
  if (at == std::string_view::npos) return ::testing::AssertionSuccess();
  const auto from = at < 60 ? 0 : at - 60;
  return ::testing::AssertionFailure() << text_expr << " contains " << part_expr << " (\"" << part
                                       << "\") at byte " << at << ": ..." << text.substr(from, part.size() + 120)
                                       << "...";
}

}  // namespace servicedesign::testing

#define EXPECT_CONTAINS(text, part) EXPECT_PRED_FORMAT2(::servicedesign::testing::contains, text, part)
#define EXPECT_LACKS(text, part) EXPECT_PRED_FORMAT2(::servicedesign::testing::lacks, text, part)
