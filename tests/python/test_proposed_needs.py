"""Themes -> needs from Python: conversions, types and errors (the rules are tested in C++)."""

from pathlib import Path

import pytest

import servicedesign as sd
from servicedesign.demo import example_data_dir


@pytest.fixture(scope="module")
def project():
    return sd.process.Project.import_csv(Path(example_data_dir()))


@pytest.fixture(scope="module")
def themes(project):
    return sd.insights.Themes(seed=7).fit(project.notes_frame()["text"])


def test_one_proposal_per_theme_traced_to_note_ids(project, themes):
    needs = sd.process.propose_needs(project, themes)
    assert len(needs) == themes.n_themes_
    assert all(isinstance(n, sd.process.ProposedNeed) for n in needs)
    ids = set(sd.process.note_ids(project))
    seen = [i for n in needs for i in n.note_ids]
    assert len(seen) == len(set(seen)) == int((themes.labels_ >= 0).sum())
    assert set(seen) <= ids
    first = needs[0]
    assert isinstance(first.theme, int) and isinstance(first.title, str) and first.title
    assert isinstance(first.keywords, list) and isinstance(first.segments, list) and first.copies >= 0
    assert "ProposedNeed(theme=" in repr(first)
    # The C++ model itself is taken too, and gives the same proposals.
    assert sd.process.propose_needs(project, themes._model) == needs


def test_proposals_become_rankable_needs(project, themes):
    proposals = sd.process.propose_needs(project, themes)
    needs = sd.priorities.needs_from_proposals(project, proposals)
    assert [n.id for n in needs] == [f"T{p.theme}" for p in proposals]
    assert [n.title for n in needs] == [p.title for p in proposals]
    assert sd.priorities.evidence_criteria(needs).shape[0] == len(needs)


def test_misuse_is_named(project):
    with pytest.raises(sd.InvalidInputError, match="fitted servicedesign.insights.Themes"):
        sd.process.propose_needs(project, sd.insights.Themes())
    keyed_by_text = sd.insights.Themes(seed=7).fit(sd.process.note_texts(project))
    with pytest.raises(sd.InvalidInputError, match="is not a note of the project"):
        sd.process.propose_needs(project, keyed_by_text)


def test_reviewed_proposals_are_adopted_with_their_provenance(project, themes):
    proposals = sd.process.propose_needs(project, themes)
    adopted = sd.process.Project.__copy__(project)
    ids = sd.process.adopt_needs(adopted, proposals, [
        sd.process.NeedReview(proposals[0].theme, title="Digitale tjenester"),
        sd.process.NeedReview(proposals[2].theme, action="merge", into=proposals[1].theme),
        sd.process.NeedReview(proposals[3].theme, action="drop"),
    ])
    assert len(ids) == len(proposals) - 2 and all(isinstance(i, str) for i in ids)
    need = adopted.need(ids[0])
    assert need.title == "Digitale tjenester" and need.source_themes == [proposals[0].theme]
    assert need.source_notes == proposals[0].note_ids
    comparison = sd.process.compare_with_rerun(adopted, proposals)
    assert isinstance(comparison.needs[0], sd.process.NeedChange) and comparison.needs[0].overlap == 1.0
    with pytest.raises(sd.InvalidInputError, match="unknown review action .keep.; accepted: adopt, merge, drop"):
        sd.process.NeedReview(0, action="keep")
    with pytest.raises(sd.InvalidInputError, match="theme 999"):
        sd.process.adopt_needs(adopted, proposals, [sd.process.NeedReview(999, action="drop")])
