// Tests of saving and loading projects: round trips in every format, the header checks that catch
// truncated, corrupted and foreign files, failure behaviour, and the committed golden archives.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <chrono>
#include <random>
#include <thread>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#include <sstream>
#include <string>
#include <vector>

#include "builders.hpp"
#include "archive_support.hpp"
#include "golden_project.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using namespace servicedesign::testing;
using servicedesign::FormatError;
using servicedesign::IoError;
using servicedesign::VersionError;

const std::vector<ArchiveFormat> all_formats{ArchiveFormat::text, ArchiveFormat::xml, ArchiveFormat::binary};

std::string format_name(ArchiveFormat f) { return std::string(to_string(f)); }

Project small_project() {
  Project p("Liten", ProcessModel::gds());
  p.add_segment(make_segment("seniors", "Eldre"));
  p.add_arena(make_arena("A1", "Biblioteket", {"seniors"}));
  p.add_workshop(make_workshop("W1", "A1", "2026-02-01"));
  p.record_note(make_note("N1", "W1", "seniors", "Bussen går sällan"));
  return p;
}

// ===== the golden project itself ================================================================

TEST(GoldenProject, IsRichEnoughToExerciseTheArchive) {
  const Project p = make_golden_project();
  EXPECT_FALSE(p.segments().empty());
  EXPECT_FALSE(p.needs().empty());
  EXPECT_FALSE(p.persons().empty());
  EXPECT_FALSE(p.arenas().empty());
  EXPECT_FALSE(p.workshops().empty());
  EXPECT_FALSE(p.notes().empty());
  EXPECT_FALSE(p.insights().empty());
  EXPECT_FALSE(p.opportunities().empty());
  EXPECT_FALSE(p.ideas().empty());
  EXPECT_FALSE(p.prototype_tests().empty());
  EXPECT_FALSE(p.working_groups().empty());
  bool back_step = false;
  bool overridden = false;
  for (const auto& d : p.decisions()) {
    back_step = back_step || d.kind == DecisionKind::back_step;
    overridden = overridden || !d.overridden_criteria.empty();
  }
  EXPECT_TRUE(back_step);
  EXPECT_TRUE(overridden);
  EXPECT_NE(p.gate("explore"), default_gate(SkrStep::explore));
  EXPECT_TRUE(make_golden_project() == p);  // deterministic
}

TEST(ProjectEquality, SeesEveryKindOfChange) {
  const Project base = make_golden_project();
  std::vector<std::pair<std::string, std::function<void(Project&)>>> changes{
      {"note", [](Project& p) { p.record_note(make_note("N-x", "W1", "independent", "ny")); }},
      {"owner", [](Project& p) { p.set_owner("Någon annan"); }},
      {"insight status", [](Project& p) { p.set_insight_status("I1", InsightStatus::prioritised); }},
      {"opportunity", [](Project& p) { p.set_opportunity_selected("O1", false); }},
      {"test outcome", [](Project& p) { p.set_test_outcome("T1", TestOutcome::pilot); }},
      {"members", [](Project& p) { p.set_working_group_members("G1", {"P-anna"}); }},
      {"gate", [](Project& p) { p.set_gate("test", {}); }},
      {"step", [](Project& p) { p.advance(override_by("Eva Holm", "vidare", {}, "2026-04-01")); }},
      {"challenge", [](Project& p) {
         Challenge c = p.challenge();
         c.how = "annorlunda";
         p.set_challenge(c);
       }},
  };
  for (const auto& [label, change] : changes) {
    Project changed = base;
    change(changed);
    EXPECT_FALSE(changed == base) << label;
  }
  EXPECT_FALSE(Project("A") == Project("B"));
  EXPECT_FALSE(Project("A", ProcessModel::skr()) == Project("A", ProcessModel::gds()));
}

// ===== round trips ==================================================================================

TEST(ArchiveRoundTrip, RichProjectThroughStringsInEveryFormat) {
  const Project original = make_golden_project();
  for (const auto format : all_formats) {
    SCOPED_TRACE(format_name(format));
    const std::string archive = save_project_to_string(original, format);
    const Project loaded = load_project_from_string(archive);
    EXPECT_TRUE(loaded == original);
    // Spot checks that do not rely on operator== alone.
    EXPECT_EQ(loaded.name(), original.name());
    EXPECT_EQ(loaded.note("N1").text, "”Vi behöver en plats att ses”, sa hon.\nOch \"mer tid\".");
    EXPECT_EQ(loaded.note("N2").text, "Vi vet inte vem som gör vad\r\nmellan förvaltningarna");
    EXPECT_EQ(loaded.note("N4").text, "Møteplassen er for liten – æøå ÆØÅ");
    EXPECT_EQ(loaded.person("P-bjorn").name, "Bjørn Æsøy");
    EXPECT_EQ(loaded.decisions(), original.decisions());
    EXPECT_EQ(loaded.gate("explore"), original.gate("explore"));
    EXPECT_EQ(loaded.current_step().key, original.current_step().key);
    EXPECT_EQ(loaded.model().key(), "skr");
  }
}

