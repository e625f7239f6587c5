"""Plots of the library's results, drawn with matplotlib (imported when a plot is first drawn).

Each function takes the library's own result objects, draws on ``ax`` (a new figure when ``ax`` is None) and
returns the :class:`matplotlib.axes.Axes`, so that plots compose into the analyst's own figures::

    import matplotlib.pyplot as plt
    import servicedesign as sd

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), width_ratios=[3, 2])
    sd.plots.selection_probabilities(sel, ax=left)      # sel = sd.selection.select(...)
    sd.plots.quota_bars(sel, ax=right)
    fig.savefig("selection.png")

========================================  ===============================================================
:func:`selection_probabilities`           each person's chance of selection, sorted, against k/n
:func:`quota_bars`                        each quota's bounds, the drawn panel and the lottery's expectation
:func:`panel_lottery`                     the M equally likely panels of a live draw, people × panels
:func:`theme_map`                         the notes in two dimensions, coloured by theme, themes labelled
:func:`theme_dendrogram`                  themes grouped into broader themes (``Themes.hierarchy()``)
:func:`coverage_heatmap`                  notes per need and segment; empty cells are the evidence gaps
:func:`impact_effort_matrix`              needs in the impact/effort quadrants
:func:`rank_stability`                    P(top 1/3/5) per need over other weightings of the criteria
:func:`programme_timeline`                the insight phase and each group's track: steps over dates
========================================  ===============================================================
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

__all__ = [
    "coverage_heatmap", "impact_effort_matrix", "note_coordinates", "panel_lottery", "programme_timeline", "quota_bars",
    "rank_stability",
    "selection_probabilities", "theme_dendrogram", "theme_map",
]

# Quadrant keys of servicedesign.priorities.impact_effort, with the words and colours shown for them.
_QUADRANTS = {
    "quick_win": ("quick wins", "#1b9e77"),
    "major_project": ("major projects", "#b8860b"),
    "fill_in": ("fill-ins", "#6a8caf"),
    "thankless": ("thankless tasks", "#d95f02"),
}
_NO_THEME_COLOUR = "#bbbbbb"


def _axes(ax: Any, figsize: Tuple[float, float]) -> Any:
    """``ax``, or the Axes of a new figure. pyplot is imported only here, so that a caller who passes
    ``ax`` (e.g. with the Agg backend on a server) never touches pyplot's global state."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _colour_cycle(count: int) -> List[Any]:
    """``count`` distinct colours: tab10 up to 10, tab20 up to 20, then tab20 again (themes beyond the 20th
    are told apart by their labels)."""
    from matplotlib import colormaps

    cmap = colormaps["tab10" if count <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(count)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Selection ---------------------------------------------------------------------------------------

def selection_probabilities(selection: Any, ax: Any = None) -> Any:
    """Each volunteer's probability of being selected (into some group), sorted from highest to lowest, with
    the line k/n that every volunteer would get if all were alike; those in the drawn panel are marked.

    ``selection``: a :class:`servicedesign.selection.Selection`. One point per person in the pool.

    Example::

        sel = sd.selection.select("people.csv", "features.csv", size=22, seed=2026)
        ax = sd.plots.selection_probabilities(sel)
        ax.figure.savefig("probabilities.png")
    """
    probabilities = np.asarray(selection.result.probabilities, dtype=float)
    n = probabilities.size
    k = sum(int(group.size) for group in selection.groups)
    drawn = np.zeros(n, dtype=bool)
    for members in selection.result.panels:
        drawn[list(members)] = True
    order = np.argsort(-probabilities, kind="stable")
    rank = np.arange(1, n + 1)

    ax = _axes(ax, (7, 4))
    colours = np.where(drawn[order], "#d62728", "#1f77b4")
    ax.scatter(rank, probabilities[order], c=list(colours), s=14, zorder=3)
    ax.axhline(k / n if n else 0.0, color="#444444", linestyle="--", linewidth=1,
               label=f"k/n = {k}/{n} = {k / n if n else 0.0:.3f}")
    # Proxies, so that the legend explains the two colours of the one scatter.
    ax.scatter([], [], c="#d62728", s=14, label="in the drawn panel")
    ax.scatter([], [], c="#1f77b4", s=14, label="not drawn")
    ax.set_xlim(0, n + 1)
    ax.set_ylim(0, max(1.0, float(probabilities.max(initial=0.0))) * 1.02)
    ax.set_xlabel("volunteers, from highest to lowest probability")
    ax.set_ylabel("probability of being selected")
    ax.set_title(f"Selection probability per person ({selection.result.algorithm}, lowest "
                 f"{selection.min_probability:.3f})")
    ax.legend(loc="upper right", fontsize="small")
    return ax


def _quota_rows(selection: Any, group: Optional[str]) -> Tuple[str, List[Dict[str, Any]]]:
    """The quotas of one group: feature, value, min, max, selected (in the drawn panel) and expected (the
    lottery's expected number of members with the value)."""
    names = list(selection.result.group_names)
    name = names[0] if group is None else group
    if name not in names:
        raise ValueError(f"there is no group {name!r}; groups: {', '.join(names)}")
    g = names.index(name)
    pool = selection.pool
    features = [f.feature.lower() for f in pool.quotas.features]
    group_probabilities = np.asarray(selection.result.group_probabilities[g], dtype=float)
    rows = selection.report["quotas_achieved"][name]
    for row in rows:
        f = features.index(row["feature"].lower())
        values = [v.value.lower() for v in pool.quotas.features[f].values]
        v = values.index(row["value"].lower())
        having = [i for i in range(len(pool)) if pool.value(i, f) == v]
        row["expected"] = float(group_probabilities[having].sum()) if having else 0.0
    return name, rows


def quota_bars(selection: Any, group: Optional[str] = None, ax: Any = None) -> Any:
    """The quotas of a group: one bar per feature value from its minimum to its maximum, a dot at the number in
    the drawn panel and a diamond at the number the lottery gives on average (within the bounds too, as every
    panel of the lottery meets them).

    ``group``: the group's name (default the first). Example::

        ax = sd.plots.quota_bars(sel)
    """
    name, rows = _quota_rows(selection, group)
    size = next(int(spec.size) for spec in selection.groups if spec.name == name)
    ax = _axes(ax, (5, 0.45 * len(rows) + 1.5))
    y = np.arange(len(rows))[::-1]  # the first quota at the top
    low = np.array([min(r["min"], size) for r in rows], dtype=float)
    high = np.array([min(r["max"], size) for r in rows], dtype=float)  # "no upper bound" drawn as the group size
    ax.barh(y, high - low, left=low, height=0.5, color="#c6dbef", edgecolor="#6baed6", label="allowed (min–max)")
    ax.scatter([r["selected"] for r in rows], y, color="#d62728", zorder=3, s=30, label="drawn panel")
    # A hollow diamond larger than the dot and above it: where the panel meets the expectation, both show.
    ax.scatter([r["expected"] for r in rows], y, facecolors="none", edgecolors="#333333", linewidths=1.5,
               marker="D", zorder=4, s=80, label="expected over the lottery")
    ax.set_yticks(y, [f"{r['feature']}: {r['value']}" for r in rows])
    ax.set_xlim(0, size + 0.5)
    ax.set_ylim(-0.75, len(rows) - 0.25)  # bars keep their height when there are few quotas
    ax.set_xlabel("members")
    ax.set_title(f"Quotas of {name} ({size} members)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")  # outside: the bars span the width
    return ax


def panel_lottery(selection: Any, m: int = 20, seed: int = 0, ax: Any = None) -> Any:
    """The uniform lottery of ``m`` equally likely panels (:meth:`Selection.uniform_lottery`) as a grid: one
    row per volunteer (labelled with their id, by probability, highest first), one column per panel, a filled
    cell where the person serves in that panel (coloured by group when there are several). Drawing one of the
    ``m`` columns at random in public gives each person nearly their exact probability; the title says how
    nearly. The default figure is as tall as the pool needs for every id to be legible.

    Example::

        ax = sd.plots.panel_lottery(sel, m=30, seed=2026)
    """
    from matplotlib.colors import ListedColormap

    panels, deviation = selection.uniform_lottery(m, seed)
    names = list(selection.result.group_names)
    ids = list(selection.pool.ids)
    order = np.argsort(-np.asarray(selection.result.probabilities, dtype=float), kind="stable")
    row_of = {ids[i]: r for r, i in enumerate(order)}
    grid = np.zeros((len(ids), len(panels)), dtype=np.int64)
    for column, panel in enumerate(panels):
        for g, name in enumerate(names):
            for person in panel[name]:
                grid[row_of[person], column] = g + 1

    # Every row is labelled with the person's id (people look themselves up), so the figure grows with the pool;
    # never smaller than the title's width and the y-axis label's height.
    ax = _axes(ax, (max(5.5, 0.25 * len(panels) + 2), max(4.0, 0.13 * len(ids) + 1.5)))
    colours = ["white"] + (["#1f77b4"] if len(names) == 1 else _colour_cycle(len(names)))
    ax.imshow(grid, cmap=ListedColormap(colours), vmin=0, vmax=len(names), aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(panels)), [str(c + 1) for c in range(len(panels))], fontsize="small")
    ax.set_yticks(range(len(ids)), [ids[i] for i in order], fontsize="x-small")
    ax.set_xlabel("panel")
    ax.set_ylabel("volunteers, from highest to lowest probability")
    # Thin white lines between the cells, so that neighbouring panels and people stay apart.
    ax.set_xticks(np.arange(len(panels) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(ids) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    ax.set_title(f"{len(panels)} equally likely panels (largest deviation {deviation:.3f})")
    if len(names) > 1:
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=name) for c, name in zip(colours[1:], names)], loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), fontsize="small", title="group")
    return ax


