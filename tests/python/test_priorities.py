import math

import pandas as pd
import pytest

import servicedesign as sd
from servicedesign import priorities as P

from conftest import STORVIK

PRIORITIES = STORVIK / "priorities"


@pytest.fixture
def scores():
    return pd.DataFrame({"relevance": [3, 2, 1], "feasibility": [2, 3, 1], "impact": [5, 1, 3], "effort": [1, 5, 3],
                         "moscow": ["must", "should", "Won't"], "reach": [400, 100, 1000],
                         "rice_impact": [2, 3, 0.25], "confidence": ["80%", 1.0, 0.5], "rice_effort": [2, 1, 0.5]},
                        index=pd.Index(["A", "B", "C"], name="need"))


def test_methods_keep_the_callers_index_and_compute_by_hand(scores):
    skr = P.skr(scores)
    assert list(skr.index) == ["A", "B", "C"]
    assert list(skr["score"]) == [6, 6, 1]
    assert list(skr["rank"]) == [1, 1, 3]  # a tie shares the best rank
    rice = P.rice(scores)
    assert rice["score"].tolist() == pytest.approx([400 * 2 * 0.8 / 2, 300, 1000 * 0.25 * 0.5 / 0.5])
    ie = P.impact_effort(scores)
    assert ie["quadrant"].tolist() == ["quick_win", "thankless", "fill_in"]
    mo = P.moscow(scores)
    assert mo["category"].tolist() == ["must", "should", "won't"]
    assert mo.attrs["must_share"] == pytest.approx(1 / 9)
    assert mo["rank"].tolist() == [1, 2, 3]
    # The caller's frame is not changed.
    assert list(scores.columns)[:2] == ["relevance", "feasibility"] and "score" not in scores


def test_errors_name_the_need_by_id(scores):
    bad = scores.copy()
    bad.loc["B", "rice_impact"] = 4
    with pytest.raises(sd.InvalidInputError, match=r"need 'B': impact is 4; RICE impact is 3 \(massive\)"):
        P.rice(bad)
    bad = scores.copy()
    bad.loc["C", "relevance"] = 5
    with pytest.raises(ValueError, match=r"need 'C': relevance is 5"):
        P.skr(bad)
    bad = scores.copy()
    bad["moscow"] = ["must", "must", "could"]
    bad["effort"] = [5, 2, 2]
    with pytest.raises(sd.InvalidInputError, match=r"the Musts take 77\.8% of the total effort \(7 of 9\); at most 60%"):
        P.moscow(bad)
    with pytest.raises(sd.InvalidInputError, match="column 'relevance' is missing"):
        P.skr(scores.drop(columns=["relevance"]))


def test_weighted_scoring_and_weights_off_the_simplex():
    criteria = pd.DataFrame({"x": [1.0, 0.0, 0.5], "y": [0.0, 1.0, 0.5]}, index=["a", "b", "c"])
    result = P.weighted(criteria, {"x": 0.7, "y": 0.3})
    assert result["score"].tolist() == pytest.approx([0.7, 0.3, 0.5])
    assert result["rank"].tolist() == [1, 3, 2]
    with pytest.raises(sd.InvalidInputError, match="the weights sum to 1.1, not 1"):
        P.weighted(criteria, {"x": 0.5, "y": 0.6})


def test_dot_vote_by_segment_and_too_many_dots():
    ballots = pd.DataFrame({"voter": ["v1", "v1", "v2", "v3"], "segment": ["staff", "staff", "residents", "residents"],
                            "need": ["n1", "n2", "n2", "n3"], "dots": [2, 1, 3, 1]})
    count = P.dot_vote(ballots, ["n1", "n2", "n3"])
    assert count["dots"].tolist() == [2, 4, 1]
    assert count["dots_staff"].tolist() == [2, 1, 0]
    assert count["rank"].tolist() == [2, 1, 3]
    with pytest.raises(sd.InvalidInputError, match=r"ballot 2 \(voter 'v1'\): too many dots: 3 placed, each voter has 2"):
        P.dot_vote(ballots, ["n1", "n2", "n3"], dots_per_voter=2)
    with pytest.raises(sd.InvalidInputError, match="2 dots on need 'n1'; the rules allow one dot per need"):
        P.dot_vote(ballots, ["n1", "n2", "n3"], one_per_item=True)
    with pytest.raises(sd.InvalidInputError, match="unknown need 'n3'"):
        P.dot_vote(ballots, ["n1", "n2"])


def test_kano_categories_and_off_scale_answers():
    responses = pd.DataFrame({"need": ["a", "a", "a", "b", "b"], "functional": [1, 1, 2, 3, 1],
                              "dysfunctional": [5, 5, 5, 3, 3]})
    k = P.kano(responses, ["a", "b"])
    assert k["category"].tolist() == ["O", "A"]  # a: O, O, M; b: I, A (tie: A first)
    assert k.loc["a", "better"] == pytest.approx(2 / 3) and k.loc["a", "worse"] == pytest.approx(1.0)
    assert k.loc["a", "O"] == 2 and k.loc["a", "M"] == 1
    assert P.kano_category(2, 5) == "M"
    bad = responses.copy()
    bad.loc[4, "dysfunctional"] = 7
    with pytest.raises(sd.InvalidInputError, match=r"response 5: dysfunctional answer is 7; Kano answers are 1 \(like\)"):
        P.kano(bad, ["a", "b"])


