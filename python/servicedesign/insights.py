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
import math
import numbers
import sys
from typing import Any, Iterable, Sequence

import numpy as np

from ._core import FormatError, InvalidInputError, NotFoundError
from ._progress import stage_reporter
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
ThemeModel = _insights.ThemeModel
Parameter = _insights.Parameter
parameters_table = _insights.parameters_table
clusterer_parameters = _insights.clusterer_parameters
representation_parameters = _insights.representation_parameters
similarity_parameters = _insights.similarity_parameters
ThemeModelOptions = _insights.ThemeModelOptions
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
theme_model_parameters = _insights.theme_model_parameters

__all__ = [
    "AverageClusterer", "Clusterer", "ClusterInput", "Clustering", "Dendrogram", "HdbscanClusterer", "KMeansClusterer",
    "NotFittedError", "Parameter", "clusterer_parameters", "parameters_markdown", "parameters_table",
    "theme_model_parameters",
    "representation_parameters",
    "similarity_parameters",
    "LeidenClusterer", "NeighbourGraph", "Representation", "ResolutionChoice", "ResolutionPoint", "Similarity",
    "SparseMatrix", "TextPipeline", "ThemeModel", "ThemeModelOptions", "Themes",
    "Vectorizer", "absorb_small_themes", "adjusted_rand_score",
    "average_linkage", "canonical_clustering", "choose_resolution", "clusterer_names", "cut", "cut_at_similarity", "cut_level",
    "dense_knn_graph", "detect_language", "hdbscan", "is_filler", "knn_graph", "label_themes", "lsa", "make_clusterer",
    "match_themes", "mixed_knn_graph",
    "make_representation", "make_similarity",
    "modularity", "normalize", "normalized_mutual_info_score", "register_clusterer", "register_representation",
    "register_similarity", "representation_names", "silhouette_score", "similarity_names", "tokenize",
    "unregister_clusterer", "unregister_representation", "unregister_similarity", "v_measure_score",
]

# The estimator's defaults are the C++ theme model's (ThemeModelOptions): declared once, there. "auto" for the
# resolution and None for the language are Python's spelling of its 0 and "".
_DEFAULTS = _insights.ThemeModelOptions()

# Themes._repr_html_ shows at most this many themes, and notes up to this many characters: a glance, not a report.
_HTML_MAX_THEMES = 50
_HTML_NOTE_CHARS = 120

# The numeric parameters of Themes are the theme model's options, declared once in C++ (name, kind, range,
# default, description): Python checks values against that declaration before converting them, so that a
# string or a float where a count belongs is named in Python's terms.
_DECLARED = {p.name: p for p in _insights.theme_model_parameters()}
_REGISTERED = {"algorithm": ("clusterer", clusterer_names), "weighting": ("representation", representation_names),
               "similarity": ("similarity", similarity_names)}
_SIZE_LIMIT = 2**64  # C++ holds the whole numbers as std::size_t or std::uint64_t


def parameters_markdown() -> str:
    """Markdown tables of the theme model's options and of the parameters every registered clusterer,
    representation and similarity declares (as docs/insights.md shows them for the built-in ones), from their one
    declaration in C++."""
    parts = ["**Theme model** (`ThemeModelOptions` in C++, `Themes` in Python, `servicedesign cluster`; text options "
             "not shown: algorithm, representation, similarity, language)\n\n" + parameters_table(theme_model_parameters())]
    for kind, names, declared in (("Clusterer", clusterer_names, clusterer_parameters),
                                  ("Representation", representation_names, representation_parameters),
                                  ("Similarity", similarity_names, similarity_parameters)):
        for name in names():
            parameters = declared(name)
            parts.append(f"**{kind} `{name}`**" + (": no parameters.\n" if not parameters
                                                   else "\n\n" + parameters_table(parameters)))
    return "\n".join(parts)


def _shown(value: Any) -> str:
    """A value as a message shows it: its type, and its repr when short (a list of a million notes is not)."""
    text = repr(value)
    return f"{type(value).__name__} ({text if len(text) <= 40 else text[:39] + '…'})"


def _codes(labels: Any, name: str, where: str) -> np.ndarray:
    """Labels of any kind (str, int, a pandas Series of categories) as integer codes, as scikit-learn accepts them.
    Always recoded: C++ reads 32-bit labels, and 2**40 must not become 0."""
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Iterable):
        raise InvalidInputError(f"{where}: {name} must be a sequence of labels, one per note, got {_shown(labels)}")
    values = list(labels)
    try:
        array = np.asarray(values)
    except ValueError:  # rows of different lengths
        array = None
    if array is None or array.ndim != 1:
        raise InvalidInputError(f"{where}: {name} must be one label per note, got {_shown(labels)}")
    try:
        return np.unique(array, return_inverse=True)[1].reshape(-1)
    except TypeError:  # labels of kinds that do not sort together (1 and "a"): numbered as they come
        try:
            first: dict = {}
            return np.asarray([first.setdefault(label, len(first)) for label in values], dtype=np.int64)
        except TypeError:  # unhashable
            raise InvalidInputError(f"{where}: {name} must be labels such as numbers or str, got {_shown(labels)}") from None


