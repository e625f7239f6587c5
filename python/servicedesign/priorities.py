"""From themes to ranked needs: the practitioners' methods, robustness, the bloc check and a traceable report.

Each method takes a pandas DataFrame indexed by need id (or ballots/responses naming needs by id) and returns
a DataFrame with the same index: the method's ``score`` and ``rank`` (1-based; ties share the best rank of
their group, "1, 2, 2, 4") plus what the method adds (quadrant, category, ...). :class:`Prioritisation`
collects methods on the same needs and says how far the ranking can be trusted::

    import servicedesign as sd
    pr = sd.priorities.Prioritisation.from_project(project)         # needs with their evidence
    pr.add("skr", sd.priorities.skr(scores))                         # scores: DataFrame by need id
    pr.add("rice", sd.priorities.rice(scores))
    pr.add_votes(ballots, dots_per_voter=3, population_shares={"municipal_staff": 0.08})
    pr.ranking_                   # Borda and Kemeny, each need's rank per method
    pr.agreement_                 # Kendall's tau-b between methods
    pr.sensitivity_               # P(top 1/3/5) over weights drawn uniformly from the simplex
    pr.bloc_                      # each voter segment's influence; pr.decided_by_one_bloc_
    print(pr.report(audience="public"))                             # Markdown; format="html" for HTML

pandas is needed for this module's DataFrames and is imported when first used.
"""

from __future__ import annotations

import html
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._core import InvalidInputError
from ._core import priorities as _p
from ._core.process import may_show as _may_show  # the one privacy rule lives in process

Ranking = _p.Ranking
EvidenceNote = _p.EvidenceNote
NeedEvidence = _p.NeedEvidence
kano_category = _p.kano_category
kendall_tau = _p.kendall_tau
kendall_tau_b = _p.kendall_tau_b
kemeny_max_needs = _p.kemeny_max_needs
may_quote = _p.may_quote

__all__ = [
    "EvidenceNote", "NeedEvidence", "Prioritisation", "Ranking", "bloc_check", "dot_vote", "evidence_criteria",
    "impact_effort", "kano", "kano_category", "kemeny_max_needs", "kendall_tau", "kendall_tau_b", "may_quote",
    "moscow", "needs_from_project", "needs_from_proposals", "needs_from_themes", "rice", "sensitivity", "skr",
    "weighted",
]

DEFAULT_EVIDENCE_WEIGHTS = {"segments": 0.5, "arenas": 0.25, "notes": 0.25}


def _pd() -> Any:
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - pandas is optional for the package, not for this module
        raise ImportError("servicedesign.priorities needs pandas: pip install 'servicedesign[pandas]'") from error
    return pandas


def _ids(index: Any) -> List[str]:
    ids = [str(i) for i in index]
    seen = set()
    for i in ids:
        if i in seen:
            raise InvalidInputError(f"need id '{i}' appears twice")
        seen.add(i)
    return ids


def _named(call: Any, ids: Sequence[str]) -> Any:
    """Runs ``call()``; an error naming "need k" names the need's id instead."""
    try:
        return call()
    except InvalidInputError as error:
        message = re.sub(r"\bneed (\d+)\b", lambda m: f"need '{ids[int(m.group(1))]}'" if int(m.group(1)) < len(ids)
                         else m.group(0), str(error))
        raise InvalidInputError(message) from None


def _column(frame: Any, name: str, method: str) -> Any:
    if name not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        columns = columns if len(columns) <= 60 else columns[:60] + "…"  # a huge header is not echoed whole
        raise InvalidInputError(f"{method}: column '{name}' is missing; columns: {columns}")
    column = frame[name]
    if column.isna().any():
        missing = [str(i) for i in column.index[column.isna()]]
        raise InvalidInputError(f"{method}: column '{name}' has no value for need(s) {', '.join(missing)}")
    return column


def _numbers(frame: Any, name: str, method: str) -> List[float]:
    column = _column(frame, name, method)
    out = []
    for need, value in column.items():
        try:
            out.append(float(str(value).strip().rstrip("%")) / 100.0 if str(value).strip().endswith("%") else float(value))
        except ValueError:
            raise InvalidInputError(f"{method}: need '{need}': {name} is '{value}', not a number") from None
    return out


