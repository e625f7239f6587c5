"""The insights part from Python: pipeline, vectors, Leiden, labels, metrics, the Themes estimator and a
clusterer written in Python used through the C++ registry."""

import pickle

import numpy as np
import pandas as pd
import pytest

import servicedesign as sd
from servicedesign import insights

from conftest import NOTES, TOPIC



def test_pipeline_keeps_nordic_letters_and_detects_language():
    pipeline = insights.TextPipeline()
    terms, language, filler = pipeline.process("Väntetiderna på kundtjänst är för långa")
    assert language == "sv" and not filler
    assert "väntetid" in terms
    assert pipeline.surface_form("väntetid") == "väntetiderna"
    assert insights.is_filler("vet inte")
    with pytest.raises(sd.InvalidInputError, match="accepted"):
        insights.TextPipeline(language="xx")


def test_themes_estimator_finds_the_topics_with_real_word_labels():
    model = insights.Themes(language="sv", neighbours=3, seed=5, keywords=3)
    labels = model.fit_predict(pd.Series(NOTES, index=[f"n{i}" for i in range(12)]))
    assert model.n_themes_ == 3
    assert insights.adjusted_rand_score(TOPIC, labels) == pytest.approx(1.0)
    assert list(model.themes_["size"]) == [4, 4, 4]
    words = {w for ks in model.themes_["keywords"] for w in ks}
    assert {"bussen", "biblioteket", "snöröjningen"} <= words
    assert all(r in NOTES for rs in model.themes_["representatives"] for r in rs)
    # The same seed gives the same themes; new notes go to the nearest theme.
    assert np.array_equal(insights.Themes(language="sv", neighbours=3, seed=5).fit_predict(NOTES), labels)
    new = model.predict(["Bussen kom inte alls", "Biblioteket stänger tidigt", "vet inte"])
    assert list(new[:2]) == [labels[0], labels[4]] and new[2] == -1


def test_themes_keep_their_numbers_when_notes_are_added():
    first = insights.Themes(language="sv", neighbours=3, seed=5).fit(pd.Series(NOTES, index=range(12)))
    more = NOTES + ["Bussen till skolan är alltid full", "Biblioteket har inga nya böcker"]
    # Another seed numbers the themes differently; previous= maps them back, aligned by index.
    second = insights.Themes(language="sv", neighbours=3, seed=11).fit(
        pd.Series(more, index=range(14)), previous=pd.Series(first.labels_, index=range(12)))
    assert np.array_equal(second.labels_[:12], first.labels_)
    assert second.labels_[12] == first.labels_[0] and second.labels_[13] == first.labels_[4]
    assert sorted(second.themes_.index) == sorted(first.themes_.index)
    assert list(second.predict(["Bussen kom aldrig"])) == [first.labels_[0]]
    # Unpickled, predict keeps the stable numbers (only the preprocessing is rebuilt, not the themes).
    assert list(pickle.loads(pickle.dumps(second)).predict(["Bussen kom aldrig"])) == [first.labels_[0]]
    with pytest.raises(ValueError, match="previous has 2 labels"):
        insights.Themes().fit(NOTES, previous=[0, 1])


def test_copies_are_reported_and_shown_once():
    notes = NOTES + ["Bussen kommer för sent till hållplatsen!", "sent kommer bussen till hållplatsen"] * 3
    model = insights.Themes(language="sv", neighbours=3, seed=5, char_ngrams=0).fit(notes)  # word overlap only
    assert list(model.duplicate_of_[12:]) == [0] * 6  # same content words, any order, as note 0
    assert list(model.duplicate_of_[:12]) == list(range(12))
    assert all(label == model.labels_[0] for label in model.labels_[12:])
    assert model.themes_.loc[model.labels_[0], "size"] == 10  # 4 + 6 copies: the largest theme, number 0
    assert model.labels_[0] == 0
    representatives = model.themes_.loc[0, "representatives"]
    assert len(representatives) == len(set(representatives))
    assert insights.adjusted_rand_score(TOPIC, model.labels_[:12]) == pytest.approx(1.0)
    copies = model.copies_  # collapsed with counts: note 0 and its six copies
    assert list(copies["note"]) == [NOTES[0]] and list(copies["copies"]) == [7] and list(copies["theme"]) == [0]


def test_near_copies_point_to_an_earlier_distinct_note_of_similarity_at_least_the_threshold():
    long = "Bussen kommer för sent till hållplatsen vid skolan varje morgon och eleverna fryser i kylan"
    notes = NOTES + [long, long + " länge", long.replace("morgon", "kväll")]
    model = insights.Themes(language="sv", seed=5).fit(notes)
    graph = insights.knn_graph(model._x, neighbours=model.neighbours)
    indptr, neighbour, weight = graph.to_arrays()
    similarity = {int(n): float(w) for n, w in zip(neighbour[indptr[13]:indptr[14]], weight[indptr[13]:indptr[14]])}
    assert 0.9 <= similarity[12] < 1 and similarity[14] < 0.9  # the test's premise: one word more is a near copy
    assert list(model.duplicate_of_[12:]) == [12, 12, 14]  # "kväll" for "morgon" is not (0.83 to note 12)
    assert list(model.duplicate_of_[:12]) == list(range(12))
    assert model.copies_.to_dict("records") == [{"note": long, "text": long, "copies": 2, "theme": model.labels_[12]}]
    # duplicate_similarity=None: equal content words only; a stricter threshold finds fewer.
    assert list(insights.Themes(language="sv", seed=5, duplicate_similarity=None).fit(notes).duplicate_of_[12:]) == [12, 13, 14]
    assert list(insights.Themes(language="sv", seed=5, duplicate_similarity=0.95).fit(notes).duplicate_of_[12:]) == [12, 13, 14]
    # A text repeated more often than a note has neighbours sees only its own copies in the graph: its near
    # copies are found all the same (a reviewer's case).
    repeated = ["my card was declined at the shop"] * 12 + ["card declined at the shop today"] * 12
    frequent = insights.Themes(language="en", duplicate_similarity=0.5).fit(repeated)
    assert list(frequent.duplicate_of_) == [0] * 24 and list(frequent.copies_["copies"]) == [24]
    assert list(insights.Themes(language="en").fit(repeated).duplicate_of_) == [0] * 12 + [12] * 12
    # Copies stay in the themes: the same themes with or without them reported.
    assert np.array_equal(model.labels_, insights.Themes(language="sv", seed=5, duplicate_similarity=None).fit(notes).labels_)
    for bad in (0, 1.5, "high", True):
        with pytest.raises(sd.InvalidInputError, match="Themes: duplicate_similarity must be None or a number in"):
            insights.Themes(duplicate_similarity=bad).fit(NOTES)
    assert insights.Themes(duplicate_similarity=np.float32(0.9), min_theme_size=np.int64(2)).fit(NOTES).n_themes_ >= 1