TEST(ArchiveRoundTrip, LoadedProjectKeepsWorking) {
  for (const auto format : all_formats) {
    Project original = make_golden_project();
    Project loaded = load_project_from_string(save_project_to_string(original, format));
    // Lookups work (the id indexes were rebuilt) and new ids continue where the original left off.
    EXPECT_EQ(loaded.working_group("G1").lead_id, "P-anna");
    EXPECT_TRUE(loaded.contains_id("IDEA-cafe"));
    EXPECT_EQ(loaded.add_need(make_need("", "Nytt")).id, original.add_need(make_need("", "Nytt")).id);
    EXPECT_THROW(loaded.add_need(make_need("ND-support", "Dubblett")), servicedesign::InvalidInput);
    loaded.advance(override_by("Eva Holm", "vidare till test", {"IDEA-cafe"}, "2026-05-01"));
    EXPECT_EQ(loaded.current_step().key, "test");
    EXPECT_EQ(loaded.decisions().back().sequence, original.decisions().size() + 1);
  }
}

TEST(ArchiveRoundTrip, SmallAndEmptyProjectsAndOtherModels) {
  for (const auto format : all_formats) {
    SCOPED_TRACE(format_name(format));
    const Project empty("Tomt");
    EXPECT_TRUE(load_project_from_string(save_project_to_string(empty, format)) == empty);
    const Project gds = small_project();
    const Project loaded = load_project_from_string(save_project_to_string(gds, format));
    EXPECT_TRUE(loaded == gds);
    EXPECT_EQ(loaded.model().key(), "gds");
    EXPECT_EQ(loaded.current_step().key, "discovery");
  }
}

TEST(ArchiveRoundTrip, ThroughFilesInEveryFormat) {
  TempDir dir;
  const Project original = make_golden_project();
  for (const auto format : all_formats) {
    SCOPED_TRACE(format_name(format));
    const auto path = dir / ("storvik." + format_name(format));
    save_project(original, path, format);
    EXPECT_TRUE(load_project(path) == original);
    EXPECT_EQ(servicedesign::read_file(path), save_project_to_string(original, format));
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"storvik.binary", "storvik.text", "storvik.xml"}));
}

TEST(ArchiveRoundTrip, DefaultFormatIsText) {
  const Project p = small_project();
  EXPECT_EQ(header_words(save_project_to_string(p))[3], "text");
}

// ===== the header ===================================================================================

TEST(ArchiveHeader, NamesVersionTypeFormatSizeAndChecksum) {
  const Project p = make_golden_project();
  for (const auto format : all_formats) {
    const std::string archive = save_project_to_string(p, format);
    const auto words = header_words(archive);
    ASSERT_EQ(words.size(), 6U);
    EXPECT_EQ(words[0], "servicedesign-archive");
    EXPECT_EQ(words[1], std::to_string(archive_envelope_version));
    EXPECT_EQ(words[2], "project");
    EXPECT_EQ(words[3], format_name(format));
    EXPECT_EQ(words[4], std::to_string(payload_of(archive).size()));
    EXPECT_EQ(words[5], hex8(crc32(payload_of(archive))));
  }
}

TEST(ArchiveHeader, TruncatedArchiveIsAFormatError) {
  for (const auto format : all_formats) {
    const std::string archive = save_project_to_string(make_golden_project(), format);
    for (const std::size_t dropped : {std::size_t{1}, std::size_t{10}, archive.size() / 2}) {
      const auto e = thrown_by<FormatError>(
          [&] { (void)load_project_from_string(archive.substr(0, archive.size() - dropped), "cut.sdproj"); });
      EXPECT_CONTAINS(e.what(), "truncated");
      EXPECT_CONTAINS(e.what(), "cut.sdproj");
    }
  }
}

TEST(ArchiveHeader, FlippedByteInThePayloadFailsTheChecksum) {
  for (const auto format : all_formats) {
    const std::string archive = save_project_to_string(make_golden_project(), format);
    const std::size_t start = archive.find('\n') + 1;
    for (const std::size_t at : {start, start + (archive.size() - start) / 2, archive.size() - 1}) {
      std::string corrupted = archive;
      corrupted[at] = static_cast<char>(corrupted[at] ^ 0x04);
      const auto e = thrown_by<FormatError>([&] { (void)load_project_from_string(corrupted); });
      EXPECT_CONTAINS(e.what(), "checksum");
    }
  }
}

