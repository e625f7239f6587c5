"""Themes from workshop notes: the Nordic text pipeline, sparse vectors, the neighbour graph and clustering.

The estimator :class:`Themes` follows scikit-learn's conventions (``fit`` returns ``self``, fitted
attributes end in ``_``, ``get_params``/``set_params``) without depending on scikit-learn::

    import servicedesign as sd
    themes = sd.insights.Themes(language="sv", seed=7).fit(notes)      # list, Series or array of str
    themes.labels_          # theme per note (0 = largest theme; -1 = filler or empty note)
    themes.themes_          # DataFrame: size, keywords, representative notes
    themes.predict(["Bussen kommer aldrig i tid"])

Researchers add algorithms by subclassing :class:`Clusterer` and registering a factory; the new name is
then accepted wherever a built-in one is (``Themes(algorithm=...)`` included)::

    class Parity(sd.insights.Clusterer):
        def name(self):
            return "parity"
        def fit(self, input, progress=None):
            return sd.insights.canonical_clustering([i % 2 for i in range(len(input))])

    sd.insights.register_clusterer("parity", lambda seed, params: Parity())
"""

from __future__ import annotations

import html
import inspect
import numbers
import sys
from typing import Any, Iterable, Sequence

import numpy as np

from ._core import InvalidInputError
from ._core import insights as _insights

AverageClusterer = _insights.AverageClusterer
Clusterer = _insights.Clusterer
ClusterInput = _insights.ClusterInput
Clustering = _insights.Clustering
Dendrogram = _insights.Dendrogram
HdbscanClusterer = _insights.HdbscanClusterer
KMeansClusterer = _insights.KMeansClusterer
LeidenClusterer = _insights.LeidenClusterer
NeighbourGraph = _insights.NeighbourGraph
ResolutionChoice = _insights.ResolutionChoice
ResolutionPoint = _insights.ResolutionPoint
SparseMatrix = _insights.SparseMatrix
TextPipeline = _insights.TextPipeline
Vectorizer = _insights.Vectorizer
absorb_small_themes = _insights.absorb_small_themes
average_linkage = _insights.average_linkage
canonical_clustering = _insights.canonical_clustering
clusterer_names = _insights.clusterer_names
cut = _insights.cut
cut_at_similarity = _insights.cut_at_similarity
cut_level = _insights.cut_level
choose_resolution = _insights.choose_resolution
detect_language = _insights.detect_language
hdbscan = _insights.hdbscan
is_filler = _insights.is_filler
knn_graph = _insights.knn_graph
dense_knn_graph = _insights.dense_knn_graph
mixed_knn_graph = _insights.mixed_knn_graph
lsa = _insights.lsa
label_themes = _insights.label_themes
make_clusterer = _insights.make_clusterer
make_representation = _insights.make_representation
make_similarity = _insights.make_similarity
Representation = _insights.Representation
Similarity = _insights.Similarity
register_representation = _insights.register_representation
register_similarity = _insights.register_similarity
unregister_representation = _insights.unregister_representation
unregister_similarity = _insights.unregister_similarity
representation_names = _insights.representation_names
similarity_names = _insights.similarity_names
match_themes = _insights.match_themes
modularity = _insights.modularity
normalize = _insights.normalize
register_clusterer = _insights.register_clusterer
unregister_clusterer = _insights.unregister_clusterer
tokenize = _insights.tokenize

__all__ = [
    "AverageClusterer", "Clusterer", "ClusterInput", "Clustering", "Dendrogram", "HdbscanClusterer", "KMeansClusterer",
    "NotFittedError",
    "LeidenClusterer", "NeighbourGraph", "Representation", "ResolutionChoice", "ResolutionPoint", "Similarity",
    "SparseMatrix", "TextPipeline", "Themes",
    "Vectorizer", "absorb_small_themes", "adjusted_rand_score",
    "average_linkage", "canonical_clustering", "choose_resolution", "clusterer_names", "cut", "cut_at_similarity", "cut_level",
    "dense_knn_graph", "detect_language", "hdbscan", "is_filler", "knn_graph", "label_themes", "lsa", "make_clusterer",
    "match_themes", "mixed_knn_graph",
    "make_representation", "make_similarity",
    "modularity", "normalize", "normalized_mutual_info_score", "register_clusterer", "register_representation",
    "register_similarity", "representation_names", "silhouette_score", "similarity_names", "tokenize",
    "unregister_clusterer", "unregister_representation", "unregister_similarity", "v_measure_score",
]

# Themes._repr_html_ shows at most this many themes, and notes up to this many characters: a glance, not a report.
_HTML_MAX_THEMES = 50
_HTML_NOTE_CHARS = 120


def _codes(labels: Iterable[Any]) -> np.ndarray:
    """Labels of any kind (str, int, a pandas Series of categories) as integer codes, as scikit-learn accepts them."""
    values = np.asarray(list(labels))
    if values.dtype.kind in "iu":
        return values
    return np.unique(values, return_inverse=True)[1].reshape(-1)


def adjusted_rand_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> float:
    """Adjusted Rand index, as :func:`sklearn.metrics.adjusted_rand_score` (labels of any kind)."""
    return _insights.adjusted_rand_index(_codes(labels_true), _codes(labels_pred))


def normalized_mutual_info_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> float:
    """NMI with the arithmetic mean, as :func:`sklearn.metrics.normalized_mutual_info_score` (labels of any kind)."""
    return _insights.normalized_mutual_information(_codes(labels_true), _codes(labels_pred))


