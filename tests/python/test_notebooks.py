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
        committed = (NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8")
        assert committed == generator.render(cells), f"{name}.ipynb differs: run docs/notebooks/make_notebooks.py"
        nb = nbformat.reads(committed, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_the_guides_link_every_notebook():
    for guide in ("index.md", "python.md"):
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for name in NAMES:
            assert f"notebooks/{name}.ipynb" in text, f"docs/{guide} does not link {name}.ipynb"


# Each notebook, executed ---------------------------------------------------------------------------

def test_selecting_working_groups(run):
    nb = run("01_selecting_working_groups")
    assert "Selection</b> (leximin, seed 2026)" in text_of(tagged(nb, "check-selection"))
    assert html_table_columns(tagged(nb, "check-members"))[:3] == ["", "", "name"]
    assert "G01" in text_of(tagged(nb, "check-members")) and "G02" in text_of(tagged(nb, "check-members"))
    lowest = number_after("lowest chance of serving in a group:", text_of(tagged(nb, "check-lowest-probability")))
    assert 0 < lowest <= 1
    assert {"count", "min", "mean", "max"} <= set(html_table_columns(tagged(nb, "check-probabilities-by-sector")))
    comparison = text_of(tagged(nb, "check-algorithms"))
    assert "leximin" in comparison and "legacy" in comparison
    deviation = number_after("no one's chance moved by more than", text_of(tagged(nb, "check-uniform-lottery")))
    assert 0 <= deviation < 0.1
    assert {"feature", "value", "min", "max", "selected"} <= set(html_table_columns(tagged(nb, "check-audit")))
    assert "the same seed gives the same groups: True" in text_of(tagged(nb, "check-rerun"))
    assert images(nb) >= 2
    assert errors_and_warnings(nb) == []
