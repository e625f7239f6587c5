"""The public boundary: progress bars, pybind11's refusals in the library's words, and a command line that ends
every failure in one line (Ctrl-C, a closed pipe, an output that would replace an input)."""

import io
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import servicedesign as sd
from servicedesign import _core, _errors, _progress
from servicedesign.cli import main

from conftest import NOTES, STORVIK


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_bar_redraws_a_few_times_a_second_and_clears_its_line():
    stream, clock = io.StringIO(), FakeClock()
    bar = _progress.Bar("themes", total=1.0, stream=stream, clock=clock)
    for step in range(1000):  # 1,000 updates over 10 seconds
        clock.now = step / 100
        bar.update(step / 1000, "neighbour graph")
    assert 35 <= bar.redraws <= 41  # at most one per REDRAW_INTERVAL
    assert "neighbour graph" in stream.getvalue() and "|" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")  # the line is blanked, so what follows starts clean
    bar.close()  # twice is harmless


def test_bars_are_shown_where_someone_watches(monkeypatch):
    monkeypatch.setattr(_progress, "watched", lambda stream=None: False)
    assert _progress.bar_for(True, "x") is None  # a log or a pipe: nothing
    monkeypatch.setattr(_progress, "watched", lambda stream=None: True)
    assert isinstance(_progress.bar_for(True, "x"), _progress.Bar)
    assert _progress.bar_for(False, "x") is None


def test_clustering_shows_progress_by_default(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "watched", lambda stream=None: True)
    sd.insights.Themes(language="sv", neighbours=3).fit(NOTES)
    err = capsys.readouterr().err
    assert "themes of 12 notes" in err and "%" in err


def test_selection_progress_must_be_a_flag_or_a_callable():
    with pytest.raises(sd.InvalidInputError, match=r"^progress must be True, False or a callable, not 'yes'$"):
        sd.selection.select([{"id": "a", "g": "x"}], {"g": {"x": (0, 1)}}, 1, progress="yes")


def _bound_callables():
    """Every function, method, static method and constructor the compiled module exposes, by name."""
    for part in (_core, _core.process, _core.selection, _core.insights, _core.priorities):
        for name, member in vars(part).items():
            if name.startswith("_"):
                continue
            if callable(member) and not isinstance(member, type):
                yield f"{part.__name__}.{name}", member, 1
            elif isinstance(member, type) and not issubclass(member, BaseException) and "__members__" not in vars(member):
                yield f"{part.__name__}.{name}", member, 1
                if name in _errors._EXTENSIBLE:
                    continue  # the interfaces Python subclasses implement keep pybind11's own dispatch
                for attribute, inner in vars(member).items():
                    if attribute.startswith("_"):
                        continue
                    if isinstance(inner, staticmethod):
                        yield f"{part.__name__}.{name}.{attribute}", inner.__func__, 1
                    elif callable(inner) and not isinstance(inner, type):
                        yield f"{part.__name__}.{name}.{attribute}", getattr(member, attribute), 2


def test_no_bound_function_answers_in_pybind11s_words():
    # Arguments that fit no parameter: every call must fail in the library's words, naming the function.
    refused = 0
    for name, function, arguments in _bound_callables():
        try:
            function(*[object()] * arguments)
        except Exception as error:  # noqa: BLE001 - the point is what is raised
            text = str(error)
            assert "incompatible" not in text and "Invoked with" not in text, f"{name}: {text}"
            refused += isinstance(error, sd.InvalidInputError)
    assert refused > 200  # the whole surface, not a handful


def test_refusals_name_the_parameter_and_what_it_takes(storvik):
    cases = [
        (lambda: storvik.check_gate(5), "Project.check_gate(): step_key must be a string, not int (5)"),
        (lambda: sd.process.Project.load(5), "Project.load(): path must be a path, not int (5)"),
        (lambda: sd.process.select_working_groups(storvik, seed=-1, progress=False),
         "select_working_groups(): seed must be a whole number >= 0, not -1"),
        (lambda: storvik.advance(who="Eva", when=20260301), "Project.advance(): when must be a string, not int (20260301)"),
        (lambda: storvik.advance(whom="Eva"), "Project.advance(): unknown argument 'whom'; it takes who, rationale, "
                                             "evidence, when, override_gate, track"),
        # What is inside a dict or an array is named too; no typing annotation reaches the message.
        (lambda: sd.insights.make_clusterer("leiden", 0, {"ensemble": "x"}),
         "make_clusterer(): params must be a dict from strings to numbers, not dict ({'ensemble': 'x'})"),
        (lambda: sd.insights.canonical_clustering(["a"]),
         "canonical_clustering(): labels must be an array of whole numbers, not list (['a'])"),
    ]
    for call, message in cases:
        with pytest.raises(sd.InvalidInputError) as caught:
            call()
        assert str(caught.value) == message


