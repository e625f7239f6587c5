"""The service-design project: steps, gates, entities, evidence, decisions.

Everything here is implemented in C++ (``servicedesign._core.process``); this module adds what
analysts expect in a notebook: pandas views and an HTML summary.

Example::

    import servicedesign as sd
    project = sd.process.Project.import_csv("examples/data/storvik")
    project.advance(who="Eva", rationale="Utfordringen er skrevet", when="2026-02-01")
    project.check_gate()            # unmet exit criteria of Explore, explained
    project.notes_frame().head()    # one row per note (needs pandas)
"""

from __future__ import annotations

import html
from typing import Any, Callable, Dict, Optional, Sequence, Union

from ._core import InvalidInputError
from ._core import process as _p

ProcessModel = _p.ProcessModel
StepInfo = _p.StepInfo
SkrStep = _p.SkrStep
Consent = _p.Consent
NoteKind = _p.NoteKind
WorkshopKind = _p.WorkshopKind
InsightStatus = _p.InsightStatus
TestOutcome = _p.TestOutcome
Segment = _p.Segment
Challenge = _p.Challenge
Need = _p.Need
Person = _p.Person
Quota = _p.Quota
WorkingGroup = _p.WorkingGroup
Arena = _p.Arena
Facilitator = _p.Facilitator
Workshop = _p.Workshop
Note = _p.Note
Insight = _p.Insight
Opportunity = _p.Opportunity
Idea = _p.Idea
PrototypeTest = _p.PrototypeTest
GateCriterion = _p.GateCriterion
UnmetCriterion = _p.UnmetCriterion
Decision = _p.Decision
MoveOption = _p.MoveOption
CoverageCell = _p.CoverageCell
CoverageFlag = _p.CoverageFlag
CoverageReport = _p.CoverageReport
SaturationPoint = _p.SaturationPoint
ArenaPlan = _p.ArenaPlan
Project = _p.Project
ProposedNeed = _p.ProposedNeed
Audience = _p.Audience
PersonalField = _p.PersonalField
personal_fields = _p.personal_fields
Erasure = _p.Erasure
ErasureReport = _p.ErasureReport
ReducedEvidence = _p.ReducedEvidence
PersonalData = _p.PersonalData
HeldNote = _p.HeldNote
may_show = _p.may_show
may_show_author = _p.may_show_author
effective_consent = _p.effective_consent
shown_text = _p.shown_text
NeedReview = _p.NeedReview
ReviewAction = _p.ReviewAction
NeedChange = _p.NeedChange
RerunComparison = _p.RerunComparison
adopt_needs = _p.adopt_needs
compare_with_rerun = _p.compare_with_rerun
GroupSelection = _p.GroupSelection
SelectedGroup = _p.SelectedGroup
assign_members = _p.assign_members
pool_of = _p.pool_of
Track = _p.Track
TrackStatus = _p.TrackStatus
ProgrammeView = _p.ProgrammeView
TimelineSpan = _p.TimelineSpan
note_texts = _p.note_texts
note_ids = _p.note_ids

__all__ = [
    "Arena", "ArenaPlan", "Audience", "Challenge", "NeedChange", "effective_consent", "may_show", "may_show_author",
    "shown_text", "NeedReview", "RerunComparison", "ReviewAction",
    "adopt_needs", "compare_with_rerun", "GroupSelection", "SelectedGroup", "assign_members", "pool_of",
    "select_working_groups", "Consent", "CoverageCell", "CoverageFlag", "CoverageReport",
    "Decision", "Facilitator", "GateCriterion", "Idea", "Insight", "InsightStatus", "MoveOption", "Need",
    "Note", "NoteKind", "Opportunity", "Person", "ProcessModel", "Project", "ProposedNeed", "PrototypeTest",
    "ProgrammeView", "Quota", "SaturationPoint", "Segment", "SkrStep", "StepInfo", "TestOutcome", "TimelineSpan",
    "Track", "TrackStatus", "UnmetCriterion", "WorkingGroup", "Workshop", "WorkshopKind", "note_ids", "note_texts",
    "propose_needs", "PersonalField", "personal_fields", "Erasure", "ErasureReport", "ReducedEvidence", "PersonalData",
    "HeldNote",
]


