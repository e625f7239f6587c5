#include "servicedesign/process/archive.hpp"

#include <set>

#include <boost/serialization/map.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <boost/serialization/version.hpp>

#include "../core/boost_archive.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/project.hpp"

// Class versions: bump one when its serialize() changes, keep reading the old layout, and add a
// golden archive under tests/golden/. Boost does not refuse a newer class version itself (its check is
// disabled), so Project::serialize() does.
// Version 2 (tracks): the project gained one track per working group; workshops, opportunities, ideas
// and prototype tests name their track; needs record the themes and notes they were adopted from. A version-1 project loads with one track per group, in the
// first step.
// Version 3 (personal data): the log of erasures and purges; a version-2 project loads with an empty log.
BOOST_CLASS_VERSION(servicedesign::process::Project, 3)
BOOST_CLASS_VERSION(servicedesign::process::Need, 1)
BOOST_CLASS_VERSION(servicedesign::process::Workshop, 1)
BOOST_CLASS_VERSION(servicedesign::process::Opportunity, 1)
BOOST_CLASS_VERSION(servicedesign::process::Idea, 1)
BOOST_CLASS_VERSION(servicedesign::process::PrototypeTest, 1)

namespace boost::serialization {

using boost::serialization::make_nvp;
namespace sp = servicedesign::process;

template <class Ar> void serialize(Ar& ar, sp::Segment& s, unsigned) {
  ar& make_nvp("key", s.key) & make_nvp("name", s.name) & make_nvp("target", s.target);
}
template <class Ar> void serialize(Ar& ar, sp::Challenge& c, unsigned) {
  ar& make_nvp("purpose", c.purpose) & make_nvp("for_whom", c.for_whom) & make_nvp("do_what", c.do_what) &
      make_nvp("how", c.how) & make_nvp("goal", c.goal);
}
template <class Ar> void serialize(Ar& ar, sp::Need& n, unsigned version) {
  ar& make_nvp("id", n.id) & make_nvp("title", n.title) & make_nvp("description", n.description);
  if (version >= 1) ar& make_nvp("source_themes", n.source_themes) & make_nvp("source_notes", n.source_notes);
}
template <class Ar> void serialize(Ar& ar, sp::Person& p, unsigned) {
  ar& make_nvp("id", p.id) & make_nvp("name", p.name) & make_nvp("segment", p.segment) &
      make_nvp("attributes", p.attributes) & make_nvp("household", p.household) & make_nvp("consent", p.consent);
}
template <class Ar> void serialize(Ar& ar, sp::Quota& q, unsigned) {
  ar& make_nvp("attribute", q.attribute) & make_nvp("value", q.value) & make_nvp("min", q.min) & make_nvp("max", q.max);
}
template <class Ar> void serialize(Ar& ar, sp::WorkingGroup& g, unsigned) {
  ar& make_nvp("id", g.id) & make_nvp("need_id", g.need_id) & make_nvp("name", g.name) &
      make_nvp("min_size", g.min_size) & make_nvp("max_size", g.max_size) & make_nvp("quotas", g.quotas) &
      make_nvp("member_ids", g.member_ids) & make_nvp("lead_id", g.lead_id);
}
template <class Ar> void serialize(Ar& ar, sp::Arena& a, unsigned) {
  ar& make_nvp("id", a.id) & make_nvp("name", a.name) & make_nvp("host", a.host) & make_nvp("segments", a.segments) &
      make_nvp("existing", a.existing);
}
template <class Ar> void serialize(Ar& ar, sp::Facilitator& f, unsigned) {
  ar& make_nvp("name", f.name) & make_nvp("trained", f.trained);
}
template <class Ar> void serialize(Ar& ar, sp::Workshop& w, unsigned version) {
  ar& make_nvp("id", w.id) & make_nvp("kind", w.kind) & make_nvp("arena_id", w.arena_id) & make_nvp("date", w.date) &
      make_nvp("facilitators", w.facilitators) & make_nvp("segments_present", w.segments_present);
  if (version >= 1) ar& make_nvp("track_id", w.track_id);
}
template <class Ar> void serialize(Ar& ar, sp::Note& n, unsigned) {
  ar& make_nvp("id", n.id) & make_nvp("text", n.text) & make_nvp("kind", n.kind) & make_nvp("workshop_id", n.workshop_id) &
      make_nvp("segment", n.segment) & make_nvp("arena_id", n.arena_id) & make_nvp("date", n.date) &
      make_nvp("language", n.language) & make_nvp("tags", n.tags) & make_nvp("person_id", n.person_id) &
      make_nvp("consent", n.consent);
}
template <class Ar> void serialize(Ar& ar, sp::Insight& i, unsigned) {
  ar& make_nvp("id", i.id) & make_nvp("who", i.who) & make_nvp("what", i.what) & make_nvp("why", i.why) &
      make_nvp("need_id", i.need_id) & make_nvp("evidence", i.evidence) & make_nvp("status", i.status);
}
template <class Ar> void serialize(Ar& ar, sp::Opportunity& o, unsigned version) {
  ar& make_nvp("id", o.id) & make_nvp("how_might_we", o.how_might_we) & make_nvp("insight_ids", o.insight_ids) &
      make_nvp("selected", o.selected);
  if (version >= 1) ar& make_nvp("track_id", o.track_id);
}
template <class Ar> void serialize(Ar& ar, sp::Idea& i, unsigned version) {
  ar& make_nvp("id", i.id) & make_nvp("opportunity_id", i.opportunity_id) & make_nvp("title", i.title) &
      make_nvp("description", i.description) & make_nvp("chosen", i.chosen);
  if (version >= 1) ar& make_nvp("track_id", i.track_id);
}
template <class Ar> void serialize(Ar& ar, sp::PrototypeTest& t, unsigned version) {
  ar& make_nvp("id", t.id) & make_nvp("idea_id", t.idea_id) & make_nvp("plan", t.plan) &
      make_nvp("tester_ids", t.tester_ids) & make_nvp("staff_testers", t.staff_testers) & make_nvp("outcome", t.outcome);
  if (version >= 1) ar& make_nvp("track_id", t.track_id);
}
template <class Ar> void serialize(Ar& ar, sp::GateCriterion& c, unsigned) {
  ar& make_nvp("id", c.id) & make_nvp("kind", c.kind) & make_nvp("min", c.min) & make_nvp("max", c.max) &
      make_nvp("description", c.description);
}
template <class Ar> void serialize(Ar& ar, sp::Decision& d, unsigned) {
  ar& make_nvp("sequence", d.sequence) & make_nvp("kind", d.kind) & make_nvp("from_step", d.from_step) &
      make_nvp("to_step", d.to_step) & make_nvp("when", d.when) & make_nvp("who", d.who) &
      make_nvp("rationale", d.rationale) & make_nvp("evidence", d.evidence) &
      make_nvp("overridden_criteria", d.overridden_criteria);
}
template <class Ar> void serialize(Ar& ar, sp::Erasure& e, unsigned) {
  ar& make_nvp("id", e.id) & make_nvp("date", e.date) & make_nvp("reason", e.reason) & make_nvp("what", e.what) &
      make_nvp("persons", e.persons) & make_nvp("notes_removed", e.notes_removed) &
      make_nvp("notes_kept_anonymous", e.notes_kept_anonymous) & make_nvp("mentions_replaced", e.mentions_replaced);
}
template <class Ar> void serialize(Ar& ar, sp::Track& t, unsigned) {
  ar& make_nvp("id", t.id) & make_nvp("group_id", t.group_id) & make_nvp("start_date", t.start_date) &
      make_nvp("challenge", t.challenge) & make_nvp("current_step", t.current_step) & make_nvp("decisions", t.decisions) &
      make_nvp("gates", t.gates) & make_nvp("closed", t.closed);
}

}  // namespace boost::serialization

