/// @file
/// A service-design project: its process model, the shared insight phase and one track per working
/// group (each with its current step, gates and append-only decision log), and every entity with
/// referential integrity.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// Project project("Smart Storvik", ProcessModel::skr());
/// project.set_challenge({"Vi vil forstå hva innbyggerne trenger", "innbyggere og næringsliv",
///                        "finne fram til kommunens tjenester", "sammen med dem", "Tre prioriterte behov"});
/// project.add_segment({"seniors", "Eldre"});
/// project.advance({.who = "Eva", .rationale = "Utfordringen er skrevet"});   // Frame -> Explore
/// project.step_back("frame", {.who = "Eva", .rationale = "Vi trenger flere intervjuer"});  // throws:
///                                                      // Explore -> Frame is not a listed back-step
/// @endcode
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "servicedesign/process/detail/registry.hpp"
#include "servicedesign/process/entities.hpp"
#include "servicedesign/process/gates.hpp"
#include "servicedesign/process/personal_data.hpp"
#include "servicedesign/process/process_model.hpp"
#include "servicedesign/process/track.hpp"

namespace boost::serialization {
class access;
}

namespace servicedesign::process {

/// A service-design project. Copyable value type; all mutators either succeed completely or throw
/// and leave the project unchanged (strong guarantee).
///
/// Entity ids are unique across all kinds (a decision's evidence may cite any of them); an entity
/// added with an empty id gets a generated one (`ND1`, `P1`, `A1`, `W1`, `N1`, `I1`, `O1`, `IDEA1`,
/// `T1`, `G1`), which the returned reference shows.
class Project {
 public:
  /// A new project in the first step of `model`, with the model's default gates.
  explicit Project(std::string name = "Untitled project", ProcessModel model = ProcessModel::skr());

  // --- identity -------------------------------------------------------------------------------
  [[nodiscard]] const std::string& name() const noexcept { return name_; }  ///< The project's name.
  [[nodiscard]] const ProcessModel& model() const noexcept { return model_; }  ///< Its process model.
  [[nodiscard]] const Challenge& challenge() const noexcept { return phase_.challenge; }  ///< The insight phase's challenge (Frame).
  void set_challenge(Challenge challenge) { phase_.challenge = std::move(challenge); }  ///< Replaces the insight phase's challenge.
  [[nodiscard]] const std::string& owner() const noexcept { return owner_; }  ///< Who owns the result.
  void set_owner(std::string owner) { owner_ = std::move(owner); }  ///< Sets the owner.
  /// True for a redacted public edition made by public_edition().
  [[nodiscard]] bool is_public_edition() const noexcept { return public_edition_; }

  // --- steps and decisions ----------------------------------------------------------------------
  // Each of these acts on the shared insight phase, or on the track named by `move.track` / `track`.
  [[nodiscard]] std::size_t current_step_index() const noexcept { return phase_.current_step; }  ///< Index into model().steps(), of the insight phase.
  [[nodiscard]] const StepInfo& current_step() const { return model_.steps()[phase_.current_step]; }  ///< The insight phase's current step.
  /// Moves the insight phase, or the track `move.track`, to the next step. Records and returns the decision.
  /// @throws StateError when in the last step, on a closed track, or when the gate has unmet criteria and
  ///         `move.override_gate` is false (the message lists them);
  ///         InvalidInput when `who` is empty, an override has no rationale, evidence ids are unknown, or
  ///         `when` lies before the track's start date or its last decision;
  ///         NotFound for an unknown track.
  const Decision& advance(const Move& move);
  /// Goes back to `to_step`, which must be one of the model's back-steps from the current step.
  /// @throws StateError for a back-step the model does not allow or on a closed track; InvalidInput without a rationale.
  const Decision& step_back(std::string_view to_step, const Move& move);
  /// The moves allowed from the current step of the insight phase or of `track` (none once closed).
  [[nodiscard]] std::vector<MoveOption> allowed_moves(std::string_view track = {}) const;
  /// The insight phase's append-only decision log.
  [[nodiscard]] const std::vector<Decision>& decisions() const noexcept { return phase_.decisions; }