def test_sensitivity_two_criteria_closed_form():
    # P(a first) = length of the weight interval t in [0, 1] where t·1 > 0.2t + 0.6(1 − t): t > 3/7.
    criteria = pd.DataFrame({"x": [1.0, 0.2], "y": [0.0, 0.6]}, index=["a", "b"])
    s = P.sensitivity(criteria, samples=20000, seed=5, tops=(1,))
    p = 4 / 7
    assert s.loc["a", "p_top1"] == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / 20000))
    assert P.sensitivity(criteria, samples=20000, seed=5, tops=(1,)).equals(s)


def test_bloc_check_flags_the_bloc_that_flips_the_winner():
    rows = [("s%d" % v, "staff", "n0", 3) for v in range(4)]
    for v in range(6):
        rows += [("r%d" % v, "residents", "n1", 2), ("r%d" % v, "residents", "n0", 1)]
    ballots = pd.DataFrame(rows, columns=["voter", "segment", "need", "dots"])
    check = P.bloc_check(ballots, ["n0", "n1", "n2"])
    assert check.attrs["winner"] == "n0"  # 18 dots against 12
    assert check.attrs["pivotal_segments"] == ["staff"] and check.attrs["decided_by_one_bloc"]
    assert check.loc["staff", "winner_without"] == "n1"
    assert check.loc["staff", "influence"] == pytest.approx(1 / 3)
    assert not check.loc["residents", "winner_changes_without"]


def test_ranking_from_ranks_keeps_ties():
    assert P.ranking_from_ranks([2, 1, 2, 4]).groups == [[1], [0, 2], [3]]


@pytest.fixture
def storvik_prioritisation(storvik):
    scores = pd.read_csv(PRIORITIES / "scores.csv", dtype=str).set_index("need")
    ballots = pd.read_csv(PRIORITIES / "ballots.csv")
    shares = pd.read_csv(PRIORITIES / "population.csv").set_index("segment")["share"].to_dict()
    pr = P.Prioritisation.from_project(storvik, seed=2026, samples=1000)
    pr.add("skr", P.skr(scores)).add("rice", P.rice(scores))
    pr.add_votes(ballots, population_shares=shares)
    return pr


def test_prioritisation_of_the_example(storvik_prioritisation):
    pr = storvik_prioritisation
    ranking = pr.ranking_
    assert sorted(ranking.index) == [f"ND0{i}" for i in range(1, 9)]
    assert list(ranking["rank"]) == sorted(ranking["rank"])
    # Borda over 4 methods of 8 needs: the points sum to 4 · (0 + 1 + … + 7).
    assert ranking["borda"].sum() == pytest.approx(4 * 28)
    assert set(pr.agreement_.columns) == {"evidence", "skr", "rice", "dots"}
    assert pr.agreement_.loc["skr", "skr"] == 1
    assert set(pr.sensitivity_.columns) == {"p_top1", "p_top3", "p_top5", "mean_rank"}
    assert pr.sensitivity_["p_top1"].sum() >= 1 - 1e-12  # at least one need is first under every weighting
    assert pr.bloc_.loc["municipal_staff", "voters"] == 9
    tables = pr.tables()
    assert list(tables["scores"].columns) == ["evidence", "skr", "rice", "dots"]


def test_report_quotes_only_notes_whose_consent_allows_it(storvik_prioritisation, storvik):
    public = storvik_prioritisation.report(audience="public", quotes=100)
    internal = storvik_prioritisation.report(audience="internal", quotes=100)
    notes = {n.id: n for n in storvik.notes}
    # ND01 rests on N009, N070, N081, N094 (public) and N021, N017, N073, N107 (internal).
    for note_id in ("N009", "N070", "N081", "N094"):
        assert notes[note_id].text in public
    for note_id in ("N021", "N017", "N073", "N107"):
        assert notes[note_id].text not in public
        assert notes[note_id].text in internal
    assert "not quoted: their authors did not consent to public quotation" in public
    assert "## Bloc check of the dot vote" in public
    html = storvik_prioritisation.report(format="html")
    assert html.startswith('<div class="servicedesign-priorities">') and "<table>" in html
    with pytest.raises(sd.InvalidInputError, match="audience is 'press'"):
        storvik_prioritisation.report(audience="press")


def test_needs_from_themes_and_project():
    notes = pd.DataFrame({"id": ["n1", "n2", "n3"], "text": ["a", "b", "c"], "segment": ["x", "y", "x"],
                          "arena_id": ["A1", "A1", "A2"], "consent": ["public", "none", "internal"]})
    needs = P.needs_from_themes(notes, [0, 0, 1], ["Snow", "Buses"])
    assert [n.title for n in needs] == ["Snow", "Buses"]
    assert needs[0].segments() == ["x", "y"]
    criteria = P.evidence_criteria(needs)
    assert criteria.loc["T0"].tolist() == [1.0, 1.0, 1.0]
    assert criteria.loc["T1"].tolist() == [0.5, 1.0, 0.5]
    frame = P.needs_from_project(sd.process.Project.import_csv(STORVIK))
    assert frame.loc["ND01", "notes"] == 8 and frame.loc["ND01", "n_segments"] == 3


def test_from_project_takes_the_needs_a_scoring_session_covered(storvik):
    ids = [n.id for n in storvik.needs][:3]
    assert list(sd.priorities.Prioritisation.from_project(storvik, needs=ids, samples=10).ids) == ids
    with pytest.raises(sd.InvalidInputError, match="unknown need"):
        sd.priorities.Prioritisation.from_project(storvik, needs=["ND99"])