def propose_needs(project: Project, themes: Any) -> list:
    """One :class:`ProposedNeed` per theme that has notes — never an empty one — largest first: its theme, title
    (the theme's name, else its first keywords), keywords, note ids, segments, arenas and copies.

    ``themes``: a fitted :class:`servicedesign.insights.Themes` (or its C++ ``ThemeModel``) of the project's notes
    keyed by note id, e.g. ``Themes(language="sv").fit(project.notes_frame()["text"])`` (the frame's index is
    the note id). Raises ``InvalidInputError`` naming a note of the model that the project does not have.
    """
    model = getattr(themes, "_model", themes)
    from ._core.insights import ThemeModel

    if not isinstance(model, ThemeModel):
        raise InvalidInputError(f"themes must be a fitted servicedesign.insights.Themes, not {type(themes).__name__}")
    return _p.propose_needs(project, model)


def select_working_groups(project: Project, *, seed: int = 0, algorithm: str = "leximin",
                          groups: Optional[Sequence[str]] = None, sizes: Optional[Dict[str, int]] = None,
                          keep_members: bool = True, other_values_allowed: bool = True, households: bool = True,
                          excluded: Sequence[str] = (), progress: Union[bool, Callable[[Any], Any], None] = True,
                          relaxation: bool = True) -> GroupSelection:
    """Fills the project's working groups fairly from its persons, in C++: each group's quotas (every other
    value of those attributes allowed unless ``other_values_allowed=False``), its lead and current members kept,
    nobody in two groups, one person per household, and each group filled to the size in its range that keeps
    the lottery fairest unless ``sizes`` fixes it (``{"G01": 10}``). ``groups``: ids to fill (default all).
    Shows a progress bar by default, releases the GIL; Ctrl-C raises KeyboardInterrupt. The project is not
    changed: ``assign_members(project, chosen)`` writes the members back. Raises ``InfeasibleQuotasError``
    naming the group, with the smallest relaxation, when no size in the range meets its quotas."""
    from .selection import _progress_callback

    if isinstance(groups, str) or not all(isinstance(g, str) for g in groups or []):
        raise InvalidInputError(f"groups must be a list of working-group ids, not {groups!r}")
    try:
        fixed = {str(g): int(size) for g, size in (sizes or {}).items()}
    except (AttributeError, TypeError, ValueError):
        raise InvalidInputError(f"sizes must map working-group ids to whole numbers, e.g. {{'G01': 10}}, not {sizes!r}") from None
    for group_id, size in fixed.items():
        if size < 1:  # before the C++ side, which cannot take a negative size
            raise InvalidInputError(f"option 'sizes', working group '{group_id}': size must be at least 1, not {size}")
    callback, close = _progress_callback(progress, lotteries=True)
    try:
        return _p.select_working_groups(project, seed, algorithm, list(groups or []), fixed, keep_members,
                                        other_values_allowed, households, list(excluded), callback, relaxation)
    finally:
        close()


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("this view needs pandas: pip install 'servicedesign[pandas]'") from error
    return pandas


