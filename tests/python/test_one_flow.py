"""The whole flow from Python on the bundled example: notes → themes → needs → working groups → members →
tracks, each step taking the previous step's Python objects without conversion by hand."""

from pathlib import Path

import pytest

import servicedesign as sd
from servicedesign.demo import example_data_dir


def test_from_the_examples_notes_to_filled_groups_with_their_own_tracks():
    project = sd.process.Project.import_csv(Path(example_data_dir()))
    themes = sd.insights.Themes(seed=2026).fit(project.notes_frame()["text"])
    proposals = sd.process.propose_needs(project, themes)
    assert all(p.note_ids for p in proposals)
    ids = sd.process.adopt_needs(project, proposals, [sd.process.NeedReview(proposals[-1].theme, action="drop")])
    evidence = sd.priorities.needs_from_project(project).loc[ids]
    assert (evidence["notes"] > 0).all()
    top = evidence.sort_values(["n_segments", "notes"], ascending=False).index[:2]
    groups = []
    for need_id, quotas in zip(top, ([sd.process.Quota("sector", "municipal", 4, 8)],
                                     [sd.process.Quota("sector", "independent", 3, 6)])):
        groups.append(project.add_working_group(sd.process.WorkingGroup(need_id, f"Gruppe {need_id}", quotas=quotas)).id)
    chosen = sd.process.select_working_groups(project, groups=groups, seed=1, progress=False)
    sd.process.assign_members(project, chosen)
    for gid, start in zip(groups, ("2026-09-01", "2027-01-11")):
        group = project.working_group(gid)
        assert group.min_size <= len(group.member_ids) <= group.max_size
        assert not [w for w in project.working_group_warnings(gid) if "quota" in w]
        project.start_track(gid, start_date=start)
    first = project.track_of_group(groups[0]).id
    project.advance(who="Eva", rationale="vi starter med innsikten", override_gate=True, when="2026-09-20", track=first)
    frame = project.programme_frame()
    assert list(frame["step"]) == ["frame", "explore", "frame"]
    assert list(frame["start_date"])[1:] == ["2026-09-01", "2027-01-11"]


@pytest.mark.parametrize("example", ["one_flow", "process_tour"])
def test_the_process_guide_shows_the_examples_the_tests_build_and_run(example):
    root = Path(__file__).resolve().parents[2]
    page = (root / "docs" / "process.md").read_text(encoding="utf-8")
    shown = page.split(f"<!-- example:{example}:begin -->\n")[1].split(f"<!-- example:{example}:end -->")[0]
    code = (root / "examples" / "cpp" / f"{example}.cpp").read_text(encoding="utf-8")
    assert shown == f"```cpp\n{code}```\n", f"copy examples/cpp/{example}.cpp into docs/process.md"
    if example == "one_flow":
        assert len(code.splitlines()) < 40
