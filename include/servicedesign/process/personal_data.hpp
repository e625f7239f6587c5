/// @file
/// Personal data in a project, and the rights of the people it is about (GDPR articles 15, 17 and 5(1)(e)):
/// what the project holds about a person (access), removing a person (erasure), and keeping data no longer
/// than needed (retention). One register, personal_fields(), says which field of which entity holds personal
/// data and what erasure and the public edition do with it; both walk the same fields.
///
/// Erasure leaves a tombstone where the person was, so that logs stay append-only and counts stay honest: the
/// person's record is replaced by a record with a fresh id (`ER1`, …) and nothing else, working groups and tests
/// keep that id in the person's seat, and every mention of the person's name or id in the project's free text
/// becomes "a participant, erased on DATE: REASON". The erasure is logged (Project::erasures()) without any of
/// the erased data.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// const PersonalData held = personal_data(project, "P017");          // a subject-access request
/// std::cout << to_markdown(held);
/// const ErasureReport done = erase_person(project, "P017", {.reason = "withdrew consent", .date = "2026-12-01"});
/// for (const auto& unmet : done.newly_unmet) std::cout << unmet.explanation << '\n';   // gates to look at again
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/process/entities.hpp"
#include "servicedesign/process/gates.hpp"
#include "servicedesign/process/track.hpp"

