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


def test_demo_prints_computed_results(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "[Undersöka]" in out
    assert "every_group_heard: target segment(s) not heard yet: disabled" in out
    assert "proven minimal" in out
    assert "reloads identical: True" in out


def test_project_import_then_summary(tmp_path, capsys):
    archive = tmp_path / "storvik.xml"
    assert main(["project", "import", str(STORVIK), str(archive), "--format", "xml"]) == 0
    assert archive.read_text(encoding="utf-8").startswith("servicedesign-archive 1 project xml ")
    assert main(["project", "summary", str(archive)]) == 0
    assert "Ringa in" in capsys.readouterr().out


def test_errors_are_reported_without_traceback(tmp_path, capsys):
    (tmp_path / "project.csv").write_text("key,value\nname,X\nmodel,waterfall\n", encoding="utf-8")
    assert main(["project", "summary", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "project.csv:3: field 'model'" in err and "waterfall" in err
