"""Fair selection of panels and working groups from a pool of volunteers under quotas.

Exact LEXIMIN (and maximin, Nash, and the legacy greedy for comparison) on open-source solvers.
Pools and quotas come from CSV files in the formats of ``sortition-algorithms``, from pandas
DataFrames, or from a :class:`servicedesign.process.Project`'s persons.

Example::

    import servicedesign as sd
    sel = sd.selection.select("people.csv", "features.csv", size=22, id_column="nationbuilder_id",
                              address_columns=["primary_address1", "primary_zip"], seed=2026)
    sel.panel                  # ids of the drawn panel
    sel.probabilities          # pandas Series by id (dict without pandas)
    sel.min_probability
    sel.write_report("report.json")
"""

from __future__ import annotations

import collections.abc
import numbers
import html
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import __version__
from ._core import selection as _s
from ._core import InvalidInputError, sha256_file_hex, write_file_atomically
from ._progress import bar_for, requested

Algorithm = _s.Algorithm
Quotas = _s.Quotas
Pool = _s.Pool
GroupSpec = _s.GroupSpec
Progress = _s.Progress
SelectionResult = _s.SelectionResult
Lottery = _s.Lottery
Relaxation = _s.Relaxation
UniformLottery = _s.UniformLottery
check_feasibility = _s.check_feasibility

__all__ = [
    "AlternateList", "Algorithm", "GroupSpec", "Lottery", "Pool", "Progress", "Quotas", "Relaxation", "Selection",
    "SelectionResult", "UniformLottery", "Verification", "check_feasibility", "load_report", "make_pool",
    "read_quotas", "rerun", "select", "verify", "write_json",
]

PathLike = Union[str, os.PathLike]


def _is_dataframe(obj: Any) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "columns")


def read_quotas(source: Union[PathLike, Quotas, Mapping[str, Mapping[str, Sequence[int]]], Any]) -> Quotas:
    """Quotas from a features CSV path, a DataFrame with columns ``feature,value,min,max[,min_flex,max_flex]``,
    or a dict ``{feature: {value: (min, max)}}``."""
    if isinstance(source, Quotas):
        return source
    if isinstance(source, (str, os.PathLike)):
        return _s.read_features_csv(source)
    if _is_dataframe(source):
        frame = source.rename(columns={"category": "feature", "name": "value"})
        text = frame.to_csv(index=False)
        return _s.parse_features_csv(text, "<DataFrame>")
    if not isinstance(source, collections.abc.Mapping):
        raise InvalidInputError(f"quotas must be a features CSV path, a DataFrame or a dict "
                                f"{{feature: {{value: (min, max)}}}}, not {type(source).__name__}")
    quotas = Quotas()
    for feature, values in source.items():
        if not isinstance(values, collections.abc.Mapping):
            raise InvalidInputError(f"quotas: feature '{feature}': expected a dict {{value: (min, max)}}, "
                                    f"not {type(values).__name__}")
        for value, bounds in values.items():
            whole = [isinstance(b, numbers.Integral) and not isinstance(b, bool) and b >= 0
                     for b in (bounds if isinstance(bounds, (tuple, list)) else ())]
            if len(whole) != 2 or not all(whole):
                raise InvalidInputError(f"quotas: {feature}={value}: expected (min, max), two whole numbers >= 0, "
                                        f"not {bounds!r}")
            quotas.set(str(feature), str(value), int(bounds[0]), int(bounds[1]))
    return quotas