namespace servicedesign::process {

template <class Archive>
void Project::serialize(Archive& ar, const unsigned int version) {
  using boost::serialization::make_nvp;
  constexpr unsigned current = boost::serialization::version<Project>::value;
  if (Archive::is_loading::value && version > current) {
    throw VersionError("the project was saved with class version " + std::to_string(version) +
                       ", newer than this library reads (" + std::to_string(current) + "); update servicedesign");
  }
  std::string model_key = model_.key();
  ar& make_nvp("name", name_) & make_nvp("model", model_key);
  if constexpr (Archive::is_loading::value) model_ = ProcessModel::by_key(model_key);
  ar& make_nvp("challenge", phase_.challenge) & make_nvp("owner", owner_) & make_nvp("current_step", phase_.current_step) &
      make_nvp("decisions", phase_.decisions) & make_nvp("gates", phase_.gates) & make_nvp("segments", segments_.items) &
      make_nvp("needs", needs_.items) & make_nvp("persons", persons_.items) & make_nvp("arenas", arenas_.items) &
      make_nvp("workshops", workshops_.items) & make_nvp("notes", notes_.items) &
      make_nvp("insights", insights_.items) & make_nvp("opportunities", opportunities_.items) &
      make_nvp("ideas", ideas_.items) & make_nvp("prototype_tests", tests_.items) &
      make_nvp("working_groups", groups_.items) & make_nvp("id_counter", id_counter_) &
      make_nvp("public_edition", public_edition_);
  if (version >= 2) ar& make_nvp("tracks", tracks_.items);
  if (version >= 3) ar& make_nvp("erasures", erasures_);
  if constexpr (Archive::is_loading::value) {
    const auto fits_model = [&](const Track& t) {
      return t.current_step < model_.steps().size() && t.gates.size() == model_.steps().size();
    };
    if (!fits_model(phase_)) {
      throw FormatError("archive is inconsistent: step or gates do not fit process model '" + model_key + "'");
    }
    rebuild_indexes();
    validate_tracks_and_sources(model_key);
    if (version < 2) upgrade_groups_to_tracks();
  }
}

// What the tracks and the needs' sources must satisfy for the project to be usable; an archive that breaks
// it (edited by hand, or damaged in a way the checksum cannot see) is refused instead of loaded.
void Project::validate_tracks_and_sources(const std::string& model_key) const {
  const auto bad = [](const std::string& what) { throw FormatError("archive is inconsistent: " + what); };
  std::set<std::string> groups_with_track;
  for (const auto& t : tracks_.items) {
    if (t.id.empty() || t.current_step >= model_.steps().size() || t.gates.size() != model_.steps().size()) {
      bad("track '" + t.id + "' does not fit process model '" + model_key + "'");
    }
    if (!groups_.find(t.group_id)) bad("track '" + t.id + "' names unknown working group '" + t.group_id + "'");
    if (!groups_with_track.insert(t.group_id).second) bad("working group '" + t.group_id + "' has two tracks");
    if (t.closed && (t.decisions.empty() || t.decisions.back().kind != DecisionKind::close)) {
      bad("track '" + t.id + "' is closed without a closing decision");
    }
    if (tracks_.index.at(t.id) != static_cast<std::size_t>(&t - tracks_.items.data())) bad("track id '" + t.id + "' is used twice");
    if (needs_.find(t.id) || persons_.find(t.id) || arenas_.find(t.id) || workshops_.find(t.id) || notes_.find(t.id) ||
        insights_.find(t.id) || opportunities_.find(t.id) || ideas_.find(t.id) || tests_.find(t.id) || groups_.find(t.id)) {
      bad("track id '" + t.id + "' is also the id of another entity");
    }
  }
  const auto known_track = [&](const std::string& id, const std::string& what) {
    if (!id.empty() && !tracks_.find(id)) bad(what + " names unknown track '" + id + "'");
  };
  for (const auto& w : workshops_.items) known_track(w.track_id, "workshop '" + w.id + "'");
  for (const auto& o : opportunities_.items) known_track(o.track_id, "opportunity '" + o.id + "'");
  for (const auto& i : ideas_.items) known_track(i.track_id, "idea '" + i.id + "'");
  for (const auto& t : tests_.items) known_track(t.track_id, "prototype test '" + t.id + "'");
  for (const auto& n : needs_.items) {
    for (const auto& note : n.source_notes) {
      if (!notes_.find(note)) bad("need '" + n.id + "' names unknown source note '" + note + "'");
    }
  }
  for (const auto& e : erasures_) {
    const Person* tombstone = persons_.find(e.id);
    if (e.what == "person" && (!tombstone || !tombstone->name.empty() || !tombstone->attributes.empty())) {
      bad("erasure '" + e.id + "' has no empty person record as its tombstone");
    }
  }
}

void Project::upgrade_groups_to_tracks() {
  for (const auto& group : groups_.items) {
    Track track;
    track.id = "TR-" + group.id;
    for (std::size_t n = 2; contains_id(track.id); ++n) track.id = "TR-" + group.id + "-" + std::to_string(n);
    track.group_id = group.id;
    for (std::size_t i = 0; i < model_.steps().size(); ++i) track.gates.push_back(default_gate(model_, i));
    tracks_.add(std::move(track));
  }
}

bool operator==(const Project& a, const Project& b) {
  return a.name_ == b.name_ && a.model_.key() == b.model_.key() && a.phase_ == b.phase_ &&
         a.owner_ == b.owner_ && a.tracks_.items == b.tracks_.items && a.segments_.items == b.segments_.items && a.needs_.items == b.needs_.items &&
         a.persons_.items == b.persons_.items && a.arenas_.items == b.arenas_.items &&
         a.workshops_.items == b.workshops_.items && a.notes_.items == b.notes_.items &&
         a.insights_.items == b.insights_.items && a.opportunities_.items == b.opportunities_.items &&
         a.ideas_.items == b.ideas_.items && a.tests_.items == b.tests_.items && a.groups_.items == b.groups_.items &&
         a.erasures_ == b.erasures_ && a.id_counter_ == b.id_counter_ && a.public_edition_ == b.public_edition_;
}

namespace {

constexpr std::string_view project_type = "project";

}  // namespace

std::string save_project_to_string(const Project& project, ArchiveFormat format) {
  return seal_archive(project_type, format, servicedesign::detail::write_boost_archive(project, "project", format));
}

Project load_project_from_string(std::string_view data, std::string_view source) {
  const OpenedArchive opened = open_archive(data, project_type, source);
  Project project;
  servicedesign::detail::read_boost_archive(opened.payload, opened.format, "project", project, std::string(source));
  return project;
}

void save_project(const Project& project, const std::filesystem::path& path, ArchiveFormat format) {
  write_file_atomically(path, save_project_to_string(project, format));
}

Project load_project(const std::filesystem::path& path) {
  return load_project_from_string(read_file(path), path.string());
}

ArchiveFormat project_archive_format(const std::filesystem::path& path) {
  return open_archive(read_file(path), project_type, path.string()).format;
}

}  // namespace servicedesign::process
