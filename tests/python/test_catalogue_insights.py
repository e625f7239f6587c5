"""Rows 90-99 of the catalogue of bad inputs (docs/reliability.md): misuse of servicedesign.insights from Python,
answered in the library's words — the exact exception class (not a subclass), the exact message naming the
parameter, its value and what it takes — and the caller's fitted estimator unchanged. Never pybind11's "incompatible
function arguments" nor numpy's bare errors."""

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import servicedesign as sd
from servicedesign import insights

from conftest import NOTES

KEYS = [f"n{i}" for i in range(len(NOTES))]


def raises_exactly(cls, message, call, *args, **kwargs):
    with pytest.raises(Exception) as caught:
        call(*args, **kwargs)
    assert type(caught.value) is cls, f"raised {type(caught.value).__name__}: {caught.value}"
    assert str(caught.value) == message


def fitted():
    """Fitted on notes keyed n0..n11, with one edit: the state an analyst would lose."""
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(pd.Series(NOTES, index=KEYS), progress=False)
    return model.rename_theme(0, "Bussen")


def state_of(model):
    """What a fitted Themes answers: its labels, themes, keys, edits and predictions."""
    return (model.labels_.tolist(), model.themes_.to_dict("list"), model.keys_, model.edits_,
            model.predict(["Bussen kom inte", "Snöröjning"]).tolist())


class Tampered:
    """Pickles as a Themes whose state is ``state``: what a damaged or hand-edited pickle holds."""

    def __init__(self, state):
        self.state = state

    def __reduce__(self):
        return object.__new__, (insights.Themes,), self.state


# Row 90: a note, a note's key or a theme's name that is not valid Unicode text (a lone surrogate).
def test_row90_text_that_is_not_valid_unicode_is_named_by_note():
    model = fitted()
    before = state_of(model)
    raises_exactly(sd.InvalidInputError, "note 12 is not valid Unicode text: a lone surrogate '\\ud800' at character 2",
                   model.fit, NOTES + ["a \ud800 b"])
    keyed = pd.Series(NOTES + ["a \ud800 b"], index=KEYS + ["n12"], dtype=object)
    raises_exactly(sd.InvalidInputError,
                   "note 12 (key 'n12') is not valid Unicode text: a lone surrogate '\\ud800' at character 2",
                   model.fit, keyed)
    raises_exactly(sd.InvalidInputError, "the key of note 0 is not valid Unicode text: a lone surrogate '\\udc80' at "
                   "character 1", model.fit, pd.Series(NOTES, index=pd.Index(["n\udc80"] + KEYS[1:], dtype=object)))
    raises_exactly(sd.InvalidInputError, "note 1 is not valid Unicode text: a lone surrogate '\\ud800' at character 0",
                   model.predict, ["Bussen", "\ud800"])
    raises_exactly(sd.InvalidInputError, "Themes.rename_theme: name is not valid Unicode text: a lone surrogate "
                   "'\\ud800' at character 3", model.rename_theme, 0, "Bus\ud800")
    raises_exactly(sd.InvalidInputError, "Themes.split_theme: notes[0] is not valid Unicode text: a lone surrogate "
                   "'\\ud800' at character 1", model.split_theme, 0, ["n\ud800"])
    assert state_of(model) == before


# Row 91: missing values — None, NaN, pandas' NA and NaT — are empty notes, whatever holds them (as row 49).
def test_row91_every_kind_of_missing_value_is_an_empty_note():
    expected = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES + [""] * 4, progress=False).labels_
    assert expected[-4:].tolist() == [-1] * 4
    missing = [None, np.nan, pd.NA, pd.NaT]
    for notes in (NOTES + missing, pd.Series(NOTES + missing, dtype=object),
                  pd.Series(NOTES + missing, dtype="string"), np.array(NOTES + missing, dtype=object)):
        labels = insights.Themes(language="sv", neighbours=3, seed=5).fit(notes, progress=False).labels_
        assert labels.tolist() == expected.tolist()
    assert fitted().predict([None, np.float32("nan"), pd.NA, pd.NaT]).tolist() == [-1] * 4