TEST(ArchiveHeader, NotAnArchiveIsAFormatError) {
  for (const std::string& text : {std::string(), std::string("hello world\n"), std::string("servicedesign-archive"),
                                 std::string("<?xml version=\"1.0\"?>\n<project/>"),
                                 std::string("servicedesign-archive 1 project\npayload"),
                                 std::string("servicedesign-archive x project text 3 00000000\nabc")}) {
    EXPECT_THROW((void)load_project_from_string(text), FormatError) << text;
  }
}

TEST(ArchiveHeader, NewerEnvelopeVersionIsAVersionError) {
  const std::string archive = save_project_to_string(small_project());
  const auto e = thrown_by<VersionError>([&] { (void)load_project_from_string(with_header_word(archive, 1, "99")); });
  EXPECT_CONTAINS(e.what(), "99");
  EXPECT_THROW((void)load_project_from_string(with_header_word(archive, 1, "2")), VersionError);
}

TEST(ArchiveHeader, OtherObjectTypeIsAVersionError) {
  const std::string archive = save_project_to_string(small_project());
  const auto e = thrown_by<VersionError>([&] { (void)load_project_from_string(with_header_word(archive, 2, "panel")); });
  EXPECT_CONTAINS(e.what(), "panel");
}

TEST(ArchiveHeader, UnknownFormatWordIsAFormatError) {
  const std::string archive = save_project_to_string(small_project());
  const auto e = thrown_by<FormatError>([&] { (void)load_project_from_string(with_header_word(archive, 3, "json")); });
  EXPECT_CONTAINS(e.what(), "json");
}

TEST(ArchiveHeader, MalformedChecksumIsAFormatError) {
  const std::string archive = save_project_to_string(small_project());
  EXPECT_THROW((void)load_project_from_string(with_header_word(archive, 5, "zzzzzzzz")), FormatError);
}

TEST(ArchiveHeader, FormatWordMustMatchThePayload) {
  // A text payload announced as binary or XML: the checksum holds, the payload cannot be read.
  const std::string text_payload = payload_of(save_project_to_string(small_project(), ArchiveFormat::text));
  EXPECT_THROW((void)load_project_from_string(envelope("xml", text_payload)), FormatError);
  EXPECT_THROW((void)load_project_from_string(envelope("binary", text_payload)), FormatError);
}

TEST(ArchivePayload, GarbageWithAValidChecksumIsAFormatError) {
  for (const std::string format : {"text", "xml", "binary"}) {
    const auto e = thrown_by<FormatError>([&] { (void)load_project_from_string(envelope(format, "hello"), "junk.sdproj"); });
    EXPECT_CONTAINS(e.what(), "junk.sdproj");
  }
}

// Untrusted archives: a forged length (with a valid checksum) is refused before anything is allocated.
TEST(ArchivePayload, ForgedLengthsAreRefusedBeforeAllocating) {
  const Project golden = make_golden_project();
  const std::string name = golden.name();
  const std::string text = payload_of(save_project_to_string(golden, ArchiveFormat::text));
  const auto forged_text = [&](const std::string& from, const std::string& to) {
    std::string out = text;
    const auto at = out.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return envelope("text", out.replace(at, from.size(), to));
  };
  // A string's length, and the count of the decision log (5 decisions, then item version and class info).
  for (const std::string& archive : {forged_text(std::to_string(name.size()) + " " + name, "999999999999 " + name),
                                     forged_text(" 5 0 0 0 1 0 5 frame", " 999999999999 0 0 0 1 0 5 frame")}) {
    const auto e = thrown_by<FormatError>([&] { (void)load_project_from_string(archive, "forged.sdproj"); });
    EXPECT_CONTAINS(e.what(), "forged.sdproj");
    EXPECT_CONTAINS(e.what(), "a length of 999999999999 exceeds");
  }
  // Binary: the eight bytes before the name hold its length.
  std::string binary = payload_of(save_project_to_string(golden, ArchiveFormat::binary));
  const auto at = binary.find(name);
  ASSERT_NE(at, std::string::npos);
  ASSERT_GE(at, 8U);
  for (std::size_t b = at - 8; b < at - 1; ++b) binary[b] = '\xff';
  const auto e = thrown_by<FormatError>([&] { (void)load_project_from_string(envelope("binary", binary), "forged.bin"); });
  EXPECT_CONTAINS(e.what(), "exceeds");
}

