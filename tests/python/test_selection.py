import json
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import servicedesign as sd
from servicedesign.cli import main

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "sortition"
FIXTURES = DATA / "sortition-algorithms-fixtures"
ADDRESS = ["primary_address1", "primary_zip"]


@pytest.fixture(scope="module")
def fixtures_selection():
    return sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                               id_column="nationbuilder_id", address_columns=ADDRESS, seed=11, progress=False)


def test_published_leximin_result_on_example_small():
    sel = sd.selection.select(DATA / "example_small_20" / "respondents.csv", DATA / "example_small_20" / "categories.csv",
                              size=20, id_column=None, seed=1, progress=False)
    assert sel.probabilities.min() == pytest.approx(0.10, abs=1e-6)
    assert sel.probabilities.max() == pytest.approx(0.10, abs=1e-6)
    assert len(sel.panel) == 20


def test_panel_meets_quotas_and_households(fixtures_selection):
    people = pd.read_csv(FIXTURES / "candidates.csv", dtype=str).set_index("nationbuilder_id")
    features = pd.read_csv(FIXTURES / "features.csv")
    panel = people.loc[fixtures_selection.panel]
    assert len(panel) == 22
    for row in features.itertuples():
        count = int((panel[row.feature].str.lower() == row.value.lower()).sum())
        assert row.min <= count <= row.max, (row.feature, row.value, count)
    addresses = panel[ADDRESS].apply(lambda r: tuple(v.lower() for v in r), axis=1)
    assert addresses.is_unique
    probabilities = fixtures_selection.probabilities
    assert probabilities.sum() == pytest.approx(22, abs=1e-6)
    assert probabilities.index.name == "id"


def test_dataframe_pool_gives_the_same_lottery_as_csv(fixtures_selection):
    frame = pd.read_csv(FIXTURES / "candidates.csv", dtype=str)
    original = frame.copy()
    sel = sd.selection.select(frame, FIXTURES / "features.csv", size=22, id_column="nationbuilder_id",
                              address_columns=ADDRESS, seed=11, progress=False)
    pd.testing.assert_frame_equal(frame, original)  # the caller's frame is untouched
    assert sel.panel == fixtures_selection.panel
    assert (sel.probabilities - fixtures_selection.probabilities).abs().max() < 1e-9


def test_same_seed_same_draw_and_report(fixtures_selection, tmp_path):
    again = sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                                id_column="nationbuilder_id", address_columns=ADDRESS, seed=11, progress=False)
    assert again.panel == fixtures_selection.panel
    report_path = tmp_path / "report.json"
    again.write_report(report_path)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["seed"] == 11 and report["algorithm"] == "leximin" and report["method"] == "relaxation"
    assert report["inputs"]["people"]["sha256"] == fixtures_selection.report["inputs"]["people"]["sha256"]
    assert report["panels"]["panel"] == fixtures_selection.panel
    assert all(q["min"] <= q["selected"] <= q["max"] for q in report["quotas_achieved"]["panel"])


def test_maximin_minimum_equals_leximin_first_level(fixtures_selection):
    maximin = sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                                  id_column="nationbuilder_id", address_columns=ADDRESS, algorithm="maximin",
                                  progress=False)
    # Maximin is served by the LEXIMIN lottery: the two minimums agree to the last digits.
    assert maximin.result.method == "relaxation"
    assert abs(maximin.min_probability - fixtures_selection.min_probability) <= 1e-12
    assert maximin.optimality_gap == 0.0 and maximin.report["optimality_gap"] == 0.0


def test_nash_reports_its_optimality_gap(tmp_path):
    nash = sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                               id_column="nationbuilder_id", address_columns=ADDRESS, algorithm="nash",
                               progress=False)
    assert isinstance(nash.optimality_gap, float) and 0.0 <= nash.optimality_gap <= 1e-3
    nash.write_report(tmp_path / "nash.json")
    report = json.loads((tmp_path / "nash.json").read_text(encoding="utf-8"))
    assert report["method"] == "frank-wolfe" and report["optimality_gap"] == nash.optimality_gap


def test_leximin_by_column_generation_agrees_with_the_relaxation(fixtures_selection):
    by_columns = sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                                     id_column="nationbuilder_id", address_columns=ADDRESS, relaxation=False,
                                     progress=False)
    assert fixtures_selection.result.method == "relaxation"
    assert by_columns.result.method == "column generation"
    assert by_columns.report["method"] == "column generation"
    assert by_columns.inputs["options"]["relaxation"] is False
    pd.testing.assert_series_equal(by_columns.probabilities, fixtures_selection.probabilities, atol=1e-6, rtol=0)
    assert "leximin by relaxation" in fixtures_selection._repr_html_()


