"""The committed type stubs describe the compiled module as it is built now, and mypy's stubtest agrees."""

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import servicedesign

ROOT = Path(__file__).resolve().parents[2]
STUBS = ROOT / "python" / "servicedesign" / "_core"


def test_committed_stubs_match_the_bindings(tmp_path):
    if importlib.util.find_spec("pybind11_stubgen") is None:
        pytest.skip("pybind11-stubgen is not installed")
    # The very script that writes the committed stubs (generator, then scripts/fix_stubs.py), into tmp_path.
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run(["bash", str(ROOT / "scripts" / "generate-stubs.sh"), str(tmp_path)], env=env, check=True,
                   capture_output=True)
    names = sorted(p.name for p in tmp_path.glob("*.pyi"))
    assert names == sorted(p.name for p in STUBS.glob("*.pyi"))
    for name in names:
        assert (tmp_path / name).read_text() == (STUBS / name).read_text(), (
            f"{name} is out of date: run scripts/generate-stubs.sh"
        )


def test_stubtest_finds_no_mismatch(tmp_path):
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.skip("mypy cannot be imported (it is in the test extras: pip install '.[test]')")
    # stubtest imports servicedesign._core from sys.path and reads the .pyi files beside it: the installed
    # package's (pip install .) or, when the tests run on PYTHONPATH=python, the committed ones. mypy looks in
    # site-packages by itself and needs MYPYPATH for anywhere else; there it would also report on the package's
    # Python modules, which it leaves alone in site-packages, hence follow_imports = silent for them (the stubs
    # under test are always checked).
    env = dict(os.environ)
    where = Path(servicedesign.__file__).resolve().parents[1]
    site_packages = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    if where not in site_packages:
        env["MYPYPATH"] = str(where)
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n\n[mypy-servicedesign,servicedesign.*]\nfollow_imports = silent\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "servicedesign._core", "--mypy-config-file", str(config)],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
