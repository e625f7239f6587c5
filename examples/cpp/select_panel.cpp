// A citizens' panel of 22 drawn from the example's 120 volunteers (docs/selection.md): the fairest lottery
// under the quotas (LEXIMIN), one person per household, and a draw from it with a seed.
#include <iostream>
#include <servicedesign/selection/select.hpp>

int main(int argc, char** argv) {
  using namespace servicedesign::selection;
  const std::string folder = argc > 1 ? argv[1] : "examples/data/volunteers";
  const Quotas quotas = read_features_csv(folder + "/features.csv");
  const Pool pool = read_people_csv(folder + "/people.csv", quotas, {.address_columns = {"address", "postcode"}});
  SelectionOptions options;
  options.seed = 2026;
  const SelectionResult result = select(pool, {{"panel", 22, quotas}}, options);
  for (std::size_t person : result.panels[0]) std::cout << pool.id(person) << ' ';
  std::cout << "\nlowest chance: " << result.min_probability << '\n';
}
