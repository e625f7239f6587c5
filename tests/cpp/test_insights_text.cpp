// The Nordic text pipeline: normalisation, tokens, stop words, Snowball stems, language, fillers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <servicedesign/core/error.hpp>
#include <servicedesign/insights/text.hpp>
#include <string>

using namespace servicedesign::insights;

namespace {

std::vector<std::string> words(std::string_view text) { return tokenize(normalize(text)); }

}  // namespace

TEST(Normalize, ComposesNordicLettersAndFoldsCase) {
  EXPECT_EQ(normalize("A\xCC\x8A" "ngermanland"), "\xC3\xA5ngermanland");  // A + combining ring -> å
  EXPECT_EQ(normalize("o\xCC\x88verga\xCC\x8A" "ng"), "övergång");
  EXPECT_EQ(normalize("ÅÄÖ ÆØ É"), "åäö æø é");
  EXPECT_EQ(normalize("  Bussen\t\n går\u00A0 sent  "), "bussen går sent");
  EXPECT_EQ(normalize("Don\u2019t"), "don't");
}

TEST(Tokenize, KeepsNordicLettersAndSplitsOnPunctuation) {
  EXPECT_EQ(words("«Från» kommunen – väntetiderna…"), (std::vector<std::string>{"från", "kommunen", "väntetiderna"}));
  EXPECT_EQ(words("Don't know!"), (std::vector<std::string>{"don't", "know"}));
  EXPECT_EQ(words("e-tjänster 24/7 \xF0\x9F\x99\x82 brøyting"), (std::vector<std::string>{"e", "tjänster", "24", "7", "brøyting"}));
  EXPECT_EQ(words("'quoted' words"), (std::vector<std::string>{"quoted", "words"}));
  EXPECT_TRUE(words(" ... -- !! ").empty());
}

TEST(StopWords, SnowballListsHaveTheirPublishedSizesAndAreSorted) {
  const std::map<Language, std::size_t> sizes{
      {Language::swedish, 114}, {Language::norwegian, 172}, {Language::danish, 94}, {Language::english, 174}};
  for (const auto& [language, size] : sizes) {
    const auto& list = stop_words(language);
    EXPECT_EQ(list.size(), size) << to_code(language);
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end())) << to_code(language);
  }
  EXPECT_TRUE(is_stop_word("för", Language::swedish));
  EXPECT_TRUE(is_stop_word("ikke", Language::norwegian));
  EXPECT_TRUE(is_stop_word("ikke", Language::danish));
  EXPECT_FALSE(is_stop_word("ikke", Language::swedish));
  EXPECT_FALSE(is_stop_word("kundtjänst", Language::swedish));
  EXPECT_TRUE(stop_words(Language::unknown).empty());
}

TEST(Stemmer, HandCheckedNordicStems) {
  Stemmer sv(Language::swedish);
  EXPECT_EQ(sv.stem("väntetiderna"), "väntetid");
  EXPECT_EQ(sv.stem("från"), "från");  // never "frn"
  Stemmer no(Language::norwegian);
  EXPECT_EQ(no.stem("brøytingen"), "brøyting");
  Stemmer en(Language::english);
  EXPECT_EQ(en.stem("waiting"), "wait");
  EXPECT_THROW(Stemmer(Language::unknown), servicedesign::InvalidInput);
}

// Debian's snowball-data ships each language's vocabulary with the expected stems: real test vectors.
TEST(Stemmer, MatchesSnowballTestVectors) {
  const std::map<Language, std::string> folders{{Language::swedish, "swedish"}, {Language::norwegian, "norwegian"},
                                                {Language::danish, "danish"}, {Language::english, "english"}};
  for (const auto& [language, folder] : folders) {
    const std::filesystem::path base = "/usr/share/snowball/data/" + folder;
    std::ifstream voc(base / "voc.txt");
    std::ifstream expected(base / "output.txt");
    if (!voc || !expected) GTEST_SKIP() << "snowball-data is not installed";
    Stemmer stemmer(language);
    std::string word;
    std::string stem;
    std::size_t checked = 0;
    while (checked < 5000 && std::getline(voc, word) && std::getline(expected, stem)) {
      ASSERT_EQ(stemmer.stem(word), stem) << folder << ": " << word;
      ++checked;
    }
    EXPECT_EQ(checked, 5000U) << folder;
  }
}

