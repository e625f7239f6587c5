// Privacy: the one rule of what of a note may be shown to whom, and the public edition built on it.
#include "servicedesign/process/privacy.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "enum_names.hpp"
#include "free_text.hpp"
#include "name_scrubber.hpp"
#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

constexpr detail::NameTable<Audience, 3> audience_names{{{Audience::internal, "internal"},
                                                         {Audience::working_group, "working_group"},
                                                         {Audience::public_, "public"}}};

}  // namespace

std::string_view to_string(Audience audience) noexcept { return detail::name_of(audience_names, audience); }

template <>
Audience from_string<Audience>(std::string_view key) {
  return detail::parse(audience_names, key, "audience");
}

Consent effective_consent(Consent note, Consent author) noexcept { return std::min(note, author); }

Consent effective_consent(const Project& project, const Note& note) {
  if (note.person_id.empty()) return note.consent;
  return effective_consent(note.consent, project.person(note.person_id).consent);
}

bool may_show(Consent consent, Audience audience) noexcept {
  switch (consent) {
    case Consent::none: return false;
    case Consent::internal: return audience != Audience::public_;
    case Consent::public_: return true;
  }
  return false;
}

bool may_show_author(Audience audience) noexcept { return audience == Audience::internal; }

std::string shown_text(const Project& project, const Note& note, Audience audience) {
  const Consent consent = effective_consent(project, note);
  if (may_show(consent, audience)) return note.text;
  return consent == Consent::none ? "[withheld: no consent to show these words]"
                                  : "[withheld: no consent to publish]";
}

namespace {

using detail::NameScrubber;

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
  std::vector<Track*> all_tracks{&out.phase_};
  for (auto& t : out.tracks_.items) all_tracks.push_back(&t);
  for (const Track* t : all_tracks) {
    for (const auto& d : t->decisions) {
      if (!decider_alias.count(d.who)) {
        decider_alias[d.who] = numbered("decision-maker-", decider_alias.size() + 1);
        scrubber.add(d.who, "[" + decider_alias[d.who] + "]");
      }
    }
  }
  if (!owner_.empty()) scrubber.add(owner_, "[owner]");

  const auto alias_of = [&](const std::string& person_id) {
    return person_id.empty() ? person_id : person_alias.at(person_id);
  };

  out.owner_ = owner_.empty() ? "" : "[owner]";
  visit_free_text(out, [&](std::string_view, std::string_view, std::string& text) { text = scrubber.scrub(text); });
  for (auto& p : out.persons_.items) {
    p.id = alias_of(p.id);
    p.name.clear();
    if (!p.household.empty()) p.household = household_alias.at(p.household);
  }
  for (auto& w : out.workshops_.items) {
    for (auto& f : w.facilitators) f.name = facilitator_alias.at(f.name);
  }
  for (auto& n : out.notes_.items) {
    // The one rule, judged before the author is renamed: no public consent, no words in public.
    n.text = may_show(effective_consent(*this, n), Audience::public_) ? scrubber.scrub(n.text)
                                                                      : shown_text(*this, n, Audience::public_);
    n.person_id = alias_of(n.person_id);
  }
  for (auto& t : out.tests_.items) {
    for (auto& id : t.tester_ids) id = alias_of(id);
  }
  for (auto& g : out.groups_.items) {
    for (auto& id : g.member_ids) id = alias_of(id);
    g.lead_id = alias_of(g.lead_id);
  }
  for (auto& e : out.erasures_) {
    if (person_alias.count(e.id)) e.id = person_alias.at(e.id);  // the tombstone's record got a pseudonym too
    e.reason = scrubber.scrub(e.reason);
  }
  for (Track* t : all_tracks) {
    for (auto& d : t->decisions) {
      d.who = decider_alias.at(d.who);
      for (auto& id : d.evidence) {
        if (person_alias.count(id)) id = person_alias.at(id);
      }
    }
  }
  out.rebuild_indexes();
  return out;
}

}  // namespace servicedesign::process