TEST(ArchivePayload, InconsistentContentIsAFormatErrorNamingTheSource) {
  const std::string xml = payload_of(save_project_to_string(make_golden_project(), ArchiveFormat::xml));
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string out = xml;
    const auto at = out.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return out.replace(at, from.size(), to);
  };
  // A current step beyond the model's last step.
  const auto step = thrown_by<FormatError>([&] {
    (void)load_project_from_string(envelope("xml", replaced("<current_step>3</current_step>", "<current_step>17</current_step>")),
                                   "bad-step.xml");
  });
  EXPECT_CONTAINS(step.what(), "bad-step.xml");
  // A process model this library does not know.
  const auto model = thrown_by<FormatError>([&] {
    (void)load_project_from_string(envelope("xml", replaced("<model>skr</model>", "<model>lean_startup</model>")),
                                   "bad-model.xml");
  });
  EXPECT_CONTAINS(model.what(), "bad-model.xml");
  EXPECT_CONTAINS(model.what(), "lean_startup");
  // The untouched payload in the same envelope loads, so the edits above are what failed.
  EXPECT_TRUE(load_project_from_string(envelope("xml", xml)) == make_golden_project());
}

TEST(ArchivePayload, NewerClassVersionIsAVersionError) {
  // The project's class version inside the payload is newer than this library's.
  const std::string xml = payload_of(save_project_to_string(small_project(), ArchiveFormat::xml));
  // Whatever the current version is: the number after this prefix becomes 70.
  const std::string prefix = "<project class_id=\"0\" tracking_level=\"0\" version=\"";
  const auto at = xml.find(prefix);
  ASSERT_NE(at, std::string::npos);
  const auto end = xml.find('"', at + prefix.size());
  std::string newer = xml;
  newer.replace(at + prefix.size(), end - at - prefix.size(), "70");
  const auto e = thrown_by<VersionError>([&] { (void)load_project_from_string(envelope("xml", newer), "future.xml"); });
  EXPECT_CONTAINS(e.what(), "future.xml");
  EXPECT_CONTAINS(e.what(), "class version 70");
}

TEST(ArchivePayload, NewerBoostArchiveVersionIsAVersionError) {
  // A text payload written by a newer Boost.Serialization library. (Boost's XML reader has no such check.)
  const std::string text = payload_of(save_project_to_string(small_project(), ArchiveFormat::text));
  const std::string signature = "serialization::archive ";
  const auto at = text.find(signature);
  ASSERT_NE(at, std::string::npos);
  const auto number = at + signature.size();
  std::string newer = text;
  newer.replace(number, text.find(' ', number) - number, "250");
  EXPECT_THROW((void)load_project_from_string(envelope("text", newer)), VersionError);
}

// ===== files and failures =============================================================================

TEST(ArchiveFiles, MissingFileIsAnIoErrorNamingThePath) {
  TempDir dir;
  const auto path = dir / "missing.sdproj";
  const auto e = thrown_by<IoError>([&] { (void)load_project(path); });
  EXPECT_CONTAINS(e.what(), path.string());
}

TEST(ArchiveFiles, SavingIntoAMissingFolderIsAnIoErrorAndCreatesNothing) {
  TempDir dir;
  const auto path = dir / "no-such-folder" / "storvik.sdproj";
  const auto e = thrown_by<IoError>([&] { save_project(small_project(), path); });
  EXPECT_CONTAINS(e.what(), path.string());
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path.parent_path()));
  EXPECT_TRUE(dir.entries().empty());
}

TEST(ArchiveFiles, CorruptedFileIsAFormatErrorNamingThePath) {
  TempDir dir;
  const auto path = dir / "storvik.sdproj";
  std::string archive = save_project_to_string(make_golden_project());
  archive.resize(archive.size() - 5);
  servicedesign::write_file_atomically(path, archive);
  const auto e = thrown_by<FormatError>([&] { (void)load_project(path); });
  EXPECT_CONTAINS(e.what(), path.string());
}

TEST(ArchiveFiles, FailedSaveKeepsTheOldFile) {
  TempDir dir;
  const auto path = dir / "storvik.sdproj";
  save_project(small_project(), path);
  const std::string before = servicedesign::read_file(path);
  // The target's folder disappears between saves: the save fails and nothing else changes.
  EXPECT_THROW(save_project(make_golden_project(), dir / "gone" / "storvik.sdproj"), IoError);
  EXPECT_EQ(servicedesign::read_file(path), before);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"storvik.sdproj"});
}