// The same 204 test sentences of SIB-200 (Flores-200) in five languages.
TEST(DetectLanguage, RecognisesSib200SentencesPerLanguage) {
  const std::map<std::string, std::pair<Language, double>> files{{"swe", {Language::swedish, 0.95}},
                                                                  {"nob", {Language::norwegian, 0.90}},
                                                                  {"nno", {Language::norwegian, 0.90}},
                                                                  {"dan", {Language::danish, 0.70}},
                                                                  {"eng", {Language::english, 0.98}}};
  for (const auto& [file, expectation] : files) {
    std::ifstream in(std::string(SERVICEDESIGN_TEST_DATA_DIR) + "/insights/sib200/" + file + "_test.tsv");
    if (!in) GTEST_SKIP() << "shared data not available";
    std::string line;
    std::getline(in, line);  // header: index_id, category, text
    std::size_t total = 0;
    std::size_t right = 0;
    while (std::getline(in, line)) {
      const std::string text = line.substr(line.find('\t', line.find('\t') + 1) + 1);
      right += detect_language(text) == expectation.first ? 1 : 0;
      ++total;
    }
    ASSERT_GT(total, 100U);
    EXPECT_GE(static_cast<double>(right) / static_cast<double>(total), expectation.second) << file;
  }
}

TEST(DetectLanguage, NoEvidenceIsUnknown) {
  EXPECT_EQ(detect_language("2026 42"), Language::unknown);
  EXPECT_EQ(detect_language(""), Language::unknown);
  EXPECT_EQ(detect_language("Jag vet inte vad jag ska säga"), Language::swedish);
  EXPECT_EQ(detect_language("Eg veit ikkje kva eg skal seie"), Language::norwegian);
}

TEST(LanguageCodes, ParseAndPrint) {
  EXPECT_EQ(language_from_code("nb"), Language::norwegian);
  EXPECT_EQ(language_from_code("NN"), Language::norwegian);
  EXPECT_EQ(language_from_code(" sv "), Language::swedish);
  EXPECT_EQ(language_from_code(""), Language::unknown);
  EXPECT_EQ(to_code(Language::danish), "da");
  EXPECT_THROW((void)language_from_code("swedish"), servicedesign::InvalidInput);
}

TEST(Filler, RecognisesEmptyAnswersInEveryLanguage) {
  for (const char* text : {"Vet inte.", "vet ikke", "Ved ikke!", "Don't know", "-", "Ingen kommentar", "N/A", "...",
                           "\xF0\x9F\xA4\xB7", "det är det"}) {
    EXPECT_TRUE(is_filler(text)) << text;
  }
  for (const char* text : {"Bussen går for sjelden om kvelden", "Vet inte var jag ska vända mig med klagomål",
                           "The website is only in Norwegian"}) {
    EXPECT_FALSE(is_filler(text)) << text;
  }
}

TEST(TextPipeline, TermsSurfaceFormsAndOptions) {
  TextPipeline pipeline;
  const auto a = pipeline.process("Väntetiderna på kundtjänst är för långa");
  EXPECT_EQ(a.language, Language::swedish);
  EXPECT_EQ(a.terms, (std::vector<std::string>{"väntetid", "kundtjänst", "lång"}));
  EXPECT_FALSE(a.filler);
  pipeline.process("Väntetiden är lång");
  pipeline.process("Väntetiderna borde kortas");
  EXPECT_EQ(pipeline.surface_form("väntetid"), "väntetiderna");  // seen twice, against once
  EXPECT_EQ(pipeline.surface_form("okänd"), "okänd");

  const auto fixed = pipeline.process("Ventetida er lang", Language::norwegian);
  EXPECT_EQ(fixed.language, Language::norwegian);
  EXPECT_TRUE(pipeline.process("Vet inte").filler);

  TextPipeline raw({Language::english, Language::swedish, false, false, 1});
  EXPECT_EQ(raw.process("The waiting is long").terms, (std::vector<std::string>{"the", "waiting", "is", "long"}));
  EXPECT_THROW(TextPipeline({Language::unknown, Language::unknown, true, true, 2}), servicedesign::InvalidInput);
}
