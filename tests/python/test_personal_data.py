"""Personal data from Python and the command line: erasure after the whole flow leaves no trace in any archive
format, the public edition, the priorities report or a pickled project; access and purge; bad input named with
nothing changed on disk; and a register that lists every field the bindings expose. The C++ tests
(tests/cpp/test_personal_data.cpp) check the rules themselves."""

import pickle
import re

import pytest

import servicedesign as sd
from servicedesign import process as P
from servicedesign.cli import main

ENTITIES = [P.Person, P.Note, P.Workshop, P.Facilitator, P.WorkingGroup, P.Quota, P.Need, P.Segment, P.Challenge,
            P.Arena, P.Insight, P.Opportunity, P.Idea, P.PrototypeTest, P.Decision, P.Track, P.GateCriterion, P.Erasure]
PYTHON_NAMES = {("Track", "current_step_index"): "current_step"}  # the one field Python names differently


def test_the_register_lists_every_field_the_bindings_expose():
    registered = {(f.entity, f.field): f for f in P.personal_fields()}
    kinds = {f.kind for f in registered.values()}
    assert kinds == {"identifier", "about_person", "person_reference", "own_words", "free_text", "not_personal"}
    for cls in ENTITIES:
        for name, member in vars(cls).items():
            if isinstance(member, property):
                field = PYTHON_NAMES.get((cls.__name__, name), name)
                assert (cls.__name__, field) in registered, f"{cls.__name__}.{name} is not in the register"
    assert registered[("Note", "text")].kind == "own_words"
    assert registered[("Person", "name")].kind == "identifier"


def flow():
    """The example after the whole flow: themes, adopted needs, two groups filled by selection, a ranking."""
    project = P.Project.import_csv(sd.examples.path("storvik"))
    themes = sd.insights.Themes(seed=2026).fit(project.notes_frame()["text"], progress=False)
    ids = P.adopt_needs(project, P.propose_needs(project, themes))
    groups = [project.add_working_group(P.WorkingGroup(need, f"Gruppe {n}", quotas=[P.Quota("sector", value, 3, 8)])).id
              for n, (need, value) in enumerate(zip(ids, ("municipal", "independent")))]
    P.assign_members(project, P.select_working_groups(project, groups=groups, seed=4, progress=False))
    flow.themes = themes
    return project, groups


def most_noted_member(project, groups):
    counts = {m: sum(n.person_id == m for n in project.notes) for g in groups for m in project.working_group(g).member_ids}
    return max(counts, key=counts.get)


def runs_of(project, person_id, length=5):
    """Runs of five words of the person's notes that no other note holds: what must not survive."""
    others = [n.text for n in project.notes if n.person_id != person_id]
    runs = []
    for note in project.notes:
        if note.person_id == person_id:
            words = note.text.split()
            for i in range(max(1, len(words) - length + 1)):
                run = " ".join(words[i:i + length])
                if not any(run in text for text in others):
                    runs.append(run)
    return runs


def assert_no_trace(data: bytes, name, person_id: str, runs: list, where: str):
    text = data.decode("utf-8", "replace")
    assert name is None or name not in text, f"the name is in {where}"
    assert not re.search(rf"(?<![\w-]){re.escape(person_id)}(?![\w-])", text), f"the id is in {where}"
    for run in runs:
        assert run not in text, f"{run!r} is in {where}"


def test_erasure_after_the_whole_flow_leaves_no_trace(tmp_path):
    project, groups = flow()
    person_id = most_noted_member(project, groups)
    person = project.person(person_id)
    project.advance(who="Eva", rationale=f"Innspillene fra {person.name} avgjorde saken", evidence=[person_id],
                    when="2026-03-01")
    runs = runs_of(project, person_id)
    assert runs
    said = [n.id for n in project.notes if n.person_id == person_id]
    report = project.erase_person(person_id, reason="trakk samtykket", date="2026-12-01")
    # The theme model forgets the removed notes; a refit on the erased notes drops mentions in others' notes.
    themes = flow.themes.forget(said, progress=False)
    assert not set(said) & set(themes.keys_)
    assert_no_trace(pickle.dumps(themes), None, person_id, runs, "the pickled theme model")  # others' notes may name them
    refit = sd.insights.Themes(seed=2026).fit(project.notes_frame()["text"], previous=themes, progress=False)
    assert_no_trace(pickle.dumps(refit), person.name, person_id, runs, "the refitted theme model")
    assert isinstance(report, P.ErasureReport) and report.erasure.what == "person"
    assert report.erasure.notes_removed > 0
    for fmt in ("text", "xml", "binary"):
        path = tmp_path / f"erased.{fmt}"
        project.save(path, format=fmt)
        assert_no_trace(path.read_bytes(), person.name, person_id, runs, f"the {fmt} archive")
        assert P.Project.load(path) == project
    assert_no_trace(pickle.dumps(project), person.name, person_id, runs, "a pickle")
    public = tmp_path / "public.sdproj"
    project.public_edition().save(public)
    assert_no_trace(public.read_bytes(), person.name, person_id, runs, "the public edition")
    ranked = sd.priorities.Prioritisation.from_project(project, seed=1)
    for audience in ("internal", "public"):
        assert_no_trace(ranked.report(audience=audience).encode(), person.name, person_id, runs, f"the {audience} report")
    # Tombstones: a seat in the same group, the log entry, the decision naming the tombstone.
    tombstone = report.erasure.id
    assert project.erasures == [report.erasure] and project.erasure(tombstone) == report.erasure
    assert sum(tombstone in project.working_group(g).member_ids for g in groups) == 1
    assert project.decisions[-1].evidence == [tombstone]
    assert "a participant, erased on 2026-12-01: trakk samtykket" in project.decisions[-1].rationale


