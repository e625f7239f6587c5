"""The working groups' tracks from Python: keyword arguments, types, errors and pandas views. The rules
themselves (which moves a model allows, what a gate reads) are tested in tests/cpp/test_tracks.cpp."""

import pytest

import servicedesign as sd


@pytest.fixture
def grouped(storvik):
    """The example project with a track for its first working group, started in September."""
    group = storvik.working_groups[0]
    storvik.start_track(group.id, start_date="2026-09-01", id="TR-a")
    return storvik


def test_start_track_returns_a_track_and_the_group_finds_it(grouped):
    group = grouped.working_groups[0]
    track = grouped.track("TR-a")
    assert isinstance(track, sd.process.Track)
    assert (track.group_id, track.start_date, track.current_step_index, track.closed) == (group.id, "2026-09-01", 0, False)
    assert grouped.track_of_group(group.id) == track
    assert grouped.track_of_group(grouped.working_groups[1].id) is None
    assert [t.id for t in grouped.tracks] == ["TR-a"]
    assert grouped.track("").group_id == "" and grouped.insight_phase == grouped.track("")


def test_moves_take_the_track_by_keyword_and_errors_name_it(grouped):
    before = sd.process.Project.__copy__(grouped)
    with pytest.raises(sd.StateError, match=r"track 'TR-a' \(working group .*\) cannot leave step 'frame'"):
        grouped.advance(who="Eva", track="TR-a")
    with pytest.raises(sd.NotFoundError, match="TR-zz"):
        grouped.advance(who="Eva", track="TR-zz")
    assert grouped == before
    decision = grouped.advance(who="Eva", rationale="vi skriver målet senere", override_gate=True,
                               when="2026-09-10", track="TR-a")
    assert (decision.from_step, decision.to_step, decision.kind) == ("frame", "explore", "forward")
    assert grouped.current_step_index == 1  # the insight phase did not move
    assert [m.to_step for m in grouped.allowed_moves(track="TR-a")] == ["focus"]
    assert grouped.check_gate(track="TR-a") == grouped.check_gate("explore", "TR-a")


def test_closing_a_track_refuses_later_moves(grouped):
    with pytest.raises(sd.InvalidInputError, match="rationale"):
        grouped.close_track("TR-a", who="Eva", rationale="")
    closing = grouped.close_track("TR-a", who="Eva", rationale="piloten er overlevert", when="2027-03-01")
    assert closing.kind == "close"
    with pytest.raises(sd.StateError, match="closed on 2027-03-01"):
        grouped.advance(who="Eva", override_gate=True, rationale="likevel", track="TR-a")


def test_entities_take_a_track_id(grouped):
    opportunity = grouped.add_opportunity(sd.process.Opportunity("Hvordan kan vi?", selected=True, track_id="TR-a"))
    idea = grouped.add_idea(sd.process.Idea("Ringetjeneste", opportunity_id=opportunity.id, chosen=True))
    test = grouped.add_prototype_test(sd.process.PrototypeTest(idea.id, outcome="pilot"))
    assert (idea.track_id, test.track_id) == ("TR-a", "TR-a")
    with pytest.raises(sd.NotFoundError, match="field 'track'"):
        grouped.add_workshop(sd.process.Workshop(grouped.arenas[0].id, "2026-09-02", track_id="nope"))


def test_programme_and_timeline_frames(grouped):
    frame = grouped.programme_frame()
    assert list(frame.index) == ["", "TR-a"]
    assert frame.loc["TR-a", "start_date"] == "2026-09-01"
    assert frame.loc["TR-a", "step"] == "frame"
    assert isinstance(frame.loc["TR-a", "unmet"], list)
    timeline = grouped.timeline_frame()
    assert str(timeline["from"].dtype).startswith("datetime64")
    assert timeline.groupby("track_id").tail(1)["to"].isna().all()  # every track is still in its last step
    assert set(timeline["track_id"]) == {"", "TR-a"}
    assert grouped.decisions_frame(track="TR-a").empty


def test_tracks_survive_save_and_load(grouped, tmp_path):
    grouped.advance(who="Eva", rationale="videre", override_gate=True, when="2026-09-10", track="TR-a")
    path = tmp_path / "storvik.sdproj"
    grouped.save(str(path), format="xml")
    assert sd.process.Project.load(str(path)) == grouped
