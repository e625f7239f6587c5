// Tests of the core part: error messages with locations, the strict CSV reader, atomic file writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/error.hpp"
#include "test_support.hpp"

namespace {

using servicedesign::CsvTable;
using servicedesign::InvalidInput;
using servicedesign::IoError;
using servicedesign::Location;
using servicedesign::parse_csv;
using servicedesign::testing::TempDir;
using servicedesign::testing::thrown_by;

// ----- Location and InvalidInput ------------------------------------------------------------------

TEST(Location, RendersFileLineAndField) {
  EXPECT_EQ((Location{"people.csv", 3, "min"}).to_string(), "people.csv:3: field 'min'");
}

TEST(Location, LeavesOutEmptyParts) {
  EXPECT_EQ((Location{"people.csv", 0, ""}).to_string(), "people.csv");
  EXPECT_EQ((Location{"people.csv", 7, ""}).to_string(), "people.csv:7");
  EXPECT_EQ((Location{"people.csv", 0, "min"}).to_string(), "people.csv: field 'min'");
  EXPECT_EQ((Location{"", 7, ""}).to_string(), "line 7");
  EXPECT_EQ((Location{"", 0, "min"}).to_string(), "field 'min'");
  EXPECT_EQ((Location{"", 0, ""}).to_string(), "");
}

TEST(InvalidInput, PrefixesTheMessageWithTheLocation) {
  const InvalidInput error(Location{"quotas.csv", 12, "max"}, "must be a whole number");
  EXPECT_STREQ(error.what(), "quotas.csv:12: field 'max': must be a whole number");
  EXPECT_EQ(error.where().file, "quotas.csv");
  EXPECT_EQ(error.where().line, 12U);
  EXPECT_EQ(error.where().field, "max");
}

TEST(InvalidInput, WithoutLocationKeepsTheMessageAsIs) {
  const InvalidInput plain("nothing to say");
  EXPECT_STREQ(plain.what(), "nothing to say");
  EXPECT_TRUE(plain.where().file.empty());
  const InvalidInput empty_location(Location{}, "still nothing");
  EXPECT_STREQ(empty_location.what(), "still nothing");
}

TEST(ErrorHierarchy, EveryErrorIsCaughtByItsBaseClasses) {
  EXPECT_THROW(throw servicedesign::NotFound("x"), InvalidInput);
  EXPECT_THROW(throw servicedesign::NotFound("x"), servicedesign::Error);
  EXPECT_THROW(throw servicedesign::VersionError("x"), servicedesign::FormatError);
  EXPECT_THROW(throw servicedesign::StateError("x"), servicedesign::Error);
  EXPECT_THROW(throw IoError("x"), std::runtime_error);
}

// ----- parse_csv: what it accepts -------------------------------------------------------------------

TEST(ParseCsv, SkipsUtf8ByteOrderMark) {
  const CsvTable t = parse_csv("\xEF\xBB\xBFid,name\n1,\xC3\x85sa\n", "people.csv");
  ASSERT_EQ(t.header.size(), 2U);
  EXPECT_EQ(t.header[0], "id");
  EXPECT_EQ(t.column("id"), 0U);
  ASSERT_EQ(t.rows.size(), 1U);
  EXPECT_EQ(t.rows[0][1], "\xC3\x85sa");
  EXPECT_EQ(t.source, "people.csv");
}

TEST(ParseCsv, AcceptsCrlfLineEnds) {
  const CsvTable t = parse_csv("id,name\r\n1,Anna\r\n2,Bo\r\n", "people.csv");
  ASSERT_EQ(t.rows.size(), 2U);
  EXPECT_EQ(t.header[1], "name");
  EXPECT_EQ(t.rows[0][1], "Anna");
  EXPECT_EQ(t.rows[1][1], "Bo");
  EXPECT_EQ(t.lines, (std::vector<std::size_t>{2, 3}));
}

TEST(ParseCsv, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const std::string text =
      "id,text\n"
      "1,\"Storvik, nord\"\n"
      "2,\"hon sa \"\"hej\"\" till alla\"\n"
      "3,\"rad ett\nrad tv\xC3\xA5\"\n"
      "4,sist\n";
  const CsvTable t = parse_csv(text, "notes.csv");
  ASSERT_EQ(t.rows.size(), 4U);
  EXPECT_EQ(t.rows[0][1], "Storvik, nord");
  EXPECT_EQ(t.rows[1][1], "hon sa \"hej\" till alla");
  EXPECT_EQ(t.rows[2][1], "rad ett\nrad tv\xC3\xA5");
  EXPECT_EQ(t.rows[3][1], "sist");
  // Row 3 spans lines 4-5, so row 4 starts on line 6.
  EXPECT_EQ(t.lines, (std::vector<std::size_t>{2, 3, 4, 6}));
  EXPECT_EQ(t.line_of(3), 6U);
}

TEST(ParseCsv, LineBreakInsideQuotesInACrlfFile) {
  const CsvTable t = parse_csv("id,text\r\n1,\"x\r\ny\"\r\n2,z\r\n", "notes.csv");
  ASSERT_EQ(t.rows.size(), 2U);
  EXPECT_EQ(t.rows[0][1], "x\r\ny");
  EXPECT_EQ(t.lines, (std::vector<std::size_t>{2, 4}));
}

TEST(ParseCsv, TrimsUnquotedFieldsButNotQuotedOnes) {
  const CsvTable t = parse_csv(" id , name \n 7 ,\" Anna \"\n", "people.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t.rows.size(), 1U);
  EXPECT_EQ(t.rows[0][0], "7");
  EXPECT_EQ(t.rows[0][1], " Anna ");
}

TEST(ParseCsv, EmptyFieldsAreKept) {
  const CsvTable t = parse_csv("a,b,c\n,,\n1,,\"\"\n", "x.csv");
  ASSERT_EQ(t.rows.size(), 2U);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"1", "", ""}));
}

