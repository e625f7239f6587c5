// Tests of import_project_csv(): a folder of spreadsheet exports becomes a project, and every
// problem is reported with the file, the line and the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/process/project.hpp"
#include "test_support.hpp"

namespace {

using namespace servicedesign::process;
using servicedesign::InvalidInput;
using servicedesign::IoError;
using servicedesign::testing::TempDir;
using servicedesign::testing::thrown_by;

const char* const project_csv =
    "key,value\n"
    "name,Kulturell infrastruktur\n"
    "model,skr\n"
    "owner,Region Sörmland\n"
    "goal,Tre prioriterade behov\n"
    "challenge_purpose,Vi vill förstå vad kulturaktörer behöver\n"
    "challenge_for_whom,\"kulturskapare, gallerier och föreningar\"\n"
    "challenge_do_what,hitta stöd\n"
    "challenge_how,tillsammans\n"
    "target_segments,independent;municipal\n";

// A complete, valid project folder; tests overwrite single files to break it.
void write_valid_folder(const TempDir& dir) {
  const auto write = [&](const std::string& name, const std::string& text) {
    servicedesign::write_file_atomically(dir / name, text);
  };
  write("project.csv", project_csv);
  write("segments.csv", "key,name_sv\nindependent,Fria kulturaktörer\nmunicipal,Kommunal personal\nyouth,Unga\n");
  write("needs.csv", "id,title,description\nND-support,Stödstrukturer,\"Rådgivning\noch bidrag\"\nND-collab,Samverkan,\n");
  write("people.csv",
        "id,name,segment,household,consent,sector,art_form\n"
        "P1,Anna Ek,independent,h1,public,independent,bild\n"
        "P2,Bo Lind,municipal,h2,internal,municipal,\n"
        "P3,Cia Berg,independent,h1,none,independent,musik\n");
  write("arenas.csv", "id,name,host,segments,existing\nA1,Biblioteket,Kommunen,independent;municipal,ja\nA2,Torget,,youth,nei\n");
  write("workshops.csv",
        "id,kind,arena,date,facilitators,segments_present\n"
        "W1,problem_workshop,A1,2026-02-03,Lena:trained;Ola:untrained,independent;municipal\n"
        "W2,interview,A2,2026-02-10,Lena,youth\n");
  write("notes.csv",
        "id,workshop,segment,text,person,kind,language,tags,consent\n"
        "N1,W1,independent,\"Vi behöver en plats, sa hon\",P1,quote,sv,plats;tid,public\n"
        "N2,W1,municipal,Ingen vet vem som gör vad,P2,problem,SV,,internal\n"
        "N3,W2,youth,Bygg en app,,idea,,,\n");
  write("insights.csv",
        "id,who,what,why,evidence,need,status\n"
        "I1,Kulturaktörer,en väg in,de vet inte var de ska börja,N1;N2,ND-support,evidenced\n");
  write("working_groups.csv",
        "id,need,name,min_size,max_size,lead,quotas,members\n"
        "G1,ND-support,Stödgruppen,8,12,P1,sector=independent:5-7;sector=municipal:2-4,P1;P2;P3\n");
}

TEST(CsvImport, ReadsEveryFile) {
  TempDir dir;
  write_valid_folder(dir);
  const Project p = import_project_csv(dir.path());

  EXPECT_EQ(p.name(), "Kulturell infrastruktur");
  EXPECT_EQ(p.model().key(), "skr");
  EXPECT_EQ(p.owner(), "Region Sörmland");
  EXPECT_EQ(p.challenge().for_whom, "kulturskapare, gallerier och föreningar");
  EXPECT_EQ(p.challenge().goal, "Tre prioriterade behov");

  ASSERT_EQ(p.segments().size(), 3U);
  EXPECT_EQ(p.segment("independent").name, "Fria kulturaktörer");
  EXPECT_EQ(p.target_segments(), (std::vector<std::string>{"independent", "municipal"}));

  EXPECT_EQ(p.need("ND-support").description, "Rådgivning\noch bidrag");
  EXPECT_EQ(p.person("P1").name, "Anna Ek");
  EXPECT_EQ(p.person("P1").household, "h1");
  EXPECT_EQ(p.person("P1").consent, Consent::public_);
  EXPECT_EQ(p.person("P3").consent, Consent::none);
  EXPECT_EQ(p.person("P1").attributes.at("sector"), "independent");
  EXPECT_EQ(p.person("P1").attributes.at("art_form"), "bild");
  EXPECT_EQ(p.person("P1").attributes.count("name"), 0U);  // personal data is not an attribute

  EXPECT_TRUE(p.arena("A1").existing);
  EXPECT_FALSE(p.arena("A2").existing);
  EXPECT_EQ(p.arena("A1").segments, (std::vector<std::string>{"independent", "municipal"}));

  const Workshop& w1 = p.workshop("W1");
  ASSERT_EQ(w1.facilitators.size(), 2U);
  EXPECT_EQ(w1.facilitators[0].name, "Lena");
  EXPECT_TRUE(w1.facilitators[0].trained);
  EXPECT_EQ(w1.facilitators[1].name, "Ola");
  EXPECT_FALSE(w1.facilitators[1].trained);
  EXPECT_EQ(p.workshop("W2").kind, WorkshopKind::interview);
  EXPECT_FALSE(p.workshop("W2").facilitators.at(0).trained);

  const Note& n1 = p.note("N1");
  EXPECT_EQ(n1.text, "Vi behöver en plats, sa hon");
  EXPECT_EQ(n1.kind, NoteKind::quote);
  EXPECT_EQ(n1.tags, (std::vector<std::string>{"plats", "tid"}));
  EXPECT_EQ(n1.arena_id, "A1");        // from the workshop
  EXPECT_EQ(n1.date, "2026-02-03");    // from the workshop
  EXPECT_EQ(p.note("N2").language, "sv");
  EXPECT_EQ(p.note("N3").kind, NoteKind::idea);

  EXPECT_EQ(p.insight("I1").evidence, (std::vector<std::string>{"N1", "N2"}));
  EXPECT_EQ(p.insight("I1").status, InsightStatus::evidenced);

  const WorkingGroup& g = p.working_group("G1");
  EXPECT_EQ(g.min_size, 8U);
  EXPECT_EQ(g.lead_id, "P1");
  EXPECT_EQ(g.member_ids, (std::vector<std::string>{"P1", "P2", "P3"}));
  ASSERT_EQ(g.quotas.size(), 2U);
  EXPECT_EQ(g.quotas[0].attribute, "sector");
  EXPECT_EQ(g.quotas[0].value, "independent");
  EXPECT_EQ(g.quotas[0].min, 5U);
  EXPECT_EQ(g.quotas[0].max, 7U);
}

TEST(CsvImport, OnlyProjectCsvIsRequired) {
  TempDir dir;
  servicedesign::write_file_atomically(dir / "project.csv", "key,value\nname,Litet projekt\nmodel,gds\n");
  const Project p = import_project_csv(dir.path());
  EXPECT_EQ(p.name(), "Litet projekt");
  EXPECT_EQ(p.model().key(), "gds");
  EXPECT_TRUE(p.notes().empty());
}

TEST(CsvImport, WithoutTargetSegmentsEverySegmentIsATarget) {
  TempDir dir;
  write_valid_folder(dir);
  servicedesign::write_file_atomically(dir / "project.csv", "key,value\nname,P\n");
  EXPECT_EQ(import_project_csv(dir.path()).target_segments().size(), 3U);
}

TEST(CsvImport, MissingProjectCsvIsAnIoError) {
  TempDir dir;
  const auto e = thrown_by<IoError>([&] { (void)import_project_csv(dir.path()); });
  EXPECT_CONTAINS(e.what(), "project.csv");
}

// Each case breaks one file of a valid folder; the error must name that file, the line and the field.
struct Broken {
  std::string file;
  std::string text;
  std::string expected_location;  // "file:line"
  std::string expected_field;
};

TEST(CsvImport, ErrorsNameFileLineAndField) {
  const std::vector<Broken> cases{
      {"project.csv", "key,value\nname,P\nmodel,lean\n", "project.csv:3", "model"},
      {"project.csv", "key,value\nname,P\ntarget_segments,independent;martians\n", "project.csv:3", "target_segments"},
      {"project.csv", "key,value\nowner,X\n", "project.csv", "name"},
      {"needs.csv", "id,description\nND1,x\n", "needs.csv", "title"},
      {"needs.csv", "id,title\nND1,Stöd\nND2,\n", "needs.csv:3", "title"},
      {"people.csv", "id,name,segment,consent\nP1,A,independent,secret\n", "people.csv:2", "consent"},
      {"people.csv", "id,name,segment\nP1,A,independent\nP2,B,martians\n", "people.csv:3", "segment"},
      {"arenas.csv", "id,name,segments,existing\nA1,B,independent,kanske\n", "arenas.csv:2", "existing"},
      {"workshops.csv", "id,kind,arena,date\nW1,problem_workshop,A1,2026-02-30\n", "workshops.csv:2", "date"},
      {"workshops.csv", "id,kind,arena,date,facilitators\nW1,interview,A1,2026-02-01,Lena:expert\n", "workshops.csv:2",
       "facilitators"},
      {"notes.csv", "id,workshop,segment,text\nN1,W1,independent,ok\nN2,W9,independent,\"two\nlines\"\nN3,W1,x,y\n",
       "notes.csv:3", "workshop"},
      {"notes.csv", "id,workshop,segment,text,language\nN1,W1,independent,ok,svenska\n", "notes.csv:2", "language"},
      {"insights.csv", "id,who,what,why,evidence,status\nI1,a,b,c,N1,evidenced\n", "insights.csv:2", "status"},
      {"working_groups.csv", "id,need,name,quotas\nG1,ND-support,G,sector:5-7\n", "working_groups.csv:2", "quotas"},
      {"working_groups.csv", "id,need,name,min_size\nG1,ND-support,G,ten\n", "working_groups.csv:2", "min_size"},
      {"people.csv", "id,name,segment\nP1,J\xF6rgen,independent\n", "people.csv:2", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file + ": " + c.expected_location);
    TempDir dir;
    write_valid_folder(dir);
    servicedesign::write_file_atomically(dir / c.file, c.text);
    const auto e = thrown_by<InvalidInput>([&] { (void)import_project_csv(dir.path()); });
    EXPECT_CONTAINS(e.what(), (dir / c.expected_location).string());
    if (!c.expected_field.empty()) {
      EXPECT_CONTAINS(e.what(), "'" + c.expected_field + "'");
    }
  }
}

}  // namespace