def silhouette_score(x: SparseMatrix, labels: Iterable[int]) -> float:
    """Mean silhouette of ``labels`` under cosine distance on the rows of ``x`` (e.g. ``Vectorizer().fit_transform``),
    as scikit-learn's ``silhouette_score(X, labels, metric="cosine")``; notes labelled -1 are left out."""
    return _insights.silhouette(x, np.asarray(list(labels)))


def v_measure_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> tuple[float, float, float]:
    """(homogeneity, completeness, V-measure), as :func:`sklearn.metrics.homogeneity_completeness_v_measure`."""
    return _insights.v_measure(_codes(labels_true), _codes(labels_pred))


def _texts(X: Any) -> list[str]:
    """Notes as a list of str from a list, tuple, numpy array or pandas Series (one column)."""
    if isinstance(X, str):
        raise TypeError("expected a sequence of notes, got a single str")
    if hasattr(X, "ndim") and getattr(X, "ndim") == 2:
        if X.shape[1] != 1:
            raise ValueError(f"expected one column of text, got {X.shape[1]} columns")
        X = X.iloc[:, 0] if hasattr(X, "iloc") else X[:, 0]
    texts = []
    for i, note in enumerate(X):
        if note is None or (isinstance(note, float) and np.isnan(note)):
            texts.append("")
        elif isinstance(note, str):
            texts.append(note)
        else:
            raise TypeError(f"note {i} is of type {type(note).__name__}, not str")
    return texts


def _keys(X: Any, texts: list[str]) -> list:
    """The key of each note, by which edits and earlier themes find it again: the pandas index, else the text."""
    if hasattr(X, "index") and not isinstance(X, (list, tuple)):
        return list(X.index)
    return list(texts)


def _replay(edits: Sequence[dict], labels: np.ndarray, keys: Sequence[Any], usable: np.ndarray, names: dict,
            now: bool = False) -> tuple:
    """Applies the analyst's edits, in order, to theme numbers ``labels``. ``now``: the edit was just made on
    these very themes (a merge then moves exactly the other theme's notes)."""
    labels = labels.copy()
    names = dict(names)
    where: dict[Any, list[int]] = {}
    for i, key in enumerate(keys):
        if usable[i]:
            where.setdefault(key, []).append(i)
    for edit in edits:
        op = edit["op"]
        if op == "merge":
            if now:
                labels[labels == edit["theme"]] = edit["into"]
                continue
            # A rerun's theme made mostly of the two themes' notes joins the theme they were merged into.
            merged = {i for key in edit["notes"] for i in where.get(key, [])}
            for theme in set(labels[list(merged)].tolist()) - {-1, edit["into"]} if merged else ():
                members = np.flatnonzero(labels == theme)
                if 2 * sum(int(i) in merged for i in members) > len(members):
                    labels[members] = edit["into"]
        elif op in ("split", "pin"):
            target = edit["new"] if op == "split" else edit["theme"]
            for key in edit["notes"]:
                labels[where.get(key, [])] = target
        elif op == "move":
            labels[where.get(edit["note"], [])] = edit["theme"]
        elif op == "rename":
            names[edit["theme"]] = edit["name"]
    return labels, names


class NotFittedError(ValueError, AttributeError):
    """A Themes method that needs a fitted estimator was called before fit() (scikit-learn's bases)."""


def _not_fitted(message: str) -> NotFittedError:
    """Our error; when scikit-learn is loaded (its tools are in use), one that is also scikit-learn's, so that
    they recognise it. scikit-learn is not imported for this: it takes most of a second."""
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError(message)
    both = type("NotFittedError", (NotFittedError, sklearn_exceptions.NotFittedError), {"__module__": __name__})
    return both(message)