TEST(ParseCsv, OtherDelimiter) {
  const CsvTable t = parse_csv("id;name\n1;Berg, Anna\n", "semicolon.csv", ';');
  ASSERT_EQ(t.rows.size(), 1U);
  EXPECT_EQ(t.rows[0][1], "Berg, Anna");
}

TEST(ParseCsv, TrailingBlankLinesAreIgnored) {
  EXPECT_EQ(parse_csv("id,name\n1,Anna\n\n", "x.csv").rows.size(), 1U);
  EXPECT_EQ(parse_csv("id,name\r\n1,Anna\r\n\r\n", "x.csv").rows.size(), 1U);
  EXPECT_EQ(parse_csv("id,name\n1,Anna", "x.csv").rows.size(), 1U);  // no final line break at all
}

TEST(ParseCsv, HeaderOnlyGivesNoRows) {
  const CsvTable t = parse_csv("id,name\n", "x.csv");
  EXPECT_EQ(t.header.size(), 2U);
  EXPECT_TRUE(t.rows.empty());
}

TEST(ParseCsv, ColumnLookupIgnoresAsciiCase) {
  const CsvTable t = parse_csv("Id,Name,Segment\n1,Anna,seniors\n", "people.csv");
  EXPECT_EQ(t.column("id"), 0U);
  EXPECT_EQ(t.column("NAME"), 1U);
  EXPECT_EQ(t.column("segment"), 2U);
  EXPECT_EQ(t.find_column("sEgMeNt"), std::optional<std::size_t>{2});
  EXPECT_FALSE(t.find_column("email").has_value());
}

TEST(ParseCsv, MissingColumnNamesFileAndColumn) {
  const CsvTable t = parse_csv("id,name\n1,Anna\n", "people.csv");
  const auto e = thrown_by<InvalidInput>([&] { (void)t.column("email"); });
  EXPECT_CONTAINS(e.what(), "people.csv");
  EXPECT_CONTAINS(e.what(), "'email'");
  EXPECT_EQ(e.where().field, "email");
}

// ----- parse_csv: what it rejects -------------------------------------------------------------------

TEST(ParseCsv, RaggedRowNamesFileAndLine) {
  const auto longer = thrown_by<InvalidInput>([] { (void)parse_csv("id,name\n1,Anna\n2,Bo,extra\n", "people.csv"); });
  EXPECT_CONTAINS(longer.what(), "people.csv:3");
  EXPECT_CONTAINS(longer.what(), "3 fields");
  EXPECT_EQ(longer.where().line, 3U);

  const auto shorter = thrown_by<InvalidInput>([] { (void)parse_csv("id,name\n1,Anna\n2\n", "people.csv"); });
  EXPECT_CONTAINS(shorter.what(), "people.csv:3");
}

