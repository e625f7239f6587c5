"""Writes the tutorial notebooks in this folder from the cells below, without outputs.

The notebooks are the documents analysts open; this script is their source, so that a change to a
notebook is a readable diff here. After editing, run it from anywhere and commit both:

    python docs/notebooks/make_notebooks.py

``tests/python/test_notebooks.py`` executes every notebook and checks that the committed files are
what this script writes. Cells tagged ``check-...`` are the ones whose outputs that test inspects:
keep the tag when rewording such a cell.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

# A cell: ("markdown" or "code", source, tag or None).
Cell = Tuple[str, str, Optional[str]]


def md(source: str) -> Cell:
    return ("markdown", source.strip("\n"), None)


def code(source: str, tag: Optional[str] = None) -> Cell:
    return ("code", source.strip("\n"), tag)


SETUP = code('''
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import servicedesign as sd
from servicedesign.demo import example_data_dir

DATA = example_data_dir("storvik")  # the bundled example project (in the package, or examples/data/storvik)
pd.set_option("display.max_colwidth", 80)
print(f"servicedesign {sd.__version__}; example data in {DATA.name}/")
''')

SELECTING_WORKING_GROUPS: List[Cell] = [
    md('''
# Selecting working groups fairly

Storvik kommune has 60 volunteers who took part in its problem workshops, and two working groups to fill:
one on the customer service centre, one on winter roads. Each group has *quotas*, for example "5–7 members
from municipal staff". Many different groups meet the quotas. Instead of picking one by hand, the library
sets up a **lottery** over all the groups that meet them and draws one. This notebook shows

1. the volunteers and the quotas,
2. the selection with LEXIMIN: the smallest chance anyone has of serving is made as large as possible,
3. each volunteer's chance, and why some chances are lower,
4. a lottery of *M* equally likely panels that can be drawn in public, and
5. the audit report that lets anyone re-run the draw.

All people in the example are invented.
'''),
    SETUP,
    md('''
## The volunteers and the working groups

Every volunteer has a segment, a sector, an area, an age band and a household. Two people from the same
household never serve together.
'''),
    code('''
people = pd.read_csv(DATA / "people.csv", dtype=str).set_index("id")
people.head()
'''),
    code('''
pd.crosstab(people["sector"], people["age_band"], margins=True)
'''),
    md('''
The working groups and their quotas come from `working_groups.csv`. A quota such as
`sector=municipal:5-7` means "between 5 and 7 members whose sector is municipal". Values that no quota
names (here, for example, sector `business`) are allowed in any number.
'''),
    code('''
project = sd.process.Project.import_csv(DATA)
pd.DataFrame(
    [{"group": g.id, "name": g.name, "size": f"{g.min_size}-{g.max_size}",
      "quotas": "; ".join(f"{q.attribute}={q.value}: {q.min}-{q.max}" for q in g.quotas)}
     for g in project.working_groups]
).set_index("group")
'''),
    md('''
For the selection each group gets a size (here the middle of its range) and its quotas as a dictionary
`{attribute: {value: (min, max)}}`.
'''),
    code('''
def quotas_of(group):
    """The group's quotas as {attribute: {value: (min, max)}}."""
    quotas = {}
    for q in group.quotas:
        quotas.setdefault(q.attribute, {})[q.value] = (q.min, q.max)
    return quotas