def _integers(frame: Any, name: str, method: str) -> List[int]:
    out = []
    for need, value in zip(frame.index, _numbers(frame, name, method)):
        if value != int(value):
            raise InvalidInputError(f"{method}: need '{need}': {name} is {value}, not a whole number")
        out.append(int(value))
    return out


def _result(index: Any, result: Any, **columns: Any) -> Any:
    pd = _pd()
    frame = pd.DataFrame(columns, index=index)
    frame["score"] = list(result.scores)
    frame["rank"] = list(result.ranking.ranks())
    return frame


def ranking_from_ranks(ranks: Sequence[float]) -> Ranking:
    """A :class:`Ranking` from a rank per need (equal ranks tie; lower is better)."""
    groups: Dict[float, List[int]] = {}
    for need, rank in enumerate(ranks):
        groups.setdefault(float(rank), []).append(need)
    return Ranking([groups[r] for r in sorted(groups)])


# Needs and evidence --------------------------------------------------------------------------------

def _needs_frame(needs: Sequence[NeedEvidence]) -> Any:
    pd = _pd()
    rows = []
    for n in needs:
        rows.append({"need": n.id, "title": n.title, "insights": list(n.insight_ids), "notes": n.frequency(),
                     "segments": n.segments(), "arenas": n.arenas(), "n_segments": len(n.segments()),
                     "n_arenas": len(n.arenas())})
    columns = ["need", "title", "insights", "notes", "segments", "arenas", "n_segments", "n_arenas"]
    return pd.DataFrame(rows, columns=columns).set_index("need")


def needs_from_project(project: Any) -> Any:
    """The project's needs as a DataFrame by need id: title, insights, notes (count), segments, arenas and
    their counts. The notes themselves (with consent) are in :meth:`Prioritisation.from_project`."""
    return _needs_frame(_p.needs_from_project(project))


def needs_from_proposals(project: Any, proposals: Sequence[Any]) -> List[NeedEvidence]:
    """One need per proposed need (:func:`servicedesign.process.propose_needs`, after the analysts' review), id
    ``T<theme>``, with its notes as evidence (consent capped by the author's), ready for
    :func:`evidence_criteria` and the ranking methods."""
    return _p.needs_from_proposals(project, list(proposals))


def needs_from_themes(notes: Any, themes: Sequence[int], titles: Optional[Sequence[str]] = None) -> List[NeedEvidence]:
    """One need per theme (``themes_`` labels of :class:`servicedesign.insights.Themes`, -1 for none) from
    notes given as :class:`servicedesign.process.Note` objects or as a DataFrame with columns ``id, text,
    segment, arena_id, consent``."""
    evidence = []
    if hasattr(notes, "iterrows"):
        for note_id, row in notes.iterrows():
            evidence.append(EvidenceNote(str(row.get("id", note_id)), str(row["text"]), str(row.get("segment", "")),
                                         str(row.get("arena_id", row.get("arena", ""))), str(row.get("consent", "none"))))
    else:
        for n in notes:
            evidence.append(EvidenceNote(n.id, n.text, n.segment, n.arena_id, n.consent))
    return _p.needs_from_themes(evidence, [int(t) for t in themes], list(titles or []))


def evidence_criteria(needs: Sequence[NeedEvidence]) -> Any:
    """Evidence as criteria, by need id: distinct segments, distinct arenas and notes, each divided by the
    largest among the needs, so that each lies in [0, 1]."""
    pd = _pd()
    names, values = _p.evidence_criteria(list(needs))
    return pd.DataFrame(values, index=pd.Index([n.id for n in needs], name="need"), columns=names)


# Methods ------------------------------------------------------------------------------------------