TEST(ParseCsv, RaggedRowAfterMultiLineFieldHasTheRightLine) {
  const std::string text = "id,text\n1,\"one\ntwo\nthree\"\n2,ok\n3,too,many\n";
  const auto e = thrown_by<InvalidInput>([&] { (void)parse_csv(text, "notes.csv"); });
  EXPECT_EQ(e.where().line, 6U);
  EXPECT_CONTAINS(e.what(), "notes.csv:6");
}

TEST(ParseCsv, Latin1BytesAreRejectedWithTheirLine) {
  // "Jörgen" saved as Latin-1: ö is the single byte 0xF6.
  const auto e = thrown_by<InvalidInput>([] { (void)parse_csv("id,name\n1,Anna\n2,J\xF6rgen\n", "people.csv"); });
  EXPECT_CONTAINS(e.what(), "people.csv:3");
  EXPECT_CONTAINS(e.what(), "UTF-8");
  EXPECT_EQ(e.where().line, 3U);
}

TEST(ParseCsv, StrayQuoteInUnquotedField) {
  const auto e = thrown_by<InvalidInput>([] { (void)parse_csv("id,name\n1,Ann\"a\n", "people.csv"); });
  EXPECT_CONTAINS(e.what(), "people.csv:2");
  EXPECT_CONTAINS(e.what(), "quote");
}

TEST(ParseCsv, TextAfterClosingQuote) {
  EXPECT_THROW((void)parse_csv("id,name\n1,\"Anna\"x\n", "people.csv"), InvalidInput);
}

TEST(ParseCsv, UnterminatedQuoteNamesTheLineWhereItOpened) {
  const auto e = thrown_by<InvalidInput>([] { (void)parse_csv("id,name\n1,Anna\n2,\"Bo\n3,Cia\n", "people.csv"); });
  EXPECT_EQ(e.where().line, 3U);
  EXPECT_CONTAINS(e.what(), "people.csv:3");
}

TEST(ParseCsv, DuplicateHeaderIsRejectedEvenWhenCaseDiffers) {
  const auto exact = thrown_by<InvalidInput>([] { (void)parse_csv("id,name,id\n1,2,3\n", "people.csv"); });
  EXPECT_CONTAINS(exact.what(), "duplicate");
  EXPECT_CONTAINS(exact.what(), "people.csv:1");
  const auto cased = thrown_by<InvalidInput>([] { (void)parse_csv("id,name,Name\n1,2,3\n", "people.csv"); });
  EXPECT_CONTAINS(cased.what(), "duplicate");
  EXPECT_CONTAINS(cased.what(), "Name");
}

TEST(ParseCsv, BlankHeaderNameIsRejected) {
  EXPECT_THROW((void)parse_csv("id,,name\n1,2,3\n", "people.csv"), InvalidInput);
  const auto spaces = thrown_by<InvalidInput>([] { (void)parse_csv("id,  ,name\n1,2,3\n", "people.csv"); });
  EXPECT_CONTAINS(spaces.what(), "people.csv:1");
  EXPECT_CONTAINS(spaces.what(), "blank");
}

TEST(ParseCsv, EmptyFileIsRejected) {
  for (const std::string text : {"", "\xEF\xBB\xBF", "\n\n", "\r\n"}) {
    const auto e = thrown_by<InvalidInput>([&] { (void)parse_csv(text, "empty.csv"); });
    EXPECT_CONTAINS(e.what(), "empty.csv") << "input of " << text.size() << " bytes";
  }
}

// ----- read_csv --------------------------------------------------------------------------------------

TEST(ReadCsv, ReadsAFileAndNamesItInErrors) {
  TempDir dir;
  servicedesign::write_file_atomically(dir / "people.csv", "id,name\n1,Anna\n2,Bo,x\n");
  const auto e = thrown_by<InvalidInput>([&] { (void)servicedesign::read_csv(dir / "people.csv"); });
  EXPECT_CONTAINS(e.what(), (dir / "people.csv").string() + ":3");

  servicedesign::write_file_atomically(dir / "ok.csv", "id;name\n1;Anna\n");
  const CsvTable t = servicedesign::read_csv(dir / "ok.csv", ';');
  ASSERT_EQ(t.rows.size(), 1U);
  EXPECT_EQ(t.rows[0][1], "Anna");
}

