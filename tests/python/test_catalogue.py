"""The Python rows of the catalogue of bad inputs (docs/reliability.md): the exact exception class (not a
subclass), the exact message, and the caller's objects and files unchanged. The C++ rows are in
tests/cpp/test_catalogue.cpp."""

import numpy as np
import pytest

import servicedesign as sd
from servicedesign import insights, selection
from servicedesign.cli import main

from conftest import NOTES

NOT_UTF8 = "text is not valid UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8"


def raises_exactly(cls, message, call, *args, **kwargs):
    with pytest.raises(Exception) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is cls, f"raised {type(caught.value).__name__}: {caught.value}"
    assert str(caught.value) == message


def files_in(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def fitted():
    return insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)


def state_of(model):
    """What a fitted Themes answers: its labels, themes and predictions."""
    return (model.labels_.tolist(), model.themes_.to_dict("list"), model.predict(["Bussen kom inte", "Snöröjning"]).tolist())


# Row 47: NaN or infinity in a sparse matrix given as numpy arrays.
def test_row47_nan_in_a_sparse_matrix_from_numpy():
    for bad in (np.nan, np.inf):
        raises_exactly(sd.InvalidInputError, "sparse matrix: row 0, column 1: the value is NaN or infinite",
                       insights.SparseMatrix.from_arrays, [1.0, bad], [0, 1], [0, 2], (1, 2))


# Row 48: labellings of different lengths.
def test_row48_labellings_of_different_lengths():
    raises_exactly(sd.InvalidInputError, "adjusted_rand_index: the labellings have different lengths (2 and 1)",
                   insights.adjusted_rand_score, [0, 1], [0])


# Row 49: empty notes and filler answers are kept out of themes, not errors.
def test_row49_empty_and_filler_notes_get_no_theme():
    model = insights.Themes(language="sv", neighbours=3).fit(NOTES + ["vet inte", "", None, "-", "   ", "Och det är så"])
    assert model.labels_[-6:].tolist() == [-1] * 6  # the last: Swedish stop words only
    assert model.labels_[:-6].min() >= 0


# Row 50: a note that is not a string.
def test_row50_a_note_that_is_not_a_string_leaves_the_fit_as_it_was():
    model = fitted()
    before = state_of(model)
    raises_exactly(TypeError, "note 12 is of type int, not str", model.fit, NOTES + [42])
    assert state_of(model) == before


# Row 52: an unknown language code.
def test_row52_unknown_language_code():
    raises_exactly(sd.InvalidInputError, "unknown language 'fi'; accepted: sv, no, nb, nn, da, en (or empty to detect)",
                   insights.TextPipeline, language="fi")


# Row 55: a negative or zero panel size from Python.
def test_row55_negative_panel_size(tmp_path):
    features = tmp_path / "features.csv"
    features.write_text("feature,value,min,max\ngender,female,0,2\ngender,male,0,2\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text("id,gender\nA,female\nB,male\nC,female\n", encoding="utf-8")
    before = files_in(tmp_path)
    raises_exactly(sd.InvalidInputError, "group 'panel': size must be at least 1, not -2",
                   selection.select, str(people), str(features), size=-2, progress=False)
    raises_exactly(sd.InvalidInputError, "group 'panel': size must be at least 1, not 0",
                   selection.select, str(people), str(features), size=0, progress=False)
    assert files_in(tmp_path) == before


# Row 56: a huge note (100,000 words) among ordinary ones is clustered like any other.
def test_row56_a_huge_note_is_clustered():
    huge = " ".join(["bussen kommer sent"] * 33_000 + ["hållplatsen"])
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES + [huge])
    assert model.labels_[-1] == model.labels_[0]  # it is about the bus


# Row 57: a failed or interrupted fit leaves an earlier fit usable and unchanged.
def test_row57_failed_or_interrupted_fit_keeps_the_earlier_themes():
    model = fitted()
    before = state_of(model)
    model.set_params(algorithm="dbscan")
    raises_exactly(sd.NotFoundError, "unknown clusterer 'dbscan'; known: average, hdbscan, kmeans, leiden", model.fit, NOTES[:6])
    model.set_params(algorithm="leiden")
    with pytest.raises(KeyboardInterrupt):
        model.fit(NOTES[:7], progress=lambda stage, fraction: stage != "leiden")
    raises_exactly(ValueError, "previous has 3 labels for 12 notes", model.fit, NOTES, previous=[0, 1, 2])
    assert state_of(model) == before


