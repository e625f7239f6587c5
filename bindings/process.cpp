// Python bindings of the process part: servicedesign._core.process.
#include <optional>

#include <pybind11/functional.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/archive.hpp"
#include "servicedesign/process/arena_planner.hpp"
#include "servicedesign/process/coverage.hpp"
#include "servicedesign/process/csv_import.hpp"
#include "servicedesign/process/group_selection.hpp"
#include "servicedesign/process/privacy.hpp"
#include "servicedesign/process/programme.hpp"
#include "servicedesign/process/project.hpp"
#include "servicedesign/process/proposed_needs.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

using namespace servicedesign::process;

// Enums accept their key as a string anywhere a value is expected: note.kind = "quote".
template <class Enum, class... Values>
void bind_enum(py::module_& m, const char* name, const char* doc, Values... values) {
  py::enum_<Enum> e(m, name, doc);
  (e.value(std::string(to_string(values)).c_str(), values), ...);
  e.def(py::init([](const std::string& key) { return from_string<Enum>(key); }), "key"_a);
  str_is_key(e);
}

// An enum value from the enum itself or from its key; an unknown key raises InvalidInputError
// listing the accepted keys (an implicit conversion would only say "incompatible arguments").
template <class Enum>
Enum as_enum(const py::object& value) {
  if (py::isinstance<py::str>(value)) return from_string<Enum>(value.cast<std::string>());
  return value.cast<Enum>();
}

// Getter and setter of an enum field that also accepts the value's key.
template <class Class, class Enum>
auto enum_get(Enum Class::*member) {
  return [member](const Class& c) { return c.*member; };
}
template <class Class, class Enum>
auto enum_set(Enum Class::*member) {
  return [member](Class& c, const py::object& value) { c.*member = as_enum<Enum>(value); };
}

template <class T>
std::string repr_with_id(const char* type, const T& value, const std::string& label) {
  return std::string(type) + "(id='" + value.id + "', " + label + ")";
}

Move make_move(std::string who, std::string rationale, std::vector<std::string> evidence, std::string when,
               bool override_gate, std::string track) {
  return Move{std::move(who), std::move(rationale), std::move(evidence), std::move(when), override_gate, std::move(track)};
}

}  // namespace

