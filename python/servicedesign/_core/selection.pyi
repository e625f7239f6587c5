"""
Fair selection of panels and working groups under quotas.
"""
from __future__ import annotations
import collections.abc
import os
import typing
__all__: list[str] = ['Algorithm', 'Alternates', 'DEFAULT_DROPOUT_RATE', 'FeatureQuotas', 'GroupSpec', 'Lottery', 'Pool', 'Progress', 'Quotas', 'Relaxation', 'SelectionResult', 'UniformLottery', 'ValueQuota', 'algorithm_from_string', 'check_feasibility', 'choose_alternates', 'draw', 'draw_groups', 'lottery_digest', 'lottery_text', 'parse_features_csv', 'pool_from_rows', 'quota_violations', 'read_features_csv', 'read_people_csv', 'replace_dropouts', 'seed_from_public_text', 'select', 'serving_probabilities', 'uniform_lottery']
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
class Algorithm(pybind11_object):
    """
    Selection algorithm.
    
    Members:
    
      legacy
    
      maximin
    
      nash
    
      leximin
    """
    __members__: typing.ClassVar[dict[str, Algorithm]]
    legacy: typing.ClassVar[Algorithm]
    leximin: typing.ClassVar[Algorithm]
    maximin: typing.ClassVar[Algorithm]
    nash: typing.ClassVar[Algorithm]
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
class ValueQuota(pybind11_object):
    """
    Bounds for one attribute value.
    """
    @property
    def max(self) -> int:
        ...
    @property
    def max_flex(self) -> int:
        ...
    @property
    def min(self) -> int:
        ...
    @property
    def min_flex(self) -> int:
        ...
    @property
    def value(self) -> str:
        ...
class FeatureQuotas(pybind11_object):
    """
    Quotas of one feature.
    """
    @property
    def feature(self) -> str:
        ...
    @property
    def values(self) -> list[ValueQuota]:
        ...
class Quotas(pybind11_object):
    """
    Quotas per feature and value.
    """
    def __init__(self) -> None:
        ...
    def set(self, feature: str, value: str, min: typing.SupportsInt | typing.SupportsIndex, max: typing.SupportsInt | typing.SupportsIndex, min_flex: typing.SupportsInt | typing.SupportsIndex | None = None, max_flex: typing.SupportsInt | typing.SupportsIndex | None = None) -> None:
        ...
    @property
    def features(self) -> list[FeatureQuotas]:
        ...
