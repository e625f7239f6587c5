import re
import subprocess
import sys

import servicedesign as sd
from servicedesign.cli import main

from conftest import STORVIK


def test_version_flag(capsys):
    try:
        main(["--version"])
    except SystemExit as exit:
        assert exit.code == 0
    assert capsys.readouterr().out.strip() == f"servicedesign {sd.__version__}"


def test_python_dash_m_and_script_share_the_cli():
    out = subprocess.run([sys.executable, "-m", "servicedesign", "--help"], capture_output=True, text=True, check=True)
    assert "demo" in out.stdout and "project" in out.stdout


def test_demo_prints_computed_results(capsys, tmp_path):
    report = tmp_path / "out" / "report.md"
    assert main(["demo", "--report", str(report)]) == 0
    out = capsys.readouterr().out
    markdown = report.read_text(encoding="utf-8")
    page = report.with_suffix(".html").read_text(encoding="utf-8")
    # The report holds the figures as printed and the prioritisation's traceable report, in both forms.
    assert markdown.startswith("# Smart Storvik") and "proven minimal" in markdown and "### 1. ND01" in markdown
    assert page.startswith("<!DOCTYPE html>") and "<h1>Smart Storvik" in page and "ND01" in page
    assert f"report written to {report}" in out
    assert "[Undersöka]" in out
    assert "every_group_heard: target segment(s) not heard yet: disabled" in out
    assert "proven minimal" in out
    assert "reloads identical: True" in out
    assert "Needs ranked by 6 methods" in out and "Bloc check of the dot vote" in out
    assert "Needs proposed from the themes" in out
    # The whole flow: adopted needs → a group per top need, selected fairly → each group's own track.
    assert "Needs adopted after the analysts' review" in out and "quota and size warnings after selection: 0" in out
    assert re.search(r"TR-G03 +Arbeidsgruppe: .* Fokusera +2026-10-20", out)
    assert re.search(r"TR-G04 +Ringa in +2027-01-11 → now", out)  # the second group starts in the winter
    assert "Timeline: each track's steps over dates" in out
    # A member withdraws at the end: the access report, then erasure with the seat kept as a tombstone.
    assert re.search(r"erased as (ER\d+) on 2026-12-01 \(withdrew consent\): [1-9]\d* notes removed", out)
    assert re.search(r"G03 keeps 1[0-2] seats, one of them the tombstone ER\d+", out)


def test_project_import_then_summary(tmp_path, capsys):
    archive = tmp_path / "storvik.xml"
    assert main(["project", "import", str(STORVIK), str(archive), "--format", "xml"]) == 0
    assert archive.read_text(encoding="utf-8").startswith("servicedesign-archive 1 project xml ")
    assert main(["project", "summary", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "Ringa in" in out
    # The programme view: the insight phase, and the example's groups that have not started their process.
    assert "Programme: the insight phase and each working group's own process" in out
    assert "working group G01 has not started its own process yet" in out


def test_errors_are_reported_without_traceback(tmp_path, capsys):
    (tmp_path / "project.csv").write_text("key,value\nname,X\nmodel,waterfall\n", encoding="utf-8")
    assert main(["project", "summary", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "project.csv:3: field 'model'" in err and "waterfall" in err


PRIORITIES = STORVIK / "priorities"


def test_prioritise_writes_ranking_and_report(tmp_path, capsys):
    out, report = tmp_path / "ranking.csv", tmp_path / "report.md"
    assert main(["prioritise", "--project", str(STORVIK), "--scores", str(PRIORITIES / "scores.csv"),
                 "--ballots", str(PRIORITIES / "ballots.csv"), "--population", str(PRIORITIES / "population.csv"),
                 "--seed", "2026", "--samples", "500", "--out", str(out), "--report", str(report)]) == 0
    printed = capsys.readouterr().out
    assert "8 needs ranked by 6 method(s) (evidence, skr, impact_effort, moscow, rice, dots)" in printed
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("need,title,borda,rank,kemeny,rank_evidence,rank_skr")
    assert len(lines) == 9
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Prioritised needs") and "## Why each need ranks where it does" in text


def test_prioritise_errors_name_file_and_line(tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    scores.write_text("need,reach,rice_impact,confidence,rice_effort\nA,100,1,80%,2\nB,100,4,80%,2\n", encoding="utf-8")
    assert main(["prioritise", "--scores", str(scores), "--out", str(tmp_path / "r.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{scores}:3: rice: need 'B': impact is 4" in err
    scores.write_text("need,cost,benefit\nA,1,0\nB,0,1\n", encoding="utf-8")
    assert main(["prioritise", "--scores", str(scores), "--weights", "cost=0.5,benefit=0.6", "--out", str(tmp_path / "r.csv")]) == 1
    assert "the weights sum to 1.1, not 1" in capsys.readouterr().err
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("voter,segment,need,dots\nv1,staff,A,2\nv1,staff,B,2\n", encoding="utf-8")
    assert main(["prioritise", "--scores", str(scores), "--ballots", str(ballots), "--out", str(tmp_path / "r.csv")]) == 1
    assert "too many dots: 4 placed, each voter has 3" in capsys.readouterr().err