# Themes ------------------------------------------------------------------------------------------

def _fitted_themes(themes: Any) -> None:
    if not hasattr(themes, "labels_"):
        from .insights import _not_fitted

        raise _not_fitted("Themes is not fitted yet: call fit() first")
    if themes.n_themes_ == 0:
        raise ValueError("there are no themes to draw: no note has content words")


def _theme_rows(themes: Any) -> Dict[int, Dict[str, Any]]:
    """``themes_`` by theme number, whether it is a DataFrame or (without pandas) a list of dicts."""
    table = themes.themes_
    if hasattr(table, "iterrows"):
        return {int(theme): dict(row) for theme, row in table.iterrows()}
    return {int(row["theme"]): dict(row) for row in table}


def _theme_label(theme: int, row: Dict[str, Any], keywords: int) -> str:
    """"7 bussen, kveld": the theme's number and its name, or else its first keywords (long names shortened)."""
    return f"{theme} {_short(row['name'], 40) or ', '.join(row['keywords'][:keywords])}"


def note_coordinates(themes: Any) -> Tuple[np.ndarray, np.ndarray]:
    """The 2-D coordinates :func:`theme_map` draws: ``(xy, labels)`` for the notes with content words (rows of
    the fitted vectors), in their order. With three themes or more, the notes are projected on the two
    leading principal axes of the theme centres (the directions in which the themes differ most); with
    fewer, on the notes' first two LSA dimensions. Both are deterministic."""
    from . import insights

    _fitted_themes(themes)
    x = themes._x
    labels = np.asarray(themes.labels_)[themes._usable]
    centroids = themes._centroids
    if centroids.shape[0] >= 3:
        centred = centroids - centroids.mean(axis=0)
        _, _, vt = np.linalg.svd(centred, full_matrices=False)
        axes = vt[:2]
        # An SVD's signs are arbitrary: make the largest loading of each axis positive, so the map never flips.
        axes = axes * np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])[:, None]
        data, indices, indptr = x.to_arrays()
        xy = np.zeros((x.shape[0], 2))
        for row in range(x.shape[0]):
            span = slice(indptr[row], indptr[row + 1])
            xy[row] = axes[:, indices[span]] @ data[span]
        xy -= centroids.mean(axis=0) @ axes.T
    else:
        xy = np.asarray(insights.lsa(x, dimensions=2, seed=int(themes.seed), normalize=False), dtype=float)
        if xy.shape[1] < 2:  # a vocabulary of one word has one dimension
            xy = np.column_stack([xy, np.zeros((xy.shape[0], 2 - xy.shape[1]))])
    return xy, labels