def skr(frame: Any, relevance: str = "relevance", feasibility: str = "feasibility") -> Any:
    """SKR's prioritisation matrix: score = relevance × feasibility, each 1 (low) to 3 (high)."""
    ids = _ids(frame.index)
    r = _named(lambda: _p.skr_matrix(_integers(frame, relevance, "skr"), _integers(frame, feasibility, "skr")), ids)
    return _result(frame.index, r)


def impact_effort(frame: Any, impact: str = "impact", effort: str = "effort", low: float = 1.0, high: float = 5.0,
                  split: Optional[float] = None) -> Any:
    """Impact/effort quadrants (quick_win, major_project, fill_in, thankless) on a low-high scale; values
    above ``split`` (default the midpoint) are high. Ranked by quadrant, then by impact − effort."""
    ids = _ids(frame.index)
    r = _named(lambda: _p.impact_effort(_numbers(frame, impact, "impact_effort"), _numbers(frame, effort, "impact_effort"),
                                        low, high, split), ids)
    return _result(frame.index, r, quadrant=list(r.quadrants))


def moscow(frame: Any, category: str = "moscow", effort: str = "effort", max_must_share: float = 0.6) -> Any:
    """MoSCoW (must/should/could/wont) with the rule that Musts take at most 60% of the total effort;
    ``frame.attrs["must_share"]`` holds the Musts' share."""
    ids = _ids(frame.index)
    categories = [str(c) for c in _column(frame, category, "moscow")]
    r = _named(lambda: _p.moscow(categories, _numbers(frame, effort, "moscow"), max_must_share), ids)
    out = _result(frame.index, r, category=[c.strip().lower() for c in categories])
    out.attrs["must_share"] = r.must_share
    return out


def rice(frame: Any, reach: str = "reach", impact: str = "rice_impact", confidence: str = "confidence",
         effort: str = "rice_effort") -> Any:
    """RICE = reach · impact · confidence / effort; impact 3/2/1/0.5/0.25, confidence 1.0/0.8/0.5 (or
    "100%"/"80%"/"50%"), effort in person-months."""
    ids = _ids(frame.index)
    values = [_numbers(frame, c, "rice") for c in (reach, impact, confidence, effort)]
    r = _named(lambda: _p.rice(*values), ids)
    return _result(frame.index, r)


def weighted(criteria: Any, weights: Mapping[str, float]) -> Any:
    """Weighted scoring: Σ weight · value over the criteria columns named in ``weights`` (≥ 0, sum 1)."""
    ids = _ids(criteria.index)
    names = list(weights)
    values = [[float(x) for x in row] for row in zip(*(_numbers(criteria, n, "weighted") for n in names))] if names else \
        [[] for _ in ids]
    r = _named(lambda: _p.weighted_scores(names, values, [float(weights[n]) for n in names]), ids)
    return _result(criteria.index, r)


def _ballots(ballots: Any, ids: Sequence[str], voter: str, segment: str, need: str, dots: str) -> Tuple[list, ...]:
    position = {i: k for k, i in enumerate(ids)}
    voters, segments, needs, counts = [], [], [], []
    for row, (_, b) in enumerate(ballots.iterrows(), start=1):
        key = str(b[need])
        if key not in position:
            raise InvalidInputError(f"ballot {row} (voter '{b[voter]}'): unknown need '{key}'")
        voters.append(str(b[voter]))
        segments.append(str(b[segment]) if segment in ballots.columns else "")
        needs.append(position[key])
        count = b[dots] if dots in ballots.columns else 1
        if float(count) != int(float(count)) or float(count) < 0:
            raise InvalidInputError(f"ballot {row} (voter '{b[voter]}'): dots is '{count}', not a whole number >= 0")
        counts.append(int(float(count)))
    return voters, segments, needs, counts


