/// @file
/// The one privacy rule: what of a note may be shown to whom. Used by the public edition, the needs'
/// evidence and every report, so that they never disagree.
///
/// The words of a note may be shown to an audience when the note's consent, capped by its author's, reaches
/// the audience: `public` consent to everyone, `internal` consent to the project team and the working
/// groups (who work on the project's behalf), no consent to nobody — such a note only counts, anonymously.
/// The rule is the same for every kind of note: a paraphrase or an observation can reveal a person as a
/// quote can. Who said a note (the person id) is shown to the project team only.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// for (const Note& note : project.notes())
///   std::cout << shown_text(project, note, Audience::public_) << '\n';   // "[withheld: …]" without public consent
/// @endcode
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "servicedesign/process/entities.hpp"

namespace servicedesign::process {

class Project;

/// Who sees what is shown.
enum class Audience : std::uint8_t {
  internal,       ///< The project team.
  working_group,  ///< A working group, members from outside the team included.
  public_,        ///< Anyone: public reports and the public edition ("public").
};

/// Key of an audience: `"internal"`, `"working_group"` or `"public"`; from_string<Audience>() parses it.
[[nodiscard]] std::string_view to_string(Audience audience) noexcept;

/// The consent a note's words carry: its own, capped by its author's (a note never shares more than the
/// person who said it allows).
[[nodiscard]] Consent effective_consent(Consent note, Consent author) noexcept;

/// The consent of a note of `project`, capped by its author's when it has one.
[[nodiscard]] Consent effective_consent(const Project& project, const Note& note);

/// True when words with consent `consent` may be shown to `audience`.
[[nodiscard]] bool may_show(Consent consent, Audience audience) noexcept;

/// True when who said a note (the person id) may be shown to `audience`: to the project team only.
[[nodiscard]] bool may_show_author(Audience audience) noexcept;

/// The note's text as `audience` may see it: the text, or a marker saying it is withheld and why.
[[nodiscard]] std::string shown_text(const Project& project, const Note& note, Audience audience);

}  // namespace servicedesign::process