def _state_pickled_before_the_model() -> dict:
    """The state dict of tests/golden/themes_before_model.pickle, as the version before the C++ model pickled it."""
    import pathlib

    class Raw:
        def __setstate__(self, state):
            self.state = state

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            return Raw if (module, name) == ("servicedesign.insights", "Themes") else super().find_class(module, name)

    golden = pathlib.Path(__file__).resolve().parents[1] / "golden" / "themes_before_model.pickle"
    with open(golden, "rb") as handle:
        return Unpickler(handle).load().state


def test_an_estimator_pickled_before_the_new_parameters_behaves_as_it_did():
    state = _state_pickled_before_the_model()
    for added in ("min_theme_size", "duplicate_similarity", "copies_"):  # as pickled by an even earlier version
        del state[added]
    old = insights.Themes.__new__(insights.Themes)
    old.__setstate__(state)
    assert old.get_params()["min_theme_size"] == 1 and old.get_params()["duplicate_similarity"] is None
    assert len(old.copies_) == 0 and "min_theme_size=1" in repr(old)
    assert np.array_equal(old.labels_, state["labels_"]) and old.edits_ == state["edits_"]
    assert np.array_equal(pickle.loads(pickle.dumps(old)).labels_, old.labels_)


def test_fillers_and_empty_notes_are_kept_out_of_themes():
    model = insights.Themes(language="sv", neighbours=3).fit(NOTES + ["vet inte", "", None, "-"])
    assert list(model.labels_[-4:]) == [-1, -1, -1, -1]
    assert model.fillers_[-4] and model.fillers_[-1]
    with pytest.raises(TypeError, match="note 0"):
        insights.Themes().fit([3.5])


def test_progress_reports_stages_and_can_stop():
    seen = []
    insights.Themes(language="sv", neighbours=3).fit(NOTES, progress=lambda stage, f: seen.append((stage, f)))
    stages = [stage for stage, _ in seen]
    assert stages[0] == "text pipeline" and stages[-1] == "done" and "leiden" in stages and "labels" in stages
    assert [f for _, f in seen] == sorted(f for _, f in seen)
    for stop_at in ("vectors", "leiden"):
        with pytest.raises(KeyboardInterrupt):
            insights.Themes(language="sv").fit(NOTES, progress=lambda stage, f: stage != stop_at)


def _ring_of_cliques(cliques: int, size: int) -> "insights.NeighbourGraph":
    u, v = [], []
    for c in range(cliques):
        base = c * size
        for i in range(size):
            for j in range(i + 1, size):
                u.append(base + i), v.append(base + j)
        u.append(base), v.append(((c + 1) % cliques) * size + 1)
    return insights.NeighbourGraph.from_edges(cliques * size, u, v, [1.0] * len(u))


def test_automatic_resolution_overcomes_the_resolution_limit():
    # 30 cliques of five in a ring: modularity at resolution 1 joins neighbouring cliques; the automatic choice
    # finds where the cliques beat the shuffled graph most, and there every clique is a theme.
    graph = _ring_of_cliques(30, 5)
    cliques = np.repeat(np.arange(30), 5)
    fixed = insights.LeidenClusterer(resolution=1.0, seed=1, ensemble=8).fit(insights.ClusterInput(graph=graph))
    assert fixed.themes < 30 and fixed.resolution == 1.0
    chosen = insights.LeidenClusterer(resolution=0, seed=1, ensemble=8).fit(insights.ClusterInput(graph=graph))
    assert chosen.themes == 30 and insights.adjusted_rand_score(cliques, chosen.labels) == pytest.approx(1.0)
    choice = insights.choose_resolution(graph, seed=1)
    assert chosen.resolution == choice.resolution > 2
    points = choice.profile
    assert [p.resolution for p in points] == sorted(p.resolution for p in points) and len(points) >= 5
    assert all(p.excess == pytest.approx(p.modularity - p.shuffled_modularity) for p in points)
    best = max(points, key=lambda p: p.excess)
    assert abs(np.log2(choice.resolution / best.resolution)) <= 0.25 + 1e-12
    assert insights.choose_resolution(graph, seed=1).resolution == choice.resolution  # reproducible


def test_the_text_pipeline_reports_progress_and_can_be_stopped():
    notes = NOTES * 200  # 2,400 notes: the pipeline reports at notes 0, 1,024 and 2,048
    seen = []
    insights.Themes(language="sv").fit(notes, progress=lambda stage, f: seen.append((stage, f)))
    pipeline = [f for stage, f in seen if stage == "text pipeline"]
    assert len(pipeline) >= 3 and pipeline == sorted(pipeline) and pipeline[-1] < 0.2
    model = insights.Themes(language="sv")
    with pytest.raises(KeyboardInterrupt, match="text pipeline"):
        model.fit(notes, progress=lambda stage, f: not (stage == "text pipeline" and f > 0))
    assert not hasattr(model, "labels_")


def test_tiny_themes_join_the_theme_they_are_most_linked_to():
    # At resolution 8 Leiden splinters the three topics of NOTES into single notes; by default (min_theme_size 2)
    # each joins the theme it is most linked to, which gives back the three topics found at resolution 1.
    splintered = insights.Themes(language="sv", seed=1, resolution=8.0, min_theme_size=1).fit(NOTES)
    assert splintered.n_themes_ == len(NOTES)
    absorbed = insights.Themes(language="sv", seed=1, resolution=8.0).fit(NOTES)
    plain = insights.Themes(language="sv", seed=1, resolution=1.0).fit(NOTES)
    assert absorbed.n_themes_ == 3 and insights.adjusted_rand_score(plain.labels_, absorbed.labels_) == 1.0
    assert sorted(absorbed.themes_["size"]) == [4, 4, 4]
    # quality_ is the modularity of the themes returned, not of the splinters.
    graph = insights.knn_graph(absorbed._x, neighbours=absorbed.neighbours)
    assert absorbed.quality_ == pytest.approx(insights.modularity(graph, absorbed.labels_, 8.0))
    # Told the number of themes, it keeps them as found; a bad value is named.
    assert insights.Themes(algorithm="kmeans", n_themes=6, language="sv", min_theme_size=5).fit(NOTES).n_themes_ == 6
    for bad in (0, 2.5, "3", True):
        with pytest.raises(sd.InvalidInputError, match=f"Themes: min_theme_size must be a whole number >= 1, got {bad!r}"):
            insights.Themes(min_theme_size=bad).fit(NOTES)


