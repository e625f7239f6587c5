"""Executes every tutorial notebook in docs/notebooks and checks what its key cells show.

The notebooks run in a kernel started from this interpreter (so they import the servicedesign under test),
in their own folder, as when an analyst opens them in Jupyter. Any error in a cell fails the test. Cells
whose outputs are checked carry a tag ``check-...`` in their metadata (see docs/notebooks/make_notebooks.py).
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import pytest

# Required, not skipped: both are in the `test` extra, and a missing one must fail the run.
import nbclient
import nbformat

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "docs" / "notebooks"
NAMES = [
    "01_selecting_working_groups",
    "02_clustering_insights",
    "03_prioritising_needs",
    "04_your_own_clusterer",
    "05_end_to_end",
]
CELL_TIMEOUT_S = 120
KERNEL_NAME = "servicedesign-tests"


@pytest.fixture(scope="session")
def kernel_name(tmp_path_factory):
    """A kernel spec that runs this very interpreter, found through JUPYTER_PATH, so that the notebooks
    import the same servicedesign (PYTHONPATH and the rest of the environment are inherited)."""
    folder = tmp_path_factory.mktemp("jupyter")
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "servicedesign tests", "language": "python",
    }), encoding="utf-8")
    saved = {key: os.environ.get(key) for key in ("JUPYTER_PATH", "JUPYTER_PLATFORM_DIRS", "MPLBACKEND")}
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), saved["JUPYTER_PATH"]]))
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"  # jupyter_core's future default; silences its DeprecationWarning
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend, as in Jupyter
    yield KERNEL_NAME
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


_executed: dict = {}


@pytest.fixture
def run(kernel_name):
    """``run(name)``: the notebook executed (once per session), failing on the first cell that raises."""
    def execute(name: str) -> nbformat.NotebookNode:
        if name not in _executed:
            path = NOTEBOOKS / f"{name}.ipynb"
            nb = nbformat.read(path, as_version=4)
            client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=kernel_name,
                                             resources={"metadata": {"path": str(NOTEBOOKS)}})
            client.execute()
            _executed[name] = nb
        return _executed[name]
    return execute


def tagged(nb: nbformat.NotebookNode, tag: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def text_of(cell: nbformat.NotebookNode) -> str:
    """Everything a code cell showed as text: printed output and the plain-text and HTML forms of its result."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            for kind in ("text/plain", "text/markdown", "text/html"):
                if kind in output.data:
                    parts.append(output.data[kind])
    return "\n".join(parts)


def number_after(label: str, text: str) -> float:
    match = re.search(re.escape(label) + r"\s*(-?[0-9.]+)", text)
    assert match, f"no number after {label!r} in:\n{text}"
    return float(match.group(1).rstrip("."))


