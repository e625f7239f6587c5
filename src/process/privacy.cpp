// Privacy: the one rule of what of a note may be shown to whom, and the public edition built on it.
#include "servicedesign/process/privacy.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "enum_names.hpp"
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

// The character starting at byte `i` of UTF-8 text; a space for a malformed sequence (a word boundary).
char32_t code_point_at(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return lead;
  const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return U' ';
  char32_t cp = lead & (0x7FU >> len);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
  return cp;
}

// True for a character that belongs to a word: an ASCII letter or digit, or a non-ASCII letter. The common
// non-ASCII punctuation and symbols (« » ” ’ – — … and the like) separate words, as ASCII punctuation does.
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return detail::is_word_byte(static_cast<char>(cp));
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation and symbols, × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // general punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFF0F) return false;           // compatibility and full-width punctuation
  return cp < 0x1F000;                                       // emoji and other pictographs separate words
}

// True when a word ends at byte `end`: the text ends, a non-word character follows, or a Nordic genitive
// "s" follows and then the word ends ("Annas förslag" names Anna).
bool word_ends_at(std::string_view s, std::size_t end) {
  if (end >= s.size() || !is_word_char(code_point_at(s, end))) return true;
  return (s[end] == 's' || s[end] == 'S') && (end + 1 >= s.size() || !is_word_char(code_point_at(s, end + 1)));
}

// True when a word starts at byte `pos`: the text starts there or the character before is not a word character.
bool word_starts_at(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
  return !is_word_char(code_point_at(s, start));
}

// Replaces names in free text. Every full name and every part of a name (first or last name, three
// letters or more) is replaced where it stands as a whole word (also in the genitive, "Annas"),
// longest first, so "Anna Berg", "Anna" and "Berg" all disappear.
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
        const std::size_t end = pos + term.size();
        if (word_starts_at(out, pos) && word_ends_at(out, end)) {
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

  out.name_ = scrubber.scrub(name_);
  out.owner_ = owner_.empty() ? "" : "[owner]";
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
    // The one rule, judged before the author is renamed: no public consent, no words in public.
    n.text = may_show(effective_consent(*this, n), Audience::public_) ? scrubber.scrub(n.text)
                                                                      : shown_text(*this, n, Audience::public_);
    n.person_id = alias_of(n.person_id);
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
  for (Track* t : all_tracks) {
    for (std::string* field : {&t->challenge.purpose, &t->challenge.for_whom, &t->challenge.do_what, &t->challenge.how,
                               &t->challenge.goal}) {
      *field = scrubber.scrub(*field);
    }
    for (auto& gate : t->gates) {
      for (auto& criterion : gate) criterion.description = scrubber.scrub(criterion.description);
    }
    for (auto& d : t->decisions) {
      d.who = decider_alias.at(d.who);
      d.rationale = scrubber.scrub(d.rationale);
      for (auto& id : d.evidence) {
        if (person_alias.count(id)) id = person_alias.at(id);
      }
    }
  }
  out.rebuild_indexes();
  return out;
}

}  // namespace servicedesign::process