def adjusted_rand_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> float:
    """Adjusted Rand index, as :func:`sklearn.metrics.adjusted_rand_score` (labels of any kind)."""
    where = "adjusted_rand_score"
    return _insights.adjusted_rand_index(_codes(labels_true, "labels_true", where), _codes(labels_pred, "labels_pred", where))


def normalized_mutual_info_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> float:
    """NMI with the arithmetic mean, as :func:`sklearn.metrics.normalized_mutual_info_score` (labels of any kind)."""
    where = "normalized_mutual_info_score"
    return _insights.normalized_mutual_information(_codes(labels_true, "labels_true", where),
                                                   _codes(labels_pred, "labels_pred", where))


def silhouette_score(x: SparseMatrix, labels: Iterable[int]) -> float:
    """Mean silhouette of ``labels`` under cosine distance on the rows of ``x`` (e.g. ``Vectorizer().fit_transform``),
    as scikit-learn's ``silhouette_score(X, labels, metric="cosine")``; notes labelled -1 are left out."""
    if not isinstance(x, SparseMatrix):
        raise InvalidInputError(f"silhouette_score: x must be a SparseMatrix (e.g. Vectorizer().fit_transform(…)), "
                                f"got {_shown(x)}")
    themes = np.asarray(list(labels)) if isinstance(labels, Iterable) and not isinstance(labels, str) else None
    # Theme numbers, not categories: -1 means "left out", so they are not recoded (and 0.5 is no theme).
    if themes is None or themes.ndim != 1 or (themes.size and themes.dtype.kind not in "iu"):
        raise InvalidInputError(f"silhouette_score: labels must be theme numbers (whole numbers, -1 for notes left "
                                f"out), one per row of x, got {_shown(labels)}")
    return _insights.silhouette(x, themes.astype(np.int64))


def v_measure_score(labels_true: Iterable[Any], labels_pred: Iterable[Any]) -> tuple[float, float, float]:
    """(homogeneity, completeness, V-measure), as :func:`sklearn.metrics.homogeneity_completeness_v_measure`."""
    where = "v_measure_score"
    return _insights.v_measure(_codes(labels_true, "labels_true", where), _codes(labels_pred, "labels_pred", where))


def _missing(note: Any) -> bool:
    """None, NaN and pandas' NA and NaT: a note never written, which becomes an empty note (label -1)."""
    if note is None or (isinstance(note, numbers.Real) and note != note):
        return True
    pd = sys.modules.get("pandas")  # a pandas value can only come from an imported pandas
    return pd is not None and (note is pd.NA or note is pd.NaT)