groups = [(g.id, (g.min_size + g.max_size) // 2, quotas_of(g)) for g in project.working_groups]
groups
'''),
    md('''
## The selection

Both groups are filled at once, so nobody ends up in two groups. The *seed* fixes the draw: the same seed
gives the same groups on every computer. `progress=False` turns the progress bar off.
'''),
    code('''
selection = sd.selection.select(project, groups=groups, algorithm="leximin", seed=2026, progress=False)
selection
''', tag="check-selection"),
    code('''
members = pd.DataFrame(
    [{"group": group, "id": person, **people.loc[person, ["name", "sector", "age_band"]]}
     for group, ids in selection.panels.items() for person in ids]
).set_index(["group", "id"])
members
''', tag="check-members"),
    md('''
## Everyone's chance of serving

Each volunteer's probability of ending up in one of the groups. With 22 seats and 60 volunteers, 22/60 ≈
0.37 would be the chance of everyone if all were alike. The quotas make some people scarce (they are
needed) and others plentiful, so chances differ; LEXIMIN makes the lowest as high as the quotas allow.
'''),
    code('''
probabilities = selection.probabilities  # a pandas Series by person id
print(f"lowest chance of serving in a group: {selection.min_probability:.3f}")
print(f"highest chance: {probabilities.max():.3f}; 22 seats among {len(probabilities)} volunteers: {22 / 60:.3f}")
''', tag="check-lowest-probability"),
    code('''
chances = people[["name", "sector", "age_band"]].assign(probability=probabilities).sort_values("probability")
chances.groupby("sector")["probability"].agg(["count", "min", "mean", "max"]).round(3)
''', tag="check-probabilities-by-sector"),
    md('''
The volunteers the quotas need most (municipal and regional staff for the customer-service group, civil
society for the winter group) serve more often. No one's chance is below the lowest shown above, and LEXIMIN
has made that lowest chance as high as the quotas allow.
'''),
    md('''
Is the fair lottery worth it? The `legacy` algorithm is the greedy draw many organisations used: it meets
the quotas too, but gives no guarantee about anyone's chance. It fills one group at a time, so the
comparison is made for the first group alone, beside `maximin` (only the lowest chance is raised) and
`nash` (a compromise between fairness and efficiency).
'''),
    code('''
first_group = groups[:1]
comparison = pd.DataFrame(
    {algorithm: sd.selection.select(project, groups=first_group, algorithm=algorithm, seed=2026, progress=False)
     .probabilities.describe()[["min", "mean", "max"]]
     for algorithm in ("leximin", "maximin", "nash", "legacy")}
).T.round(3)
comparison
''', tag="check-algorithms"),
    code('''
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5), width_ratios=[3, 2], layout="constrained")
sd.plots.selection_probabilities(selection, ax=left)
sd.plots.quota_bars(selection, group="G01", ax=right);
'''),
    md('''
## A lottery that can be drawn in public

The exact lottery may give panels odd probabilities like 0.0137. For a live draw (a die, a drum of
numbered balls) `uniform_lottery(m)` rounds it to *m* equally likely panels and says by how much at most
anyone's chance moved.
'''),
    code('''
panels, deviation = selection.uniform_lottery(100, seed=2026)
print(f"{len(panels)} equally likely panels; no one's chance moved by more than {deviation:.3f}")
print("panel 37, group G01:", ", ".join(panels[37]["G01"]))
''', tag="check-uniform-lottery"),
    code('''
sd.plots.panel_lottery(selection, m=30, seed=2026);
'''),
    md('''
## A cap on the highest chances

LEXIMIN raises the lowest chances; people whose values are scarce may then be almost sure to serve, which
tempts misreporting. `max_probability` caps everyone's chance as well, and the lottery is the LEXIMIN one among
those that keep to it. It must be at least the seats over the volunteers, and the quotas may need more. Here
they do: some volunteers have values the quotas need and few others have, so in any lottery some of them
serve with a chance above 0.6, and a cap of 0.6 is refused with the reason:
'''),
    code('''
try:
    sd.selection.select(project, groups=groups, seed=2026, progress=False, max_probability=0.6)
except sd.InvalidInputError as error:
    print("refused:", error)
''', tag="check-cap"),
    md('''
## A draw anyone can verify

