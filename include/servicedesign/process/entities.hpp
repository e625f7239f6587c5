/// @file
/// The things practitioners work with in a service-design project, in the terms of SKR's six steps for
/// service innovation (Innovationsguiden, innovationsguiden.se): needs, the challenge, people, working
/// groups, arenas (meeting places), workshops, notes, insights, opportunities, ideas and prototype tests.
///
/// These are plain value types. They become part of a project through servicedesign::process::Project,
/// which checks every reference (a note cannot cite a workshop that does not exist) and keeps notes
/// immutable once recorded.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// Note note;
/// note.text = "Bussen går for sjelden om kvelden";
/// note.kind = NoteKind::problem;
/// note.workshop_id = "W01";
/// note.segment = "youth";
/// project.record_note(note);   // arena and date default to the workshop's
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::process {

/// How far a person (or a note) may be shared. Ordered: each level includes the ones before.
enum class Consent : std::uint8_t {
  none,      ///< Use only as anonymous counts; never show the person's words.
  internal,  ///< Words may be shown inside the project team.
  public_,   ///< Words may be quoted in public reports ("public").
};

/// What a note records.
enum class NoteKind : std::uint8_t {
  quote,        ///< A participant's own words.
  observation,  ///< Something the facilitator saw.
  problem,      ///< A need or difficulty stated.
  idea,         ///< A proposed solution (flagged when raised in a problem workshop).
};

/// Kind of session where notes are collected.
enum class WorkshopKind : std::uint8_t {
  problem_workshop,  ///< Problemverksted: about needs and challenges, not solutions.
  interview,
  observation,
  ideation,
  test,
};

/// Life cycle of an insight: draft → evidenced → reviewed → prioritised → addressed, or archived.
enum class InsightStatus : std::uint8_t { draft, evidenced, reviewed, prioritised, addressed, archived };

/// Outcome of a prototype test (SKR step 5).
enum class TestOutcome : std::uint8_t { pending, stop, iterate, pilot };

/// Key of a value, e.g. `to_string(NoteKind::problem) == "problem"`, `to_string(Consent::public_) == "public"`.
[[nodiscard]] std::string_view to_string(Consent value) noexcept;
[[nodiscard]] std::string_view to_string(NoteKind value) noexcept;       ///< Key of a note kind.
[[nodiscard]] std::string_view to_string(WorkshopKind value) noexcept;   ///< Key of a workshop kind.
[[nodiscard]] std::string_view to_string(InsightStatus value) noexcept;  ///< Key of an insight status.
[[nodiscard]] std::string_view to_string(TestOutcome value) noexcept;    ///< Key of a test outcome.

/// Parses the key of an enum value (the inverse of to_string), case-insensitively.
/// @throws InvalidInput listing the accepted keys.
template <class Enum>
[[nodiscard]] Enum from_string(std::string_view key);

/// A target group or participant segment, e.g. `{"seniors", "Eldre"}`.
struct Segment {
  std::string key{}; ///< Stable key used everywhere else, e.g. `"seniors"`.
  std::string name{}; ///< Display name.
  bool target = true;  ///< True when the project must hear this segment.
  friend bool operator==(const Segment&, const Segment&) = default;  ///< Member-wise equality.
};

/// The SKR challenge template (Ringa in). Should name no solution: see Challenge::solution_words().
struct Challenge {
  std::string purpose{}; ///< "I want …" / "Vi vill …".
  std::string for_whom{}; ///< For whom.
  std::string do_what{}; ///< To do what.
  std::string how{};     ///< How, broadly.
  std::string goal{};    ///< The measurable goal of the project.

  /// True when purpose, for whom, do what and how are all filled in.
  [[nodiscard]] bool is_written() const noexcept;
  /// Words in the challenge that name a solution ("app", "plattform", "system", …), which the SKR
  /// method asks to leave out at this stage; empty when the challenge is solution-free.
  [[nodiscard]] std::vector<std::string> solution_words() const;
  friend bool operator==(const Challenge&, const Challenge&) = default;  ///< Member-wise equality.
};

/// A need the project has identified (a focus area once evidenced). A need adopted from the themes of the
/// notes records where it came from, so that a rerun of the clustering can show what changed.
struct Need {
  std::string id{};         ///< Stable id; generated when empty.
  std::string title{};      ///< Short title.
  std::string description{}; ///< Longer text.
  std::vector<std::int32_t> source_themes{}; ///< Themes it was adopted from (several when merged); empty when written by hand.
  std::vector<std::string> source_notes{};  ///< The notes of those themes when adopted (evidence of the need).
  friend bool operator==(const Need&, const Need&) = default;  ///< Member-wise equality.
};

/// A participant or volunteer. The id is a pseudonym; `name` is personal data and is removed from
/// public editions.
struct Person {
  std::string id{};     ///< Pseudonymous id, stable; generated when empty.
  std::string name{};   ///< Real name (personal data), may be empty.
  std::string segment{}; ///< Segment key; must exist in the project when given.
  std::map<std::string, std::string> attributes{}; ///< e.g. `{"sector","municipal"}`, `{"area","nord"}`.
  std::string household{}; ///< Household or organisation key (selection allows one per household).
  Consent consent = Consent::internal;  ///< How far this person's words may be shared.
  friend bool operator==(const Person&, const Person&) = default;  ///< Member-wise equality.
};

/// The person's value of `attribute`, the name compared without case; `segment` falls back to the person's
/// segment; empty when the person has none. Quotas, selection and warnings all read attributes through it.
[[nodiscard]] std::string attribute_value(const Person& person, std::string_view attribute);

/// An attribute quota inside a working group, e.g. 6-8 members with sector = municipal.
struct Quota {
  std::string attribute{}; ///< Attribute name, e.g. `"sector"`.
  std::string value{};    ///< Attribute value, e.g. `"municipal"`.
  std::size_t min = 0;    ///< At least this many members.
  std::size_t max = 0;    ///< At most this many members.
  friend bool operator==(const Quota&, const Quota&) = default;  ///< Member-wise equality.
};

/// A working group formed for one need, chosen for its topic (the selection part fills it).
struct WorkingGroup {
  std::string id{};     ///< Stable id; generated when empty.
  std::string need_id{}; ///< The need the group works on.
  std::string name{};   ///< Display name.
  std::size_t min_size = 10;  ///< Recommended minimum size (a warning, not an error).
  std::size_t max_size = 12;  ///< Recommended maximum size (a warning, not an error).
  std::vector<Quota> quotas{}; ///< Composition wanted for the topic.
  std::vector<std::string> member_ids{}; ///< Person ids.
  std::string lead_id{};      ///< Person id of the group's lead, may be empty.
  friend bool operator==(const WorkingGroup&, const WorkingGroup&) = default;  ///< Member-wise equality.
};

/// A meeting place (arena / møteplass) where people are reached.
struct Arena {
  std::string id{};      ///< Stable id; generated when empty.
  std::string name{};    ///< e.g. "Storvik bibliotek".
  std::string host{};    ///< Organisation that hosts it.
  std::vector<std::string> segments{}; ///< Segment keys it reaches.
  bool existing = true;  ///< False for a temporary arena the project created.
  friend bool operator==(const Arena&, const Arena&) = default;  ///< Member-wise equality.
};

/// A facilitator of a workshop.
struct Facilitator {
  std::string name{};    ///< Personal data; removed from public editions.
  bool trained = false;  ///< Trained as a workshop leader.
  friend bool operator==(const Facilitator&, const Facilitator&) = default;  ///< Member-wise equality.
};

/// A session where notes are collected.
struct Workshop {
  std::string id{};      ///< Stable id; generated when empty.
  WorkshopKind kind = WorkshopKind::problem_workshop;  ///< Kind of session.
  std::string arena_id{}; ///< Must exist.
  std::string date{};    ///< ISO date `YYYY-MM-DD`.
  std::vector<Facilitator> facilitators{}; ///< Who led it.
  std::vector<std::string> segments_present{}; ///< Segment keys of the participants.
  std::string track_id{}; ///< The working group's track it belongs to; empty for the shared insight phase.
  friend bool operator==(const Workshop&, const Workshop&) = default;  ///< Member-wise equality.
};

/// One fact from a session: the immutable atom of evidence.
struct Note {
  std::string id{};         ///< Stable id; generated when empty.
  std::string text{};       ///< The note itself, one fact.
  NoteKind kind = NoteKind::problem;  ///< What the note records.
  std::string workshop_id{}; ///< Session it came from; must exist.
  std::string segment{};    ///< Segment of the person who said it; must exist.
  std::string arena_id{};   ///< Defaults to the workshop's arena; must match it.
  std::string date{};       ///< ISO date; defaults to the workshop's date.
  std::string language{};   ///< ISO 639-1: sv, nb, nn, no, da, en; empty when unknown.
  std::vector<std::string> tags{}; ///< Free topic tags.
  std::string person_id{};  ///< Who said it, may be empty (anonymous).
  Consent consent = Consent::internal;  ///< Capped by the person's consent.
  friend bool operator==(const Note&, const Note&) = default;  ///< Member-wise equality.
};

/// "[who] needs [what] because [why]", backed by notes.
struct Insight {
  std::string id{};     ///< Stable id; generated when empty.
  std::string who{}; ///< Who has the need, e.g. "Eldre uten smarttelefon".
  std::string what{}; ///< What they need.
  std::string why{}; ///< Why they need it.
  std::string need_id{}; ///< The need it supports, may be empty.
  std::vector<std::string> evidence{}; ///< Note ids; at least one.
  InsightStatus status = InsightStatus::draft;  ///< Life-cycle status.

  /// The statement in the canonical form: "`who` needs `what` because `why`". When `what` or `why` already
  /// begins with its own connective ("trenger …", "behöver …", "fordi …", "eftersom …"), none is added.
  [[nodiscard]] std::string statement() const;
  friend bool operator==(const Insight&, const Insight&) = default;  ///< Member-wise equality.
};

/// An opportunity phrased as "How might we …?" from one or more insights.
struct Opportunity {
  std::string id{};          ///< Stable id; generated when empty.
  std::string how_might_we{}; ///< "How might we …?"
  std::vector<std::string> insight_ids{}; ///< Insights it answers.
  bool selected = false;     ///< Chosen as a development area in Focus.
  std::string track_id{};    ///< The track it belongs to; empty for the shared insight phase.
  friend bool operator==(const Opportunity&, const Opportunity&) = default;  ///< Member-wise equality.
};

/// An idea answering an opportunity.
struct Idea {
  std::string id{};            ///< Stable id; generated when empty.
  std::string opportunity_id{}; ///< May be empty.
  std::string title{};      ///< Short title.
  std::string description{}; ///< What the idea is.
  bool chosen = false;         ///< Chosen to make concrete and test.
  std::string track_id{};      ///< The track it belongs to; the opportunity's track when empty.
  friend bool operator==(const Idea&, const Idea&) = default;  ///< Member-wise equality.
};

/// A prototype test of an idea with users and staff.
struct PrototypeTest {
  std::string id{};     ///< Stable id; generated when empty.
  std::string idea_id{}; ///< Must exist.
  std::string plan{};   ///< The test plan: what, with whom, what counts as success.
  std::vector<std::string> tester_ids{}; ///< Person ids of the testers.
  std::size_t staff_testers = 0;        ///< Staff who tested (not registered as persons).
  TestOutcome outcome = TestOutcome::pending;  ///< Result of the test.
  std::string track_id{}; ///< The track it belongs to; the idea's track when empty.
  friend bool operator==(const PrototypeTest&, const PrototypeTest&) = default;  ///< Member-wise equality.
};

}  // namespace servicedesign::process
