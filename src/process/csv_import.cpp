#include "servicedesign/process/csv_import.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

std::vector<std::string> split_list(std::string_view field, char sep = ';') {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= field.size()) {
    const auto end = field.find(sep, start);
    const auto piece = detail::trim(field.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Read access to one CSV row by column name, with errors that name file, line and field.
class Row {
 public:
  Row(const CsvTable& table, std::size_t row) : table_(table), row_(row) {}
  [[nodiscard]] std::string get(std::string_view column) const {
    const auto index = table_.find_column(column);
    return index ? table_.rows[row_][*index] : std::string();
  }
  [[nodiscard]] std::string required(std::string_view column) const {
    std::string value = get(column);
    if (!table_.find_column(column)) throw InvalidInput(Location{table_.source, 1, std::string(column)}, "required column is missing");
    if (value.empty()) throw InvalidInput(where(column), "is empty");
    return value;
  }
  [[nodiscard]] std::size_t size_or(std::string_view column, std::size_t fallback) const {
    const std::string text = get(column);
    if (text.empty()) return fallback;
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      throw InvalidInput(where(column), "'" + detail::excerpt(text) + "' is not a non-negative whole number");
    }
    return value;
  }
  [[nodiscard]] bool flag_or(std::string_view column, bool fallback) const {
    const std::string text = detail::ascii_lower(get(column));
    if (text.empty()) return fallback;
    if (text == "yes" || text == "true" || text == "1" || text == "ja" || text == "y") return true;
    if (text == "no" || text == "false" || text == "0" || text == "nei" || text == "nej" || text == "n") return false;
    throw InvalidInput(where(column), "'" + detail::excerpt(text) + "' is not yes or no");
  }
  template <class Enum>
  [[nodiscard]] Enum enum_or(std::string_view column, Enum fallback) const {
    const std::string text = get(column);
    if (text.empty()) return fallback;
    try {
      return from_string<Enum>(text);
    } catch (const InvalidInput& e) {
      throw InvalidInput(where(column), e.what());
    }
  }
  [[nodiscard]] const std::vector<std::string>& header() const { return table_.header; }
  // The file's name without its folder, and the row's line, e.g. "notes.csv:4".
  [[nodiscard]] std::string short_where() const {
    return std::filesystem::path(table_.source).filename().string() + ":" + std::to_string(table_.line_of(row_));
  }
  [[nodiscard]] Location where(std::string_view column = {}) const {
    return Location{table_.source, table_.line_of(row_), std::string(column)};
  }

 private:
  const CsvTable& table_;
  std::size_t row_;
};

// Reports an import's progress by bytes: the files read so far and the share of the current file's rows.
struct ImportTracker {
  const ImportProgress& progress;
  std::uintmax_t total = 0;  // bytes of the folder's files
  std::uintmax_t done = 0;   // bytes of the files finished

  void report(std::string_view file, std::uintmax_t size, double share) const {
    if (!progress) return;
    const double fraction = total == 0 ? 1.0 : (static_cast<double>(done) + share * static_cast<double>(size)) /
                                                    static_cast<double>(total);
    if (!progress(file, std::min(fraction, 1.0))) throw Interrupted("import stopped while reading " + std::string(file));
  }
};

constexpr std::size_t rows_between_reports = 2048;

// Reads `name` from the folder if present and hands each row to `each`; errors raised by the project
// (which name the field) get the file and line in front.
void for_each_row(const std::filesystem::path& folder, std::string_view name, const std::function<void(const Row&)>& each,
                  ImportTracker& tracker) {
  const auto path = folder / name;
  if (std::error_code unreadable; !std::filesystem::exists(path, unreadable)) return;
  std::error_code unsized;
  const std::uintmax_t size = std::filesystem::file_size(path, unsized);
  tracker.report(name, unsized ? 0 : size, 0.0);
  const CsvTable table = read_csv(path);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (r % rows_between_reports == rows_between_reports - 1) {
      tracker.report(name, unsized ? 0 : size, static_cast<double>(r) / static_cast<double>(table.rows.size()));
    }
    const Row row(table, r);
    try {
      each(row);
    } catch (const InvalidInput& e) {
      if (!e.where().file.empty()) throw;
      throw InvalidInput(row.where(), e.what());
    } catch (const StateError& e) {
      throw InvalidInput(row.where(), e.what());
    }
  }
  tracker.done += unsized ? 0 : size;
}

// The optional files of a project folder that hold what other files refer to.
struct Folder {
  std::filesystem::path path;
  std::set<std::string, std::less<>> present;  // names of the files that exist

  explicit Folder(std::filesystem::path folder) : path(std::move(folder)) {
    for (const char* name : {"segments.csv", "needs.csv", "people.csv", "arenas.csv", "workshops.csv", "notes.csv"}) {
      if (std::error_code unreadable; std::filesystem::exists(path / name, unreadable)) present.insert(name);
    }
  }

