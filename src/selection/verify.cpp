#include "servicedesign/selection/verify.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "servicedesign/core/digest.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::selection {

namespace {

void require_lottery(const SelectionResult& result) {
  if (result.lottery.compositions.empty()) {
    throw InvalidInput("the result has no lottery to publish or draw from (legacy draws panels directly)");
  }
}

}  // namespace

std::string lottery_text(const Pool& pool, const SelectionResult& result) {
  require_lottery(result);
  const Lottery& lottery = result.lottery;
  const std::size_t T = lottery.types.size();
  // Version 1 of the format; a change of format changes this line, so old digests are never mistaken.
  std::string text = "servicedesign lottery 1\n";
  text += "groups " + std::to_string(lottery.groups) + "\n";
  for (std::size_t t = 0; t < T; ++t) {
    text += "type " + std::to_string(t) + ":";
    for (const auto person : lottery.types[t]) text += " " + pool.id(person);
    text += "\n";
  }
  char probability[32];
  for (std::size_t c = 0; c < lottery.compositions.size(); ++c) {
    std::snprintf(probability, sizeof probability, "%.17g", lottery.probabilities[c]);
    text += "panel " + std::string(probability) + ":";
    const auto& composition = lottery.compositions[c];
    for (std::size_t j = 0; j < composition.size(); ++j) {
      if (composition[j] == 0) continue;
      text += " " + std::to_string(j / T) + "/" + std::to_string(j % T) + "x" + std::to_string(composition[j]);
    }
    text += "\n";
  }
  text += "already selected:";
  for (const auto person : result.already_selected) text += " " + pool.id(person);
  text += "\n";
  return text;
}

std::string lottery_digest(const Pool& pool, const SelectionResult& result) { return sha256_hex(lottery_text(pool, result)); }

std::uint64_t seed_from_public_text(std::string_view text) {
  std::string normal;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !normal.empty();
      continue;
    }
    if (space) normal += ' ';
    space = false;
    normal += c;
  }
  if (normal.empty()) throw InvalidInput("the public seed text is empty: give the dice, digits or words drawn in public");
  const auto digest = sha256(normal);
  std::uint64_t seed = 0;
  for (std::size_t i = 0; i < 8; ++i) seed = seed << 8 | digest[i];
  return seed;
}

std::vector<std::vector<std::size_t>> draw_groups(const SelectionResult& result, std::uint64_t seed) {
  require_lottery(result);
  auto groups = draw(result.lottery, seed);
  for (const auto person : result.already_selected) groups[0].push_back(person);
  std::sort(groups[0].begin(), groups[0].end());
  return groups;
}

}  // namespace servicedesign::selection
