from pathlib import Path

import pytest

import servicedesign as sd

REPO = Path(__file__).resolve().parents[2]
STORVIK = REPO / "examples" / "data" / "storvik"

# Twelve Swedish notes on three topics (bus, library, snow clearing), four each, and their topics.
NOTES = [
    "Bussen kommer för sent till hållplatsen", "Bussen går sällan på kvällen",
    "Hållplatsen saknar tidtabell för bussen", "Bussen var full och kom sent",
    "Biblioteket har för korta öppettider", "Öppettiderna på biblioteket passar inte",
    "Biblioteket borde ha öppet på söndagar", "Bra böcker på biblioteket men korta öppettider",
    "Snöröjningen på gångvägen är dålig", "Gångvägen plogas för sent efter snöfall",
    "Ingen snöröjning vid skolan", "Snöröjningen glömmer cykelvägen och gångvägen",
]
TOPIC = [0] * 4 + [1] * 4 + [2] * 4


@pytest.fixture
def storvik():
    """The bundled example project, moved to Explore as the demo does."""
    project = sd.process.Project.import_csv(STORVIK)
    project.advance(who="Eva", rationale="Utfordringen er skrevet", when="2026-02-01")
    return project


@pytest.fixture
def small():
    """A tiny project with two segments, one arena, one workshop and two notes."""
    p = sd.process.Project("Liten test")
    p.challenge = sd.process.Challenge("Vi vill förstå", "kulturaktörer", "hitta stöd", "tillsammans", "Tre behov")
    p.add_segment(sd.process.Segment("artists", "Kulturskapare"))
    p.add_segment(sd.process.Segment("staff", "Tjänstepersoner"))
    p.add_arena(sd.process.Arena("Kulturhuset", ["artists", "staff"], id="A1"))
    p.add_workshop(sd.process.Workshop("A1", "2026-02-10", segments_present=["artists", "staff"], id="W1"))
    p.record_note(sd.process.Note("Svårt att hitta lokaler", "W1", "artists", id="N1"))
    p.record_note(sd.process.Note("Ingen äger lokalbokningen", "W1", "staff", id="N2"))
    return p
