"""
The service-design project: steps, gates, entities, evidence.
"""
from __future__ import annotations
import collections.abc
import os
import servicedesign._core.insights
import servicedesign._core.selection
import typing
__all__: list[str] = ['Arena', 'ArenaPlan', 'Audience', 'Challenge', 'Consent', 'CoverageCell', 'CoverageFlag', 'CoverageReport', 'Decision', 'Erasure', 'ErasureReport', 'Facilitator', 'GateCriterion', 'GroupSelection', 'HeldNote', 'Idea', 'Insight', 'InsightStatus', 'MoveOption', 'Need', 'NeedChange', 'NeedReview', 'Note', 'NoteKind', 'Opportunity', 'Person', 'PersonalData', 'PersonalField', 'ProcessModel', 'ProgrammeView', 'Project', 'ProposedNeed', 'PrototypeTest', 'Quota', 'ReducedEvidence', 'RerunComparison', 'ReviewAction', 'SaturationPoint', 'Segment', 'SelectedGroup', 'SkrStep', 'StepInfo', 'TestOutcome', 'TimelineSpan', 'Track', 'TrackStatus', 'UnmetCriterion', 'WorkingGroup', 'Workshop', 'WorkshopKind', 'adopt_needs', 'assign_members', 'compare_with_rerun', 'effective_consent', 'may_show', 'may_show_author', 'note_ids', 'note_texts', 'personal_fields', 'pool_of', 'propose_needs', 'select_working_groups', 'shown_text']
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
class SkrStep(pybind11_object):
    """
    SKR's six steps, the reference every model maps onto.
    
    Members:
    
      frame
    
      explore
    
      focus
    
      ideas
    
      test
    
      implement
    """
    __members__: typing.ClassVar[dict[str, SkrStep]]
    explore: typing.ClassVar[SkrStep]
    focus: typing.ClassVar[SkrStep]
    frame: typing.ClassVar[SkrStep]
    ideas: typing.ClassVar[SkrStep]
    implement: typing.ClassVar[SkrStep]
    test: typing.ClassVar[SkrStep]
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
class Consent(pybind11_object):
    """
    How far a person's words may be shared.
    
    Members:
    
      none
    
      internal
    
      public
    """
    __members__: typing.ClassVar[dict[str, Consent]]
    internal: typing.ClassVar[Consent]
    none: typing.ClassVar[Consent]
    public: typing.ClassVar[Consent]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class NoteKind(pybind11_object):
    """
    What a note records.
    
    Members:
    
      quote
    
      observation
    
      problem
    
      idea
    """
    __members__: typing.ClassVar[dict[str, NoteKind]]
    idea: typing.ClassVar[NoteKind]
    observation: typing.ClassVar[NoteKind]
    problem: typing.ClassVar[NoteKind]
    quote: typing.ClassVar[NoteKind]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class WorkshopKind(pybind11_object):
    """
    Kind of session.
    
    Members:
    
      problem_workshop
    
      interview
    
      observation
    
      ideation
    
      test
    """
    __members__: typing.ClassVar[dict[str, WorkshopKind]]
    ideation: typing.ClassVar[WorkshopKind]
    interview: typing.ClassVar[WorkshopKind]
    observation: typing.ClassVar[WorkshopKind]
    problem_workshop: typing.ClassVar[WorkshopKind]
    test: typing.ClassVar[WorkshopKind]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class InsightStatus(pybind11_object):
    """
    Life cycle of an insight.
    
    Members:
    
      draft
    
      evidenced
    
      reviewed
    
      prioritised
    
      addressed
    
      archived
    """
    __members__: typing.ClassVar[dict[str, InsightStatus]]
    addressed: typing.ClassVar[InsightStatus]
    archived: typing.ClassVar[InsightStatus]
    draft: typing.ClassVar[InsightStatus]
    evidenced: typing.ClassVar[InsightStatus]
    prioritised: typing.ClassVar[InsightStatus]
    reviewed: typing.ClassVar[InsightStatus]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class TestOutcome(pybind11_object):
    """
    Outcome of a prototype test.
    
    Members:
    
      pending
    
      stop
    
      iterate
    
      pilot
    """
    __members__: typing.ClassVar[dict[str, TestOutcome]]
    iterate: typing.ClassVar[TestOutcome]
    pending: typing.ClassVar[TestOutcome]
    pilot: typing.ClassVar[TestOutcome]
    stop: typing.ClassVar[TestOutcome]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class StepInfo(pybind11_object):
    """
    One step of a process model.
    """
    def __repr__(self) -> str:
        ...
    @property
    def exit_signal(self) -> str:
        ...
    @property
    def key(self) -> str:
        ...
    @property
    def name_en(self) -> str:
        ...
    @property
    def name_no(self) -> str:
        ...
    @property
    def name_sv(self) -> str:
        ...
    @property
    def purpose(self) -> str:
        ...
    @property
    def skr_equivalents(self) -> list[SkrStep]:
        ...