namespace {

// A long import reports the file it reads and how far it is, by bytes, ending at 1; a callback that says stop
// ends it with Interrupted.
TEST(CsvImport, ReportsProgressAndStopsWhenAsked) {
  const auto storvik = std::filesystem::path(SERVICEDESIGN_SOURCE_DIR) / "examples" / "data" / "storvik";
  std::vector<std::pair<std::string, double>> reports;
  const servicedesign::process::Project project = servicedesign::process::import_project_csv(
      storvik, [&](std::string_view file, double fraction) {
        reports.emplace_back(file, fraction);
        return true;
      });
  ASSERT_GE(reports.size(), 8U);  // before each file, and at the end
  for (std::size_t i = 1; i < reports.size(); ++i) EXPECT_GE(reports[i].second, reports[i - 1].second);
  EXPECT_EQ(reports.back(), (std::pair<std::string, double>{"done", 1.0}));
  EXPECT_NE(std::find_if(reports.begin(), reports.end(), [](const auto& r) { return r.first == "notes.csv"; }),
            reports.end());
  EXPECT_FALSE(project.notes().empty());
  try {
    (void)servicedesign::process::import_project_csv(storvik, [](std::string_view file, double) { return file != "notes.csv"; });
    ADD_FAILURE() << "the import went on";
  } catch (const servicedesign::Interrupted& e) {
    EXPECT_EQ(std::string(e.what()), "import stopped while reading notes.csv");
  }
}

}  // namespace