def _notes_frame(self: Project) -> Any:
    """One row per note, indexed by note id."""
    pd = _pandas()
    rows = [
        {
            "id": n.id, "text": n.text, "kind": str(n.kind), "workshop": n.workshop_id, "segment": n.segment,
            "arena": n.arena_id, "date": n.date, "language": n.language, "tags": list(n.tags),
            "person": n.person_id, "consent": str(n.consent),
        }
        for n in self.notes
    ]
    columns = ["id", "text", "kind", "workshop", "segment", "arena", "date", "language", "tags", "person", "consent"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def _decisions_frame(self: Project, track: str = "") -> Any:
    """The decision log of the insight phase (or of ``track``), one row per move, indexed by sequence number."""
    pd = _pandas()
    rows = [
        {
            "sequence": d.sequence, "kind": d.kind, "from_step": d.from_step, "to_step": d.to_step, "when": d.when,
            "who": d.who, "rationale": d.rationale, "evidence": list(d.evidence),
            "overridden_criteria": list(d.overridden_criteria),
        }
        for d in self.track(track).decisions
    ]
    columns = ["sequence", "kind", "from_step", "to_step", "when", "who", "rationale", "evidence", "overridden_criteria"]
    return pd.DataFrame(rows, columns=columns).set_index("sequence")


def _programme_frame(self: Project) -> Any:
    """The programme view, one row per track (the insight phase first, then by start date), indexed by track id
    ("" for the insight phase): group, need, start, step since when, unmet criteria, moves, tests."""
    pd = _pandas()
    fields = ["track_id", "group_id", "group_name", "need_id", "need_title", "members", "start_date", "step",
              "step_name", "since", "decisions", "back_steps", "overrides", "tests_pending", "tests_stop",
              "tests_iterate", "tests_pilot", "closed", "closed_on"]
    rows = []
    for t in self.programme_view().tracks:
        row = {f: getattr(t, f) for f in fields}
        row["unmet"] = [u.criterion_id for u in t.unmet]
        rows.append(row)
    return pd.DataFrame(rows, columns=fields + ["unmet"]).set_index("track_id")


def _timeline_frame(self: Project) -> Any:
    """Every track's steps over dates, one row per stretch in a step; ``to`` is NaT while the track is still there."""
    pd = _pandas()
    rows = [
        {"track_id": s.track_id, "label": s.label, "step_index": s.step_index, "step": s.step,
         "from": pd.Timestamp(s.from_date), "to": pd.Timestamp(s.to_date) if s.to_date else pd.NaT}
        for s in self.timeline()
    ]
    return pd.DataFrame(rows, columns=["track_id", "label", "step_index", "step", "from", "to"])


def _coverage_frame(self: Project, by: str = "segment") -> Any:
    """Need × segment (or × arena, with ``by="arena"``) matrix of note counts; every need and every
    target segment (or arena) appears, zeros included, so gaps are visible."""
    if by not in ("segment", "arena"):
        raise ValueError(f"by must be 'segment' or 'arena', not {by!r}")
    pd = _pandas()
    report = self.evidence_coverage()
    needs = [n.id for n in self.needs]
    columns = [s.key for s in self.segments] if by == "segment" else [a.id for a in self.arenas]
    frame = pd.DataFrame(0, index=pd.Index(needs, name="need"), columns=pd.Index(columns, name=by), dtype="int64")
    for cell in report.cells:
        frame.loc[cell.need_id, getattr(cell, "segment" if by == "segment" else "arena_id")] += cell.notes
    return frame


def _repr_html(self: Project) -> str:
    esc = html.escape
    steps = []
    for i, step in enumerate(self.model.steps):
        style = "font-weight:bold;text-decoration:underline" if i == self.current_step_index else "color:#777"
        steps.append(f'<span style="{style}">{esc(step.name_sv)} / {esc(step.name_en)}</span>')
    unmet = "".join(f"<li>{esc(u.criterion_id)}: {esc(u.explanation)}</li>" for u in self.check_gate())
    flags = "".join(f"<li>{esc(f.explanation)}</li>" for f in self.evidence_coverage().flags)
    counts = (
        f"{len(self.notes)} notes · {len(self.workshops)} workshops · {len(self.arenas)} arenas · "
        f"{len(self.insights)} insights · {len(self.needs)} needs · {len(self.decisions)} decisions"
    )
    return (
        f"<div><b>{esc(self.name)}</b> ({esc(self.model.name)})<br>"
        f"{' → '.join(steps)}<br><small>{counts}</small>"
        f"<p>Unmet exit criteria:</p><ul>{unmet or '<li>none</li>'}</ul>"
        f"<p>Coverage gaps:</p><ul>{flags or '<li>none</li>'}</ul></div>"
    )


# Methods of Project written in Python; their first parameter is `self`, which is also how the generator of the
# type stubs (scripts/generate-stubs.sh) tells a method from a static function.
Project.notes_frame = _notes_frame
Project.decisions_frame = _decisions_frame
Project.coverage_frame = _coverage_frame
Project.programme_frame = _programme_frame
Project.timeline_frame = _timeline_frame
Project._repr_html_ = _repr_html
