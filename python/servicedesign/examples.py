"""The example data that ships with the package, so that every example in the docs runs from any folder.

* ``storvik`` — the fictional Smart Storvik project: a folder of CSV files
  (:meth:`servicedesign.process.Project.import_csv`), with its notes in ``storvik/notes.csv`` and
  prioritisation inputs in ``storvik/priorities/``.
* ``volunteers`` — 120 fictional volunteers (``volunteers/people.csv``), the quotas of a citizens' panel of 22
  (``volunteers/features.csv``) and of two working groups (``volunteers/groups.toml``).

Example::

    import servicedesign as sd
    project = sd.process.Project.import_csv(sd.examples.path("storvik"))
    sel = sd.selection.select(sd.examples.path("volunteers/people.csv"), sd.examples.path("volunteers/features.csv"),
                              size=22, address_columns=["address", "postcode"], seed=2026)

From the command line, ``python -m servicedesign.examples`` prints the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

from ._core import IoError

_HERE = Path(__file__).resolve().parent
# Installed: servicedesign/data; in a source checkout run without installing: examples/data.
_ROOTS = (_HERE / "data", _HERE.parent.parent / "examples" / "data")


def root() -> Path:
    """The folder that holds every example."""
    for candidate in _ROOTS:
        if (candidate / "storvik" / "project.csv").is_file():
            return candidate
    raise IoError("the bundled examples are missing (looked in the package's data folder and in examples/data)")


def path(name: str = "") -> Path:
    """The bundled example file or folder ``name`` (e.g. ``"storvik"``, ``"volunteers/people.csv"``)."""
    found = root() / name
    if not found.exists():
        raise IoError(f"no bundled example '{name}'; there are: {', '.join(names())}")
    return found


def names() -> List[str]:
    """Every bundled example file, as :func:`path` takes it."""
    base = root()
    return sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file() and p.name != "README.md")


if __name__ == "__main__":  # pragma: no cover
    print(root())
