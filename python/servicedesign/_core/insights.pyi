"""
Themes from workshop notes: text pipeline, vectors, clustering.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['AverageClusterer', 'ClusterInput', 'Clusterer', 'Clustering', 'CopyGroup', 'Dendrogram', 'HdbscanClusterer', 'KMeansClusterer', 'LeidenClusterer', 'NeighbourGraph', 'Parameter', 'Representation', 'ResolutionChoice', 'ResolutionPoint', 'Similarity', 'SparseMatrix', 'TextPipeline', 'ThemeModel', 'ThemeModelOptions', 'ThemeSummary', 'Vectorizer', 'Weighting', 'absorb_small_themes', 'adjusted_rand_index', 'average_linkage', 'canonical_clustering', 'choose_resolution', 'clusterer_names', 'clusterer_parameters', 'cut', 'cut_at_similarity', 'cut_level', 'dense_knn_graph', 'detect_language', 'hdbscan', 'is_filler', 'knn_graph', 'label_themes', 'lsa', 'make_clusterer', 'make_representation', 'make_similarity', 'match_themes', 'mixed_knn_graph', 'modularity', 'normalize', 'normalized_mutual_information', 'parameters_table', 'register_clusterer', 'register_representation', 'register_similarity', 'representation_names', 'representation_parameters', 'silhouette', 'similarity_names', 'similarity_parameters', 'theme_model_parameters', 'tokenize', 'unregister_clusterer', 'unregister_representation', 'unregister_similarity', 'v_measure']
@typing.type_check_only
class pybind11_type(type):
    """
    The metaclass of pybind11's classes (pybind11_builtins.pybind11_type at run time).
    """
@typing.type_check_only
class pybind11_object(metaclass=pybind11_type):
    """
    The base of pybind11's classes (pybind11_builtins.pybind11_object at run time).
    """
    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        """
        Raises TypeError ("No constructor defined!"): the constructor of a class that binds none.
        """
class TextPipeline(pybind11_object):
    """
    Turns notes into stems, remembering each stem's most frequent word.
    """
    def __init__(self, language: str = '', fallback: str = 'sv', stem: bool = True, remove_stop_words: bool = True, min_length: typing.SupportsInt | typing.SupportsIndex = 2) -> None:
        ...
    def process(self, text: str, language: str = '') -> tuple[list[str], str, bool]:
        """
        (terms, language code, filler) of one note.
        """
    def process_many(self, texts: collections.abc.Sequence[str], languages: collections.abc.Sequence[str] | None = None, progress: typing.Any = None) -> tuple[list[list[str]], list[str], list[bool]]:
        """
        (terms, language codes, filler flags) of many notes, without the GIL. progress(stage, fraction) may return False to stop; Ctrl-C stops it too.
        """
    def surface_form(self, term: str) -> str:
        """
        The most frequent word seen for a stem.
        """
class SparseMatrix(pybind11_object):
    """
    Rows of notes in CSR form (unit rows from a Vectorizer).
    """
    @staticmethod
    def from_arrays(data: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], indices: typing.Annotated[numpy.typing.ArrayLike, numpy.uint32], indptr: typing.Annotated[numpy.typing.ArrayLike, numpy.uint64], shape: tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]) -> SparseMatrix:
        """
        A matrix from CSR arrays (checked: sizes, order, finite values).
        """
    def normalize_rows(self) -> None:
        ...
    def to_arrays(self) -> tuple[numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.uint32], numpy.typing.NDArray[numpy.uint64]]:
        """
        (data, indices, indptr) as numpy arrays, as scipy.sparse.csr_matrix takes them.
        """
    @property
    def nnz(self) -> int:
        ...
    @property
    def shape(self) -> tuple[int, int]:
        ...
class Weighting(pybind11_object):
    """
    Term weighting.
    
    Members:
    
      tfidf
    
      bm25
    """
    __members__: typing.ClassVar[dict[str, Weighting]]
    bm25: typing.ClassVar[Weighting]
    tfidf: typing.ClassVar[Weighting]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    def __ne__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Vectorizer(pybind11_object):
    """
    Vocabulary and TF-IDF/BM25 weights of term lists.
    """
    def __init__(self, weighting: str = 'tfidf', min_df: typing.SupportsInt | typing.SupportsIndex = 1, max_df: typing.SupportsFloat | typing.SupportsIndex = 1.0, k1: typing.SupportsFloat | typing.SupportsIndex = 1.2, b: typing.SupportsFloat | typing.SupportsIndex = 0.75, normalize: bool = True, char_ngrams: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def fit(self, documents: collections.abc.Sequence[collections.abc.Sequence[str]]) -> Vectorizer:
        ...
    def fit_transform(self, documents: collections.abc.Sequence[collections.abc.Sequence[str]]) -> SparseMatrix:
        ...
    def transform(self, documents: collections.abc.Sequence[collections.abc.Sequence[str]]) -> SparseMatrix:
        ...
    @property
    def idf(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def terms(self) -> list[str]:
        ...
class NeighbourGraph(pybind11_object):
    """
    Symmetric weighted graph of notes in CSR form.
    """
    @staticmethod
    def from_edges(nodes: typing.SupportsInt | typing.SupportsIndex, u: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], v: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> NeighbourGraph:
        ...
    def to_arrays(self) -> tuple[numpy.typing.NDArray[numpy.uint64], numpy.typing.NDArray[numpy.uint32], numpy.typing.NDArray[numpy.float64]]:
        """
        (indptr, indices, weights): each undirected edge appears once from each end.
        """
    @property
    def edges(self) -> int:
        ...
    @property
    def nodes(self) -> int:
        ...
class ClusterInput(pybind11_object):
    """
    What a clusterer may use: vectors and/or the neighbour graph.
    """
    def __init__(self, vectors: SparseMatrix | None = None, graph: NeighbourGraph | None = None) -> None:
        ...
    def __len__(self) -> int:
        ...
    @property
    def graph(self) -> NeighbourGraph | None:
        ...
    @property
    def vectors(self) -> SparseMatrix | None:
        ...
class Clustering(pybind11_object):
    """
    A theme per note, numbered from the largest theme (0).
    """
    @property
    def labels(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    @property
    def quality(self) -> float:
        ...
    @property
    def resolution(self) -> float:
        """
        Leiden: the resolution used, given or chosen (0 for other algorithms).
        """
    @property
    def themes(self) -> int:
        ...
class Clusterer(pybind11_object):
    """
    Interface of clustering algorithms; subclass it in Python and register it by name.
    """
    def __init__(self) -> None:
        ...
    def fit(self, input: ClusterInput, progress: typing.Any = None) -> Clustering:
        """
        Clusters the notes (the GIL is released for C++ algorithms).
        """
    def name(self) -> str:
        ...
class LeidenClusterer(Clusterer):
    """
    Leiden on the neighbour graph (modularity with resolution; 0 chooses it with choose_resolution, and Clustering.resolution tells which).
    """
    def __init__(self, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, seed: typing.SupportsInt | typing.SupportsIndex = 0, max_levels: typing.SupportsInt | typing.SupportsIndex = 50, ensemble: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        ...
class ResolutionPoint(pybind11_object):
    """
    One resolution tried by choose_resolution: a Leiden run on the notes' graph and one on the same graph with its links shuffled.
    """
    def __repr__(self) -> str:
        ...
    @property
    def excess(self) -> float:
        """
        modularity - shuffled_modularity: how far the themes beat chance.
        """
    @property
    def modularity(self) -> float:
        ...
    @property
    def resolution(self) -> float:
        ...
    @property
    def shuffled_modularity(self) -> float:
        ...
    @property
    def shuffled_themes(self) -> int:
        ...
    @property
    def themes(self) -> int:
        ...
class ResolutionChoice(pybind11_object):
    """
    The chosen resolution and every resolution tried (by increasing resolution).
    """
    @property
    def profile(self) -> list[ResolutionPoint]:
        ...
    @property
    def resolution(self) -> float:
        ...
class KMeansClusterer(Clusterer):
    """
    Spherical k-means with k-means++ seeding (needs k).
    """
    def __init__(self, k: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex = 0, max_iterations: typing.SupportsInt | typing.SupportsIndex = 100) -> None:
        ...
class Dendrogram(pybind11_object):
    """
    Merges of average linkage, in scipy's convention: (a, b, similarity, size); merge i makes id n + i.
    """
    def __len__(self) -> int:
        ...
    def linkage_matrix(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        scipy's (n-1) x 4 linkage matrix (a, b, distance 1 - similarity, size); components joined at distance 1. scipy.cluster.hierarchy.dendrogram(tree.linkage_matrix()) draws it.
        """
    @property
    def components(self) -> int:
        ...
    @property
    def merges(self) -> list:
        """
        [(a, b, similarity, size)] in the order of the merges.
        """
    @property
    def nodes(self) -> int:
        ...