namespace servicedesign::process {

class Project;

/// What a field holds, as far as personal data goes.
enum class PersonalKind : std::uint8_t {
  identifier,        ///< Names a person directly (a person's name, a facilitator's name, a decider).
  about_person,      ///< A fact about one person (attributes, household, consent, segment).
  person_reference,  ///< Holds a person id (a note's author, a group's members).
  own_words,         ///< A person's own words (a note's text).
  free_text,         ///< Written by the team; may mention people by name (scrubbed by the public edition and erasure).
  not_personal,      ///< Holds nothing about a person (ids of entities, dates, keys, counts).
};

/// One field of one entity in the register.
struct PersonalField {
  std::string_view entity;  ///< e.g. "Person", "Note", "Decision", "Project".
  std::string_view field;   ///< The field's name, as in C++ and Python.
  PersonalKind kind;        ///< What it holds.
  std::string_view on_erasure;  ///< What erase_person() does with it, in words (for the docs and access reports).
};

/// The register: every field of every entity a project stores, and whether and how it is personal. Erasure,
/// access and the public edition act on these fields; a test checks that every field of every entity is listed,
/// so a new field cannot be forgotten.
[[nodiscard]] const std::vector<PersonalField>& personal_fields();

/// Key of a kind: "identifier", "about_person", "person_reference", "own_words", "free_text", "not_personal".
[[nodiscard]] std::string_view to_string(PersonalKind kind) noexcept;

/// One erasure or purge, as the project logs it: no erased data, only what was done, when and why.
struct Erasure {
  std::string id{};      ///< The tombstone's id (`ER1`, …): the erased person's seat in groups and tests.
  std::string date{};    ///< `YYYY-MM-DD`.
  std::string reason{};  ///< Why (e.g. "withdrew consent", "retention period ended"); required.
  std::string what{};    ///< "person" (erase_person), "notes" or "pool" (purge).
  std::size_t persons = 0;          ///< Person records removed.
  std::size_t notes_removed = 0;    ///< Notes removed (quotes included).
  std::size_t notes_kept_anonymous = 0;  ///< Notes kept as anonymous text (no author, no name in them).
  std::size_t mentions_replaced = 0;     ///< Mentions of the person in free text replaced by the tombstone.
  friend bool operator==(const Erasure&, const Erasure&) = default;  ///< Member-wise equality.
};

/// Options of erase_person().
struct ErasureOptions {
  std::string reason{};  ///< Why the person is erased; required (logged), and must not name the person.
  std::string date{};    ///< `YYYY-MM-DD` of the erasure; required, not before the last erasure nor after today.
  /// Keep the person's notes (not quotes) as anonymous text, without author, where the text names no one in
  /// the project; otherwise (the default) every note of theirs is removed.
  bool keep_anonymous_notes = false;
  std::string today{};   ///< `YYYY-MM-DD` (default: the system's date, UTC); `date` may not be after it.
};

/// An insight or need whose evidence erasure or purge reduced.
struct ReducedEvidence {
  std::string id{};         ///< Insight or need id.
  std::string kind{};       ///< "insight" or "need".
  std::size_t before = 0;   ///< Notes of evidence before.
  std::size_t after = 0;    ///< Notes of evidence after (an insight left with none is set back to draft).
  friend bool operator==(const ReducedEvidence&, const ReducedEvidence&) = default;  ///< Member-wise equality.
};

/// What erase_person() or purge() did, and what to look at again.
struct ErasureReport {
  Erasure erasure{};                       ///< The log entry (also in Project::erasures()).
  std::vector<ReducedEvidence> reduced{};  ///< Insights and needs that lost evidence.
  std::vector<UnmetCriterion> newly_unmet{};  ///< Exit criteria of current steps (all tracks) met before, unmet now.
};

/// Erases person `person_id` from `project` (GDPR art. 17): the person's record (name, segment, attributes,
/// household, consent) is replaced by a tombstone record with a fresh id; their quotes are removed and their
/// other notes removed or, with `keep_anonymous_notes`, kept without author where the text names no one;
/// removed notes leave the evidence of insights, needs and decisions (a decision's evidence names the tombstone
/// instead); groups and tests keep the tombstone in the person's seat; every mention of their name or id in
/// free text becomes "a participant, erased on DATE: REASON". All or nothing: on error the project is unchanged.
/// Only the full name, the parts of it no one else in the project bears and an id that is a word (not a bare
/// number) are replaced in free text, so that other people's names and ordinary words stay as they are; a
/// housemate's household key that holds the person's id or name becomes `H-<tombstone>`.
/// @throws NotFound for an unknown id (also for an id already erased); InvalidInput for a tombstone's id, an
///         empty reason or one that names the person, a date that is not `YYYY-MM-DD` or is after today.
ErasureReport erase_person(Project& project, std::string_view person_id, const ErasureOptions& options);

/// Options of purge().
struct PurgeOptions {
  std::string before{};  ///< `YYYY-MM-DD`: notes dated before it are removed (kinds "notes").
  std::vector<std::string> kinds{"notes", "pool"};  ///< "notes", and "pool": persons in no group, test or note.
  std::string reason{"retention period ended"};     ///< Logged.
  std::string today{};   ///< `YYYY-MM-DD`; `before` may not be after it (default: the system's date, UTC).
};

/// Removes what the project need not keep any longer (GDPR art. 5(1)(e)): notes dated before `before` and, for
/// "pool", the persons who are in no working group or test and said no note that is kept (the volunteers who
/// were not chosen). Logged as one Erasure per kind, with the same tombstones and evidence updates as
/// erase_person(). All or nothing.
/// @throws InvalidInput for a date that is not `YYYY-MM-DD`, a date after today, an unknown kind.
std::vector<ErasureReport> purge(Project& project, const PurgeOptions& options);

/// A note as shown in an access report.
struct HeldNote {
  std::string id{};           ///< The note's id.
  std::string text{};         ///< Its words, as stored.
  std::string kind{};         ///< quote, observation, problem or idea.
  std::string consent{};      ///< none, internal or public.
  std::string workshop_id{};  ///< Where it was said.
  std::string date{};         ///< When.
  friend bool operator==(const HeldNote&, const HeldNote&) = default;  ///< Member-wise equality.
};

/// Everything a project holds about one person (GDPR art. 15): their record, their notes and quotes, the groups
/// and tests they serve in, the decisions and other free text that mention them.
struct PersonalData {
  std::string person_id{};                 ///< Who.
  std::vector<std::pair<std::string, std::string>> fields{};  ///< name, segment, household, consent, attributes.
  std::vector<HeldNote> notes{};           ///< Their notes, quotes included, in the order recorded.
  std::vector<std::string> groups{};       ///< "G01 (member)", "G02 (lead)".
  std::vector<std::string> tests{};        ///< Prototype tests they took part in.
  std::vector<std::string> mentions{};     ///< "Decision 3 of track TR-G01, rationale: …": free text naming them.
  std::vector<std::string> evidence_of{};  ///< Insights and needs their notes are evidence of.
  friend bool operator==(const PersonalData&, const PersonalData&) = default;  ///< Member-wise equality.
};

/// What `project` holds about person `person_id`.
/// @throws NotFound for an unknown id.
[[nodiscard]] PersonalData personal_data(const Project& project, std::string_view person_id);

/// The access report as JSON (UTF-8, keys in a fixed order).
[[nodiscard]] std::string to_json(const PersonalData& data);

/// The access report for the person to read (Markdown).
[[nodiscard]] std::string to_markdown(const PersonalData& data);

}  // namespace servicedesign::process