def dot_vote(ballots: Any, needs: Iterable[Any], dots_per_voter: int = 3, one_per_item: bool = False,
             voter: str = "voter", segment: str = "segment", need: str = "need", dots: str = "dots",
             segment_weights: Optional[Mapping[str, float]] = None) -> Any:
    """Counts a dot vote: ``ballots`` has one row per voter and need (columns voter, segment, need, dots;
    dots defaults to 1). Returns dots, rank and one ``dots_<segment>`` column per voter segment."""
    pd = _pd()
    ids = _ids(needs)
    args = _ballots(ballots, ids, voter, segment, need, dots)
    r = _named(lambda: _p.dot_voting(len(ids), *args, dots_per_voter, one_per_item, dict(segment_weights or {})), ids)
    out = _result(pd.Index(ids, name="need"), r)
    out = out.rename(columns={"score": "dots"})
    for key, counts in sorted(r.by_segment.items()):
        out[f"dots_{key}"] = list(counts)
    out["score"] = out["dots"]
    return out


def kano(responses: Any, needs: Iterable[Any], need: str = "need", functional: str = "functional",
         dysfunctional: str = "dysfunctional") -> Any:
    """Kano: one row per respondent and need with paired answers 1 (like), 2 (expect), 3 (neutral), 4 (live
    with), 5 (dislike). Returns the category (A/O/M/I/R/Q), the count of each, better, worse, score, rank."""
    ids = _ids(needs)
    position = {i: k for k, i in enumerate(ids)}
    index, f, d = [], [], []
    for row, (_, r) in enumerate(responses.iterrows(), start=1):
        key = str(r[need])
        if key not in position:
            raise InvalidInputError(f"kano: response {row}: unknown need '{key}'")
        index.append(position[key])
        for name, target in ((functional, f), (dysfunctional, d)):
            value = float(r[name])
            if value != int(value):
                raise InvalidInputError(f"kano: response {row}: {name} answer is {r[name]}, not 1-5")
            target.append(int(value))
    result = _named(lambda: _p.kano(len(ids), index, f, d), ids)
    pd = _pd()
    counts = {letter: [c[k] for c in result.counts] for k, letter in enumerate("AOMIRQ")}
    return _result(pd.Index(ids, name="need"), result, category=list(result.categories), **counts,
                   better=list(result.better), worse=list(result.worse))


def sensitivity(criteria: Any, samples: int = 4000, seed: int = 0, tops: Sequence[int] = (1, 3, 5)) -> Any:
    """P(need in the top k) for weights drawn uniformly from the simplex over the criteria columns, and the
    mean rank; the same seed gives the same figures."""
    pd = _pd()
    ids = _ids(criteria.index)
    names = [str(c) for c in criteria.columns]
    values = [[float(x) for x in row] for row in criteria.itertuples(index=False)]
    s = _named(lambda: _p.weight_sensitivity(names, values, samples, seed, list(tops)), ids)
    columns = {f"p_top{k}": [row[j] for row in s.top_probability] for j, k in enumerate(s.tops)}
    return pd.DataFrame({**columns, "mean_rank": list(s.mean_rank)}, index=criteria.index)


def bloc_check(ballots: Any, needs: Iterable[Any], population_shares: Optional[Mapping[str, float]] = None,
               dots_per_voter: int = 3, one_per_item: bool = False, voter: str = "voter", segment: str = "segment",
               need: str = "need", dots: str = "dots") -> Any:
    """Would the dot vote's ranking change without one voter segment, or with it weighted to its share of the
    population? One row per segment. ``attrs``: ``winner``, ``pivotal_segments`` (the winner changes without
    them), ``decisive_segments`` (the winner changes when they are weighted to their population share) and
    ``decided_by_one_bloc`` (some segment is decisive, or exactly one is pivotal)."""
    pd = _pd()
    ids = _ids(needs)
    args = _ballots(ballots, ids, voter, segment, need, dots)
    check = _named(lambda: _p.bloc_check(len(ids), *args, dots_per_voter, one_per_item, dict(population_shares or {})), ids)
    full_winner = [ids[i] for i in check.full.ranking.groups[0]] if check.full.ranking.groups else []
    rows = []
    for b in check.segments:
        rows.append({
            "segment": b.segment, "voters": b.voters, "vote_share": b.vote_share,
            "population_share": b.population_share if b.population_share >= 0 else float("nan"),
            "influence": b.influence, "tau_without": b.tau_without,
            "winner_without": ", ".join(ids[i] for i in b.without.groups[0]) if b.without.groups else "",
            "winner_changes_without": b.winner_changes_without, "tau_reweighted": b.tau_reweighted,
            "winner_reweighted": ", ".join(ids[i] for i in b.reweighted.groups[0]) if b.reweighted.groups else "",
            "winner_changes_reweighted": b.winner_changes_reweighted,
        })
    out = pd.DataFrame(rows, columns=["segment", "voters", "vote_share", "population_share", "influence", "tau_without",
                                      "winner_without", "winner_changes_without", "tau_reweighted",
                                      "winner_reweighted", "winner_changes_reweighted"]).set_index("segment")
    out.attrs["winner"] = ", ".join(full_winner)
    out.attrs["decided_by_one_bloc"] = bool(check.decided_by_one_bloc)
    out.attrs["pivotal_segments"] = list(check.pivotal_segments)
    out.attrs["decisive_segments"] = list(check.decisive_segments)
    return out