To show that nobody picked the groups and then a seed to match, publish the lottery's *digest* before the
draw, agree on public randomness (dice rolled in front of witnesses, a published lottery's digits), and draw
with it afterwards. The same inputs give the same digest, and the same public text the same groups; from
files, `servicedesign verify report.json` redoes it all (docs/selection.md).
'''),
    code('''
print("publish before the draw:", selection.lottery_digest)
public = selection.draw_public("3 6 1 4 4 2 5 2 6 1")  # the dice, read out at the meeting
print("drawn with the dice, G01:", ", ".join(public.panels["G01"]))
''', tag="check-public-draw"),
    md('''
## Alternates for dropouts

Working groups lose members: someone moves, falls ill or loses interest. Instead of drawing again, each group
gets a ranked list of *alternates*, chosen with it. When members drop out, the alternates are called in order,
and one takes the empty seat when that brings the group closer to its quotas. The list is chosen to keep the
expected *quota violations* after dropouts (members missing below a minimum or above a maximum, plus empty
seats) as low as possible, given how likely each person is to drop out: one rate, or each person's own
(for example from past rounds).
'''),
    code('''
alternates = selection.alternates(3, dropout=0.15, group="G01")
print("alternates for G01, in the order they are called:", ", ".join(alternates.ids))
print("expected quota violations after dropouts:", {k: round(v, 3) for k, v in alternates.expected_violations.items()})
''', tag="check-alternates"),
    md('''
Past rounds may show that some people drop out more often, here (as an illustration) the youngest. A pandas
Series of probabilities by id gives each their own; people it leaves out get the default rate. On the day, if
the first member drops out, `replace` says who serves:
'''),
    code('''
rates = pd.Series(0.3, index=people.index[people["age_band"] == people["age_band"].min()])
alternates = selection.alternates(3, dropout=rates, group="G01")
first = selection.panels["G01"][0]
print("if", first, "drops out, G01 becomes:", ", ".join(alternates.replace([first])))
''', tag="check-replacement"),
    md('''
## The audit report

The report records the inputs, the algorithm, the version, the seed, the quotas met and the drawn groups:
enough for a third party to re-run and check the draw. `write_report` writes it as JSON (or the
per-person probabilities as CSV).
'''),
    code('''
report = selection.report
print({key: report[key] for key in ("algorithm", "seed", "pool_size", "lottery_panels")})
pd.DataFrame(report["quotas_achieved"]["G02"])
''', tag="check-audit"),
    code('''
again = sd.selection.select(project, groups=groups, seed=2026, progress=False)
print("the same seed gives the same groups:", again.panels == selection.panels)
''', tag="check-rerun"),
    md('''
Finally the groups are stored in the project, which checks them against its own rules (size, quotas):
'''),
    code('''
for group_id, ids in selection.panels.items():
    project.set_working_group_members(group_id, ids)
warnings = [w for g in project.working_groups for w in project.working_group_warnings(g.id)]
print(f"warnings after selection: {len(warnings)}")
for warning in warnings:
    print(f"  - {warning}")
'''),
]

CLUSTERING_INSIGHTS: List[Cell] = [
    md('''
# Clustering workshop notes into themes

After ten problem workshops Storvik has 125 sticky notes in Norwegian, Swedish, Nynorsk and English.
Sorting them into themes by hand (affinity mapping) takes a day; `servicedesign.insights.Themes` gives a
first sorting in a fraction of a second, which the analyst then corrects. This notebook shows

1. the notes clustered into themes, each with keywords and its most typical notes,
2. the analyst's corrections (naming a theme, moving a note) and how they survive when new notes arrive,
3. the nearest theme of a new note, without clustering again,
4. how far the themes agree with the tags the facilitators wrote, and
5. two plots: a map of the notes and the themes grouped into broader themes.
'''),
    SETUP,
    md('''
## The notes

One row per note. The ideas (`kind=idea`) are left out: the workshops were about problems, not solutions.
The text column as a pandas Series, indexed by note id, is all `Themes` needs; the index lets later runs
and the analyst's edits find each note again.
'''),
    code('''
notes = pd.read_csv(DATA / "notes.csv", dtype=str, keep_default_na=False).set_index("id")
problems = notes[notes["kind"] != "idea"]
print(f"{len(problems)} notes; languages: {problems['language'].value_counts().to_dict()}")
problems[["segment", "kind", "language", "text"]].head()
'''),
    md('''
## Themes

`resolution` sets how fine the themes are: left out, it is chosen for the notes (`themes.resolution_` says
which); a number fixes it (higher: more, smaller themes), as here. `seed` makes the result the same on every run. Notes such as "vet ikke" (fillers) are kept out of every theme and get the label -1.
'''),
    code('''
themes = sd.insights.Themes(resolution=1.5, seed=2026, keywords=4, representatives=2)
themes.fit(problems["text"])
''', tag="check-themes"),
    code('''
themes.themes_
''', tag="check-themes-table"),
    code('''
labelled = problems.assign(theme=themes.labels_)
print("kept out as fillers:", labelled.loc[themes.fillers_, "text"].tolist())
labelled[["theme", "segment", "text"]].head(8)
'''),
    md('''
## The analyst's corrections

Themes from short notes are a first draft. The analyst reads them and corrects them: here the theme about
the customer service centre gets a name, and a quote about icy roads is moved into the theme about snow
clearing. The helper finds a theme by one of its keywords, so the notebook does not depend on theme numbers.
'''),
    code('''
def theme_with(keyword, model):
    \"\"\"The number of the theme whose keywords include `keyword`.\"\"\"
    return next(theme for theme, row in model.themes_.iterrows() if keyword in row["keywords"])


service_centre = theme_with("kundesenteret", themes)
snow_clearing = theme_with("brøytet", themes)
icy_quote = "N017"  # «Når det er glatt, holder jeg meg inne i ukesvis.»
themes.rename_theme(service_centre, "Ventetid på kundesenteret")
themes.move_note(icy_quote, snow_clearing)
themes.themes_.loc[[service_centre, snow_clearing]]
'''),
    md('''
## New notes arrive: cluster again, keep the corrections

A new workshop at the library adds notes. Clustering all notes again with `previous=themes` keeps the
numbers of the earlier themes (a theme gets the number of the earlier theme it overlaps most) and replays
the analyst's corrections on the new themes.
'''),
    code('''
new_notes = pd.Series({
    "N901": "Kundesenteret svarer ikke på e-post før etter en uke.",
    "N902": "Det er ingen som strør trappa ved biblioteket når det er glatt.",
    "N903": "Jeg finner ikke åpningstidene til biblioteket på nettsida.",
}, name="text")
all_notes = pd.concat([problems["text"], new_notes])
rerun = sd.insights.Themes(**themes.get_params()).fit(all_notes, previous=themes)
labels = pd.Series(rerun.labels_, index=all_notes.index)
print(f"name of theme {service_centre} after the rerun: {rerun.themes_.loc[service_centre, 'name']!r}")
print(f"{icy_quote} is in theme {labels[icy_quote]} (snow clearing is theme {snow_clearing})")
labels[new_notes.index].rename("theme").to_frame().join(new_notes)
''', tag="check-rerun"),
    md('''
## The nearest theme of a single new note

`predict` places new notes in the nearest existing theme without clustering again (-1 for fillers and notes
that share no word with the themes).
'''),
    code('''
incoming = ["Bussen til Sørbygda går for sjelden om kvelden.", "Ventetiden på telefon til kundesenteret er lang.",
            "vet ikke"]
pd.DataFrame({"note": incoming, "theme": rerun.predict(incoming)})
''', tag="check-predict"),
    md('''
## Do the themes agree with the facilitators' tags?

The facilitators tagged most notes (`tags`, first tag = topic). The tags are not the truth, but they show how
far the automatic themes match a human sorting: normalised mutual information (NMI) and the adjusted Rand
index (ARI) are 1 for the same sorting and about 0 for a random one. Modularity (`quality_`) says how
clearly the themes stand apart in the network of similar notes.
'''),
    code('''
topic = problems["tags"].str.split(";").str[0]
in_theme = themes.labels_ >= 0
homogeneity, completeness, v_measure = sd.insights.v_measure_score(topic[in_theme], themes.labels_[in_theme])
metrics = pd.Series({
    "NMI": sd.insights.normalized_mutual_info_score(topic[in_theme], themes.labels_[in_theme]),
    "ARI": sd.insights.adjusted_rand_score(topic[in_theme], themes.labels_[in_theme]),
    "homogeneity": homogeneity, "completeness": completeness,
    "modularity": themes.quality_,
}, name="score").round(3)
metrics.to_frame()
''', tag="check-metrics"),
    code('''
pd.crosstab(themes.labels_[in_theme], topic[in_theme], rownames=["theme"], colnames=["tag"])
'''),
    md('''
## Plots

The map places each note so that similar notes lie close together, coloured by theme. The dendrogram groups
the themes into broader themes, as the upper levels of an affinity diagram.
'''),
    code('''
sd.plots.theme_map(rerun);
'''),
    code('''
sd.plots.theme_dendrogram(rerun);
'''),
]

PRIORITISING_NEEDS: List[Cell] = [
    md('''
# Prioritising needs

Storvik has found eight needs. Which should the municipality take first? Practitioners use several
methods (SKR's matrix, impact/effort, MoSCoW, RICE, a dot vote); they rarely agree completely. This notebook

1. starts from the needs and the evidence behind them,
2. scores the needs with each method,
3. combines the methods into one ranking (Borda, with Kemeny beside it) and shows where they agree,
4. checks how far the ranking holds under other weightings of the evidence,
5. checks that one group of voters did not decide the dot vote alone (the bloc check), and
6. writes the report that explains each place in the ranking, quoting only notes with consent.
'''),
    SETUP,
    md('''
## The needs and their evidence

Each need carries the insights that cite it and the notes behind them: how many notes, from how many
different segments and at how many arenas. Breadth (many segments) counts for more than the number of notes.
'''),
    code('''
project = sd.process.Project.import_csv(DATA)
needs = sd.priorities.needs_from_project(project)
needs[["title", "notes", "n_segments", "n_arenas"]]
''', tag="check-needs"),
    code('''
sd.plots.coverage_heatmap(project);
'''),
    md('''
## Scoring with the usual methods

One spreadsheet row per need (`priorities/scores.csv`) holds what each method needs. Each method returns a
table by need with its `score` and `rank` (tied needs share a rank).
'''),
    code('''
folder = DATA / "priorities"
scores = pd.read_csv(folder / "scores.csv", dtype=str).set_index("need")
scores
'''),
    code('''
methods = {
    "skr": sd.priorities.skr(scores),                      # relevance × feasibility, each 1-3
    "impact_effort": sd.priorities.impact_effort(scores),  # quadrants: quick wins first
    "moscow": sd.priorities.moscow(scores),                # must/should/could/won't
    "rice": sd.priorities.rice(scores),                    # reach · impact · confidence / effort
}
methods["impact_effort"]
''', tag="check-impact-effort"),
    code('''
sd.plots.impact_effort_matrix(scores);
'''),
    md('''
The dot vote: each of the 60 participants had three dots. `population.csv` gives each segment's share of
the population, for the bloc check below.
'''),
    code('''
ballots = pd.read_csv(folder / "ballots.csv", dtype=str)
population_shares = pd.read_csv(folder / "population.csv").set_index("segment")["share"].to_dict()
ballots.groupby("segment")["voter"].nunique().rename("voters").to_frame().T
'''),
    md('''
## One ranking from all methods

`Prioritisation.from_project` starts from the needs and adds their evidence as a weighted method of its own
("evidence": segments 0.5, arenas 0.25, notes 0.25). The combined rank is the Borda count over the methods;
the Kemeny column is the order that disagrees least with all methods together.
'''),
    code('''
prioritisation = sd.priorities.Prioritisation.from_project(project, seed=2026, samples=2000)
for name, result in methods.items():
    prioritisation.add(name, result)
prioritisation.add_votes(ballots, dots_per_voter=3, population_shares=population_shares)
ranking = prioritisation.ranking_
ranking
''', tag="check-ranking"),
    md('''
Do the methods agree? Kendall's τ-b between every two methods: 1 the same order, 0 unrelated, −1 reversed.
'''),
    code('''
prioritisation.agreement_.round(2)
''', tag="check-agreement"),
    md('''
## Does the weighting decide it?

The evidence weights (0.5/0.25/0.25) are a choice. The sensitivity analysis draws 2,000 other weightings
(uniformly, with a seed) and counts how often each need comes first, in the top 3 and in the top 5.
'''),
    code('''
prioritisation.sensitivity_.round(2)
''', tag="check-sensitivity"),
    code('''
sd.plots.rank_stability(prioritisation);
'''),
    md('''
## The bloc check

Would the dot vote have another winner without one segment's votes, or with its votes counted at its share
of the population? `influence` is the share of pairs of needs whose order changes without the segment.
'''),
    code('''
bloc = prioritisation.bloc_
print(f"winner of the dot vote: {bloc.attrs['winner']}; decided by one bloc: {prioritisation.decided_by_one_bloc_}")
bloc[["voters", "vote_share", "population_share", "influence", "winner_without", "winner_reweighted"]].round(2)
''', tag="check-bloc"),
    md('''
## The report

For each need, in order: its scores, how firmly it holds its place, the evidence and the insights, and quotes.
A report for the public quotes only notes whose authors gave public consent. Here are its first lines;
`prioritisation.report(format="html")` gives HTML.
'''),
    code('''
from IPython.display import Markdown

report = prioritisation.report(audience="public", quotes=2)
Markdown("\\n".join(report.splitlines()[:40]))
''', tag="check-report"),
]

YOUR_OWN_CLUSTERER: List[Cell] = [
    md('''
# Writing your own clusterer in Python

`Themes` turns notes into vectors, links each note to its most similar notes (the *neighbour graph*) and
hands both to a *clusterer* that decides the themes. The built-in clusterers (Leiden, k-means, average
linkage, HDBSCAN*) are written in C++, but a researcher can add one in Python: subclass
`sd.insights.Clusterer`, register it under a name, and `Themes(algorithm=name)` uses it like a built-in one.

This notebook writes **label propagation** (Raghavan, Albert & Kumara 2007): every note starts in a theme of
its own and, note by note, joins the theme that its neighbours, weighted by similarity, mostly belong to,
until nothing changes. It then compares it with Leiden on notes whose topic is known.
'''),
    SETUP,
    md('''
## The clusterer

A clusterer has two methods. `name()` returns its name. `fit(input, progress)` receives a `ClusterInput`
with `input.vectors` (the notes' TF-IDF vectors) and `input.graph` (the neighbour graph) and returns
`sd.insights.canonical_clustering(labels)`, which numbers the themes from the largest (0) down.
`input.graph.to_arrays()` gives the graph in CSR form as numpy arrays: the neighbours of note `i` are
`indices[indptr[i]:indptr[i + 1]]`, with similarities `weights[...]` at the same positions. `progress`, when
given, is called with a stage and a fraction done; it returns False when the user asked to stop.

Call `super().__init__()` in `__init__`: it sets up the C++ side of the object.
'''),
    code('''
import numpy as np


class LabelPropagation(sd.insights.Clusterer):
    \"\"\"Each note joins the theme its neighbours (weighted by similarity) mostly belong to, until none moves.

    The notes are visited in a random order drawn from `seed` each round, so the same seed gives the same themes.
    \"\"\"

    def __init__(self, seed=0, max_rounds=30):
        super().__init__()
        self.seed = seed
        self.max_rounds = max_rounds

    def name(self):
        return "label-propagation"

    def fit(self, input, progress=None):
        indptr, indices, weights = input.graph.to_arrays()
        notes = len(input)
        labels = np.arange(notes)  # every note in a theme of its own
        random = np.random.default_rng(self.seed)
        for round_number in range(1, self.max_rounds + 1):
            moved = 0
            for note in random.permutation(notes):
                start, end = indptr[note], indptr[note + 1]
                if start == end:
                    continue  # no neighbours: the note stays a theme of its own
                votes = np.bincount(labels[indices[start:end]], weights=weights[start:end], minlength=notes)
                votes[labels[note]] += 1e-12  # on a tie, stay
                best = int(np.argmax(votes))
                if best != labels[note]:
                    labels[note] = best
                    moved += 1
            if progress is not None and not progress("label propagation", round_number / self.max_rounds):
                break  # the user asked to stop
            if moved == 0:
                break
        return sd.insights.canonical_clustering(labels)
'''),
    md('''
## Registering it

The registry makes clusterers by name from a *factory*: a function of the seed and a dictionary of numeric
parameters. The clusterer declares the parameters it takes once, as `sd.insights.Parameter` records (name, kind,
range, default, description): the registry refuses others and values out of range, fills in the defaults, and
`Themes` passes only the declared ones.
'''),
    code('''
sd.insights.register_clusterer(
    "label-propagation",
    lambda seed, params: LabelPropagation(seed=seed, max_rounds=int(params["max_rounds"])),
    parameters=[sd.insights.Parameter("max_rounds", whole=True, lower=1, default=30,
                                      description="rounds of label propagation at most")],
)
print(sd.insights.clusterer_parameters("label-propagation"))
print("registered clusterers:", sd.insights.clusterer_names())
''', tag="check-registered"),
    md('''
## Using it on the Storvik notes

The facilitators tagged most notes with a topic (the first tag: `vinter`, `buss`, `kundesenter`, ...). These
tags make a small labelled set: 115 notes in 10 topics.
'''),
    code('''
notes = pd.read_csv(DATA / "notes.csv", dtype=str, keep_default_na=False).set_index("id")
labelled = notes[(notes["tags"] != "") & (notes["kind"] != "idea")]
topic = labelled["tags"].str.split(";").str[0]
print(f"{len(labelled)} notes in {topic.nunique()} topics")
topic.value_counts().to_frame().T
'''),
    code('''
ours = sd.insights.Themes(algorithm="label-propagation", seed=1, keywords=4, representatives=1).fit(labelled["text"])
ours.themes_
''', tag="check-our-themes"),
    md('''
## Compared with Leiden

Normalised mutual information (NMI) between the themes and the topics: 1 when they sort the notes the same
way, about 0 when they are unrelated. Both algorithms depend on the seed, so each runs with five seeds.
'''),
    code('''
rows = []
for algorithm in ("leiden", "label-propagation"):
    for seed in range(5):
        model = sd.insights.Themes(algorithm=algorithm, seed=seed).fit(labelled["text"])
        rows.append({"algorithm": algorithm, "seed": seed, "themes": model.n_themes_,
                     "NMI": sd.insights.normalized_mutual_info_score(topic, model.labels_)})
runs = pd.DataFrame(rows)
comparison = runs.groupby("algorithm").agg(themes=("themes", "mean"), NMI_mean=("NMI", "mean"),
                                           NMI_min=("NMI", "min"), NMI_max=("NMI", "max")).round(3)
comparison
''', tag="check-comparison"),
    md('''
Leiden's themes come from a consensus of eight runs (`ensemble=8`), which makes them depend little on the
seed. Label propagation settles wherever the order of the visits takes it, and on a small, loosely linked
graph one theme can swallow most notes (a known weakness: with an NMI of 0 every note ended in one theme).
Short notes in four languages are a hard case for both: an NMI around 0.5 means the themes are a useful
first sorting, not a finished one.

The map of our themes:
'''),
    code('''
sd.plots.theme_map(ours);
'''),
    md('''
## Unregistering

A registered clusterer stays available until the Python process ends, or until it is unregistered.
'''),
    code('''
print("unregistered:", sd.insights.unregister_clusterer("label-propagation"))
print("registered clusterers:", sd.insights.clusterer_names())
''', tag="check-unregistered"),
]

END_TO_END: List[Cell] = [
    md('''
# The whole project, end to end

*Smart Storvik – behov før teknologi* follows SKR's six steps. This notebook walks the whole flow as the
municipality's analyst would: where the project stands and what its gate asks for, who was heard, the
themes in the notes, the needs proposed from them and reviewed, the needs in order, one working group per
top need selected fairly, each group's own process with the programme view and timeline, and a saved
project that anyone can reload. Each part has its own notebook with more detail (01–04).
'''),
    SETUP,
    md('''
## Where the project stands

The example is imported from its CSV folder (one file per kind of record, see `README.md` there). A project
shows itself as a summary in a notebook.
'''),
    code('''
project = sd.process.Project.import_csv(DATA)
project
'''),
    code('''
print(f"step {project.current_step_index + 1} of {len(project.model.steps)}: "
      f"{project.current_step.name_en} ({project.current_step.name_sv})")
pd.DataFrame([{"criterion": c.id, "description": c.description} for c in project.gate(project.current_step.key)])
''', tag="check-step"),
    md('''
The challenge is written, so the project owner moves on to *Explore*. Every move is logged with who, when
and why; a move past unmet criteria needs an explicit override.
'''),
    code('''
project.advance(who="Eva Lindqvist", rationale="Utfordringen er skrevet; vi starter problemverkstedene",
                when="2026-02-01")
project.decisions_frame()[["from_step", "to_step", "when", "who", "rationale"]]
''', tag="check-advance"),
    code('''
unmet = project.check_gate()
print(f"exit gate of {project.current_step.name_en}, criteria not met yet: {len(unmet)}")
for criterion in unmet:
    print(f"  - {criterion.criterion_id}: {criterion.explanation}")
''', tag="check-gate"),
    md('''
## Who has been heard

Notes per need and segment; the empty cells are the gaps. The arena plan finds the fewest existing meeting
places that reach every target segment, and says which segments no existing arena reaches.
'''),
    code('''
sd.plots.coverage_heatmap(project);
'''),
    code('''
plan = project.plan_arenas()
print("fewest arenas reaching every segment:", ", ".join(f"{a} ({project.arena(a).name})" for a in plan.arena_ids))
print("reached by no existing arena:", ", ".join(plan.uncovered_segments) or "none")
'''),
    md('''
## The themes in the notes

The notes from the problem workshops, clustered as in notebook 02.
'''),
    code('''
notes = project.notes_frame()
problems = notes[notes["kind"] != "idea"]
themes = sd.insights.Themes(resolution=1.5, seed=2026, keywords=4, representatives=1).fit(problems["text"])
print(f"{themes.n_themes_} themes in {len(problems)} notes; {int(themes.fillers_.sum())} fillers kept out")
themes.themes_[["size", "keywords"]]
''', tag="check-themes"),
    md('''
## The needs in order

The municipality's own needs ranked by their evidence, four scoring methods and the dot vote, as in
notebook 03.
'''),
    code('''
folder = DATA / "priorities"
scores = pd.read_csv(folder / "scores.csv", dtype=str).set_index("need")
ballots = pd.read_csv(folder / "ballots.csv", dtype=str)
shares = pd.read_csv(folder / "population.csv").set_index("segment")["share"].to_dict()

prioritisation = sd.priorities.Prioritisation.from_project(project, seed=2026, samples=2000)
prioritisation.add("skr", sd.priorities.skr(scores)).add("impact_effort", sd.priorities.impact_effort(scores))
prioritisation.add("moscow", sd.priorities.moscow(scores)).add("rice", sd.priorities.rice(scores))
prioritisation.add_votes(ballots, dots_per_voter=3, population_shares=shares)
top_needs = prioritisation.ranking_[["title", "rank", "kemeny"]].head(3)
top_needs
''', tag="check-top-needs"),
    md('''
## From themes to needs

One proposed need per theme, traced to its notes, segments and arenas. The analysts review them: here
they drop the thinnest theme and adopt the rest; each adopted need records the themes and notes it came
from, so that a rerun of the clustering can show what changed. The adopted needs are then ranked by
their evidence (segments, arenas, notes).
'''),
    code('''
proposals = sd.process.propose_needs(project, themes)
adopted = sd.process.adopt_needs(project, proposals, [sd.process.NeedReview(proposals[-1].theme, action="drop")])
needs = sd.priorities.needs_from_project(project).loc[adopted]
print(f"{len(proposals)} needs proposed, {len(adopted)} adopted")
needs[["title", "notes", "n_segments", "n_arenas"]]
''', tag="check-adopted"),
    code('''
by_evidence = sd.priorities.Prioritisation.from_project(project, needs=adopted).ranking_  # evidence only
by_evidence[["title", "rank", "borda"]].head(3)
''', tag="check-adopted-ranked"),
    md('''
## One working group per top need

A group of 10-12 for each of the two top adopted needs, chosen for its topic: one mostly municipal and
regional staff, one mostly independent actors and civil society. Both are filled at once from the
volunteers with LEXIMIN, nobody in two groups, one person per household, each group to the size in its
range whose lottery is fairest (notebook 01 has the details).
'''),
    code('''
compositions = [[sd.process.Quota("sector", "municipal", 5, 8), sd.process.Quota("sector", "regional", 2, 4)],
                [sd.process.Quota("sector", "independent", 4, 6), sd.process.Quota("sector", "civil_society", 3, 6)]]
new_groups = []
for need_id, quotas in zip(by_evidence.index, compositions):
    group = sd.process.WorkingGroup(need_id, f"Arbeidsgruppe: {project.need(need_id).title}", quotas=quotas,
                                    id=f"G{len(project.working_groups) + 1:02d}")
    new_groups.append(project.add_working_group(group).id)
chosen = sd.process.select_working_groups(project, groups=new_groups, seed=2026, progress=False)
sd.process.assign_members(project, chosen)
print(f"lowest chance of serving in a group: {min(p for p in chosen.result.probabilities if p > 0):.3f}")
pd.Series({g: len(project.working_group(g).member_ids) for g in new_groups}, name="members").to_frame()
''', tag="check-groups"),
    md('''
## Each group's own process

Each group is led through its own SKR process, starting one after another: the first in the autumn,
moved on to *Fokusera* with a logged decision; the second in the winter, whose first idea is tested live.
The programme view says which group is at which step since when, and what its gate still asks for.
'''),
    code('''
first, second = (project.start_track(g, start_date=d).id for g, d in zip(new_groups, ["2026-09-01", "2027-01-11"]))
project.advance(who="Kari", rationale="Utfordringen er formulert", override_gate=True, when="2026-09-15", track=first)
project.advance(who="Kari", rationale="Tre innsikter; vi prioriterer nå", override_gate=True, when="2026-10-20",
                track=first)
opportunity = project.add_opportunity(sd.process.Opportunity("Hvordan kan vi?", selected=True, track_id=second))
idea = project.add_idea(sd.process.Idea("Strøkasser ved holdeplassene", opportunity_id=opportunity.id, chosen=True))
project.add_prototype_test(sd.process.PrototypeTest(idea.id, plan="To uker i skarpt lag", outcome="iterate"))
project.programme_frame()[["group_name", "start_date", "step", "since", "decisions", "tests_iterate", "unmet"]]
''', tag="check-programme"),
    code('''
sd.plots.programme_timeline(project, today="2027-03-01");
'''),
    md('''
## Saved and loaded

A project is saved in one file (text, XML or binary; written atomically and checksummed) and reloads
identical. The public edition pseudonymises names and withholds the words of notes without public consent.
'''),
    code('''
import tempfile

with tempfile.TemporaryDirectory() as scratch:
    path = Path(scratch) / "storvik.sdproj"
    project.save(path)
    reloaded = sd.process.Project.load(path)
    print(f"saved {path.stat().st_size} bytes; reloads identical: {reloaded == project}")
public = project.public_edition()
print(f"public edition: {sum(p.name != '' for p in public.persons)} names left of {len(project.persons)}")
''', tag="check-saved"),
    md('''
## Summary
'''),
    code('''
first = top_needs.index[0]
summary = pd.Series({
    "project": project.name,
    "step": f"{project.current_step.name_en} ({project.current_step.name_sv})",
    "exit criteria not met": len(project.check_gate()),
    "notes / workshops / arenas": f"{len(project.notes)} / {len(project.workshops)} / {len(project.arenas)}",
    "working groups": ", ".join(f"{g}: {len(project.working_group(g).member_ids)} members" for g in new_groups),
    "tracks": ", ".join(f"{t.track_id} at {t.step}" for t in project.programme_view().tracks if t.track_id),
    "needs adopted from themes": len(adopted),
    "themes in the notes": themes.n_themes_,
    "first need": f"{first} {top_needs.loc[first, 'title']}",
    "decided by one voting bloc": prioritisation.decided_by_one_bloc_,
}, name="Smart Storvik")
summary.to_frame()
''', tag="check-summary"),
]

NOTEBOOKS: Dict[str, List[Cell]] = {
    "01_selecting_working_groups": SELECTING_WORKING_GROUPS,
    "02_clustering_insights": CLUSTERING_INSIGHTS,
    "03_prioritising_needs": PRIORITISING_NEEDS,
    "04_your_own_clusterer": YOUR_OWN_CLUSTERER,
    "05_end_to_end": END_TO_END,
}


def build(cells: List[Cell]) -> nbformat.NotebookNode:
    """A notebook without outputs; cell ids are numbered so that rewriting it gives the same file."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for number, (kind, source, tag) in enumerate(cells):
        cell = new_markdown_cell(source) if kind == "markdown" else new_code_cell(source)
        cell["id"] = f"cell-{number:02d}"
        if tag:
            cell.metadata["tags"] = [tag]
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(cells: List[Cell]) -> str:
    """The notebook's file content."""
    return nbformat.writes(build(cells)) + "\n"


def main() -> int:
    for name, cells in NOTEBOOKS.items():
        path = HERE / f"{name}.ipynb"
        text = render(cells)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