def theme_map(themes: Any, ax: Any = None, keywords: int = 2) -> Any:
    """The notes as points in two dimensions (see :func:`note_coordinates`), coloured by theme, each theme
    labelled at the centre of its notes with its number and its name or first ``keywords`` keywords. Notes
    in no theme (HDBSCAN*'s noise) are grey; fillers and empty notes are not drawn.

    ``themes``: a fitted :class:`servicedesign.insights.Themes`. Example::

        themes = sd.insights.Themes(seed=7).fit(notes)
        ax = sd.plots.theme_map(themes)
    """
    xy, labels = note_coordinates(themes)
    ids = [int(t) for t in themes._centroid_ids]
    rows = _theme_rows(themes)
    colour_of = dict(zip(ids, _colour_cycle(len(ids))))
    colours = [colour_of.get(int(t), _NO_THEME_COLOUR) for t in labels]

    ax = _axes(ax, (7, 6))
    ax.scatter(xy[:, 0], xy[:, 1], c=colours, s=18, alpha=0.75, linewidths=0)
    for theme in ids:
        centre = xy[labels == theme].mean(axis=0)
        ax.text(centre[0], centre[1], _theme_label(theme, rows[theme], keywords), fontsize="small", ha="center",
                va="center", bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour_of[theme],
                                   "alpha": 0.85})
    two_lsa = len(ids) < 3
    ax.set_xlabel("first LSA dimension" if two_lsa else "first principal axis of the theme centres")
    ax.set_ylabel("second LSA dimension" if two_lsa else "second principal axis of the theme centres")
    outside = int((labels < 0).sum())
    ax.set_title(f"Theme map: {labels.size - outside} notes in {len(ids)} themes"
                 + (f", {outside} in none (grey)" if outside else ""))
    return ax