def _unicode_fault(text: str) -> str | None:
    """Why ``text`` cannot be stored as UTF-8 — a lone surrogate, as reading with errors="surrogateescape" or a JSON
    escape like "\\ud800" leaves — or None when it can."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"a lone surrogate {text[error.start]!r} at character {error.start}"
    return None


def _texts(X: Any, where: str) -> list[str]:
    """Notes as a list of str from a list, tuple, numpy array or pandas Series (one column); missing values are
    empty notes."""
    if isinstance(X, str) or getattr(X, "ndim", 1) == 0:
        raise InvalidInputError(f"{where}: X must be a sequence of notes, got a single {_shown(X)}; give a list: [note]")
    if not hasattr(X, "__iter__"):
        raise InvalidInputError(f"{where}: X must be a list, tuple, numpy array or pandas Series of notes (str), "
                                f"got {_shown(X)}")
    if getattr(X, "ndim", 1) != 1:
        if X.ndim != 2 or X.shape[1] != 1:
            raise InvalidInputError(f"{where}: X must be one column of text, got the shape {tuple(X.shape)}")
        X = X.iloc[:, 0] if hasattr(X, "iloc") else X[:, 0]
    texts = []
    for i, note in enumerate(X):
        if isinstance(note, str):
            texts.append(note)
        elif _missing(note):
            texts.append("")
        else:
            raise TypeError(f"note {i} is of type {type(note).__name__}, not str")
    return texts


def _keys(X: Any, texts: list[str]) -> list:
    """The key of each note, by which edits and earlier themes find it again: the pandas index, else the text."""
    if hasattr(X, "index") and not isinstance(X, (list, tuple)):
        return list(X.index)
    return list(texts)


def _refuse_bad_unicode(text: str, what: str) -> None:
    fault = _unicode_fault(text)
    if fault:
        raise InvalidInputError(f"{what} is not valid Unicode text: {fault}")


def _check_unicode(texts: list[str], keys: list) -> None:
    """Refuses, by note number (and key), a note or key that is not valid Unicode text, before C++ would. ``keys``:
    the notes' keys, the texts themselves when they have none."""
    try:  # one pass over all of them in C; the loop below only finds the culprit
        "".join([*texts, *map(_key_text, keys)]).encode("utf-8")
        return
    except UnicodeEncodeError:
        pass
    for i, text in enumerate(texts):
        keyed = _key_text(keys[i]) != text
        _refuse_bad_unicode(text, f"note {i}" + (f" (key {keys[i]!r})" if keyed else ""))
        if keyed:
            _refuse_bad_unicode(_key_text(keys[i]), f"the key of note {i}")


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
        note whose word cosine with an earlier distinct note (any of them, not only its neighbours) is at least
        this (default 0.9; None: equal content words only). The neighbour graph and the clusterer see each group
        of copies once and the copies take its theme; sizes, keywords and ``min_theme_size`` count every copy.
        Reported in ``duplicate_of_`` and ``copies_``; a theme's representatives show each group once.
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
    threads : threads to use at most (0, the default: one per core); the themes are the same for any number.
    posting_limit : the neighbour search reads at most this many notes per term, those where it weighs most
        (near-linear cost on many notes, approximate); 0 (the default) does so only where the exact search would
        be costly, None always searches exactly.
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

    def __init__(self, algorithm: str = _DEFAULTS.algorithm, resolution: float | str = "auto",
                 neighbours: int = _DEFAULTS.neighbours, min_similarity: float = _DEFAULTS.min_similarity,
                 weighting: str = _DEFAULTS.representation, min_df: int = _DEFAULTS.min_df,
                 max_df: float = _DEFAULTS.max_df, language: str | None = None, keywords: int = _DEFAULTS.keywords,
                 representatives: int = _DEFAULTS.representatives, seed: int = _DEFAULTS.seed,
                 n_themes: int | None = _DEFAULTS.n_themes, ensemble: int = _DEFAULTS.ensemble,
                 lsa: int = _DEFAULTS.lsa, dense_weight: float = _DEFAULTS.dense_weight,
                 diversity: float = _DEFAULTS.diversity, char_ngrams: int = _DEFAULTS.char_ngrams,
                 threshold: float | None = _DEFAULTS.threshold, min_cluster_size: int = _DEFAULTS.min_cluster_size,
                 min_samples: int | None = _DEFAULTS.min_samples,
                 reassign_threshold: float = _DEFAULTS.reassign_threshold,
                 min_theme_size: int = _DEFAULTS.min_theme_size,
                 duplicate_similarity: float | None = _DEFAULTS.duplicate_similarity,
                 similarity: str = _DEFAULTS.similarity, threads: int = _DEFAULTS.threads,
                 posting_limit: int | None = _DEFAULTS.posting_limit) -> None:
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
        self.threads = threads
        self.posting_limit = posting_limit

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
        """Sets parameters by name (checked by fit, as scikit-learn's are); unknown names raise InvalidInputError."""
        valid = self._param_names()
        for name in params:  # all names first: a refused call changes nothing
            if name not in valid:
                raise InvalidInputError(f"invalid parameter {name!r} for Themes; valid: {', '.join(valid)}")
        for name, value in params.items():
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
    def fit(self, X: Any, y: Any = None, progress: Any = True, previous: Any = None,
            embeddings: Any = None) -> "Themes":
        """Clusters the notes ``X``; ``y`` is ignored. The work is done by the C++ theme model
        (:class:`ThemeModel`), so C++ programs and ``servicedesign cluster`` get the same themes. Missing notes
        (None, NaN, pandas' NA) are empty notes: label -1, as in ``predict``.

        ``embeddings``: dense vectors of the notes computed elsewhere (e.g. by a sentence-embedding model), an
        array of one row per note; float32 in C order is read in place, anything else is converted once. The
        neighbour graph then ranks notes by ``(1 - dense_weight)`` times the word-based cosine plus
        ``dense_weight`` times the cosine of the embeddings. Without embeddings, ``lsa=d`` mixes in LSA vectors
        of ``d`` dimensions the same way.

        ``progress``: True (the default) shows a bar in a terminal or notebook, False nothing, or a callable
        ``progress(stage, fraction)`` that may return False to stop: the fit then ends with KeyboardInterrupt,
        as Ctrl-C does.

        ``previous``: an earlier fitted :class:`Themes` (this one included), or the theme numbers of the same
        notes from an earlier run (its ``labels_``; -1 for notes that are new) aligned with ``X`` — by index
        when both are pandas objects. Themes then keep the numbers of the earlier themes they overlap most, and
        new themes get numbers after every number used before. From a fitted Themes, notes are matched by
        their key (the pandas index, else the text; keys are compared as text, ``str(key)``), and the analyst's
        edits (:meth:`merge_themes`, :meth:`split_theme`, :meth:`move_note`, :meth:`pin_theme`,
        :meth:`rename_theme`) are replayed on the new themes, so they survive the rerun.
        """
        options = self._options()
        if not (progress is None or isinstance(progress, bool) or callable(progress)):
            raise InvalidInputError(f"Themes.fit: progress must be True, False, None or a callable "
                                    f"progress(stage, fraction), got {_shown(progress)}")
        texts = _texts(X, "Themes.fit")
        keys = _keys(X, texts)
        _check_unicode(texts, keys)
        key_objects = {_key_text(key): key for key in keys}
        earlier: dict[str, Any] = {}
        if isinstance(previous, Themes):
            if not hasattr(previous, "labels_"):
                raise InvalidInputError("Themes.fit: previous is a Themes that has not been fitted; fit it, or give "
                                        "the theme numbers of the notes")
            earlier = previous._earlier()
            key_objects = {**previous._key_objects, **key_objects}
        elif previous is not None:
            earlier = {"previous_labels": _previous_labels(previous, X, len(texts))}
        model = _insights.ThemeModel(options)
        dense = _embeddings(embeddings, len(texts))
        report, close = _stage_reporter(progress, len(texts))
        try:
            model.fit(texts, keys=[_key_text(key) for key in keys], embeddings=dense, progress=report, **earlier)
        finally:
            close()
        # Stored only now: a fit that fails or is interrupted leaves the estimator as it was.
        self._model, self._key_objects, self.keys_ = model, key_objects, keys
        self._sync()
        return self

    def forget(self, keys: Iterable[Any], progress: Any = True, embeddings: Any = None) -> "Themes":
        """Erases the notes with ``keys`` (as :meth:`fit` keyed them: the pandas index, else the texts) as if they
        had never been given, e.g. when the person who wrote them withdraws consent. The C++ model refits on the
        notes that remain, with the same parameters and itself as ``previous``: themes keep their numbers, and the
        analyst's edits are replayed without the forgotten notes (an edit that named only them is dropped, and so
        is the name of a theme made only of them). Afterwards no fitted attribute, saved model or pickle holds their
        text, key, words or keywords. Forgetting every note leaves a fitted estimator of no notes and no themes.
        Returns ``self``.

        ``embeddings``: the embeddings given to :meth:`fit` (one row per note the model holds), whose rows of the
        forgotten notes are dropped; without them the refit uses the words only. ``progress``: as in :meth:`fit`.
        A key the model does not hold raises InvalidInputError naming it; then, as after a failed or interrupted
        refit, nothing has changed.
        """
        model = self._fitted_model()
        if not (progress is None or isinstance(progress, bool) or callable(progress)):
            raise InvalidInputError(f"Themes.forget: progress must be True, False, None or a callable "
                                    f"progress(stage, fraction), got {_shown(progress)}")
        texts = _note_keys("forget", "keys", keys)
        dense = _embeddings(embeddings, len(self.keys_))
        report, close = _stage_reporter(progress, len(self.keys_))
        try:
            model.forget(texts, embeddings=dense, progress=report)
        finally:
            close()
        # The keys as the caller gave them, of the notes and edits that remain only (they are pickled).
        gone = set(texts)
        self.keys_ = [key for key in self.keys_ if _key_text(key) not in gone]
        held = set(model.keys)
        for edit in model.edits:
            held.update(edit.get("notes", []))
            if "note" in edit:
                held.add(edit["note"])
        self._key_objects = {text: key for text, key in self._key_objects.items() if text in held}
        self._sync()
        return self

    def _options(self) -> Any:
        """The C++ model's options from the estimator's parameters (checked here and again in C++)."""
        for name in self._param_names():
            value = getattr(self, name)
            refusal = _parameter_refusal(name, value)
            if refusal:
                raise InvalidInputError(f"Themes: {name} must be {refusal}, got {value!r}")
        o = _insights.ThemeModelOptions()
        o.threads = int(self.threads)
        o.posting_limit = (2**64 - 1) if self.posting_limit is None else int(self.posting_limit)
        o.algorithm = self.algorithm
        o.resolution = _resolution(self.resolution)
        o.neighbours, o.min_similarity = int(self.neighbours), float(self.min_similarity)
        o.representation, o.similarity = self.weighting, self.similarity
        o.min_df, o.max_df = int(self.min_df), float(self.max_df)
        o.language = self.language or ""
        o.keywords, o.representatives, o.seed = int(self.keywords), int(self.representatives), int(self.seed)
        o.n_themes = None if self.n_themes is None else int(self.n_themes)
        o.ensemble, o.lsa, o.dense_weight = int(self.ensemble), int(self.lsa), float(self.dense_weight)
        o.diversity, o.char_ngrams = float(self.diversity), int(self.char_ngrams)
        o.threshold = None if self.threshold is None else float(self.threshold)
        o.min_cluster_size = int(self.min_cluster_size)
        o.min_samples = None if self.min_samples is None else int(self.min_samples)
        o.reassign_threshold = float(self.reassign_threshold)
        o.min_theme_size = int(self.min_theme_size)
        o.duplicate_similarity = None if self.duplicate_similarity is None else float(self.duplicate_similarity)
        o.validate()
        return o

    def _earlier(self) -> dict[str, Any]:
        """This estimator's themes as an earlier run, as ThemeModel.fit takes them."""
        m = self._model
        return {"previous_labels": m.labels.tolist(), "previous_keys": list(m.keys), "previous_edits": m.edits,
                "previous_names": dict(m.names), "previous_max_theme_id": m.max_theme_id}

    def _sync(self) -> None:
        """The fitted attributes, read from the C++ model (after fit and after every edit)."""
        m = self._model
        self.labels_ = m.labels
        self.n_themes_ = m.n_themes
        self.names_ = dict(m.names)
        self.max_theme_id_ = m.max_theme_id
        self.edits_ = [self._edit_with_keys(edit) for edit in m.edits]
        self.fillers_ = m.fillers
        self.duplicate_of_ = m.duplicate_of
        self.languages_ = np.asarray(m.languages, dtype=object)
        self.quality_ = m.quality
        self.resolution_ = m.resolution
        texts = m.texts
        self.themes_ = _frame([{"theme": t.theme, "name": t.name, "size": t.size, "keywords": list(t.keywords),
                                "representatives": [texts[i] for i in t.representatives]} for t in m.themes])
        self.copies_ = _copies_frame([(self.keys_[c.note], texts[c.note], c.copies, c.theme) for c in m.copies])

    def _edit_with_keys(self, edit: dict) -> dict:
        """An edit as plain data, with the notes' keys as the caller gave them (C++ holds their text)."""
        found = self._key_objects
        if "notes" in edit:
            edit["notes"] = [found.get(key, key) for key in edit["notes"]]
        if "note" in edit:
            edit["note"] = found.get(edit["note"], edit["note"])
        return edit

    # What plots and tests read of the fitted vectors.
    @property
    def _x(self) -> SparseMatrix:
        return self._model.vectors()

    @property
    def _usable(self) -> np.ndarray:
        return self._model.usable

    @property
    def _centroid_ids(self) -> np.ndarray:
        return np.asarray([t.theme for t in self._model.themes], dtype=np.int64)

    @property
    def _centroids(self) -> "np.ndarray | None":
        centres = self._model.theme_centres()
        if centres.shape[0] == 0:
            return None
        data, indices, indptr = centres.to_arrays()
        dense = np.zeros(centres.shape)
        for row in range(centres.shape[0]):
            dense[row, indices[indptr[row]:indptr[row + 1]]] = data[indptr[row]:indptr[row + 1]]
        return dense

    def hierarchy(self) -> tuple:
        """Themes grouped into broader themes, as in the levels of a KJ diagram: average linkage over the themes'
        mean vectors (cosine). Returns ``(themes, tree)``: the theme numbers in the order of the tree's leaves,
        and a :class:`Dendrogram` whose ``linkage_matrix()`` scipy draws; ``cut(tree, k).labels[i]`` is the group of
        ``themes[i]`` at ``k`` groups."""
        if not hasattr(self, "labels_"):
            raise _not_fitted("Themes is not fitted yet: call fit() first")
        ids, tree = self._model.hierarchy()
        return [int(t) for t in ids], tree

    # The analyst's edits ---------------------------------------------------------------------------
    # Each edit changes the themes at once and is recorded in ``edits_`` by the notes' keys, so that
    # ``fit(notes, previous=model)`` can replay it on the themes of a rerun.

    def merge_themes(self, into: int, other: int) -> "Themes":
        """Puts the notes of theme ``other`` into theme ``into``; on reruns, every theme made mostly of the
        notes of the two goes into ``into`` again."""
        model = self._fitted_model()
        into, other = self._theme("merge_themes", "into", into), self._theme("merge_themes", "other", other)
        if into == other:
            raise InvalidInputError(f"Themes.merge_themes: into and other are both theme {into}; give two themes")
        model.merge_themes(into, other)
        self._sync()
        return self

    def split_theme(self, theme: int, notes: Sequence[Any]) -> int:
        """Moves ``notes`` (keys: the pandas index, else the texts) of ``theme`` into a new theme and returns
        its number; on reruns those notes form that theme again."""
        model = self._fitted_model()
        theme = self._theme("split_theme", "theme", theme)
        keys = _note_keys("split_theme", "notes", notes)
        new = model.split_theme(theme, keys)
        self._sync()
        return new

    def move_note(self, note: Any, theme: int) -> "Themes":
        """Moves the note with key ``note`` into ``theme``; on reruns it goes there again."""
        model = self._fitted_model()
        theme = self._theme("move_note", "theme", theme)
        _refuse_bad_unicode(_key_text(note), "Themes.move_note: note")
        model.move_note(_key_text(note), theme)
        self._sync()
        return self

    def pin_theme(self, theme: int) -> "Themes":
        """Keeps the notes now in ``theme`` together in it on every rerun (new notes may still join)."""
        self._fitted_model().pin_theme(self._theme("pin_theme", "theme", theme))
        self._sync()
        return self

    def rename_theme(self, theme: int, name: str) -> "Themes":
        """Gives ``theme`` a name (shown in ``themes_``), kept on reruns with the theme's number."""
        model = self._fitted_model()
        theme = self._theme("rename_theme", "theme", theme)
        if not isinstance(name, str):
            raise InvalidInputError(f"Themes.rename_theme: name must be a str, got {_shown(name)}")
        _refuse_bad_unicode(name, "Themes.rename_theme: name")
        model.rename_theme(theme, name)
        self._sync()
        return self

    def _fitted_model(self) -> Any:
        if not hasattr(self, "labels_"):
            raise _not_fitted("Themes is not fitted yet: call fit() first")
        return self._model

    def _theme(self, method: str, name: str, value: Any) -> int:
        """A theme number given to an edit: a whole number that is one of the themes (C++ would check that too,
        without naming the edit, the parameter or the themes there are)."""
        if not _whole(value):
            raise InvalidInputError(f"Themes.{method}: {name} must be a theme number (a whole number), got {_shown(value)}")
        themes = sorted(set(self.labels_.tolist()) - {-1})
        if value not in themes:
            shown = ", ".join(map(str, themes[:20])) + (f", … ({len(themes)} themes)" if len(themes) > 20 else "")
            raise NotFoundError(f"Themes.{method}: there is no theme {value} "
                                f"({'the themes are ' + shown if themes else 'the model has no themes'})")
        return int(value)

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        """``fit(X).labels_``."""
        return self.fit(X, y).labels_

    def predict(self, X: Any) -> np.ndarray:
        """The nearest theme (cosine to the theme's mean vector) of each new note, without re-clustering;
        -1 for fillers and notes sharing no word with the fitted vocabulary."""
        model = self._fitted_model()
        texts = _texts(X, "Themes.predict")
        _check_unicode(texts, texts)
        return model.predict(texts)

    # Pickling: the parameters, the keys as given, and the C++ model in its archive (binary).
    def __getstate__(self) -> dict[str, Any]:
        state = self.get_params()
        if hasattr(self, "labels_"):
            state.update(_model=self._model.save_to_bytes("binary"), keys_=self.keys_, _key_objects=self._key_objects)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A pickle may come from anywhere: each field is checked, and one that is not what this class wrote is
        # named (FormatError), rather than failing later in whatever first reads it.
        if not isinstance(state, dict):
            raise _damaged("its state", "a dict", state)
        # An estimator pickled before these parameters existed keeps behaving as it did then.
        state = {"min_theme_size": 1, "duplicate_similarity": None, "similarity": "cosine", "threads": 0, "posting_limit": 0, **state}
        # A parameter is restored as it was set: set_params takes any value and fit checks it, so an estimator
        # with a value fit would refuse still pickles and loads (as scikit-learn's do). Only a missing one is
        # damage.
        for name in self._param_names():
            if name not in state:
                raise _damaged(name, _parameter_refusal(name, _ABSENT) or "present", _ABSENT)
        if "_texts_fitted" in state:  # pickled before the C++ model: refit its notes, keeping numbers and edits
            self.__dict__.update({name: state[name] for name in self._param_names()})
            self._restore_before_the_model(state)
            return
        model = state.pop("_model", _ABSENT)
        keys, key_objects = state.pop("keys_", _ABSENT), state.pop("_key_objects", _ABSENT)
        if model is _ABSENT:  # not fitted
            self.__dict__.update(state)
            return
        if not isinstance(model, bytes):
            raise _damaged("_model", "bytes (the C++ model's archive)", model)
        loaded = _insights.ThemeModel.load_from_bytes(model, "pickled Themes")  # FormatError when corrupted
        if not isinstance(keys, list) or [_key_text(key) for key in keys] != list(loaded.keys):
            raise _damaged("keys_", f"the keys of the {len(loaded.keys)} notes of its model", keys)
        if not isinstance(key_objects, dict):
            raise _damaged("_key_objects", "a dict of the notes' keys by their text", key_objects)
        self.__dict__.update(state)
        self._model, self.keys_, self._key_objects = loaded, keys, key_objects
        self._sync()

    def _restore_before_the_model(self, state: dict[str, Any]) -> None:
        texts, keys, labels = state.get("_texts_fitted", _ABSENT), state.get("keys_", _ABSENT), state.get("labels_", _ABSENT)
        edits, names, top = state.get("edits_", []), state.get("names_", {}), state.get("max_theme_id_", -1)
        if not (isinstance(texts, list) and all(isinstance(text, str) for text in texts)):
            raise _damaged("_texts_fitted", "a list of the notes' texts", texts)
        if not (isinstance(keys, list) and len(keys) == len(texts)):
            raise _damaged("keys_", f"a list of {len(texts)} note keys", keys)
        earlier_labels = np.asarray(labels) if isinstance(labels, (list, np.ndarray)) else np.asarray(None)
        if earlier_labels.shape != (len(texts),) or earlier_labels.dtype.kind not in "iu":
            raise _damaged("labels_", f"{len(texts)} theme numbers", labels)
        if not (isinstance(edits, list) and all(isinstance(edit, dict) for edit in edits)):
            raise _damaged("edits_", "a list of edits (dicts)", edits)
        if not (isinstance(names, dict) and all(_whole(k) and isinstance(v, str) for k, v in names.items())):
            raise _damaged("names_", "a dict of theme names (str) by theme number", names)
        if not _whole(top):
            raise _damaged("max_theme_id_", "a whole number", top)
        edits = [dict(edit) for edit in edits]
        key_objects = {_key_text(key): key for key in keys}
        for edit in edits:
            if "notes" in edit:
                key_objects.update({_key_text(k): k for k in edit["notes"]})
                edit["notes"] = [_key_text(k) for k in edit["notes"]]
            if "note" in edit:
                key_objects[_key_text(edit["note"])] = edit["note"]
                edit["note"] = _key_text(edit["note"])
        model = _insights.ThemeModel(self._options())
        model.fit(texts, keys=[_key_text(key) for key in keys], previous_labels=earlier_labels.tolist(),
                  previous_edits=edits, previous_names={int(k): v for k, v in names.items()},
                  previous_max_theme_id=int(top))
        self._model, self._key_objects, self.keys_ = model, key_objects, keys
        self._sync()