def test_infeasible_quotas_name_the_conflict_and_propose_a_fix():
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(12)],
                          "sector": ["municipal"] * 3 + ["independent"] * 9})
    quotas = {"sector": {"municipal": (5, 8), "independent": (0, 8)}}
    with pytest.raises(sd.InfeasibleQuotasError, match="sector=municipal") as error:
        sd.selection.select(frame, quotas, size=8, progress=False)
    assert isinstance(error.value, ValueError)
    assert {"feature": "sector", "value": "municipal", "bound": "min", "from": 5, "to": 3,
            "group": "panel"} in error.value.relaxations


def test_two_working_groups_from_the_storvik_volunteers():
    project = sd.process.Project.import_csv(Path(__file__).resolve().parents[2] / "examples" / "data" / "storvik")
    groups = [("support", 11, {"sector": {"independent": (6, 9)}}), ("collab", 11, {"sector": {"municipal": (6, 9)}})]
    sel = sd.selection.select(project, groups=groups, seed=3, progress=False)
    support, collab = sel.panels["support"], sel.panels["collab"]
    assert len(support) == len(collab) == 11 and not set(support) & set(collab)
    assert sum(project.person(p).attributes["sector"] == "independent" for p in support) >= 6
    assert sum(project.person(p).attributes["sector"] == "municipal" for p in collab) >= 6
    assert sel.probabilities.sum() == pytest.approx(22, abs=1e-6)


def test_uniform_lottery_reports_its_deviation(fixtures_selection):
    panels, deviation = fixtures_selection.uniform_lottery(50, seed=5)
    assert len(panels) == 50
    counts = pd.Series([i for p in panels for i in p["panel"]]).value_counts()
    exact = fixtures_selection.probabilities
    actual = max(abs(counts.get(i, 0) / 50 - exact[i]) for i in exact.index if exact[i] > 0)
    assert actual == pytest.approx(deviation, abs=1e-12)


def test_progress_callback_can_cancel_and_the_next_call_works():
    seen = []

    def stop(progress):
        seen.append(progress.stage)
        return progress.stage == "checking quotas"  # let the check pass, stop at the first pricing round

    with pytest.raises(KeyboardInterrupt):
        sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                            id_column="nationbuilder_id", progress=stop)
    assert seen[0] == "checking quotas" and len(seen) >= 2
    assert sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                               id_column="nationbuilder_id", progress=False).panel


def test_cli_select_writes_panel_remaining_and_report(tmp_path, capsys):
    out, rest, report = tmp_path / "sel.csv", tmp_path / "rest.csv", tmp_path / "report.json"
    code = main(["select", "--people", str(FIXTURES / "candidates.csv"), "--features", str(FIXTURES / "features.csv"),
                 "--id-column", "nationbuilder_id", "--size", "22", "--address-columns", ",".join(ADDRESS),
                 "--seed", "4", "--out", str(out), "--remaining", str(rest), "--report", str(report), "--quiet"])
    assert code == 0
    selected, remaining = pd.read_csv(out, dtype=str), pd.read_csv(rest, dtype=str)
    assert len(selected) == 22 and len(remaining) == 150 - 22
    assert set(selected["group"]) == {"panel"}
    assert json.loads(report.read_text(encoding="utf-8"))["panels"]["panel"] == sorted(selected["nationbuilder_id"],
                                                                                       key=lambda i: int(i[1:]))
    assert "lowest selection probability" in capsys.readouterr().out


def test_cli_select_several_groups_from_a_toml_file(tmp_path):
    people = tmp_path / "people.csv"
    rows = ["id,sector,area"] + [f"p{i},{'municipal' if i % 3 == 0 else 'independent'},{'nord' if i % 2 else 'sør'}"
                                  for i in range(40)]
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "support.csv").write_text(
        "feature,value,min,max\nsector,independent,7,10\nsector,municipal,0,3\n", encoding="utf-8")
    (tmp_path / "collab.csv").write_text(
        "feature,value,min,max\nsector,municipal,6,10\nsector,independent,0,4\n", encoding="utf-8")
    groups = tmp_path / "groups.toml"
    groups.write_text('[[group]]\nname = "Stödstrukturer"\nsize = 10\nfeatures = "support.csv"\n\n'
                      '[[group]]\nname = "Samverkan"\nsize = 10\nfeatures = "collab.csv"\n', encoding="utf-8")
    out = tmp_path / "selected.csv"
    assert main(["select", "--people", str(people), "--groups", str(groups), "--seed", "9", "--out", str(out),
                 "--quiet"]) == 0
    selected = pd.read_csv(out, dtype=str)
    assert selected["group"].value_counts().to_dict() == {"Stödstrukturer": 10, "Samverkan": 10}
    assert selected["id"].is_unique
    support = selected[selected["group"] == "Stödstrukturer"]
    assert (support["sector"] == "independent").sum() >= 7