def theme_dendrogram(themes: Any, ax: Any = None, keywords: int = 3) -> Any:
    """The themes grouped into broader themes (:meth:`Themes.hierarchy`: average linkage over the themes' mean
    vectors) as a dendrogram lying on its side: one leaf per theme, labelled with its number, name or first
    ``keywords`` keywords and its number of notes; the further right two groups join, the less alike they are
    (distance 1 − cosine similarity; groups with nothing in common join at 1).

    Drawn here rather than by scipy, which is not a dependency. Example::

        ax = sd.plots.theme_dendrogram(themes)
    """
    _fitted_themes(themes)
    leaves, tree = themes.hierarchy()
    z = np.asarray(tree.linkage_matrix(), dtype=float)
    n = len(leaves)
    rows = _theme_rows(themes)

    # Leaf order of the drawing: depth first from the root, first child first (as scipy draws it).
    order: List[int] = []
    stack = [2 * n - 2] if n > 1 else [0]
    while stack:
        node = stack.pop()
        if node < n:
            order.append(node)
        else:
            a, b = int(z[node - n, 0]), int(z[node - n, 1])
            stack += [b, a]
    position = {leaf: float(p) for p, leaf in enumerate(order)}
    height = {leaf: 0.0 for leaf in range(n)}

    ax = _axes(ax, (7, 0.35 * n + 1.5))
    for i, (a, b, distance, _) in enumerate(z):
        a, b = int(a), int(b)
        ax.plot([height[a], distance, distance, height[b]], [position[a], position[a], position[b], position[b]],
                color="#1f77b4", linewidth=1.2)
        position[n + i] = (position[a] + position[b]) / 2
        height[n + i] = distance
    ax.set_yticks(range(n), [f"{_theme_label(leaves[leaf], rows[leaves[leaf]], keywords)} "
                             f"({rows[leaves[leaf]]['size']})" for leaf in order], fontsize="small")
    ax.set_ylim(-0.5, n - 0.5)
    ax.invert_yaxis()  # the first leaf at the top, as read
    ax.set_xlim(0, max(1.0, float(z[:, 2].max(initial=0.0))) * 1.02)
    # On two lines: the leaves' labels leave the axes too narrow for one at the default width.
    ax.set_xlabel("distance at which groups join\n(1 − mean cosine similarity of the theme centres)")
    ax.set_title(f"Hierarchy of {n} themes")
    return ax


