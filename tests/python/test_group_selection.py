"""Working groups filled from a project in C++ (process.select_working_groups): types, the write-back, and
errors in the project's terms. Quotas, sizes and fairness are tested in tests/cpp/test_group_selection.cpp."""

import pytest

import servicedesign as sd


def test_select_working_groups_returns_members_per_group(storvik):
    chosen = sd.process.select_working_groups(storvik, seed=2026, progress=False)
    assert isinstance(chosen, sd.process.GroupSelection)
    assert [g.group_id for g in chosen.groups] == [g.id for g in storvik.working_groups]
    assert set(chosen.panels) == {g.id for g in storvik.working_groups}
    first = chosen.groups[0]
    assert first.members == first.kept + first.drawn and first.kept[0] == storvik.working_groups[0].lead_id
    assert isinstance(chosen.result, sd.selection.SelectionResult)
    assert set(chosen.probabilities) == {p.id for p in storvik.persons}
    assert all(isinstance(sizes, list) and isinstance(f, float) for sizes, f in chosen.sizes_tried)
    assert not any(g.member_ids for g in storvik.working_groups)  # nothing written yet
    sd.process.assign_members(storvik, chosen)
    assert [g.member_ids for g in storvik.working_groups] == [g.members for g in chosen.groups]


def test_select_of_a_project_alone_fills_its_groups(storvik):
    via_selection = sd.selection.select(storvik, seed=5, progress=False)
    assert isinstance(via_selection, sd.process.GroupSelection)
    direct = sd.process.select_working_groups(storvik, seed=5, progress=False)
    assert via_selection.panels == direct.panels


def test_fixed_sizes_and_group_ids_are_keyword_arguments(storvik):
    gid = storvik.working_groups[0].id
    chosen = sd.process.select_working_groups(storvik, groups=[gid], sizes={gid: 10}, progress=False)
    assert [len(g.members) for g in chosen.groups] == [10]
    with pytest.raises(sd.NotFoundError, match="G99"):
        sd.process.select_working_groups(storvik, groups=["G99"], progress=False)
    with pytest.raises(sd.InvalidInputError, match="not being filled"):
        sd.process.select_working_groups(storvik, groups=[gid], sizes={"G02": 10}, progress=False)


def test_quotas_no_size_can_meet_name_the_group_and_propose_a_relaxation(storvik):
    storvik.add_working_group(sd.process.WorkingGroup(
        storvik.needs[0].id, "Umulig", quotas=[sd.process.Quota("sector", "municipal", 11, 12),
                                               sd.process.Quota("age_band", "16-25", 6, 8)], id="G-x"))
    with pytest.raises(sd.InfeasibleQuotasError, match="G-x") as caught:
        sd.process.select_working_groups(storvik, groups=["G-x"], progress=False)
    assert caught.value.relaxations and caught.value.relaxations[0]["group"] == "G-x"


def test_progress_reaches_a_callable_and_select_refuses_what_does_not_apply(storvik):
    seen = []
    sd.process.select_working_groups(storvik, groups=[storvik.working_groups[0].id], sizes={"G01": 10},
                                     progress=lambda p: seen.append(p.stage))
    assert "final lottery" in seen
    with pytest.raises(sd.InvalidInputError, match="already_selected"):
        sd.selection.select(storvik, already_selected=["P001"], progress=False)


def test_need_review_takes_the_action_as_enum_or_key():
    assert sd.process.NeedReview(3, action=sd.process.ReviewAction.drop).action == sd.process.ReviewAction.drop
    assert sd.process.NeedReview(3, action="merge", into=1).action == sd.process.ReviewAction.merge