def test_alternates_are_ids_outside_the_panel_and_replace_members(fixtures_selection):
    alternates = fixtures_selection.alternates(3, dropout=0.2)
    assert len(alternates) == 3 and all(isinstance(i, str) for i in alternates.ids)
    assert not set(alternates.ids) & set(fixtures_selection.panel)
    expected = alternates.expected_violations
    assert set(expected) == {"without", "with"} and all(isinstance(v, float) for v in expected.values())
    assert expected["with"] <= expected["without"]
    assert "AlternateList(ids=" in repr(alternates)
    members = alternates.replace([fixtures_selection.panel[0]])
    assert fixtures_selection.panel[0] not in members and all(isinstance(i, str) for i in members)
    # Per person, as a pandas Series by id (people it leaves out get the default rate); the same seed, the same list.
    rates = pd.Series(0.3, index=fixtures_selection.panel)
    again = fixtures_selection.alternates(3, dropout=rates)
    assert again.ids == fixtures_selection.alternates(3, dropout=rates).ids


def test_alternates_refuse_bad_input_naming_the_parameter(fixtures_selection):
    with pytest.raises(sd.InvalidInputError, match="dropout_rate: 1.5"):
        fixtures_selection.alternates(2, dropout=1.5)
    with pytest.raises(sd.InvalidInputError, match="no person with id 'nobody'"):
        fixtures_selection.alternates(2, dropout={"nobody": 0.1})
    with pytest.raises(sd.InvalidInputError, match="no group 'board'"):
        fixtures_selection.alternates(2, group="board")
    with pytest.raises(sd.InvalidInputError, match="count"):
        fixtures_selection.alternates(-1)
    with pytest.raises(sd.InvalidInputError, match="dropout must be a probability or a mapping"):
        fixtures_selection.alternates(2, dropout="high")
    listed = fixtures_selection.alternates(2)
    with pytest.raises(sd.InvalidInputError, match="not a member"):
        listed.replace([listed.ids[0]])  # an alternate is not a member who could drop out


def test_cli_select_writes_ranked_alternates_or_nothing(tmp_path, capsys):
    out, listed = tmp_path / "sel.csv", tmp_path / "alternates.csv"
    base = ["select", "--people", str(FIXTURES / "candidates.csv"), "--features", str(FIXTURES / "features.csv"),
            "--id-column", "nationbuilder_id", "--size", "22", "--address-columns", ",".join(ADDRESS),
            "--seed", "4", "--out", str(out), "--quiet"]
    report = tmp_path / "report.json"
    assert main(base + ["--alternates", "3", "--dropout-rate", "0.2", "--alternates-out", str(listed),
                        "--report", str(report)]) == 0
    recorded = json.loads(report.read_text(encoding="utf-8"))["alternates"]["panel"]
    assert len(recorded["ids"]) == 3 and set(recorded["expected_violations"]) == {"without", "with"}
    rows = pd.read_csv(listed, dtype=str)
    assert list(rows["rank"]) == ["1", "2", "3"] and set(rows["group"]) == {"panel"}
    assert not set(rows["nationbuilder_id"]) & set(pd.read_csv(out, dtype=str)["nationbuilder_id"])
    assert "panel: 3 alternates; expected quota violations after dropouts" in capsys.readouterr().out
    out.unlink()
    listed.unlink()
    report.unlink()
    assert main(base + ["--alternates", "3", "--dropout-rate", "1.5", "--alternates-out", str(listed)]) == 1
    assert "--dropout-rate: 1.5" in capsys.readouterr().err
    assert not out.exists() and not listed.exists()


def _commit_and_draw(folder):
    """select --commit, then draw with public text, in `folder` (the report names its inputs relative to it)."""
    import shutil

    for name in ("candidates.csv", "features.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    base = ["--people", "candidates.csv", "--features", "features.csv", "--id-column", "nationbuilder_id",
            "--size", "22", "--address-columns", ",".join(ADDRESS), "--quiet"]
    assert main(["select", *base, "--commit", "commitment.json"]) == 0
    assert main(["draw", "commitment.json", "--public", "4 1 6 6 2 3", "--out", "selected.csv",
                 "--report", "report.json", "--quiet"]) == 0