def make_pool(people: Any, quotas: Quotas, id_column: Optional[str] = "id",
              address_columns: Sequence[str] = ()) -> Pool:
    """A pool from a people CSV path, a DataFrame (``id_column=None`` uses its index as ids), a list of
    dicts, or a :class:`servicedesign.process.Project` (its persons' ids, attributes and households)."""
    if isinstance(people, Pool):
        return people
    if isinstance(people, (str, os.PathLike)):
        return _s.read_people_csv(people, quotas, id_column or "", list(address_columns))
    from ._core.process import Project, pool_of

    if isinstance(people, Project):
        return pool_of(people, quotas)
    if _is_dataframe(people):
        frame = people if id_column is not None else people.reset_index(names="__id__")
        column = id_column if id_column is not None else "__id__"
        header = [str(c) for c in frame.columns]
        rows = [["" if v is None or v != v else str(v) for v in row] for row in frame.itertuples(index=False, name=None)]
        return _s.pool_from_rows(quotas, header, rows, "<DataFrame>", column, list(address_columns))
    rows_in = list(people)
    header = sorted({key for row in rows_in for key in row})
    rows = [[str(row.get(key, "")) for key in header] for row in rows_in]
    return _s.pool_from_rows(quotas, header, rows, "<records>", id_column or "id", list(address_columns))


def _progress_callback(progress: Union[bool, Callable[[Progress], Any], None],
                       lotteries: bool = False) -> Tuple[Optional[Callable[[Progress], Any]], Callable[[], None]]:
    """The callback for the C++ progress reports and how to close what it shows: a callable is called as it is;
    False or None show nothing; True a bar (where someone watches: a terminal or notebook) of the panels found, or, with
    ``lotteries``, of the lotteries solved (select_working_groups solves one per size combination)."""
    wanted = requested(progress)
    bar = bar_for(wanted, "selection", unit="lotteries" if lotteries else "panels")
    if bar is None:
        return (None if wanted is True else wanted), lambda: None

    def update(p: Progress) -> None:
        if lotteries:
            bar.update(bar.done + (1 if p.stage == "final lottery" else 0), f"{p.stage}, {p.panels} panels")
        else:
            bar.update(p.panels, f"{p.stage}, settled {p.settled}/{p.people}, level {p.bound:.4f}")

    return update, bar.close