TEST(ReadCsv, MissingFileIsAnIoError) {
  TempDir dir;
  EXPECT_THROW((void)servicedesign::read_csv(dir / "nope.csv"), IoError);
}

// ----- write_file_atomically / read_file -------------------------------------------------------------

TEST(AtomicFile, RoundTripsArbitraryBytes) {
  TempDir dir;
  const std::string contents("rad 1\n\xC3\xA5\xC3\xA4\xC3\xB6\0binary\r\n", 21);
  servicedesign::write_file_atomically(dir / "data.bin", contents);
  EXPECT_EQ(servicedesign::read_file(dir / "data.bin"), contents);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"data.bin"}));  // no temporary file left behind
}

TEST(AtomicFile, EmptyContentsGiveAnEmptyFile) {
  TempDir dir;
  servicedesign::write_file_atomically(dir / "empty.txt", "");
  EXPECT_TRUE(std::filesystem::exists(dir / "empty.txt"));
  EXPECT_EQ(servicedesign::read_file(dir / "empty.txt"), "");
}

TEST(AtomicFile, OverwritingKeepsExactlyTheNewContent) {
  TempDir dir;
  servicedesign::write_file_atomically(dir / "report.txt", "a long first version of the report\n");
  servicedesign::write_file_atomically(dir / "report.txt", "short\n");
  EXPECT_EQ(servicedesign::read_file(dir / "report.txt"), "short\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"report.txt"}));
}

TEST(AtomicFile, MissingFolderThrowsIoErrorNamingThePathAndLeavesNothing) {
  TempDir dir;
  const auto target = dir / "no-such-folder" / "report.txt";
  const auto e = thrown_by<IoError>([&] { servicedesign::write_file_atomically(target, "x"); });
  EXPECT_CONTAINS(e.what(), target.string());
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, FailedReplaceLeavesTheOldTargetAndNoTemporaryFile) {
  TempDir dir;
  // The target is a non-empty folder, so the final rename fails after the temporary file was written.
  std::filesystem::create_directory(dir / "target");
  servicedesign::write_file_atomically(dir / "target" / "keep.txt", "kept");
  EXPECT_THROW(servicedesign::write_file_atomically(dir / "target", "new"), IoError);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"target"}));
  EXPECT_TRUE(std::filesystem::is_directory(dir / "target"));
  EXPECT_EQ(servicedesign::read_file(dir / "target" / "keep.txt"), "kept");
}

TEST(ReadFile, MissingFileThrowsIoErrorNamingThePath) {
  TempDir dir;
  const auto path = dir / "absent.sdproj";
  const auto e = thrown_by<IoError>([&] { (void)servicedesign::read_file(path); });
  EXPECT_CONTAINS(e.what(), path.string());
}

// ----- is_valid_utf8 -----------------------------------------------------------------------------------

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(servicedesign::is_valid_utf8(""));
  EXPECT_TRUE(servicedesign::is_valid_utf8("plain ASCII, 123"));
  EXPECT_TRUE(servicedesign::is_valid_utf8("\xC3\xA5\xC3\xA4\xC3\xB6 \xC3\xA6\xC3\xB8"));  // åäö æø
  EXPECT_TRUE(servicedesign::is_valid_utf8("\xE2\x80\x9D"));                              // ” (3 bytes)
  EXPECT_TRUE(servicedesign::is_valid_utf8("\xF0\x9F\x98\x80"));                          // emoji (4 bytes)
  EXPECT_TRUE(servicedesign::is_valid_utf8("\xF4\x8F\xBF\xBF"));                          // U+10FFFF
}

TEST(IsValidUtf8, RejectsMalformedText) {
  EXPECT_FALSE(servicedesign::is_valid_utf8("J\xF6rgen"));          // Latin-1 ö
  EXPECT_FALSE(servicedesign::is_valid_utf8("\x80"));               // lone continuation byte
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xC3"));               // truncated sequence
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xC3" "A"));           // continuation missing
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xC0\xAF"));           // overlong '/'
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xE0\x80\xAF"));       // overlong, 3 bytes
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xED\xA0\x80"));       // UTF-16 surrogate
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xF4\x90\x80\x80"));   // beyond U+10FFFF
  EXPECT_FALSE(servicedesign::is_valid_utf8("\xFF"));
}

}  // namespace