class Themes:
    """Clusters notes into themes: pipeline -> TF-IDF/BM25 -> k-nearest-neighbour graph -> clusterer -> labels.

    Parameters
    ----------
    algorithm : name of a registered clusterer: "leiden" (default; finds the number of themes), "kmeans"
        (spherical k-means, needs ``n_themes``), "average" (average linkage; ``n_themes``, ``threshold`` or
        neither for the level of highest modularity), "hdbscan" (HDBSCAN*; ``min_cluster_size``, ``min_samples``,
        ``reassign_threshold``), or one you registered.
    n_themes : the number of themes, for algorithms that take it (passed as the parameter ``k``).
    resolution : Leiden's resolution γ: "auto" (the default) chooses it for the notes (:func:`choose_resolution`): the γ
        at which the themes beat the same neighbour graph with its links shuffled by the widest modularity margin.
        A number fixes it (1: plain modularity); higher gives more, smaller themes. ``resolution_`` tells which γ
        was used.
    threshold : average linkage: cut where the average similarity of two themes falls below this.
    min_cluster_size, min_samples : HDBSCAN*'s smallest theme, and which neighbour's distance is a note's core
        distance (1 = the nearest; None: ``min_cluster_size``).
    reassign_threshold : HDBSCAN*: a note outside every theme joins its most similar themed neighbour's theme
        when the similarity is at least this; 0 (default) leaves no note out that has such a neighbour, a
        higher value keeps weakly linked notes at -1 (``float("inf")``: all noise stays -1).
    min_theme_size : themes of fewer notes join the theme their notes are most linked to in the neighbour graph
        (:func:`absorb_small_themes`); default 2: no theme of a single note unless that note shares nothing with
        any other. 1 keeps every theme as found. Not applied when ``n_themes`` is given. ``quality_`` is then the
        modularity of the themes returned for Leiden and average linkage, the clusterer's own value otherwise.
    duplicate_similarity : notes with the same content words (in any order, after stemming) are copies; so is a
        note whose similarity in the neighbour graph (the word cosine; blended with the embeddings when given) to
        an earlier distinct note among its neighbours is at least this (default 0.9; None: equal content words
        only). A note's ``neighbours`` nearest are looked at (a text repeated so often that they are all its own
        copies is compared with every note instead). Copies stay in the themes (repetition is evidence)
        and are reported in ``duplicate_of_`` and ``copies_``; a theme's representatives show each group once.
    neighbours, min_similarity : the neighbour graph.
    weighting : the representation of the notes, by name from the registry: "tfidf" (default), "bm25", or one
        you registered (:func:`register_representation`; it gets ``min_df``, ``max_df`` and ``char_ngrams`` as
        parameters). min_df, max_df bound the vocabulary.
    similarity : how the neighbour graph is built from the rows, by name from the registry: "cosine" (default) or
        one you registered (:func:`register_similarity`). Not with embeddings or ``lsa`` (their graph is cosine).
    char_ngrams : also weigh the character n-grams of each stem (default 3; 0: words only), so compounds meet
        their parts ("busshållplatsen", "hållplatsen") — keywords stay whole words.
    language : "sv", "no", "da", "en" or None to detect per note.
    keywords, representatives : per theme, in ``themes_``.
    diversity : keyword diversity in [0, 1] (maximal marginal relevance): higher passes over words that only
        ever come together with a keyword already shown.
    seed : everything random; the same seed gives the same themes.
    lsa, dense_weight : ``lsa=d`` (> 0) adds LSA vectors of ``d`` dimensions to the neighbour graph, weighted by
        ``dense_weight`` against the word-based similarity; embeddings given to ``fit`` take their place.
    ensemble : Leiden runs whose consensus gives the themes (1: a single run). The default 8 makes the
        themes depend far less on the seed and scores higher on every benchmark data set, for about nine
        times the clustering time (which is small next to building the graph).

    Fitted attributes: ``labels_`` (numpy int array; -1 for fillers, notes without content words and HDBSCAN*'s
    noise when kept),
    ``n_themes_``, ``themes_`` (pandas DataFrame when pandas is installed, else a list of dicts),
    ``fillers_`` (bool array), ``duplicate_of_`` (index of the note each note is a copy of — same content
    words, or ``duplicate_similarity`` — the note itself when it is the first, -1 for fillers), ``copies_`` (the
    notes that have copies: key, text, number of notes in the group, theme; most first), ``languages_``, ``quality_`` (modularity for Leiden),
    ``resolution_`` (Leiden's resolution, given or chosen; None for other algorithms or when no note has content words).
    """

    def __init__(self, algorithm: str = "leiden", resolution: float | str = "auto", neighbours: int = 10,
                 min_similarity: float = 0.0, weighting: str = "tfidf", min_df: int = 1, max_df: float = 1.0,
                 language: str | None = None, keywords: int = 5, representatives: int = 3, seed: int = 0,
                 n_themes: int | None = None, ensemble: int = 8, lsa: int = 0, dense_weight: float = 0.5,
                 diversity: float = 0.3, char_ngrams: int = 3,
                 threshold: float | None = None,
                 min_cluster_size: int = 5, min_samples: int | None = None, reassign_threshold: float = 0.0,
                 min_theme_size: int = 2, duplicate_similarity: float | None = 0.9,
                 similarity: str = "cosine") -> None:
        self.algorithm = algorithm
        self.resolution = resolution
        self.neighbours = neighbours
        self.min_similarity = min_similarity
        self.weighting = weighting
        self.min_df = min_df
        self.max_df = max_df
        self.language = language
        self.keywords = keywords
        self.representatives = representatives
        self.seed = seed
        self.n_themes = n_themes
        self.ensemble = ensemble
        self.lsa = lsa
        self.dense_weight = dense_weight
        self.diversity = diversity
        self.char_ngrams = char_ngrams
        self.threshold = threshold
        self.min_cluster_size = min_cluster_size
        self.min_samples = min_samples
        self.reassign_threshold = reassign_threshold
        self.min_theme_size = min_theme_size
        self.duplicate_similarity = duplicate_similarity
        self.similarity = similarity

    # scikit-learn's protocols ------------------------------------------------------------------------
    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "labels_")

    def __sklearn_tags__(self) -> Any:
        """Tags for scikit-learn's tools (only called by them, so sklearn is there): a clusterer of text."""
        from sklearn.utils import InputTags, Tags, TargetTags

        return Tags(estimator_type="clusterer", target_tags=TargetTags(required=False),
                    input_tags=InputTags(one_d_array=True, two_d_array=False, string=True), requires_fit=True)

    @classmethod
    def _param_names(cls) -> list[str]:
        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters of the estimator, by name."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> "Themes":
        """Sets parameters by name; unknown names raise ValueError."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for Themes; valid: {', '.join(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if defaults.get(k) != v]
        return f"Themes({', '.join(changed)})"

    def _repr_html_(self) -> str | None:
        """A notebook's view of the fitted themes: one row per theme with its number, name, size, keywords and
        most typical note (long notes shortened, everything HTML-escaped). None before fit(), so that notebooks
        show the plain repr."""
        if not hasattr(self, "labels_"):
            return None
        esc = html.escape
        table = self.themes_
        rows = ([(int(theme), row) for theme, row in table.iterrows()] if hasattr(table, "iterrows")
                else [(int(row["theme"]), row) for row in table])
        body = []
        for theme, row in rows[:_HTML_MAX_THEMES]:
            example = row["representatives"][0] if len(row["representatives"]) else ""
            if len(example) > _HTML_NOTE_CHARS:
                example = example[:_HTML_NOTE_CHARS - 1].rstrip() + "…"
            body.append(f"<tr><td>{theme}</td><td>{esc(str(row['name']))}</td><td>{int(row['size'])}</td>"
                        f"<td>{esc(', '.join(row['keywords']))}</td><td>{esc(example)}</td></tr>")
        if len(rows) > _HTML_MAX_THEMES:
            body.append(f'<tr><td colspan="5">… {len(rows) - _HTML_MAX_THEMES} more themes in themes_</td></tr>')
        outside = int((self.labels_ < 0).sum())
        copies = int(((self.duplicate_of_ >= 0) & (self.duplicate_of_ != np.arange(self.labels_.size))).sum())
        chosen = (f"; resolution {self.resolution_:.3g}" + (" (chosen for the notes)" if self.resolution == "auto" else "")
                  if self.resolution_ is not None else "")
        repeated = f"; {copies} notes are copies of others (copies_)" if copies else ""
        return (f'<div class="servicedesign-themes"><b>Themes</b> ({esc(str(self.algorithm))}, '
                f"seed {esc(str(self.seed))}): "
                f"{self.n_themes_} themes in {self.labels_.size} notes, {outside} outside any theme{chosen}{repeated}"
                "<table><thead><tr><th>theme</th><th>name</th><th>notes</th><th>keywords</th>"
                f"<th>most typical note</th></tr></thead><tbody>{''.join(body)}</tbody></table></div>")

    # Fitting ---------------------------------------------------------------------------------------
    def fit(self, X: Any, y: Any = None, progress: Any = None, previous: Any = None,
            embeddings: Any = None) -> "Themes":
        """Clusters the notes ``X``; ``y`` is ignored.

        ``embeddings``: dense vectors of the notes computed elsewhere (e.g. by a sentence-embedding model), an
        array of one row per note; float32 in C order is read in place, anything else is converted once. The
        neighbour graph then ranks notes by ``(1 - dense_weight)`` times the word-based cosine plus
        ``dense_weight`` times the cosine of the embeddings. Without embeddings, ``lsa=d`` mixes in LSA vectors
        of ``d`` dimensions the same way.

        ``progress``: True for a progress bar (tqdm, when installed), or a callable ``progress(stage, fraction)``
        that may return False to stop: the fit then ends with KeyboardInterrupt, as Ctrl-C does.

        ``previous``: an earlier fitted :class:`Themes` (this one included), or the theme numbers of the same
        notes from an earlier run (its ``labels_``; -1 for notes that are new) aligned with ``X`` — by index
        when both are pandas objects. Themes then keep the numbers of the earlier themes they overlap most, and
        new themes get numbers after every number used before. From a fitted Themes, notes are matched by
        their key (the pandas index, else the text), and the analyst's edits (:meth:`merge_themes`,
        :meth:`split_theme`, :meth:`move_note`, :meth:`pin_theme`, :meth:`rename_theme`) are replayed on the
        new themes, so they survive the rerun.
        """
        size = self.min_theme_size
        if isinstance(size, bool) or not (isinstance(size, numbers.Integral) and size >= 1):
            raise ValueError(f"min_theme_size must be a whole number of at least 1, got {size!r}")
        near = self.duplicate_similarity
        if near is not None and (isinstance(near, bool) or not (isinstance(near, numbers.Real) and 0 < near <= 1)):
            raise ValueError(f"duplicate_similarity must be None or a number in (0, 1], got {near!r}")
        texts = _texts(X)
        keys = _keys(X, texts)
        edits: list[dict] = []
        names: dict[int, str] = {}
        floor = -1  # every theme number used before
        if isinstance(previous, Themes):
            if not hasattr(previous, "labels_"):
                raise ValueError("previous is a Themes that has not been fitted")
            earlier: dict[Any, int] = {}
            for key, label in zip(previous.keys_, previous.labels_):
                earlier.setdefault(key, int(label))
            edits, names, floor = list(previous.edits_), dict(previous.names_), previous.max_theme_id_
            previous = np.array([earlier.get(key, -1) for key in keys], dtype=np.int64)
        elif previous is not None and hasattr(previous, "reindex") and hasattr(X, "index"):
            previous = previous.reindex(X.index).fillna(-1)
        if previous is not None:
            previous = np.asarray(previous, dtype=np.int64)
            if previous.shape != (len(texts),):
                raise ValueError(f"previous has {previous.size} labels for {len(texts)} notes")
        report = _stage_reporter(progress, len(texts))
        report("text pipeline", 0.0)
        # Everything is computed into locals and stored at the end: a fit that fails or is interrupted leaves
        # the estimator as it was (its earlier themes, vocabulary and predict() still agree).
        pipeline, vectorizer, terms, languages, fillers, usable, docs = self._preprocess(
            texts, lambda stage, f: report("text pipeline", 0.2 * f))
        index = np.flatnonzero(usable)
        # Notes with the same content words (in any order, after stemming) are reported as copies of the first
        # one. They stay in the graph, as repetition is evidence of a theme: clustering the distinct notes
        # alone lowered NMI on banking77 in a one-off trial (see docs/insights.md).
        first: dict[tuple, int] = {}
        unique: list[int] = []
        group = np.empty(len(docs), dtype=np.int64)
        for k, doc in enumerate(docs):
            g = first.setdefault(tuple(sorted(doc)), len(unique))
            if g == len(unique):
                unique.append(k)
            group[k] = g
        leader = np.arange(len(unique))  # each group of equal content words: the group whose copy it is
        labels = np.full(len(texts), -1, dtype=np.int64)
        quality = 0.0
        resolution = None
        x = None
        if docs:
            report("vectors", 0.2)
            x = vectorizer.transform(docs)
            if x.shape[0] != len(docs):
                raise ValueError(f"representation {self.weighting!r} returned {x.shape[0]} rows for {len(docs)} notes")
            report("neighbour graph", 0.3)
            dense = self._dense_vectors(embeddings, usable, x)
            if dense is not None and self.similarity != "cosine":
                raise ValueError(f"similarity={self.similarity!r} cannot be combined with embeddings or lsa: their "
                                 "neighbour graph mixes cosines")
            if dense is None:
                # From the registry ("cosine" is knn_graph), with progress and Ctrl-C for those that report.
                graph = make_similarity(self.similarity, seed=int(self.seed), params=self._component_params()).graph(
                    x, neighbours=self.neighbours, min_similarity=self.min_similarity,
                    progress=lambda stage, f: report("neighbours", 0.3 + 0.3 * f))
            else:
                graph = _insights.mixed_knn_graph(x, dense, dense_weight=float(self.dense_weight),
                                                  neighbours=self.neighbours, min_similarity=self.min_similarity,
                                                  seed=int(self.seed))
            links = graph.to_arrays()  # (indptr, neighbours, weights): copied out once, read twice below
            if dense is None:
                _check_graph(graph.nodes, links, len(docs), f"similarity {self.similarity!r}")
            if near is not None:
                leader = _near_copies(links, x, np.asarray(unique, dtype=np.int64), group, float(near))
            clusterer = make_clusterer(self.algorithm, seed=int(self.seed), params=self._clusterer_params())
            clustering = clusterer.fit(ClusterInput(x, graph), lambda stage, f: report(stage, 0.6 + 0.3 * f))
            quality = clustering.quality
            if self.n_themes is None and int(self.min_theme_size) > 1:
                absorbed = absorb_small_themes(graph, clustering, int(self.min_theme_size))
                if absorbed.themes != clustering.themes and self.algorithm in ("leiden", "average"):
                    # Their quality is modularity (average's at resolution 1): that of the themes returned.
                    quality = modularity(graph, absorbed.labels, clustering.resolution or 1.0)
                clustering = absorbed
            resolution = clustering.resolution if clustering.resolution > 0 else None
            labels[usable] = clustering.labels
        if previous is not None:
            labels = np.asarray(match_themes(previous, labels), dtype=np.int64)
            # Themes matched to none before get numbers after every number ever used (also by edits).
            shift = max(floor - int(previous.max(initial=-1)), 0)
            labels[(labels >= 0) & ~np.isin(labels, previous)] += shift
        labels, names = _replay(edits, labels, keys, usable, names)
        report("labels", 0.9)
        first_copy = index[np.asarray(unique, dtype=np.int64)[leader[group]]] if docs else index
        duplicate_of = np.full(len(texts), -1, dtype=np.int64)
        duplicate_of[index] = first_copy
        state = {"_pipeline": pipeline, "_vectorizer": vectorizer, "_x": x, "_docs": docs, "_usable": usable,
                 "_texts_fitted": texts, "_first_copy": first_copy}
        described = self._describe(labels, names, state)
        report("done", 1.0)
        self.__dict__.update(state)
        self.__dict__.update(described)
        self.labels_ = labels
        self.keys_ = keys
        self.edits_ = edits
        self.names_ = names
        self.max_theme_id_ = max(floor, int(labels.max(initial=-1)))
        self.fillers_ = fillers
        self.duplicate_of_ = duplicate_of
        self.copies_ = _copies_frame(duplicate_of, keys, texts, labels)
        self.languages_ = np.asarray(languages, dtype=object)
        self.quality_ = quality
        self.resolution_ = resolution
        return self

    def hierarchy(self) -> tuple:
        """Themes grouped into broader themes, as in the levels of a KJ diagram: average linkage over the themes'
        mean vectors (cosine). Returns ``(themes, tree)``: the theme numbers in the order of the tree's leaves,
        and a :class:`Dendrogram` whose ``linkage_matrix()`` scipy draws; ``cut(tree, k).labels[i]`` is the group of
        ``themes[i]`` at ``k`` groups."""
        if not hasattr(self, "labels_"):
            raise _not_fitted("Themes is not fitted yet: call fit() first")
        ids = [int(t) for t in self._centroid_ids]
        u, v, w = [], [], []
        if self._centroids is not None:
            similarity = self._centroids @ self._centroids.T
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    if similarity[a, b] > 0:
                        u.append(a), v.append(b), w.append(float(similarity[a, b]))
        return ids, average_linkage(NeighbourGraph.from_edges(len(ids), u, v, w))

    # The analyst's edits ---------------------------------------------------------------------------
    # Each edit changes the themes at once and is recorded in ``edits_`` by the notes' keys, so that
    # ``fit(notes, previous=model)`` can replay it on the themes of a rerun.

    def merge_themes(self, into: int, other: int) -> "Themes":
        """Puts the notes of theme ``other`` into theme ``into``; on reruns, every theme made mostly of the
        notes of the two goes into ``into`` again."""
        self._check_themes(into, other)
        notes = [self.keys_[i] for i in np.flatnonzero(np.isin(self.labels_, [into, other]))]
        return self._edit({"op": "merge", "into": int(into), "theme": int(other), "notes": notes})

    def split_theme(self, theme: int, notes: Sequence[Any]) -> int:
        """Moves ``notes`` (keys: the pandas index, else the texts) of ``theme`` into a new theme and returns
        its number; on reruns those notes form that theme again."""
        self._check_themes(theme)
        members = {self.keys_[i] for i in np.flatnonzero(self.labels_ == theme)}
        outside = [key for key in notes if key not in members]
        if outside or not notes:
            raise ValueError(f"split_theme: {outside[0]!r} is not a note of theme {theme}" if outside
                             else "split_theme: no notes given")
        new = self.max_theme_id_ + 1
        self._edit({"op": "split", "theme": int(theme), "new": new, "notes": list(notes)})
        return new

    def move_note(self, note: Any, theme: int) -> "Themes":
        """Moves the note with key ``note`` into ``theme``; on reruns it goes there again."""
        self._check_themes(theme)
        self._check_notes([note])
        return self._edit({"op": "move", "note": note, "theme": int(theme)})

    def pin_theme(self, theme: int) -> "Themes":
        """Keeps the notes now in ``theme`` together in it on every rerun (new notes may still join)."""
        self._check_themes(theme)
        notes = [self.keys_[i] for i in np.flatnonzero(self.labels_ == theme)]
        return self._edit({"op": "pin", "theme": int(theme), "notes": notes})

    def rename_theme(self, theme: int, name: str) -> "Themes":
        """Gives ``theme`` a name (shown in ``themes_``), kept on reruns with the theme's number."""
        self._check_themes(theme)
        return self._edit({"op": "rename", "theme": int(theme), "name": str(name)})

    def _check_themes(self, *themes: int) -> None:
        if not hasattr(self, "labels_"):
            raise _not_fitted("Themes is not fitted yet: call fit() first")
        for theme in themes:
            if not np.any(self.labels_ == theme):
                raise ValueError(f"there is no theme {theme}")

    def _check_notes(self, notes: Sequence[Any]) -> None:
        usable_keys = {self.keys_[i] for i in np.flatnonzero(self._usable)}
        for note in notes:
            if note not in usable_keys:
                raise ValueError(f"{note!r} is not a note with content words (fillers and empty notes stay "
                                 "outside themes)")

    def _edit(self, edit: dict) -> "Themes":
        self._ensure_compiled()
        labels, names = _replay([edit], self.labels_.copy(), self.keys_, self._usable, dict(self.names_), now=True)
        state = {k: getattr(self, k) for k in ("_pipeline", "_vectorizer", "_x", "_docs", "_usable", "_texts_fitted",
                                               "_first_copy")}
        self.__dict__.update(self._describe(labels, names, state))
        self.labels_, self.names_ = labels, names
        self.edits_ = self.edits_ + [edit]
        self.max_theme_id_ = max(self.max_theme_id_, int(labels.max(initial=-1)))
        return self

    def _describe(self, labels: np.ndarray, names: dict, state: dict) -> dict:
        """themes_, n_themes_ and the centres predict() uses, for theme numbers ``labels``."""
        usable, docs, x = state["_usable"], state["_docs"], state["_x"]
        ids = sorted({int(t) for t in labels[usable]} - {-1})
        rows: list[dict] = []
        centroids = None
        if ids:
            # Dense numbers 0..k-1 in the order of ours; notes in no theme (HDBSCAN*'s noise) stay -1.
            dense = np.where(labels[usable] >= 0, np.searchsorted(ids, labels[usable]), -1)
            clustering = canonical_clustering(dense)
            # canonical_clustering numbers by size; map its numbers back to ours through any member note.
            canonical_to_id = {int(c): ids[int(d)] for c, d in zip(clustering.labels, dense) if d >= 0}
            texts, first_copy = state["_texts_fitted"], state["_first_copy"]
            for canonical, info in enumerate(label_themes(docs, clustering, x, state["_pipeline"], self.keywords,
                                                          3 * self.representatives, float(self.diversity))):
                # Representatives: one per group of copies.
                examples = list(dict.fromkeys(texts[first_copy[i]] for i in info["representatives"]))
                theme = canonical_to_id[canonical]
                rows.append({"theme": theme, "name": names.get(theme, ""), "size": info["size"],
                             "keywords": info["keywords"], "representatives": examples[:self.representatives]})
            centroids = self._theme_centroids(x, dense, len(ids))
        return {"themes_": _frame(rows), "n_themes_": len(ids), "_centroids": centroids,
                "_centroid_ids": np.asarray(ids, dtype=np.int64)}

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        """``fit(X).labels_``."""
        return self.fit(X, y).labels_

    def predict(self, X: Any) -> np.ndarray:
        """The nearest theme (cosine to the theme's mean vector) of each new note, without re-clustering;
        -1 for fillers and notes sharing no word with the fitted vocabulary."""
        if not hasattr(self, "labels_"):
            raise _not_fitted("Themes is not fitted yet: call fit() first")
        self._ensure_compiled()
        texts = _texts(X)
        terms, _, fillers = self._pipeline.process_many(texts)
        out = np.full(len(texts), -1, dtype=np.int64)
        if self._centroids is None:
            return out
        data, indices, indptr = self._vectorizer.transform(terms).to_arrays()
        for row in range(len(texts)):
            if fillers[row] or indptr[row] == indptr[row + 1]:
                continue
            cols = indices[indptr[row]:indptr[row + 1]]
            scores = self._centroids[:, cols] @ data[indptr[row]:indptr[row + 1]]
            if scores.max() > 0:
                out[row] = int(self._centroid_ids[int(np.argmax(scores))])  # ties: the larger theme
        return out

    def _ensure_compiled(self) -> None:
        """After unpickling: rebuilds the compiled pipeline, vocabulary and vectors (deterministic), not the themes."""
        if not hasattr(self, "_pipeline"):
            self._pipeline, self._vectorizer, _, _, _, _, self._docs = self._preprocess(self._texts_fitted)
            self._x = self._vectorizer.transform(self._docs) if self._docs else None

    def _dense_vectors(self, embeddings: Any, usable: np.ndarray, x: SparseMatrix) -> Any:
        """The dense vectors of the usable notes: the caller's embeddings, LSA vectors, or None."""
        if embeddings is not None:
            z = np.asarray(embeddings)
            if z.ndim != 2:
                raise InvalidInputError(f"embeddings must be 2-D (notes x dimensions), got {z.ndim}-D")
            if z.shape[0] != usable.size:
                raise InvalidInputError(f"embeddings has {z.shape[0]} rows for {usable.size} notes")
            z = np.ascontiguousarray(z, dtype=np.float32)  # no copy when already float32 in C order
            finite = np.isfinite(z)
            if not finite.all():
                note, column = (int(v[0]) for v in np.nonzero(~finite))
                raise InvalidInputError(f"embeddings: note {note}, column {column}: the value is NaN or infinite")
            return z if usable.all() else z[usable]
        if self.lsa:
            return _insights.lsa(x, dimensions=int(self.lsa), seed=int(self.seed))
        return None

    def _clusterer_params(self) -> dict[str, float]:
        """The numeric parameters passed by name to the registry; each clusterer reads those it knows."""
        params = {"resolution": _resolution(self.resolution), "ensemble": float(self.ensemble),
                  "min_cluster_size": float(self.min_cluster_size),
                  "reassign_threshold": float(self.reassign_threshold)}
        for name, value in (("k", self.n_themes), ("threshold", self.threshold), ("min_samples", self.min_samples)):
            if value is not None:
                params[name] = float(value)
        return params

    def _preprocess(self, texts: list[str], progress: Any = None) -> tuple:
        """Pipeline and vocabulary of the notes (deterministic); returns (pipeline, vectorizer, terms, languages,
        fillers, usable mask, usable terms)."""
        pipeline = TextPipeline(language=self.language or "")
        terms, languages, fillers = pipeline.process_many(texts, progress=progress)
        fillers = np.asarray(fillers, dtype=bool)
        usable = np.array([not f and len(t) > 0 for t, f in zip(terms, fillers)], dtype=bool)
        docs = [t for t, ok in zip(terms, usable) if ok]
        # Any registered representation; the built-in "tfidf" and "bm25" are the Vectorizer.
        vectorizer = make_representation(self.weighting, seed=int(self.seed), params=self._component_params())
        if docs:
            vectorizer.fit(docs)
        return pipeline, vectorizer, terms, languages, fillers, usable, docs

    def _component_params(self) -> dict[str, float]:
        """What a representation or similarity from the registry is given (built-ins read the first three)."""
        return {"min_df": float(self.min_df), "max_df": float(self.max_df), "char_ngrams": float(self.char_ngrams),
                "neighbours": float(self.neighbours), "min_similarity": float(self.min_similarity)}

    @staticmethod
    def _theme_centroids(x: SparseMatrix, labels: np.ndarray, themes: int) -> np.ndarray:
        data, indices, indptr = x.to_arrays()
        centroids = np.zeros((themes, x.shape[1]))
        for row, theme in enumerate(labels):
            if theme < 0:  # in no theme (HDBSCAN*'s noise)
                continue
            centroids[theme, indices[indptr[row]:indptr[row + 1]]] += data[indptr[row]:indptr[row + 1]]
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        return centroids / np.where(norms > 0, norms, 1.0)

    # Pickling: themes, centres and numbers travel as numpy/pandas; the compiled pipeline and vocabulary are
    # rebuilt from the notes on first use (both deterministic).
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_pipeline", "_vectorizer", "_x", "_docs")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # An estimator pickled before these parameters existed keeps behaving as it did then.
        self.__dict__.update({"min_theme_size": 1, "duplicate_similarity": None, "similarity": "cosine", **state})
        if hasattr(self, "labels_") and not hasattr(self, "copies_"):
            self.copies_ = _copies_frame(self.duplicate_of_, self.keys_, self._texts_fitted, self.labels_)


