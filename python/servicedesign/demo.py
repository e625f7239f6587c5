"""The end-to-end demo: a Norwegian municipality's insight work, replayed on bundled example data.

Every figure printed is computed by the library from the example files; nothing is canned.
Each part of the library adds its section here as it lands.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional, TextIO

from . import process, selection



def example_data_dir(name: str = "storvik") -> Path:
    """Folder of a bundled example project (:func:`servicedesign.examples.path`)."""
    from . import examples

    return examples.path(name)


def _heading(out: TextIO, title: str) -> None:
    out.write(f"\n== {title} ==\n")


def _table(out: TextIO, header: list, rows: list) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        out.write("  " + "  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() + "\n")


def print_status(project: process.Project, out: TextIO = sys.stdout) -> None:
    """Where the project stands: step, unmet gate criteria, coverage gaps, saturation, the arena plan."""
    steps = project.model.steps
    path = " → ".join(
        f"[{s.name_sv}]" if i == project.current_step_index else s.name_sv for i, s in enumerate(steps)
    )
    out.write(f"{project.name}\n  model: {project.model.name}\n  steps: {path}\n")
    out.write(
        f"  {len(project.notes)} notes from {len(project.workshops)} workshops at "
        f"{len({w.arena_id for w in project.workshops})} arenas; {len(project.persons)} people; "
        f"{len(project.insights)} insights on {len(project.needs)} needs\n"
    )

    _heading(out, "Decision log")
    for d in project.decisions:
        extra = f" (gate overridden: {', '.join(d.overridden_criteria)})" if d.overridden_criteria else ""
        out.write(f"  #{d.sequence} {d.when} {d.who}: {d.from_step} → {d.to_step} — {d.rationale}{extra}\n")
    if not project.decisions:
        out.write("  (no moves yet)\n")

    _heading(out, f"Exit gate of '{project.current_step.name_en}' ({project.current_step.name_sv})")
    unmet = project.check_gate()
    for u in unmet:
        out.write(f"  ✗ {u.criterion_id}: {u.explanation}\n")
    met = [c for c in project.gate(project.current_step.key) if c.id not in {u.criterion_id for u in unmet}]
    for c in met:
        out.write(f"  ✓ {c.id}: {c.description}\n")
    moves = ", ".join(
        f"{m.to_step} ({m.kind}{', needs override' if m.needs_override else ''})" for m in project.allowed_moves()
    )
    out.write(f"  allowed moves: {moves or 'none'}\n")

    print_programme(project, out)

    _heading(out, "Evidence coverage: notes per need and segment")
    coverage = project.evidence_coverage()
    segments = [s.key for s in project.segments]
    counts = Counter()
    for cell in coverage.cells:
        counts[(cell.need_id, cell.segment)] += cell.notes
    rows = [[n.id] + [counts[(n.id, s)] or "." for s in segments] for n in project.needs]
    _table(out, ["need"] + segments, rows)
    for flag in coverage.flags:
        out.write(f"  ! {flag.explanation}\n")

    _heading(out, "Saturation: new themes per workshop (date order)")
    for point in project.saturation():
        bar = "#" * point.new_themes
        out.write(f"  {point.workshop_id} {point.date}  +{point.new_themes:<2} {bar:<6} total {point.cumulative_themes}\n")

    _heading(out, "Arena plan: fewest existing meeting places reaching every target segment")
    plan = project.plan_arenas()
    for arena_id in plan.arena_ids:
        arena = project.arena(arena_id)
        out.write(f"  {arena_id} {arena.name} — reaches {', '.join(arena.segments)}\n")
    proof = "proven minimal" if plan.exact else f"greedy, within {plan.approximation_factor:.2f}× of minimal"
    out.write(f"  {len(plan.arena_ids)} arenas ({proof}, {plan.search_nodes} search nodes)\n")
    for segment in plan.uncovered_segments:
        out.write(f"  → no existing arena reaches '{segment}': create a temporary one\n")

    _heading(out, "Warnings")
    for warning in project.warnings():
        out.write(f"  - {warning}\n")


def print_programme(project: process.Project, out: TextIO = sys.stdout) -> None:
    """The programme view: which track is at which step since when, unmet gates, tests, staggered starts."""
    _heading(out, "Programme: the insight phase and each working group's own process")
    view = project.programme_view()
    steps = {s.key: s for s in project.model.steps}
    rows = []
    for t in view.tracks:
        if t.closed:
            state = f"closed {t.closed_on}"
        else:
            state = f"{len(t.unmet)} unmet" if t.unmet else "gate met"
        tests = (f"{t.tests_pilot} pilot, {t.tests_iterate} iterate, {t.tests_stop} stop, {t.tests_pending} pending"
                 if t.tests_pilot + t.tests_iterate + t.tests_stop + t.tests_pending else "")
        rows.append([t.track_id or "-", t.group_name, t.start_date or "not set", steps[t.step].name_sv, t.since or "-",
                     state, str(t.decisions), tests])
    _table(out, ["track", "group", "starts", "step", "since", "gate", "moves", "prototype tests"], rows)
    for t in view.tracks:
        for u in t.unmet if t.track_id else []:
            out.write(f"  ✗ {t.track_id} {u.criterion_id}: {u.explanation}\n")
    for group_id in view.groups_without_track:
        out.write(f"  → working group {group_id} has not started its own process yet\n")


def _replay_decisions(project: process.Project) -> None:
    """The moves the example municipality made so far, as they would be logged."""
    project.advance(
        who=project.owner or "project owner",
        rationale="Utfordringen, målet og aktørene er beskrevet; vi starter problemverkstedene",
        when="2026-02-01",
    )


def _start_group_tracks(project: process.Project, group_ids: list, out: TextIO) -> None:
    """Each working group starts its own process, one after another: the first in the autumn, moved on to
    Fokusera with a logged decision; the second in the winter, whose first idea is tested live."""
    _heading(out, "Each working group runs its own process (staggered starts)")
    groups = [project.working_group(g) for g in group_ids]
    starts = ["2026-09-01", "2027-01-11"]
    for group, start in zip(groups, starts + [""] * len(groups)):
        need = project.need(group.need_id)
        track = project.start_track(group.id, start_date=start, id=f"TR-{group.id}", challenge=process.Challenge(
            purpose=f"Vi vil forstå og løse: {need.title.lower()}", for_whom="de som bruker tjenesten",
            do_what=need.title.lower(), how="sammen med de som bruker tjenesten", goal="En løsning testet i skarpt lag"))
        out.write(f"  {track.id} for {group.id} starts {start or '(date not set)'}: {need.title}\n")
    if len(groups) >= 1:
        first = project.track_of_group(groups[0].id).id
        lead = project.working_group(groups[0].id).member_ids[0]  # a member chosen to lead the track
        project.advance(who=lead, rationale="Utfordringen er formulert uten løsning", when="2026-09-15", track=first)
        decision = project.advance(who=lead, rationale="Tre innsikter om tilgjengelighet; vi prioriterer nå",
                                   when="2026-10-20", track=first, override_gate=True)
        out.write(f"  {first}: {decision.from_step} → {decision.to_step} on {decision.when} "
                  f"(gate overridden: {', '.join(decision.overridden_criteria)})\n")
    if len(groups) >= 2:
        second = project.track_of_group(groups[1].id).id
        opportunity = project.add_opportunity(process.Opportunity(
            "Hvordan kan vi gjøre det trygt å gå ute om vinteren?", selected=True, track_id=second))
        idea = project.add_idea(process.Idea("Strøkasser ved bussholdeplassene", opportunity_id=opportunity.id,
                                             chosen=True))
        members = list(project.working_group(groups[1].id).member_ids)[:3]
        test = project.add_prototype_test(process.PrototypeTest(
            idea.id, plan="To uker med strøkasser på tre holdeplasser; teller bruk og spør de som venter",
            tester_ids=members, staff_testers=2, outcome="iterate"))
        out.write(f"  {second}: idea '{idea.title}' tested with {len(members)} members and 2 staff → {test.outcome}\n")
    print_programme(project, out)
    _heading(out, "Timeline: each track's steps over dates (plots.programme_timeline draws it)")
    steps = {st.key: st.name_sv for st in project.model.steps}
    for span in project.timeline():
        out.write(f"  {span.track_id or '-':<7} {steps[span.step]:<10} {span.from_date} → {span.to_date or 'now'}\n")


def _cluster_notes(project: process.Project, out: TextIO) -> list:
    """Themes from the workshop notes (Leiden on the TF-IDF neighbour graph), labelled with real words, and the
    needs proposed from them."""
    from . import insights

    notes = [n for n in project.notes if str(n.kind) in ("problem", "quote", "observation")]
    _heading(out, f"Themes in the {len(notes)} notes from the problem workshops (Leiden, seed 2026)")
    import pandas as pd

    model = insights.Themes(neighbours=5, seed=2026, keywords=4, representatives=1)
    model.fit(pd.Series([n.text for n in notes], index=[n.id for n in notes]), progress=False)  # keyed by note id
    rows = []
    for theme, row in model.themes_.iterrows():
        if row["size"] < 2:
            continue
        example = row["representatives"][0]
        rows.append([theme, row["size"], ", ".join(row["keywords"]), example if len(example) <= 60 else example[:57] + "..."])
    _table(out, ["theme", "notes", "keywords", "most typical note"], rows)
    single = sum(1 for size in model.themes_["size"] if size < 2)
    outside = int((model.labels_ < 0).sum())
    out.write(f"  {model.n_themes_} themes ({single} single notes not shown), {outside} filler notes kept out\n")
    # Themes → needs: one proposal per theme with notes, traced to the notes, segments and arenas behind it.
    proposals = [p for p in process.propose_needs(project, model) if len(p.note_ids) >= 2]
    _heading(out, "Needs proposed from the themes (for the analysts to confirm, rename, merge or drop)")
    _table(out, ["theme", "proposed need", "notes", "segments", "arenas"],
           [[p.theme, p.title, len(p.note_ids), len(p.segments), len(p.arenas)] for p in proposals])
    return proposals


# The compositions chosen for the groups' topics, as in both source cases: one group mostly municipal and
# regional staff, one mostly independent actors and civil society.
_COMPOSITIONS = (
    ("mostly municipal and regional staff", [process.Quota("sector", "municipal", 5, 8),
                                             process.Quota("sector", "regional", 2, 4)]),
    ("mostly independent actors and civil society", [process.Quota("sector", "independent", 4, 6),
                                                     process.Quota("sector", "civil_society", 3, 6)]),
)


def _adopt_and_form_groups(project: process.Project, proposals: list, out: TextIO) -> list:
    """The analysts' review (the thinnest theme dropped, the rest adopted), the adopted needs ranked by their
    evidence, and one working group per top need, filled fairly from the volunteers."""
    from . import priorities

    _heading(out, "Needs adopted after the analysts' review, ranked by their evidence")
    ids = process.adopt_needs(project, proposals, [process.NeedReview(proposals[-1].theme, action="drop")])
    by_evidence = priorities.Prioritisation.from_project(project, needs=ids)  # the evidence is its one method
    ranked = by_evidence.ranking_
    _table(out, ["rank", "need", "title", "themes", "notes", "segments"],
           [[int(row["rank"]), need, row["title"], "+".join(map(str, project.need(need).source_themes)),
             by_evidence.evidence[need].frequency(), len(by_evidence.evidence[need].segments())]
            for need, row in ranked.head(4).iterrows()])
    out.write(f"  {len(ids)} needs adopted, theme {proposals[-1].theme} dropped; each need records its themes and notes "
              f"(a rerun can show what changed)\n")

    _heading(out, "One working group per top need, selected fairly (LEXIMIN, both groups at once, seed 2026)")
    groups = []
    for need_id, (label, quotas) in zip(ranked.index, _COMPOSITIONS):
        group = project.add_working_group(process.WorkingGroup(
            need_id, f"Arbeidsgruppe: {project.need(need_id).title}", quotas=quotas,
            id=f"G{len(project.working_groups) + 1:02d}"))
        groups.append(group.id)
        out.write(f"  {group.id} for {need_id} ({label})\n")
    chosen = process.select_working_groups(project, groups=groups, seed=2026, progress=False)
    process.assign_members(project, chosen)
    for selected in chosen.groups:
        counts = Counter(project.person(m).attributes.get("sector", "?") for m in selected.members)
        mix = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        out.write(f"  {selected.group_id}: {len(selected.members)} members ({mix})\n")
    tried = ", ".join("/".join(str(s) for s in sizes) + f" {fairness:.3f}" for sizes, fairness in chosen.sizes_tried)
    out.write(f"  sizes tried (fairness = lowest chance / equal share): {tried}\n")
    chances = sorted(p for p in chosen.result.probabilities if p > 0)
    out.write(f"  chance of being drawn: lowest {chances[0]:.3f}, highest {chances[-1]:.3f}; "
              f"{len(chosen.result.lottery.compositions)} panels in the lottery\n")
    warnings = [w for g in groups for w in project.working_group_warnings(g) if "quota" in w or "outside" in w]
    out.write(f"  quota and size warnings after selection: {len(warnings)}\n")
    return groups


def _persistence_check(project: process.Project, out: TextIO) -> None:
    _heading(out, "Saving and loading (atomic writes, checksummed archives)")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("text", "xml", "binary"):
            path = os.path.join(folder, f"storvik.{fmt}")
            project.save(path, format=fmt)
            same = process.Project.load(path) == project
            out.write(f"  {fmt:<6} {os.path.getsize(path):>8} bytes, reloads identical: {same}\n")
    public = project.public_edition()
    withheld = sum(1 for n in public.notes if n.text.startswith("[withheld"))
    named = sum(1 for p in public.persons if p.name)
    out.write(
        f"  public edition: {withheld} of {len(public.notes)} notes withheld for lack of public consent, "
        f"{named} names left, persons renamed {project.persons[0].id} → {public.persons[0].id}\n"
    )


def _prioritise_needs(project: process.Project, folder: Path, out: TextIO) -> Optional[object]:
    """The needs ranked by several methods, how far the ranking holds, and why the first need is first."""
    import pandas as pd

    from . import priorities

    data = folder / "priorities"
    if not (data / "scores.csv").is_file():
        return None
    scores = pd.read_csv(data / "scores.csv", dtype=str).set_index("need")
    ballots = pd.read_csv(data / "ballots.csv", dtype={"voter": str, "segment": str, "need": str})
    shares = pd.read_csv(data / "population.csv").set_index("segment")["share"].to_dict()
    # The municipality's own needs, which its scoring session and dot vote covered.
    pr = priorities.Prioritisation.from_project(project, needs=list(scores.index), seed=2026, samples=2000)
    pr.add("skr", priorities.skr(scores)).add("impact_effort", priorities.impact_effort(scores))
    pr.add("moscow", priorities.moscow(scores)).add("rice", priorities.rice(scores))
    pr.add_votes(ballots, dots_per_voter=3, population_shares=shares)
    methods = list(pr.methods)
    _heading(out, f"Needs ranked by {len(methods)} methods (Borda over the methods; Kemeny beside it)")
    ranking = pr.ranking_
    sens = pr.sensitivity_
    ties = ranking["rank"].duplicated(keep=False)
    rows = []
    for need, row in ranking.iterrows():
        title = row["title"] if len(row["title"]) <= 34 else row["title"][:31] + "..."
        rows.append([("=" if ties[need] else "") + str(row["rank"]), need, title, f"{row['borda']:g}", row["kemeny"],
                     *(row[f"rank_{m}"] for m in methods), f"{sens.loc[need, 'p_top1']:.0%}", f"{sens.loc[need, 'p_top3']:.0%}"])
    _table(out, ["rank", "need", "title", "Borda", "Kemeny", *methods, "top1", "top3"], rows)
    out.write(f"  top1/top3: share of {pr.samples} evidence weightings (segments, arenas, notes; uniform on the simplex, "
              f"seed 2026) under which the need is first / in the top 3\n")
    optimal = ranking.attrs.get("kemeny_optimal_orders", 1)
    out.write(f"  Kemeny: {optimal} optimal order(s), total Kendall distance {ranking.attrs.get('kemeny_distance', 0):g}\n")
    agreement = pr.agreement_
    pairs = [(a, b, agreement.loc[a, b]) for i, a in enumerate(methods) for b in methods[i + 1:]]
    lowest = min(pairs, key=lambda p: p[2])
    highest = max(pairs, key=lambda p: p[2])
    mean = sum(p[2] for p in pairs) / len(pairs)
    out.write(f"  agreement between methods (Kendall tau-b): mean {mean:.2f}, highest {highest[0]}/{highest[1]} "
              f"{highest[2]:.2f}, lowest {lowest[0]}/{lowest[1]} {lowest[2]:.2f}\n")

    _heading(out, "Bloc check of the dot vote: does one voter segment decide the winner?")
    bloc = pr.bloc_
    rows = [[segment, r["voters"], f"{r['vote_share']:.0%}", f"{r['population_share']:.0%}", f"{r['influence']:.2f}",
             r["winner_without"] + (" *" if r["winner_changes_without"] else ""), r["winner_reweighted"]]
            for segment, r in bloc.sort_values("influence", ascending=False).iterrows()]
    _table(out, ["segment", "voters", "of voters", "of people", "influence", "winner without", "at pop. share"], rows)
    pivotal = bloc.attrs["pivotal_segments"]
    verdict = ("ONE BLOC DECIDED THE WINNER" if pr.decided_by_one_bloc_ else
               f"no single bloc decides it, but leaving out any one of {', '.join(pivotal)} changes it (a close race)"
               if pivotal else "no single bloc decides it")
    out.write(f"  winner {bloc.attrs['winner']}: {verdict}\n")

    report = pr.report(audience="public", quotes=2)
    first = report.split("\n### ")[1].split("\n### ")[0]
    _heading(out, "Why the first need is first (from the public report; only consented notes are quoted)")
    for line in ("### " + first).strip().splitlines():
        out.write(f"  {line.rstrip()}\n" if line else "")
    out.write(f"  (full report: {len(report.splitlines())} lines of Markdown; "
              f"`servicedesign prioritise --project ... --report report.md`)\n")
    return pr


class _Tee:
    """Writes to the console and keeps a copy for the report."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.copy: list[str] = []

    def write(self, text: str) -> int:
        self.copy.append(text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def _a_member_withdraws(project: process.Project, groups: list, out: TextIO) -> None:
    """A member asks what is held about them, then withdraws: access report, erasure, the seat kept as a
    tombstone (docs/privacy.md)."""
    group = project.working_group(groups[0])
    member = next(m for m in group.member_ids if m != group.lead_id)
    held = project.personal_data(member)
    _heading(out, f"A member of {group.id} withdraws: what is held about them, then erasure (GDPR art. 15 and 17)")
    out.write(f"  the access report lists {len(held.fields)} fields, {len(held.notes)} notes, "
              f"{len(held.groups)} group(s) and {len(held.mentions)} mentions (the person's id is not printed here)\n")
    report = project.erase_person(member, reason="withdrew consent", date="2026-12-01")
    e = report.erasure
    out.write(f"  erased as {e.id} on {e.date} ({e.reason}): {e.notes_removed} notes removed, "
              f"{e.mentions_replaced} mentions replaced\n")
    seats = project.working_group(group.id).member_ids
    out.write(f"  {group.id} keeps {len(seats)} seats, one of them the tombstone {e.id}; "
              f"{len(report.reduced)} insights or needs lost evidence, {len(report.newly_unmet)} gate criteria now unmet\n")


def run_demo(data: Optional[str] = None, out: TextIO = sys.stdout, report: Optional[str] = None) -> process.Project:
    """Runs the demo and returns the project it built. With ``report`` (a path ending in .md), also writes the
    report: the demo's figures and the traceable prioritisation, as Markdown there and as HTML beside it."""
    folder = Path(data) if data else example_data_dir()
    tee = _Tee(out)
    tee.write(f"servicedesign demo — example project from {folder}\n\n")
    project = process.Project.import_csv(folder)
    _replay_decisions(project)
    print_status(project, tee)
    proposals = _cluster_notes(project, tee)
    groups = _adopt_and_form_groups(project, proposals, tee)
    _start_group_tracks(project, groups, tee)
    _persistence_check(project, tee)
    prioritisation = _prioritise_needs(project, folder, tee)
    _a_member_withdraws(project, groups, tee)
    if report:
        _write_report(Path(report), project, "".join(tee.copy), prioritisation)
        out.write(f"\nreport written to {report} and {Path(report).with_suffix('.html')}\n")
    return project


def _write_report(path: Path, project: process.Project, figures: str, prioritisation: Optional[object]) -> None:
    """The demo's figures (as printed) and, when there is one, the prioritisation's public report."""
    import html

    from ._core import write_file_atomically

    title = f"{project.name} — servicedesign report"
    ranking_md = prioritisation.report(audience="public") if prioritisation is not None else ""
    ranking_html = prioritisation.report(audience="public", format="html") if prioritisation is not None else ""
    markdown = (f"# {title}\n\nEvery figure is computed by servicedesign from the project's files.\n\n"
                f"## The project in figures\n\n```text\n{figures.rstrip()}\n```\n\n{ranking_md}\n")
    page = (f"<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"</head><body>\n<h1>{html.escape(title)}</h1>\n<p>Every figure is computed by servicedesign from the "
            f"project's files.</p>\n<h2>The project in figures</h2>\n<pre>{html.escape(figures.rstrip())}</pre>\n"
            f"{ranking_html}\n</body></html>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomically(str(path), markdown.encode("utf-8"))
    write_file_atomically(str(path.with_suffix(".html")), page.encode("utf-8"))
