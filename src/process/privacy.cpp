// The public edition of a project: what may be published without leaking personal data.
#include <algorithm>
#include <map>
#include <set>

#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

// Replaces names in free text. Every full name and every part of a name (first or last name, three
// letters or more) is replaced where it stands as a whole word, longest first, so "Anna Berg",
// "Anna" and "Berg" all disappear.
class NameScrubber {
 public:
  void add(const std::string& name, const std::string& replacement) {
    const std::string full = detail::trim(name);
    if (full.empty()) return;
    add_term(full, replacement);
    for (const auto& part : detail::words(full)) {
      if (part.size() >= 3) add_term(part, replacement);
    }
  }

  [[nodiscard]] std::string scrub(const std::string& text) const {
    std::string out = text;
    for (const auto& [term, replacement] : terms_) {
      const std::string lowered_term = detail::ascii_lower(term);
      std::size_t pos = 0;
      while (true) {
        const std::string lowered = detail::ascii_lower(out);
        pos = lowered.find(lowered_term, pos);
        if (pos == std::string::npos) break;
        const bool starts_word = pos == 0 || !detail::is_word_byte(out[pos - 1]);
        const std::size_t end = pos + term.size();
        const bool ends_word = end >= out.size() || !detail::is_word_byte(out[end]);
        if (starts_word && ends_word) {
          out.replace(pos, term.size(), replacement);
          pos += replacement.size();
        } else {
          pos = end;
        }
      }
    }
    return out;
  }

 private:
  void add_term(const std::string& term, const std::string& replacement) {
    if (std::none_of(terms_.begin(), terms_.end(), [&](const auto& t) { return detail::ascii_lower(t.first) == detail::ascii_lower(term); })) {
      terms_.emplace_back(term, replacement);
      std::stable_sort(terms_.begin(), terms_.end(),
                       [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    }
  }
  std::vector<std::pair<std::string, std::string>> terms_;
};

std::string numbered(std::string_view prefix, std::size_t n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return std::string(prefix) + digits;
}

}  // namespace

Project Project::public_edition() const {
  Project out = *this;
  out.public_edition_ = true;

  // Pseudonyms: persons get fresh ids so that ids such as e-mail addresses do not leak either.
  std::map<std::string, std::string> person_alias;
  std::map<std::string, std::string> household_alias;
  NameScrubber scrubber;
  for (std::size_t i = 0; i < persons_.items.size(); ++i) {
    const Person& p = persons_.items[i];
    person_alias[p.id] = numbered("person-", i + 1);
    scrubber.add(p.name, "[" + person_alias[p.id] + "]");
    scrubber.add(p.id, "[" + person_alias[p.id] + "]");
    if (!p.household.empty() && !household_alias.count(p.household)) {
      household_alias[p.household] = numbered("household-", household_alias.size() + 1);
    }
  }
  std::map<std::string, std::string> facilitator_alias;
  for (const auto& w : workshops_.items) {
    for (const auto& f : w.facilitators) {
      if (!facilitator_alias.count(f.name)) {
        facilitator_alias[f.name] = numbered("facilitator-", facilitator_alias.size() + 1);
        scrubber.add(f.name, "[" + facilitator_alias[f.name] + "]");
      }
    }
  }
  std::map<std::string, std::string> decider_alias;
  for (const auto& d : decisions_) {
    if (!decider_alias.count(d.who)) {
      decider_alias[d.who] = numbered("decision-maker-", decider_alias.size() + 1);
      scrubber.add(d.who, "[" + decider_alias[d.who] + "]");
    }
  }
  if (!owner_.empty()) scrubber.add(owner_, "[owner]");

  const auto alias_of = [&](const std::string& person_id) {
    return person_id.empty() ? person_id : person_alias.at(person_id);
  };

  out.name_ = scrubber.scrub(name_);
  out.owner_ = owner_.empty() ? "" : "[owner]";
  for (std::string* field : {&out.challenge_.purpose, &out.challenge_.for_whom, &out.challenge_.do_what,
                             &out.challenge_.how, &out.challenge_.goal}) {
    *field = scrubber.scrub(*field);
  }
  for (auto& p : out.persons_.items) {
    p.id = alias_of(p.id);
    p.name.clear();
    if (!p.household.empty()) p.household = household_alias.at(p.household);
    for (auto& [key, value] : p.attributes) value = scrubber.scrub(value);
  }
  for (auto& w : out.workshops_.items) {
    for (auto& f : w.facilitators) f.name = facilitator_alias.at(f.name);
  }
  for (auto& n : out.notes_.items) {
    n.person_id = alias_of(n.person_id);
    if (n.kind == NoteKind::quote && n.consent != Consent::public_) {
      n.text = "[quote withheld: no consent to publish]";
    } else {
      n.text = scrubber.scrub(n.text);
    }
    for (auto& tag : n.tags) tag = scrubber.scrub(tag);
  }
  for (auto& need : out.needs_.items) {
    need.title = scrubber.scrub(need.title);
    need.description = scrubber.scrub(need.description);
  }
  for (auto& arena : out.arenas_.items) {
    arena.name = scrubber.scrub(arena.name);
    arena.host = scrubber.scrub(arena.host);
  }
  for (auto& i : out.insights_.items) {
    i.who = scrubber.scrub(i.who);
    i.what = scrubber.scrub(i.what);
    i.why = scrubber.scrub(i.why);
  }
  for (auto& o : out.opportunities_.items) o.how_might_we = scrubber.scrub(o.how_might_we);
  for (auto& idea : out.ideas_.items) {
    idea.title = scrubber.scrub(idea.title);
    idea.description = scrubber.scrub(idea.description);
  }
  for (auto& t : out.tests_.items) {
    t.plan = scrubber.scrub(t.plan);
    for (auto& id : t.tester_ids) id = alias_of(id);
  }
  for (auto& g : out.groups_.items) {
    g.name = scrubber.scrub(g.name);
    for (auto& id : g.member_ids) id = alias_of(id);
    g.lead_id = alias_of(g.lead_id);
  }
  for (auto& d : out.decisions_) {
    d.who = decider_alias.at(d.who);
    d.rationale = scrubber.scrub(d.rationale);
    for (auto& id : d.evidence) {
      if (person_alias.count(id)) id = person_alias.at(id);
    }
  }
  out.rebuild_indexes();
  return out;
}

}  // namespace servicedesign::process