class Selection:
    """The outcome of :func:`select`, with ids instead of pool indexes."""

    def __init__(self, result: SelectionResult, pool: Pool, groups: List[GroupSpec], inputs: Dict[str, Any],
                 public_seed: Optional[str] = None):
        self.result = result
        self.pool = pool
        self.groups = groups
        self.inputs = inputs
        #: The public text the groups were drawn with (:meth:`draw_public`), or None: drawn with the seed.
        self.public_seed = public_seed
        ids = pool.ids
        self._ids = ids
        drawn = result.panels if public_seed is None else _s.draw_groups(result, _s.seed_from_public_text(public_seed))
        self.panels: Dict[str, List[str]] = {
            name: [ids[i] for i in members] for name, members in zip(result.group_names, drawn)
        }

    @property
    def lottery_digest(self) -> Optional[str]:
        """SHA-256 of the lottery's canonical text, to publish before a public draw (None for legacy, which
        has no lottery). The same inputs, options and versions give the same digest."""
        return None if not self.result.lottery.compositions else _s.lottery_digest(self.pool, self.result)

    def draw_public(self, text: str) -> "Selection":
        """The same lottery drawn with a seed taken from public randomness: dice rolled in front of witnesses
        or the digits of a published lottery draw, written as ``text`` (white space does not matter). Returns
        a new :class:`Selection`; its report records the text, so :func:`verify` can redo the draw."""
        if not isinstance(text, str):
            raise InvalidInputError(f"draw_public: text must be str, not {type(text).__name__}")
        return Selection(self.result, self.pool, self.groups, self.inputs, public_seed=text)

    @property
    def panel(self) -> List[str]:
        """Ids drawn into the first (often the only) group."""
        return self.panels[self.result.group_names[0]]

    @property
    def min_probability(self) -> float:
        return self.result.min_probability

    @property
    def optimality_gap(self) -> float:
        """Nash: the proven gap to the best Nash welfare in average log-probability (the geometric mean of the
        probabilities is within a factor ``exp(gap)`` of the best); 0 for LEXIMIN and maximin, which are exact."""
        return self.result.optimality_gap

    @property
    def probabilities(self) -> Any:
        """Each person's probability of serving (in some group): a pandas Series by id, or a dict."""
        values = self.result.probabilities
        try:
            import pandas as pd
        except ImportError:
            return dict(zip(self._ids, values))
        return pd.Series(values, index=pd.Index(self._ids, name="id"), name="probability")

    @property
    def lottery(self) -> List[Dict[str, Any]]:
        """The lottery: each distinct panel composition with its probability; members of a type are
        interchangeable (``types[t]`` lists their ids)."""
        lottery = self.result.lottery
        types = [[self._ids[i] for i in members] for members in lottery.types]
        out = []
        n_types = len(types)
        for composition, probability in zip(lottery.compositions, lottery.probabilities):
            groups = {}
            for g, name in enumerate(self.result.group_names):
                counts = composition[g * n_types:(g + 1) * n_types]
                groups[name] = {t: c for t, c in enumerate(counts) if c}
            out.append({"probability": probability, "groups": groups})
        return out

    def uniform_lottery(self, m: int, seed: int = 0) -> Tuple[List[Dict[str, List[str]]], float]:
        """``m`` equally likely panels for a live draw, and the largest deviation from the exact probabilities."""
        uniform = _s.uniform_lottery(self.result, m, seed)
        panels = [
            {name: [self._ids[i] for i in members] for name, members in zip(self.result.group_names, groups)}
            for groups in uniform.panels
        ]
        return panels, uniform.max_deviation

    def alternates(self, count: int, dropout: Union[float, Mapping[str, float], Any, None] = None, *,
                   group: Optional[str] = None, scenarios: Optional[int] = None,
                   seed: Optional[int] = None) -> "AlternateList":
        """A ranked list of ``count`` alternates for a drawn group (the first, or ``group``), chosen so that
        after dropouts the group keeps its quotas as well as it can.

        ``dropout`` is each person's probability of dropping out: one rate for everyone (a float), or per
        person from past rounds (a mapping or pandas Series by id; people it leaves out get the library's
        default rate, ``servicedesign._core.selection.DEFAULT_DROPOUT_RATE``). Alternates are called in list order; one joins an empty seat when that lowers
        the quota violations. Ties between interchangeable people are drawn with ``seed`` (default: the
        selection's seed); households and exclusions are those of the selection. The expected violations
        with and without the list are exact for small groups, else simulated over ``scenarios`` outcomes.
        """
        g, kwargs = self._alternates_options("alternates", dropout, group, scenarios, seed)
        index = self.pool.index_of
        panel = [index(i) for i in self.panels[self.result.group_names[g]]]
        result = _s.choose_alternates(self.pool, self.groups[g], panel, count, **kwargs)
        return AlternateList(result, self.pool, self.groups[g], panel)

    def serving_probabilities(self, count: int, dropout: Union[float, Mapping[str, float], Any, None] = None, *,
                              group: Optional[str] = None, draws: int = 200, scenarios: Optional[int] = None,
                              seed: Optional[int] = None) -> Any:
        """Each person's chance of serving in the group once dropouts and ``count`` alternates are counted,
        estimated over ``draws`` draws from the lottery (seeded): for each, the alternates as
        :meth:`alternates` chooses them, dropouts drawn with ``dropout`` and the list applied. Beside
        :attr:`probabilities` (the chance of being drawn) it shows what alternates do to fairness. A pandas
        Series by id (a dict without pandas)."""
        g, kwargs = self._alternates_options("serving_probabilities", dropout, group, scenarios, seed)
        values = _s.serving_probabilities(self.pool, self.groups, self.result, g, count, draws=draws, **kwargs)
        try:
            import pandas as pd
        except ImportError:
            return dict(zip(self._ids, values))
        return pd.Series(values, index=pd.Index(self._ids, name="id"), name="serving")

    def _alternates_options(self, caller: str, dropout: Any, group: Optional[str], scenarios: Optional[int],
                            seed: Optional[int]) -> Tuple[int, Dict[str, Any]]:
        """The group's index and the keyword arguments of the C++ alternates functions."""
        names = list(self.result.group_names)
        name = names[0] if group is None else group
        if name not in names:
            raise InvalidInputError(f"{caller}: no group {name!r} in this selection (groups: {', '.join(names)})")
        options = self.inputs.get("options", {})
        kwargs: Dict[str, Any] = {"seed": self.result.seed if seed is None else seed,
                                  "households": options.get("households", True),
                                  "excluded": list(options.get("excluded", []))}
        if isinstance(dropout, numbers.Real) and not isinstance(dropout, bool):
            kwargs["dropout_rate"] = float(dropout)
        elif dropout is not None:
            items = dropout.items() if hasattr(dropout, "items") else None
            if items is None:
                raise InvalidInputError(f"{caller}: dropout must be a probability or a mapping from id to "
                                        f"probability, not {type(dropout).__name__}")
            kwargs["dropout"] = {str(k): float(v) for k, v in items}
        if scenarios is not None:
            kwargs["scenarios"] = scenarios
        return names.index(name), kwargs

    @property
    def report(self) -> Dict[str, Any]:
        """An audit record: inputs' checksums, algorithm, version, seed, quotas achieved, probability
        statistics and the drawn panel, enough for a third party to re-run and verify."""
        probabilities = sorted(self.result.probabilities)
        n = len(probabilities)
        mean = sum(probabilities) / n if n else 0.0
        # Gini coefficient of the selection probabilities (0 = everyone equal).
        gini = (sum((2 * (i + 1) - n - 1) * p for i, p in enumerate(probabilities)) / (n * sum(probabilities))
                if n and sum(probabilities) > 0 else 0.0)
        quotas = {}
        for spec, (name, members) in zip(self.groups, self.panels.items()):
            achieved = []
            member_index = {self.pool.index_of(i) for i in members}
            pool_quotas = self.pool.quotas
            for feature in spec.quotas.features:
                f = [q.feature.lower() for q in pool_quotas.features].index(feature.feature.lower())
                pool_values = [v.value.lower() for v in pool_quotas.features[f].values]
                for value in feature.values:
                    v = pool_values.index(value.value.lower())
                    count = sum(1 for i in member_index if self.pool.value(i, f) == v)
                    achieved.append({"feature": feature.feature, "value": value.value, "min": value.min,
                                     "max": value.max, "selected": count})
            quotas[name] = achieved
        return {
            "servicedesign_version": __version__,
            "algorithm": str(self.result.algorithm),
            "method": self.result.method,
            "seed": self.result.seed,
            "inputs": self.inputs,
            "groups": [{"name": g.name, "size": g.size} for g in self.groups],
            "pool_size": len(self.pool),
            "probabilities": {"min": probabilities[0] if n else None, "max": probabilities[-1] if n else None,
                              "mean": mean, "gini": gini},
            "lottery_panels": len(self.result.lottery.compositions),
            "lottery_digest": self.lottery_digest,
            "public_seed": self.public_seed,
            "optimality_gap": self.result.optimality_gap,
            "max_probability": self.inputs.get("options", {}).get("max_probability"),
            "quotas_achieved": quotas,
            "panels": self.panels,
        }

    def write_report(self, path: PathLike) -> None:
        """Writes :attr:`report` as JSON (``.json``) or the per-person probabilities as CSV (``.csv``)."""
        path = Path(path)
        if path.suffix.lower() == ".csv":
            selected = {i: name for name, members in self.panels.items() for i in members}
            lines = ["id,probability,selected"]
            lines += [f"{_csv(i)},{p!r},{_csv(selected.get(i, ''))}" for i, p in zip(self._ids, self.result.probabilities)]
            text = "\n".join(lines) + "\n"
            write_file_atomically(path, text.encode("utf-8"))  # never a half-written report
        else:
            write_json(path, self.report)

    def _repr_html_(self) -> str:
        rows = "".join(f"<li>{name}: {len(members)} members</li>" for name, members in self.panels.items())
        return (f"<div><b>Selection</b> ({self.result.algorithm} by {html.escape(self.result.method)}, seed {self.result.seed}) "
                f"from {len(self.pool)} people"
                f"<ul>{rows}</ul>lowest probability {self.min_probability:.4f}; "
                f"{len(self.result.lottery.compositions)} panels in the lottery</div>")

    def __repr__(self) -> str:
        return (f"Selection(algorithm={str(self.result.algorithm)!r}, groups={list(self.panels)}, "
                f"min_probability={self.min_probability:.6f})")