def test_themes_with_automatic_resolution_report_it_and_reproduce():
    model = insights.Themes(language="sv", neighbours=3, seed=5, resolution="auto").fit(NOTES)
    assert model.get_params()["resolution"] == "auto"  # the parameter stays as given; the choice is resolution_
    assert isinstance(model.resolution_, float) and model.resolution_ > 0
    assert insights.adjusted_rand_score(TOPIC, model.labels_) == pytest.approx(1.0)
    again = insights.Themes(language="sv", neighbours=3, seed=5, resolution="auto").fit(NOTES)
    assert again.resolution_ == model.resolution_ and np.array_equal(again.labels_, model.labels_)
    # A number overrides the choice; other algorithms have no resolution.
    assert insights.Themes(language="sv", neighbours=3, seed=5, resolution=1.5).fit(NOTES).resolution_ == 1.5
    assert insights.Themes(algorithm="kmeans", n_themes=3, language="sv").fit(NOTES).resolution_ is None
    assert insights.Themes(resolution="auto").fit(["vet inte"]).resolution_ is None  # no note to cluster
    for bad in ("fast", 0, -1.0, float("nan")):
        with pytest.raises(sd.InvalidInputError, match="Themes: resolution must be 'auto' or a positive finite number"):
            insights.Themes(resolution=bad).fit(NOTES)
    again = pickle.loads(pickle.dumps(model))
    assert again.resolution_ == model.resolution_ and again.resolution == "auto"


def test_automatic_resolution_reports_progress_and_can_stop():
    seen = []
    insights.Themes(language="sv", neighbours=3, resolution="auto").fit(NOTES, progress=lambda s, f: seen.append((s, f)))
    assert [f for _, f in seen] == sorted(f for _, f in seen)
    leiden = [f for s, f in seen if s == "leiden"]
    assert leiden and min(leiden) < 0.75 < max(leiden)  # the search (first half of the stage) and the themes

    def stop_in_search(stage, fraction):
        if stage == "leiden" and fraction < 0.7:
            raise KeyboardInterrupt("stop")
        return True

    model = insights.Themes(language="sv", neighbours=3)
    with pytest.raises(KeyboardInterrupt):
        model.set_params(resolution="auto").fit(NOTES, progress=stop_in_search)
    assert not hasattr(model, "labels_")
    with pytest.raises(KeyboardInterrupt):
        insights.choose_resolution(_ring_of_cliques(30, 5), progress=lambda stage, fraction: stage != "resolution")


def test_kmeans_when_the_number_of_themes_is_known():
    model = insights.Themes(algorithm="kmeans", n_themes=3, language="sv", seed=1).fit(NOTES)
    assert model.n_themes_ == 3
    assert insights.adjusted_rand_score(TOPIC, model.labels_) > 0.5
    with pytest.raises(sd.InvalidInputError, match="needs the parameter k"):
        insights.Themes(algorithm="kmeans").fit(NOTES)


def test_params_protocol_repr_and_pickling():
    model = insights.Themes(resolution=1.5, seed=2)
    assert model.get_params()["resolution"] == 1.5
    assert model.set_params(neighbours=4) is model and model.neighbours == 4
    with pytest.raises(sd.InvalidInputError, match="invalid parameter"):
        model.set_params(colour="red")
    assert repr(model) == "Themes(resolution=1.5, neighbours=4, seed=2)"
    model.set_params(neighbours=3, language="sv").fit(NOTES)
    again = pickle.loads(pickle.dumps(model))
    assert np.array_equal(again.labels_, model.labels_)
    assert np.array_equal(again.predict(NOTES[:2]), model.predict(NOTES[:2]))


def test_repr_html_lists_the_themes_escaped():
    assert insights.Themes()._repr_html_() is None  # not fitted: notebooks fall back to repr()
    # The bus notes are long and carry markup, so that the bus theme's typical note is both.
    notes = ["<i>Obs</i> " + note + ", och vi väntar" * 12 if note.startswith("Bussen") else note for note in NOTES]
    model = insights.Themes(language="sv", neighbours=3, seed=5, keywords=3, representatives=1)
    model.fit(notes + ["vet inte"])
    model.rename_theme(0, "Buss & <hållplats>")
    page = model._repr_html_()
    assert page.count("<tr><td>") == model.n_themes_ == 3
    assert f"3 themes in {len(notes) + 1} notes, 1 outside any theme" in page
    assert f"; resolution {model.resolution_:.3g} (chosen for the notes)" in page and "copies of others" not in page
    with_copies = insights.Themes(language="sv", neighbours=3, resolution=1.0).fit(NOTES + NOTES[:2])._repr_html_()
    assert "; resolution 1 ;" not in with_copies and "resolution 1; 2 notes are copies of others (copies_)" in with_copies
    assert "<td>Buss &amp; &lt;hållplats&gt;</td>" in page
    assert "&lt;i&gt;Obs&lt;/i&gt;" in page and "<i>" not in page
    assert "…</td>" in page and not any(note.replace("<", "&lt;").replace(">", "&gt;") in page
                                        for note in notes if len(note) > 120)  # long notes shortened
    for theme, row in model.themes_.iterrows():
        assert f"<tr><td>{theme}</td>" in page and ", ".join(row["keywords"]) in page


def test_a_clusterer_written_in_python_is_used_through_the_registry():
    class FirstWord(insights.Clusterer):
        """Notes whose vectors share their first column go together (a toy rule)."""

        def name(self):
            return "first-column"

        def fit(self, input, progress=None):
            data, indices, indptr = input.vectors.to_arrays()
            first = [int(indices[indptr[i]]) if indptr[i + 1] > indptr[i] else -1 for i in range(len(input))]
            return insights.canonical_clustering(first)

    insights.register_clusterer("first-column", lambda seed, params: FirstWord())
    assert "first-column" in insights.clusterer_names()
    made = insights.make_clusterer("first-column")
    assert made.name() == "first-column"
    model = insights.Themes(algorithm="first-column", language="sv").fit(NOTES)
    assert model.n_themes_ >= 3 and (model.labels_ >= 0).all()
    with pytest.raises(sd.NotFoundError, match="leiden"):
        insights.make_clusterer("no-such-method")
    assert insights.unregister_clusterer("first-column")
    assert "first-column" not in insights.clusterer_names()


class _StemSets(insights.Representation):
    """Each note as the set of its stems (presence, unit rows): cosine is the overlap of the sets."""

    def name(self):
        return "stem-sets"

    def fit(self, documents):
        self.columns = {term: k for k, term in enumerate(sorted({t for doc in documents for t in doc}))}

    def transform(self, documents):
        data, indices, indptr = [], [], [0]
        for doc in documents:
            cols = sorted({self.columns[t] for t in doc if t in self.columns})
            indices += cols
            data += [1 / np.sqrt(len(cols))] * len(cols) if cols else []
            indptr.append(len(indices))
        return insights.SparseMatrix.from_arrays(data, indices, indptr, (len(documents), len(self.columns)))