class ProcessModel(pybind11_object):
    """
    A process model: steps, crosswalk to SKR, back-steps.
    """
    @staticmethod
    def builtin_keys() -> list[str]:
        ...
    def __init__(self, key: str = 'skr') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def back_steps_from(self, from_step: typing.SupportsInt | typing.SupportsIndex) -> list[int]:
        ...
    def is_back_step_allowed(self, from_step: typing.SupportsInt | typing.SupportsIndex, to_step: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def step_index(self, key: str) -> int:
        ...
    def steps_covering(self, skr_step: SkrStep) -> list[int]:
        ...
    @property
    def key(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def steps(self) -> list[StepInfo]:
        ...
class Segment(pybind11_object):
    """
    A target group or participant segment.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    key: str
    name: str
    target: bool
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, key: str, name: str = '', target: bool = True) -> None:
        ...
    def __repr__(self) -> str:
        ...
class Challenge(pybind11_object):
    """
    The SKR challenge template.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    do_what: str
    for_whom: str
    goal: str
    how: str
    purpose: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, purpose: str = '', for_whom: str = '', do_what: str = '', how: str = '', goal: str = '') -> None:
        ...
    def is_written(self) -> bool:
        ...
    def solution_words(self) -> list[str]:
        ...
class Need(pybind11_object):
    """
    A need the project has identified.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    description: str
    id: str
    title: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, title: str, description: str = '', id: str = '', source_themes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], source_notes: collections.abc.Sequence[str] = []) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def source_notes(self) -> list[str]:
        """
        The notes of those themes when adopted.
        """
    @source_notes.setter
    def source_notes(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def source_themes(self) -> list[int]:
        """
        Themes it was adopted from; empty when written by hand.
        """
    @source_themes.setter
    def source_themes(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
class Person(pybind11_object):
    """
    A participant or volunteer (pseudonymous id; name is personal data).
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    household: str
    id: str
    name: str
    segment: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, id: str = '', name: str = '', segment: str = '', attributes: collections.abc.Mapping[str, str] = {}, household: str = '', consent: typing.Any = 'internal') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def attributes(self) -> dict[str, str]:
        """
        A copy: assign a whole dict to change it.
        """
    @attributes.setter
    def attributes(self, arg0: collections.abc.Mapping[str, str]) -> None:
        ...
    @property
    def consent(self) -> Consent:
        ...
    @consent.setter
    def consent(self, arg1: typing.Any) -> None:
        ...
class Quota(pybind11_object):
    """
    min..max members with attribute = value.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    attribute: str
    value: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, attribute: str, value: str, min: typing.SupportsInt | typing.SupportsIndex, max: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def max(self) -> int:
        ...
    @max.setter
    def max(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min(self) -> int:
        ...
    @min.setter
    def min(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class WorkingGroup(pybind11_object):
    """
    A working group formed for one need.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    id: str
    lead_id: str
    name: str
    need_id: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, need_id: str, name: str, min_size: typing.SupportsInt | typing.SupportsIndex = 10, max_size: typing.SupportsInt | typing.SupportsIndex = 12, quotas: collections.abc.Sequence[Quota] = [], member_ids: collections.abc.Sequence[str] = [], lead_id: str = '', id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def max_size(self) -> int:
        ...
    @max_size.setter
    def max_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def member_ids(self) -> list[str]:
        ...
    @member_ids.setter
    def member_ids(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def min_size(self) -> int:
        ...
    @min_size.setter
    def min_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def quotas(self) -> list[Quota]:
        ...
    @quotas.setter
    def quotas(self, arg0: collections.abc.Sequence[Quota]) -> None:
        ...
class Arena(pybind11_object):
    """
    A meeting place where people are reached.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    existing: bool
    host: str
    id: str
    name: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, name: str, segments: collections.abc.Sequence[str] = [], host: str = '', existing: bool = True, id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def segments(self) -> list[str]:
        ...
    @segments.setter
    def segments(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class Facilitator(pybind11_object):
    """
    A workshop facilitator.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    name: str
    trained: bool
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, name: str, trained: bool = False) -> None:
        ...