# Row 92: embeddings that are not numbers: text, complex numbers, rows of different lengths, no columns.
def test_row92_embeddings_that_are_not_numbers_are_named():
    model = fitted()
    before = state_of(model)
    n = len(NOTES)
    raises_exactly(sd.InvalidInputError, "embeddings must be numbers (notes x dimensions), got str ('a')",
                   model.fit, NOTES, embeddings=[["a", "b"]] * n)
    raises_exactly(sd.InvalidInputError, "embeddings must be numbers (notes x dimensions), got complex (1j)",
                   model.fit, NOTES, embeddings=np.full((n, 2), 1j))
    raises_exactly(sd.InvalidInputError, "embeddings must be numbers (notes x dimensions), got str ('x')",
                   model.fit, NOTES, embeddings=np.array([[0.5, "x"]] * n, dtype=object))
    raises_exactly(sd.InvalidInputError, "embeddings must be 2-D (notes x dimensions), got rows of different lengths",
                   model.fit, NOTES, embeddings=[[1.0, 2.0]] * (n - 1) + [[1.0]])
    raises_exactly(sd.InvalidInputError, "embeddings has no columns: each note needs a vector of at least one dimension",
                   model.fit, NOTES, embeddings=np.ones((n, 0)))
    assert state_of(model) == before


# Row 93: a damaged pickle of a Themes: a field replaced, missing or of another type.
def test_row93_a_damaged_pickle_names_the_field():
    model = fitted()
    before = state_of(model)
    state = model.__getstate__()

    def load(**changed):
        return pickle.loads(pickle.dumps(Tampered({**state, **changed})))

    raises_exactly(sd.FormatError, "pickled Themes is damaged: keys_ must be the keys of the 12 notes of its model, "
                   "got str ('x')", load, keys_="x")
    raises_exactly(sd.FormatError, "pickled Themes is damaged: keys_ must be the keys of the 12 notes of its model, "
                   "got list (['n0', 'n1'])", load, keys_=["n0", "n1"])
    raises_exactly(sd.FormatError, "pickled Themes is damaged: _key_objects must be a dict of the notes' keys by their "
                   "text, got str ('x')", load, _key_objects="x")
    raises_exactly(sd.FormatError, "pickled Themes is damaged: _model must be bytes (the C++ model's archive), got str "
                   "('x')", load, _model="x")
    # A parameter is restored as set_params left it (any value) and checked by fit, as scikit-learn's are.
    odd = load(neighbours="3")
    assert odd.neighbours == "3"
    raises_exactly(sd.InvalidInputError, "Themes: neighbours must be a whole number >= 1, got '3'", odd.fit, NOTES)
    negative = pickle.loads(pickle.dumps(insights.Themes().set_params(neighbours=-1)))
    assert negative.get_params() == insights.Themes(neighbours=-1).get_params()
    without_seed = {k: v for k, v in state.items() if k != "seed"}
    raises_exactly(sd.FormatError, "pickled Themes is damaged: seed must be a whole number >= 0, got nothing (it is "
                   "missing)", pickle.loads, pickle.dumps(Tampered(without_seed)))
    raises_exactly(sd.FormatError, "pickled Themes is damaged: its state must be a dict, got str ('x')",
                   pickle.loads, pickle.dumps(Tampered("x")))
    assert state_of(model) == before
    assert state_of(load()) == before  # untouched, the same state loads


# Row 94: parameters of Themes of the wrong kind (checked by fit, as scikit-learn's are).
def test_row94_parameters_of_the_wrong_kind_are_named():
    model = fitted()
    before = state_of(model)
    params = model.get_params()
    for changed, message in [
        (dict(neighbours="3"), "Themes: neighbours must be a whole number >= 1, got '3'"),
        (dict(neighbours=3.0), "Themes: neighbours must be a whole number >= 1, got 3.0"),
        (dict(keywords=True), "Themes: keywords must be a whole number >= 0, got True"),
        (dict(seed=2**70), "Themes: seed must be a whole number below 2**64, got 1180591620717411303424"),
        (dict(n_themes="3", algorithm="kmeans"), "Themes: n_themes must be None or a whole number >= 1, got '3'"),
        (dict(resolution=float("inf")), "Themes: resolution must be 'auto' or a positive finite number, got inf"),
        (dict(resolution=float("nan")), "Themes: resolution must be 'auto' or a positive finite number, got nan"),
        (dict(resolution=True), "Themes: resolution must be 'auto' or a positive finite number, got True"),
        (dict(max_df="0.9"), "Themes: max_df must be a number in (0, 1], got '0.9'"),
        (dict(min_similarity=None), "Themes: min_similarity must be a number in [0, 1), got None"),
        (dict(threshold="high", algorithm="average"), "Themes: threshold must be None or a number, got 'high'"),
        (dict(min_theme_size=2.0), "Themes: min_theme_size must be a whole number >= 1, got 2.0"),
        (dict(algorithm=None), "Themes: algorithm must be the name of a registered clusterer (average, hdbscan, "
                               "kmeans, leiden), got None"),
        (dict(weighting=3), "Themes: weighting must be the name of a registered representation (bm25, tfidf), got 3"),
        (dict(language=["sv"]), "Themes: language must be None or a language code (sv, no, nb, nn, da, en), got ['sv']"),
    ]:
        raises_exactly(sd.InvalidInputError, message, model.set_params(**changed).fit, NOTES, progress=False)
        model.set_params(**params)
    raises_exactly(sd.InvalidInputError, "invalid parameter 'colour' for Themes; valid: " + ", ".join(params),
                   model.set_params, colour="red")
    # A refused set_params changes nothing, not even the names before the unknown one.
    raises_exactly(sd.InvalidInputError, "invalid parameter 'colour' for Themes; valid: " + ", ".join(params),
                   model.set_params, neighbours=5, colour="red")
    assert model.get_params() == params
    assert state_of(model) == before


