// Alternates for a citizens' panel (docs/selection.md): the panel of 22 from the example's volunteers, then
// four alternates ranked so that the quotas hold as well as they can when members drop out (15% each).
#include <iostream>
#include <servicedesign/selection/alternates.hpp>
#include <servicedesign/selection/select.hpp>

int main(int argc, char** argv) {
  using namespace servicedesign::selection;
  const std::string folder = argc > 1 ? argv[1] : "examples/data/volunteers";
  const Quotas quotas = read_features_csv(folder + "/features.csv");
  const Pool pool = read_people_csv(folder + "/people.csv", quotas, {.address_columns = {"address", "postcode"}});
  const GroupSpec panel{"panel", 22, quotas};
  SelectionOptions options;
  options.seed = 2026;
  const SelectionResult result = select(pool, {panel}, options);

  const Alternates alternates = choose_alternates(pool, panel, result.panels[0],
                                                  {.count = 4, .dropout_rate = 0.15, .seed = 2026});
  std::cout << "alternates:";
  for (std::size_t person : alternates.ranked) std::cout << ' ' << pool.id(person);
  std::cout << "\nexpected quota violations after dropouts: " << alternates.expected_violations_without
            << " without, " << alternates.expected_violations_with << " with\n";
  // On the day, the first member drops out: the alternates are called in order.
  const auto members = replace_dropouts(pool, panel, result.panels[0], alternates.ranked, {result.panels[0][0]}, {});
  std::cout << members.size() << " members, " << quota_violations(pool, panel, members) << " quota violations\n";
}
