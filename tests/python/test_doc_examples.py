"""Every example in README.md and docs/*.md runs, as a reader would run it: from a fresh folder outside the
checkout, with only the installed package (and its bundled examples, servicedesign.examples).

* Python and shell blocks of one page run in order, in one Python session and one folder, so a page may build
  on its earlier blocks.
* A C++ block is a whole program or a run of lines from one under examples/cpp/, which CMake builds and ctest
  runs (tests/CMakeLists.txt); here it is checked to be verbatim there, so the page cannot drift from the code.
* A block that is deliberately not run (a fragment, or set-up commands that install the machine) says so on
  the line before its fence, with the reason: ``<!-- not run: the set-up commands themselves -->``.
"""

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EXAMPLES = sorted((REPO / "examples" / "cpp").glob("*.cpp"))
NOT_RUN = re.compile(r"^<!-- not run: (.+) -->$")
RUN = {"python", "sh"}
CHECKED = {"cpp"}
LISTINGS = {"text", "cmake", ""}  # output shown to the reader; CMake is checked by the consumer projects (tests/cmake)


@dataclass
class Block:
    page: Path
    line: int  # of the opening fence
    language: str
    code: str
    not_run: str  # the reason, or ""

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def blocks_of(page: Path) -> list:
    lines = page.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        marker = NOT_RUN.match(lines[i - 1]) if i else None
        found.append(Block(page, i + 1, fence.group(1), "\n".join(lines[i + 1:end]) + "\n",
                           marker.group(1) if marker else ""))
        i = end + 1
    return found


ALL = [block for page in PAGES for block in blocks_of(page)]

RUNNER = r'''
import json, subprocess, sys, traceback
blocks = json.load(open(sys.argv[1], encoding="utf-8"))
session = {"__name__": "__main__"}
for block in blocks:
    print(f"--- {block['name']}", flush=True)
    if block["language"] == "python":
        try:
            exec(compile(block["code"], block["name"], "exec"), session)
        except BaseException:
            traceback.print_exc()
            sys.exit(f"FAILED: {block['name']}")
    else:
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", block["code"]])
        if done.returncode:
            sys.exit(f"FAILED: {block['name']} (exit status {done.returncode})")
'''


def test_every_block_is_run_checked_or_says_why_not():
    for block in ALL:
        known = RUN | CHECKED | LISTINGS
        assert block.language in known, f"{block.name}: a ```{block.language} block; the harness knows {known}"
    runs = [b for b in ALL if b.language in RUN and not b.not_run]
    assert len(runs) >= 15, "the harness finds too few runnable blocks: is the fence syntax unchanged?"


@pytest.mark.parametrize("page", [p for p in PAGES if any(b.page == p and b.language in RUN for b in ALL)],
                         ids=lambda p: str(p.relative_to(REPO)))
def test_the_pages_python_and_shell_examples_run_from_a_fresh_folder(page, tmp_path):
    import json

    runnable = [{"name": b.name, "language": b.language, "code": b.code}
                for b in ALL if b.page == page and b.language in RUN and not b.not_run]
    if not runnable:
        pytest.skip("every block of this page says why it is not run")
    (tmp_path / "blocks.json").write_text(json.dumps(runnable), encoding="utf-8")
    (tmp_path / "runner.py").write_text(RUNNER, encoding="utf-8")
    work = tmp_path / "reader"
    work.mkdir()
    # The reader's machine: the installed package and its command, nothing of the checkout.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SERVICEDESIGN_DEBUG")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", MPLBACKEND="Agg",
               PYTHONWARNINGS="error::DeprecationWarning:servicedesign")
    done = subprocess.run([sys.executable, str(tmp_path / "runner.py"), str(tmp_path / "blocks.json")], cwd=work,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    assert str(REPO) not in (done.stdout + done.stderr), "an example reached into the checkout"


def _excerpt_of(code: str, source: str) -> bool:
    """Whether ``code``'s lines appear, consecutively and in order, in ``source`` (indentation aside)."""
    wanted = [line.strip() for line in code.strip("\n").splitlines()]
    have = [line.strip() for line in source.splitlines()]
    return any(have[i:i + len(wanted)] == wanted for i in range(len(have) - len(wanted) + 1))


@pytest.mark.parametrize("block", [b for b in ALL if b.language in CHECKED and not b.not_run], ids=lambda b: b.name)
def test_the_cpp_block_is_built_and_run_by_ctest(block):
    sources = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES}
    matches = [name for name, source in sources.items() if _excerpt_of(block.code, source)]
    assert matches, (f"{block.name}: not found verbatim in examples/cpp/*.cpp; put the program there (CMake builds "
                     f"and ctest runs it) or mark the block <!-- not run: reason -->")
    built = (REPO / "tests" / "CMakeLists.txt").read_text(encoding="utf-8")
    for name in matches:
        assert f"examples/cpp/{name}" in built, f"examples/cpp/{name} is not built and run by tests/CMakeLists.txt"


def test_blocks_that_are_not_run_say_why():
    for block in ALL:
        if block.not_run:
            assert len(block.not_run.split()) >= 3, f"{block.name}: say why the block is not run"