class AlternateList:
    """Alternates for one group: ``ids`` in the order they are called, the expected quota violations after
    dropouts with and without them, and :meth:`replace` to apply them when members drop out."""

    def __init__(self, result: Any, pool: Pool, group: GroupSpec, panel: List[int]):
        self.result = result
        self.pool = pool
        self.group = group
        self._panel = panel
        self.ids: List[str] = [pool.id(i) for i in result.ranked]

    @property
    def expected_violations(self) -> Dict[str, float]:
        """Expected quota violations (members missing below a minimum or above a maximum, plus empty seats)
        after dropouts: ``{"without": …, "with": …}`` the alternates."""
        return {"without": self.result.expected_violations_without, "with": self.result.expected_violations_with}

    def replace(self, dropped: Iterable[str], unavailable: Iterable[str] = ()) -> List[str]:
        """The group's members after ``dropped`` leave, the alternates called in order (skipping
        ``unavailable``), each taking an empty seat when that lowers the quota violations."""
        if isinstance(dropped, str) or isinstance(unavailable, str):
            raise InvalidInputError("replace: give lists of ids, not a single string")
        index = self.pool.index_of
        members = _s.replace_dropouts(self.pool, self.group, self._panel, list(self.result.ranked),
                                      [index(i) for i in dropped], [index(i) for i in unavailable])
        return [self.pool.id(i) for i in members]

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        how = "exact" if self.result.exact else f"simulated over {self.result.scenarios} outcomes"
        return (f"AlternateList(ids={self.ids}, expected violations {self.result.expected_violations_without:.3f} "
                f"without -> {self.result.expected_violations_with:.3f} with ({how}))")


