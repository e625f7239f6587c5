"""
Ranked needs: methods, robustness, bloc check.
"""
from __future__ import annotations
import collections.abc
import servicedesign._core.process
import typing
__all__: list[str] = ['BlocCheck', 'BlocInfluence', 'Consensus', 'DotVotingResult', 'EvidenceNote', 'ImpactEffortResult', 'KanoResult', 'KemenyResult', 'MoscowResult', 'NeedEvidence', 'Ranking', 'RiceResult', 'Sensitivity', 'SkrResult', 'WeightedResult', 'agreement_matrix', 'bloc_check', 'borda', 'dot_voting', 'evidence_criteria', 'impact_effort', 'kano', 'kano_category', 'kemeny', 'kemeny_max_needs', 'kendall_tau', 'kendall_tau_b', 'may_quote', 'moscow', 'needs_from_project', 'needs_from_proposals', 'needs_from_themes', 'rank_by_score', 'rice', 'skr_matrix', 'weight_sensitivity', 'weighted_scores']
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
class Ranking(pybind11_object):
    """
    Needs in order as groups of tied needs, best first.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    @typing.overload
    def __init__(self) -> None:
        ...
    @typing.overload
    def __init__(self, groups: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]]) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def order(self) -> list[int]:
        """
        Needs in order, ties in ascending need order.
        """
    def ranks(self) -> list[int]:
        """
        1-based rank per need; ties share the best rank of their group (1, 2, 2, 4).
        """
    @property
    def groups(self) -> list[list[int]]:
        """
        Tie groups of need indices, best first.
        """
    @groups.setter
    def groups(self, arg0: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]]) -> None:
        ...
class SkrResult(pybind11_object):
    """
    Scores of the SKR matrix (relevance × feasibility).
    """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class ImpactEffortResult(pybind11_object):
    """
    Quadrants of the impact/effort matrix.
    """
    @property
    def quadrants(self) -> list[str]:
        """
        Per need: quick_win, major_project, fill_in or thankless.
        """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class DotVotingResult(pybind11_object):
    """
    The count of a dot vote.
    """
    @property
    def by_segment(self) -> dict[str, list[float]]:
        """
        Unweighted dots per need from each segment.
        """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
    @property
    def voters(self) -> int:
        """
        Distinct voters.
        """
    @property
    def voters_by_segment(self) -> dict[str, int]:
        """
        Voters per segment.
        """
class MoscowResult(pybind11_object):
    """
    A MoSCoW prioritisation.
    """
    @property
    def must_share(self) -> float:
        """
        Effort of the Musts over the total effort.
        """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class RiceResult(pybind11_object):
    """
    RICE scores.
    """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class KanoResult(pybind11_object):
    """
    Result of a Kano survey.
    """
    @property
    def better(self) -> list[float]:
        """
        (A + O)/(A + O + M + I) per need.
        """
    @property
    def categories(self) -> list[str]:
        """
        Per need, the letter of its most frequent category.
        """
    @property
    def counts(self) -> list[typing.Annotated[list[int], "FixedSize(6)"]]:
        """
        Per need, responses per category A, O, M, I, R, Q.
        """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
    @property
    def worse(self) -> list[float]:
        """
        (O + M)/(A + O + M + I) per need.
        """
class WeightedResult(pybind11_object):
    """
    Weighted scores.
    """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class Consensus(pybind11_object):
    """
    A combined ranking.
    """
    @property
    def ranking(self) -> Ranking:
        """
        By score, ties as ties.
        """
    @property
    def scores(self) -> list[float]:
        """
        Per need, higher is better.
        """
class KemenyResult(pybind11_object):
    """
    A Kemeny-optimal ranking.
    """
    @property
    def distance(self) -> float:
        """
        Total Kendall distance to the input rankings.
        """
    @property
    def optimal_orders(self) -> int:
        """
        Number of optimal orders.
        """
    @property
    def order(self) -> list[int]:
        """
        An optimal order, best first.
        """
    @property
    def ranking(self) -> Ranking:
        """
        The order as a ranking.
        """
class Sensitivity(pybind11_object):
    """
    How the weighted ranking moves with the weights.
    """
    @property
    def mean_rank(self) -> list[float]:
        """
        Per need, the mean rank.
        """
    @property
    def samples(self) -> int:
        """
        Weight vectors drawn.
        """
    @property
    def top_probability(self) -> list[list[float]]:
        """
        Per need, P(rank ≤ k) for each k.
        """
    @property
    def tops(self) -> list[int]:
        """
        The k of each column of top_probability.
        """
class BlocInfluence(pybind11_object):
    """
    Influence of one segment on a dot vote.
    """
    @property
    def influence(self) -> float:
        """
        Share of pairs of needs whose order the segment decides.
        """
    @property
    def population_share(self) -> float:
        """
        Its share of the population; -1 when not given.
        """
    @property
    def reweighted(self) -> Ranking:
        """
        The ranking with the segment weighted to its population share.
        """
    @property
    def segment(self) -> str:
        """
        Segment key.
        """
    @property
    def tau_reweighted(self) -> float:
        """
        τ-b between the full ranking and reweighted.
        """
    @property
    def tau_without(self) -> float:
        """
        τ-b between the full ranking and without.
        """
    @property
    def vote_share(self) -> float:
        """
        Its share of the voters.
        """
    @property
    def voters(self) -> int:
        """
        Voters from the segment.
        """
    @property
    def winner_changes_reweighted(self) -> bool:
        """
        The winner changes when reweighted.
        """
    @property
    def winner_changes_without(self) -> bool:
        """
        The winner changes without the segment.
        """
    @property
    def without(self) -> Ranking:
        """
        The ranking without the segment.
        """
class BlocCheck(pybind11_object):
    """
    The bloc check of a dot vote.
    """
    @property
    def decided_by_one_bloc(self) -> bool:
        """
        True when one segment decides the winner.
        """
    @property
    def decisive_segments(self) -> list[str]:
        """
        Segments whose weighting to their population share changes the winner.
        """
    @property
    def full(self) -> DotVotingResult:
        """
        The count with every segment.
        """
    @property
    def pivotal_segments(self) -> list[str]:
        """
        Segments without which the winner changes.
        """
    @property
    def segments(self) -> list[BlocInfluence]:
        """
        One entry per voting segment.
        """
class EvidenceNote(pybind11_object):
    """
    A note behind a need.
    """
    def __init__(self, id: str, text: str, segment: str = '', arena_id: str = '', consent: typing.Any = 'none') -> None:
        ...
    @property
    def arena_id(self) -> str:
        """
        Arena where it was said.
        """
    @property
    def consent(self) -> servicedesign._core.process.Consent:
        """
        How far its words may be shared.
        """
    @property
    def id(self) -> str:
        """
        Note id.
        """
    @property
    def segment(self) -> str:
        """
        Segment of who said it.
        """
    @property
    def text(self) -> str:
        """
        The note's words.
        """
class NeedEvidence(pybind11_object):
    """
    A need with its evidence.
    """
    def arenas(self) -> list[str]:
        """
        Distinct arenas of the notes.
        """
    def frequency(self) -> int:
        """
        Number of notes.
        """
    def segments(self) -> list[str]:
        """
        Distinct segments of the notes.
        """
    @property
    def id(self) -> str:
        """
        Need id.
        """
    @property
    def insight_ids(self) -> list[str]:
        """
        Insights that support it.
        """
    @property
    def notes(self) -> list[EvidenceNote]:
        """
        Distinct notes behind it.
        """
    @property
    def statements(self) -> list[str]:
        """
        The insights' statements.
        """
    @property
    def title(self) -> str:
        """
        Short title.
        """
def agreement_matrix(rankings: collections.abc.Sequence[Ranking]) -> list[list[float]]:
    """
    τ-b between every pair of rankings.
    """
def bloc_check(needs: typing.SupportsInt | typing.SupportsIndex, voters: collections.abc.Sequence[str], segments: collections.abc.Sequence[str], need: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dots: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dots_per_voter: typing.SupportsInt | typing.SupportsIndex = 3, one_per_item: bool = False, population_shares: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> BlocCheck:
    """
    Would the dot vote's ranking change without one segment, or with it weighted to its population share?
    """
def borda(rankings: collections.abc.Sequence[Ranking]) -> Consensus:
    """
    Borda count: a point per need ranked below, half a point per tie.
    """
def dot_voting(needs: typing.SupportsInt | typing.SupportsIndex, voters: collections.abc.Sequence[str], segments: collections.abc.Sequence[str], need: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dots: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dots_per_voter: typing.SupportsInt | typing.SupportsIndex = 3, one_per_item: bool = False, segment_weights: collections.abc.Mapping[str, typing.SupportsFloat | typing.SupportsIndex] = {}) -> DotVotingResult:
    """
    Counts a dot vote, one entry per ballot.
    """
def evidence_criteria(needs: collections.abc.Sequence[NeedEvidence]) -> tuple[list[str], list[list[float]]]:
    """
    (names, values): distinct segments, distinct arenas and notes per need, each over the largest.
    """
def impact_effort(impact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], effort: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], low: typing.SupportsFloat | typing.SupportsIndex = 1.0, high: typing.SupportsFloat | typing.SupportsIndex = 5.0, split: typing.SupportsFloat | typing.SupportsIndex | None = None) -> ImpactEffortResult:
    """
    Impact/effort quadrants; values above split (default the midpoint) are high.
    """
def kano(needs: typing.SupportsInt | typing.SupportsIndex, need: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], functional: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], dysfunctional: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> KanoResult:
    """
    Classifies paired Kano answers (1-5), one entry per response.
    """
def kano_category(functional: typing.SupportsInt | typing.SupportsIndex, dysfunctional: typing.SupportsInt | typing.SupportsIndex) -> str:
    """
    The letter (A, O, M, I, R, Q) of a pair of answers in the Kano evaluation table.
    """
def kemeny(rankings: collections.abc.Sequence[Ranking]) -> KemenyResult:
    """
    The order nearest to all rankings (exact, at most kemeny_max_needs needs).
    """
def kendall_tau(a: Ranking, b: Ranking) -> float:
    """
    Kendall's τ-a.
    """
def kendall_tau_b(a: Ranking, b: Ranking) -> float:
    """
    Kendall's τ-b (ties corrected); NaN when undefined.
    """
def may_quote(note: typing.Any, audience: typing.Any) -> bool:
    """
    True when a note with this consent may be quoted to the audience ('public' or 'internal').
    """
def moscow(categories: collections.abc.Sequence[str], effort: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], max_must_share: typing.SupportsFloat | typing.SupportsIndex = 0.6) -> MoscowResult:
    """
    MoSCoW with the rule that Musts take at most 60% of the effort.
    """
def needs_from_project(project: servicedesign._core.process.Project) -> list[NeedEvidence]:
    """
    The project's needs with their insights and notes.
    """
def needs_from_proposals(project: servicedesign._core.process.Project, proposals: collections.abc.Sequence[servicedesign._core.process.ProposedNeed]) -> list[NeedEvidence]:
    """
    One need per proposed need (process.propose_needs, after review), with its notes as evidence.
    """
def needs_from_themes(notes: collections.abc.Sequence[EvidenceNote], themes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], titles: collections.abc.Sequence[str] = []) -> list[NeedEvidence]:
    """
    One need per theme (theme per note, -1 for none).
    """
def rank_by_score(scores: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-09) -> Ranking:
    """
    Ranks by score, higher first; near-equal scores tie.
    """
def rice(reach: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], impact: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], confidence: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], effort: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> RiceResult:
    """
    RICE = reach · impact · confidence / effort on the canonical scales.
    """
def skr_matrix(relevance: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], feasibility: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> SkrResult:
    """
    SKR's prioritisation matrix: relevance × feasibility, each 1-3.
    """
def weight_sensitivity(names: collections.abc.Sequence[str], values: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], samples: typing.SupportsInt | typing.SupportsIndex = 4000, seed: typing.SupportsInt | typing.SupportsIndex = 0, tops: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [1, 3, 5]) -> Sensitivity:
    """
    P(need in the top k) over weights drawn uniformly from the simplex.
    """
def weighted_scores(names: collections.abc.Sequence[str], values: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], weights: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> WeightedResult:
    """
    Σ weight · value per need; weights ≥ 0 summing to 1.
    """
kemeny_max_needs: int = 16