# Priorities --------------------------------------------------------------------------------------

def _coverage_counts(source: Any, segments: Optional[Sequence[Any]]) -> Tuple[List[str], List[str], np.ndarray]:
    """(needs, segments, counts) from a Project, a need × segment DataFrame, a Prioritisation or NeedEvidence.
    The columns are the source's segments and ``segments`` (keys or Segment objects), sorted by key: every
    source draws the same order, and a segment no note came from stays as a column of zeros (the widest gap)."""
    known = [str(getattr(s, "key", s)) for s in (segments or [])]
    if type(source).__name__ == "Project":
        source = source.coverage_frame()  # every target segment, heard or not
    if hasattr(source, "to_numpy") and hasattr(source, "columns"):
        needs = [str(i) for i in source.index]
        heard = {str(c): source[c].to_numpy(dtype=float) for c in source.columns}
    else:
        evidence = list(source.evidence.values()) if hasattr(source, "evidence") else list(source)
        needs = [need.id for need in evidence]
        heard = {}
        for r, need in enumerate(evidence):
            for note in need.notes:
                heard.setdefault(note.segment, np.zeros(len(evidence)))[r] += 1
    columns = sorted(set(known) | set(heard))
    counts = np.zeros((len(needs), len(columns)))
    for c, segment in enumerate(columns):
        counts[:, c] = heard.get(segment, 0.0)
    return needs, columns, counts


def coverage_heatmap(source: Any, ax: Any = None, segments: Optional[Sequence[Any]] = None) -> Any:
    """Notes per need (rows) and segment (columns, sorted by key), each cell annotated with its count; the empty
    cells are the needs no one in that segment has spoken to (the evidence gaps), marked in red.

    ``source``: a :class:`servicedesign.process.Project` (every need and every target segment, zeros included:
    ``project.coverage_frame()``), such a DataFrame, a :class:`servicedesign.priorities.Prioritisation` or a
    list of :class:`servicedesign.priorities.NeedEvidence`. ``segments``: the target segments (keys or
    :class:`servicedesign.process.Segment`) besides those of the source; needs' evidence only knows the
    segments that were heard, so pass the project's to keep a segment never heard. Example::

        ax = sd.plots.coverage_heatmap(project)
        ax = sd.plots.coverage_heatmap(prioritisation, segments=project.segments)   # the same columns
    """
    needs, segments, counts = _coverage_counts(source, segments)
    ax = _axes(ax, (0.8 * len(segments) + 2.5, 0.4 * len(needs) + 1.8))
    image = ax.imshow(counts, cmap="Blues", aspect="auto", vmin=0, vmax=max(1.0, float(counts.max(initial=0.0))))
    threshold = 0.6 * image.norm.vmax  # dark cells take white text
    for (r, c), count in np.ndenumerate(counts):
        colour = "#d62728" if count == 0 else ("white" if count > threshold else "black")
        ax.text(c, r, f"{count:g}", ha="center", va="center", color=colour, fontsize="small",
                fontweight="bold" if count == 0 else "normal")
    ax.set_xticks(range(len(segments)), segments, rotation=45, ha="right")
    ax.set_yticks(range(len(needs)), needs)
    ax.set_xlabel("segment")
    ax.set_ylabel("need")
    gaps = int((counts == 0).sum())
    ax.set_title(f"Evidence coverage: notes per need and segment ({gaps} empty cells)")
    return ax