class Workshop(pybind11_object):
    """
    A session where notes are collected.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    arena_id: str
    date: str
    id: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, arena_id: str, date: str, kind: typing.Any = 'problem_workshop', facilitators: collections.abc.Sequence[Facilitator] = [], segments_present: collections.abc.Sequence[str] = [], id: str = '', track_id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def facilitators(self) -> list[Facilitator]:
        ...
    @facilitators.setter
    def facilitators(self, arg0: collections.abc.Sequence[Facilitator]) -> None:
        ...
    @property
    def kind(self) -> WorkshopKind:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def segments_present(self) -> list[str]:
        ...
    @segments_present.setter
    def segments_present(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def track_id(self) -> str:
        """
        The working group's track; empty for the shared insight phase.
        """
    @track_id.setter
    def track_id(self, arg0: str) -> None:
        ...
class Note(pybind11_object):
    """
    One fact from a session; immutable once recorded in a project.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    arena_id: str
    date: str
    id: str
    language: str
    person_id: str
    segment: str
    text: str
    workshop_id: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, text: str, workshop_id: str, segment: str, kind: typing.Any = 'problem', person_id: str = '', language: str = '', tags: collections.abc.Sequence[str] = [], consent: typing.Any = 'internal', arena_id: str = '', date: str = '', id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def consent(self) -> Consent:
        ...
    @consent.setter
    def consent(self, arg1: typing.Any) -> None:
        ...
    @property
    def kind(self) -> NoteKind:
        ...
    @kind.setter
    def kind(self, arg1: typing.Any) -> None:
        ...
    @property
    def tags(self) -> list[str]:
        ...
    @tags.setter
    def tags(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class Insight(pybind11_object):
    """
    '[who] needs [what] because [why]' with evidence notes.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    id: str
    need_id: str
    what: str
    who: str
    why: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, who: str, what: str, why: str, evidence: collections.abc.Sequence[str], need_id: str = '', status: typing.Any = 'draft', id: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def evidence(self) -> list[str]:
        ...
    @evidence.setter
    def evidence(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def statement(self) -> str:
        ...
    @property
    def status(self) -> InsightStatus:
        ...
    @status.setter
    def status(self, arg1: typing.Any) -> None:
        ...
class Opportunity(pybind11_object):
    """
    A 'How might we …?' from insights.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    how_might_we: str
    id: str
    selected: bool
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, how_might_we: str, insight_ids: collections.abc.Sequence[str] = [], selected: bool = False, id: str = '', track_id: str = '') -> None:
        ...
    @property
    def insight_ids(self) -> list[str]:
        ...
    @insight_ids.setter
    def insight_ids(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def track_id(self) -> str:
        """
        The track it belongs to; empty for the shared insight phase.
        """
    @track_id.setter
    def track_id(self, arg0: str) -> None:
        ...
class Idea(pybind11_object):
    """
    An idea answering an opportunity.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    chosen: bool
    description: str
    id: str
    opportunity_id: str
    title: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, title: str, opportunity_id: str = '', description: str = '', chosen: bool = False, id: str = '', track_id: str = '') -> None:
        ...
    @property
    def track_id(self) -> str:
        """
        The track it belongs to; the opportunity's track when empty.
        """
    @track_id.setter
    def track_id(self, arg0: str) -> None:
        ...
class PrototypeTest(pybind11_object):
    """
    A prototype test of an idea with users and staff.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    id: str
    idea_id: str
    plan: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, idea_id: str, plan: str = '', tester_ids: collections.abc.Sequence[str] = [], staff_testers: typing.SupportsInt | typing.SupportsIndex = 0, outcome: typing.Any = 'pending', id: str = '', track_id: str = '') -> None:
        ...
    @property
    def outcome(self) -> TestOutcome:
        ...
    @outcome.setter
    def outcome(self, arg1: typing.Any) -> None:
        ...
    @property
    def staff_testers(self) -> int:
        ...
    @staff_testers.setter
    def staff_testers(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def tester_ids(self) -> list[str]:
        ...
    @tester_ids.setter
    def tester_ids(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def track_id(self) -> str:
        """
        The track it belongs to; the idea's track when empty.
        """
    @track_id.setter
    def track_id(self, arg0: str) -> None:
        ...
class GateCriterion(pybind11_object):
    """
    One exit criterion of a step.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    description: str
    id: str
    def __eq__(self, other: object, /) -> bool:
        ...
    def __init__(self, id: str, kind: str, min: typing.SupportsInt | typing.SupportsIndex = 0, max: typing.SupportsInt | typing.SupportsIndex = 0, description: str = '') -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def max(self) -> int:
        ...
    @max.setter
    def max(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min(self) -> int:
        ...
    @min.setter
    def min(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class UnmetCriterion(pybind11_object):
    """
    An unmet exit criterion and why.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def criterion_id(self) -> str:
        ...
    @property
    def explanation(self) -> str:
        ...
class PersonalField(pybind11_object):
    """
    One field of one entity in the register of personal data.
    """
    def __repr__(self) -> str:
        ...
    @property
    def entity(self) -> str:
        ...
    @property
    def field(self) -> str:
        ...
    @property
    def kind(self) -> str:
        """
        identifier, about_person, person_reference, own_words, free_text or not_personal.
        """
    @property
    def on_erasure(self) -> str:
        """
        What erase_person() does with it, in words.
        """
class Erasure(pybind11_object):
    """
    One erasure or purge as the project logs it: what, when and why, no erased data.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def date(self) -> str:
        ...
    @property
    def id(self) -> str:
        """
        The tombstone's id: the erased person's seat in groups and tests.
        """
    @property
    def mentions_replaced(self) -> int:
        ...
    @property
    def notes_kept_anonymous(self) -> int:
        ...
    @property
    def notes_removed(self) -> int:
        ...
    @property
    def persons(self) -> int:
        """
        Person records removed.
        """
    @property
    def reason(self) -> str:
        ...
    @property
    def what(self) -> str:
        """
        person, notes or pool.
        """
class ReducedEvidence(pybind11_object):
    """
    An insight or need whose evidence an erasure or purge reduced.
    """
    def __repr__(self) -> str:
        ...
    @property
    def after(self) -> int:
        ...
    @property
    def before(self) -> int:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        """
        insight or need.
        """
class ErasureReport(pybind11_object):
    """
    What an erasure or purge did, and what to look at again.
    """
    def __repr__(self) -> str:
        ...
    @property
    def erasure(self) -> Erasure:
        ...
    @property
    def newly_unmet(self) -> list[UnmetCriterion]:
        """
        Exit criteria of current steps met before, unmet now.
        """
    @property
    def reduced(self) -> list[ReducedEvidence]:
        """
        Insights and needs that lost evidence.
        """
class HeldNote(pybind11_object):
    """
    A note as an access report shows it.
    """
    @property
    def consent(self) -> str:
        ...
    @property
    def date(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
    @property
    def workshop_id(self) -> str:
        ...
class PersonalData(pybind11_object):
    """
    Everything a project holds about one person (a subject-access request).
    """
    def __repr__(self) -> str:
        ...
    def to_json(self) -> str:
        """
        The report as JSON.
        """
    def to_markdown(self) -> str:
        """
        The report for the person to read.
        """
    @property
    def evidence_of(self) -> list[str]:
        ...
    @property
    def fields(self) -> list[tuple[str, str]]:
        """
        (field, value): name, segment, household, consent, attributes.
        """
    @property
    def groups(self) -> list[str]:
        ...
    @property
    def mentions(self) -> list[str]:
        """
        Free text and decisions that name them.
        """
    @property
    def notes(self) -> list[HeldNote]:
        """
        Their notes, quotes included.
        """
    @property
    def person_id(self) -> str:
        ...
    @property
    def tests(self) -> list[str]:
        ...
class Decision(pybind11_object):
    """
    An entry of the append-only decision log.
    """
    def __repr__(self) -> str:
        ...
    @property
    def evidence(self) -> list[str]:
        ...
    @property
    def from_step(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def overridden_criteria(self) -> list[str]:
        ...
    @property
    def rationale(self) -> str:
        ...
    @property
    def sequence(self) -> int:
        ...
    @property
    def to_step(self) -> str:
        ...
    @property
    def when(self) -> str:
        ...
    @property
    def who(self) -> str:
        ...
class MoveOption(pybind11_object):
    """
    A move allowed from the current step.
    """
    def __repr__(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def needs_override(self) -> bool:
        ...
    @property
    def to_step(self) -> str:
        ...
class Track(pybind11_object):
    """
    One run through the process model: the insight phase (empty id) or a working group's own.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def challenge(self) -> Challenge:
        ...
    @property
    def closed(self) -> bool:
        ...
    @property
    def current_step_index(self) -> int:
        ...
    @property
    def decisions(self) -> list[Decision]:
        ...
    @property
    def gates(self) -> list[list[GateCriterion]]:
        """
        Exit criteria, one list per step of the model.
        """
    @property
    def group_id(self) -> str:
        """
        The working group; empty for the insight phase.
        """
    @property
    def id(self) -> str:
        ...
    @property
    def start_date(self) -> str:
        ...
class TrackStatus(pybind11_object):
    """
    Where one track stands: step since when, unmet gates, tests.
    """
    def __repr__(self) -> str:
        ...
    @property
    def back_steps(self) -> int:
        ...
    @property
    def closed(self) -> bool:
        ...
    @property
    def closed_on(self) -> str:
        ...
    @property
    def decisions(self) -> int:
        ...
    @property
    def group_id(self) -> str:
        ...
    @property
    def group_name(self) -> str:
        ...
    @property
    def members(self) -> int:
        ...
    @property
    def need_id(self) -> str:
        ...
    @property
    def need_title(self) -> str:
        ...
    @property
    def overrides(self) -> int:
        ...
    @property
    def since(self) -> str:
        ...
    @property
    def start_date(self) -> str:
        ...
    @property
    def step(self) -> str:
        ...
    @property
    def step_name(self) -> str:
        ...
    @property
    def tests_iterate(self) -> int:
        ...
    @property
    def tests_pending(self) -> int:
        ...
    @property
    def tests_pilot(self) -> int:
        ...
    @property
    def tests_stop(self) -> int:
        ...
    @property
    def track_id(self) -> str:
        ...
    @property
    def unmet(self) -> list[UnmetCriterion]:
        ...
class ProgrammeView(pybind11_object):
    """
    Every track of a project: the insight phase first, then by start date.
    """
    @property
    def groups_without_track(self) -> list[str]:
        ...
    @property
    def tracks(self) -> list[TrackStatus]:
        ...
class TimelineSpan(pybind11_object):
    """
    A stretch of time one track spent in one step.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def from_date(self) -> str:
        """
        YYYY-MM-DD the track entered the step.
        """
    @property
    def label(self) -> str:
        ...
    @property
    def step(self) -> str:
        ...
    @property
    def step_index(self) -> int:
        ...
    @property
    def to_date(self) -> str:
        """
        YYYY-MM-DD it left the step; empty while it is still there.
        """
    @property
    def track_id(self) -> str:
        ...
class CoverageCell(pybind11_object):
    """
    Notes for one (need, segment, arena).
    """
    @property
    def arena_id(self) -> str:
        ...
    @property
    def need_id(self) -> str:
        ...
    @property
    def notes(self) -> int:
        ...
    @property
    def segment(self) -> str:
        ...
class CoverageFlag(pybind11_object):
    """
    A coverage gap, explained.
    """
    def __repr__(self) -> str:
        ...
    @property
    def explanation(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def subject(self) -> str:
        ...
class CoverageReport(pybind11_object):
    """
    Coverage matrix cells and flags.
    """
    @property
    def cells(self) -> list[CoverageCell]:
        ...
    @property
    def flags(self) -> list[CoverageFlag]:
        ...
class SaturationPoint(pybind11_object):
    """
    New themes from one workshop.
    """
    @property
    def cumulative_themes(self) -> int:
        ...
    @property
    def date(self) -> str:
        ...
    @property
    def new_themes(self) -> int:
        ...
    @property
    def workshop_id(self) -> str:
        ...
class ArenaPlan(pybind11_object):
    """
    Smallest set of existing arenas reaching every target segment.
    """
    def __repr__(self) -> str:
        ...
    @property
    def approximation_factor(self) -> float:
        ...
    @property
    def arena_ids(self) -> list[str]:
        ...
    @property
    def exact(self) -> bool:
        ...
    @property
    def lower_bound(self) -> int:
        ...
    @property
    def search_nodes(self) -> int:
        ...
    @property
    def uncovered_segments(self) -> list[str]:
        ...
class Audience(pybind11_object):
    """
    Who sees what is shown: internal, working_group or public.
    
    Members:
    
      internal
    
      working_group
    
      public
    """
    __members__: typing.ClassVar[dict[str, Audience]]
    internal: typing.ClassVar[Audience]
    public: typing.ClassVar[Audience]
    working_group: typing.ClassVar[Audience]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class Project(pybind11_object):
    """
    A service-design project: steps, decisions, gates and every entity.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    challenge: Challenge
    owner: str
    @staticmethod
    def archive_format(path: os.PathLike | str | bytes) -> str:
        """
        The format of a project archive (text, xml or binary), so that a rewrite keeps it.
        """
    @staticmethod
    def import_csv(folder: os.PathLike | str | bytes, progress: typing.Any = True) -> Project:
        """
        Build a project from a folder of CSV files (project.csv, notes.csv, …). progress: True shows a bar where someone watches, False nothing, or a callable progress(file, fraction) that may return False to stop; Ctrl-C stops it.
        """
    @staticmethod
    def load(path: os.PathLike | str | bytes) -> Project:
        """
        Load a project saved with save(); the format is read from the file's header.
        """
    def __contains__(self, id: str) -> bool:
        ...
    def __copy__(self) -> Project:
        ...
    def __deepcopy__(self, memo: dict) -> Project:
        ...
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> bytes:
        ...
    def __init__(self, name: str, model: str = 'skr') -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: bytes) -> None:
        ...
    def _repr_html_(self) -> str:
        ...
    def add_arena(self, arena: Arena) -> Arena:
        ...
    def add_idea(self, idea: Idea) -> Idea:
        ...
    def add_insight(self, insight: Insight) -> Insight:
        ...
    def add_insight_evidence(self, insight_id: str, note_id: str) -> None:
        ...
    def add_need(self, need: Need) -> Need:
        ...
    def add_opportunity(self, opportunity: Opportunity) -> Opportunity:
        ...
    def add_person(self, person: Person) -> Person:
        ...
    def add_prototype_test(self, test: PrototypeTest) -> PrototypeTest:
        ...
    def add_segment(self, segment: Segment) -> Segment:
        ...
    def add_working_group(self, group: WorkingGroup) -> WorkingGroup:
        ...
    def add_workshop(self, workshop: Workshop) -> Workshop:
        ...
    def advance(self, who: str, rationale: str = '', evidence: collections.abc.Sequence[str] = [], when: str = '', override_gate: bool = False, track: str = '') -> Decision:
        """
        Move the insight phase (or the working group's `track`) to the next step; raises StateError while the gate has unmet criteria unless override_gate=True.
        """
    def allowed_moves(self, track: str = '') -> list[MoveOption]:
        ...
    def arena(self, id: str) -> Arena:
        ...
    def check_gate(self, step_key: str = '', track: str = '') -> list[UnmetCriterion]:
        """
        Unmet exit criteria of a step (the current one when empty) of the insight phase or of `track`.
        """
    def close_track(self, track_id: str, who: str, rationale: str, evidence: collections.abc.Sequence[str] = [], when: str = '') -> Decision:
        """
        Close a track whose work is handed over or stopped; it takes no more moves or entities.
        """
    def coverage_frame(self, by: str = 'segment') -> typing.Any:
        """
        Need × segment (or × arena, with ``by="arena"``) matrix of note counts; every need and every
            target segment (or arena) appears, zeros included, so gaps are visible.
        """
    def decisions_frame(self, track: str = '') -> typing.Any:
        """
        The decision log of the insight phase (or of ``track``), one row per move, indexed by sequence number.
        """
    def erase_person(self, person_id: str, reason: str, date: str, keep_anonymous_notes: bool = False) -> ErasureReport:
        """
        Erases a person (GDPR art. 17): their record becomes a tombstone, their quotes and notes go (notes may be kept as anonymous text with keep_anonymous_notes), mentions become 'a participant, erased on DATE: REASON'. All or nothing.
        """
    def erasure(self, id: str) -> Erasure | None:
        """
        The erasure whose tombstone has this id, or None.
        """
    def evidence_coverage(self) -> CoverageReport:
        ...
    def gate(self, step_key: str, track: str = '') -> list[GateCriterion]:
        ...
    def insight(self, id: str) -> Insight:
        ...
    def need(self, id: str) -> Need:
        ...
    def note(self, id: str) -> Note:
        ...
    def notes_frame(self) -> typing.Any:
        """
        One row per note, indexed by note id.
        """
    def participant_count(self, insight: Insight) -> int:
        ...
    def person(self, id: str) -> Person:
        ...
    def personal_data(self, person_id: str) -> PersonalData:
        """
        Everything the project holds about one person (GDPR art. 15).
        """
    def plan_arenas(self, max_search_nodes: typing.SupportsInt | typing.SupportsIndex = 1000000) -> ArenaPlan:
        ...
    def programme_frame(self) -> typing.Any:
        """
        The programme view, one row per track (the insight phase first, then by start date), indexed by track id
            ("" for the insight phase): group, need, start, step since when, unmet criteria, moves, tests.
        """
    def programme_view(self) -> ProgrammeView:
        """
        Where the insight phase and every group's track stand.
        """
    def public_edition(self) -> Project:
        ...
    def purge(self, before: str, kinds: collections.abc.Sequence[str] = ['notes', 'pool'], reason: str = 'retention period ended', today: str = '') -> list[ErasureReport]:
        """
        Removes notes dated before `before` ('notes') and persons in no group, test or kept note ('pool'); `today` defaults to the system's date. One report per kind.
        """
    def record_note(self, note: Note) -> Note:
        ...
    def saturation(self) -> list[SaturationPoint]:
        ...
    def save(self, path: os.PathLike | str | bytes, format: str = 'text') -> None:
        """
        Save atomically (temporary file + rename).
        """
    def segment(self, key: str) -> Segment:
        ...
    def set_gate(self, step_key: str, criteria: collections.abc.Sequence[GateCriterion], track: str = '') -> None:
        ...
    def set_idea_chosen(self, idea_id: str, chosen: bool = True) -> None:
        ...
    def set_insight_status(self, insight_id: str, status: typing.Any) -> None:
        ...
    def set_opportunity_selected(self, opportunity_id: str, selected: bool = True) -> None:
        ...
    def set_test_outcome(self, test_id: str, outcome: typing.Any) -> None:
        ...
    def set_track_challenge(self, track_id: str, challenge: Challenge) -> None:
        ...
    def set_working_group_members(self, group_id: str, person_ids: collections.abc.Sequence[str]) -> None:
        ...
    def solution_notes_in_problem_workshops(self) -> list[str]:
        ...
    def start_track(self, group_id: str, start_date: str = '', challenge: Challenge | None = None, id: str = '') -> Track:
        """
        Start the working group's own process in the model's first step.
        """
    def step_back(self, to_step: str, who: str, rationale: str, evidence: collections.abc.Sequence[str] = [], when: str = '', track: str = '') -> Decision:
        """
        Go back to an earlier step the model allows, with a written reason.
        """
    def timeline(self) -> list[TimelineSpan]:
        """
        Every track's steps over dates.
        """
    def timeline_frame(self) -> typing.Any:
        """
        Every track's steps over dates, one row per stretch in a step; ``to`` is NaT while the track is still there.
        """
    def track(self, track_id: str) -> Track:
        ...
    def track_of_group(self, group_id: str) -> Track | None:
        """
        The group's track, or None when its process has not started.
        """
    def warnings(self) -> list[str]:
        ...
    def working_group(self, id: str) -> WorkingGroup:
        ...
    def working_group_warnings(self, group_id: str) -> list[str]:
        ...
    def workshop(self, id: str) -> Workshop:
        ...
    @property
    def arenas(self) -> list[Arena]:
        ...
    @property
    def current_step(self) -> StepInfo:
        ...
    @property
    def current_step_index(self) -> int:
        ...
    @property
    def decisions(self) -> list[Decision]:
        """
        The insight phase's decision log.
        """
    @property
    def erasures(self) -> list[Erasure]:
        """
        The log of erasures and purges, oldest first.
        """
    @property
    def ideas(self) -> list[Idea]:
        ...
    @property
    def insight_phase(self) -> Track:
        ...
    @property
    def insights(self) -> list[Insight]:
        ...
    @property
    def is_public_edition(self) -> bool:
        ...
    @property
    def model(self) -> ProcessModel:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def needs(self) -> list[Need]:
        ...
    @property
    def notes(self) -> list[Note]:
        ...
    @property
    def opportunities(self) -> list[Opportunity]:
        ...
    @property
    def persons(self) -> list[Person]:
        ...
    @property
    def prototype_tests(self) -> list[PrototypeTest]:
        ...
    @property
    def segments(self) -> list[Segment]:
        ...
    @property
    def target_segments(self) -> list[str]:
        ...
    @property
    def tracks(self) -> list[Track]:
        """
        The working groups' tracks, in the order started.
        """
    @property
    def working_groups(self) -> list[WorkingGroup]:
        ...
    @property
    def workshops(self) -> list[Workshop]:
        ...
class ProposedNeed(pybind11_object):
    """
    A need proposed from one theme of the project's notes, for analysts to review.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def arenas(self) -> list[str]:
        """
        Distinct arenas of those notes, sorted.
        """
    @property
    def copies(self) -> int:
        """
        How many of the notes are copies of another.
        """
    @property
    def keywords(self) -> list[str]:
        """
        The theme's keywords, best first.
        """
    @property
    def note_ids(self) -> list[str]:
        """
        The project's notes in the theme, copies included.
        """
    @property
    def segments(self) -> list[str]:
        """
        Distinct segments of those notes, sorted.
        """
    @property
    def theme(self) -> int:
        """
        The theme it comes from (the model's number, kept across refits).
        """
    @property
    def title(self) -> str:
        """
        The theme's name when an analyst gave one, else its first keywords.
        """
class SelectedGroup(pybind11_object):
    """
    One working group filled by select_working_groups().
    """
    def __repr__(self) -> str:
        ...
    @property
    def drawn(self) -> list[str]:
        """
        Persons drawn by the lottery, sorted.
        """
    @property
    def group_id(self) -> str:
        ...
    @property
    def kept(self) -> list[str]:
        """
        Lead and members kept, in that order.
        """
    @property
    def members(self) -> list[str]:
        """
        kept then drawn: what assign_members() writes.
        """
    @property
    def size(self) -> int:
        """
        Kept plus drawn.
        """
class GroupSelection(pybind11_object):
    """
    Working groups filled fairly from a project's persons.
    """
    def __repr__(self) -> str:
        ...
    @property
    def fairness(self) -> float:
        """
        Lowest chance of being drawn / an equal share of the seats; 1 is perfectly equal.
        """
    @property
    def groups(self) -> list[SelectedGroup]:
        ...
    @property
    def panels(self) -> dict[str, list[str]]:
        """
        {group id: members}.
        """
    @property
    def pool_ids(self) -> list[str]:
        """
        Person id of each pool index of `result`.
        """
    @property
    def probabilities(self) -> dict[str, float]:
        """
        {person id: chance of being drawn into some group}.
        """
    @property
    def result(self) -> servicedesign._core.selection.SelectionResult:
        """
        The lottery and draw (group names are the group ids).
        """
    @property
    def sizes_tried(self) -> list[tuple[list[int], float]]:
        """
        (sizes per group, fairness) of each feasible combination.
        """
class ReviewAction(pybind11_object):
    """
    What analysts decided about a proposed need.
    
    Members:
    
      adopt
    
      merge
    
      drop
    """
    __members__: typing.ClassVar[dict[str, ReviewAction]]
    adopt: typing.ClassVar[ReviewAction]
    drop: typing.ClassVar[ReviewAction]
    merge: typing.ClassVar[ReviewAction]
    def __eq__(self, other: object, /) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    @typing.overload
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @typing.overload
    def __init__(self, key: str) -> None:
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
class NeedReview(pybind11_object):
    """
    The review of one proposed need, named by its theme.
    """
    need_id: str
    title: str
    def __init__(self, theme: typing.SupportsInt | typing.SupportsIndex, action: typing.Any = 'adopt', title: str = '', into: typing.SupportsInt | typing.SupportsIndex = -1, need_id: str = '') -> None:
        ...
    @property
    def action(self) -> ReviewAction:
        ...
    @action.setter
    def action(self, arg1: typing.Any) -> None:
        ...
    @property
    def into(self) -> int:
        ...
    @into.setter
    def into(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def theme(self) -> int:
        ...
    @theme.setter
    def theme(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class NeedChange(pybind11_object):
    """
    How one adopted need fares in a rerun of the clustering.
    """
    def __repr__(self) -> str:
        ...
    @property
    def need_id(self) -> str:
        ...
    @property
    def notes_gained(self) -> list[str]:
        ...
    @property
    def notes_lost(self) -> list[str]:
        ...
    @property
    def overlap(self) -> float:
        """
        Jaccard overlap of the need's notes and that theme's.
        """
    @property
    def theme(self) -> int:
        """
        The rerun's theme sharing the most notes; -1 when none does.
        """
class RerunComparison(pybind11_object):
    """
    What a rerun of the clustering changed for the adopted needs.
    """
    @property
    def needs(self) -> list[NeedChange]:
        ...
    @property
    def new_themes(self) -> list[int]:
        """
        Themes sharing no note with any adopted need.
        """
def adopt_needs(project: Project, proposals: collections.abc.Sequence[ProposedNeed], reviews: collections.abc.Sequence[NeedReview] = []) -> list[str]:
    """
    Adopt reviewed proposals as needs (unreviewed ones as proposed), recording their themes and notes; all or nothing. Returns the new needs' ids.
    """
def assign_members(project: Project, selection: GroupSelection) -> None:
    """
    Write the selected members into the project's groups (all or none).
    """
def compare_with_rerun(project: Project, rerun: collections.abc.Sequence[ProposedNeed]) -> RerunComparison:
    """
    How the needs adopted from themes fare in the proposals of a rerun of the clustering.
    """
def effective_consent(project: Project, note: Note) -> Consent:
    """
    A note's consent capped by its author's.
    """
def may_show(consent: typing.Any, audience: typing.Any) -> bool:
    """
    The one privacy rule: may words with this consent (capped by the author's) be shown to this audience?
    """
def may_show_author(audience: typing.Any) -> bool:
    """
    Who said a note is shown to the project team only.
    """
def note_ids(project: Project) -> list[str]:
    """
    The ids of the project's notes, in project order.
    """
def note_texts(project: Project) -> list[str]:
    """
    The texts of the project's notes, in project order.
    """
def personal_fields() -> list[PersonalField]:
    """
    The register: every field of every entity a project stores, and whether and how it is personal.
    """
def pool_of(project: Project, quotas: servicedesign._core.selection.Quotas) -> servicedesign._core.selection.Pool:
    """
    The project's persons as a selection pool for the quotas' features (every other value allowed).
    """
def propose_needs(project: Project, model: servicedesign._core.insights.ThemeModel) -> list[ProposedNeed]:
    """
    One proposed need per theme of a theme model fitted on the project's notes with their ids as keys.
    """
def select_working_groups(project: Project, seed: typing.SupportsInt | typing.SupportsIndex = 0, algorithm: str = 'leximin', group_ids: collections.abc.Sequence[str] = [], sizes: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex] = {}, keep_members: bool = True, other_values_allowed: bool = True, households: bool = True, excluded: collections.abc.Sequence[str] = [], progress: typing.Any = None, relaxation: bool = True) -> GroupSelection:
    """
    Fill the project's working groups fairly from its persons (leads and members kept, size chosen within each group's range for the fairest lottery unless fixed in `sizes`); releases the GIL; Ctrl-C raises KeyboardInterrupt.
    """
def shown_text(project: Project, note: Note, audience: typing.Any) -> str:
    """
    The note's text as the audience may see it, or a marker saying it is withheld and why.
    """