void init_process(py::module_& parent) {
  py::module_ m = parent.def_submodule("process", "The service-design project: steps, gates, entities, evidence.");

  // --- enums -------------------------------------------------------------------------------------
  py::enum_<SkrStep> skr(m, "SkrStep", "SKR's six steps, the reference every model maps onto.");
  for (SkrStep s : all_skr_steps) skr.value(std::string(to_string(s)).c_str(), s);
  str_is_key(skr);

  bind_enum<Consent>(m, "Consent", "How far a person's words may be shared.", Consent::none, Consent::internal,
                     Consent::public_);
  bind_enum<NoteKind>(m, "NoteKind", "What a note records.", NoteKind::quote, NoteKind::observation, NoteKind::problem,
                      NoteKind::idea);
  bind_enum<WorkshopKind>(m, "WorkshopKind", "Kind of session.", WorkshopKind::problem_workshop, WorkshopKind::interview,
                          WorkshopKind::observation, WorkshopKind::ideation, WorkshopKind::test);
  bind_enum<InsightStatus>(m, "InsightStatus", "Life cycle of an insight.", InsightStatus::draft,
                           InsightStatus::evidenced, InsightStatus::reviewed, InsightStatus::prioritised,
                           InsightStatus::addressed, InsightStatus::archived);
  bind_enum<TestOutcome>(m, "TestOutcome", "Outcome of a prototype test.", TestOutcome::pending, TestOutcome::stop,
                         TestOutcome::iterate, TestOutcome::pilot);

  // --- process models -------------------------------------------------------------------------------
  py::class_<StepInfo>(m, "StepInfo", "One step of a process model.")
      .def_readonly("key", &StepInfo::key)
      .def_readonly("name_en", &StepInfo::name_en)
      .def_readonly("name_sv", &StepInfo::name_sv)
      .def_readonly("name_no", &StepInfo::name_no)
      .def_readonly("purpose", &StepInfo::purpose)
      .def_readonly("exit_signal", &StepInfo::exit_signal)
      .def_readonly("skr_equivalents", &StepInfo::skr_equivalents)
      .def("__repr__", [](const StepInfo& s) { return "StepInfo('" + s.key + "', '" + s.name_en + "')"; });

  py::class_<ProcessModel>(m, "ProcessModel", "A process model: steps, crosswalk to SKR, back-steps.")
      .def(py::init([](const std::string& key) { return ProcessModel::by_key(key); }), "key"_a = "skr")
      .def_static("builtin_keys", &ProcessModel::builtin_keys)
      .def_property_readonly("key", &ProcessModel::key)
      .def_property_readonly("name", &ProcessModel::name)
      .def_property_readonly("steps", &ProcessModel::steps)
      .def("step_index", &ProcessModel::step_index, "key"_a)
      .def("is_back_step_allowed", &ProcessModel::is_back_step_allowed, "from_step"_a, "to_step"_a)
      .def("back_steps_from", &ProcessModel::back_steps_from, "from_step"_a)
      .def("steps_covering", &ProcessModel::steps_covering, "skr_step"_a)
      .def("__repr__", [](const ProcessModel& p) { return "ProcessModel('" + p.key() + "')"; });

  // --- entities ----------------------------------------------------------------------------------------
  py::class_<Segment>(m, "Segment", "A target group or participant segment.")
      .def(py::init([](std::string key, std::string name, bool target) { return Segment{std::move(key), std::move(name), target}; }),
           "key"_a, "name"_a = "", "target"_a = true)
      .def_readwrite("key", &Segment::key)
      .def_readwrite("name", &Segment::name)
      .def_readwrite("target", &Segment::target)
      .def(py::self == py::self)
      .def("__repr__", [](const Segment& s) { return "Segment('" + s.key + "', '" + s.name + "')"; });

  py::class_<Challenge>(m, "Challenge", "The SKR challenge template.")
      .def(py::init([](std::string purpose, std::string for_whom, std::string do_what, std::string how, std::string goal) {
             return Challenge{std::move(purpose), std::move(for_whom), std::move(do_what), std::move(how), std::move(goal)};
           }),
           "purpose"_a = "", "for_whom"_a = "", "do_what"_a = "", "how"_a = "", "goal"_a = "")
      .def_readwrite("purpose", &Challenge::purpose)
      .def_readwrite("for_whom", &Challenge::for_whom)
      .def_readwrite("do_what", &Challenge::do_what)
      .def_readwrite("how", &Challenge::how)
      .def_readwrite("goal", &Challenge::goal)
      .def("is_written", &Challenge::is_written)
      .def("solution_words", &Challenge::solution_words)
      .def(py::self == py::self);

  py::class_<Need>(m, "Need", "A need the project has identified.")
      .def(py::init([](std::string title, std::string description, std::string id, std::vector<std::int32_t> source_themes,
                       std::vector<std::string> source_notes) {
             return Need{std::move(id), std::move(title), std::move(description), std::move(source_themes),
                         std::move(source_notes)};
           }),
           "title"_a, "description"_a = "", "id"_a = "", "source_themes"_a = std::vector<std::int32_t>{},
           "source_notes"_a = std::vector<std::string>{})
      .def_readwrite("id", &Need::id)
      .def_readwrite("title", &Need::title)
      .def_readwrite("description", &Need::description)
      .def_readwrite("source_themes", &Need::source_themes, "Themes it was adopted from; empty when written by hand.")
      .def_readwrite("source_notes", &Need::source_notes, "The notes of those themes when adopted.")
      .def(py::self == py::self)
      .def("__repr__", [](const Need& n) { return repr_with_id("Need", n, "title='" + n.title + "'"); });

  py::class_<Person>(m, "Person", "A participant or volunteer (pseudonymous id; name is personal data).")
      .def(py::init([](std::string id, std::string name, std::string segment, std::map<std::string, std::string> attributes,
                       std::string household, const py::object& consent_arg) {
             return Person{std::move(id), std::move(name), std::move(segment), std::move(attributes), std::move(household), as_enum<Consent>(consent_arg)};
           }),
           "id"_a = "", "name"_a = "", "segment"_a = "", "attributes"_a = std::map<std::string, std::string>{},
           "household"_a = "", "consent"_a = py::str("internal"))
      .def_readwrite("id", &Person::id)
      .def_readwrite("name", &Person::name)
      .def_readwrite("segment", &Person::segment)
      .def_readwrite("attributes", &Person::attributes, "A copy: assign a whole dict to change it.")
      .def_readwrite("household", &Person::household)
      .def_property("consent", enum_get(&Person::consent), enum_set(&Person::consent))
      .def(py::self == py::self)
      .def("__repr__", [](const Person& p) { return repr_with_id("Person", p, "segment='" + p.segment + "'"); });

  py::class_<Quota>(m, "Quota", "min..max members with attribute = value.")
      .def(py::init([](std::string attribute, std::string value, std::size_t min, std::size_t max) {
             return Quota{std::move(attribute), std::move(value), min, max};
           }),
           "attribute"_a, "value"_a, "min"_a, "max"_a)
      .def_readwrite("attribute", &Quota::attribute)
      .def_readwrite("value", &Quota::value)
      .def_readwrite("min", &Quota::min)
      .def_readwrite("max", &Quota::max)
      .def(py::self == py::self)
      .def("__repr__", [](const Quota& q) {
        return "Quota('" + q.attribute + "', '" + q.value + "', " + std::to_string(q.min) + ", " + std::to_string(q.max) + ")";
      });

  py::class_<WorkingGroup>(m, "WorkingGroup", "A working group formed for one need.")
      .def(py::init([](std::string need_id, std::string name, std::size_t min_size, std::size_t max_size,
                       std::vector<Quota> quotas, std::vector<std::string> member_ids, std::string lead_id, std::string id) {
             return WorkingGroup{std::move(id), std::move(need_id), std::move(name), min_size, max_size,
                                 std::move(quotas), std::move(member_ids), std::move(lead_id)};
           }),
           "need_id"_a, "name"_a, "min_size"_a = 10, "max_size"_a = 12, "quotas"_a = std::vector<Quota>{},
           "member_ids"_a = std::vector<std::string>{}, "lead_id"_a = "", "id"_a = "")
      .def_readwrite("id", &WorkingGroup::id)
      .def_readwrite("need_id", &WorkingGroup::need_id)
      .def_readwrite("name", &WorkingGroup::name)
      .def_readwrite("min_size", &WorkingGroup::min_size)
      .def_readwrite("max_size", &WorkingGroup::max_size)
      .def_readwrite("quotas", &WorkingGroup::quotas)
      .def_readwrite("member_ids", &WorkingGroup::member_ids)
      .def_readwrite("lead_id", &WorkingGroup::lead_id)
      .def(py::self == py::self)
      .def("__repr__", [](const WorkingGroup& g) { return repr_with_id("WorkingGroup", g, "name='" + g.name + "'"); });

  py::class_<Arena>(m, "Arena", "A meeting place where people are reached.")
      .def(py::init([](std::string name, std::vector<std::string> segments, std::string host, bool existing, std::string id) {
             return Arena{std::move(id), std::move(name), std::move(host), std::move(segments), existing};
           }),
           "name"_a, "segments"_a = std::vector<std::string>{}, "host"_a = "", "existing"_a = true, "id"_a = "")
      .def_readwrite("id", &Arena::id)
      .def_readwrite("name", &Arena::name)
      .def_readwrite("host", &Arena::host)
      .def_readwrite("segments", &Arena::segments)
      .def_readwrite("existing", &Arena::existing)
      .def(py::self == py::self)
      .def("__repr__", [](const Arena& a) { return repr_with_id("Arena", a, "name='" + a.name + "'"); });

  py::class_<Facilitator>(m, "Facilitator", "A workshop facilitator.")
      .def(py::init([](std::string name, bool trained) { return Facilitator{std::move(name), trained}; }), "name"_a,
           "trained"_a = false)
      .def_readwrite("name", &Facilitator::name)
      .def_readwrite("trained", &Facilitator::trained)
      .def(py::self == py::self);

  py::class_<Workshop>(m, "Workshop", "A session where notes are collected.")
      .def(py::init([](std::string arena_id, std::string date, const py::object& kind_arg, std::vector<Facilitator> facilitators,
                       std::vector<std::string> segments_present, std::string id, std::string track_id) {
             return Workshop{std::move(id), as_enum<WorkshopKind>(kind_arg), std::move(arena_id), std::move(date), std::move(facilitators),
                             std::move(segments_present), std::move(track_id)};
           }),
           "arena_id"_a, "date"_a, "kind"_a = py::str("problem_workshop"),
           "facilitators"_a = std::vector<Facilitator>{}, "segments_present"_a = std::vector<std::string>{}, "id"_a = "",
           "track_id"_a = "")
      .def_readwrite("id", &Workshop::id)
      .def_readwrite("track_id", &Workshop::track_id, "The working group's track; empty for the shared insight phase.")
      .def_property("kind", enum_get(&Workshop::kind), enum_set(&Workshop::kind))
      .def_readwrite("arena_id", &Workshop::arena_id)
      .def_readwrite("date", &Workshop::date)
      .def_readwrite("facilitators", &Workshop::facilitators)
      .def_readwrite("segments_present", &Workshop::segments_present)
      .def(py::self == py::self)
      .def("__repr__", [](const Workshop& w) { return repr_with_id("Workshop", w, "date='" + w.date + "'"); });

  py::class_<Note>(m, "Note", "One fact from a session; immutable once recorded in a project.")
      .def(py::init([](std::string text, std::string workshop_id, std::string segment, const py::object& kind_arg,
                       std::string person_id, std::string language, std::vector<std::string> tags, const py::object& consent_arg,
                       std::string arena_id, std::string date, std::string id) {
             return Note{std::move(id), std::move(text), as_enum<NoteKind>(kind_arg), std::move(workshop_id), std::move(segment),
                         std::move(arena_id), std::move(date), std::move(language), std::move(tags),
                         std::move(person_id), as_enum<Consent>(consent_arg)};
           }),
           "text"_a, "workshop_id"_a, "segment"_a, "kind"_a = py::str("problem"), "person_id"_a = "",
           "language"_a = "", "tags"_a = std::vector<std::string>{}, "consent"_a = py::str("internal"),
           "arena_id"_a = "", "date"_a = "", "id"_a = "")
      .def_readwrite("id", &Note::id)
      .def_readwrite("text", &Note::text)
      .def_property("kind", enum_get(&Note::kind), enum_set(&Note::kind))
      .def_readwrite("workshop_id", &Note::workshop_id)
      .def_readwrite("segment", &Note::segment)
      .def_readwrite("arena_id", &Note::arena_id)
      .def_readwrite("date", &Note::date)
      .def_readwrite("language", &Note::language)
      .def_readwrite("tags", &Note::tags)
      .def_readwrite("person_id", &Note::person_id)
      .def_property("consent", enum_get(&Note::consent), enum_set(&Note::consent))
      .def(py::self == py::self)
      .def("__repr__", [](const Note& n) { return repr_with_id("Note", n, "text='" + n.text + "'"); });

  py::class_<Insight>(m, "Insight", "'[who] needs [what] because [why]' with evidence notes.")
      .def(py::init([](std::string who, std::string what, std::string why, std::vector<std::string> evidence,
                       std::string need_id, const py::object& status_arg, std::string id) {
             return Insight{std::move(id), std::move(who), std::move(what), std::move(why), std::move(need_id),
                            std::move(evidence), as_enum<InsightStatus>(status_arg)};
           }),
           "who"_a, "what"_a, "why"_a, "evidence"_a, "need_id"_a = "", "status"_a = py::str("draft"), "id"_a = "")
      .def_readwrite("id", &Insight::id)
      .def_readwrite("who", &Insight::who)
      .def_readwrite("what", &Insight::what)
      .def_readwrite("why", &Insight::why)
      .def_readwrite("need_id", &Insight::need_id)
      .def_readwrite("evidence", &Insight::evidence)
      .def_property("status", enum_get(&Insight::status), enum_set(&Insight::status))
      .def_property_readonly("statement", &Insight::statement)
      .def(py::self == py::self)
      .def("__repr__", [](const Insight& i) { return repr_with_id("Insight", i, "'" + i.statement() + "'"); });

  py::class_<Opportunity>(m, "Opportunity", "A 'How might we …?' from insights.")
      .def(py::init([](std::string how_might_we, std::vector<std::string> insight_ids, bool selected, std::string id,
                       std::string track_id) {
             return Opportunity{std::move(id), std::move(how_might_we), std::move(insight_ids), selected, std::move(track_id)};
           }),
           "how_might_we"_a, "insight_ids"_a = std::vector<std::string>{}, "selected"_a = false, "id"_a = "",
           "track_id"_a = "")
      .def_readwrite("id", &Opportunity::id)
      .def_readwrite("track_id", &Opportunity::track_id, "The track it belongs to; empty for the shared insight phase.")
      .def_readwrite("how_might_we", &Opportunity::how_might_we)
      .def_readwrite("insight_ids", &Opportunity::insight_ids)
      .def_readwrite("selected", &Opportunity::selected)
      .def(py::self == py::self);

  py::class_<Idea>(m, "Idea", "An idea answering an opportunity.")
      .def(py::init([](std::string title, std::string opportunity_id, std::string description, bool chosen, std::string id,
                       std::string track_id) {
             return Idea{std::move(id), std::move(opportunity_id), std::move(title), std::move(description), chosen,
                         std::move(track_id)};
           }),
           "title"_a, "opportunity_id"_a = "", "description"_a = "", "chosen"_a = false, "id"_a = "", "track_id"_a = "")
      .def_readwrite("id", &Idea::id)
      .def_readwrite("track_id", &Idea::track_id, "The track it belongs to; the opportunity's track when empty.")
      .def_readwrite("opportunity_id", &Idea::opportunity_id)
      .def_readwrite("title", &Idea::title)
      .def_readwrite("description", &Idea::description)
      .def_readwrite("chosen", &Idea::chosen)
      .def(py::self == py::self);

  py::class_<PrototypeTest>(m, "PrototypeTest", "A prototype test of an idea with users and staff.")
      .def(py::init([](std::string idea_id, std::string plan, std::vector<std::string> tester_ids, std::size_t staff_testers,
                       const py::object& outcome_arg, std::string id, std::string track_id) {
             return PrototypeTest{std::move(id), std::move(idea_id), std::move(plan), std::move(tester_ids), staff_testers,
                                  as_enum<TestOutcome>(outcome_arg), std::move(track_id)};
           }),
           "idea_id"_a, "plan"_a = "", "tester_ids"_a = std::vector<std::string>{}, "staff_testers"_a = 0,
           "outcome"_a = py::str("pending"), "id"_a = "", "track_id"_a = "")
      .def_readwrite("id", &PrototypeTest::id)
      .def_readwrite("track_id", &PrototypeTest::track_id, "The track it belongs to; the idea's track when empty.")
      .def_readwrite("idea_id", &PrototypeTest::idea_id)
      .def_readwrite("plan", &PrototypeTest::plan)
      .def_readwrite("tester_ids", &PrototypeTest::tester_ids)
      .def_readwrite("staff_testers", &PrototypeTest::staff_testers)
      .def_property("outcome", enum_get(&PrototypeTest::outcome), enum_set(&PrototypeTest::outcome))
      .def(py::self == py::self);

  // --- gates, decisions, coverage, plans -----------------------------------------------------------------
  py::class_<GateCriterion>(m, "GateCriterion", "One exit criterion of a step.")
      .def(py::init([](std::string id, const std::string& kind, std::size_t min, std::size_t max, std::string description) {
             for (int k = 0; k <= static_cast<int>(CriterionKind::min_workshops); ++k) {
               const auto ck = static_cast<CriterionKind>(k);
               if (to_string(ck) == kind) return GateCriterion{std::move(id), ck, min, max, std::move(description)};
             }
             throw InvalidInput("unknown criterion kind '" + kind + "'");
           }),
           "id"_a, "kind"_a, "min"_a = 0, "max"_a = 0, "description"_a = "")
      .def_readwrite("id", &GateCriterion::id)
      .def_property_readonly("kind", [](const GateCriterion& c) { return std::string(to_string(c.kind)); })
      .def_readwrite("min", &GateCriterion::min)
      .def_readwrite("max", &GateCriterion::max)
      .def_readwrite("description", &GateCriterion::description)
      .def(py::self == py::self)
      .def("__repr__", [](const GateCriterion& c) { return "GateCriterion('" + c.id + "', '" + std::string(to_string(c.kind)) + "')"; });

  py::class_<UnmetCriterion>(m, "UnmetCriterion", "An unmet exit criterion and why.")
      .def_readonly("criterion_id", &UnmetCriterion::criterion_id)
      .def_readonly("explanation", &UnmetCriterion::explanation)
      .def(py::self == py::self)
      .def("__repr__", [](const UnmetCriterion& u) { return "UnmetCriterion('" + u.criterion_id + "': " + u.explanation + ")"; });

  // Personal data (personal_data.hpp): the register, erasure, purge and access.
  py::class_<PersonalField>(m, "PersonalField", "One field of one entity in the register of personal data.")
      .def_property_readonly("entity", [](const PersonalField& f) { return std::string(f.entity); })
      .def_property_readonly("field", [](const PersonalField& f) { return std::string(f.field); })
      .def_property_readonly("kind", [](const PersonalField& f) { return std::string(to_string(f.kind)); },
                             "identifier, about_person, person_reference, own_words, free_text or not_personal.")
      .def_property_readonly("on_erasure", [](const PersonalField& f) { return std::string(f.on_erasure); },
                             "What erase_person() does with it, in words.")
      .def("__repr__", [](const PersonalField& f) {
        return "PersonalField('" + std::string(f.entity) + "." + std::string(f.field) + "', " + std::string(to_string(f.kind)) + ")";
      });
  m.def("personal_fields", &personal_fields, py::return_value_policy::copy,
        "The register: every field of every entity a project stores, and whether and how it is personal.");
  py::class_<Erasure>(m, "Erasure", "One erasure or purge as the project logs it: what, when and why, no erased data.")
      .def_readonly("id", &Erasure::id, "The tombstone's id: the erased person's seat in groups and tests.")
      .def_readonly("date", &Erasure::date)
      .def_readonly("reason", &Erasure::reason)
      .def_readonly("what", &Erasure::what, "person, notes or pool.")
      .def_readonly("persons", &Erasure::persons, "Person records removed.")
      .def_readonly("notes_removed", &Erasure::notes_removed)
      .def_readonly("notes_kept_anonymous", &Erasure::notes_kept_anonymous)
      .def_readonly("mentions_replaced", &Erasure::mentions_replaced)
      .def(py::self == py::self)
      .def("__repr__", [](const Erasure& e) {
        return "Erasure('" + e.id + "', " + e.what + ", " + e.date + ": " + e.reason + ")";
      });
  py::class_<ReducedEvidence>(m, "ReducedEvidence", "An insight or need whose evidence an erasure or purge reduced.")
      .def_readonly("id", &ReducedEvidence::id)
      .def_readonly("kind", &ReducedEvidence::kind, "insight or need.")
      .def_readonly("before", &ReducedEvidence::before)
      .def_readonly("after", &ReducedEvidence::after)
      .def("__repr__", [](const ReducedEvidence& r) {
        return "ReducedEvidence(" + r.kind + " '" + r.id + "': " + std::to_string(r.before) + " -> " + std::to_string(r.after) + ")";
      });
  py::class_<ErasureReport>(m, "ErasureReport", "What an erasure or purge did, and what to look at again.")
      .def_readonly("erasure", &ErasureReport::erasure)
      .def_readonly("reduced", &ErasureReport::reduced, "Insights and needs that lost evidence.")
      .def_readonly("newly_unmet", &ErasureReport::newly_unmet, "Exit criteria of current steps met before, unmet now.")
      .def("__repr__", [](const ErasureReport& r) {
        return "ErasureReport('" + r.erasure.id + "', reduced=" + std::to_string(r.reduced.size()) +
               ", newly_unmet=" + std::to_string(r.newly_unmet.size()) + ")";
      });
  py::class_<HeldNote>(m, "HeldNote", "A note as an access report shows it.")
      .def_readonly("id", &HeldNote::id)
      .def_readonly("text", &HeldNote::text)
      .def_readonly("kind", &HeldNote::kind)
      .def_readonly("consent", &HeldNote::consent)
      .def_readonly("workshop_id", &HeldNote::workshop_id)
      .def_readonly("date", &HeldNote::date);
  py::class_<PersonalData>(m, "PersonalData", "Everything a project holds about one person (a subject-access request).")
      .def_readonly("person_id", &PersonalData::person_id)
      .def_readonly("fields", &PersonalData::fields, "(field, value): name, segment, household, consent, attributes.")
      .def_readonly("notes", &PersonalData::notes, "Their notes, quotes included.")
      .def_readonly("groups", &PersonalData::groups)
      .def_readonly("tests", &PersonalData::tests)
      .def_readonly("mentions", &PersonalData::mentions, "Free text and decisions that name them.")
      .def_readonly("evidence_of", &PersonalData::evidence_of)
      .def("to_json", [](const PersonalData& d) { return to_json(d); }, "The report as JSON.")
      .def("to_markdown", [](const PersonalData& d) { return to_markdown(d); }, "The report for the person to read.")
      .def("__repr__", [](const PersonalData& d) {
        return "PersonalData('" + d.person_id + "', notes=" + std::to_string(d.notes.size()) + ", groups=" +
               std::to_string(d.groups.size()) + ", mentions=" + std::to_string(d.mentions.size()) + ")";
      });

  py::class_<Decision>(m, "Decision", "An entry of the append-only decision log.")
      .def_readonly("sequence", &Decision::sequence)
      .def_property_readonly("kind", [](const Decision& d) { return std::string(to_string(d.kind)); })
      .def_readonly("from_step", &Decision::from_step)
      .def_readonly("to_step", &Decision::to_step)
      .def_readonly("when", &Decision::when)
      .def_readonly("who", &Decision::who)
      .def_readonly("rationale", &Decision::rationale)
      .def_readonly("evidence", &Decision::evidence)
      .def_readonly("overridden_criteria", &Decision::overridden_criteria)
      .def("__repr__", [](const Decision& d) {
        return "Decision(" + std::to_string(d.sequence) + ", '" + d.from_step + "' -> '" + d.to_step + "', who='" + d.who + "')";
      });

  py::class_<MoveOption>(m, "MoveOption", "A move allowed from the current step.")
      .def_readonly("to_step", &MoveOption::to_step)
      .def_property_readonly("kind", [](const MoveOption& o) { return std::string(to_string(o.kind)); })
      .def_readonly("needs_override", &MoveOption::needs_override)
      .def("__repr__", [](const MoveOption& o) { return "MoveOption('" + o.to_step + "', " + std::string(to_string(o.kind)) + ")"; });

  py::class_<Track>(m, "Track", "One run through the process model: the insight phase (empty id) or a working group's own.")
      .def_readonly("id", &Track::id)
      .def_readonly("group_id", &Track::group_id, "The working group; empty for the insight phase.")
      .def_readonly("start_date", &Track::start_date)
      .def_readonly("challenge", &Track::challenge)
      .def_readonly("current_step_index", &Track::current_step)
      .def_readonly("decisions", &Track::decisions)
      .def_readonly("gates", &Track::gates, "Exit criteria, one list per step of the model.")
      .def_readonly("closed", &Track::closed)
      .def(py::self == py::self)
      .def("__repr__", [](const Track& t) {
        return t.id.empty() ? std::string("Track(insight phase)")
                            : "Track(id='" + t.id + "', group_id='" + t.group_id + "'" + (t.closed ? ", closed" : "") + ")";
      });

  py::class_<TrackStatus>(m, "TrackStatus", "Where one track stands: step since when, unmet gates, tests.")
      .def_readonly("track_id", &TrackStatus::track_id)
      .def_readonly("group_id", &TrackStatus::group_id)
      .def_readonly("group_name", &TrackStatus::group_name)
      .def_readonly("need_id", &TrackStatus::need_id)
      .def_readonly("need_title", &TrackStatus::need_title)
      .def_readonly("members", &TrackStatus::members)
      .def_readonly("start_date", &TrackStatus::start_date)
      .def_readonly("step", &TrackStatus::step)
      .def_readonly("step_name", &TrackStatus::step_name)
      .def_readonly("since", &TrackStatus::since)
      .def_readonly("unmet", &TrackStatus::unmet)
      .def_readonly("decisions", &TrackStatus::decisions)
      .def_readonly("back_steps", &TrackStatus::back_steps)
      .def_readonly("overrides", &TrackStatus::overrides)
      .def_readonly("tests_pending", &TrackStatus::tests_pending)
      .def_readonly("tests_stop", &TrackStatus::tests_stop)
      .def_readonly("tests_iterate", &TrackStatus::tests_iterate)
      .def_readonly("tests_pilot", &TrackStatus::tests_pilot)
      .def_readonly("closed", &TrackStatus::closed)
      .def_readonly("closed_on", &TrackStatus::closed_on)
      .def("__repr__", [](const TrackStatus& t) {
        return "TrackStatus('" + t.group_name + "', step='" + t.step + "', since='" + t.since + "')";
      });
  py::class_<ProgrammeView>(m, "ProgrammeView", "Every track of a project: the insight phase first, then by start date.")
      .def_readonly("tracks", &ProgrammeView::tracks)
      .def_readonly("groups_without_track", &ProgrammeView::groups_without_track);
  py::class_<TimelineSpan>(m, "TimelineSpan", "A stretch of time one track spent in one step.")
      .def_readonly("track_id", &TimelineSpan::track_id)
      .def_readonly("label", &TimelineSpan::label)
      .def_readonly("step_index", &TimelineSpan::step_index)
      .def_readonly("step", &TimelineSpan::step)
      .def_readonly("from_date", &TimelineSpan::from, "YYYY-MM-DD the track entered the step.")
      .def_readonly("to_date", &TimelineSpan::to, "YYYY-MM-DD it left the step; empty while it is still there.")
      .def(py::self == py::self)
      .def("__repr__", [](const TimelineSpan& t) {
        return "TimelineSpan('" + t.label + "', '" + t.step + "', '" + t.from + "' .. '" + t.to + "')";
      });

  py::class_<CoverageCell>(m, "CoverageCell", "Notes for one (need, segment, arena).")
      .def_readonly("need_id", &CoverageCell::need_id)
      .def_readonly("segment", &CoverageCell::segment)
      .def_readonly("arena_id", &CoverageCell::arena_id)
      .def_readonly("notes", &CoverageCell::notes);
  py::class_<CoverageFlag>(m, "CoverageFlag", "A coverage gap, explained.")
      .def_property_readonly("kind", [](const CoverageFlag& f) { return std::string(to_string(f.kind)); })
      .def_readonly("subject", &CoverageFlag::subject)
      .def_readonly("explanation", &CoverageFlag::explanation)
      .def("__repr__", [](const CoverageFlag& f) { return "CoverageFlag(" + std::string(to_string(f.kind)) + ": " + f.explanation + ")"; });
  py::class_<CoverageReport>(m, "CoverageReport", "Coverage matrix cells and flags.")
      .def_readonly("cells", &CoverageReport::cells)
      .def_readonly("flags", &CoverageReport::flags);
  py::class_<SaturationPoint>(m, "SaturationPoint", "New themes from one workshop.")
      .def_readonly("workshop_id", &SaturationPoint::workshop_id)
      .def_readonly("date", &SaturationPoint::date)
      .def_readonly("new_themes", &SaturationPoint::new_themes)
      .def_readonly("cumulative_themes", &SaturationPoint::cumulative_themes);
  py::class_<ArenaPlan>(m, "ArenaPlan", "Smallest set of existing arenas reaching every target segment.")
      .def_readonly("arena_ids", &ArenaPlan::arena_ids)
      .def_readonly("uncovered_segments", &ArenaPlan::uncovered_segments)
      .def_readonly("exact", &ArenaPlan::exact)
      .def_readonly("lower_bound", &ArenaPlan::lower_bound)
      .def_readonly("approximation_factor", &ArenaPlan::approximation_factor)
      .def_readonly("search_nodes", &ArenaPlan::search_nodes)
      .def("__repr__", [](const ArenaPlan& p) {
        std::string ids;
        for (const auto& a : p.arena_ids) ids += (ids.empty() ? "'" : ", '") + a + "'";
        return "ArenaPlan([" + ids + "], exact=" + (p.exact ? "True" : "False") + ")";
      });

  // --- the privacy rule ---------------------------------------------------------------------------------
  bind_enum<Audience>(m, "Audience", "Who sees what is shown: internal, working_group or public.", Audience::internal,
                      Audience::working_group, Audience::public_);
  // --- the project ----------------------------------------------------------------------------------------
  py::class_<Project>(m, "Project", "A service-design project: steps, decisions, gates and every entity.")
      .def(py::init([](std::string name, const std::string& model) { return Project(std::move(name), ProcessModel::by_key(model)); }),
           "name"_a, "model"_a = "skr")
      .def_property_readonly("name", &Project::name)
      .def_property_readonly("model", &Project::model)
      .def_property("challenge", &Project::challenge, &Project::set_challenge)
      .def_property("owner", &Project::owner, &Project::set_owner)
      .def_property_readonly("is_public_edition", &Project::is_public_edition)
      .def_property_readonly("current_step", &Project::current_step)
      .def_property_readonly("current_step_index", &Project::current_step_index)
      .def(
          "advance",
          [](Project& p, std::string who, std::string rationale, std::vector<std::string> evidence, std::string when,
             bool override_gate, std::string track) {
            return p.advance(make_move(std::move(who), std::move(rationale), std::move(evidence), std::move(when),
                                       override_gate, std::move(track)));
          },
          "who"_a, "rationale"_a = "", "evidence"_a = std::vector<std::string>{}, "when"_a = "", "override_gate"_a = false,
          "track"_a = "",
          "Move the insight phase (or the working group's `track`) to the next step; raises StateError while the gate "
          "has unmet criteria unless override_gate=True.")
      .def(
          "step_back",
          [](Project& p, const std::string& to_step, std::string who, std::string rationale, std::vector<std::string> evidence,
             std::string when, std::string track) {
            return p.step_back(to_step, make_move(std::move(who), std::move(rationale), std::move(evidence), std::move(when),
                                                  false, std::move(track)));
          },
          "to_step"_a, "who"_a, "rationale"_a, "evidence"_a = std::vector<std::string>{}, "when"_a = "", "track"_a = "",
          "Go back to an earlier step the model allows, with a written reason.")
      .def("allowed_moves", &Project::allowed_moves, "track"_a = "")
      .def_property_readonly("decisions", &Project::decisions, "The insight phase's decision log.")
      .def("gate", &Project::gate, "step_key"_a, "track"_a = "")
      .def("set_gate", &Project::set_gate, "step_key"_a, "criteria"_a, "track"_a = "")
      .def("check_gate", py::overload_cast<std::string_view, std::string_view>(&Project::check_gate, py::const_),
           "step_key"_a = "", "track"_a = "",
           "Unmet exit criteria of a step (the current one when empty) of the insight phase or of `track`.")
      .def_property_readonly("insight_phase", &Project::insight_phase)
      .def_property_readonly("tracks", &Project::tracks, "The working groups' tracks, in the order started.")
      .def("track", &Project::track, "track_id"_a, py::return_value_policy::copy)
      .def(
          "track_of_group",
          [](const Project& p, std::string_view group_id) -> std::optional<Track> {
            const Track* t = p.track_of_group(group_id);
            return t == nullptr ? std::nullopt : std::optional<Track>(*t);
          },
          "group_id"_a, "The group's track, or None when its process has not started.")
      .def(
          "start_track",
          [](Project& p, std::string group_id, std::string start_date, const std::optional<Challenge>& challenge, std::string id) {
            Track t;
            t.id = std::move(id);
            t.group_id = std::move(group_id);
            t.start_date = std::move(start_date);
            if (challenge) t.challenge = *challenge;
            return p.start_track(std::move(t));
          },
          "group_id"_a, "start_date"_a = "", "challenge"_a = py::none(), "id"_a = "", py::return_value_policy::copy,
          "Start the working group's own process in the model's first step.")
      .def("set_track_challenge", &Project::set_track_challenge, "track_id"_a, "challenge"_a)
      .def(
          "close_track",
          [](Project& p, const std::string& track_id, std::string who, std::string rationale, std::vector<std::string> evidence,
             std::string when) {
            return p.close_track(track_id, make_move(std::move(who), std::move(rationale), std::move(evidence),
                                                     std::move(when), false, ""));
          },
          "track_id"_a, "who"_a, "rationale"_a, "evidence"_a = std::vector<std::string>{}, "when"_a = "",
          "Close a track whose work is handed over or stopped; it takes no more moves or entities.")
      .def("programme_view", [](const Project& p) { return programme_view(p); },
           "Where the insight phase and every group's track stand.")
      .def("timeline", [](const Project& p) { return timeline(p); }, "Every track's steps over dates.")
      .def("add_segment", &Project::add_segment, "segment"_a, py::return_value_policy::copy)
      .def("add_need", &Project::add_need, "need"_a, py::return_value_policy::copy)
      .def("add_person", &Project::add_person, "person"_a, py::return_value_policy::copy)
      .def("add_arena", &Project::add_arena, "arena"_a, py::return_value_policy::copy)
      .def("add_workshop", &Project::add_workshop, "workshop"_a, py::return_value_policy::copy)
      .def("record_note", &Project::record_note, "note"_a, py::return_value_policy::copy)
      .def("add_insight", &Project::add_insight, "insight"_a, py::return_value_policy::copy)
      .def("add_opportunity", &Project::add_opportunity, "opportunity"_a, py::return_value_policy::copy)
      .def("add_idea", &Project::add_idea, "idea"_a, py::return_value_policy::copy)
      .def("add_prototype_test", &Project::add_prototype_test, "test"_a, py::return_value_policy::copy)
      .def("add_working_group", &Project::add_working_group, "group"_a, py::return_value_policy::copy)
      .def("set_insight_status",
           [](Project& p, const std::string& id, const py::object& status) { p.set_insight_status(id, as_enum<InsightStatus>(status)); },
           "insight_id"_a, "status"_a)
      .def("add_insight_evidence", &Project::add_insight_evidence, "insight_id"_a, "note_id"_a)
      .def("set_opportunity_selected", &Project::set_opportunity_selected, "opportunity_id"_a, "selected"_a = true)
      .def("set_idea_chosen", &Project::set_idea_chosen, "idea_id"_a, "chosen"_a = true)
      .def("set_test_outcome",
           [](Project& p, const std::string& id, const py::object& outcome) { p.set_test_outcome(id, as_enum<TestOutcome>(outcome)); },
           "test_id"_a, "outcome"_a)
      .def("set_working_group_members", &Project::set_working_group_members, "group_id"_a, "person_ids"_a)
      .def_property_readonly("segments", &Project::segments)
      .def_property_readonly("needs", &Project::needs)
      .def_property_readonly("persons", &Project::persons)
      .def_property_readonly("arenas", &Project::arenas)
      .def_property_readonly("workshops", &Project::workshops)
      .def_property_readonly("notes", &Project::notes)
      .def_property_readonly("insights", &Project::insights)
      .def_property_readonly("opportunities", &Project::opportunities)
      .def_property_readonly("ideas", &Project::ideas)
      .def_property_readonly("prototype_tests", &Project::prototype_tests)
      .def_property_readonly("working_groups", &Project::working_groups)
      .def("segment", &Project::segment, "key"_a, py::return_value_policy::copy)
      .def("need", &Project::need, "id"_a, py::return_value_policy::copy)
      .def("person", &Project::person, "id"_a, py::return_value_policy::copy)
      .def("arena", &Project::arena, "id"_a, py::return_value_policy::copy)
      .def("workshop", &Project::workshop, "id"_a, py::return_value_policy::copy)
      .def("note", &Project::note, "id"_a, py::return_value_policy::copy)
      .def("insight", &Project::insight, "id"_a, py::return_value_policy::copy)
      .def("working_group", &Project::working_group, "id"_a, py::return_value_policy::copy)
      .def("__contains__", &Project::contains_id, "id"_a)
      .def_property_readonly("target_segments", &Project::target_segments)
      .def("participant_count", &Project::participant_count, "insight"_a)
      .def("solution_notes_in_problem_workshops", &Project::solution_notes_in_problem_workshops)
      .def("working_group_warnings", &Project::working_group_warnings, "group_id"_a)
      .def("warnings", &Project::warnings)
      .def("public_edition", &Project::public_edition)
      .def(
          "erase_person",
          [](Project& p, std::string_view person_id, std::string reason, std::string date, bool keep_anonymous_notes) {
            return erase_person(p, person_id, ErasureOptions{std::move(reason), std::move(date), keep_anonymous_notes});
          },
          "person_id"_a, "reason"_a, "date"_a, "keep_anonymous_notes"_a = ErasureOptions{}.keep_anonymous_notes,
          "Erases a person (GDPR art. 17): their record becomes a tombstone, their quotes and notes go (notes may be "
          "kept as anonymous text with keep_anonymous_notes), mentions become 'a participant, erased on DATE: REASON'. "
          "All or nothing.")
      .def(
          "purge",
          [](Project& p, std::string before, std::vector<std::string> kinds, std::string reason, std::string today) {
            return purge(p, PurgeOptions{std::move(before), std::move(kinds), std::move(reason), std::move(today)});
          },
          "before"_a, "kinds"_a = PurgeOptions{}.kinds, "reason"_a = PurgeOptions{}.reason, "today"_a = PurgeOptions{}.today,
          "Removes notes dated before `before` ('notes') and persons in no group, test or kept note ('pool'); "
          "`today` defaults to the system's date. One report per kind.")
      .def(
          "personal_data", [](const Project& p, std::string_view person_id) { return personal_data(p, person_id); },
          "person_id"_a, "Everything the project holds about one person (GDPR art. 15).")
      .def_property_readonly("erasures", &Project::erasures, "The log of erasures and purges, oldest first.")
      .def(
          "erasure",
          [](const Project& p, std::string_view id) -> std::optional<Erasure> {
            if (const Erasure* e = p.erasure(id)) return *e;
            return std::nullopt;
          },
          "id"_a, "The erasure whose tombstone has this id, or None.")
      .def("evidence_coverage", [](const Project& p) { return evidence_coverage(p); })
      .def("saturation", [](const Project& p) { return saturation(p); })
      .def(
          "plan_arenas",
          [](const Project& p, std::size_t max_search_nodes) { return plan_arenas(p, ArenaPlanOptions{max_search_nodes}); },
          "max_search_nodes"_a = ArenaPlanOptions{}.max_search_nodes)
      .def(
          "save",
          [](const Project& p, const std::filesystem::path& path, const std::string& format) {
            const ArchiveFormat f = format == "xml" ? ArchiveFormat::xml
                                    : format == "binary" ? ArchiveFormat::binary
                                    : format == "text"   ? ArchiveFormat::text
                                                         : throw InvalidInput("format must be 'text', 'xml' or 'binary', not '" + format + "'");
            save_project(p, path, f);
          },
          "path"_a, "format"_a = "text", "Save atomically (temporary file + rename).")
      .def_static(
          "archive_format", [](const std::filesystem::path& path) { return std::string(to_string(project_archive_format(path))); },
          "path"_a, "The format of a project archive (text, xml or binary), so that a rewrite keeps it.")
      .def_static("load", [](const std::filesystem::path& path) { return load_project(path); }, "path"_a,
                  "Load a project saved with save(); the format is read from the file's header.")
      .def_static(
          "import_csv",
          [](const std::filesystem::path& folder, const py::object& progress) {
            // The bar (where someone watches), the caller's callable or nothing: the Python skin decides.
            const py::tuple reporter = py::module_::import("servicedesign._progress")
                                           .attr("stage_reporter")(progress, "import of " + folder.filename().string());
            const ImportProgress report = python_stage_progress(reporter[0]);  // None: Ctrl-C only
            const py::object close = reporter[1];
            std::optional<Project> project;
            try {
              py::gil_scoped_release release;
              project.emplace(import_project_csv(folder, report));
            } catch (...) {
              close();
              throw;
            }
            close();
            return std::move(*project);
          },
          "folder"_a, "progress"_a = true,
          "Build a project from a folder of CSV files (project.csv, notes.csv, …). progress: True shows a bar where "
          "someone watches, False nothing, or a callable progress(file, fraction) that may return False to stop; "
          "Ctrl-C stops it.")
      .def(py::self == py::self)
      .def("__copy__", [](const Project& p) { return Project(p); })
      .def("__deepcopy__", [](const Project& p, py::dict) { return Project(p); }, "memo"_a)
      .def(py::pickle([](const Project& p) { return py::bytes(save_project_to_string(p, ArchiveFormat::binary)); },
                      [](const py::bytes& state) { return load_project_from_string(std::string(state), "<pickle>"); }))
      .def("__repr__", [](const Project& p) {
        return "Project('" + p.name() + "', step='" + p.current_step().key + "', notes=" + std::to_string(p.notes().size()) + ")";
      });
}