def _resolution(value: Any) -> float:
    """Leiden's resolution as the registry takes it: "auto" is 0 (chosen for the graph), a number stays itself."""
    if isinstance(value, str):
        if value != "auto":
            raise ValueError(f"resolution must be a positive number or 'auto', got {value!r}")
        return 0.0
    resolution = float(value)
    if not (resolution > 0 and np.isfinite(resolution)):
        raise ValueError(f"resolution must be a positive number or 'auto', got {value!r}")
    return resolution


def _stage_reporter(progress: Any, notes: int) -> Any:
    """``report(stage, fraction)`` for Themes.fit: calls the user's callable, or moves a tqdm bar; returns
    whether to go on (False stops the clustering inside C++); raises KeyboardInterrupt when asked to stop
    between stages."""
    if progress is None or progress is False:
        return lambda stage, fraction: True
    if callable(progress):
        def call(stage: str, fraction: float) -> bool:
            keep_going = progress(stage, fraction)
            if keep_going is False and stage in ("text pipeline", "vectors", "neighbour graph", "labels"):
                raise KeyboardInterrupt(f"clustering cancelled at {stage}")
            return keep_going is not False
        return call
    try:
        from tqdm.auto import tqdm
    except ImportError:  # no tqdm: nothing is shown
        return lambda stage, fraction: True
    bar = tqdm(total=100, unit="%", leave=False, desc=f"themes of {notes} notes")

    def update(stage: str, fraction: float) -> bool:
        bar.n = int(100 * fraction)
        bar.set_postfix_str(stage)
        bar.refresh()
        if stage == "done":
            bar.close()
        return True

    return update


