// A draw anyone can verify: SHA-256 against the FIPS 180-4 examples, the seed from public text, and the
// lottery's digest reproduced by the same inputs and changed by any other lottery.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "servicedesign/core/digest.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/selection/pool.hpp"
#include "servicedesign/selection/select.hpp"
#include "servicedesign/selection/verify.hpp"
#include "test_selection_support.hpp"

namespace {

using namespace servicedesign::selection;
using namespace servicedesign::testing::selection;

TEST(Digest, Sha256MatchesTheStandardsExamples) {
  EXPECT_EQ(servicedesign::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(servicedesign::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(servicedesign::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(servicedesign::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_THROW((void)servicedesign::sha256_file_hex("/nonexistent/people.csv"), servicedesign::IoError);
}

TEST(SelectionVerify, SeedFromPublicTextIgnoresSpacingOnly) {
  const auto seed = seed_from_public_text("3 6 1 4");
  EXPECT_EQ(seed_from_public_text("  3  6\n1\t4 \n"), seed);
  EXPECT_NE(seed_from_public_text("3 6 1 5"), seed);
  EXPECT_NE(seed_from_public_text("3614"), seed);
  // The first 8 bytes of SHA-256("3 6 1 4"), big-endian: anyone can check it with sha256sum.
  const auto digest = servicedesign::sha256("3 6 1 4");
  std::uint64_t expected = 0;
  for (int i = 0; i < 8; ++i) expected = expected << 8 | digest[static_cast<std::size_t>(i)];
  EXPECT_EQ(seed, expected);
  EXPECT_THROW((void)seed_from_public_text(" \n\t"), servicedesign::InvalidInput);
}

TEST(SelectionVerify, TheSameInputsGiveTheSameDigestAndDraw) {
  const Quotas quotas = read_features_csv(sortition_data("sortition-algorithms-fixtures/features.csv"));
  const Pool pool = read_people_csv(sortition_data("sortition-algorithms-fixtures/candidates.csv"), quotas,
                                    {.id_column = "nationbuilder_id", .address_columns = {"primary_address1", "primary_zip"}});
  SelectionOptions options;
  options.seed = 5;
  options.already_selected = {pool.id(3)};
  const std::vector<GroupSpec> groups{{"panel", 22, quotas}};
  const SelectionResult first = select(pool, groups, options);
  const SelectionResult again = select(pool, groups, options);
  const std::string digest = lottery_digest(pool, first);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(lottery_digest(pool, again), digest);
  EXPECT_EQ(lottery_text(pool, first).rfind("servicedesign lottery 1\n", 0), 0u);
  // select() draws as draw_groups does, with the person already selected in the first group.
  EXPECT_EQ(draw_groups(first, 5), first.panels);
  EXPECT_EQ(first.already_selected, std::vector<std::size_t>{3});
  const auto public_draw = draw_groups(first, seed_from_public_text("2 2 5 1 6"));
  EXPECT_TRUE(valid_selection(pool, groups, public_draw));
  EXPECT_EQ(std::count(public_draw[0].begin(), public_draw[0].end(), std::size_t{3}), 1);
  // Another lottery (a changed probability, or other quotas) has another digest.
  SelectionResult changed = first;
  changed.lottery.probabilities[0] = std::nextafter(changed.lottery.probabilities[0], 1.0);
  EXPECT_NE(lottery_digest(pool, changed), digest);
  options.algorithm = Algorithm::legacy;
  options.legacy_repetitions = 5;
  const SelectionResult legacy = select(pool, groups, options);
  EXPECT_THROW((void)lottery_digest(pool, legacy), servicedesign::InvalidInput);
}

}  // namespace