// The bridges from process down to the other parts; bound after them, so that signatures name their types.
void init_process_bridges(py::module_& parent) {
  py::module_ m = parent.attr("process").cast<py::module_>();
  m.def(
      "may_show",
      [](const py::object& consent, const py::object& to) { return may_show(as_enum<Consent>(consent), as_enum<Audience>(to)); },
      "consent"_a, "audience"_a,
      "The one privacy rule: may words with this consent (capped by the author's) be shown to this audience?");
  m.def(
      "may_show_author", [](const py::object& to) { return may_show_author(as_enum<Audience>(to)); }, "audience"_a,
      "Who said a note is shown to the project team only.");
  m.def("effective_consent", py::overload_cast<const Project&, const Note&>(&effective_consent), "project"_a, "note"_a,
        "A note's consent capped by its author's.");
  m.def(
      "shown_text",
      [](const Project& p, const Note& note, const py::object& to) { return shown_text(p, note, as_enum<Audience>(to)); },
      "project"_a, "note"_a, "audience"_a,
        "The note's text as the audience may see it, or a marker saying it is withheld and why.");

  py::class_<ProposedNeed>(m, "ProposedNeed", "A need proposed from one theme of the project's notes, for analysts to review.")
      .def_readonly("theme", &ProposedNeed::theme, "The theme it comes from (the model's number, kept across refits).")
      .def_readonly("title", &ProposedNeed::title, "The theme's name when an analyst gave one, else its first keywords.")
      .def_readonly("keywords", &ProposedNeed::keywords, "The theme's keywords, best first.")
      .def_readonly("note_ids", &ProposedNeed::note_ids, "The project's notes in the theme, copies included.")
      .def_readonly("segments", &ProposedNeed::segments, "Distinct segments of those notes, sorted.")
      .def_readonly("arenas", &ProposedNeed::arenas, "Distinct arenas of those notes, sorted.")
      .def_readonly("copies", &ProposedNeed::copies, "How many of the notes are copies of another.")
      .def(py::self == py::self)
      .def("__repr__", [](const ProposedNeed& n) {
        return "ProposedNeed(theme=" + std::to_string(n.theme) + ", title='" + n.title + "', notes=" +
               std::to_string(n.note_ids.size()) + ", segments=" + std::to_string(n.segments.size()) + ")";
      });

  py::class_<SelectedGroup>(m, "SelectedGroup", "One working group filled by select_working_groups().")
      .def_readonly("group_id", &SelectedGroup::group_id)
      .def_readonly("size", &SelectedGroup::size, "Kept plus drawn.")
      .def_readonly("kept", &SelectedGroup::kept, "Lead and members kept, in that order.")
      .def_readonly("drawn", &SelectedGroup::drawn, "Persons drawn by the lottery, sorted.")
      .def_readonly("members", &SelectedGroup::members, "kept then drawn: what assign_members() writes.")
      .def("__repr__", [](const SelectedGroup& g) {
        return "SelectedGroup('" + g.group_id + "', kept=" + std::to_string(g.kept.size()) + ", drawn=" +
               std::to_string(g.drawn.size()) + ")";
      });
  py::class_<GroupSelection>(m, "GroupSelection", "Working groups filled fairly from a project's persons.")
      .def_readonly("groups", &GroupSelection::groups)
      .def_readonly("result", &GroupSelection::result, "The lottery and draw (group names are the group ids).")
      .def_readonly("pool_ids", &GroupSelection::pool_ids, "Person id of each pool index of `result`.")
      .def_readonly("fairness", &GroupSelection::fairness,
                    "Lowest chance of being drawn / an equal share of the seats; 1 is perfectly equal.")
      .def_readonly("sizes_tried", &GroupSelection::sizes_tried, "(sizes per group, fairness) of each feasible combination.")
      .def_property_readonly(
          "panels",
          [](const GroupSelection& s) {
            std::map<std::string, std::vector<std::string>> out;
            for (const auto& g : s.groups) out[g.group_id] = g.members;
            return out;
          },
          "{group id: members}.")
      .def_property_readonly(
          "probabilities",
          [](const GroupSelection& s) {
            std::map<std::string, double> out;
            for (std::size_t i = 0; i < s.pool_ids.size() && i < s.result.probabilities.size(); ++i) {
              out[s.pool_ids[i]] = s.result.probabilities[i];
            }
            return out;
          },
          "{person id: chance of being drawn into some group}.")
      .def("__repr__", [](const GroupSelection& s) {
        std::string groups;
        for (const auto& g : s.groups) groups += (groups.empty() ? "" : ", ") + g.group_id + "=" + std::to_string(g.size);
        return "GroupSelection(" + groups + ", fairness=" + std::to_string(s.fairness) + ")";
      });
  m.def(
      "select_working_groups",
      [](const Project& project, std::uint64_t seed, const std::string& algorithm, std::vector<std::string> group_ids,
         std::map<std::string, std::size_t> sizes, bool keep_members, bool other_values_allowed, bool households,
         std::vector<std::string> excluded, py::object progress, bool relaxation) {
        GroupSelectionOptions options;
        options.selection.seed = seed;
        options.selection.algorithm = selection::algorithm_from_string(algorithm);
        options.selection.households = households;
        options.selection.excluded = std::move(excluded);
        options.selection.relaxation = relaxation;
        options.selection.progress = [callback = shared_callable(std::move(progress))](const selection::Progress& p) {
          return python_keep_going(callback, p);
        };
        options.group_ids = std::move(group_ids);
        options.sizes = std::move(sizes);
        options.keep_members = keep_members;
        options.other_values_allowed = other_values_allowed;
        py::gil_scoped_release release;  // long work: Ctrl-C is checked in the progress callback
        return select_working_groups(project, options);
      },
      "project"_a, "seed"_a = GroupSelectionOptions{}.selection.seed,
      "algorithm"_a = std::string(selection::to_string(GroupSelectionOptions{}.selection.algorithm)),
      "group_ids"_a = std::vector<std::string>{}, "sizes"_a = std::map<std::string, std::size_t>{},
      "keep_members"_a = GroupSelectionOptions{}.keep_members,
      "other_values_allowed"_a = GroupSelectionOptions{}.other_values_allowed,
      "households"_a = GroupSelectionOptions{}.selection.households, "excluded"_a = std::vector<std::string>{},
      "progress"_a = py::none(), "relaxation"_a = GroupSelectionOptions{}.selection.relaxation,
      "Fill the project's working groups fairly from its persons (leads and members kept, size chosen within each "
      "group's range for the fairest lottery unless fixed in `sizes`); releases the GIL; Ctrl-C raises KeyboardInterrupt.");
  m.def("pool_of", &pool_of, "project"_a, "quotas"_a,
        "The project's persons as a selection pool for the quotas' features (every other value allowed).");
  m.def("assign_members", &assign_members, "project"_a, "selection"_a,
        "Write the selected members into the project's groups (all or none).");
  bind_enum<ReviewAction>(m, "ReviewAction", "What analysts decided about a proposed need.", ReviewAction::adopt,
                          ReviewAction::merge, ReviewAction::drop);
  py::class_<NeedReview>(m, "NeedReview", "The review of one proposed need, named by its theme.")
      .def(py::init([](std::int32_t theme, const py::object& action, std::string title, std::int32_t into,
                       std::string need_id) {
             return NeedReview{theme, as_enum<ReviewAction>(action), std::move(title), into, std::move(need_id)};
           }),
           "theme"_a, "action"_a = py::str("adopt"), "title"_a = "", "into"_a = -1, "need_id"_a = "")
      .def_readwrite("theme", &NeedReview::theme)
      .def_property("action", enum_get(&NeedReview::action), enum_set(&NeedReview::action))
      .def_readwrite("title", &NeedReview::title)
      .def_readwrite("into", &NeedReview::into)
      .def_readwrite("need_id", &NeedReview::need_id);
  py::class_<NeedChange>(m, "NeedChange", "How one adopted need fares in a rerun of the clustering.")
      .def_readonly("need_id", &NeedChange::need_id)
      .def_readonly("theme", &NeedChange::theme, "The rerun's theme sharing the most notes; -1 when none does.")
      .def_readonly("overlap", &NeedChange::overlap, "Jaccard overlap of the need's notes and that theme's.")
      .def_readonly("notes_gained", &NeedChange::notes_gained)
      .def_readonly("notes_lost", &NeedChange::notes_lost)
      .def("__repr__", [](const NeedChange& c) {
        return "NeedChange('" + c.need_id + "', theme=" + std::to_string(c.theme) + ", overlap=" + std::to_string(c.overlap) + ")";
      });
  py::class_<RerunComparison>(m, "RerunComparison", "What a rerun of the clustering changed for the adopted needs.")
      .def_readonly("needs", &RerunComparison::needs)
      .def_readonly("new_themes", &RerunComparison::new_themes, "Themes sharing no note with any adopted need.");
  m.def("adopt_needs", &adopt_needs, "project"_a, "proposals"_a, "reviews"_a = std::vector<NeedReview>{},
        "Adopt reviewed proposals as needs (unreviewed ones as proposed), recording their themes and notes; all or "
        "nothing. Returns the new needs' ids.");
  m.def("compare_with_rerun", &compare_with_rerun, "project"_a, "rerun"_a,
        "How the needs adopted from themes fare in the proposals of a rerun of the clustering.");
  m.def("note_texts", &note_texts, "project"_a, "The texts of the project's notes, in project order.");
  m.def("note_ids", &note_ids, "project"_a, "The ids of the project's notes, in project order.");
  m.def("propose_needs", &propose_needs, "project"_a, "model"_a,
        "One proposed need per theme of a theme model fitted on the project's notes with their ids as keys.");
}

}  // namespace servicedesign::bindings
