from pathlib import Path

import pytest

import servicedesign as sd

REPO = Path(__file__).resolve().parents[2]
STORVIK = REPO / "examples" / "data" / "storvik"


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