# Combining methods and the report ----------------------------------------------------------------

class Prioritisation:
    """Several methods on the same needs, combined, checked and explained.

    ``needs``: the needs' evidence (:func:`servicedesign.priorities.NeedEvidence` objects, from a project or
    from themes) or just their ids. Add method results (DataFrames with ``score`` and ``rank`` by need id) with
    :meth:`add`, a dot vote with :meth:`add_votes`, criteria for weighted scoring with :meth:`add_criteria`.
    The figures (``ranking_``, ``agreement_``, ``sensitivity_``, ``bloc_``) are computed when read.
    """

    def __init__(self, needs: Sequence[Any], titles: Optional[Mapping[str, str]] = None, seed: int = 0,
                 samples: int = 4000) -> None:
        self.evidence: Dict[str, NeedEvidence] = {}
        ids = []
        for n in needs:
            if isinstance(n, NeedEvidence):
                self.evidence[n.id] = n
                ids.append(n.id)
            else:
                ids.append(str(n))
        self.ids = _ids(ids)
        self.titles = {i: (titles or {}).get(i, self.evidence[i].title if i in self.evidence else "") for i in self.ids}
        self.seed = seed
        self.samples = samples
        self.methods: Dict[str, Any] = {}
        self.criteria: Optional[Any] = None
        self.weights: Optional[Dict[str, float]] = None
        self.bloc: Optional[Any] = None

    @classmethod
    def from_project(cls, project: Any, evidence_weights: Optional[Mapping[str, float]] = None,
                     needs: Optional[Iterable[str]] = None, **kwargs: Any) -> "Prioritisation":
        """The project's needs (or those with the ids in ``needs``, e.g. the ones a scoring session covered)
        with their evidence; the evidence enters as the weighted method "evidence" (breadth across segments
        counts for half by default: ``evidence_weights``)."""
        evidence = _p.needs_from_project(project)
        if needs is not None:
            wanted = [str(n) for n in needs]
            known = {e.id for e in evidence}
            unknown = [n for n in wanted if n not in known]
            if unknown:
                raise InvalidInputError(f"from_project: unknown need(s) {', '.join(unknown)}")
            evidence = [e for e in evidence if e.id in set(wanted)]
        out = cls(evidence, **kwargs)
        out.add_criteria(evidence_criteria(list(out.evidence.values())), dict(evidence_weights or DEFAULT_EVIDENCE_WEIGHTS),
                         name="evidence")
        return out

    # Input --------------------------------------------------------------------------------------
    def _aligned(self, name: str, result: Any) -> Any:
        index = [str(i) for i in result.index]
        missing = [i for i in self.ids if i not in index]
        extra = [i for i in index if i not in self.ids]
        if missing or extra:
            raise InvalidInputError(f"method '{name}': " + "; ".join(
                part for part in (f"no result for need(s) {', '.join(missing)}" if missing else "",
                                  f"unknown need(s) {', '.join(extra)}" if extra else "") if part))
        frame = result.copy()
        frame.index = index
        return frame.loc[self.ids]

    def add(self, name: str, result: Any) -> "Prioritisation":
        """Adds a method's result (a DataFrame by need id with ``score`` and ``rank``)."""
        self.methods[name] = self._aligned(name, result)
        return self

    def add_criteria(self, criteria: Any, weights: Mapping[str, float], name: str = "weighted") -> "Prioritisation":
        """Adds weighted scoring on ``criteria`` (a DataFrame by need id); these criteria also drive the
        sensitivity analysis (the criteria added last)."""
        criteria = self._aligned(name, criteria)
        self.add(name, weighted(criteria, weights))
        self.criteria = criteria[list(weights)]
        self.weights = dict(weights)
        return self

    def add_votes(self, ballots: Any, dots_per_voter: int = 3, one_per_item: bool = False,
                  population_shares: Optional[Mapping[str, float]] = None, name: str = "dots", **columns: Any) -> "Prioritisation":
        """Adds a dot vote and its bloc check."""
        self.add(name, dot_vote(ballots, self.ids, dots_per_voter, one_per_item, **columns))
        self.bloc = bloc_check(ballots, self.ids, population_shares, dots_per_voter, one_per_item, **columns)
        return self

    # Figures ------------------------------------------------------------------------------------
    def _rankings(self) -> List[Ranking]:
        if not self.methods:
            raise InvalidInputError("no methods added yet: add at least one method's result")
        return [ranking_from_ranks(list(frame["rank"])) for frame in self.methods.values()]

    @property
    def ranking_(self) -> Any:
        """By need id, best first: Borda score and rank, the Kemeny position (when there are at most
        ``kemeny_max_needs`` needs) and the rank under each method."""
        pd = _pd()
        rankings = self._rankings()
        borda = _p.borda(rankings)
        frame = pd.DataFrame({"title": [self.titles[i] for i in self.ids], "borda": list(borda.scores),
                              "rank": list(borda.ranking.ranks())}, index=pd.Index(self.ids, name="need"))
        if len(self.ids) <= kemeny_max_needs:
            kemeny = _p.kemeny(rankings)
            frame["kemeny"] = [kemeny.order.index(k) + 1 for k in range(len(self.ids))]
            frame.attrs["kemeny_optimal_orders"] = kemeny.optimal_orders
            frame.attrs["kemeny_distance"] = kemeny.distance
        for name, result in self.methods.items():
            frame[f"rank_{name}"] = list(result["rank"])
        order = sorted(range(len(self.ids)), key=lambda k: (frame["rank"].iloc[k], frame.get("kemeny", frame["rank"]).iloc[k]))
        return frame.iloc[order]

    @property
    def agreement_(self) -> Any:
        """Kendall's tau-b between the rankings of every pair of methods (NaN when one ties everything)."""
        pd = _pd()
        names = list(self.methods)
        return pd.DataFrame(_p.agreement_matrix(self._rankings()), index=names, columns=names)

    @property
    def sensitivity_(self) -> Any:
        """P(top 1/3/5) and mean rank over weights drawn uniformly from the simplex of the criteria added last
        (``None`` without criteria)."""
        if self.criteria is None:
            return None
        return sensitivity(self.criteria, samples=self.samples, seed=self.seed)

    @property
    def bloc_(self) -> Any:
        """The bloc check of the dot vote (``None`` without one)."""
        return self.bloc

    @property
    def decided_by_one_bloc_(self) -> bool:
        """True when leaving out one voter segment changes the winner of the dot vote."""
        return bool(self.bloc is not None and self.bloc.attrs["decided_by_one_bloc"])

    # Report -------------------------------------------------------------------------------------
    def report(self, audience: str = "public", format: str = "markdown", quotes: int = 3) -> str:
        """Why each need ranks where it does: scores per method, sensitivity, the insights, the notes (only
        those the privacy rule, :func:`servicedesign.process.may_show`, lets ``audience`` see: "public",
        "working_group" or "internal") and the segments and arenas behind them. ``format``: "markdown" or "html"."""
        if audience not in ("public", "working_group", "internal"):
            raise InvalidInputError(f"report: audience is '{audience}'; use 'public', 'working_group' or 'internal'")
        if format not in ("markdown", "html"):
            raise InvalidInputError(f"report: format is '{format}'; use 'markdown' or 'html'")
        blocks = self._report_blocks(audience, quotes)
        return _markdown(blocks) if format == "markdown" else _html(blocks)

    def _report_blocks(self, audience: str, quotes: int) -> List[Tuple[str, Any]]:
        ranking = self.ranking_
        sens = self.sensitivity_
        names = list(self.methods)
        b: List[Tuple[str, Any]] = [("h1", "Prioritised needs")]
        ties = ranking["rank"].duplicated(keep=False)
        b.append(("p", f"{len(self.ids)} needs ranked by {len(names)} method(s): {', '.join(names)}. The combined "
                       f"rank is the Borda count over the methods (ties share a rank, marked '='); "
                       + (f"the Kemeny ranking (the order nearest to all methods) is shown beside it"
                          + (f" and is not unique ({ranking.attrs['kemeny_optimal_orders']} optimal orders)."
                             if ranking.attrs.get("kemeny_optimal_orders", 1) > 1 else ".")
                          if "kemeny" in ranking else "there are too many needs for an exact Kemeny ranking.")))
        header = ["rank", "need", "title", "Borda"] + (["Kemeny"] if "kemeny" in ranking else []) + names
        rows = []
        for need, row in ranking.iterrows():
            rank = f"={row['rank']}" if ties[need] else str(row["rank"])
            rows.append([rank, need, row["title"], _fmt(row["borda"])] + ([str(row["kemeny"])] if "kemeny" in ranking else [])
                        + [str(row[f"rank_{m}"]) for m in names])
        b.append(("table", (header, rows)))
        if len(names) > 1:
            b.append(("h2", "Do the methods agree?"))
            agreement = self.agreement_
            b.append(("p", "Kendall's tau-b between the methods' rankings (1 = same order, 0 = unrelated, -1 = reversed)."))
            b.append(("table", ([""] + names, [[m] + [_fmt(agreement.loc[m, o]) for o in names] for m in names])))
        if sens is not None:
            b.append(("h2", "Sensitivity to the weights"))
            b.append(("p", f"Weights of {', '.join(self.criteria.columns)} drawn {self.samples} times uniformly from "
                           f"all weightings that sum to 1 (seed {self.seed}); how often each need is in the top 1, 3 and 5. "
                           f"Weights used: " + ", ".join(f"{k} {v:g}" for k, v in (self.weights or {}).items()) + "."))
            b.append(("table", (["need", "top 1", "top 3", "top 5", "mean rank"],
                                [[n, *(f"{sens.loc[n, c]:.0%}" for c in ("p_top1", "p_top3", "p_top5")),
                                  f"{sens.loc[n, 'mean_rank']:.1f}"] for n in ranking.index])))
        if self.bloc is not None:
            bloc = self.bloc
            b.append(("h2", "Bloc check of the dot vote"))
            winner, pivotal, decisive = bloc.attrs["winner"], bloc.attrs["pivotal_segments"], bloc.attrs["decisive_segments"]
            if decisive:
                b.append(("p", f"**Warning:** the winner ({winner}) changes when {', '.join(decisive)} is weighted to its "
                               f"share of the population: its share of the voters decided the vote."))
            elif len(pivotal) == 1:
                b.append(("p", f"**Warning:** the winner ({winner}) changes when {pivotal[0]} is left out: "
                               f"one bloc decided the vote."))
            elif pivotal:
                b.append(("p", f"No single bloc decides the winner ({winner}), but the race is close: it changes when "
                               f"any one of {', '.join(pivotal)} is left out."))
            else:
                b.append(("p", f"No single voter segment decides the winner ({winner}): it stays first without any one of them."))
            b.append(("p", "Influence: the share of pairs of needs whose order changes when the segment is left out."))
            b.append(("table", (["segment", "voters", "share of voters", "share of population", "influence",
                                 "winner without it", "winner at population share"],
                                [[s, str(r["voters"]), f"{r['vote_share']:.0%}",
                                  "" if r["population_share"] != r["population_share"] else f"{r['population_share']:.0%}",
                                  _fmt(r["influence"]), r["winner_without"] + (" (changes)" if r["winner_changes_without"] else ""),
                                  r["winner_reweighted"] + (" (changes)" if r["winner_changes_reweighted"] else "")]
                                 for s, r in bloc.iterrows()])))
        b.append(("h2", "Why each need ranks where it does"))
        for need, row in ranking.iterrows():
            rank = f"={row['rank']}" if ties[need] else str(row["rank"])
            b.append(("h3", f"{rank}. {need} {row['title']}".rstrip()))
            scores = ", ".join(f"{m} {_fmt(self.methods[m].loc[need, 'score'])} (rank {self.methods[m].loc[need, 'rank']})"
                               for m in names)
            b.append(("p", f"Scores: {scores}."))
            if sens is not None:
                b.append(("p", f"Under other weights: top 1 in {sens.loc[need, 'p_top1']:.0%}, top 3 in "
                               f"{sens.loc[need, 'p_top3']:.0%} of weightings."))
            ev = self.evidence.get(need)
            if ev is None:
                continue
            b.append(("p", f"Evidence: {ev.frequency()} notes from {len(ev.segments())} segment(s) "
                           f"({', '.join(ev.segments()) or 'none'}) at {len(ev.arenas())} arena(s) "
                           f"({', '.join(ev.arenas()) or 'none'})."))
            if ev.statements:
                b.append(("list", [f"{i}: {s}" for i, s in zip(ev.insight_ids, ev.statements)]))
            allowed = [n for n in ev.notes if _may_show(n.consent, audience)]
            shown = allowed[:quotes]
            if shown:
                b.append(("quotes", [f"“{n.text}” — {n.segment}, {n.arena_id} ({n.id})" for n in shown]))
            withheld = len(ev.notes) - len(allowed)
            if withheld:
                b.append(("p", f"{withheld} note(s) not quoted: their authors did not consent to "
                                f"{audience.replace('_', ' ')} quotation."))
        return b

    def tables(self) -> Dict[str, Any]:
        """The report's figures as DataFrames: ranking, scores (one column per method), agreement, sensitivity, bloc."""
        pd = _pd()
        scores = pd.DataFrame({m: list(f["score"]) for m, f in self.methods.items()}, index=pd.Index(self.ids, name="need"))
        return {"ranking": self.ranking_, "scores": scores, "agreement": self.agreement_,
                "sensitivity": self.sensitivity_, "bloc": self.bloc_}

    def _repr_html_(self) -> str:
        return self.report(audience="internal", format="html")