  // A reference to a `kind` kept in `file` when the folder has no such file: the id cannot resolve, and
  // the error names the missing file (not the one that refers to it, which is right as it is).
  void require(std::string_view file, std::string_view kind, std::string_view id, const std::string& referrer,
               std::string_view column) const {
    if (id.empty() || present.count(file) > 0) return;
    throw IoError("cannot open '" + (path / file).string() + "': the folder has no " + std::string(file) + ", but " +
                  referrer + " names " + std::string(kind) + " '" + detail::excerpt(id) + "' in field '" +
                  std::string(column) + "'");
  }
  void require(std::string_view file, std::string_view kind, const Row& row, std::string_view column) const {
    require(file, kind, row.get(column), row.short_where(), column);
  }
  void require_each(std::string_view file, std::string_view kind, const Row& row, std::string_view column) const {
    const auto ids = split_list(row.get(column));
    if (!ids.empty()) require(file, kind, ids.front(), row.short_where(), column);
  }
};

Quota parse_quota(const std::string& text, const Row& row) {
  // attr=value:min-max
  const auto eq = text.find('=');
  const auto colon = text.rfind(':');
  const auto dash = colon == std::string::npos ? std::string::npos : text.find('-', colon);
  if (eq == std::string::npos || colon == std::string::npos || dash == std::string::npos || colon < eq) {
    throw InvalidInput(row.where("quotas"), "'" + detail::excerpt(text) + "' is not of the form attribute=value:min-max");
  }
  Quota q;
  q.attribute = detail::trim(text.substr(0, eq));
  q.value = detail::trim(text.substr(eq + 1, colon - eq - 1));
  const auto number = [&](std::string_view s) {
    std::size_t v = 0;
    const auto trimmed = detail::trim(s);
    const auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), v);
    if (trimmed.empty() || ec != std::errc() || ptr != trimmed.data() + trimmed.size()) {
      throw InvalidInput(row.where("quotas"), "'" + detail::excerpt(text) + "' has a bound that is not a non-negative whole number");
    }
    return v;
  };
  q.min = number(std::string_view(text).substr(colon + 1, dash - colon - 1));
  q.max = number(std::string_view(text).substr(dash + 1));
  return q;
}

}  // namespace