class _SharedStems(insights.Similarity):
    """Links notes that share at least `min_shared` stems, weighted by the overlap's cosine (a similarity in (0, 1])."""

    def __init__(self, min_shared):
        super().__init__()
        self.min_shared = min_shared
        self.calls = 0

    def name(self):
        return "shared-stems"

    def graph(self, x, neighbours, min_similarity):
        self.calls += 1
        data, indices, indptr = x.to_arrays()
        sets = [set(indices[indptr[i]:indptr[i + 1]].tolist()) for i in range(x.shape[0])]
        u, v, w = [], [], []
        for i in range(len(sets)):
            for j in range(i + 1, len(sets)):
                if len(sets[i] & sets[j]) >= self.min_shared:
                    u.append(i), v.append(j), w.append(len(sets[i] & sets[j]) / np.sqrt(len(sets[i]) * len(sets[j])))
        return insights.NeighbourGraph.from_edges(len(sets), u, v, w)


def test_a_representation_and_a_similarity_written_in_python_are_used_through_the_registries(tmp_path, capsys):
    import csv

    from servicedesign.cli import main

    assert {"tfidf", "bm25"} <= set(insights.representation_names()) and "cosine" in insights.similarity_names()
    made = []
    insights.register_representation("stem-sets", lambda seed, params: _StemSets())
    insights.register_similarity("shared-stems", lambda seed, params: made.append(_SharedStems(2)) or made[-1])
    try:
        model = insights.Themes(language="sv", weighting="stem-sets", similarity="shared-stems", seed=1).fit(NOTES)
        assert made and made[-1].calls == 1  # the registry made ours and the pipeline called it
        data, _, indptr = model._x.to_arrays()  # our rows, not TF-IDF: 1/sqrt(stems) on each stem of a note
        assert all(np.allclose(data[indptr[i]:indptr[i + 1]], 1 / np.sqrt(indptr[i + 1] - indptr[i]))
                   for i in range(len(indptr) - 1))
        # Linked only where two stems are shared: bus notes 0, 2, 3; library notes 4, 5, 7; snow notes 8, 11; the
        # notes sharing one stem with each other note (1, 6, 9, 10) stay alone (no link: not even absorbed).
        expected = [0, 1, 0, 0, 2, 2, 3, 2, 4, 5, 6, 4]
        assert insights.adjusted_rand_score(expected, model.labels_) == pytest.approx(1.0)
        assert list(model.duplicate_of_) == list(range(12))  # overlaps of at most 0.5: no note is a near copy
        assert list(model.predict(["Bussen kommer för sent"])) == [model.labels_[0]]  # transform() of new notes
        # Pickled and restored, the representation is made again from the registry.
        assert list(pickle.loads(pickle.dumps(model)).predict(["Bussen kommer för sent"])) == [model.labels_[0]]
        # The command line takes them by name too.
        notes = tmp_path / "notes.csv"
        with open(notes, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([["text"]] + [[n] for n in NOTES])
        assert main(["cluster", str(notes), "--lang", "sv", "--representation", "stem-sets", "--similarity",
                     "shared-stems", "--out", str(tmp_path / "out.csv")]) == 0
        assert "7 themes" in capsys.readouterr().out
        with pytest.raises(ValueError, match="cannot be combined with embeddings or lsa"):
            insights.Themes(language="sv", similarity="shared-stems", lsa=5).fit(NOTES)
        # A similarity's weights must be similarities in (0, 1]: counts would break near copies and HDBSCAN*.
        counts = _SharedStems(2)
        counts.graph = lambda x, neighbours, min_similarity: insights.NeighbourGraph.from_edges(x.shape[0], [0], [2], [2.0])
        insights.register_similarity("counts", lambda seed, params: counts)
        with pytest.raises(ValueError, match=r"similarity 'counts' returned a link weight of 2; weights must be similarities in \(0, 1\]"):
            insights.Themes(language="sv", similarity="counts").fit(NOTES)
        assert insights.unregister_similarity("counts")
    finally:
        assert insights.unregister_similarity("shared-stems") and insights.unregister_representation("stem-sets")
    with pytest.raises(sd.NotFoundError, match="unknown representation 'stem-sets'; known: bm25, tfidf"):
        insights.Themes(weighting="stem-sets").fit(NOTES)
    with pytest.raises(sd.NotFoundError, match="unknown similarity 'shared-stems'; known: cosine"):
        insights.Themes(similarity="shared-stems").fit(NOTES)
    # The built-ins by name are the Vectorizer and knn_graph.
    bm25 = insights.make_representation("bm25", params={"char_ngrams": 3})
    docs = [["buss", "sen"], ["buss"], ["bok"]]
    bm25.fit(docs)
    reference = insights.Vectorizer(weighting="bm25", char_ngrams=3).fit_transform(docs)
    assert np.array_equal(bm25.transform(docs).to_arrays()[0], reference.to_arrays()[0])
    with pytest.raises(KeyboardInterrupt):  # progress reaches a similarity that reports (Ctrl-C too)
        insights.make_similarity("cosine").graph(reference, neighbours=1, progress=lambda stage, f: False)
    cosine = insights.make_similarity("cosine").graph(reference, neighbours=1)
    assert cosine.to_arrays()[1].tolist() == insights.knn_graph(reference, neighbours=1).to_arrays()[1].tolist()
    with pytest.raises(sd.InvalidInputError, match="char_ngrams must be a whole number"):
        insights.make_representation("tfidf", params={"char_ngrams": 1.5})


def test_vectors_graph_and_metrics_from_numpy():
    vectorizer = insights.Vectorizer()
    x = vectorizer.fit_transform([["buss", "sen"], ["buss"], ["bok"]])
    data, indices, indptr = x.to_arrays()
    assert x.shape == (3, 3) and list(indptr) == [0, 2, 3, 4]
    assert np.allclose([np.linalg.norm(data[indptr[i]:indptr[i + 1]]) for i in range(3)], 1.0)
    graph = insights.knn_graph(x, neighbours=1)
    assert graph.edges == 1  # buss-sen with buss; bok shares nothing
    with pytest.raises(sd.InvalidInputError, match="NaN"):
        insights.SparseMatrix.from_arrays([np.nan], [0], [0, 1], (1, 1))
    with pytest.raises(sd.InvalidInputError, match="same length"):
        insights.NeighbourGraph.from_edges(3, [0], [1, 2], [1.0])
    assert insights.adjusted_rand_score([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.24242424242424246)
    assert insights.normalized_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0]) == pytest.approx(1.0)
    with pytest.raises(sd.InvalidInputError, match="different lengths"):
        insights.adjusted_rand_score([0, 1], [0])