_ABSENT = object()  # a field a pickle lacks


def _damaged(field: str, expected: str, value: Any) -> FormatError:
    got = "nothing (it is missing)" if value is _ABSENT else _shown(value)
    return FormatError(f"pickled Themes is damaged: {field} must be {expected}, got {got}")


def _resolution(value: Any) -> float:
    """Leiden's resolution as the registry takes it: "auto" is 0 (chosen for the graph), a number stays itself."""
    return 0.0 if isinstance(value, str) else float(value)


def _whole(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)  # numpy's ints too; True is no count


def _real(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    try:
        float(value)
    except OverflowError:  # an int beyond any double
        return False
    return True


def _text(value: Any) -> bool:
    return isinstance(value, str) and _unicode_fault(value) is None


def _parameter_refusal(name: str, value: Any) -> str | None:
    """What the parameter ``name`` of Themes must be, when ``value`` is not that; None when it may be."""
    if name == "resolution":  # Python's spelling: "auto" for the C++ 0
        fits = value == "auto" if isinstance(value, str) else _real(value) and 0 < value < math.inf
        return None if fits else "'auto' or a positive finite number"
    declared = _DECLARED.get(name)
    if declared is not None:
        may_be_none = declared.may_be_none or declared.default is None
        if value is None and may_be_none:
            return None
        either = "None or " if may_be_none else ""
        if declared.whole:
            if not (_whole(value) and (value >= _SIZE_LIMIT or declared.admits(float(value)))):
                return either + declared.allowed()
            return None if value < _SIZE_LIMIT else f"{either}a whole number below 2**64"
        fits = _real(value) and declared.admits(float(value))
        return None if fits else either + declared.allowed()
    if name == "language":
        return None if value is None or _text(value) else "None or a language code (sv, no, nb, nn, da, en)"
    kind, names = _REGISTERED[name]
    return None if _text(value) else f"the name of a registered {kind} ({', '.join(names())})"


def _note_keys(method: str, parameter: str, keys: Any) -> list:
    """A list of notes' keys as the C++ model holds them (text), each checked for valid Unicode."""
    if isinstance(keys, (str, bytes)) or not isinstance(keys, Iterable):
        raise InvalidInputError(f"Themes.{method}: {parameter} must be a list of the notes' keys (the pandas index, "
                                f"else the texts), got {_shown(keys)}")
    texts = [_key_text(key) for key in keys]
    for i, key in enumerate(texts):
        _refuse_bad_unicode(key, f"Themes.{method}: {parameter}[{i}]")
    return texts


def _stage_reporter(progress: Any, notes: int) -> "tuple[Any, Any]":
    """``(report(stage, fraction), close)`` for Themes.fit and forget: the user's callable (False from it stops
    the clustering inside C++, or raises KeyboardInterrupt between stages), the progress bar, or nothing."""
    if callable(progress) and progress is not True:
        def call(stage: str, fraction: float) -> bool:
            keep_going = progress(stage, fraction)
            if keep_going is False and stage in ("text pipeline", "vectors", "copies", "neighbour graph", "labels"):
                raise KeyboardInterrupt(f"clustering cancelled at {stage}")
            return keep_going is not False
        return call, lambda: None
    report, close = stage_reporter(progress, f"themes of {notes} notes")
    return (report or (lambda stage, fraction: True)), close


def _copies_frame(rows: Sequence[tuple]) -> Any:
    """copies_: one row per note that has copies — its key, text, number of notes in the group (itself included)
    and theme — most copies first."""
    records = [{"note": key, "text": text, "copies": int(copies), "theme": int(theme)} for key, text, copies, theme in rows]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return records
    return pd.DataFrame(records, columns=["note", "text", "copies", "theme"])


def _key_text(key: Any) -> str:
    """A note's key as the C++ model holds it: its text (str(key) for numbers and other keys)."""
    return key if isinstance(key, str) else str(key)


def _previous_labels(previous: Any, X: Any, notes: int) -> list[int]:
    """``previous=`` given as theme numbers, aligned with the notes (by index when both are pandas objects)."""
    if hasattr(previous, "reindex") and hasattr(X, "index"):
        previous = previous.reindex(X.index).fillna(-1)  # notes new since then: -1
    try:
        labels = np.asarray(previous)
    except ValueError:  # rows of different lengths
        labels = np.asarray(None)
    # Whole numbers stored as floats (as reindex and fillna leave them) are theme numbers too.
    if labels.dtype.kind == "f" and np.all(np.abs(labels) < 2**53) and np.all(labels == np.round(labels)):
        labels = labels.astype(np.int64)
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise InvalidInputError(f"Themes.fit: previous must be a fitted Themes or the theme numbers of the notes "
                                f"(whole numbers, -1 for notes that are new), got {_shown(previous)}")
    if labels.size != notes:
        raise ValueError(f"previous has {labels.size} labels for {notes} notes")
    outside = np.flatnonzero((labels < -1) | (labels > np.iinfo(np.int32).max))  # C++ numbers themes in 32 bits
    if outside.size:
        raise InvalidInputError(f"Themes.fit: previous must hold theme numbers from -1 to 2147483647, got "
                                f"{labels[outside[0]]} for note {outside[0]}")
    return labels.tolist()


def _embeddings(embeddings: Any, notes: int) -> Any:
    """The caller's embeddings as float32 rows in C order (no copy when they are already), checked for shape and
    kind."""
    if embeddings is None:
        return None
    try:
        z = np.asarray(embeddings)
    except ValueError:  # numpy's words for rows of different lengths
        raise InvalidInputError("embeddings must be 2-D (notes x dimensions), got rows of different lengths") from None
    if z.ndim != 2:
        raise InvalidInputError(f"embeddings must be 2-D (notes x dimensions), got {z.ndim}-D")
    if z.shape[0] != notes:
        raise InvalidInputError(f"embeddings has {z.shape[0]} rows for {notes} notes")
    if z.shape[1] == 0:
        raise InvalidInputError("embeddings has no columns: each note needs a vector of at least one dimension")
    # Numbers only: numpy would read "0.5" as a number and drop the imaginary part of a complex one. Objects (a
    # DataFrame of mixed columns) are taken when they are numbers; None becomes NaN, which C++ names.
    if z.dtype.kind == "O":
        try:
            z = z.astype(np.float64)
        except (TypeError, ValueError):
            pass
    if z.dtype.kind not in "biuf":
        odd = next((v for v in z.flat if not isinstance(v, numbers.Real)), z.flat[0])
        odd = odd.item() if isinstance(odd, np.generic) else odd  # 'a', not np.str_('a')
        raise InvalidInputError(f"embeddings must be numbers (notes x dimensions), got {_shown(odd)}")
    if z.dtype.kind == "f" and z.dtype.itemsize > 4:  # a finite number beyond float32 would become infinite
        with np.errstate(invalid="ignore"):
            beyond = np.isfinite(z) & (np.abs(z) > np.finfo(np.float32).max)
        if beyond.any():
            row, column = (int(i) for i in np.argwhere(beyond)[0])
            raise InvalidInputError(f"embeddings: note {row}, column {column}: {float(z[row, column])!r} is beyond "
                                    f"the range of the 32-bit floats the neighbour search uses")
    return np.ascontiguousarray(z, dtype=np.float32)


def _frame(rows: Sequence[dict]) -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return list(rows)
    frame = pd.DataFrame(list(rows), columns=["theme", "name", "size", "keywords", "representatives"]).set_index("theme")
    return frame.sort_index()