def html_table_columns(cell: nbformat.NotebookNode) -> list:
    """The column headers of the DataFrame a cell displayed (its HTML form)."""
    shown = [o.data["text/html"] for o in cell.outputs if o.output_type == "execute_result" and "text/html" in o.data]
    assert shown, "the cell displayed no table"
    header = re.search(r"<thead>(.*?)</thead>", shown[-1], re.S)
    assert header, "the table has no header"
    return [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", header.group(1), re.S)]


def images(nb: nbformat.NotebookNode) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def errors_and_warnings(nb: nbformat.NotebookNode) -> list:
    """Anything a notebook wrote to stderr (warnings included): a tutorial should run clean."""
    return [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "stream" and o.name == "stderr"]


# The committed files -------------------------------------------------------------------------------

def _generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", NOTEBOOKS / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notebooks_are_what_the_generator_writes_without_outputs():
    generator = _generator()
    assert sorted(generator.NOTEBOOKS) == NAMES
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    for name, cells in generator.NOTEBOOKS.items():
        committed = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        nbformat.validate(committed)
        expected = generator.build(cells)
        assert [(c.cell_type, c.source, c.metadata.get("tags")) for c in committed.cells] == \
            [(c.cell_type, c.source, c.metadata.get("tags")) for c in expected.cells], \
            f"{name}.ipynb differs from its cells in make_notebooks.py: run docs/notebooks/make_notebooks.py"
        assert all(not c.outputs and c.execution_count is None for c in committed.cells if c.cell_type == "code"), \
            f"{name}.ipynb was committed with outputs"


def test_the_guides_link_every_notebook():
    for guide in ("index.md", "python.md"):
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for name in NAMES:
            assert f"notebooks/{name}.ipynb" in text, f"docs/{guide} does not link {name}.ipynb"


# Each notebook, executed ---------------------------------------------------------------------------

def test_selecting_working_groups(run):
    nb = run("01_selecting_working_groups")
    assert "Selection</b> (leximin by relaxation, seed 2026)" in text_of(tagged(nb, "check-selection"))
    assert {"name", "sector", "age_band"} <= set(html_table_columns(tagged(nb, "check-members")))
    assert "G01" in text_of(tagged(nb, "check-members")) and "G02" in text_of(tagged(nb, "check-members"))
    lowest = number_after("lowest chance of serving in a group:", text_of(tagged(nb, "check-lowest-probability")))
    assert 0 < lowest <= 1
    assert {"count", "min", "mean", "max"} <= set(html_table_columns(tagged(nb, "check-probabilities-by-sector")))
    comparison = text_of(tagged(nb, "check-algorithms"))
    assert "leximin" in comparison and "legacy" in comparison
    deviation = number_after("no one's chance moved by more than", text_of(tagged(nb, "check-uniform-lottery")))
    assert 0 <= deviation < 0.1
    capped = text_of(tagged(nb, "check-cap"))
    assert "refused: max_probability 0.600000 is too low for these quotas" in capped
    public = text_of(tagged(nb, "check-public-draw"))
    assert "publish before the draw:" in public and "drawn with the dice, G01:" in public
    listed = text_of(tagged(nb, "check-alternates"))
    assert "alternates for G01, in the order they are called:" in listed and "'with':" in listed
    assert "drops out, G01 becomes:" in text_of(tagged(nb, "check-replacement"))
    assert {"feature", "value", "min", "max", "selected"} <= set(html_table_columns(tagged(nb, "check-audit")))
    assert "the same seed gives the same groups: True" in text_of(tagged(nb, "check-rerun"))
    assert images(nb) >= 2
    assert errors_and_warnings(nb) == []


def test_clustering_insights(run):
    nb = run("02_clustering_insights")
    assert re.search(r"Themes</b> \(leiden, seed 2026\): \d+ themes in 121 notes", text_of(tagged(nb, "check-themes")))
    assert {"name", "size", "keywords", "representatives"} <= set(html_table_columns(tagged(nb, "check-themes-table")))
    rerun = text_of(tagged(nb, "check-rerun"))
    assert "after the rerun: 'Ventetid på kundesenteret'" in rerun  # the rename survived
    moved = re.search(r"N017 is in theme (\d+) \(snow clearing is theme (\d+)\)", rerun)
    assert moved and moved.group(1) == moved.group(2)  # and so did the move
    assert "N901" in rerun and "N903" in rerun
    predicted = text_of(tagged(nb, "check-predict"))
    assert re.search(r"vet ikke\s+-1", predicted)  # a filler is in no theme
    nmi = number_after("NMI", text_of(tagged(nb, "check-metrics")))
    assert 0.2 < nmi <= 1
    assert images(nb) == 2
    assert errors_and_warnings(nb) == []


def test_prioritising_needs(run):
    nb = run("03_prioritising_needs")
    assert {"title", "notes", "n_segments", "n_arenas"} <= set(html_table_columns(tagged(nb, "check-needs")))
    assert {"quadrant", "score", "rank"} <= set(html_table_columns(tagged(nb, "check-impact-effort")))
    columns = html_table_columns(tagged(nb, "check-ranking"))
    assert {"title", "borda", "rank", "kemeny", "rank_evidence", "rank_skr", "rank_rice", "rank_dots"} <= set(columns)
    ranking = text_of(tagged(nb, "check-ranking"))
    assert re.search(r"ND\d\d\s+\S.*\s+[0-9.]+\s+1\s", ranking)  # a need ranked first
    assert {"evidence", "skr", "impact_effort", "moscow", "rice", "dots"} <= set(html_table_columns(tagged(nb, "check-agreement")))
    assert {"p_top1", "p_top3", "p_top5", "mean_rank"} <= set(html_table_columns(tagged(nb, "check-sensitivity")))
    bloc = text_of(tagged(nb, "check-bloc"))
    assert re.search(r"winner of the dot vote: ND\d\d; decided by one bloc: (True|False)", bloc)
    report = [o.data["text/markdown"] for o in tagged(nb, "check-report").outputs if "text/markdown" in o.get("data", {})]
    assert report and report[0].startswith("# Prioritised needs")
    assert images(nb) == 3
    assert errors_and_warnings(nb) == []


def test_your_own_clusterer(run):
    nb = run("04_your_own_clusterer")
    assert "'label-propagation'" in text_of(tagged(nb, "check-registered"))
    assert {"size", "keywords", "representatives"} <= set(html_table_columns(tagged(nb, "check-our-themes")))
    comparison = text_of(tagged(nb, "check-comparison"))
    for algorithm in ("leiden", "label-propagation"):
        nmi = re.search(re.escape(algorithm) + r"\s+[0-9.]+\s+([0-9.]+)", comparison)
        assert nmi and 0 <= float(nmi.group(1)) <= 1, comparison
    unregistered = text_of(tagged(nb, "check-unregistered"))
    assert "unregistered: True" in unregistered and "label-propagation" not in unregistered.split("unregistered: True")[1]
    assert images(nb) == 1
    assert errors_and_warnings(nb) == []


def test_end_to_end(run):
    nb = run("05_end_to_end")
    assert "step 1 of 6: Frame" in text_of(tagged(nb, "check-step"))
    assert "explore" in text_of(tagged(nb, "check-advance"))
    unmet = number_after("criteria not met yet:", text_of(tagged(nb, "check-gate")))
    assert unmet >= 0
    assert re.search(r"[1-9]\d* themes in 121 notes; 6 fillers kept out", text_of(tagged(nb, "check-themes")))
    assert re.search(r"(\d+) needs proposed, (\d+) adopted", text_of(tagged(nb, "check-adopted")))
    assert {"title", "rank", "kemeny"} <= set(html_table_columns(tagged(nb, "check-top-needs")))
    assert {"title", "rank"} <= set(html_table_columns(tagged(nb, "check-adopted-ranked")))
    groups = text_of(tagged(nb, "check-groups"))
    assert 0 < number_after("lowest chance of serving in a group:", groups) <= 1
    assert re.search(r"G03\s+1[0-2]", groups) and re.search(r"G04\s+1[0-2]", groups)
    assert {"group_name", "step", "since", "unmet"} <= set(html_table_columns(tagged(nb, "check-programme")))
    assert "reloads identical: True" in text_of(tagged(nb, "check-saved"))
    summary = text_of(tagged(nb, "check-summary"))
    for row in ("project", "step", "working groups", "tracks", "first need", "decided by one voting bloc"):
        assert row in summary
    assert images(nb) == 2
    assert errors_and_warnings(nb) == []