def test_cli_cluster_writes_themes_and_labels(tmp_path, capsys):
    import csv

    from servicedesign.cli import main

    notes = tmp_path / "notes.csv"
    with open(notes, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([[f"n{i}", text] for i, text in enumerate(NOTES + ["vet inte"])])
    out, labels = tmp_path / "themes.csv", tmp_path / "labels.csv"
    assert main(["cluster", str(notes), "--lang", "sv", "--neighbours", "3", "--seed", "5", "--out", str(out),
                 "--labels", str(labels)]) == 0
    assert "3 themes, 1 fillers" in capsys.readouterr().out
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [f"n{i}" for i in range(13)] and rows[-1]["theme"] == "-1"
    assert insights.adjusted_rand_score(TOPIC, [int(r["theme"]) for r in rows[:12]]) == pytest.approx(1.0)
    with open(labels, newline="", encoding="utf-8") as handle:
        themes = list(csv.DictReader(handle))
    assert len(themes) == 3 and all(t["size"] == "4" and t["representative"] in NOTES for t in themes)
    assert main(["cluster", str(notes), "--lang", "sv", "--neighbours", "3", "--seed", "5", "--resolution", "auto",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 themes, 1 fillers" in printed and ", resolution " in printed
    # Splintered at resolution 8: every note its own theme with --min-theme-size 1, the three topics by default.
    for flags, printed_themes in ((["--min-theme-size", "1"], "12 themes"), ([], "3 themes")):
        assert main(["cluster", str(notes), "--lang", "sv", "--neighbours", "3", "--resolution", "8", *flags,
                     "--out", str(out)]) == 0
        assert printed_themes + ", 1 fillers" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["cluster", str(notes), "--resolution", "fast", "--out", str(out)])
    capsys.readouterr()
    assert main(["cluster", str(notes), "--text-column", "body", "--out", str(out)]) == 1
    assert "no column 'body'" in capsys.readouterr().err
    assert main(["cluster", str(notes), "--lang", "sv", "--neighbours", "3", "--algorithm", "average", "--themes", "3",
                 "--out", str(out)]) == 0
    assert "3 themes, 1 fillers" in capsys.readouterr().out
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert insights.adjusted_rand_score(TOPIC, [int(r["theme"]) for r in rows[:12]]) == pytest.approx(1.0)


MORE = [
    "Bussen till skolan är alltid sen", "Biblioteket stänger för tidigt på lördagar",
    "Snöröjningen vid hållplatsen är dålig", "Parkeringen vid stationen är full varje morgon",
    "Det finns ingen parkering vid stationen", "Parkeringen kostar för mycket vid stationen",
]


def test_analyst_edits_survive_a_rerun_with_added_notes():
    import json

    notes = pd.Series(NOTES, index=[f"n{i}" for i in range(12)])
    model = insights.Themes(language="sv", neighbours=3, seed=5, char_ngrams=0).fit(notes)
    bus, library, snow = (int(model.labels_[i]) for i in (0, 4, 8))
    assert len({bus, library, snow}) == 3
    model.rename_theme(snow, "Vinterväghållning")
    model.merge_themes(bus, library)                  # the analyst sees one theme: getting to places
    model.move_note("n11", bus)                       # "cykelvägen" belongs with travel, says the analyst
    kept = model.split_theme(snow, ["n8", "n9"])      # the gångväg notes get a theme of their own
    assert kept > max(bus, library, snow)
    assert list(model.labels_[[0, 4, 8, 9, 10, 11]]) == [bus, bus, kept, kept, snow, bus]
    assert model.themes_.loc[snow, "name"] == "Vinterväghållning" and model.n_themes_ == 3
    assert model.themes_.loc[bus, "size"] == 9
    assert json.loads(json.dumps(model.edits_)) == model.edits_  # plain data, to be saved with the project

    # A rerun with six more notes (one new topic): every edit holds, and the new topic gets a new number.
    more = pd.concat([notes, pd.Series(MORE, index=[f"m{i}" for i in range(6)])])
    rerun = insights.Themes(language="sv", neighbours=3, seed=5, char_ngrams=0).fit(more, previous=model)
    labels = pd.Series(rerun.labels_, index=more.index)
    assert (labels[[f"n{i}" for i in range(8)]] == bus).all() and labels["n11"] == bus
    assert labels["n8"] == labels["n9"] == kept and labels["n10"] == snow
    assert rerun.themes_.loc[snow, "name"] == "Vinterväghållning"
    parking = {labels[f"m{i}"] for i in (3, 4, 5)}
    assert len(parking) == 1 and parking.pop() > kept
    assert rerun.edits_ == model.edits_ and rerun.max_theme_id_ > model.max_theme_id_

    # The edits travel with a pickled model, and predict() follows them.
    restored = pickle.loads(pickle.dumps(rerun))
    assert restored.predict(["Biblioteket har korta öppettider"])[0] == bus
    assert restored.edits_ == rerun.edits_


def test_pinned_theme_keeps_its_notes_and_bad_edits_are_refused():
    notes = pd.Series(NOTES, index=[f"n{i}" for i in range(12)])
    model = insights.Themes(language="sv", neighbours=3, seed=5, char_ngrams=0).fit(notes)
    snow = int(model.labels_[8])
    model.pin_theme(snow)
    # Rerun at a resolution that breaks the themes up: the pinned notes stay together.
    # (min_theme_size 1: tiny themes are not joined to others, which would make the themes whole again.)
    splinter = dict(language="sv", neighbours=3, seed=5, resolution=8.0, char_ngrams=0, min_theme_size=1)
    fine = insights.Themes(**splinter).fit(notes)
    assert len(set(fine.labels_[8:12])) > 1
    rerun = insights.Themes(**splinter).fit(notes, previous=model)
    assert set(rerun.labels_[8:12]) == {snow}
    before = model.labels_.copy()
    with pytest.raises(ValueError, match="there is no theme 99"):
        model.merge_themes(99, snow)
    with pytest.raises(ValueError, match="'n4' is not a note of theme"):
        model.split_theme(snow, ["n4"])
    with pytest.raises(ValueError, match="is not a note with content words"):
        model.move_note("nowhere", snow)
    assert np.array_equal(model.labels_, before) and len(model.edits_) == 1


def _two_cliques_and_a_loner():
    """Notes 0-4 and 5-9 are cliques (0.9) bridged by 4-5 (0.1); note 10 hangs off note 0 (0.05)."""
    u, v, w = [], [], []
    for first in (0, 5):
        for i in range(first, first + 5):
            for j in range(i + 1, first + 5):
                u.append(i), v.append(j), w.append(0.9)
    u += [4, 10]
    v += [5, 0]
    w += [0.1, 0.05]
    return insights.NeighbourGraph.from_edges(11, u, v, w)


def test_average_linkage_dendrogram_as_a_linkage_matrix():
    # Path 0 -0.9- 1 -0.5- 2 -0.8- 3: {0,1} (id 4), {2,3} (id 5), then 0.5 / (2*2) = 0.125; note 4 is alone.
    graph = insights.NeighbourGraph.from_edges(5, [0, 1, 2], [1, 2, 3], [0.9, 0.5, 0.8])
    tree = insights.average_linkage(graph)
    assert len(tree) == 3 and tree.nodes == 5 and tree.components == 2
    assert tree.merges[2] == (5, 6, pytest.approx(0.125), 4)  # ids shift: 5 notes, merges make 5, 6, 7
    z = tree.linkage_matrix()
    assert z.shape == (4, 4) and z.dtype == np.float64
    assert np.allclose(z, [[0, 1, 0.1, 2], [2, 3, 0.2, 2], [5, 6, 0.875, 4], [4, 7, 1.0, 5]])
    assert list(insights.cut(tree, 2).labels) == [0, 0, 0, 0, 1]
    assert list(insights.cut(tree, 1).labels) == [0, 0, 0, 0, 1]  # components never merge
    assert list(insights.cut_at_similarity(tree, 0.85).labels) == [0, 0, 1, 2, 3]
    assert list(insights.cut_level(tree, 2).labels) == [0, 0, 1, 1, 2]
    with pytest.raises(sd.InvalidInputError, match="k = 0"):
        insights.cut(tree, 0)
    with pytest.raises(KeyboardInterrupt):
        insights.average_linkage(graph, progress=lambda stage, f: False)


def test_scipy_reads_the_linkage_matrix():
    hierarchy = pytest.importorskip("scipy.cluster.hierarchy")
    tree = insights.average_linkage(_two_cliques_and_a_loner())
    z = tree.linkage_matrix()
    assert hierarchy.is_valid_linkage(z)
    flat = hierarchy.fcluster(z, t=2, criterion="maxclust")
    assert insights.adjusted_rand_score(flat, insights.cut(tree, 2).labels) == pytest.approx(1.0)


def test_average_themes_by_count_and_automatically():
    model = insights.Themes(algorithm="average", n_themes=3, language="sv", neighbours=3, char_ngrams=0).fit(NOTES)
    assert model.n_themes_ == 3
    assert insights.adjusted_rand_score(TOPIC, model.labels_) == pytest.approx(1.0)
    auto = insights.Themes(algorithm="average", language="sv", neighbours=3, char_ngrams=0).fit(NOTES)
    assert auto.quality_ == pytest.approx(insights.modularity(
        insights.knn_graph(insights.Vectorizer().fit_transform(
            insights.TextPipeline(language="sv").process_many(NOTES)[0]), neighbours=3), auto.labels_))
    clusterer = insights.AverageClusterer(k=2)
    clustering = clusterer.fit(insights.ClusterInput(graph=_two_cliques_and_a_loner()))
    assert list(clustering.labels) == [0] * 5 + [1] * 5 + [0]
    assert len(clusterer.dendrogram) == 10
    with pytest.raises(sd.InvalidInputError, match="n_themes must be None or a whole number >= 1, got 0"):
        insights.Themes(algorithm="average", n_themes=0, char_ngrams=0).fit(NOTES)
    with pytest.raises(sd.InvalidInputError, match="either k or threshold"):
        insights.Themes(algorithm="average", n_themes=2, threshold=0.3, char_ngrams=0).fit(NOTES)


def test_hdbscan_noise_is_reassigned_unless_asked():
    graph = _two_cliques_and_a_loner()
    labels, stability, core = insights.hdbscan(graph, min_cluster_size=5, min_samples=1)
    assert list(labels) == [0] * 5 + [1] * 5 + [-1]
    # Core distance = distance to the nearest neighbour (min_samples 1). Note 10 leaves the root at
    # distance 0.95, before the bridge (0.9) splits it into the cliques, so it is noise.
    assert core[0] == pytest.approx(0.1) and core[10] == pytest.approx(0.95)
    assert stability == pytest.approx([5 * (1 / 0.1 - 1 / 0.9)] * 2)
    joined = insights.HdbscanClusterer(min_cluster_size=5, min_samples=1).fit(insights.ClusterInput(graph=graph))
    assert list(joined.labels) == [0] * 5 + [1] * 5 + [0]
    kept = insights.make_clusterer("hdbscan", params={"min_cluster_size": 5, "min_samples": 1, "reassign_threshold": 0.06})
    assert list(kept.fit(insights.ClusterInput(graph=graph)).labels) == [0] * 5 + [1] * 5 + [-1]
    with pytest.raises(sd.InvalidInputError, match="min_cluster_size must be at least 2"):
        insights.HdbscanClusterer(min_cluster_size=1)


def test_themes_with_hdbscan_keep_noise_out_of_the_themes():
    notes = NOTES + ["Parkeringen vid simhallen är dyr"]  # shares no word with the others
    model = insights.Themes(algorithm="hdbscan", min_cluster_size=3, neighbours=3, language="sv",
                            reassign_threshold=float("inf"), char_ngrams=0).fit(notes)
    assert model.labels_[-1] == -1
    themed = model.labels_ >= 0
    assert sorted(model.themes_["size"]) == sorted(np.bincount(model.labels_[themed]))
    assert set(model.predict(["Bussen kommer för sent"])) <= set(range(model.n_themes_))
    loose = insights.Themes(algorithm="hdbscan", min_cluster_size=3, neighbours=3, language="sv", char_ngrams=0).fit(notes)
    assert (loose.labels_ == -1).sum() <= (model.labels_ == -1).sum()
    assert loose.labels_[-1] == -1  # no neighbour at all: nothing to join
    params = model.get_params()
    assert params["min_cluster_size"] == 3 and params["reassign_threshold"] == float("inf")
    assert params["min_samples"] is None and params["threshold"] is None
    assert "min_cluster_size=3" in repr(model)


def test_hdbscan_without_any_theme_leaves_every_note_out():
    # 12 notes cannot make a theme of 20: no theme, every note -1, and predict() finds none either.
    model = insights.Themes(algorithm="hdbscan", min_cluster_size=20, language="sv", neighbours=3).fit(NOTES)
    assert model.n_themes_ == 0 and (model.labels_ == -1).all() and len(model.themes_) == 0
    assert list(model.predict(["Bussen kommer för sent"])) == [-1]


# Notes on three topics written so that the topics share no word: only the embeddings tell them apart.
TOPIC_NOTES = ["Bussen kom sent", "Tåget var försenat", "Spårvagnen stod still", "Pendeln saknas",
               "Boken fanns inte", "Lånekortet fungerar inte", "Läsesalen är stängd", "Romanerna är utlånade",
               "Plogen kom aldrig", "Isen låg kvar", "Sandningen glömdes", "Snövallarna växer"]


def topic_embeddings(noise: float = 0.05, dtype=np.float32) -> np.ndarray:
    rng = np.random.default_rng(3)
    z = np.zeros((12, 16))
    for i in range(12):
        z[i, i // 4] = 1.0
    return (z + noise * rng.standard_normal(z.shape)).astype(dtype)


def test_embeddings_from_elsewhere_shape_the_themes():
    words_only = insights.Themes(language="sv", neighbours=3, seed=1).fit(TOPIC_NOTES)
    assert insights.adjusted_rand_score(TOPIC, words_only.labels_) < 0.5  # no shared words: no topics
    z = topic_embeddings()
    model = insights.Themes(language="sv", neighbours=3, seed=1, dense_weight=1.0).fit(TOPIC_NOTES, embeddings=z)
    assert insights.adjusted_rand_score(TOPIC, model.labels_) == pytest.approx(1.0)
    # float64 and Fortran-order arrays are converted once and give the same themes.
    again = insights.Themes(language="sv", neighbours=3, seed=1, dense_weight=1.0).fit(
        TOPIC_NOTES, embeddings=np.asfortranarray(topic_embeddings(dtype=np.float64)))
    assert np.array_equal(again.labels_, model.labels_)
    graph = insights.dense_knn_graph(z, neighbours=3)
    indptr, indices, weights = graph.to_arrays()
    assert all(i // 4 == j // 4 for i in range(12) for j in indices[indptr[i]:indptr[i + 1]])


def test_lsa_vectors_join_the_graph():
    x = insights.Vectorizer().fit_transform([["buss", "sen"], ["buss", "hållplats"], ["hållplats", "sen"],
                                             ["bok", "bibliotek"], ["bibliotek"]])
    z = insights.lsa(x, dimensions=2, seed=4)
    assert z.shape == (5, 2) and z.dtype == np.float32
    assert np.allclose(np.linalg.norm(z, axis=1), 1.0, atol=1e-6)
    assert np.array_equal(insights.lsa(x, dimensions=2, seed=4), z)
    assert abs(float(z[0] @ z[3])) < 0.1 and float(z[0] @ z[1]) > 0.5  # the bus notes versus the library
    model = insights.Themes(language="sv", neighbours=3, seed=5, lsa=20).fit(NOTES)
    assert insights.adjusted_rand_score(TOPIC, model.labels_) == pytest.approx(1.0)


def test_silhouette_on_sparse_cosine():
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)
    x = model._x
    good = insights.silhouette_score(x, model.labels_)
    shuffled = insights.silhouette_score(x, np.roll(model.labels_, 1))
    assert good > shuffled and -1.0 <= shuffled < good <= 1.0
    from scipy.sparse import csr_matrix
    from sklearn.metrics import silhouette_score as sklearn_silhouette

    data, indices, indptr = x.to_arrays()
    dense = csr_matrix((data, indices, indptr), shape=x.shape)
    assert good == pytest.approx(sklearn_silhouette(dense, model.labels_, metric="cosine"), abs=1e-12)


# scikit-learn's estimator checks, each by name. check_estimator(Themes()) would run one and skip the rest silently:
# they feed numeric matrices, and Themes takes text (its tags say so). Every check scikit-learn has is in one of
# three lists: run as it is, its intent run with notes, or not applicable (and why); a new one fails the last test.
SKLEARN_CHECKS = [  # the estimator protocol, with no data or before any is read
    "check_estimator_cloneable", "check_estimator_repr", "check_estimator_tags_renamed", "check_valid_tag_types",
    "check_get_params_invariance", "check_set_params", "check_no_attributes_set_in_init",
    "check_parameters_default_constructible", "check_do_not_raise_errors_in_init_or_set_params",
    "check_estimators_unfitted", "check_mixin_order",
]
# Checks whose intent applies, run with notes (their own data is numeric): the functions below, by check name.
SKLEARN_CHECKS_WITH_TEXT = [
    "check_estimators_fit_returns_self", "check_fit_score_takes_y", "check_estimators_overwrite_params",
    "check_dont_overwrite_parameters", "check_dict_unchanged", "check_fit_idempotent", "check_fit_check_is_fitted",
    "check_estimators_pickle", "check_clustering", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance", "check_pipeline_consistency",
]
_NUMERIC = "numeric input (a matrix of numbers, its dtypes, NaN, sparse or read-only arrays); Themes takes text"
SKLEARN_CHECKS_NOT_APPLICABLE = {
    **dict.fromkeys([
        "check_estimators_dtypes", "check_complex_data", "check_dtype_object", "check_estimators_nan_inf",
        "check_estimator_sparse_array", "check_estimator_sparse_matrix", "check_estimator_sparse_tag",
        "check_f_contiguous_array_estimator", "check_fit1d", "check_fit2d_1feature", "check_fit2d_1sample",
        "check_fit2d_predict1d", "check_readonly_memmap_input", "check_positive_only_tag_during_fit",
        "check_fit_non_negative", "check_inplace_ensure_writeable", "check_estimators_data_not_an_array",
        "check_n_features_in", "check_n_features_in_after_fitting", "check_dataframe_column_names_consistency",
        "check_estimators_empty_data_messages", "check_array_api_input", "check_array_api_input_and_values",
        "check_array_api_mixed_inputs", "check_array_api_same_namespace", "check_nonsquare_error"], _NUMERIC),
    **dict.fromkeys([
        "check_sample_weights_list", "check_sample_weights_not_an_array", "check_sample_weights_not_overwritten",
        "check_sample_weights_pandas_series", "check_sample_weights_shape", "check_all_zero_sample_weights_error",
        "check_sample_weight_equivalence_on_dense_data", "check_sample_weight_equivalence_on_sparse_data"],
        "sample weights; fit takes none"),
    **dict.fromkeys([
        "check_class_weight_balanced_classifiers", "check_class_weight_balanced_linear_classifier",
        "check_class_weight_classifiers", "check_classifier_data_not_an_array", "check_classifier_multioutput",
        "check_classifier_not_supporting_multiclass", "check_classifiers_classes",
        "check_classifiers_multilabel_output_format_decision_function",
        "check_classifiers_multilabel_output_format_predict",
        "check_classifiers_multilabel_output_format_predict_proba",
        "check_classifiers_multilabel_representation_invariance", "check_classifiers_one_label",
        "check_classifiers_one_label_sample_weights", "check_classifiers_predictions",
        "check_classifiers_regression_target", "check_classifiers_train", "check_decision_proba_consistency",
        "check_regressor_data_not_an_array", "check_regressor_multioutput", "check_regressors_int",
        "check_regressors_no_decision_function", "check_regressors_train", "check_requires_y_none",
        "check_supervised_y_2d", "check_supervised_y_no_nan", "check_sparsify_coefficients"],
        "classifiers and regressors (a target y); Themes is a clusterer"),
    **dict.fromkeys([
        "check_transformer_data_not_an_array", "check_transformer_general", "check_transformer_get_feature_names_out",
        "check_transformer_get_feature_names_out_pandas", "check_transformer_preserve_dtypes",
        "check_transformers_unfitted", "check_transformers_unfitted_stateless", "check_transformer_n_iter",
        "check_set_output_transform", "check_set_output_transform_pandas", "check_set_output_transform_polars",
        "check_global_output_transform_pandas", "check_global_set_output_transform_polars",
        "check_get_feature_names_out_error"], "transformers; Themes has no transform"),
    **dict.fromkeys(["check_outlier_contamination", "check_outlier_corruption", "check_outliers_fit_predict",
                     "check_outliers_train"], "outlier detectors"),
    "check_clusterer_compute_labels_predict": "a compute_labels parameter (MiniBatchKMeans); Themes has none",
    "check_estimators_partial_fit_n_features": "partial_fit; Themes has none",
    "check_non_transformer_estimators_n_iter": "a max_iter parameter; Themes has none",
    "check_param_validation": "scikit-learn's own _parameter_constraints; fit checks Themes' parameters by name "
                              "(docs/reliability.md, rows 70 and 94)",
    "check_estimator": "the runner of the checks, not a check",
    "check_is_fitted": "a utility, run by check_fit_check_is_fitted's text form",
}


def _themes():
    return insights.Themes(language="sv", neighbours=3, seed=5)


@pytest.mark.parametrize("check", SKLEARN_CHECKS)
def test_scikit_learn_check(check):
    estimator_checks = pytest.importorskip("sklearn.utils.estimator_checks")
    if not hasattr(estimator_checks, check):
        pytest.skip(f"this scikit-learn has no {check}")
    getattr(estimator_checks, check)("Themes", _themes())


def _fit_returns_self(model):
    assert model.fit(NOTES) is model


def _fit_score_takes_y(model):
    import inspect

    for method in ("fit", "fit_predict"):  # y is accepted and ignored, so that pipelines can pass one
        getattr(model, method)(NOTES, TOPIC)
        assert list(inspect.signature(getattr(model, method)).parameters)[:2] == ["X", "y"]


def _overwrite_params(model):
    import copy

    import joblib

    params = copy.deepcopy(model.get_params())
    model.fit(NOTES)
    assert joblib.hash(model.get_params()) == joblib.hash(params)


def _dont_overwrite_parameters(model):
    before = dict(vars(model))
    model.fit(NOTES)
    public = [name for name in vars(model) if not name.startswith("_") and not name.endswith("_")]
    assert public == list(before) and all(vars(model)[name] is before[name] for name in public)


def _dict_unchanged(model):
    model.fit(NOTES)
    before = dict(vars(model))
    model.predict(NOTES)
    assert vars(model) == before


def _fit_idempotent(model):
    first = model.fit(NOTES[::2]).predict(NOTES[1::2])
    assert np.array_equal(model.fit(NOTES[::2]).predict(NOTES[1::2]), first)


def _fit_check_is_fitted(model):
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    check_is_fitted(model.fit(NOTES))


def _pickle(model):
    model.fit(NOTES)
    again = pickle.loads(pickle.dumps(model))
    assert np.array_equal(again.predict(NOTES), model.predict(NOTES)) and np.array_equal(again.labels_, model.labels_)


def _clustering(model):
    from sklearn.metrics import adjusted_rand_score

    labels = model.fit(np.array(NOTES)).labels_
    assert labels.shape == (len(NOTES),) and labels.dtype == np.int64
    assert np.array_equal(model.fit(list(NOTES)).labels_, labels)
    assert np.array_equal(model.fit_predict(pd.Series(NOTES)), labels)
    assert adjusted_rand_score(TOPIC, labels) > 0.4
    found = np.unique(model.fit_predict(NOTES + ["vet inte"]))  # -1: the filler
    assert found.tolist() == list(range(found[0], found[-1] + 1)) and found[0] == -1


def _sample_order_invariance(model):
    order = np.random.default_rng(0).permutation(len(NOTES))
    model.fit(NOTES)
    assert np.array_equal(model.predict(np.array(NOTES)[order]), model.predict(NOTES)[order])


def _subset_invariance(model):
    model.fit(NOTES)
    batches = np.concatenate([model.predict(NOTES[i:i + 5]) for i in range(0, len(NOTES), 5)])
    assert np.array_equal(batches, model.predict(NOTES))


def _pipeline_consistency(model):
    from sklearn.pipeline import make_pipeline

    assert np.array_equal(make_pipeline(model).fit_predict(NOTES), _themes().fit_predict(NOTES))


_WITH_TEXT = dict(zip(SKLEARN_CHECKS_WITH_TEXT, [
    _fit_returns_self, _fit_score_takes_y, _overwrite_params, _dont_overwrite_parameters, _dict_unchanged,
    _fit_idempotent, _fit_check_is_fitted, _pickle, _clustering, _sample_order_invariance, _subset_invariance,
    _pipeline_consistency]))


@pytest.mark.parametrize("check", SKLEARN_CHECKS_WITH_TEXT)
def test_scikit_learn_check_with_text(check):
    pytest.importorskip("sklearn")
    _WITH_TEXT[check](_themes())


def test_every_scikit_learn_check_is_run_or_said_not_to_apply():
    estimator_checks = pytest.importorskip("sklearn.utils.estimator_checks")
    known = {*SKLEARN_CHECKS, *SKLEARN_CHECKS_WITH_TEXT, *SKLEARN_CHECKS_NOT_APPLICABLE}
    new = sorted(name for name in dir(estimator_checks) if name.startswith("check_") and name not in known)
    assert not new, f"scikit-learn has checks this test does not know: {new}; run them or say why they do not apply"


def test_not_fitted_is_scikit_learn_s_error_when_it_is_loaded():
    NotFittedError = pytest.importorskip("sklearn.exceptions").NotFittedError
    with pytest.raises(NotFittedError, match="call fit"):
        _themes().predict(["Bussen"])


def test_hierarchy_groups_the_closest_themes_first():
    # Two travel themes (bus, train) share words with each other and none with the library theme.
    notes = ["Bussen till hållplatsen kommer sent", "Bussen från hållplatsen är sen", "Hållplatsen och bussen är kalla",
             "Tåget till stationen kommer sent", "Tåget från stationen är sent", "Stationen och tåget är kalla",
             "Biblioteket har korta öppettider", "Bibliotekets böcker är få", "Böckerna på biblioteket är gamla"]
    model = insights.Themes(language="sv", algorithm="kmeans", n_themes=3, seed=1).fit(notes)
    bus, train, library = (int(model.labels_[i]) for i in (0, 3, 6))
    assert len({bus, train, library}) == 3
    themes, tree = model.hierarchy()
    assert sorted(themes) == sorted([bus, train, library])
    groups = dict(zip(themes, insights.cut(tree, 2).labels))
    assert groups[bus] == groups[train] != groups[library]
    assert tree.linkage_matrix().shape == (2, 4)


def test_metrics_take_labels_of_any_kind():
    topics = pd.Series(["buss", "buss", "bok", "bok", "snö", "snö"])
    found = [3, 3, 1, 1, 2, 2]
    assert insights.normalized_mutual_info_score(topics, found) == pytest.approx(1.0)
    assert insights.adjusted_rand_score(list(topics), ["a", "a", "b", "b", "b", "b"]) == pytest.approx(
        insights.adjusted_rand_score([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1]))
    assert insights.v_measure_score(topics, found) == pytest.approx((1.0, 1.0, 1.0))
