// Themes of workshop notes from C++: the same themes as Python's Themes() and `servicedesign cluster` give
// for the same notes and seed. Reads a CSV file of notes and prints one theme number per note, then the
// themes. Built and run by the tests (example.theme_model), which also compare its output with Python's.
//
//   example_theme_model notes.csv [text column] [seed]
#include <iostream>
#include <string>
#include <vector>

#include <servicedesign/core/csv.hpp>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/theme_model.hpp>

int main(int argc, char** argv) try {
  using namespace servicedesign;
  if (argc < 2) {
    std::cerr << "usage: example_theme_model notes.csv [text column] [seed]\n";
    return 2;
  }
  const CsvTable table = read_csv(argv[1]);
  const std::size_t column = table.column(argc > 2 ? argv[2] : "text");
  std::vector<std::string> notes;
  for (const auto& row : table.rows) notes.push_back(row[column]);

  insights::ThemeModel model({.seed = argc > 3 ? std::stoull(argv[3]) : 0});
  model.fit(notes);

  for (const auto label : model.labels()) std::cout << label << '\n';
  for (const auto& theme : model.themes()) {
    std::cerr << "theme " << theme.theme << " (" << theme.size << " notes):";
    for (const auto& word : theme.keywords) std::cerr << ' ' << word;
    std::cerr << '\n';
  }
  return 0;
} catch (const servicedesign::Error& e) {
  std::cerr << "example_theme_model: " << e.what() << '\n';
  return 1;
}
