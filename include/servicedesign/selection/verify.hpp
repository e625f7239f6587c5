/// @file
/// A draw anyone can verify (commit–reveal). Before the draw, publish the lottery's digest: the
/// SHA-256 of its canonical text (every panel composition with its probability, and who is in each type),
/// which the same inputs reproduce (with the same versions of servicedesign and COIN-OR: the last digits of
/// a probability may differ between solver versions). Then take the seed from a public source agreed in
/// advance (dice rolled in front of witnesses, the digits of a published lottery draw) and draw. Anyone with
/// the inputs recomputes the lottery, checks its digest against the published one, derives the seed from
/// the public text and gets the same groups. docs/selection.md gives the procedure for a municipality.
///
/// **Example**
/// @code
/// using namespace servicedesign::selection;
/// const SelectionResult result = select(pool, groups);          // the lottery, with a fixed seed
/// const std::string published = lottery_digest(pool, result);  // announced before the draw
/// // ... in public: dice give "3 6 1 4 4 2 5" ...
/// const auto drawn = draw_groups(result, seed_from_public_text("3 6 1 4 4 2 5"));
/// @endcode
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"

namespace servicedesign::selection {

/// The lottery as canonical text: a header line, one line per type with its members' ids (pool order),
/// then one line per panel composition with its probability (17 significant digits) and how many of each
/// type it takes in each group. @throws InvalidInput for a result without a lottery (legacy).
[[nodiscard]] std::string lottery_text(const Pool& pool, const SelectionResult& result);

/// The SHA-256 of lottery_text, 64 hexadecimal digits: what is published before the draw.
[[nodiscard]] std::string lottery_digest(const Pool& pool, const SelectionResult& result);

/// A seed from public randomness: the text with its runs of white space made one space and trimmed, then
/// SHA-256; the first 8 bytes, big-endian. Anyone can recompute it (`printf '%s' "3 6 1" | sha256sum`: the
/// first 16 hexadecimal digits). @throws InvalidInput for a text with nothing but white space.
[[nodiscard]] std::uint64_t seed_from_public_text(std::string_view text);

/// The groups drawn from the result's lottery with `seed`, people already selected included in the first
/// group: select() itself draws this way with SelectionOptions::seed. @throws InvalidInput for legacy.
[[nodiscard]] std::vector<std::vector<std::size_t>> draw_groups(const SelectionResult& result, std::uint64_t seed);

}  // namespace servicedesign::selection