def _check_graph(nodes: int, links: tuple, notes: int, what: str) -> None:
    """A registered similarity's graph must fit the notes and hold similarities: weights in (0, 1] (near copies
    compare them with duplicate_similarity, HDBSCAN* turns them into distances 1 - w)."""
    if nodes != notes:
        raise ValueError(f"{what} returned a graph of {nodes} notes for {notes} notes")
    weights = links[2]
    # (1 + 1e-9: the cosine of a note and its copy may come out a rounding above 1.)
    if weights.size and not (weights.min() > 0 and weights.max() <= 1 + 1e-9):
        raise ValueError(f"{what} returned link weights from {weights.min():.3g} to {weights.max():.3g}; "
                         "they must be similarities in (0, 1]")


def _near_copies(links: tuple, x: SparseMatrix, unique: np.ndarray, group: np.ndarray, threshold: float) -> np.ndarray:
    """For each group of notes with equal content words, the group it is a copy of: the earlier distinct note,
    among the neighbours of the group's first note, of highest similarity at least ``threshold`` — only notes
    that are copies of no other are candidates, so every copy is that similar to the note it points to.

    A text repeated more often than a note has neighbours sees only its own copies in the graph: for those
    groups the word cosine to every note is computed instead (one sparse row against the matrix)."""
    indptr, neighbour, weight = links  # the neighbour graph's arrays
    n = len(indptr) - 1
    leader = np.arange(len(unique))
    candidates: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    sources = np.repeat(np.arange(n), np.diff(indptr.astype(np.int64)))
    has_close = np.zeros(n, dtype=bool)
    has_close[sources[weight >= threshold]] = True
    for g in np.flatnonzero(has_close[unique]):
        begin, end = indptr[unique[g]], indptr[unique[g] + 1]
        close = weight[begin:end] >= threshold
        candidates[int(g)] = (neighbour[begin:end][close], weight[begin:end][close])
    # Groups whose first note has only its own copies as neighbours.
    foreign = np.bincount(sources, weights=group[neighbour] != group[sources], minlength=n)
    degree = np.diff(indptr.astype(np.int64))
    own_only = [int(g) for g in np.flatnonzero((degree[unique] > 0) & (foreign[unique] == 0))]
    if own_only:
        data, cols, row_start = x.to_arrays()
        rows = np.repeat(np.arange(n), np.diff(row_start.astype(np.int64)))
        by_col = np.argsort(cols, kind="stable")  # the matrix by column, to score one row against all
        col_start = np.searchsorted(cols[by_col], np.arange(x.shape[1] + 1))
        for g in own_only:
            note = unique[g]
            similarity = np.zeros(n)
            for k in range(row_start[note], row_start[note + 1]):
                entries = by_col[col_start[cols[k]]:col_start[cols[k] + 1]]
                np.add.at(similarity, rows[entries], data[k] * data[entries])
            close = np.flatnonzero((similarity >= threshold) & (group != g))
            candidates[g] = (close, similarity[close])
    for g in sorted(candidates):  # in order: a group only points to an earlier one
        best, best_weight = g, -1.0
        for other, w in zip(*candidates[g]):
            h = group[other]
            # An earlier group (its first note comes first) that is nobody's copy; ties: the earlier one.
            if h < g and leader[h] == h and (w > best_weight or (w == best_weight and h < best)):
                best, best_weight = h, w
        leader[g] = best
    return leader


def _copies_frame(duplicate_of: np.ndarray, keys: Sequence[Any], texts: Sequence[str], labels: np.ndarray) -> Any:
    """copies_: one row per note that has copies — its key, text, number of notes in the group (itself included)
    and theme — most copies first."""
    counts = np.bincount(duplicate_of[duplicate_of >= 0], minlength=len(texts)) if len(texts) else np.zeros(0, int)
    firsts = np.flatnonzero(counts >= 2)
    firsts = firsts[np.argsort(-counts[firsts], kind="stable")]
    rows = [{"note": keys[i], "text": texts[i], "copies": int(counts[i]), "theme": int(labels[i])} for i in firsts]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return rows
    return pd.DataFrame(rows, columns=["note", "text", "copies", "theme"])


def _frame(rows: Sequence[dict]) -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return list(rows)
    frame = pd.DataFrame(list(rows), columns=["theme", "name", "size", "keywords", "representatives"]).set_index("theme")
    return frame.sort_index()
