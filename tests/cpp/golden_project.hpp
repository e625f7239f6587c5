// The projects behind the golden archives in tests/golden/: every kind of entity, a decision log with a
// back-step and a gate override, a custom gate, Nordic letters, quotes and line breaks inside texts;
// version 2 adds the working groups' tracks. Fully deterministic (fixed dates, no clock), so that
// write_golden_archives and the tests that load the committed files build exactly the same project.
// Change them only together with new golden files.
#pragma once

#include "builders.hpp"
#include "servicedesign/process/gates.hpp"
#include "servicedesign/process/project.hpp"

namespace servicedesign::testing {

// The project of tests/golden/project_v1.*, written before projects had tracks.
inline sp::Project make_golden_project_v1() {
  using sp::Consent;
  using sp::CriterionKind;
  using sp::InsightStatus;
  using sp::NoteKind;
  using sp::TestOutcome;
  using sp::WorkshopKind;

  sp::Project p("Kulturell infrastruktur i Sörmland – \"Mötesplatser\"", sp::ProcessModel::skr());
  // Written without a goal first, so that leaving Frame needs an override.
  p.set_challenge(make_challenge("Vi vill förstå vad fria kulturaktörer behöver", "kulturskapare, gallerier och föreningar",
                                 "hitta stöd, samverkan och platser att mötas", "tillsammans med dem", ""));

  p.add_segment(make_segment("independent", "Fria kulturaktörer"));
  p.add_segment(make_segment("municipal", "Kommunal och regional personal"));
  p.add_segment(make_segment("youth", "Unga \"kreatörer\"", false));

  p.add_need(make_need("ND-support", "Stödstrukturer", "Rådgivning, bidrag\noch nätverk"));
  p.add_need(make_need("ND-collab", "Samverkan", "Mellan kommuner & regionen"));
  p.add_need(make_need("", "Mötesplatser"));  // generated id

  p.add_person(make_person("P-anna", "Anna Ekström", "independent", Consent::public_,
                           {{"sector", "independent"}, {"art_form", "bild"}, {"municipality", "Eskilstuna"}}, "hh-1"));
  p.add_person(make_person("P-bjorn", "Bjørn Æsøy", "municipal", Consent::internal,
                           {{"sector", "municipal"}, {"municipality", "Katrineholm"}}, "hh-2"));
  p.add_person(make_person("P-cia", "Cia Öberg", "independent", Consent::none, {{"sector", "independent"}}, "hh-1"));
  p.add_person(make_person("", "", "municipal"));  // generated id, no name

  p.add_arena(make_arena("A-lib", "Stadsbiblioteket \"Eskilstuna\"", {"independent", "municipal"}, true,
                         "Eskilstuna kommun"));
  p.add_arena(make_arena("A-pop", "Tillfällig mötesplats på torget", {"independent", "youth"}, false));

  p.add_workshop(make_workshop("W1", "A-lib", "2026-02-03", WorkshopKind::problem_workshop,
                               {make_facilitator("Lena Sjöberg", true), make_facilitator("Ola Nordmann", false)},
                               {"independent", "municipal"}));
  p.add_workshop(make_workshop("W2", "A-pop", "2026-02-10", WorkshopKind::interview, {make_facilitator("Lena Sjöberg", true)},
                               {"independent"}));

  sp::Note quote = make_note("N1", "W1", "independent", "”Vi behöver en plats att ses”, sa hon.\nOch \"mer tid\".",
                             NoteKind::quote, "P-anna", Consent::public_);
  quote.language = "sv";
  quote.tags = {"mötesplats", "tid"};
  p.record_note(quote);
  p.record_note(make_note("N2", "W1", "municipal", "Vi vet inte vem som gör vad\r\nmellan förvaltningarna"));
  p.record_note(make_note("N3", "W1", "independent", "Bygg en app för bokning!", NoteKind::idea));
  sp::Note norwegian = make_note("N4", "W2", "independent", "Møteplassen er for liten – æøå ÆØÅ", NoteKind::observation,
                                 "P-bjorn", Consent::public_);  // capped to internal by Bjørn's consent
  norwegian.language = "nb";
  p.record_note(norwegian);
  p.record_note(make_note("", "W2", "independent", "Tyst citat", NoteKind::quote, "P-cia", Consent::public_));

  p.add_insight(make_insight("I1", "ND-support", {"N1", "N4"}, InsightStatus::evidenced, "Fria kulturaktörer",
                             "en väg in till stödet", "de vet inte var de ska börja"));
  p.add_insight(make_insight("I2", "ND-collab", {"N2"}, InsightStatus::draft, "Kommunal personal",
                             "veta vem som gör vad", "ansvaret är \"utspritt\""));
  p.set_insight_status("I1", InsightStatus::reviewed);

  p.add_opportunity(make_opportunity("O1", "Hur kan vi göra stödet lätt att hitta?", {"I1"}, true));
  p.add_opportunity(make_opportunity("", "Hur kan vi samverka över gränserna?", {"I1", "I2"}));
  p.add_idea(make_idea("IDEA-cafe", "O1", "Kulturkafé", true, "En träffpunkt varannan vecka\nmed rådgivare"));
  p.add_idea(make_idea("", "", "Resurslista"));
  p.add_prototype_test(make_test("T1", "IDEA-cafe", {"P-anna", "P-bjorn"}, TestOutcome::iterate, "Rollspel med två aktörer"));
  p.add_working_group(make_group("G1", "ND-support", "Stödstrukturer – arbetsgrupp", {"P-anna", "P-bjorn", "P-cia"},
                                 {make_quota("sector", "independent", 6, 8), make_quota("sector", "municipal", 2, 4)},
                                 "P-anna"));

  // A custom gate for Explore: two focus areas and two workshops are enough in this pilot.
  p.set_gate("explore", {make_criterion("focus_areas", CriterionKind::min_focus_areas, 2, 0, "Två fokusområden"),
                         make_criterion("workshops", CriterionKind::min_workshops, 2, 0, "Två verkstäder hållna")});

  // Decision log: an override, forward moves, a back-step.
  p.advance(override_by("Eva Holm", "Målet skrivs i nästa steg", {}, "2026-01-15T09:00:00Z"));
  p.set_challenge(make_challenge(p.challenge().purpose, p.challenge().for_whom, p.challenge().do_what,
                                 p.challenge().how, "Tre prioriterade behov till hösten"));
  p.advance(move_by("Eva Holm", "Två behov med underlag", {"I1", "I2"}, "2026-02-20T14:30:00Z"));
  p.step_back("explore", move_by("Ola Nordmann", "Vi behöver fler intervjuer\n– kommunerna saknas", {"N2"}, "2026-02-27"));
  p.advance(move_by("Eva Holm", "Intervjuerna är gjorda", {"W2"}, "2026-03-06"));
  p.advance(move_by("Eva Holm", "Ett utvecklingsområde valt", {"O1"}, "2026-03-13"));
  p.set_owner("Region Sörmland, kulturenheten");
  return p;
}

// The project of tests/golden/project_v2.*: the version-1 project, a second working group, and each group
// running its own track (one with a back-step, an override, a prototype test and a pilot; one closed).
inline sp::Project make_golden_project() {
  using sp::TestOutcome;
  sp::Project p = make_golden_project_v1();
  sp::Need adopted = make_need("ND-themes", "Lokaler att mötas i", "mötesplats, lokal, tid");
  adopted.source_themes = {3, 7};  // adopted from theme 3 with theme 7 merged into it
  adopted.source_notes = {"N1", "N4"};
  p.add_need(adopted);
  p.add_working_group(make_group("G2", "ND-collab", "Samverkan – arbetsgrupp", {"P-bjorn"},
                                 {make_quota("sector", "municipal", 7, 9)}, ""));

  const sp::Track& first = p.start_track(make_track("G1", "TR1", "2026-09-01"));
  p.set_track_challenge(first.id, make_challenge("Vi vill att fria aktörer hittar stödet", "fria kulturaktörer",
                                                 "hitta rätt stöd i tid", "tillsammans med rådgivarna", "Halva tiden"));
  sp::Workshop ideation = make_workshop("W-TR1", "A-lib", "2026-09-08", sp::WorkshopKind::ideation,
                                        {make_facilitator("Lena Sjöberg", true)}, {"independent"});
  ideation.track_id = "TR1";
  p.add_workshop(ideation);
  p.advance(on_track(move_by("Anna Ekström", "Utmaningen är skriven", {}, "2026-09-02"), "TR1"));
  p.advance(on_track(override_by("Anna Ekström", "Insikterna räcker för en pilot", {}, "2026-09-20"), "TR1"));
  p.step_back("frame", on_track(move_by("Lena Sjöberg", "Utmaningen var för bred", {"I1"}, "2026-09-25"), "TR1"));
  sp::Opportunity stod = make_opportunity("O-TR1", "Hur kan vi samla stödet på ett ställe?", {"I1"}, true);
  stod.track_id = "TR1";
  p.add_opportunity(stod);
  p.add_idea(make_idea("IDEA-TR1", "O-TR1", "Stödlots", true, "En person som lotsar"));  // the opportunity's track
  p.add_prototype_test(make_test("T-TR1", "IDEA-TR1", {"P-anna"}, TestOutcome::pilot, "Två veckor i skarpt läge"));

  const sp::Track& second = p.start_track(make_track("G2", "", "2027-01-15"));  // generated id
  p.close_track(second.id, move_by("Eva Holm", "Gruppen slogs ihop med G1", {}, "2027-02-01"));
  return p;
}

/// The project of class version 3: version 2's, after one person withdrew (a tombstone and the log of erasures).
inline sp::Project make_golden_project_v3() {
  sp::Project p = make_golden_project();
  sp::erase_person(p, "P-cia", {.reason = "återkallade sitt samtycke", .date = "2027-03-01", .today = "2027-03-01"});
  return p;
}

}  // namespace servicedesign::testing
