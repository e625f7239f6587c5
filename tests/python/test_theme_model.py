"""The theme model is one C++ model: the same notes and seed give identical themes from C++ (the example
program), Python (Themes) and the command line; the Python estimator is its thin wrapper."""

import csv
import os
import pathlib
import pickle
import re
import subprocess

import numpy as np
import pytest

import servicedesign as sd
from servicedesign import insights
from servicedesign.cli import main

from conftest import NOTES, STORVIK

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "build" / "dev" / "tests" / "example_theme_model"


def _texts(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


@pytest.mark.skipif(not EXAMPLE.exists() and os.environ.get("CI") != "true",
                    reason="the C++ example is built by the test command (cmake --preset dev)")
@pytest.mark.parametrize("seed", [0, 7])
def test_cpp_python_and_the_command_line_give_identical_themes(tmp_path, seed):
    notes_csv = pathlib.Path(STORVIK) / "notes.csv"
    cpp = subprocess.run([str(EXAMPLE), str(notes_csv), "text", str(seed)], capture_output=True, text=True, check=True)
    from_cpp = [int(line) for line in cpp.stdout.split()]
    from_python = insights.Themes(seed=seed).fit(_texts(notes_csv)).labels_
    out = tmp_path / "themes.csv"
    assert main(["cluster", str(notes_csv), "--seed", str(seed), "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        from_cli = [int(row["theme"]) for row in csv.DictReader(handle)]
    assert len(from_cpp) == len(from_python) == len(from_cli) > 100
    assert from_cpp == list(from_python) == from_cli
    assert len(set(from_cpp) - {-1}) >= 3


def test_the_estimator_reads_everything_from_the_cpp_model():
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)
    cpp = model._model
    assert isinstance(cpp, insights.ThemeModel) and cpp.options.neighbours == 3 and cpp.options.language == "sv"
    assert model.labels_.dtype == np.int64 and np.array_equal(model.labels_, cpp.labels)
    assert model.fillers_.dtype == bool and model.duplicate_of_.dtype == np.int64
    assert list(model.themes_.index) == [t.theme for t in cpp.themes]
    assert list(model.themes_["keywords"].iloc[0]) == list(cpp.themes[0].keywords)
    # The defaults of the estimator are the C++ options' defaults.
    defaults, params = insights.ThemeModelOptions(), insights.Themes().get_params()
    for name in ("algorithm", "neighbours", "min_similarity", "min_df", "max_df", "keywords", "representatives",
                 "seed", "ensemble", "lsa", "dense_weight", "diversity", "char_ngrams", "min_cluster_size",
                 "reassign_threshold", "min_theme_size", "duplicate_similarity", "similarity"):
        assert params[name] == getattr(defaults, name), name
    assert params["weighting"] == defaults.representation and params["resolution"] == "auto" and defaults.resolution == 0


def test_the_cpp_model_refuses_bad_options_by_name_and_keeps_its_themes():
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)
    before = model.labels_.copy()
    with pytest.raises(sd.InvalidInputError, match="neighbours must be a whole number >= 1, got 0"):
        model.set_params(neighbours=0).fit(NOTES)
    with pytest.raises(sd.InvalidInputError, match="n_themes cannot be given to clusterer 'leiden'"):
        model.set_params(neighbours=3, n_themes=4).fit(NOTES)
    with pytest.raises(sd.InvalidInputError, match="embeddings has 2 rows for 12 notes"):
        model.set_params(n_themes=None).fit(NOTES, embeddings=np.ones((2, 3)))
    with pytest.raises(sd.InvalidInputError, match="embeddings: .*NaN"):
        model.fit(NOTES, embeddings=np.full((12, 3), np.nan))
    assert np.array_equal(model.labels_, before)


def test_the_model_saves_in_every_format_and_pickles_through_its_archive(tmp_path):
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)
    model.rename_theme(0, "Bussen")
    for fmt in ("text", "xml", "binary"):
        again = insights.ThemeModel.load_from_bytes(model._model.save_to_bytes(fmt))
        assert again == model._model
    restored = pickle.loads(pickle.dumps(model))
    assert restored._model == model._model and restored.edits_ == model.edits_
    with pytest.raises(sd.FormatError, match="pickled Themes: checksum mismatch"):
        state = model.__getstate__()
        data = bytearray(state["_model"])
        data[-3] ^= 1
        insights.Themes().__setstate__({**state, "_model": bytes(data)})


def test_an_estimator_pickled_before_the_cpp_model_loads_with_its_numbers_and_edits():
    # Written by the previous version (Themes computed in Python) from NOTES with keys n0..n11, theme 2 renamed
    # and note n11 moved into theme 0.
    with open(ROOT / "tests" / "golden" / "themes_before_model.pickle", "rb") as handle:
        old = pickle.load(handle)
    assert old.get_params()["min_theme_size"] == 2
    assert old.names_ == {2: "Vinterväghållning"} and old.edits_[-1] == {"op": "move", "note": "n11", "theme": 0}
    assert old.labels_[11] == 0 and old.themes_.loc[2, "name"] == "Vinterväghållning"
    assert list(old.predict(["Bussen kom aldrig"])) == [old.labels_[0]]


def test_the_docs_show_the_parameters_as_declared_in_cpp():
    page = (ROOT / "docs" / "insights.md").read_text(encoding="utf-8")
    shown = page.split("<!-- parameters:begin -->\n")[1].split("<!-- parameters:end -->")[0]
    assert shown == insights.parameters_markdown(), "regenerate: python scripts/update-parameter-docs.py"
    assert "| `resolution` | a number >= 0 | 1 |" in shown