// Crash safety: a process killed with SIGKILL at a random moment while saving leaves the old complete
// archive or the new complete one, never a mix (the write goes to a temporary file renamed over the
// target). Temporary files of killed saves may stay behind; the target is always whole.
TEST(ArchiveFiles, SaveKilledAtRandomMomentsLeavesTheOldOrTheNewFile) {
  TempDir dir;
  const auto path = dir / "large.sdproj";
  // Two large projects (several MB each) that differ, so a mix of the two would be detected.
  const auto large = [](const std::string& tag) {
    Project p = small_project();
    for (int i = 0; i < 20000; ++i) {
      p.record_note(make_note("", "W1", "seniors", tag + " note " + std::to_string(i) + ": bussen går sällan på kvällen"));
    }
    return p;
  };
  const Project first = large("first");
  const Project second = large("second");
  save_project(first, path);
  // Kill moments spread over about three saves, so that kills land before, during and after renames.
  const auto start = std::chrono::steady_clock::now();
  save_project(second, dir / "timing.sdproj");
  const auto one_save = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<long> delay_us(0, 3 * static_cast<long>(one_save.count()));
  int saw_second = 0;
  for (int round = 0; round < 16; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {  // the child saves the two versions in turn until it is killed
      for (int k = 0;; ++k) save_project(k % 2 == 0 ? second : first, path);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    const Project loaded = load_project(path);  // checksum-verified: throws on a partial file
    const bool is_first = loaded == first;
    const bool is_second = loaded == second;
    EXPECT_TRUE(is_first || is_second) << "round " << round;
    saw_second += is_second ? 1 : 0;
  }
  RecordProperty("rounds_ending_with_the_second_version", saw_second);
}

TEST(ArchiveFiles, FailedLoadLeavesTheCallersProjectUnchanged) {
  TempDir dir;
  const Project original = make_golden_project();
  std::string corrupted = save_project_to_string(small_project(), ArchiveFormat::binary);
  corrupted.back() = static_cast<char>(corrupted.back() ^ 0x01);
  servicedesign::write_file_atomically(dir / "bad.sdproj", corrupted);

  Project p = original;
  try {
    p = load_project(dir / "bad.sdproj");
  } catch (const servicedesign::Error&) {
  }
  EXPECT_TRUE(p == original);
  try {
    p = load_project(dir / "missing.sdproj");
  } catch (const servicedesign::Error&) {
  }
  EXPECT_TRUE(p == original);
  try {
    p = load_project_from_string(with_header_word(save_project_to_string(small_project()), 1, "99"));
  } catch (const servicedesign::Error&) {
  }
  EXPECT_TRUE(p == original);
}

// ===== golden archives ===================================================================================

// The committed archives must keep loading: a change that breaks them breaks every user's saved projects.
void expect_golden_files(const std::string& stem, const Project& expected) {
  const std::filesystem::path folder = std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "tests" / "golden";
  const std::vector<std::pair<std::string, ArchiveFormat>> files{
      {stem + ".txt", ArchiveFormat::text}, {stem + ".xml", ArchiveFormat::xml}, {stem + ".bin", ArchiveFormat::binary}};
  for (const auto& [file, format] : files) {
    SCOPED_TRACE(file);
    const auto path = folder / file;
    ASSERT_TRUE(std::filesystem::exists(path)) << "run write_golden_archives " << folder.string();
    const std::string contents = servicedesign::read_file(path);
    const auto words = header_words(contents);
    ASSERT_EQ(words.size(), 6U);
    EXPECT_EQ(words[1], "1");
    EXPECT_EQ(words[3], format_name(format));
    const Project loaded = load_project(path);
    EXPECT_TRUE(loaded == expected);
    EXPECT_EQ(loaded.decisions().size(), expected.decisions().size());
    EXPECT_EQ(loaded.notes().size(), expected.notes().size());
    EXPECT_EQ(loaded.tracks().size(), expected.tracks().size());
  }
}

TEST(GoldenArchives, VersionOneLoadsWithOneTrackPerWorkingGroup) {
  Project expected = make_golden_project_v1();
  ASSERT_EQ(expected.working_groups().size(), 1U);
  expected.start_track(make_track("G1", "TR-G1"));  // in the first step, default gates, no start date
  expect_golden_files("project_v1", expected);
}

TEST(GoldenArchives, VersionTwoLoadsWithItsTracks) {
  const Project expected = make_golden_project();
  ASSERT_EQ(expected.tracks().size(), 2U);
  expect_golden_files("project_v2", expected);
}

TEST(GoldenArchives, VersionThreeLoadsWithItsErasures) {
  const Project expected = make_golden_project_v3();
  ASSERT_EQ(expected.erasures().size(), 1U);
  expect_golden_files("project_v3", expected);
}

}  // namespace
