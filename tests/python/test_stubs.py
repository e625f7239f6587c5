"""The committed type stubs describe the compiled module as it is built now."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

STUBS = Path(__file__).resolve().parents[2] / "python" / "servicedesign" / "_core"


def test_committed_stubs_match_the_bindings(tmp_path):
    stubgen = shutil.which("pybind11-stubgen", path=str(Path(sys.executable).parent))
    if stubgen is None:
        pytest.skip("pybind11-stubgen is not installed")
    subprocess.run([stubgen, "servicedesign._core", "-o", str(tmp_path)], check=True, capture_output=True)
    generated = tmp_path / "servicedesign" / "_core"
    names = sorted(p.name for p in generated.glob("*.pyi"))
    assert names == sorted(p.name for p in STUBS.glob("*.pyi"))
    for name in names:
        assert (generated / name).read_text() == (STUBS / name).read_text(), (
            f"{name} is out of date: run scripts/generate-stubs.sh"
        )
