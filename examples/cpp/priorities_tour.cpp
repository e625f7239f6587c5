// The priorities guide's C++ example (docs/priorities.md): three needs scored by two methods, combined by
// Borda and Kemeny, the methods' agreement, and how often each need comes first over weightings of two
// criteria. Built and run by the tests.
#include <iostream>

#include <servicedesign/priorities/methods.hpp>
#include <servicedesign/priorities/robustness.hpp>

int main() {
  using namespace servicedesign::priorities;
  const SkrResult skr = skr_matrix({{3, 2}, {2, 3}, {1, 1}});                 // scores 6, 6, 1: a tie
  const RiceResult rice = rice_scores({{400, 2, 0.8, 2}, {100, 3, 1.0, 1}, {50, 1, 0.5, 1}});
  const Consensus combined = borda({skr.ranking, rice.ranking});
  const KemenyResult nearest = kemeny({skr.ranking, rice.ranking});
  const double agreement = kendall_tau_b(skr.ranking, rice.ranking);
  const Sensitivity s = weight_sensitivity({{"reach", "cost"}, {{0.9, 0.2}, {0.4, 0.8}, {0.1, 0.1}}},
                                           {.samples = 4000, .seed = 7, .tops = {1, 3}});
  std::cout << "Borda: " << combined.scores[0] << ' ' << combined.scores[1] << ' ' << combined.scores[2]
            << "; Kemeny first: need " << nearest.order.front() << "; agreement " << agreement
            << "; need 0 first in " << s.top_probability[0][0] * 100 << "% of the weightings\n";
}