class Pool(pybind11_object):
    """
    A pool of volunteers built against quotas.
    """
    def __init__(self, quotas: Quotas) -> None:
        ...
    def __len__(self) -> int:
        ...
    def add(self, id: str, values: collections.abc.Mapping[str, str], household: str = '') -> None:
        ...
    def household(self, person: typing.SupportsInt | typing.SupportsIndex) -> str:
        ...
    def id(self, person: typing.SupportsInt | typing.SupportsIndex) -> str:
        ...
    def index_of(self, id: str) -> int:
        ...
    def value(self, person: typing.SupportsInt | typing.SupportsIndex, feature: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Index of the person's value of a feature.
        """
    @property
    def ids(self) -> list[str]:
        ...
    @property
    def quotas(self) -> Quotas:
        ...
class GroupSpec(pybind11_object):
    """
    A group to fill: name, size, quotas.
    """
    name: str
    quotas: Quotas
    def __init__(self, name: str, size: typing.SupportsInt | typing.SupportsIndex, quotas: Quotas) -> None:
        ...
    @property
    def size(self) -> int:
        ...
    @size.setter
    def size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Progress(pybind11_object):
    """
    A progress report of a running selection.
    """
    @property
    def bound(self) -> float:
        ...
    @property
    def panels(self) -> int:
        ...
    @property
    def people(self) -> int:
        ...
    @property
    def settled(self) -> int:
        ...
    @property
    def stage(self) -> str:
        ...
class Relaxation(pybind11_object):
    """
    A quota bound to change to make selection possible.
    """
    def __repr__(self) -> str:
        ...
    @property
    def bound(self) -> str:
        ...
    @property
    def feature(self) -> str:
        ...
    @property
    def from_(self) -> int:
        ...
    @property
    def group(self) -> str:
        ...
    @property
    def to(self) -> int:
        ...
    @property
    def value(self) -> str:
        ...
class Lottery(pybind11_object):
    """
    A lottery over panel compositions of types of interchangeable people.
    """
    @property
    def compositions(self) -> list[list[int]]:
        ...
    @property
    def groups(self) -> int:
        ...
    @property
    def probabilities(self) -> list[float]:
        ...
    @property
    def types(self) -> list[list[int]]:
        ...
class SelectionResult(pybind11_object):
    """
    Probabilities, lottery and the drawn groups (pool indexes).
    """
    @property
    def algorithm(self) -> Algorithm:
        ...
    @property
    def already_selected(self) -> list[int]:
        ...
    @property
    def group_names(self) -> list[str]:
        ...
    @property
    def group_probabilities(self) -> list[list[float]]:
        ...
    @property
    def iterations(self) -> int:
        ...
    @property
    def lottery(self) -> Lottery:
        ...
    @property
    def method(self) -> str:
        """
        How the lottery was found: relaxation (exact LEXIMIN of the relaxation, realised by panels), column generation, frank-wolfe (nash) or greedy (legacy).
        """
    @property
    def min_probability(self) -> float:
        ...
    @property
    def optimality_gap(self) -> float:
        """
        Nash: proven bound on the gap to the best Nash welfare, in average log-probability (the geometric mean of the probabilities is within a factor exp(gap) of the best); 0 for the exact algorithms.
        """
    @property
    def panels(self) -> list[list[int]]:
        ...
    @property
    def probabilities(self) -> list[float]:
        ...
    @property
    def seed(self) -> int:
        ...
class UniformLottery(pybind11_object):
    """
    m equally likely panels for a transparent live draw.
    """
    @property
    def max_deviation(self) -> float:
        ...
    @property
    def panels(self) -> list[list[list[int]]]:
        ...
class Alternates(pybind11_object):
    """
    A ranked list of alternates and the expected quota violations after dropouts.
    """
    @property
    def exact(self) -> bool:
        """
        True: over every dropout outcome; False: simulated.
        """
    @property
    def expected_violations_with(self) -> float:
        ...
    @property
    def expected_violations_without(self) -> float:
        ...
    @property
    def ranked(self) -> list[int]:
        """
        Pool indexes, in the order they are called.
        """
    @property
    def scenarios(self) -> int:
        """
        Outcomes simulated (0 when exact).
        """
def algorithm_from_string(key: str) -> Algorithm:
    ...
def check_feasibility(pool: Pool, groups: collections.abc.Sequence[GroupSpec], already_selected: collections.abc.Sequence[str] = [], excluded: collections.abc.Sequence[str] = [], households: bool = True) -> None:
    ...
def choose_alternates(pool: Pool, group: GroupSpec, panel: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], count: typing.SupportsInt | typing.SupportsIndex, dropout_rate: typing.SupportsFloat | typing.SupportsIndex = 0.1, dropout: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}, scenarios: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex = 0, households: bool = True, excluded: collections.abc.Sequence[str] = []) -> Alternates:
    """
    Chooses a ranked list of alternates for a drawn group (see the C++ documentation of choose_alternates).
    """
def draw(lottery: Lottery, seed: typing.SupportsInt | typing.SupportsIndex) -> list[list[int]]:
    ...
def draw_groups(result: SelectionResult, seed: typing.SupportsInt | typing.SupportsIndex) -> list[list[int]]:
    """
    The groups drawn from the result's lottery with the seed, people already selected included.
    """
def lottery_digest(pool: Pool, result: SelectionResult) -> str:
    """
    SHA-256 of lottery_text: what is published before a public draw.
    """
def lottery_text(pool: Pool, result: SelectionResult) -> str:
    """
    The lottery as canonical text (types with their ids, panels with probabilities); its SHA-256 is lottery_digest.
    """
def parse_features_csv(text: str, source: str = 'features.csv') -> Quotas:
    ...
def pool_from_rows(quotas: Quotas, header: collections.abc.Sequence[str], rows: collections.abc.Sequence[collections.abc.Sequence[str]], source: str = '<table>', id_column: str = 'id', address_columns: collections.abc.Sequence[str] = []) -> Pool:
    """
    Build a pool from a table (e.g. a DataFrame's columns and rows of strings); errors name row and column.
    """
def quota_violations(pool: Pool, group: GroupSpec, members: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> int:
    """
    Members missing below each minimum and above each maximum, plus empty seats.
    """
def read_features_csv(path: os.PathLike | str | bytes) -> Quotas:
    ...
def read_people_csv(path: os.PathLike | str | bytes, quotas: Quotas, id_column: str = 'id', address_columns: collections.abc.Sequence[str] = []) -> Pool:
    ...
def replace_dropouts(pool: Pool, group: GroupSpec, panel: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], ranked: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dropped: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], unavailable: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = []) -> list[int]:
    """
    The members after dropouts, the alternates called in order (each joins if that lowers the violations).
    """
def seed_from_public_text(text: str) -> int:
    """
    A seed from public randomness (dice, published digits): SHA-256 of the text with white space normalised, first 8 bytes.
    """
def select(pool: Pool, groups: collections.abc.Sequence[GroupSpec], algorithm: str = 'leximin', seed: typing.SupportsInt | typing.SupportsIndex = 0, already_selected: collections.abc.Sequence[str] = [], excluded: collections.abc.Sequence[str] = [], households: bool = True, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-09, legacy_repetitions: typing.SupportsInt | typing.SupportsIndex = 1000, progress: typing.Any = None, relaxation: bool = True, max_probability: typing.SupportsFloat | typing.SupportsIndex = 1.0) -> SelectionResult:
    """
    Select the groups; releases the GIL; Ctrl-C raises KeyboardInterrupt within a pricing round. relaxation=False computes LEXIMIN by column generation alone; max_probability caps everyone's probability (leximin, maximin).
    """
def serving_probabilities(pool: Pool, groups: collections.abc.Sequence[GroupSpec], result: SelectionResult, group: typing.SupportsInt | typing.SupportsIndex, count: typing.SupportsInt | typing.SupportsIndex, draws: typing.SupportsInt | typing.SupportsIndex, dropout_rate: typing.SupportsFloat | typing.SupportsIndex = 0.1, dropout: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}, scenarios: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex = 0, households: bool = True, excluded: collections.abc.Sequence[str] = []) -> list[float]:
    """
    Each person's probability of serving once dropouts and alternates are counted, by simulation.
    """
def uniform_lottery(result: SelectionResult, m: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex) -> UniformLottery:
    ...
DEFAULT_DROPOUT_RATE: float = 0.1