def write_json(path: PathLike, record: Mapping[str, Any]) -> None:
    """Writes a report or commitment as indented UTF-8 JSON, atomically (never a half-written file)."""
    write_file_atomically(path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def select(
    people: Any,
    quotas: Any = None,
    size: Optional[int] = None,
    *,
    groups: Optional[Sequence[Tuple[str, int, Any]]] = None,
    algorithm: str = "leximin",
    seed: int = 0,
    id_column: Optional[str] = "id",
    address_columns: Sequence[str] = (),
    already_selected: Iterable[str] = (),
    excluded: Iterable[str] = (),
    households: bool = True,
    progress: Union[bool, Callable[[Progress], Any], None] = True,
    relaxation: bool = True,
    max_probability: Optional[float] = None,
) -> Union[Selection, Any]:
    """Selects one panel (``quotas`` and ``size``) or several groups at once (``groups`` as
    ``[(name, size, quotas), …]``, nobody in two groups) from ``people``.

    ``people`` is a CSV path, a DataFrame, records or a Project; quotas a features CSV path, a
    DataFrame or a dict. ``select(project)`` alone fills the project's own working groups: it is
    :func:`servicedesign.process.select_working_groups` (their quotas, size ranges, leads and households;
    nobody in two groups) and returns its ``GroupSelection``. The GIL is released while the solvers run; Ctrl-C stops the run with
    KeyboardInterrupt. Raises ``InfeasibleQuotasError`` (with ``.relaxations``) when no panel exists.

    LEXIMIN first computes the best chances of the LP relaxation and realises them with panels (exact,
    and fast); ``relaxation=False`` uses column generation alone, e.g. to check one against the other.
    ``result.method`` (and the report's ``method``) says which route gave the lottery.

    ``max_probability`` (leximin and maximin) caps everyone's chance as well as raising the lowest, which bounds
    what anyone gains by misreporting a feature; it must be at least the seats over the eligible people, and an
    ``InvalidInputError`` names it when the quotas need more.
    """
    inputs: Dict[str, Any] = {}
    from ._core.process import Project

    if isinstance(people, Project) and groups is None and quotas is None and size is None:
        from .process import select_working_groups

        ignored = [name for name, given in (("already_selected", list(already_selected)),
                                            ("max_probability", max_probability is not None),
                                             ("address_columns", list(address_columns)),
                                             ("id_column", id_column != "id")) if given]
        if ignored:
            raise InvalidInputError(f"select(project): {', '.join(ignored)} do not apply to a project's working groups "
                                    "(their leads and members are kept; households come from the persons)")
        return select_working_groups(people, seed=seed, algorithm=algorithm, households=households,
                                     excluded=list(excluded), progress=progress, relaxation=relaxation)
    if isinstance(address_columns, str):
        raise InvalidInputError(f"address_columns must be a list of column names, not the string "
                                f"{address_columns!r} (write [{address_columns!r}])")
    if groups is None:
        if quotas is None or size is None:
            raise InvalidInputError("select: give quotas and size, or groups=[(name, size, quotas), ...]")
        groups = [("panel", size, quotas)]
    specs = []
    pool_quotas: Optional[Quotas] = None
    for name, group_size, group_quotas in groups:
        if isinstance(group_size, bool) or not isinstance(group_size, numbers.Integral):
            raise InvalidInputError(f"group '{name}': size must be a whole number, not {group_size!r}")
        if group_size < 1:  # before the C++ side, which cannot take a negative size
            raise InvalidInputError(f"group '{name}': size must be at least 1, not {group_size}")
        q = read_quotas(group_quotas)  # a missing file is an IoError naming it, before it is checksummed
        if isinstance(group_quotas, (str, os.PathLike)):
            inputs[f"quotas[{name}]"] = {"path": str(group_quotas), "sha256": sha256_file_hex(group_quotas)}
        specs.append(GroupSpec(str(name), int(group_size), q))
        pool_quotas = _merge(pool_quotas, q)
    pool = make_pool(people, pool_quotas, id_column, address_columns)
    if isinstance(people, (str, os.PathLike)):
        inputs["people"] = {"path": str(people), "sha256": sha256_file_hex(people)}
    inputs["options"] = {"id_column": id_column, "address_columns": list(address_columns),
                         "already_selected": list(already_selected), "excluded": list(excluded),
                         "households": households, "relaxation": relaxation, "max_probability": max_probability}
    callback, close = _progress_callback(progress)
    cap = {} if max_probability is None else {"max_probability": max_probability}
    try:
        result = _s.select(pool, specs, algorithm, seed, list(already_selected), list(excluded), households,
                           1e-9, 1000, callback, relaxation, **cap)
    finally:
        close()
    return Selection(result, pool, specs, inputs)


class Verification:
    """What :func:`verify` found: ``ok`` when the lottery and the drawn groups are what the report says;
    ``checks`` lists each check with its outcome."""

    def __init__(self, checks: List[Tuple[str, bool, str]]):
        self.checks = checks
        self.ok = all(passed for _, passed, _ in checks)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        lines = [f"{'ok  ' if passed else 'FAIL'} {name}: {detail}" for name, passed, detail in self.checks]
        return "\n".join(lines + ["verified: everything matches" if self.ok else "NOT verified"])


def load_report(report: Union[PathLike, Mapping[str, Any]]) -> Mapping[str, Any]:
    """A selection report or commitment as a mapping (read from a JSON file unless given as one); names the
    file when it is missing or not JSON."""
    if isinstance(report, Mapping):
        return report
    source = str(report)
    try:
        loaded = json.loads(Path(report).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInputError(f"{source}: no such report") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInputError(f"{source}: not a JSON report ({error})") from None
    if not isinstance(loaded, Mapping):
        raise InvalidInputError(f"{source}: not a JSON report")
    return loaded


def _field(report: Mapping[str, Any], name: str, kind: type) -> Any:
    if name not in report:
        raise InvalidInputError(f"report: no field '{name}' (is this a servicedesign selection report?)")
    if not isinstance(report[name], kind):
        raise InvalidInputError(f"report: field '{name}' must be {kind.__name__}, not {type(report[name]).__name__}")
    return report[name]


def rerun(report: Union[PathLike, Mapping[str, Any]], *, progress: Union[bool, Callable[[Progress], Any], None] = False
          ) -> Selection:
    """The selection a report (or a commitment, ``select --commit``) describes, computed again from its input
    files and options. Raises :class:`InvalidInputError` naming the field when an input file is missing or has
    changed since the report (its SHA-256 differs), or when the report lacks what a re-run needs."""
    report = load_report(report)
    inputs = _field(report, "inputs", Mapping)
    options = _field(inputs, "options", Mapping)
    for name, entry in inputs.items():
        if name == "options":
            continue
        if not isinstance(entry, Mapping) or "path" not in entry or "sha256" not in entry:
            raise InvalidInputError(f"inputs.{name}: needs 'path' and 'sha256'")
        path = Path(entry["path"])
        if not path.is_file():
            raise InvalidInputError(f"inputs.{name}: {path} does not exist (run from the folder the report was made in)")
        digest = sha256_file_hex(path)
        if digest != entry["sha256"]:
            raise InvalidInputError(f"inputs.{name}: {path} has changed since the report "
                                    f"(sha256 {digest[:12]}… instead of {str(entry['sha256'])[:12]}…)")
    if "people" not in inputs:
        raise InvalidInputError("inputs.people: the report names no people file (selections from a DataFrame or a "
                                "project cannot be re-run from files)")
    groups = []
    for group in _field(report, "groups", list):
        name = group.get("name")
        quotas = inputs.get(f"quotas[{name}]")
        if quotas is None:
            raise InvalidInputError(f"inputs: no quotas file for group '{name}' (quotas[{name}])")
        groups.append((name, group.get("size"), quotas["path"]))
    again = select(inputs["people"]["path"], groups=groups, algorithm=_field(report, "algorithm", str),
                   seed=_field(report, "seed", int), id_column=options.get("id_column", "id"),
                   address_columns=options.get("address_columns", []),
                   already_selected=options.get("already_selected", []), excluded=options.get("excluded", []),
                   households=options.get("households", True), relaxation=options.get("relaxation", True),
                   max_probability=options.get("max_probability"), progress=progress)
    public = report.get("public_seed")
    return again if public is None else again.draw_public(public)


def verify(report: Union[PathLike, Mapping[str, Any]], *,
           progress: Union[bool, Callable[[Progress], Any], None] = False) -> Verification:
    """Checks a selection report: the input files are unchanged (else :class:`InvalidInputError` naming the
    input), the lottery computed again has the published digest, and the groups drawn again, with the
    report's seed or its public text, are the report's."""
    report = load_report(report)
    again = rerun(report, progress=progress)
    checks = [("inputs", True, "every input file has the SHA-256 in the report")]
    published = report.get("lottery_digest")
    if published is not None:
        digest = again.lottery_digest
        ok = digest == published
        checks.append(("lottery", ok, f"digest {digest}" + ("" if ok else f", published {published}")))
    if "panels" in report:
        how = f"public text {report['public_seed']!r}" if report.get("public_seed") is not None else f"seed {report['seed']}"
        ok = again.panels == report["panels"]
        checks.append(("groups", ok, f"drawn again with {how}: " + ("the same members" if ok else "different members")))
    return Verification(checks)


def _has_value(quotas: Quotas, feature: str, value: str) -> bool:
    for f in quotas.features:
        if f.feature.lower() == feature.lower():
            return any(v.value.lower() == value.lower() for v in f.values)
    return False


def _merge(into: Optional[Quotas], other: Quotas) -> Quotas:
    """The pool's quotas: every feature and value any group uses (bounds do not matter for the pool)."""
    merged = Quotas()
    for source in ([into] if into is not None else []) + [other]:
        for feature in source.features:
            for value in feature.values:
                merged.set(feature.feature, value.value, 0, 1 << 30)
    return merged
