import copy
import pickle

import pytest

import servicedesign as sd
from servicedesign import process as sp


def test_version_matches_cmake_project_version():
    import re
    from pathlib import Path

    cmake = (Path(__file__).resolve().parents[2] / "CMakeLists.txt").read_text()
    assert re.search(r"project\(servicedesign VERSION ([0-9.]+)", cmake).group(1) == sd.__version__


def test_error_hierarchy_has_builtin_bases():
    assert issubclass(sd.InvalidInputError, sd.Error) and issubclass(sd.InvalidInputError, ValueError)
    assert issubclass(sd.NotFoundError, sd.InvalidInputError) and issubclass(sd.NotFoundError, LookupError)
    assert issubclass(sd.StateError, RuntimeError)
    assert issubclass(sd.IoError, OSError)
    assert issubclass(sd.VersionError, sd.FormatError) and issubclass(sd.FormatError, ValueError)


def test_storvik_import_counts_and_gate(storvik):
    assert len(storvik.notes) == 125
    assert len(storvik.workshops) == 10
    assert storvik.current_step.key == "explore"
    unmet = {u.criterion_id: u.explanation for u in storvik.check_gate()}
    assert list(unmet) == ["every_group_heard"]
    assert "disabled" in unmet["every_group_heard"]


def test_forbidden_move_raises_and_changes_nothing(storvik):
    before = copy.copy(storvik)
    with pytest.raises(sd.StateError, match="every_group_heard"):
        storvik.advance(who="Eva", rationale="")
    with pytest.raises(sd.StateError, match="not a back-step"):
        storvik.step_back("frame", who="Eva", rationale="tilbake")  # explore -> frame is not listed
    assert storvik == before
    assert len(storvik.decisions) == 1


def test_override_is_logged_then_back_step_needs_reason(storvik):
    decision = storvik.advance(who="Eva", rationale="Vi når de funksjonshemmede senere", override_gate=True,
                               when="2026-05-01")
    assert decision.overridden_criteria == ["every_group_heard"]
    assert storvik.current_step.key == "focus"
    with pytest.raises(sd.InvalidInputError, match="reason"):
        storvik.step_back("explore", who="Eva", rationale="  ")
    back = storvik.step_back("explore", who="Eva", rationale="Vi trenger flere intervjuer", evidence=["N001"],
                             when="2026-05-02")
    assert (back.kind, back.from_step, back.to_step, back.evidence) == ("back_step", "focus", "explore", ["N001"])
    frame = storvik.decisions_frame()
    assert list(frame.index) == [1, 2, 3]
    assert frame.loc[2, "overridden_criteria"] == ["every_group_heard"]


def test_unknown_reference_names_the_field(small):
    with pytest.raises(sd.NotFoundError, match="field 'workshop'.*W9"):
        small.record_note(sp.Note("x", "W9", "artists"))
    with pytest.raises(sd.InvalidInputError, match="date"):
        small.add_workshop(sp.Workshop("A1", "2026-02-30"))


def test_enums_accept_strings_and_reject_unknown_keys(small):
    note = small.record_note(sp.Note("«Vi har ingenstans att vara»", "W1", "artists", kind="quote", consent="public"))
    assert note.kind == sp.NoteKind.quote and str(note.consent) == "public"
    note.kind = "idea"  # fields accept keys too
    assert note.kind == sp.NoteKind.idea
    with pytest.raises(sd.InvalidInputError, match="accepted: quote, observation, problem, idea"):
        sp.Note("x", "W1", "artists", kind="rumour")


def test_notes_frame_keeps_ids_and_coverage_frame_shows_zeros(storvik):
    notes = storvik.notes_frame()
    assert notes.index.name == "id" and notes.shape[0] == 125
    assert notes.loc["N001", "workshop"] == "W01"
    coverage = storvik.coverage_frame()
    assert coverage.loc["ND06"].sum() == 0  # a need with no evidence still appears
    assert coverage["disabled"].sum() == 0
    total = sum(c.notes for c in storvik.evidence_coverage().cells)
    assert coverage.to_numpy().sum() == total
    by_arena = storvik.coverage_frame(by="arena")
    assert by_arena.to_numpy().sum() == total
    with pytest.raises(ValueError):
        storvik.coverage_frame(by="colour")


def test_arena_plan_covers_every_reachable_target(storvik):
    plan = storvik.plan_arenas()
    reached = {s for a in plan.arena_ids for s in storvik.arena(a).segments}
    assert plan.exact
    assert set(storvik.target_segments) - reached == set(plan.uncovered_segments) == {"disabled"}
    assert all(storvik.arena(a).existing for a in plan.arena_ids)


@pytest.mark.parametrize("fmt", ["text", "xml", "binary"])
def test_save_load_round_trip(storvik, tmp_path, fmt):
    path = tmp_path / f"storvik.{fmt}"
    storvik.save(path, format=fmt)
    assert sp.Project.load(path) == storvik
    assert not [p for p in tmp_path.iterdir() if ".tmp." in p.name]


def test_corrupted_and_truncated_archives_raise_format_error(storvik, tmp_path):
    path = tmp_path / "p.sdproj"
    storvik.save(path)
    data = path.read_bytes()
    path.write_bytes(data[:-10])
    with pytest.raises(sd.FormatError, match="truncated"):
        sp.Project.load(path)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(flipped))
    with pytest.raises(sd.FormatError, match="checksum"):
        sp.Project.load(path)
    with pytest.raises(sd.IoError):
        sp.Project.load(tmp_path / "missing.sdproj")


def test_pickle_and_copy_round_trip(storvik):
    assert pickle.loads(pickle.dumps(storvik)) == storvik
    clone = copy.deepcopy(storvik)
    clone.advance(who="x", rationale="y", override_gate=True)
    assert clone != storvik  # a deep copy is independent


def test_public_edition_leaks_no_names_and_no_unconsented_quotes(storvik, tmp_path):
    public = storvik.public_edition()
    path = tmp_path / "public.sdproj"
    public.save(path)
    text = path.read_text(encoding="utf-8")
    for person in storvik.persons:
        for part in person.name.split():
            if len(part) >= 3:
                assert part not in text, part
    withheld = [n for n in storvik.notes if not sd.process.may_show(sd.process.effective_consent(storvik, n), "public")]
    assert withheld and {str(n.kind) for n in withheld} > {"quote"}  # the rule is the same for every kind
    for note in withheld:
        assert public.note(note.id).text == sd.process.shown_text(storvik, note, "public")
        assert public.note(note.id).text.startswith("[withheld")
        if len(note.text) > 20:  # short fillers such as "vet ikke" may also stand in publishable notes
            assert note.text not in text
    assert public.is_public_edition


def test_repr_html_mentions_current_step_and_gaps(storvik):
    page = storvik._repr_html_()
    assert "Undersöka" in page and "disabled" in page