def test_access_report_as_json_and_markdown():
    import json

    project = P.Project.import_csv(sd.examples.path("storvik"))
    held = project.personal_data("P001")
    assert isinstance(held, P.PersonalData) and held.person_id == "P001"
    data = json.loads(held.to_json())
    assert data["fields"]["name"] == project.person("P001").name
    assert [n["id"] for n in data["notes"]] == [n.id for n in held.notes]
    assert held.to_markdown().startswith("# What the project holds about P001")


def archive(tmp_path, fmt="binary"):
    project = P.Project.import_csv(sd.examples.path("storvik"))
    path = tmp_path / "storvik.sdproj"
    project.save(path, format=fmt)
    return project, path


def test_cli_erase_rewrites_the_archive_in_its_own_format(tmp_path, capsys):
    project, path = archive(tmp_path, "xml")
    name = project.person("P003").name
    assert name.encode() in path.read_bytes()
    assert main(["project", "scrub", str(path), "--erase", "P003", "--reason", "trakk samtykket",
                 "--date", "2026-12-01"]) == 0
    assert "erased one person as ER" in capsys.readouterr().out
    assert path.read_bytes().startswith(b"servicedesign-archive 1 project xml ")
    assert name.encode() not in path.read_bytes()
    assert [f.name for f in tmp_path.iterdir()] == ["storvik.sdproj"]  # no temporary file left
    assert main(["project", "access", str(path), "P001", "--format", "json"]) == 0
    assert '"person_id": "P001"' in capsys.readouterr().out


def test_cli_purge(tmp_path, capsys):
    project, path = archive(tmp_path)
    dated = sorted(n.date for n in project.notes)
    middle = dated[len(dated) // 2]
    assert main(["project", "purge", str(path), "--before", middle, "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"purged notes \(ER\d+\): 0 persons, \d+ notes", out) and "purged pool" in out
    assert min(n.date for n in P.Project.load(path).notes) >= middle


def cli_error(capsys, tmp_path, argv, message):
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(argv) == 1
    assert capsys.readouterr().err == f"servicedesign: error: {message}\n"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_bad_input_is_named_and_nothing_changes_on_disk(tmp_path, capsys):
    _, path = archive(tmp_path)
    def erase(person_id):
        return ["project", "erase", str(path), person_id, "--reason", "trakk samtykket", "--date", "2026-12-01"]

    cli_error(capsys, tmp_path, erase("P999"),
              "erase_person: no person 'P999' in the project (an erased person is not kept, not even by id)")
    assert main(erase("P003")) == 0
    capsys.readouterr()
    cli_error(capsys, tmp_path, erase("P003"),
              "erase_person: no person 'P003' in the project (an erased person is not kept, not even by id)")
    cli_error(capsys, tmp_path, ["project", "purge", str(path), "--before", "2031-01-01", "--today", "2026-12-01"],
              "purge: before 2031-01-01 is in the future (today is 2026-12-01): only what is past its retention date "
              "can be purged")
    notes = tmp_path / "notes.csv"
    notes.write_text("id,text\nN1,hei\n", encoding="utf-8")
    cli_error(capsys, tmp_path, ["project", "scrub", str(notes), "--erase", "P001", "--reason", "x"],
              f"{notes}: not a servicedesign archive (the header line is missing)")


def test_python_erasure_errors_change_nothing():
    project = P.Project.import_csv(sd.examples.path("storvik"))
    before = pickle.loads(pickle.dumps(project))
    with pytest.raises(sd.NotFoundError, match="no person 'P999'"):
        project.erase_person("P999", reason="x", date="2026-12-01")
    with pytest.raises(sd.InvalidInputError, match=r"^erase_person: date '2026-13-01' is not a date YYYY-MM-DD$"):
        project.erase_person("P001", reason="x", date="2026-13-01")
    with pytest.raises(sd.InvalidInputError, match="^erase_person: give the reason for the erasure$"):
        project.erase_person("P001", reason="", date="2026-12-01")
    assert project == before


def test_an_erased_volunteer_is_never_drawn_into_a_panel():
    project = P.Project.import_csv(sd.examples.path("storvik"))
    report = project.erase_person("P010", reason="withdrew", date="2026-12-01")
    quotas = {"segment": {s.key: (0, 20) for s in project.segments}}
    for seed in range(5):
        sel = sd.selection.select(project, quotas, 20, seed=seed, progress=False)
        assert report.erasure.id not in sel.panel
        assert report.erasure.id not in sel.probabilities.index  # not even in the pool