# Row 95: notes given as something other than a sequence of notes, to fit or predict.
def test_row95_notes_that_are_not_a_sequence_of_notes():
    model = fitted()
    before = state_of(model)
    raises_exactly(sd.InvalidInputError, "Themes.fit: X must be a sequence of notes, got a single str ('Bussen är "
                   "sen'); give a list: [note]", model.fit, "Bussen är sen")
    raises_exactly(sd.InvalidInputError, "Themes.fit: X must be a list, tuple, numpy array or pandas Series of notes "
                   "(str), got NoneType (None)", model.fit, None)
    raises_exactly(sd.InvalidInputError, "Themes.fit: X must be one column of text, got the shape (12, 2)",
                   model.fit, pd.DataFrame({"a": NOTES, "b": NOTES}))
    raises_exactly(sd.InvalidInputError, "Themes.predict: X must be a sequence of notes, got a single str ('Bussen'); "
                   "give a list: [note]", model.predict, "Bussen")
    raises_exactly(sd.InvalidInputError, "Themes.predict: X must be a list, tuple, numpy array or pandas Series of "
                   "notes (str), got int (3)", model.predict, 3)
    raises_exactly(TypeError, "note 1 is of type int, not str", model.predict, ["Bussen", 3])  # as row 50
    assert state_of(model) == before


# Row 96: fit's progress= and previous= misused.
def test_row96_progress_and_previous_that_do_not_fit():
    model = fitted()
    before = state_of(model)
    raises_exactly(sd.InvalidInputError, "Themes.fit: progress must be True, False, None or a callable "
                   "progress(stage, fraction), got str ('yes')", model.fit, NOTES, progress="yes")
    raises_exactly(sd.InvalidInputError, "Themes.fit: previous is a Themes that has not been fitted; fit it, or give "
                   "the theme numbers of the notes", model.fit, NOTES, previous=insights.Themes())
    raises_exactly(sd.InvalidInputError, "Themes.fit: previous must be a fitted Themes or the theme numbers of the "
                   "notes (whole numbers, -1 for notes that are new), got str ('old.pickle')",
                   model.fit, NOTES, previous="old.pickle")
    raises_exactly(sd.InvalidInputError, "Themes.fit: previous must be a fitted Themes or the theme numbers of the "
                   "notes (whole numbers, -1 for notes that are new), got list ([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])",
                   model.fit, NOTES, previous=[0.5] + [0] * 11)
    raises_exactly(sd.InvalidInputError, "Themes.fit: previous must hold theme numbers from -1 to 2147483647, got "
                   "4294967296 for note 3", model.fit, NOTES, previous=[0, 0, 0, 2**32] + [0] * 8)
    assert state_of(model) == before
    # Whole numbers as floats, as pandas' reindex and fillna leave them, are theme numbers.
    labels = pd.Series(model.labels_, index=KEYS, dtype=float)
    assert model.fit(pd.Series(NOTES, index=KEYS), previous=labels, progress=False).labels_.tolist() == before[0]


# Row 97: predict, an edit or the hierarchy before fit.
def test_row97_before_fit():
    unfitted = insights.Themes()
    for method, args in [("predict", (["Bussen"],)), ("merge_themes", (0, 1)), ("split_theme", (0, ["n0"])),
                         ("move_note", ("n0", 0)), ("pin_theme", (0,)), ("rename_theme", (0, "Bussen")),
                         ("hierarchy", ())]:
        with pytest.raises(insights.NotFittedError) as caught:
            getattr(unfitted, method)(*args)
        # Ours, or (once scikit-learn is loaded) ours that is also scikit-learn's: a class made for the purpose.
        assert type(caught.value).__name__ == "NotFittedError"
        assert str(caught.value) == "Themes is not fitted yet: call fit() first"
    assert not hasattr(unfitted, "labels_")


