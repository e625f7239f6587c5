/// @file
/// A service-design project: its process model and current step, the append-only decision log,
/// gates, and every entity with referential integrity.
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
#include "servicedesign/process/process_model.hpp"

namespace boost::serialization {
class access;
}

namespace servicedesign::process {

/// A request to move between steps. `who` is always required; `rationale` is required for
/// back-steps and gate overrides.
struct Move {
  std::string who;                    ///< Who decided.
  std::string rationale;              ///< Why.
  std::vector<std::string> evidence;  ///< Ids of entities (notes, insights, tests, …) that support it.
  std::string when;                   ///< `YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]`; the current UTC time when empty.
  bool override_gate = false;         ///< Move forward although the gate has unmet criteria.
};

/// Kind of a recorded move.
enum class DecisionKind : std::uint8_t {
  forward,    ///< To the next step.
  back_step,  ///< Back to an earlier step, with a reason.
};

/// Key of a decision kind: `"forward"` or `"back_step"`.
[[nodiscard]] std::string_view to_string(DecisionKind kind) noexcept;

/// One entry of the append-only decision log.
struct Decision {
  std::size_t sequence = 0;   ///< 1, 2, 3, … in order of recording.
  DecisionKind kind = DecisionKind::forward;  ///< Forward or back-step.
  std::string from_step;      ///< Step key before the move.
  std::string to_step;        ///< Step key after the move.
  std::string when;           ///< ISO date-time.
  std::string who;           ///< Who decided.
  std::string rationale;     ///< Why.
  std::vector<std::string> evidence;             ///< Entity ids.
  std::vector<std::string> overridden_criteria;  ///< Unmet criteria overridden by this move (empty if none).
  friend bool operator==(const Decision&, const Decision&) = default;  ///< Member-wise equality.
};

/// A move the project may make now.
struct MoveOption {
  std::string to_step;  ///< Target step key.
  DecisionKind kind;    ///< Forward or back-step.
  bool needs_override;  ///< Forward move whose gate is not met.
};

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
  [[nodiscard]] const Challenge& challenge() const noexcept { return challenge_; }  ///< The challenge (Frame).
  void set_challenge(Challenge challenge) { challenge_ = std::move(challenge); }  ///< Replaces the challenge.
  [[nodiscard]] const std::string& owner() const noexcept { return owner_; }  ///< Who owns the result.
  void set_owner(std::string owner) { owner_ = std::move(owner); }  ///< Sets the owner.
  /// True for a redacted public edition made by public_edition().
  [[nodiscard]] bool is_public_edition() const noexcept { return public_edition_; }

  // --- steps and decisions ----------------------------------------------------------------------
  [[nodiscard]] std::size_t current_step_index() const noexcept { return current_step_; }  ///< Index into model().steps().
  [[nodiscard]] const StepInfo& current_step() const { return model_.steps()[current_step_]; }  ///< The current step.
  /// Moves to the next step. Records and returns the decision.
  /// @throws StateError when in the last step, or when the gate has unmet criteria and
  ///         `move.override_gate` is false (the message lists them);
  ///         InvalidInput when `who` is empty, an override has no rationale, or evidence ids are unknown.
  const Decision& advance(const Move& move);
  /// Goes back to `to_step`, which must be one of the model's back-steps from the current step.
  /// @throws StateError for a back-step the model does not allow; InvalidInput without a rationale.
  const Decision& step_back(std::string_view to_step, const Move& move);
  /// The moves allowed from the current step.
  [[nodiscard]] std::vector<MoveOption> allowed_moves() const;
  /// The append-only decision log.
  [[nodiscard]] const std::vector<Decision>& decisions() const noexcept { return decisions_; }

  // --- gates ------------------------------------------------------------------------------------
  /// Exit criteria of step `step_key`. @throws NotFound for an unknown step.
  [[nodiscard]] const std::vector<GateCriterion>& gate(std::string_view step_key) const;
  /// Replaces the exit criteria of step `step_key`. @throws InvalidInput for duplicate ids or bad bounds.
  void set_gate(std::string_view step_key, std::vector<GateCriterion> criteria);
  /// Unmet exit criteria of the current step, each explained.
  [[nodiscard]] std::vector<UnmetCriterion> check_gate() const;
  /// Unmet exit criteria of step `step_key`.
  [[nodiscard]] std::vector<UnmetCriterion> check_gate(std::string_view step_key) const;

  // --- entities: adding ---------------------------------------------------------------------------
  /// Adds a segment. @throws InvalidInput for an empty or duplicate key.
  const Segment& add_segment(Segment segment);
  const Need& add_need(Need need);            ///< @throws InvalidInput for an empty title or duplicate id.
  const Person& add_person(Person person);    ///< @throws InvalidInput for an unknown segment or duplicate id.
  const Arena& add_arena(Arena arena);        ///< @throws InvalidInput for an empty name or unknown segments.
  const Workshop& add_workshop(Workshop workshop);  ///< @throws InvalidInput for an unknown arena or bad date.
  /// Records a note; it is immutable from then on. Arena and date default to the workshop's;
  /// the consent is capped by the person's.
  /// @throws InvalidInput for empty text, an unknown workshop, segment or person, an arena that is not
  ///         the workshop's, a bad date or a language that is not written as an ISO 639 code (2-3 lower-case letters).
  const Note& record_note(Note note);
  /// Adds an insight. @throws InvalidInput without evidence or with unknown notes or need;
  ///         StateError when marked evidenced with fewer than two participants.
  const Insight& add_insight(Insight insight);
  const Opportunity& add_opportunity(Opportunity opportunity);  ///< @throws InvalidInput for unknown insights.
  const Idea& add_idea(Idea idea);                              ///< @throws InvalidInput for an unknown opportunity.
  const PrototypeTest& add_prototype_test(PrototypeTest test);  ///< @throws InvalidInput for an unknown idea or tester.
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

  /// Structural equality (same content and log), used by tests and round-trips.
  friend bool operator==(const Project& a, const Project& b);

 private:
  friend class boost::serialization::access;
  template <class Archive>
  void serialize(Archive& archive, unsigned int version);

  std::string next_id(std::string_view prefix);
  void require_new_id(const std::string& id, std::string_view kind) const;
  void require_evidence_ids(const std::vector<std::string>& ids) const;
  const Decision& record_move(std::size_t to, DecisionKind kind, const Move& move,
                              std::vector<std::string> overridden);
  void rebuild_indexes();

  std::string name_;
  ProcessModel model_;
  Challenge challenge_;
  std::string owner_;
  std::size_t current_step_ = 0;
  std::vector<Decision> decisions_;
  std::vector<std::vector<GateCriterion>> gates_;  // one per model step
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
  std::size_t id_counter_ = 0;
  bool public_edition_ = false;
};

}  // namespace servicedesign::process
