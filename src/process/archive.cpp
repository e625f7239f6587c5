#include "servicedesign/process/archive.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/crc.hpp>
#include <boost/serialization/map.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <boost/serialization/version.hpp>
#include <charconv>
#include <cstdio>
#include <sstream>

#include "capped_archive.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/project.hpp"

// Class versions: bump one when its serialize() changes, keep reading the old layout, and add a
// golden archive under tests/golden/. Boost does not refuse a newer class version itself (its check is
// disabled), so Project::serialize() does.
BOOST_CLASS_VERSION(servicedesign::process::Project, 1)

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
template <class Ar> void serialize(Ar& ar, sp::Need& n, unsigned) {
  ar& make_nvp("id", n.id) & make_nvp("title", n.title) & make_nvp("description", n.description);
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
template <class Ar> void serialize(Ar& ar, sp::Workshop& w, unsigned) {
  ar& make_nvp("id", w.id) & make_nvp("kind", w.kind) & make_nvp("arena_id", w.arena_id) & make_nvp("date", w.date) &
      make_nvp("facilitators", w.facilitators) & make_nvp("segments_present", w.segments_present);
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
template <class Ar> void serialize(Ar& ar, sp::Opportunity& o, unsigned) {
  ar& make_nvp("id", o.id) & make_nvp("how_might_we", o.how_might_we) & make_nvp("insight_ids", o.insight_ids) &
      make_nvp("selected", o.selected);
}
template <class Ar> void serialize(Ar& ar, sp::Idea& i, unsigned) {
  ar& make_nvp("id", i.id) & make_nvp("opportunity_id", i.opportunity_id) & make_nvp("title", i.title) &
      make_nvp("description", i.description) & make_nvp("chosen", i.chosen);
}
template <class Ar> void serialize(Ar& ar, sp::PrototypeTest& t, unsigned) {
  ar& make_nvp("id", t.id) & make_nvp("idea_id", t.idea_id) & make_nvp("plan", t.plan) &
      make_nvp("tester_ids", t.tester_ids) & make_nvp("staff_testers", t.staff_testers) & make_nvp("outcome", t.outcome);
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
  ar& make_nvp("challenge", challenge_) & make_nvp("owner", owner_) & make_nvp("current_step", current_step_) &
      make_nvp("decisions", decisions_) & make_nvp("gates", gates_) & make_nvp("segments", segments_.items) &
      make_nvp("needs", needs_.items) & make_nvp("persons", persons_.items) & make_nvp("arenas", arenas_.items) &
      make_nvp("workshops", workshops_.items) & make_nvp("notes", notes_.items) &
      make_nvp("insights", insights_.items) & make_nvp("opportunities", opportunities_.items) &
      make_nvp("ideas", ideas_.items) & make_nvp("prototype_tests", tests_.items) &
      make_nvp("working_groups", groups_.items) & make_nvp("id_counter", id_counter_) &
      make_nvp("public_edition", public_edition_);
  if constexpr (Archive::is_loading::value) {
    if (current_step_ >= model_.steps().size() || gates_.size() != model_.steps().size()) {
      throw FormatError("archive is inconsistent: step or gates do not fit process model '" + model_key + "'");
    }
    rebuild_indexes();
  }
}

bool operator==(const Project& a, const Project& b) {
  return a.name_ == b.name_ && a.model_.key() == b.model_.key() && a.challenge_ == b.challenge_ &&
         a.owner_ == b.owner_ && a.current_step_ == b.current_step_ && a.decisions_ == b.decisions_ &&
         a.gates_ == b.gates_ && a.segments_.items == b.segments_.items && a.needs_.items == b.needs_.items &&
         a.persons_.items == b.persons_.items && a.arenas_.items == b.arenas_.items &&
         a.workshops_.items == b.workshops_.items && a.notes_.items == b.notes_.items &&
         a.insights_.items == b.insights_.items && a.opportunities_.items == b.opportunities_.items &&
         a.ideas_.items == b.ideas_.items && a.tests_.items == b.tests_.items && a.groups_.items == b.groups_.items &&
         a.id_counter_ == b.id_counter_ && a.public_edition_ == b.public_edition_;
}

std::string_view to_string(ArchiveFormat format) noexcept {
  switch (format) {
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
    case ArchiveFormat::binary: return "binary";
  }
  return "unknown";
}

namespace {

constexpr std::string_view magic = "servicedesign-archive";
constexpr std::string_view project_type = "project";

std::uint32_t crc32_of(std::string_view data) {
  boost::crc_32_type crc;
  crc.process_bytes(data.data(), data.size());
  return crc.checksum();
}

std::string hex8(std::uint32_t value) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", value);
  return buffer;
}

std::string serialise(const Project& project, ArchiveFormat format) {
  std::ostringstream out(std::ios::binary);
  {
    const auto flags = boost::archive::no_codecvt;  // UTF-8 bytes pass through unchanged
    switch (format) {
      case ArchiveFormat::text: {
        boost::archive::text_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp("project", project);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp("project", project);
        break;
      }
      case ArchiveFormat::binary: {
        boost::archive::binary_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp("project", project);
        break;
      }
    }
  }
  return std::move(out).str();
}

ArchiveFormat parse_format(std::string_view word, std::string_view source) {
  if (word == "text") return ArchiveFormat::text;
  if (word == "xml") return ArchiveFormat::xml;
  if (word == "binary") return ArchiveFormat::binary;
  throw FormatError(std::string(source) + ": unknown archive format '" + std::string(word) + "' in the header");
}

}  // namespace

std::string save_project_to_string(const Project& project, ArchiveFormat format) {
  const std::string payload = serialise(project, format);
  std::string header = std::string(magic) + " " + std::to_string(archive_envelope_version) + " " +
                       std::string(project_type) + " " + std::string(to_string(format)) + " " +
                       std::to_string(payload.size()) + " " + hex8(crc32_of(payload)) + "\n";
  return header + payload;
}

Project load_project_from_string(std::string_view data, std::string_view source) {
  const std::string where(source);
  const auto newline = data.find('\n');
  if (data.substr(0, magic.size()) != magic || newline == std::string_view::npos || newline > 200) {
    throw FormatError(where + ": not a servicedesign archive (the header line is missing)");
  }
  std::istringstream header{std::string(data.substr(0, newline))};
  std::string found_magic, type, format_word, crc_word;
  unsigned version = 0;
  std::size_t size = 0;
  if (!(header >> found_magic >> version >> type >> format_word >> size >> crc_word)) {
    throw FormatError(where + ": the archive header is malformed");
  }
  if (version > archive_envelope_version) {
    throw VersionError(where + ": archive format version " + std::to_string(version) +
                       " is newer than this library reads (" + std::to_string(archive_envelope_version) +
                       "); update servicedesign");
  }
  if (type != project_type) {
    throw VersionError(where + ": the archive holds a '" + type + "', not a project");
  }
  const ArchiveFormat format = parse_format(format_word, where);
  const std::string_view payload = data.substr(newline + 1);
  if (payload.size() != size) {
    throw FormatError(where + ": the archive is truncated or padded: the header promises " + std::to_string(size) +
                      " bytes, the file holds " + std::to_string(payload.size()));
  }
  std::uint32_t expected = 0;
  const auto [ptr, ec] = std::from_chars(crc_word.data(), crc_word.data() + crc_word.size(), expected, 16);
  if (ec != std::errc() || ptr != crc_word.data() + crc_word.size()) {
    throw FormatError(where + ": the archive header has a malformed checksum");
  }
  if (crc32_of(payload) != expected) {
    throw FormatError(where + ": checksum mismatch: the archive is corrupted");
  }

  // The payload must open with the Boost signature of the announced format: reading one format as
  // another makes Boost trust garbage lengths and attempt huge allocations.
  static constexpr char binary_signature[] = "\x16\0\0\0\0\0\0\0serialization::archive";
  const bool signature_ok =
      (format == ArchiveFormat::text && payload.substr(0, 25) == "22 serialization::archive") ||
      (format == ArchiveFormat::xml && payload.substr(0, 5) == "<?xml") ||
      (format == ArchiveFormat::binary && payload.substr(0, sizeof binary_signature - 1) ==
                                              std::string_view(binary_signature, sizeof binary_signature - 1));
  if (!signature_ok) {
    throw FormatError(where + ": the payload is not a Boost " + std::string(to_string(format)) +
                      " archive as the header says");
  }

  Project project;
  try {
    std::istringstream in{std::string(payload), std::ios::binary};
    const auto flags = boost::archive::no_codecvt;
    switch (format) {
      case ArchiveFormat::text: {
        detail::capped_text_iarchive ar(in, payload.size(), flags);
        ar >> boost::serialization::make_nvp("project", project);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_iarchive ar(in, flags);
        ar >> boost::serialization::make_nvp("project", project);
        break;
      }
      case ArchiveFormat::binary: {
        detail::capped_binary_iarchive ar(in, payload.size(), flags);
        ar >> boost::serialization::make_nvp("project", project);
        break;
      }
    }
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::unsupported_version ||
        e.code == boost::archive::archive_exception::unsupported_class_version) {
      throw VersionError(where + 
                         ": the archive was written by a newer version of servicedesign or of Boost.Serialization (" +
                         e.what() + ")");
    }
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  } catch (const VersionError& e) {
    throw VersionError(where + ": " + e.what());
  } catch (const Error& e) {
    // e.g. an unknown process model or a step outside the model: the payload does not fit this library.
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  } catch (const std::exception& e) {
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  }
  return project;
}

void save_project(const Project& project, const std::filesystem::path& path, ArchiveFormat format) {
  write_file_atomically(path, save_project_to_string(project, format));
}

Project load_project(const std::filesystem::path& path) {
  return load_project_from_string(read_file(path), path.string());
}

}  // namespace servicedesign::process