class AverageClusterer(Clusterer):
    """
    Average linkage on the neighbour graph, cut at k themes, at a similarity threshold, or (neither) at the level of highest modularity.
    """
    def __init__(self, k: typing.SupportsInt | typing.SupportsIndex | None = None, threshold: typing.SupportsFloat | typing.SupportsIndex | None = None) -> None:
        ...
    @property
    def dendrogram(self) -> Dendrogram:
        """
        The dendrogram of the last fit().
        """
class HdbscanClusterer(Clusterer):
    """
    HDBSCAN* on the neighbour graph (distance 1 - similarity); noise joins its most similar themed neighbour's theme when the similarity is at least reassign_threshold, else keeps the label -1.
    """
    def __init__(self, min_cluster_size: typing.SupportsInt | typing.SupportsIndex = 5, min_samples: typing.SupportsInt | typing.SupportsIndex | None = None, reassign_threshold: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> None:
        ...
class Parameter(pybind11_object):
    """
    A parameter declared once by a clusterer, representation or similarity: name, kind, range, default, description.
    """
    def __init__(self, name: str, whole: bool = False, lower: typing.SupportsFloat | typing.SupportsIndex = ..., upper: typing.SupportsFloat | typing.SupportsIndex = ..., default: typing.SupportsFloat | typing.SupportsIndex | None = None, description: str = '', lower_open: bool = False, upper_open: bool = False, may_be_none: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def admits(self, value: typing.SupportsFloat | typing.SupportsIndex) -> bool:
        """
        Whether the value is allowed (kind and range).
        """
    def allowed(self) -> str:
        """
        The allowed values in words.
        """
    @property
    def default(self) -> float | None:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def lower(self) -> float:
        ...
    @property
    def lower_open(self) -> bool:
        ...
    @property
    def may_be_none(self) -> bool:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def upper(self) -> float:
        ...
    @property
    def upper_open(self) -> bool:
        ...
    @property
    def whole(self) -> bool:
        ...
class Representation(pybind11_object):
    """
    Turns notes' terms into sparse rows; subclass it in Python and register it by name.
    """
    def __init__(self) -> None:
        ...
    def fit(self, documents: collections.abc.Sequence[collections.abc.Sequence[str]]) -> None:
        """
        Learns from the notes' terms (one list per note).
        """
    def name(self) -> str:
        ...
    def transform(self, documents: collections.abc.Sequence[collections.abc.Sequence[str]]) -> SparseMatrix:
        """
        Rows of the notes in the fitted space.
        """
class Similarity(pybind11_object):
    """
    Builds the neighbour graph of the rows; subclass it in Python and register it by name.
    """
    def __init__(self) -> None:
        ...
    def graph(self, x: SparseMatrix, neighbours: typing.SupportsInt | typing.SupportsIndex = 10, min_similarity: typing.SupportsFloat | typing.SupportsIndex = 0.0, progress: typing.Any = None) -> NeighbourGraph:
        """
        The graph of each note's `neighbours` most similar notes (symmetric, weights above min_similarity). progress(stage, fraction) may return False to stop (for similarities that report, as 'cosine' does).
        """
    def name(self) -> str:
        ...
class ThemeModelOptions(pybind11_object):
    """
    Options of the theme model; the defaults are those of Themes().
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    algorithm: str
    representation: str
    similarity: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self) -> None:
        ...
    def check_components(self) -> None:
        """
        validate(), then makes the clusterer, representation and similarity by name as fit() does (fitting nothing): NotFoundError for an unknown name, InvalidInputError for an option the clusterer does not take or a parameter it needs.
        """
    def validate(self) -> None:
        """
        Raises InvalidInputError naming the first option out of range.
        """
    @property
    def char_ngrams(self) -> int:
        ...
    @char_ngrams.setter
    def char_ngrams(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def dense_weight(self) -> float:
        ...
    @dense_weight.setter
    def dense_weight(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def diversity(self) -> float:
        ...
    @diversity.setter
    def diversity(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def duplicate_similarity(self) -> float | None:
        ...
    @duplicate_similarity.setter
    def duplicate_similarity(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def ensemble(self) -> int:
        ...
    @ensemble.setter
    def ensemble(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def keywords(self) -> int:
        ...
    @keywords.setter
    def keywords(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def language(self) -> str:
        """
        "sv", "no", "da", "en", or "" to detect per note.
        """
    @language.setter
    def language(self, arg1: str) -> None:
        ...
    @property
    def lsa(self) -> int:
        ...
    @lsa.setter
    def lsa(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_df(self) -> float:
        ...
    @max_df.setter
    def max_df(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_cluster_size(self) -> int:
        ...
    @min_cluster_size.setter
    def min_cluster_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_df(self) -> int:
        ...
    @min_df.setter
    def min_df(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_samples(self) -> int | None:
        ...
    @min_samples.setter
    def min_samples(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def min_similarity(self) -> float:
        ...
    @min_similarity.setter
    def min_similarity(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_theme_size(self) -> int:
        ...
    @min_theme_size.setter
    def min_theme_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def n_themes(self) -> int | None:
        ...
    @n_themes.setter
    def n_themes(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def neighbours(self) -> int:
        ...
    @neighbours.setter
    def neighbours(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def posting_limit(self) -> int:
        """
        Bound on each term's postings in the neighbour search; 0: automatic, 2**64-1: exact.
        """
    @posting_limit.setter
    def posting_limit(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def reassign_threshold(self) -> float:
        ...
    @reassign_threshold.setter
    def reassign_threshold(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def representatives(self) -> int:
        ...
    @representatives.setter
    def representatives(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def resolution(self) -> float:
        """
        Leiden's resolution; 0 chooses it for the notes.
        """
    @resolution.setter
    def resolution(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def threads(self) -> int:
        """
        Threads to use at most; 0: one per core.
        """
    @threads.setter
    def threads(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def threshold(self) -> float | None:
        ...
    @threshold.setter
    def threshold(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
class ThemeSummary(pybind11_object):
    """
    One fitted theme: number, name, size, keywords, representative notes.
    """
    @property
    def keywords(self) -> list[str]:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def representatives(self) -> list[int]:
        """
        Indices of the most typical notes.
        """
    @property
    def scores(self) -> list[float]:
        ...
    @property
    def size(self) -> int:
        ...
    @property
    def theme(self) -> int:
        ...
class CopyGroup(pybind11_object):
    """
    A note that has copies: its index, the group's size and its theme.
    """
    @property
    def copies(self) -> int:
        ...
    @property
    def note(self) -> int:
        ...
    @property
    def theme(self) -> int:
        ...
class ThemeModel(pybind11_object):
    """
    Notes to labelled themes: the whole pipeline in C++ (see servicedesign.insights.Themes).
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    @staticmethod
    def load_from_bytes(data: bytes, source: str = '<memory>') -> ThemeModel:
        """
        A model from save_to_bytes()'s output.
        """
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, options: ThemeModelOptions = ...) -> None:
        ...
    def fit(self, texts: collections.abc.Sequence[str], keys: collections.abc.Sequence[str] | None = None, embeddings: typing.Annotated[numpy.typing.ArrayLike, numpy.float32] | None = None, previous_labels: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] | None = None, previous_keys: collections.abc.Sequence[str] | None = None, previous_edits: collections.abc.Sequence[dict] | None = None, previous_names: collections.abc.Mapping[typing.SupportsInt | typing.SupportsIndex, str] | None = None, previous_max_theme_id: typing.SupportsInt | typing.SupportsIndex = -1, progress: typing.Any = None) -> None:
        """
        Clusters the notes without the GIL. previous_*: an earlier run's themes (keys empty: aligned with the notes). progress(stage, fraction) may return False to stop; Ctrl-C stops it too.
        """
    def forget(self, keys: collections.abc.Sequence[str], embeddings: typing.Annotated[numpy.typing.ArrayLike, numpy.float32] | None = None, progress: typing.Any = None) -> None:
        """
        Erases the notes with these keys: refits on the others without the GIL, keeping theme numbers and the edits less the forgotten keys. embeddings: those of the fit, one row per note of the model.
        """
    def hierarchy(self) -> tuple[list[int], Dendrogram]:
        """
        (theme numbers, Dendrogram over the theme centres).
        """
    def merge_themes(self, into: typing.SupportsInt | typing.SupportsIndex, other: typing.SupportsInt | typing.SupportsIndex) -> ThemeModel:
        ...
    def move_note(self, key: str, theme: typing.SupportsInt | typing.SupportsIndex) -> ThemeModel:
        ...
    def pin_theme(self, theme: typing.SupportsInt | typing.SupportsIndex) -> ThemeModel:
        ...
    def predict(self, texts: collections.abc.Sequence[str]) -> numpy.typing.NDArray[numpy.int64]:
        """
        The nearest theme of each new note; -1 for fillers and notes sharing no term.
        """
    def rename_theme(self, theme: typing.SupportsInt | typing.SupportsIndex, name: str) -> ThemeModel:
        ...
    def save_to_bytes(self, format: str = 'binary') -> bytes:
        """
        The model in the archive envelope ("text", "xml" or "binary").
        """
    def split_theme(self, theme: typing.SupportsInt | typing.SupportsIndex, keys: collections.abc.Sequence[str]) -> int:
        ...
    def theme_centres(self) -> SparseMatrix:
        """
        Each theme's unit mean vector, rows in the order of themes.
        """
    def vectors(self) -> SparseMatrix:
        """
        The notes with content words as rows of the fitted representation.
        """
    @property
    def copies(self) -> list[CopyGroup]:
        ...
    @property
    def duplicate_of(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def edits(self) -> list:
        ...
    @property
    def fillers(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def fitted(self) -> bool:
        ...
    @property
    def keys(self) -> list[str]:
        ...
    @property
    def labels(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def languages(self) -> list[str]:
        ...
    @property
    def max_theme_id(self) -> int:
        ...
    @property
    def n_themes(self) -> int:
        ...
    @property
    def names(self) -> dict[int, str]:
        ...
    @property
    def options(self) -> ThemeModelOptions:
        ...
    @property
    def quality(self) -> float:
        ...
    @property
    def resolution(self) -> float | None:
        ...
    @property
    def texts(self) -> list[str]:
        ...
    @property
    def themes(self) -> list[ThemeSummary]:
        ...
    @property
    def usable(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
def absorb_small_themes(graph: NeighbourGraph, themes: Clustering, min_size: typing.SupportsInt | typing.SupportsIndex, notes_per_node: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = []) -> Clustering:
    """
    Themes of fewer than min_size notes joined to the theme they are most linked to in the graph, smallest first; a theme linked to no other stays. Renumbered by size; notes labelled -1 stay -1. notes_per_node (empty: one each): how many notes each node stands for, when nodes are groups of copies.
    """
def adjusted_rand_index(labels_true: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], labels_pred: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> float:
    ...
def average_linkage(graph: NeighbourGraph, progress: typing.Any = None) -> Dendrogram:
    """
    Average linkage (UPGMA) on the graph: missing edges count as similarity 0; components never merge.
    """
def canonical_clustering(labels: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quality: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> Clustering:
    """
    Renumbers labels by theme size (largest is 0), ties by first note.
    """
def choose_resolution(graph: NeighbourGraph, seed: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> ResolutionChoice:
    """
    Leiden's resolution for the graph: where the themes beat the same graph with shuffled links by the widest modularity margin (single runs on a quarter-octave scale from 1, a parabola through the best five). progress(stage, fraction) may return False to stop; Ctrl-C stops it too.
    """
def clusterer_names() -> list[str]:
    ...
def clusterer_parameters(name: str) -> list[Parameter]:
    """
    The parameters the clusterer `name` declares (a list of Parameter).
    """
def cut(tree: Dendrogram, k: typing.SupportsInt | typing.SupportsIndex) -> Clustering:
    """
    Flat themes at k clusters (at least the number of components).
    """
def cut_at_similarity(tree: Dendrogram, threshold: typing.SupportsFloat | typing.SupportsIndex) -> Clustering:
    """
    Flat themes from the merges of average similarity at least threshold.
    """
def cut_level(tree: Dendrogram, merges: typing.SupportsInt | typing.SupportsIndex) -> Clustering:
    """
    Flat themes after the first `merges` merges.
    """
def dense_knn_graph(embeddings: typing.Annotated[numpy.typing.ArrayLike, numpy.float32], neighbours: typing.SupportsInt | typing.SupportsIndex = 10, min_similarity: typing.SupportsFloat | typing.SupportsIndex = 0.0, exact_limit: typing.SupportsInt | typing.SupportsIndex = 5000, seed: typing.SupportsInt | typing.SupportsIndex = 0) -> NeighbourGraph:
    """
    k-nearest-neighbour graph of unit dense vectors (float32, C order, read in place): every pair up to exact_limit notes, else an HNSW index.
    """
def detect_language(text: str) -> str:
    """
    ISO code of the text's language ('sv', 'no', 'da', 'en'), or '' when unknown.
    """
def hdbscan(graph: NeighbourGraph, min_cluster_size: typing.SupportsInt | typing.SupportsIndex = 5, min_samples: typing.SupportsInt | typing.SupportsIndex | None = None) -> tuple[numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
    """
    HDBSCAN* without reassignment: (labels with -1 for noise, excess of mass per cluster, core distance per note).
    """
def is_filler(text: str, language: str = '') -> bool:
    """
    True for answers without content ('vet inte', "don't know", '-').
    """
def knn_graph(x: SparseMatrix, neighbours: typing.SupportsInt | typing.SupportsIndex = 10, min_similarity: typing.SupportsFloat | typing.SupportsIndex = 0.0, progress: typing.Any = None, threads: typing.SupportsInt | typing.SupportsIndex = 0, posting_limit: typing.SupportsInt | typing.SupportsIndex = 0, rescored: typing.SupportsInt | typing.SupportsIndex = 0) -> NeighbourGraph:
    """
    k-nearest-neighbour graph of unit rows through an inverted index (never an n x n matrix). posting_limit: 0 chooses for the notes, a number bounds each term's postings (approximate, near-linear), -1 searches exactly. progress(stage, fraction) may return False to stop; Ctrl-C stops it too.
    """
def label_themes(terms: collections.abc.Sequence[collections.abc.Sequence[str]], clustering: Clustering, vectors: SparseMatrix | None = None, pipeline: TextPipeline | None = None, keywords: typing.SupportsInt | typing.SupportsIndex = 5, representatives: typing.SupportsInt | typing.SupportsIndex = 3, diversity: typing.SupportsFloat | typing.SupportsIndex = 0.3) -> list:
    """
    Per theme: size, c-TF-IDF keywords (real words with a pipeline; diversity by maximal marginal relevance), representative notes.
    """
def lsa(x: SparseMatrix, dimensions: typing.SupportsInt | typing.SupportsIndex = 100, power_iterations: typing.SupportsInt | typing.SupportsIndex = 4, seed: typing.SupportsInt | typing.SupportsIndex = 0, normalize: bool = True) -> numpy.typing.NDArray[numpy.float32]:
    """
    LSA: the notes' coordinates in the leading singular directions of x (randomized truncated SVD), float32 rows of unit length.
    """
def make_clusterer(name: str, seed: typing.SupportsInt | typing.SupportsIndex = 0, params: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> Clusterer:
    """
    A clusterer from the registry.
    """
def make_representation(name: str, seed: typing.SupportsInt | typing.SupportsIndex = 0, params: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> Representation:
    """
    A representation from the registry.
    """
def make_similarity(name: str, seed: typing.SupportsInt | typing.SupportsIndex = 0, params: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> Similarity:
    """
    A similarity from the registry.
    """
def match_themes(previous: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], current: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], min_overlap: typing.SupportsFloat | typing.SupportsIndex = 0.3) -> numpy.typing.NDArray[numpy.int32]:
    """
    Renumbers current themes to the numbers of the previous themes they overlap most (stable ids across reruns).
    """
def mixed_knn_graph(x: SparseMatrix, embeddings: typing.Annotated[numpy.typing.ArrayLike, numpy.float32], dense_weight: typing.SupportsFloat | typing.SupportsIndex = 0.5, neighbours: typing.SupportsInt | typing.SupportsIndex = 10, min_similarity: typing.SupportsFloat | typing.SupportsIndex = 0.0, exact_limit: typing.SupportsInt | typing.SupportsIndex = 5000, seed: typing.SupportsInt | typing.SupportsIndex = 0) -> NeighbourGraph:
    """
    Neighbour graph by (1 - dense_weight) * sparse cosine + dense_weight * dense cosine (unit rows in both).
    """
def modularity(graph: NeighbourGraph, labels: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> float:
    ...
def normalize(text: str) -> str:
    """
    Composes Nordic letters, folds case, collapses whitespace.
    """
def normalized_mutual_information(labels_true: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], labels_pred: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> float:
    ...
def parameters_table(parameters: collections.abc.Sequence[Parameter]) -> str:
    """
    A Markdown table of parameters, as the docs show them.
    """
def register_clusterer(name: str, factory: collections.abc.Callable, parameters: collections.abc.Sequence[Parameter] = []) -> None:
    """
    Registers factory(seed, params) -> Clusterer under name, for C++ and Python alike; `parameters` (a list of Parameter) declares the parameters it takes: params then holds them, checked, with their defaults.
    """
def register_representation(name: str, factory: collections.abc.Callable, parameters: collections.abc.Sequence[Parameter] = []) -> None:
    """
    Registers factory(seed, params) -> Representation under name, for C++ and Python alike; `parameters` (a list of Parameter) declares the parameters it takes: params then holds them, checked, with their defaults.
    """
def register_similarity(name: str, factory: collections.abc.Callable, parameters: collections.abc.Sequence[Parameter] = []) -> None:
    """
    Registers factory(seed, params) -> Similarity under name, for C++ and Python alike; `parameters` (a list of Parameter) declares the parameters it takes: params then holds them, checked, with their defaults.
    """
def representation_names() -> list[str]:
    ...
def representation_parameters(name: str) -> list[Parameter]:
    """
    The parameters the representation `name` declares (a list of Parameter).
    """
def silhouette(x: SparseMatrix, labels: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> float:
    """
    Mean silhouette under cosine distance on the unit rows of x (notes labelled -1 left out); exact, never n x n.
    """
def similarity_names() -> list[str]:
    ...
def similarity_parameters(name: str) -> list[Parameter]:
    """
    The parameters the similarity `name` declares (a list of Parameter).
    """
def theme_model_parameters() -> list[Parameter]:
    """
    The theme model's numeric options, declared once (a list of Parameter): name, kind, range, default, description; Themes and `servicedesign cluster` take their ranges and help from it.
    """
def tokenize(normalized: str) -> list[str]:
    """
    Words of a normalised text.
    """
def unregister_clusterer(name: str) -> bool:
    """
    Removes a clusterer from the registry; False when it was not there.
    """
def unregister_representation(name: str) -> bool:
    """
    Removes a representation from the registry; False when it was not there.
    """
def unregister_similarity(name: str) -> bool:
    """
    Removes a similarity from the registry; False when it was not there.
    """
def v_measure(labels_true: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], labels_pred: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> tuple[float, float, float]:
    """
    (homogeneity, completeness, v_measure).
    """