  // --- tracks -------------------------------------------------------------------------------------
  /// The shared insight phase: meeting places, problem workshops, insights, prioritised needs.
  [[nodiscard]] const Track& insight_phase() const noexcept { return phase_; }
  /// Starts a working group's own process in the first step of the model, with default gates.
  /// Give `group_id`, and optionally `id`, `start_date` and `challenge`; the rest must be left empty.
  /// @throws NotFound for an unknown group; InvalidInput when the group already has a track, for a
  ///         duplicate id, a bad start date, or a step, log or gates filled in.
  const Track& start_track(Track track);
  /// The tracks of the working groups, in the order started.
  [[nodiscard]] const std::vector<Track>& tracks() const noexcept { return tracks_.items; }
  /// The track with id `track_id`; the insight phase for an empty id. @throws NotFound naming the id.
  [[nodiscard]] const Track& track(std::string_view track_id) const;
  /// The track of working group `group_id`, or nullptr when the group has none yet.
  /// @throws NotFound for an unknown group.
  [[nodiscard]] const Track* track_of_group(std::string_view group_id) const;
  /// Replaces a track's challenge (the insight phase's for an empty id). @throws StateError on a closed track.
  void set_track_challenge(std::string_view track_id, Challenge challenge);
  /// Closes a track: its work is handed over or stopped. Records a decision; needs `who` and a rationale.
  /// @throws StateError when already closed; InvalidInput for the insight phase or without a rationale.
  const Decision& close_track(std::string_view track_id, const Move& move);

  // --- gates ------------------------------------------------------------------------------------
  /// Exit criteria of step `step_key` of the insight phase or of `track`. @throws NotFound for an unknown step or track.
  [[nodiscard]] const std::vector<GateCriterion>& gate(std::string_view step_key, std::string_view track = {}) const;
  /// Replaces the exit criteria of step `step_key`. @throws InvalidInput for duplicate ids or bad bounds;
  /// StateError on a closed track.
  void set_gate(std::string_view step_key, std::vector<GateCriterion> criteria, std::string_view track = {});
  /// Unmet exit criteria of the insight phase's current step, each explained.
  [[nodiscard]] std::vector<UnmetCriterion> check_gate() const;
  /// Unmet exit criteria of step `step_key` (the current step when empty) of the insight phase or of `track`,
  /// judged on that track's evidence.
  [[nodiscard]] std::vector<UnmetCriterion> check_gate(std::string_view step_key, std::string_view track = {}) const;

  // --- entities: adding ---------------------------------------------------------------------------
  /// Adds a segment. @throws InvalidInput for an empty or duplicate key.
  const Segment& add_segment(Segment segment);
  const Need& add_need(Need need);            ///< @throws InvalidInput for an empty title or duplicate id.
  const Person& add_person(Person person);    ///< @throws InvalidInput for an unknown segment or duplicate id.
  const Arena& add_arena(Arena arena);        ///< @throws InvalidInput for an empty name or unknown segments.
  const Workshop& add_workshop(Workshop workshop);  ///< @throws InvalidInput for an unknown arena, track or bad date.
  /// Records a note; it is immutable from then on. Arena and date default to the workshop's;
  /// the consent is capped by the person's.
  /// @throws InvalidInput for empty text, an unknown workshop, segment or person, an arena that is not
  ///         the workshop's, a bad date or a language that is not written as an ISO 639 code (2-3 lower-case letters).
  const Note& record_note(Note note);
  /// Adds an insight. @throws InvalidInput without evidence or with unknown notes or need;
  ///         StateError when marked evidenced with fewer than two participants.
  const Insight& add_insight(Insight insight);
  const Opportunity& add_opportunity(Opportunity opportunity);  ///< @throws InvalidInput for unknown insights or track.
  /// Adds an idea, in its opportunity's track when `track_id` is empty.
  /// @throws InvalidInput for an unknown opportunity or track, or an opportunity of another track.
  const Idea& add_idea(Idea idea);
  /// Adds a prototype test, in its idea's track when `track_id` is empty.
  /// @throws InvalidInput for an unknown idea, tester or track, or an idea of another track.
  const PrototypeTest& add_prototype_test(PrototypeTest test);
  /// Adds a working group. @throws InvalidInput for an unknown need, member or lead, or a quota with min > max.
  const WorkingGroup& add_working_group(WorkingGroup group);