def test_components_declare_their_parameters_and_the_registry_checks_them():
    with pytest.raises(sd.InvalidInputError, match="leiden: unknown parameter 'resolutoin'; known: resolution, ensemble"):
        insights.make_clusterer("leiden", params={"resolutoin": 2.0})
    assert [p.name for p in insights.clusterer_parameters("kmeans")] == ["k", "max_iterations"]
    seen = []

    class Everything(insights.Clusterer):
        def name(self):
            return "everything"

        def fit(self, input, progress=None):
            return insights.canonical_clustering([0] * input.graph.nodes)

    rounds = insights.Parameter("rounds", whole=True, lower=1, default=3, description="rounds")
    insights.register_clusterer("everything", lambda seed, params: seen.append(params) or Everything(),
                                parameters=[rounds])
    try:
        model = insights.Themes(algorithm="everything", language="sv").fit(NOTES)
        assert model.n_themes_ == 1 and seen[-1] == {"rounds": 3.0}  # its declared default, and nothing else
        with pytest.raises(sd.InvalidInputError, match="n_themes cannot be given to clusterer 'everything'"):
            insights.Themes(algorithm="everything", n_themes=2).fit(NOTES)
        with pytest.raises(sd.InvalidInputError, match="everything: rounds must be a whole number >= 1 \\(got 0\\)"):
            insights.make_clusterer("everything", params={"rounds": 0})
    finally:
        insights.unregister_clusterer("everything")


def test_threads_are_a_parameter_and_change_nothing_but_the_speed(tmp_path):
    notes = NOTES * 40
    one = insights.Themes(language="sv", seed=3, threads=1).fit(notes)
    assert one._model.options.threads == 1
    assert np.array_equal(insights.Themes(language="sv", seed=3, threads=2).fit(notes).labels_, one.labels_)
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(sd.InvalidInputError, match=f"Themes: threads must be a whole number >= 0, got {bad!r}"):
            insights.Themes(threads=bad).fit(NOTES)
    with pytest.raises(sd.InvalidInputError, match="Themes: neighbours must be a whole number >= 1, got -1"):
        insights.Themes(neighbours=-1).fit(NOTES)


# Personal data erasure (issue #19): Themes.forget.

def _storvik_notes():
    with open(sd.examples.path("storvik/notes.csv"), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [row["id"] for row in rows], [row["text"] for row in rows]


def _own_words(texts, i):
    """The words of note ``i`` (7 or more ASCII letters) that are in no other note, not even inside a word."""
    lower = [text.lower() for text in texts]
    return {word for word in re.findall(r"[a-z]{7,}", lower[i])
            if not any(word in other for j, other in enumerate(lower) if j != i)}


def _theme_rows(model):
    themes = model.themes_
    return themes.reset_index().to_dict("records") if hasattr(themes, "reset_index") else themes


@pytest.mark.parametrize("keyed", ["by text", "by index"])
def test_forget_leaves_no_trace_of_a_note_in_the_themes_or_the_pickle(keyed):
    ids, texts = _storvik_notes()
    if keyed == "by index":
        pd = pytest.importorskip("pandas")
        notes = pd.Series(texts, index=ids)
    else:
        notes = texts
    model = insights.Themes(seed=0).fit(notes, progress=False)
    # A note that themes_ shows (a representative) and that has words of its own.
    shown = [text for row in _theme_rows(model) for text in row["representatives"]]
    note = next(text for text in shown if _own_words(texts, texts.index(text)))
    i = texts.index(note)
    words, key = _own_words(texts, i), (ids[i] if keyed == "by index" else note)
    before = pickle.dumps(model).lower()
    assert all(word.encode() in before for word in words)

    assert model.forget([key], progress=False) is model
    after = pickle.dumps(model)
    for word in words:
        assert word.encode() not in after.lower(), word
        for row in _theme_rows(model):
            assert not any(word in keyword.lower() for keyword in row["keywords"]), (word, row)
            assert not any(word in text.lower() for text in row["representatives"]), (word, row)
    assert len(model.labels_) == len(model.keys_) == len(texts) - 1 and key not in model.keys_
    assert note not in list(model._model.texts)
    restored = pickle.loads(after)
    assert restored._model == model._model and np.array_equal(restored.labels_, model.labels_)


def test_forget_refuses_what_the_model_does_not_hold_and_can_forget_every_note():
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES, progress=False)
    saved, labels = model._model.save_to_bytes(), model.labels_.copy()
    with pytest.raises(sd.InvalidInputError, match="forget: 'nowhere' is not a note of the model"):
        model.forget([NOTES[0], "nowhere"], progress=False)
    with pytest.raises(sd.InvalidInputError, match="Themes.forget: keys must be a list"):
        model.forget(NOTES[0])
    with pytest.raises(sd.InvalidInputError, match="embeddings has 2 rows for 12 notes"):
        model.forget([NOTES[0]], embeddings=np.ones((2, 3)), progress=False)
    assert model._model == insights.ThemeModel.load_from_bytes(saved) and np.array_equal(model.labels_, labels)

    # Every note forgotten: no notes, no themes, no edits naming them; later themes get new numbers.
    model.rename_theme(int(labels[0]), "Bussen")
    highest = model.max_theme_id_
    assert model.forget(NOTES, progress=False) is model
    assert model.labels_.size == 0 and model.n_themes_ == 0 and model.keys_ == [] and model.edits_ == []
    assert model.names_ == {} and model.max_theme_id_ == highest
    assert b"buss" not in pickle.dumps(model).lower()
    again = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES, progress=False, previous=model)
    assert min(again.labels_) > highest