def _fmt(x: Any) -> str:
    x = float(x)
    if x != x:
        return "n/a"
    return f"{x:.0f}" if x == int(x) and abs(x) < 1e12 else f"{x:.3g}"


def _markdown(blocks: List[Tuple[str, Any]]) -> str:
    out: List[str] = []
    cell = lambda s: str(s).replace("|", "\\|")  # noqa: E731
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append("#" * int(kind[1]) + " " + value)
        elif kind == "p":
            out.append(value)
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in value))
        elif kind == "quotes":
            out.append("\n".join(f"> {item}  " for item in value).rstrip())
        elif kind == "table":
            header, rows = value
            lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _html(blocks: List[Tuple[str, Any]]) -> str:
    e = html.escape
    out = ['<div class="servicedesign-priorities">']
    for kind, value in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{e(value)}</{kind}>")
        elif kind == "p":
            text = e(value)
            text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
            out.append(f"<p>{text}</p>")
        elif kind == "list":
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in value) + "</ul>")
        elif kind == "quotes":
            out.append("<blockquote>" + "<br>".join(e(item) for item in value) + "</blockquote>")
        elif kind == "table":
            header, rows = value
            out.append("<table><thead><tr>" + "".join(f"<th>{e(str(h))}</th>" for h in header) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows)
                       + "</tbody></table>")
    out.append("</div>")
    return "\n".join(out) + "\n"