  // --- entities: changing what may change ----------------------------------------------------------
  /// Moves an insight along its life cycle. `evidenced` needs notes from at least two participants.
  /// @throws StateError for a transition that is not allowed.
  void set_insight_status(std::string_view insight_id, InsightStatus status);
  /// Adds a note to an insight's evidence (no-op when already there).
  void add_insight_evidence(std::string_view insight_id, std::string_view note_id);
  void set_opportunity_selected(std::string_view opportunity_id, bool selected);  ///< Development area or not.
  void set_idea_chosen(std::string_view idea_id, bool chosen);                    ///< Chosen to test or not.
  void set_test_outcome(std::string_view test_id, TestOutcome outcome);           ///< Records an outcome.
  /// Replaces the members of a working group (e.g. with a panel drawn by the selection part).
  /// @throws StateError when the group's track is closed.
  void set_working_group_members(std::string_view group_id, std::vector<std::string> person_ids);

  // --- entities: reading -----------------------------------------------------------------------------
  [[nodiscard]] const std::vector<Segment>& segments() const noexcept { return segments_.items; }  ///< All segments, in the order added.
  [[nodiscard]] const std::vector<Need>& needs() const noexcept { return needs_.items; }  ///< All needs, in the order added.
  [[nodiscard]] const std::vector<Person>& persons() const noexcept { return persons_.items; }  ///< All persons, in the order added.
  [[nodiscard]] const std::vector<Arena>& arenas() const noexcept { return arenas_.items; }  ///< All arenas, in the order added.
  [[nodiscard]] const std::vector<Workshop>& workshops() const noexcept { return workshops_.items; }  ///< All workshops, in the order added.
  [[nodiscard]] const std::vector<Note>& notes() const noexcept { return notes_.items; }  ///< All notes, in the order added.
  [[nodiscard]] const std::vector<Insight>& insights() const noexcept { return insights_.items; }  ///< All insights, in the order added.
  [[nodiscard]] const std::vector<Opportunity>& opportunities() const noexcept { return opportunities_.items; }  ///< All opportunities, in the order added.
  [[nodiscard]] const std::vector<Idea>& ideas() const noexcept { return ideas_.items; }  ///< All ideas, in the order added.
  [[nodiscard]] const std::vector<PrototypeTest>& prototype_tests() const noexcept { return tests_.items; }  ///< All prototype tests, in the order added.
  [[nodiscard]] const std::vector<WorkingGroup>& working_groups() const noexcept { return groups_.items; }  ///< All working groups, in the order added.

  /// Lookup by id; each @throws NotFound naming the id.
  [[nodiscard]] const Segment& segment(std::string_view key) const;
  [[nodiscard]] const Need& need(std::string_view id) const;            ///< @copydoc segment
  [[nodiscard]] const Person& person(std::string_view id) const;        ///< @copydoc segment
  [[nodiscard]] const Arena& arena(std::string_view id) const;          ///< @copydoc segment
  [[nodiscard]] const Workshop& workshop(std::string_view id) const;    ///< @copydoc segment
  [[nodiscard]] const Note& note(std::string_view id) const;            ///< @copydoc segment
  [[nodiscard]] const Insight& insight(std::string_view id) const;      ///< @copydoc segment
  [[nodiscard]] const WorkingGroup& working_group(std::string_view id) const;  ///< @copydoc segment
  /// True when some entity (of any kind) has this id.
  [[nodiscard]] bool contains_id(std::string_view id) const noexcept;

