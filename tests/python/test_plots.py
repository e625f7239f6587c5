"""The plots: each renders to PNG, and its artists (titles, labels, points, bars, texts) are the ones the data
implies. Expected counts are computed from the inputs, not read back from the drawing."""

import inspect
import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")  # before pyplot is imported: no display needed
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import servicedesign as sd  # noqa: E402
from servicedesign import plots  # noqa: E402

from conftest import STORVIK  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    """Every test's figures are closed, so that pyplot never warns of too many open figures."""
    yield
    plt.close("all")


def render(ax, tmp_path, name):
    """Saves the Axes' figure as PNG and checks that a non-empty image was written."""
    path = tmp_path / f"{name}.png"
    ax.figure.savefig(path, dpi=60)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
    return path


def points(ax):
    """Number of points in the Axes' scatters (legend proxies are empty and count nothing)."""
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def image_of(ax):
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    return np.asarray(image.get_array())


def texts_outside_the_figure(fig):
    """The drawn texts (titles, axis and tick labels, legends, annotations) that reach beyond the figure, which
    a saved or shown figure clips. Tick labels of ticks outside the view limits are not drawn and not counted."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    undrawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            slack = 1e-9 * max(1.0, high - low)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - slack <= tick.get_loc() <= high + slack:
                    undrawn |= {id(tick.label1), id(tick.label2)}
    box = fig.bbox
    outside = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text() or id(text) in undrawn:
            continue
        extent = text.get_window_extent(renderer)
        if (extent.x0 < box.x0 - 1 or extent.y0 < box.y0 - 1 or extent.x1 > box.x1 + 1
                or extent.y1 > box.y1 + 1):
            outside.append(text.get_text())
    return outside


@pytest.fixture(scope="module")
def project():
    return sd.process.Project.import_csv(STORVIK)


@pytest.fixture(scope="module")
def groups(project):
    """The example's working groups as (name, size, quotas), sized as the demo sizes them."""
    out = []
    for group in project.working_groups:
        quotas = {}
        for q in group.quotas:
            quotas.setdefault(q.attribute, {})[q.value] = (q.min, q.max)
        out.append((group.id, (group.min_size + group.max_size) // 2, quotas))
    return out


@pytest.fixture(scope="module")
def selection(project, groups):
    return sd.selection.select(project, groups=groups, seed=2026, progress=False)


@pytest.fixture(scope="module")
def notes(project):
    return [n.text for n in project.notes if str(n.kind) in ("problem", "quote", "observation")]


@pytest.fixture(scope="module")
def themes(notes):
    return sd.insights.Themes(neighbours=5, seed=2026, keywords=4, representatives=1).fit(notes)


@pytest.fixture(scope="module")
def scores():
    return pd.read_csv(STORVIK / "priorities" / "scores.csv", dtype=str).set_index("need")


@pytest.fixture(scope="module")
def prioritisation(project):
    return sd.priorities.Prioritisation.from_project(project, seed=2026, samples=500)


# Import ------------------------------------------------------------------------------------------

def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, servicedesign; assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plots_draw_on_the_axes_given():
    fig, (left, right) = plt.subplots(1, 2)
    scores = pd.DataFrame({"impact": [5, 2], "effort": [1, 4]}, index=["a", "b"])
    assert plots.impact_effort_matrix(scores, ax=right) is right
    assert not left.collections and len(plt.get_fignums()) == 1


# Selection ---------------------------------------------------------------------------------------

def test_selection_probabilities(selection, groups, tmp_path):
    ax = plots.selection_probabilities(selection)
    render(ax, tmp_path, "probabilities")
    n = len(selection.pool)
    k = sum(size for _, size, _ in groups)
    assert ax.get_title().startswith("Selection probability per person")
    assert ax.get_xlabel() == "volunteers, from highest to lowest probability"
    assert ax.get_ylabel() == "probability of being selected"
    assert points(ax) == n
    drawn = [c for c in ax.collections[0].get_facecolors()]
    red = matplotlib.colors.to_rgba("#d62728")
    assert sum(tuple(c) == red for c in drawn) == k  # nobody serves in two groups
    (line,) = ax.lines
    assert line.get_ydata()[0] == pytest.approx(k / n)
    assert f"k/n = {k}/{n}" in [t.get_text() for t in ax.get_legend().get_texts()][0]
    heights = ax.collections[0].get_offsets()[:, 1]
    assert np.all(np.diff(heights) <= 1e-12)  # sorted, highest first


def test_quota_bars(selection, project, tmp_path):
    group = project.working_groups[0]
    ax = plots.quota_bars(selection)
    render(ax, tmp_path, "quotas")
    assert ax.get_title() == f"Quotas of {group.id} ({(group.min_size + group.max_size) // 2} members)"
    assert ax.get_xlabel() == "members"
    assert len(bars(ax)) == len(group.quotas)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{q.attribute}: {q.value}" for q in group.quotas]
    members = selection.panels[group.id]
    drawn, expected = ax.collections[0].get_offsets(), ax.collections[1].get_offsets()
    for q, (x_drawn, _), (x_expected, _) in zip(group.quotas, drawn, expected):
        having = sum(project.person(m).attributes.get(q.attribute) == q.value for m in members)
        assert x_drawn == having
        # Every panel of the lottery meets the quotas, so their mean does too.
        assert q.min - 1e-6 <= x_expected <= min(q.max, len(members)) + 1e-6
    # Where the panel meets the expectation the two markers coincide: the diamond is drawn hollow, larger and
    # above the dot, so that both stay visible.
    dots, diamonds = ax.collections[0], ax.collections[1]
    assert diamonds.get_zorder() > dots.get_zorder()
    assert min(diamonds.get_sizes()) > max(dots.get_sizes())
    assert all(colour[3] == 0 for colour in diamonds.get_facecolors())
    with pytest.raises(ValueError, match="no group 'G99'"):
        plots.quota_bars(selection, group="G99")


def test_panel_lottery(selection, groups, tmp_path):
    m = 12
    ax = plots.panel_lottery(selection, m=m, seed=3)
    render(ax, tmp_path, "lottery")
    grid = image_of(ax)
    assert grid.shape == (len(selection.pool), m)
    for g, (_, size, _) in enumerate(groups):
        assert list((grid == g + 1).sum(axis=0)) == [size] * m  # every panel fills every group
    # Every row names its person, and the person named serves in the panels where that row is filled.
    people = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(people) == sorted(selection.pool.ids)
    panels, _ = selection.uniform_lottery(m, 3)
    for row, person in enumerate(people):
        serves = [column for column, panel in enumerate(panels) if any(person in ids for ids in panel.values())]
        assert list(np.flatnonzero(grid[row])) == serves
    assert ax.get_title().startswith(f"{m} equally likely panels")
    assert ax.get_xlabel() == "panel" and ax.get_ylabel().startswith("volunteers")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [name for name, _, _ in groups]


def test_panel_lottery_of_a_small_pool_names_the_people(tmp_path):
    people = [{"id": f"p{i}", "gender": "f" if i % 2 else "m"} for i in range(8)]
    quotas = {"gender": {"f": (2, 2), "m": (1, 2)}}
    sel = sd.selection.select(people, quotas, size=3, seed=1, progress=False)
    ax = plots.panel_lottery(sel, m=5)
    render(ax, tmp_path, "small-lottery")
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(p["id"] for p in people)
    assert ax.get_legend() is None  # one group: nothing to tell apart


# Themes ------------------------------------------------------------------------------------------

def test_theme_map(themes, notes, tmp_path):
    ax = plots.theme_map(themes)
    render(ax, tmp_path, "theme-map")
    in_themes = sum(1 for label in themes.labels_ if label >= 0)  # Leiden leaves out fillers and empty notes only
    assert points(ax) == in_themes == len(notes) - int((themes.labels_ < 0).sum())
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == themes.n_themes_
    assert [int(t.split()[0]) for t in labels] == list(themes.themes_.index)
    first = themes.themes_.iloc[0]
    assert labels[0] == f"{themes.themes_.index[0]} {', '.join(first['keywords'][:2])}"
    assert ax.get_title() == f"Theme map: {in_themes} notes in {themes.n_themes_} themes"
    assert ax.get_xlabel() == "first principal axis of the theme centres"


def test_theme_map_is_deterministic_and_uses_names(notes):
    model = sd.insights.Themes(neighbours=5, seed=2026).fit(notes)
    model.rename_theme(0, "Buss <kveld>")
    first, _ = plots.note_coordinates(model)
    again, _ = plots.note_coordinates(sd.insights.Themes(neighbours=5, seed=2026).fit(notes))
    np.testing.assert_allclose(first, again)
    ax = plots.theme_map(model)
    assert "0 Buss <kveld>" in [t.get_text() for t in ax.texts]


def test_theme_map_draws_notes_in_no_theme_grey(notes):
    model = sd.insights.Themes(algorithm="hdbscan", min_cluster_size=4, reassign_threshold=float("inf"), seed=1)
    model.fit(notes)
    noise = int((model.labels_[~model.fillers_] < 0).sum())  # fillers are left out of the map, noise is not
    assert noise > 0
    ax = plots.theme_map(model)
    grey = matplotlib.colors.to_rgba("#bbbbbb", alpha=0.75)
    assert sum(tuple(c) == grey for c in ax.collections[0].get_facecolors()) == noise
    assert ax.get_title().endswith(f", {noise} in none (grey)")


def test_theme_map_of_two_themes_uses_lsa(tmp_path):
    notes = ["bussen kommer sent", "bussen är full", "bussen går sällan",
             "biblioteket stänger tidigt", "biblioteket har få böcker", "biblioteket saknar lugn"]
    model = sd.insights.Themes(algorithm="kmeans", n_themes=2, language="sv", neighbours=2, seed=1).fit(notes)
    ax = plots.theme_map(model)
    render(ax, tmp_path, "two-themes")
    assert points(ax) == len(notes) and len(ax.texts) == 2
    assert ax.get_xlabel() == "first LSA dimension"


def test_theme_dendrogram(themes, tmp_path):
    ax = plots.theme_dendrogram(themes)
    render(ax, tmp_path, "dendrogram")
    n = themes.n_themes_
    assert len(ax.lines) == n - 1  # one join per merge
    leaves = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(int(t.split()[0]) for t in leaves) == sorted(themes.themes_.index)
    for text in leaves:
        theme = int(text.split()[0])
        assert text.endswith(f"({themes.themes_.loc[theme, 'size']})")
    _, tree = themes.hierarchy()
    top = max(max(line.get_xdata()) for line in ax.lines)
    assert top == pytest.approx(1 - min(similarity for _, _, similarity, _ in tree.merges))
    assert ax.get_title() == f"Hierarchy of {n} themes"
    assert ax.get_xlabel().startswith("distance")


def test_theme_plots_need_a_fitted_model():
    with pytest.raises(sd.insights.NotFittedError):
        plots.theme_map(sd.insights.Themes())
    with pytest.raises(sd.insights.NotFittedError):
        plots.theme_dendrogram(sd.insights.Themes())


# Priorities --------------------------------------------------------------------------------------

def test_coverage_heatmap_of_a_project(project, tmp_path):
    ax = plots.coverage_heatmap(project)
    render(ax, tmp_path, "coverage")
    needs, segments = [n.id for n in project.needs], sorted(s.key for s in project.segments)
    counts = Counter()
    for cell in project.evidence_coverage().cells:
        counts[(cell.need_id, cell.segment)] += cell.notes
    assert image_of(ax).shape == (len(needs), len(segments))
    assert [t.get_text() for t in ax.get_xticklabels()] == segments
    assert [t.get_text() for t in ax.get_yticklabels()] == needs
    assert [t.get_text() for t in ax.texts] == [str(counts[(n, s)]) for n in needs for s in segments]
    gaps = sum(1 for n in needs for s in segments if counts[(n, s)] == 0)
    assert ax.get_title() == f"Evidence coverage: notes per need and segment ({gaps} empty cells)"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("segment", "need")


def never_heard(project):
    heard = {cell.segment for cell in project.evidence_coverage().cells if cell.notes}
    return [s.key for s in project.segments if s.key not in heard]


def test_coverage_heatmap_keeps_a_segment_never_heard(project, prioritisation):
    (silent,) = never_heard(project)  # the example has one: the widest gap of all
    for ax in (plots.coverage_heatmap(project), plots.coverage_heatmap(prioritisation, segments=project.segments)):
        column = [t.get_text() for t in ax.get_xticklabels()].index(silent)
        assert not image_of(ax)[:, column].any()


def test_coverage_heatmap_of_needs_evidence_matches_the_project(project, prioritisation, tmp_path):
    of_project = plots.coverage_heatmap(project)
    ax = plots.coverage_heatmap(prioritisation, segments=project.segments)
    render(ax, tmp_path, "coverage-evidence")
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert columns == [t.get_text() for t in of_project.get_xticklabels()]
    np.testing.assert_array_equal(image_of(ax), image_of(of_project))
    evidence = list(prioritisation.evidence.values())
    assert sum(float(t.get_text()) for t in ax.texts) == sum(need.frequency() for need in evidence)
    # Without the project's segments only the heard ones are known, in the same order.
    alone = [t.get_text() for t in plots.coverage_heatmap(prioritisation).get_xticklabels()]
    assert alone == [s for s in columns if s not in never_heard(project)]
    assert alone == [t.get_text() for t in plots.coverage_heatmap(evidence).get_xticklabels()]


def test_impact_effort_matrix(scores, tmp_path):
    ax = plots.impact_effort_matrix(scores)
    render(ax, tmp_path, "impact-effort")
    positions = {(float(e), float(i)) for e, i in zip(scores["effort"], scores["impact"])}
    assert points(ax) == len(positions)  # needs scored alike share one (larger) point
    annotations = [t.get_text() for t in ax.texts if isinstance(t, matplotlib.text.Annotation)]
    assert sorted(n for text in annotations for n in text.split(", ")) == sorted(scores.index)
    corners = {t.get_text() for t in ax.texts} - set(annotations)
    assert corners == {"quick wins", "major projects", "fill-ins", "thankless tasks"}
    assert ax.get_title() == f"Impact/effort matrix of {len(scores)} needs"
    assert ax.get_xlabel().startswith("effort") and ax.get_ylabel().startswith("impact")
    assert [line.get_xdata()[0] for line in ax.lines[:1]] == [3.0]  # split at the midpoint of 1-5


def test_rank_stability_draws_the_ranking_it_orders_by(project, scores, tmp_path):
    pr = sd.priorities.Prioritisation.from_project(project, seed=2026, samples=500)
    pr.add("skr", sd.priorities.skr(scores)).add("rice", sd.priorities.rice(scores))
    assert list(pr.ranking_["rank"]) != sorted(pr.ranking_["rank_evidence"])  # the combined order is another one
    ax = plots.rank_stability(pr)
    render(ax, tmp_path, "rank-stability")
    # The sensitivity is that of the evidence weights, so the needs are in the order of the evidence ranking.
    order = list(pr.methods["evidence"]["rank"].sort_values(kind="stable").index)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(order)
    for label, need in zip(labels, order):  # long titles are shortened
        assert label == pr.titles[need] or (label.endswith("…") and pr.titles[need].startswith(label[:-1]))
    sensitivity = pr.sensitivity_
    assert len(bars(ax)) == 3 * len(order)  # top 1, 3 and 5 per need
    widths = [p.get_width() for p in bars(ax)]
    expected = [sensitivity.loc[need, column] for column in ("p_top1", "p_top3", "p_top5") for need in order]
    assert widths == pytest.approx(expected)
    top5 = widths[2 * len(order):]
    assert all(width > 0 for width in top5[:5])  # a need shown in the top 5 is there under some weighting
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top 1", "top 3", "top 5"]
    assert ax.get_title() == "Rank stability of the ranking by weighted criteria"
    assert ax.get_ylabel() == "need, by its rank on the weighted criteria"
    assert ax.get_xlabel() == "share of weightings of segments, arenas, notes"


def test_rank_stability_names_needs_by_title_or_id():
    criteria = pd.DataFrame({"a": [3.0, 1.0, 2.0], "b": [1.0, 3.0, 2.0]}, index=["x", "y", "z"])
    pr = sd.priorities.Prioritisation(["x", "y", "z"], titles={"y": "Why"}, samples=200)
    pr.add_criteria(criteria, {"a": 0.75, "b": 0.25})
    assert [t.get_text() for t in plots.rank_stability(pr).get_yticklabels()] == ["x", "z", "Why"]
    table = sd.priorities.sensitivity(criteria, samples=200).assign(title=["", "Why", ""])
    ax = plots.rank_stability(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "Why", "z"]  # a frame keeps its order
    assert ax.get_title() == "Rank stability under other weightings"


def test_rank_stability_needs_criteria():
    pr = sd.priorities.Prioritisation(["a", "b"])
    pr.add("votes", pd.DataFrame({"score": [2, 1], "rank": [1, 2]}, index=["a", "b"]))
    with pytest.raises(ValueError, match="no criteria"):
        plots.rank_stability(pr)


def test_programme_timeline_has_one_row_per_dated_track(storvik, tmp_path):
    group = storvik.working_groups[0]
    storvik.start_track(group.id, start_date="2026-09-01")
    storvik.start_track(storvik.working_groups[1].id)  # no date: not drawn
    fig, ax = plt.subplots()
    assert sd.plots.programme_timeline(storvik, today="2027-01-01", ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Insight phase", group.name[:27] + "…"]
    fig.savefig(tmp_path / "timeline.png")
    plt.close(fig)


# Layout ------------------------------------------------------------------------------------------

def _dated_programme(storvik):
    storvik.start_track(storvik.working_groups[0].id, start_date="2026-09-01")
    return storvik


# Every public plot at its default size on the example's data; `get` gives a fixture by name.
DEFAULT_SIZE = {
    "selection_probabilities": lambda get: plots.selection_probabilities(get("selection")),
    "quota_bars": lambda get: plots.quota_bars(get("selection")),
    "panel_lottery": lambda get: plots.panel_lottery(get("selection")),
    "theme_map": lambda get: plots.theme_map(get("themes")),
    "theme_dendrogram": lambda get: plots.theme_dendrogram(get("themes")),
    "coverage_heatmap": lambda get: plots.coverage_heatmap(get("project")),
    "impact_effort_matrix": lambda get: plots.impact_effort_matrix(get("scores")),
    "rank_stability": lambda get: plots.rank_stability(get("prioritisation")),
    "programme_timeline": lambda get: plots.programme_timeline(_dated_programme(get("storvik")), today="2027-01-01"),
}


def test_every_public_plot_is_checked_at_its_default_size():
    drawn_on_axes = {name for name in plots.__all__ if "ax" in inspect.signature(getattr(plots, name)).parameters}
    assert drawn_on_axes == set(DEFAULT_SIZE)


@pytest.mark.parametrize("name", sorted(DEFAULT_SIZE))
def test_no_text_leaves_the_figure_at_the_default_size(name, request):
    ax = DEFAULT_SIZE[name](request.getfixturevalue)
    assert ax.get_title()  # the plot drew something, not an empty placeholder
    assert texts_outside_the_figure(ax.figure) == []


def test_no_text_leaves_the_figure_of_needs_evidence_or_a_small_lottery(project, prioritisation):
    assert texts_outside_the_figure(plots.coverage_heatmap(prioritisation, segments=project.segments).figure) == []
    people = [{"id": f"p{i}", "gender": "f" if i % 2 else "m"} for i in range(8)]
    sel = sd.selection.select(people, {"gender": {"f": (2, 2), "m": (1, 2)}}, size=3, seed=1, progress=False)
    assert texts_outside_the_figure(plots.panel_lottery(sel, m=5).figure) == []