def impact_effort_matrix(scores: Any, impact: str = "impact", effort: str = "effort", low: float = 1.0,
                         high: float = 5.0, split: Optional[float] = None, ax: Any = None) -> Any:
    """The impact/effort matrix: effort across, impact up, the four quadrants of
    :func:`servicedesign.priorities.impact_effort` (quick wins top left) split at ``split`` (default the
    midpoint of ``low``–``high``). One point per distinct (effort, impact), as large as the needs there, with
    their ids beside it, so that needs scored alike are not hidden under each other.

    ``scores``: a DataFrame by need id with the ``impact`` and ``effort`` columns. Example::

        scores = pd.read_csv("examples/data/storvik/priorities/scores.csv", dtype=str).set_index("need")
        ax = sd.plots.impact_effort_matrix(scores)
    """
    from . import priorities

    quadrants = priorities.impact_effort(scores, impact=impact, effort=effort, low=low, high=high, split=split)
    impacts = priorities._numbers(scores, impact, "impact_effort")
    efforts = priorities._numbers(scores, effort, "impact_effort")
    split = (low + high) / 2 if split is None else split
    at: Dict[Tuple[float, float], List[str]] = {}
    quadrant_at: Dict[Tuple[float, float], str] = {}
    for need, i, e, q in zip(scores.index, impacts, efforts, quadrants["quadrant"]):
        at.setdefault((e, i), []).append(str(need))
        quadrant_at[(e, i)] = q

    ax = _axes(ax, (7, 6))
    pad = 0.06 * (high - low)
    ax.set_xlim(low - pad, high + pad)
    ax.set_ylim(low - pad, high + pad)
    ax.axvline(split, color="#888888", linewidth=1)
    ax.axhline(split, color="#888888", linewidth=1)
    corners = {"quick_win": (low, high, "left", "top"), "major_project": (high, high, "right", "top"),
               "fill_in": (low, low, "left", "bottom"), "thankless": (high, low, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        words, colour = _QUADRANTS[key]
        ax.text(x, y, words, ha=ha, va=va, color=colour, fontweight="bold", alpha=0.8)
    positions = list(at)
    ax.scatter([p[0] for p in positions], [p[1] for p in positions], s=[60 * len(at[p]) for p in positions],
               c=[_QUADRANTS[quadrant_at[p]][1] for p in positions], edgecolors="#333333", zorder=3)
    for p in positions:
        ax.annotate(", ".join(at[p]), p, xytext=(6, 4), textcoords="offset points", fontsize="small")
    ax.set_xlabel(f"effort ({low:g} low – {high:g} high)")
    ax.set_ylabel(f"impact ({low:g} low – {high:g} high)")
    ax.set_title(f"Impact/effort matrix of {len(scores.index)} needs")
    return ax


def rank_stability(source: Any, ax: Any = None) -> Any:
    """How firmly each need holds its place: for each need, bars of the share of weightings of the criteria
    (drawn uniformly from the simplex) under which it is first, in the top 3 and in the top 5.

    ``source``: a :class:`servicedesign.priorities.Prioritisation` with criteria, or a DataFrame from
    :func:`servicedesign.priorities.sensitivity` (needs in its order, named by a ``title`` column if it has one).
    The sensitivity is that of the weighted criteria (``sensitivity_``), not of the combined ``ranking_``, so a
    Prioritisation's needs are ordered by their rank on those criteria at the chosen weights, and named by
    title (id when untitled). Example::

        pr = sd.priorities.Prioritisation.from_project(project, seed=2026)
        ax = sd.plots.rank_stability(pr)
    """
    if hasattr(source, "sensitivity_"):
        from . import priorities

        table = source.sensitivity_
        if table is None:
            raise ValueError("the prioritisation has no criteria: add_criteria() (or from_project) first")
        # Ordered by the ranking the bars perturb; ties keep the Prioritisation's order of needs.
        ranks = priorities.weighted(source.criteria, source.weights)["rank"]
        table = table.loc[ranks.sort_values(kind="stable").index]
        labels = [source.titles.get(str(need)) or str(need) for need in table.index]
        criteria = ", ".join(str(c) for c in source.criteria.columns)
        title = "Rank stability of the ranking by weighted criteria"
        xlabel, ylabel = f"share of weightings of {_short(criteria, 50)}", "need, by its rank on the weighted criteria"
    else:
        table = source
        titles = table["title"] if "title" in table.columns else [""] * len(table)
        labels = [str(t) or str(need) for need, t in zip(table.index, titles)]
        title, xlabel, ylabel = "Rank stability under other weightings", "share of weightings of the criteria", "need"
    columns = [c for c in table.columns if str(c).startswith("p_top")]
    ax = _axes(ax, (7, 0.45 * len(labels) + 1.5))
    y = np.arange(len(labels))
    width = 0.8 / max(1, len(columns))
    for j, column in enumerate(columns):
        ax.barh(y + (j - (len(columns) - 1) / 2) * width, table[column].to_numpy(dtype=float), height=width,
                label=f"top {str(column)[len('p_top'):]}")
    ax.set_yticks(y, [_short(label, 40) for label in labels])
    ax.invert_yaxis()  # the best-ranked need at the top
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")  # outside: bars reach both ends
    return ax


# Process -----------------------------------------------------------------------------------------

def programme_timeline(project: Any, today: Optional[str] = None, ax: Any = None) -> Any:
    """The programme over time: one row per track (the insight phase on top, then the working groups by start
    date), one bar per stretch in a step, coloured by step; a step the track is still in runs to ``today``
    (``YYYY-MM-DD``; default the latest date in the project). A closed track's row ends where it closed."""
    import datetime as dt

    import matplotlib.dates as mdates

    spans = project.timeline()
    ax = _axes(ax, (9, 0.6 * max(len(project.programme_view().tracks), 2) + 1.5))
    if not spans:
        ax.text(0.5, 0.5, "no track has a date yet", ha="center", va="center", transform=ax.transAxes)
        return ax
    day = dt.date.fromisoformat
    dates = [day(s.from_date) for s in spans] + [day(s.to_date) for s in spans if s.to_date]
    end = day(today) if today else max(dates)
    rows: List[str] = []
    for s in spans:
        if s.track_id not in rows:
            rows.append(s.track_id)
    steps = project.model.steps
    colours = _colour_cycle(len(steps))
    labels: Dict[str, str] = {}
    for s in spans:
        start = day(s.from_date)
        stop = day(s.to_date) if s.to_date else max(end, start)
        width = max((stop - start).days, 1)
        y = rows.index(s.track_id)
        labels[s.track_id] = s.label
        ax.barh(y, width, left=mdates.date2num(start), height=0.6, color=colours[s.step_index],
                edgecolor="white", label=steps[s.step_index].name_sv)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    order = [st.name_sv for st in steps if st.name_sv in unique]
    ax.legend([unique[n] for n in order], order, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_yticks(range(len(rows)), [_short(labels[r], 28) for r in rows])
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title("Programme: each track's steps over time")
    return ax