  // --- derived views ------------------------------------------------------------------------------
  /// Keys of the segments the project must hear.
  [[nodiscard]] std::vector<std::string> target_segments() const;
  /// Participants behind an insight's evidence: distinct persons, plus one anonymous participant per
  /// (workshop, segment) for notes without a person.
  [[nodiscard]] std::size_t participant_count(const Insight& insight) const;
  /// Ids of notes proposing a solution (kind idea) in a problem workshop, which is about needs.
  [[nodiscard]] std::vector<std::string> solution_notes_in_problem_workshops() const;
  /// Warnings about a working group: size outside its range, quotas not met, members without consent.
  [[nodiscard]] std::vector<std::string> working_group_warnings(std::string_view group_id) const;
  /// Everything worth a look, in words: solution words in the challenge, solution notes in problem
  /// workshops, untrained facilitators, working-group warnings.
  [[nodiscard]] std::vector<std::string> warnings() const;

  /// A copy fit for publication: names replaced by pseudonyms everywhere (also inside free text),
  /// quotes without public consent withheld, household keys and facilitators pseudonymised.
  [[nodiscard]] Project public_edition() const;

  /// The log of erasures and purges (personal_data.hpp), oldest first: what was done, when and why, without
  /// any of the erased data. An erased person's seat in groups and tests holds the entry's id.
  [[nodiscard]] const std::vector<Erasure>& erasures() const noexcept { return erasures_; }

  /// The erasure whose tombstone has id `id`, or nullptr when `id` is not a tombstone.
  [[nodiscard]] const Erasure* erasure(std::string_view id) const noexcept;

  /// Structural equality (same content and log), used by tests and round-trips.
  friend bool operator==(const Project& a, const Project& b);

 private:
  friend class boost::serialization::access;
  template <class Archive>
  void serialize(Archive& archive, unsigned int version);
  friend ErasureReport erase_person(Project&, std::string_view, const ErasureOptions&);
  friend std::vector<ErasureReport> purge(Project&, const PurgeOptions&);
  friend PersonalData personal_data(const Project&, std::string_view);
  friend struct PersonalDataEditor;  // src/process/personal_data.cpp: the edits erasure and purge make

  /// Calls `visit(entity, field, text)` for every free-text field (personal_fields(): kind free_text) of
  /// `project` (a Project or a const Project): what the public edition and erasure scrub names from, and what an
  /// access report searches. Defined in src/process/free_text.hpp.
  template <class Self, class Visit>
  static void visit_free_text(Self& project, Visit&& visit);

  std::string next_id(std::string_view prefix);
  Track& mutable_track(std::string_view track_id);
  void require_open_track(std::string_view track_id, std::string_view kind, std::string_view id) const;
  void require_new_id(const std::string& id, std::string_view kind) const;
  void require_evidence_ids(const std::vector<std::string>& ids) const;
  const Decision& record_move(Track& track, std::size_t to, DecisionKind kind, const Move& move,
                              std::vector<std::string> overridden);
  void upgrade_groups_to_tracks();
  void validate_tracks_and_sources(const std::string& model_key) const;
  void rebuild_indexes();

  std::string name_;
  ProcessModel model_;
  std::string owner_;
  Track phase_;  // the shared insight phase: empty id and group
  detail::Registry<Segment, &Segment::key> segments_;
  detail::Registry<Need> needs_;
  detail::Registry<Person> persons_;
  detail::Registry<Arena> arenas_;
  detail::Registry<Workshop> workshops_;
  detail::Registry<Note> notes_;
  detail::Registry<Insight> insights_;
  detail::Registry<Opportunity> opportunities_;
  detail::Registry<Idea> ideas_;
  detail::Registry<PrototypeTest> tests_;
  detail::Registry<WorkingGroup> groups_;
  detail::Registry<Track> tracks_;
  std::vector<Erasure> erasures_;
  std::size_t id_counter_ = 0;
  bool public_edition_ = false;
};

}  // namespace servicedesign::process