def test_commit_draw_and_verify_detect_a_changed_input_seed_or_lottery(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _commit_and_draw(tmp_path)
    commitment = json.loads((tmp_path / "commitment.json").read_text(encoding="utf-8"))
    assert "panels" not in commitment and len(commitment["lottery_digest"]) == 64
    assert "lottery digest (publish it before the draw)" in capsys.readouterr().out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["lottery_digest"] == commitment["lottery_digest"] and report["public_seed"] == "4 1 6 6 2 3"
    verification = sd.selection.verify("report.json")
    assert verification.ok and [name for name, _, _ in verification.checks] == ["inputs", "lottery", "groups"]
    assert main(["verify", "report.json", "--quiet"]) == 0
    assert "verified: everything matches" in capsys.readouterr().out
    # Another public text, or another published lottery: not verified.
    for field, value in (("public_seed", "4 1 6 6 2 4"), ("lottery_digest", "0" * 64)):
        tampered = dict(report, **{field: value})
        (tmp_path / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
        assert not sd.selection.verify("tampered.json").ok
        assert main(["verify", "tampered.json", "--quiet"]) == 1
        assert "NOT verified" in capsys.readouterr().out
    # A changed input: an error naming it, and draw writes nothing.
    people = tmp_path / "candidates.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("\n", "\r\n", 1), encoding="utf-8")
    with pytest.raises(sd.InvalidInputError, match=r"inputs\.people: candidates\.csv has changed since the report"):
        sd.selection.verify("report.json")
    assert main(["draw", "commitment.json", "--public", "1", "--out", "again.csv", "--quiet"]) == 1
    assert "inputs.people" in capsys.readouterr().err and not (tmp_path / "again.csv").exists()


def test_public_draw_in_python_and_refusals(fixtures_selection, tmp_path):
    drawn = fixtures_selection.draw_public("6 6 1")
    assert drawn.lottery_digest == fixtures_selection.lottery_digest
    assert drawn.panels == fixtures_selection.draw_public(" 6  6\n1 ").panels
    assert drawn.report["public_seed"] == "6 6 1"
    with pytest.raises(sd.InvalidInputError, match="public seed text is empty"):
        fixtures_selection.draw_public("   ")
    with pytest.raises(sd.InvalidInputError, match="draw_public: text must be str"):
        fixtures_selection.draw_public(661)
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    with pytest.raises(sd.InvalidInputError, match="no field 'inputs'"):
        sd.selection.verify(tmp_path / "x.json")
    with pytest.raises(sd.InvalidInputError, match="no such report"):
        sd.selection.verify(tmp_path / "missing.json")


def test_a_cap_on_probabilities_from_python_and_the_cli(fixtures_selection, tmp_path, capsys):
    highest = float(fixtures_selection.probabilities.max())
    cap = (22 / 150 + highest) / 2
    capped = sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                                 id_column="nationbuilder_id", address_columns=ADDRESS, max_probability=cap,
                                 progress=False)
    assert capped.probabilities.max() <= cap + 1e-9
    assert capped.report["max_probability"] == cap and capped.inputs["options"]["max_probability"] == cap
    with pytest.raises(sd.InvalidInputError, match="max_probability: 0.050000 is below k/n"):
        sd.selection.select(FIXTURES / "candidates.csv", FIXTURES / "features.csv", size=22,
                            id_column="nationbuilder_id", max_probability=0.05, progress=False)
    out = tmp_path / "sel.csv"
    assert main(["select", "--people", str(FIXTURES / "candidates.csv"), "--features", str(FIXTURES / "features.csv"),
                 "--id-column", "nationbuilder_id", "--size", "22", "--max-probability", "0.05",
                 "--out", str(out), "--quiet"]) == 1
    assert "--max-probability: 0.050000 is below k/n" in capsys.readouterr().err and not out.exists()


def test_serving_probabilities_with_alternates_are_a_series_by_id(fixtures_selection):
    serving = fixtures_selection.serving_probabilities(2, dropout=0.2, draws=20)
    assert serving.index.name == "id" and serving.name == "serving" and len(serving) == 150
    assert 0 <= serving.min() and serving.max() <= 1 and serving.sum() <= 22 + 1e-9
    with pytest.raises(sd.InvalidInputError, match="draws: must be at least 1"):
        fixtures_selection.serving_probabilities(2, draws=0)
    with pytest.raises(sd.InvalidInputError, match="serving_probabilities: no group 'board'"):
        fixtures_selection.serving_probabilities(2, group="board")