# Row 98: edits that name no theme or no note, or give values of the wrong kind.
def test_row98_edits_with_unknown_themes_or_values_of_the_wrong_kind():
    model = fitted()
    before = state_of(model)
    raises_exactly(sd.NotFoundError, "Themes.merge_themes: there is no theme 99 (the themes are 0, 1, 2)",
                   model.merge_themes, 99, 0)
    raises_exactly(sd.InvalidInputError, "Themes.merge_themes: into and other are both theme 1; give two themes",
                   model.merge_themes, 1, 1)
    raises_exactly(sd.InvalidInputError, "Themes.merge_themes: other must be a theme number (a whole number), got str "
                   "('1')", model.merge_themes, 0, "1")
    raises_exactly(sd.InvalidInputError, "Themes.pin_theme: theme must be a theme number (a whole number), got float "
                   "(1.5)", model.pin_theme, 1.5)
    raises_exactly(sd.InvalidInputError, "Themes.move_note: theme must be a theme number (a whole number), got "
                   "NoneType (None)", model.move_note, "n0", None)
    raises_exactly(sd.InvalidInputError, "'n99' is not a note with content words (fillers and empty notes stay outside "
                   "themes)", model.move_note, "n99", 1)
    raises_exactly(sd.InvalidInputError, "Themes.split_theme: notes must be a list of the notes' keys (the pandas "
                   "index, else the texts), got str ('n0')", model.split_theme, 0, "n0")
    raises_exactly(sd.InvalidInputError, "split_theme: 'n4' is not a note of theme 0", model.split_theme, 0, ["n4"])
    raises_exactly(sd.InvalidInputError, "Themes.rename_theme: name must be a str, got NoneType (None)",
                   model.rename_theme, 0, None)
    assert state_of(model) == before


# Row 99: the metrics given labels that are not labels, and labels of any kind compared as categories.
def test_row99_metrics_name_labels_that_are_not_labels():
    raises_exactly(sd.InvalidInputError, "adjusted_rand_score: labels_true must be a sequence of labels, one per note, "
                   "got NoneType (None)", insights.adjusted_rand_score, None, [0, 1])
    raises_exactly(sd.InvalidInputError, "normalized_mutual_info_score: labels_pred must be a sequence of labels, one "
                   "per note, got str ('ab')", insights.normalized_mutual_info_score, [0, 1], "ab")
    raises_exactly(sd.InvalidInputError, "v_measure_score: labels_true must be one label per note, got list ([[0, 1]])",
                   insights.v_measure_score, [[0, 1]], [0, 1])
    x = fitted()._x
    raises_exactly(sd.InvalidInputError, "silhouette_score: x must be a SparseMatrix (e.g. Vectorizer().fit_transform(…)), "
                   "got list ([[1.0, 0.0]])", insights.silhouette_score, [[1.0, 0.0]], [0])
    raises_exactly(sd.InvalidInputError, "silhouette_score: labels must be theme numbers (whole numbers, -1 for notes "
                   "left out), one per row of x, got list (['a', 'b'])", insights.silhouette_score, x, ["a", "b"])
    # Categories, not numbers: 2**40 is not 0 (C++ reads 32 bits), and labels of mixed kinds need no order.
    assert insights.adjusted_rand_score([2**40, 2**40, 0, 0], [0, 0, 1, 1]) == pytest.approx(1.0)
    assert insights.adjusted_rand_score([1, 1, "a", None], [0, 0, 1, 2]) == pytest.approx(1.0)


# Row 115: embeddings with a finite value beyond what a 32-bit float holds, named instead of becoming infinite
# (with numpy's overflow warning) and then being called infinite.
def test_row115_embeddings_beyond_32_bit_floats():
    model = fitted()
    before = state_of(model)
    huge = np.zeros((len(NOTES), 3))
    huge[2, 1] = 1e300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        raises_exactly(sd.InvalidInputError, "embeddings: note 2, column 1: 1e+300 is beyond the range of the 32-bit "
                       "floats the neighbour search uses", model.fit, NOTES, embeddings=huge)
    assert state_of(model) == before
