#include "servicedesign/process/entities.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "servicedesign/core/error.hpp"
#include "enum_names.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

using detail::NameTable;
using detail::name_of;
using detail::parse;

constexpr NameTable<Consent, 3> consent_names{{{Consent::none, "none"},
                                               {Consent::internal, "internal"},
                                               {Consent::public_, "public"}}};
constexpr NameTable<NoteKind, 4> note_kind_names{{{NoteKind::quote, "quote"},
                                                  {NoteKind::observation, "observation"},
                                                  {NoteKind::problem, "problem"},
                                                  {NoteKind::idea, "idea"}}};
constexpr NameTable<WorkshopKind, 5> workshop_kind_names{{{WorkshopKind::problem_workshop, "problem_workshop"},
                                                          {WorkshopKind::interview, "interview"},
                                                          {WorkshopKind::observation, "observation"},
                                                          {WorkshopKind::ideation, "ideation"},
                                                          {WorkshopKind::test, "test"}}};
constexpr NameTable<InsightStatus, 6> insight_status_names{{{InsightStatus::draft, "draft"},
                                                            {InsightStatus::evidenced, "evidenced"},
                                                            {InsightStatus::reviewed, "reviewed"},
                                                            {InsightStatus::prioritised, "prioritised"},
                                                            {InsightStatus::addressed, "addressed"},
                                                            {InsightStatus::archived, "archived"}}};
constexpr NameTable<TestOutcome, 4> test_outcome_names{{{TestOutcome::pending, "pending"},
                                                        {TestOutcome::stop, "stop"},
                                                        {TestOutcome::iterate, "iterate"},
                                                        {TestOutcome::pilot, "pilot"}}};

}  // namespace

std::string_view to_string(Consent value) noexcept { return name_of(consent_names, value); }
std::string_view to_string(NoteKind value) noexcept { return name_of(note_kind_names, value); }
std::string_view to_string(WorkshopKind value) noexcept { return name_of(workshop_kind_names, value); }
std::string_view to_string(InsightStatus value) noexcept { return name_of(insight_status_names, value); }
std::string_view to_string(TestOutcome value) noexcept { return name_of(test_outcome_names, value); }

template <>
Consent from_string<Consent>(std::string_view key) {
  return parse(consent_names, key, "consent level");
}
template <>
NoteKind from_string<NoteKind>(std::string_view key) {
  return parse(note_kind_names, key, "note kind");
}
template <>
WorkshopKind from_string<WorkshopKind>(std::string_view key) {
  return parse(workshop_kind_names, key, "workshop kind");
}
template <>
InsightStatus from_string<InsightStatus>(std::string_view key) {
  return parse(insight_status_names, key, "insight status");
}
template <>
TestOutcome from_string<TestOutcome>(std::string_view key) {
  return parse(test_outcome_names, key, "test outcome");
}

bool Challenge::is_written() const noexcept {
  const auto filled = [](const std::string& s) { return !detail::trim(s).empty(); };
  return filled(purpose) && filled(for_whom) && filled(do_what) && filled(how);
}

std::vector<std::string> Challenge::solution_words() const {
  // Words that name a technical or organisational solution in sv/no/da/en. A challenge written at
  // the Frame step should describe a need, not a fix, so these are worth a second look.
  static const std::array<std::string_view, 30> solution_terms{
      "app",        "appen",     "apper",    "appar",       "applikation", "applikasjon", "plattform",
      "platform",   "portal",    "portalen", "system",      "systemet",    "chatbot",     "chattbot",
      "webbplats",  "nettside",  "nettsted", "hjemmeside",  "hemsida",     "website",     "sensor",
      "sensorer",   "dashboard", "ai",       "blockchain",  "blokkjede",   "kiosk",       "robot",
      "software",   "programvara"};
  std::vector<std::string> found;
  for (const std::string* field : {&purpose, &for_whom, &do_what, &how}) {
    for (const auto& word : detail::words(*field)) {
      const std::string lowered = detail::ascii_lower(word);
      if (std::find(solution_terms.begin(), solution_terms.end(), lowered) != solution_terms.end() &&
          std::find(found.begin(), found.end(), lowered) == found.end()) {
        found.push_back(lowered);
      }
    }
  }
  return found;
}

namespace {

// Whether `text` already starts with one of `words` (as a whole word, any case of the first letter): notes
// written in Swedish, Norwegian or Danish carry their own "behöver"/"trenger"/"fordi", and the statement
// must not read "needs trenger … because fordi …".
bool starts_with_word(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words) {
    if (text.size() < word.size()) continue;
    const bool same_first = text[0] == word[0] || text[0] == word[0] - ('a' - 'A');
    if (!same_first || text.substr(1, word.size() - 1) != word.substr(1)) continue;
    if (text.size() == word.size() || text[word.size()] == ' ') return true;
  }
  return false;
}

}  // namespace

std::string Insight::statement() const {
  const bool has_verb = starts_with_word(what, {"needs", "need", "behöver", "trenger", "trænger", "har brug for"});
  const bool has_because = starts_with_word(why, {"because", "since", "eftersom", "för att", "fordi", "fordi at", "da"});
  return who + (has_verb ? " " : " needs ") + what + (has_because ? " " : " because ") + why;
}

std::string attribute_value(const Person& person, std::string_view attribute) {
  const std::string wanted = detail::ascii_lower(std::string(attribute));
  for (const auto& [key, value] : person.attributes) {
    if (detail::ascii_lower(key) == wanted) {
      std::string trimmed = detail::trim(value);
      if (!trimmed.empty()) return trimmed;
    }
  }
  if (wanted == "segment") return person.segment;
  return {};
}

}  // namespace servicedesign::process