# Rows 58-61: the CLI's input files. Errors are one line on stderr, exit status 1, no traceback, no output file.
def cli_fails(capsys, tmp_path, argv, message):
    before = files_in(tmp_path)
    assert main(argv) == 1
    assert capsys.readouterr().err == f"servicedesign: error: {message}\n"
    assert files_in(tmp_path) == before


def test_row58_cli_notes_in_latin1(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_bytes("id,text\n1,Bussen går sällan\n".encode("latin-1"))
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", str(tmp_path / "themes.csv")], f"{notes}:2: {NOT_UTF8}")


def test_row59_cli_ragged_notes_and_missing_text_column(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text('id,text\n1,"Bussen går\nsällan"\n2\n', encoding="utf-8")
    out = str(tmp_path / "themes.csv")
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", out], f"{notes}:4: row has 1 fields but the header has 2")
    notes.write_text("id,note\n1,Bussen\n", encoding="utf-8")
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", out], f"{notes}: no column 'text'; columns: id, note")


def test_row60_cli_missing_input_file(tmp_path, capsys):
    notes = tmp_path / "missing.csv"
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", str(tmp_path / "themes.csv")],
              f"cannot open '{notes}': No such file or directory")


def test_row61_cli_bad_groups_file(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("id,gender\nA,female\nB,male\n", encoding="utf-8")
    groups = tmp_path / "groups.toml"
    argv = ["select", "--people", str(people), "--groups", str(groups), "--out", str(tmp_path / "out.csv"), "--quiet"]
    groups.write_text('[[group]]\nname = "a"\nsize = 1\n', encoding="utf-8")
    cli_fails(capsys, tmp_path, argv, f"{groups}: group 1: missing features")
    groups.write_text('[[group]]\nname = "a"\nsize = "ten"\nfeatures = "f.csv"\n', encoding="utf-8")
    cli_fails(capsys, tmp_path, argv, f"{groups}: group 1: field 'size': 'ten' is not a whole number >= 1")
    groups.write_text('title = "no groups"\n', encoding="utf-8")
    cli_fails(capsys, tmp_path, argv, f"{groups}: no [[group]] tables")
    # The parser's own words come from tomllib and vary with the Python version; ours name the file.
    groups.write_text("[[group]\nname = \n", encoding="utf-8")
    assert main(argv) == 1
    assert capsys.readouterr().err.startswith(f"servicedesign: error: {groups}: not valid TOML: ")


# Rows 67-68: embeddings with a NaN, or for another number of notes; the earlier fit is kept.
def test_row67_68_bad_embeddings_are_named_and_change_nothing():
    notes = NOTES
    rng = np.random.default_rng(3)
    z = rng.standard_normal((12, 8)).astype(np.float32)
    model = insights.Themes(language="sv", neighbours=3, seed=1).fit(notes, embeddings=z)
    before = state_of(model)
    bad = z.copy()
    bad[5, 2] = np.nan
    raises_exactly(sd.InvalidInputError, "embeddings: note 5, column 2: the value is NaN or infinite",
                   model.fit, notes, embeddings=bad)
    raises_exactly(sd.InvalidInputError, "embeddings has 3 rows for 12 notes", model.fit, notes, embeddings=z[:3])
    raises_exactly(sd.InvalidInputError, "embeddings must be 2-D (notes x dimensions), got 1-D",
                   model.fit, notes, embeddings=z[0])
    assert state_of(model) == before


# Rows 69-72: the theme model's bad input from Python, each named, the earlier fit kept.
def test_row69_72_theme_model_bad_input_is_named_and_changes_nothing():
    raises_exactly(sd.InvalidInputError, "leiden: unknown parameter 'resolutoin'; known: resolution, ensemble, "
                   "max_levels, threads", insights.make_clusterer, "leiden", params={"resolutoin": 2.0})
    model = fitted()
    before = state_of(model)
    raises_exactly(sd.InvalidInputError, "Themes: max_df must be a number in (0, 1], got 0.0",
                   model.set_params(max_df=0.0).fit, NOTES)
    raises_exactly(sd.InvalidInputError, "ThemeModelOptions: n_themes cannot be given to clusterer 'leiden', which does "
                   "not take it (its parameters: resolution, ensemble, max_levels, threads)",
                   model.set_params(max_df=1.0, n_themes=3).fit, NOTES)
    raises_exactly(sd.InvalidInputError, "Themes: neighbours must be a whole number >= 1, got -1",
                   model.set_params(n_themes=None, neighbours=-1).fit, NOTES)
    model.set_params(neighbours=3)
    raises_exactly(sd.InvalidInputError, "embeddings has 2 rows for 12 notes", model.fit, NOTES,
                   embeddings=np.ones((2, 4)))
    assert state_of(model) == before


# Rows 73-81: the command line's own misuse. One line, exit 1 (2 for argparse's own), no output written.
def test_row73_cli_output_that_would_replace_an_input(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text("text\nBussen kommer sent\n", encoding="utf-8")
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", str(notes)],
              f"--out '{notes}' is the input NOTES: writing there would replace it; choose another output path "
              "(nothing was written)")
    # A project folder's CSV file as the archive it is imported into.
    (tmp_path / "project.csv").write_text("key,value\nname,X\n", encoding="utf-8")
    cli_fails(capsys, tmp_path, ["project", "import", str(tmp_path), str(notes)],
              f"OUTPUT '{notes}' is a CSV file in the input folder FOLDER: writing there would replace it; choose "
              "another output path (nothing was written)")


def test_row74_cli_two_outputs_with_one_path(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text("text\nBussen kommer sent\n", encoding="utf-8")
    out = tmp_path / "themes.csv"
    cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", str(out), "--labels", str(out)],
              f"--out and --labels are the same file '{out}'; give each output its own path (nothing was written)")


def test_row75_cli_clustering_option_out_of_range(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text("text\nBussen kommer sent\n", encoding="utf-8")
    out = str(tmp_path / "themes.csv")
    for option, message in ((["--neighbours", "-1"], "--neighbours -1: neighbours must be a whole number >= 1, got -1"),
                            (["--seed", "-1"], "--seed -1: seed must be a whole number >= 0, got -1"),
                            (["--themes", "0"], "--themes 0: n_themes must be none or a whole number >= 1, got 0"),
                            (["--themes", "3"], "--themes 3: n_themes cannot be given to clusterer 'leiden', which "
                             "does not take it (its parameters: resolution, ensemble, max_levels, threads)"),
                            (["--algorithm", "kmeans"], "--algorithm kmeans: kmeans needs the parameter k, a whole "
                             "number of themes >= 1"),
                            (["--algorithm", "kmeans", "--themes", "3", "--threshold", "0.5"], "--threshold 0.5: "
                             "threshold cannot be given to clusterer 'kmeans', which does not take it (its parameters: "
                             "k, max_iterations)"),
                            (["--representation", "nosuch"], "--representation nosuch: unknown representation "
                             "'nosuch'; known: bm25, tfidf")):
        cli_fails(capsys, tmp_path, ["cluster", str(notes), "--out", out, *option], message)


def cli_usage_error(capsys, tmp_path, argv, message):
    before = files_in(tmp_path)
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == message
    assert files_in(tmp_path) == before


def test_row76_cli_resolution_that_is_not_a_positive_number(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text("text\nBussen kommer sent\n", encoding="utf-8")
    for value in ("inf", "nan", "0", "-2", "high"):
        cli_usage_error(capsys, tmp_path, ["cluster", str(notes), "--out", str(tmp_path / "t.csv"), "--resolution", value],
                        f"servicedesign cluster: error: argument --resolution: expected a positive number or auto, got "
                        f"'{value}'")


def test_row77_cli_select_size_or_seed_out_of_range(tmp_path, capsys):
    argv = ["select", "--people", "p.csv", "--features", "f.csv", "--out", str(tmp_path / "o.csv")]
    cli_usage_error(capsys, tmp_path, argv + ["--size", "0"],
                    "servicedesign select: error: argument --size: expected a whole number >= 1, got '0'")
    cli_usage_error(capsys, tmp_path, argv + ["--size", "22", "--seed", "-1"],
                    "servicedesign select: error: argument --seed: expected a whole number >= 0, got '-1'")


def test_row78_cli_select_without_a_group(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("id,gender\nA,female\n", encoding="utf-8")
    cli_fails(capsys, tmp_path, ["select", "--people", str(people), "--out", str(tmp_path / "o.csv")],
              "select: give --features and --size (one panel), or --groups (several groups)")


# Rows 79-81 (Ctrl-C, a closed pipe, an unexpected error) run the command line in a process of its own:
# test_boundary.py::test_ctrl_c_ends_the_cli_within_a_second_with_one_line, ::test_a_closed_pipe_ends_quietly,
# ::test_unexpected_errors_are_one_line.


# Rows 82-85: arguments pybind11 refuses, in the library's words (every bound function: test_boundary.py sweeps
# them all); the objects are unchanged.
def test_row82_a_bound_function_given_the_wrong_type(storvik):
    before = (storvik.current_step, len(storvik.decisions))
    raises_exactly(sd.InvalidInputError, "Project.check_gate(): step_key must be a string, not int (5)",
                   storvik.check_gate, 5)
    raises_exactly(sd.InvalidInputError, "Project.load(): path must be a path, not int (5)", sd.process.Project.load, 5)
    raises_exactly(sd.InvalidInputError, "Project.advance(): when must be a string, not int (20260301)",
                   storvik.advance, who="Eva", when=20260301)
    assert (storvik.current_step, len(storvik.decisions)) == before


def test_row83_a_negative_count_or_seed(storvik, tmp_path):
    raises_exactly(sd.InvalidInputError, "select_working_groups(): seed must be a whole number >= 0, not -1",
                   sd.process.select_working_groups, storvik, seed=-1, progress=False)
    people, quotas = [{"id": "a", "g": "x"}, {"id": "b", "g": "y"}], {"g": {"x": (0, 1), "y": (0, 1)}}
    raises_exactly(sd.InvalidInputError, "select(): seed must be a whole number >= 0, not -1",
                   selection.select, people, quotas, 1, seed=-1, progress=False)


def test_row84_an_unknown_keyword(storvik):
    raises_exactly(sd.InvalidInputError, "Project.advance(): unknown argument 'whom'; it takes who, rationale, evidence, "
                   "when, override_gate, track", storvik.advance, whom="Eva")
    assert len(storvik.decisions) == 1


def test_row85_a_property_set_to_the_wrong_type():
    note = sd.process.Note("Bussen kommer sent", "W1", "artists", id="N1")
    with pytest.raises(Exception) as caught:
        note.text = 5
    assert type(caught.value) is sd.InvalidInputError
    assert str(caught.value) == "Note.text must be a string, not int (5)"
    assert note.text == "Bussen kommer sent"


# Rows 86-89: selection's Python arguments, checked before C++.
def test_row86_a_quota_bound_that_is_not_a_pair_of_counts():
    people = [{"id": "a", "g": "x"}, {"id": "b", "g": "y"}]
    for bounds in ((-1, 3), (0, 3, 4), (0.5, 2), "0-2"):
        raises_exactly(sd.InvalidInputError, f"quotas: g=x: expected (min, max), two whole numbers >= 0, not {bounds!r}",
                       selection.select, people, {"g": {"x": bounds, "y": (0, 1)}}, 1, progress=False)


def test_row87_address_columns_given_as_one_string(tmp_path):
    raises_exactly(sd.InvalidInputError, "address_columns must be a list of column names, not the string 'address' "
                   "(write ['address'])", selection.select, [{"id": "a", "g": "x"}], {"g": {"x": (0, 1)}}, 1,
                   address_columns="address", progress=False)


def test_row88_missing_people_or_features_file(tmp_path):
    features = tmp_path / "features.csv"
    features.write_text("feature,value,min,max\ng,x,0,1\n", encoding="utf-8")
    before = files_in(tmp_path)
    raises_exactly(sd.IoError, f"cannot open '{tmp_path / 'people.csv'}': No such file or directory",
                   selection.select, tmp_path / "people.csv", features, 1, progress=False)
    raises_exactly(sd.IoError, f"cannot open '{tmp_path / 'nowhere.csv'}': No such file or directory",
                   selection.select, tmp_path / "people.csv", tmp_path / "nowhere.csv", 1, progress=False)
    assert files_in(tmp_path) == before


def test_row89_progress_that_is_neither_a_flag_nor_a_callable():
    raises_exactly(sd.InvalidInputError, "progress must be True, False or a callable, not 'yes'",
                   selection.select, [{"id": "a", "g": "x"}], {"g": {"x": (0, 1)}}, 1, progress="yes")


# Row 116: a file name that is not UTF-8 is shown with its bytes escaped (was: an internal error, as the message
# itself could not be decoded).
def test_row116_cli_file_name_that_is_not_utf8(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = b"n\xff.csv".decode("utf-8", "surrogateescape")  # as Python gives such a name from the command line
    cli_fails(capsys, tmp_path, ["cluster", name, "--out", "themes.csv"],
              "cannot open 'n\\xff.csv': No such file or directory")