def test_a_property_of_the_wrong_type_is_named():
    note = sd.process.Note("Bussen kommer sent", "W1", "artists", id="N1")
    with pytest.raises(sd.InvalidInputError) as caught:
        note.text = 5
    assert str(caught.value) == "Note.text must be a string, not int (5)"
    assert note.text == "Bussen kommer sent"
    options = sd.insights.ThemeModelOptions()
    with pytest.raises(sd.InvalidInputError) as caught:
        options.neighbours = -1
    assert str(caught.value) == "ThemeModelOptions.neighbours must be a whole number >= 0, not -1"
    assert options.neighbours == sd.insights.ThemeModelOptions().neighbours


def _run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "servicedesign", *args], capture_output=True, text=True, **kwargs)


def test_a_closed_pipe_ends_quietly():
    reader = subprocess.Popen([sys.executable, "-m", "servicedesign", "project", "summary", str(STORVIK)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.readline()
    reader.stdout.close()  # `| head -1`
    _, err = reader.communicate(timeout=60)
    assert err == b"" and reader.returncode in (0, 141)


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_ends_the_cli_within_a_second_with_one_line(tmp_path):
    notes = tmp_path / "notes.csv"
    rng = np.random.default_rng(5)  # distinct notes on 40 topics (copies would be clustered once, too fast)
    topics = [[f"ämne{t}ord{w}" for w in range(12)] for t in range(40)]
    common = [f"vanlig{w}" for w in range(300)]
    lines = ["text"] + [" ".join([*rng.choice(topics[i % 40], 5), *rng.choice(common, 6)]) for i in range(60_000)]
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A background job (as under CI) may inherit SIGINT ignored, and Python then never raises KeyboardInterrupt;
    # a terminal gives the command SIGINT's default, which the child gets back here.
    process = subprocess.Popen([sys.executable, "-m", "servicedesign", "cluster", str(notes), "--out",
                                str(tmp_path / "themes.csv"), "--lang", "sv"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)  # into the clustering
    assert process.poll() is None, "the clustering ended before the interrupt: use more notes"
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 1.5  # within a second, and the interpreter's exit
    assert process.returncode == 130
    assert err.strip().splitlines()[-1] == "servicedesign: interrupted" and "Traceback" not in err
    assert not (tmp_path / "themes.csv").exists()


def test_every_command_takes_quiet():
    for command in (["demo"], ["select"], ["cluster"], ["prioritise"], ["project", "summary"], ["project", "import"],
                    ["project", "public"]):
        assert "--quiet" in _run_cli(*command, "--help", check=True).stdout, command


def test_unexpected_errors_are_one_line(monkeypatch, capsys, tmp_path):
    from servicedesign import cli

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_cmd_project_summary", broken)
    monkeypatch.delenv("SERVICEDESIGN_DEBUG", raising=False)
    assert main(["project", "summary", str(STORVIK)]) == 1
    assert capsys.readouterr().err == ("servicedesign: internal error (ZeroDivisionError): division by zero; please "
                                       "report it (SERVICEDESIGN_DEBUG=1 shows where it happened)\n")


def test_the_cluster_command_shows_progress_unless_quiet(monkeypatch, capsys, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("text\n" + "\n".join(NOTES) + "\n", encoding="utf-8")
    monkeypatch.setattr(_progress, "watched", lambda stream=None: True)  # as in a terminal
    assert main(["cluster", str(notes), "--out", str(tmp_path / "a.csv"), "--lang", "sv"]) == 0
    assert "themes of 12 notes" in capsys.readouterr().err
    assert main(["cluster", str(notes), "--out", str(tmp_path / "b.csv"), "--lang", "sv", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_a_project_import_reports_its_files_and_can_be_stopped(monkeypatch, capsys):
    seen = []
    project = sd.process.Project.import_csv(STORVIK, progress=lambda file, fraction: seen.append((file, fraction)))
    assert seen[-1] == ("done", 1.0) and ("notes.csv" in {file for file, _ in seen})
    assert len(project.notes) > 100
    with pytest.raises(KeyboardInterrupt):
        sd.process.Project.import_csv(STORVIK, progress=lambda file, fraction: file != "notes.csv")
    with pytest.raises(sd.InvalidInputError, match=r"^progress must be True, False or a callable, not 'yes'$"):
        sd.process.Project.import_csv(STORVIK, progress="yes")
    monkeypatch.setattr(_progress, "watched", lambda stream=None: True)
    sd.process.Project.import_csv(STORVIK)  # a bar by default where someone watches
    assert "import of storvik" in capsys.readouterr().err


def test_a_callbacks_own_type_error_reaches_the_caller_as_it_is(storvik):
    def report(progress):
        raise TypeError("incompatible function arguments in my own code")

    groups = [("G", 3, {"sector": {"municipal": (0, 3)}})]
    with pytest.raises(TypeError, match="^incompatible function arguments in my own code$"):
        sd.selection.select(storvik, groups=groups, progress=report)


def test_wrapped_functions_pickle_and_interfaces_stay_extensible():
    import pickle

    assert pickle.loads(pickle.dumps(sd.process.pool_of)) is sd.process.pool_of

    class Nameless(sd.insights.Clusterer):
        def fit(self, input, progress=None):
            return sd.insights.canonical_clustering([0] * len(input))

    with pytest.raises(RuntimeError, match="pure virtual"):  # pybind11's own words, not a RecursionError
        Nameless().name()