Project import_project_csv(const std::filesystem::path& folder, const ImportProgress& progress) {
  ImportTracker tracker{progress};
  for (const char* name : {"segments.csv", "needs.csv", "people.csv", "arenas.csv", "workshops.csv", "notes.csv",
                           "insights.csv", "working_groups.csv"}) {
    std::error_code unsized;
    if (const std::uintmax_t size = std::filesystem::file_size(folder / name, unsized); !unsized) tracker.total += size;
  }
  const auto project_path = folder / "project.csv";
  if (std::error_code unreadable; !std::filesystem::exists(project_path, unreadable)) {
    throw IoError("cannot open '" + project_path.string() + "': a project folder needs project.csv");
  }
  const CsvTable meta = read_csv(project_path);
  std::map<std::string, std::pair<std::string, std::size_t>> values;  // key -> (value, line)
  const std::size_t key_col = meta.column("key");
  const std::size_t value_col = meta.column("value");
  for (std::size_t r = 0; r < meta.rows.size(); ++r) {
    values[detail::ascii_lower(meta.rows[r][key_col])] = {meta.rows[r][value_col], meta.line_of(r)};
  }
  const auto value = [&](const std::string& key) { return values.count(key) ? values[key].first : std::string(); };
  if (value("name").empty()) throw InvalidInput(Location{meta.source, 0, "name"}, "the project has no name");

  ProcessModel model = ProcessModel::skr();
  if (const std::string key = detail::ascii_lower(value("model")); !key.empty()) {
    try {
      model = ProcessModel::by_key(key);
    } catch (const NotFound& e) {
      throw InvalidInput(Location{meta.source, values["model"].second, "model"}, e.what());
    }
  }
  Project project(value("name"), model);
  project.set_owner(value("owner"));
  project.set_challenge({value("challenge_purpose"), value("challenge_for_whom"), value("challenge_do_what"),
                         value("challenge_how"), value("goal")});
  const auto targets = split_list(value("target_segments"));
  const Folder files(folder);
  if (!targets.empty()) {
    files.require("segments.csv", "segment", targets.front(),
                  "project.csv:" + std::to_string(values["target_segments"].second), "target_segments");
  }

  for_each_row(folder, "segments.csv", [&](const Row& row) {
    Segment s;
    s.key = row.required("key");
    for (const char* column : {"name", "name_en", "name_sv", "name_no"}) {
      if (s.name.empty()) s.name = row.get(column);
    }
    s.target = targets.empty() || std::find(targets.begin(), targets.end(), s.key) != targets.end();
    project.add_segment(std::move(s));
  }, tracker);
  for (const auto& t : targets) {
    if (std::none_of(project.segments().begin(), project.segments().end(), [&](const Segment& s) { return s.key == t; })) {
      throw InvalidInput(Location{meta.source, values["target_segments"].second, "target_segments"},
                         "unknown segment '" + detail::excerpt(t) + "' (not in segments.csv)");
    }
  }
  for_each_row(folder, "needs.csv", [&](const Row& row) {
    project.add_need({row.required("id"), row.required("title"), row.get("description"), {}, {}});
  }, tracker);
  for_each_row(folder, "people.csv", [&](const Row& row) {
    files.require("segments.csv", "segment", row, "segment");
    Person p;
    p.id = row.required("id");
    p.name = row.get("name");
    p.segment = row.get("segment");
    p.household = row.get("household");
    p.consent = row.enum_or("consent", Consent::internal);
    // Every other column is an attribute that quotas and selection can use (segment included).
    for (const auto& column : row.header()) {
      const std::string lowered = detail::ascii_lower(column);
      if (lowered != "id" && lowered != "name" && lowered != "household" && lowered != "consent") {
        p.attributes[column] = row.get(column);
      }
    }
    project.add_person(std::move(p));
  }, tracker);
  for_each_row(folder, "arenas.csv", [&](const Row& row) {
    files.require_each("segments.csv", "segment", row, "segments");
    project.add_arena({row.required("id"), row.required("name"), row.get("host"), split_list(row.get("segments")),
                       row.flag_or("existing", true)});
  }, tracker);
  for_each_row(folder, "workshops.csv", [&](const Row& row) {
    files.require("arenas.csv", "arena", row, "arena");
    files.require_each("segments.csv", "segment", row, "segments_present");
    Workshop w;
    w.id = row.required("id");
    w.kind = row.enum_or("kind", WorkshopKind::problem_workshop);
    w.arena_id = row.required("arena");
    w.date = row.required("date");
    for (const auto& item : split_list(row.get("facilitators"))) {
      const auto colon = item.rfind(':');
      Facilitator f{item, false};
      if (colon != std::string::npos) {
        const std::string state = detail::ascii_lower(detail::trim(std::string_view(item).substr(colon + 1)));
        if (state != "trained" && state != "untrained") {
          throw InvalidInput(row.where("facilitators"), "'" + detail::excerpt(item) + "': write Name:trained or Name:untrained");
        }
        f = {detail::trim(std::string_view(item).substr(0, colon)), state == "trained"};
      }
      w.facilitators.push_back(std::move(f));
    }
    w.segments_present = split_list(row.get("segments_present"));
    project.add_workshop(std::move(w));
  }, tracker);
  for_each_row(folder, "notes.csv", [&](const Row& row) {
    files.require("workshops.csv", "workshop", row, "workshop");
    files.require("segments.csv", "segment", row, "segment");
    files.require("people.csv", "person", row, "person");
    Note n;
    n.id = row.required("id");
    n.workshop_id = row.required("workshop");
    n.segment = row.required("segment");
    n.text = row.required("text");
    n.person_id = row.get("person");
    n.kind = row.enum_or("kind", NoteKind::problem);
    n.language = detail::ascii_lower(row.get("language"));
    n.tags = split_list(row.get("tags"));
    n.consent = row.enum_or("consent", Consent::internal);
    n.arena_id = row.get("arena");
    n.date = row.get("date");
    project.record_note(std::move(n));
  }, tracker);
  for_each_row(folder, "insights.csv", [&](const Row& row) {
    files.require_each("notes.csv", "note", row, "evidence");
    files.require("needs.csv", "need", row, "need");
    Insight i;
    i.id = row.required("id");
    i.who = row.required("who");
    i.what = row.required("what");
    i.why = row.required("why");
    i.need_id = row.get("need");
    i.evidence = split_list(row.get("evidence"));
    i.status = row.enum_or("status", InsightStatus::draft);
    project.add_insight(std::move(i));
  }, tracker);
  for_each_row(folder, "working_groups.csv", [&](const Row& row) {
    files.require("needs.csv", "need", row, "need");
    files.require("people.csv", "person", row, "lead");
    files.require_each("people.csv", "person", row, "members");
    WorkingGroup g;
    g.id = row.required("id");
    g.need_id = row.required("need");
    g.name = row.required("name");
    g.min_size = row.size_or("min_size", 10);
    g.max_size = row.size_or("max_size", 12);
    g.lead_id = row.get("lead");
    for (const auto& q : split_list(row.get("quotas"))) g.quotas.push_back(parse_quota(q, row));
    g.member_ids = split_list(row.get("members"));
    project.add_working_group(std::move(g));
  }, tracker);
  tracker.done = tracker.total;
  tracker.report("done", 0, 0.0);
  return project;
}

}  // namespace servicedesign::process
