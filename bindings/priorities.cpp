// Python bindings of the priorities part: servicedesign._core.priorities. Inputs are plain lists (one entry
// per need or per ballot); servicedesign.priorities wraps them for pandas.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "bindings.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/priorities/methods.hpp"
#include "servicedesign/priorities/needs.hpp"
#include "servicedesign/process/proposed_needs.hpp"
#include "servicedesign/priorities/robustness.hpp"
#include "servicedesign/process/project.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

using namespace servicedesign::priorities;
using process::Consent;

void same_length(std::size_t expected, std::size_t got, const char* function, const char* what, const char* reference) {
  if (expected != got) {
    throw InvalidInput(std::string(function) + ": " + std::to_string(got) + " " + what + " for " + std::to_string(expected) + " " +
                       reference);
  }
}

Consent consent_from(const py::object& value) {
  if (py::isinstance<py::str>(value)) return process::from_string<Consent>(value.cast<std::string>());
  return value.cast<Consent>();
}

std::vector<Ballot> ballots_from(const std::vector<std::string>& voters, const std::vector<std::string>& segments,
                                 const std::vector<std::size_t>& needs, const std::vector<std::size_t>& dots, const char* function) {
  same_length(voters.size(), segments.size(), function, "segments", "voters");
  same_length(voters.size(), needs.size(), function, "needs", "voters");
  same_length(voters.size(), dots.size(), function, "dot counts", "voters");
  std::vector<Ballot> out;
  out.reserve(voters.size());
  for (std::size_t i = 0; i < voters.size(); ++i) out.push_back(Ballot{voters[i], segments[i], needs[i], dots[i]});
  return out;
}

CriteriaMatrix criteria_from(std::vector<std::string> names, std::vector<std::vector<double>> values) {
  return CriteriaMatrix{std::move(names), std::move(values)};
}

std::string ranking_repr(const Ranking& r) {
  std::ostringstream out;
  out << "Ranking([";
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    out << (g ? ", [" : "[");
    for (std::size_t i = 0; i < r.groups[g].size(); ++i) out << (i ? ", " : "") << r.groups[g][i];
    out << "]";
  }
  out << "])";
  return out.str();
}

template <class Result>
py::class_<Result> scored(py::module_& m, const char* name, const char* doc) {
  return py::class_<Result>(m, name, doc)
      .def_readonly("scores", &Result::scores, "Per need, higher is better.")
      .def_readonly("ranking", &Result::ranking, "By score, ties as ties.");
}

}  // namespace

void init_priorities(py::module_& parent) {
  py::module_ m = parent.def_submodule("priorities", "Ranked needs: methods, robustness, bloc check.");

  py::class_<Ranking>(m, "Ranking", "Needs in order as groups of tied needs, best first.")
      .def(py::init<>())
      .def(py::init([](std::vector<std::vector<std::size_t>> groups) { return Ranking{std::move(groups)}; }), "groups"_a)
      .def_readwrite("groups", &Ranking::groups, "Tie groups of need indices, best first.")
      .def("ranks", &Ranking::ranks, "1-based rank per need; ties share the best rank of their group (1, 2, 2, 4).")
      .def("order", &Ranking::order, "Needs in order, ties in ascending need order.")
      .def("__len__", &Ranking::size)
      .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
      .def("__repr__", &ranking_repr);
  m.def("rank_by_score", &rank_by_score, "scores"_a, "tolerance"_a = 1e-9, "Ranks by score, higher first; near-equal scores tie.");

  scored<SkrResult>(m, "SkrResult", "Scores of the SKR matrix (relevance × feasibility).");
  m.def(
      "skr_matrix",
      [](const std::vector<int>& relevance, const std::vector<int>& feasibility) {
        same_length(relevance.size(), feasibility.size(), "skr_matrix", "feasibility values", "relevance values");
        std::vector<SkrInput> needs;
        for (std::size_t i = 0; i < relevance.size(); ++i) needs.push_back({relevance[i], feasibility[i]});
        return skr_matrix(needs);
      },
      "relevance"_a, "feasibility"_a, "SKR's prioritisation matrix: relevance × feasibility, each 1-3.");

  scored<ImpactEffortResult>(m, "ImpactEffortResult", "Quadrants of the impact/effort matrix.")
      .def_property_readonly(
          "quadrants",
          [](const ImpactEffortResult& r) {
            std::vector<std::string> out;
            for (const Quadrant q : r.quadrants) out.emplace_back(to_string(q));
            return out;
          },
          "Per need: quick_win, major_project, fill_in or thankless.");
  m.def(
      "impact_effort",
      [](const std::vector<double>& impact, const std::vector<double>& effort, double low, double high, std::optional<double> split) {
        same_length(impact.size(), effort.size(), "impact_effort", "effort values", "impact values");
        std::vector<ImpactEffortInput> needs;
        for (std::size_t i = 0; i < impact.size(); ++i) needs.push_back({impact[i], effort[i]});
        ImpactEffortScale scale{low, high, split.value_or(std::numeric_limits<double>::quiet_NaN())};
        return impact_effort(needs, scale);
      },
      "impact"_a, "effort"_a, "low"_a = 1.0, "high"_a = 5.0, "split"_a = py::none(),
      "Impact/effort quadrants; values above split (default the midpoint) are high.");

  scored<DotVotingResult>(m, "DotVotingResult", "The count of a dot vote.")
      .def_readonly("by_segment", &DotVotingResult::by_segment, "Unweighted dots per need from each segment.")
      .def_readonly("voters_by_segment", &DotVotingResult::voters_by_segment, "Voters per segment.")
      .def_readonly("voters", &DotVotingResult::voters, "Distinct voters.");
  m.def(
      "dot_voting",
      [](std::size_t needs, const std::vector<std::string>& voters, const std::vector<std::string>& segments,
         const std::vector<std::size_t>& need, const std::vector<std::size_t>& dots, std::size_t dots_per_voter, bool one_per_item,
         const std::map<std::string, double>& segment_weights) {
        return dot_voting(needs, ballots_from(voters, segments, need, dots, "dot_voting"), {dots_per_voter, one_per_item}, segment_weights);
      },
      "needs"_a, "voters"_a, "segments"_a, "need"_a, "dots"_a, "dots_per_voter"_a = 3, "one_per_item"_a = false,
      "segment_weights"_a = std::map<std::string, double>{}, "Counts a dot vote, one entry per ballot.");

  scored<MoscowResult>(m, "MoscowResult", "A MoSCoW prioritisation.")
      .def_readonly("must_share", &MoscowResult::must_share, "Effort of the Musts over the total effort.");
  m.def(
      "moscow",
      [](const std::vector<std::string>& categories, const std::vector<double>& effort, double max_must_share) {
        same_length(categories.size(), effort.size(), "moscow", "effort values", "categories");
        std::vector<MoscowInput> needs;
        for (std::size_t i = 0; i < categories.size(); ++i) {
          try {
            needs.push_back({moscow_from_string(categories[i]), effort[i]});
          } catch (const InvalidInput& e) {
            throw InvalidInput("moscow: need " + std::to_string(i) + ": " + e.what());
          }
        }
        return moscow(needs, max_must_share);
      },
      "categories"_a, "effort"_a, "max_must_share"_a = 0.6, "MoSCoW with the rule that Musts take at most 60% of the effort.");

  scored<RiceResult>(m, "RiceResult", "RICE scores.");
  m.def(
      "rice",
      [](const std::vector<double>& reach, const std::vector<double>& impact, const std::vector<double>& confidence,
         const std::vector<double>& effort) {
        same_length(reach.size(), impact.size(), "rice", "impact values", "reach values");
        same_length(reach.size(), confidence.size(), "rice", "confidence values", "reach values");
        same_length(reach.size(), effort.size(), "rice", "effort values", "reach values");
        std::vector<RiceInput> needs;
        for (std::size_t i = 0; i < reach.size(); ++i) needs.push_back({reach[i], impact[i], confidence[i], effort[i]});
        return rice_scores(needs);
      },
      "reach"_a, "impact"_a, "confidence"_a, "effort"_a, "RICE = reach · impact · confidence / effort on the canonical scales.");

  m.def(
      "kano_category",
      [](int functional, int dysfunctional) {
        if (functional < 1 || functional > 5 || dysfunctional < 1 || dysfunctional > 5) {
          throw InvalidInput("kano_category: answers are 1 (like) … 5 (dislike), got " + std::to_string(functional) + " and " +
                             std::to_string(dysfunctional));
        }
        return std::string(to_string(kano_category(static_cast<KanoAnswer>(functional), static_cast<KanoAnswer>(dysfunctional))));
      },
      "functional"_a, "dysfunctional"_a, "The letter (A, O, M, I, R, Q) of a pair of answers in the Kano evaluation table.");
  scored<KanoResult>(m, "KanoResult", "Result of a Kano survey.")
      .def_readonly("counts", &KanoResult::counts, "Per need, responses per category A, O, M, I, R, Q.")
      .def_property_readonly(
          "categories",
          [](const KanoResult& r) {
            std::vector<std::string> out;
            for (const KanoCategory c : r.categories) out.emplace_back(to_string(c));
            return out;
          },
          "Per need, the letter of its most frequent category.")
      .def_readonly("better", &KanoResult::better, "(A + O)/(A + O + M + I) per need.")
      .def_readonly("worse", &KanoResult::worse, "(O + M)/(A + O + M + I) per need.");
  m.def(
      "kano",
      [](std::size_t needs, const std::vector<std::size_t>& need, const std::vector<int>& functional, const std::vector<int>& dysfunctional) {
        same_length(need.size(), functional.size(), "kano", "functional answers", "responses");
        same_length(need.size(), dysfunctional.size(), "kano", "dysfunctional answers", "responses");
        std::vector<KanoResponse> responses;
        for (std::size_t i = 0; i < need.size(); ++i) responses.push_back({need[i], functional[i], dysfunctional[i]});
        return kano(needs, responses);
      },
      "needs"_a, "need"_a, "functional"_a, "dysfunctional"_a, "Classifies paired Kano answers (1-5), one entry per response.");

  scored<WeightedResult>(m, "WeightedResult", "Weighted scores.");
  m.def(
      "weighted_scores",
      [](std::vector<std::string> names, std::vector<std::vector<double>> values, const std::vector<double>& weights) {
        return weighted_scores(criteria_from(std::move(names), std::move(values)), weights);
      },
      "names"_a, "values"_a, "weights"_a, "Σ weight · value per need; weights ≥ 0 summing to 1.");

  // Robustness --------------------------------------------------------------------------------------
  scored<Consensus>(m, "Consensus", "A combined ranking.");
  m.def("borda", &borda, "rankings"_a, "Borda count: a point per need ranked below, half a point per tie.");
  py::class_<KemenyResult>(m, "KemenyResult", "A Kemeny-optimal ranking.")
      .def_readonly("order", &KemenyResult::order, "An optimal order, best first.")
      .def_readonly("ranking", &KemenyResult::ranking, "The order as a ranking.")
      .def_readonly("distance", &KemenyResult::distance, "Total Kendall distance to the input rankings.")
      .def_readonly("optimal_orders", &KemenyResult::optimal_orders, "Number of optimal orders.");
  m.attr("kemeny_max_needs") = kemeny_max_needs;
  m.def(
      "kemeny",
      [](const std::vector<Ranking>& rankings) {
        py::gil_scoped_release release;
        return kemeny(rankings);
      },
      "rankings"_a, "The order nearest to all rankings (exact, at most kemeny_max_needs needs).");
  m.def("kendall_tau", &kendall_tau, "a"_a, "b"_a, "Kendall's τ-a.");
  m.def("kendall_tau_b", &kendall_tau_b, "a"_a, "b"_a, "Kendall's τ-b (ties corrected); NaN when undefined.");
  m.def("agreement_matrix", &agreement_matrix, "rankings"_a, "τ-b between every pair of rankings.");

  py::class_<Sensitivity>(m, "Sensitivity", "How the weighted ranking moves with the weights.")
      .def_readonly("tops", &Sensitivity::tops, "The k of each column of top_probability.")
      .def_readonly("top_probability", &Sensitivity::top_probability, "Per need, P(rank ≤ k) for each k.")
      .def_readonly("mean_rank", &Sensitivity::mean_rank, "Per need, the mean rank.")
      .def_readonly("samples", &Sensitivity::samples, "Weight vectors drawn.");
  m.def(
      "weight_sensitivity",
      [](std::vector<std::string> names, std::vector<std::vector<double>> values, std::size_t samples, std::uint64_t seed,
         std::vector<std::size_t> tops) {
        const CriteriaMatrix criteria = criteria_from(std::move(names), std::move(values));
        py::gil_scoped_release release;
        return weight_sensitivity(criteria, SensitivityOptions{samples, seed, std::move(tops)});
      },
      "names"_a, "values"_a, "samples"_a = 4000, "seed"_a = 0, "tops"_a = std::vector<std::size_t>{1, 3, 5},
      "P(need in the top k) over weights drawn uniformly from the simplex.");

  py::class_<BlocInfluence>(m, "BlocInfluence", "Influence of one segment on a dot vote.")
      .def_readonly("segment", &BlocInfluence::segment, "Segment key.")
      .def_readonly("voters", &BlocInfluence::voters, "Voters from the segment.")
      .def_readonly("vote_share", &BlocInfluence::vote_share, "Its share of the voters.")
      .def_readonly("population_share", &BlocInfluence::population_share, "Its share of the population; -1 when not given.")
      .def_readonly("without", &BlocInfluence::without, "The ranking without the segment.")
      .def_readonly("tau_without", &BlocInfluence::tau_without, "τ-b between the full ranking and without.")
      .def_readonly("winner_changes_without", &BlocInfluence::winner_changes_without, "The winner changes without the segment.")
      .def_readonly("reweighted", &BlocInfluence::reweighted, "The ranking with the segment weighted to its population share.")
      .def_readonly("tau_reweighted", &BlocInfluence::tau_reweighted, "τ-b between the full ranking and reweighted.")
      .def_readonly("winner_changes_reweighted", &BlocInfluence::winner_changes_reweighted, "The winner changes when reweighted.")
      .def_readonly("influence", &BlocInfluence::influence, "Share of pairs of needs whose order the segment decides.");
  py::class_<BlocCheck>(m, "BlocCheck", "The bloc check of a dot vote.")
      .def_readonly("full", &BlocCheck::full, "The count with every segment.")
      .def_readonly("segments", &BlocCheck::segments, "One entry per voting segment.")
      .def_readonly("pivotal_segments", &BlocCheck::pivotal_segments, "Segments without which the winner changes.")
      .def_readonly("decisive_segments", &BlocCheck::decisive_segments,
                    "Segments whose weighting to their population share changes the winner.")
      .def_property_readonly("decided_by_one_bloc", &BlocCheck::decided_by_one_bloc, "True when one segment decides the winner.");
  m.def(
      "bloc_check",
      [](std::size_t needs, const std::vector<std::string>& voters, const std::vector<std::string>& segments,
         const std::vector<std::size_t>& need, const std::vector<std::size_t>& dots, std::size_t dots_per_voter, bool one_per_item,
         const std::map<std::string, double>& population_shares) {
        return bloc_check(needs, ballots_from(voters, segments, need, dots, "bloc_check"), {dots_per_voter, one_per_item}, population_shares);
      },
      "needs"_a, "voters"_a, "segments"_a, "need"_a, "dots"_a, "dots_per_voter"_a = 3, "one_per_item"_a = false,
      "population_shares"_a = std::map<std::string, double>{},
      "Would the dot vote's ranking change without one segment, or with it weighted to its population share?");

  // Needs and evidence ------------------------------------------------------------------------------
  py::class_<EvidenceNote>(m, "EvidenceNote", "A note behind a need.")
      .def(py::init([](std::string id, std::string text, std::string segment, std::string arena_id, const py::object& consent) {
             return EvidenceNote{std::move(id), std::move(text), std::move(segment), std::move(arena_id), consent_from(consent)};
           }),
           "id"_a, "text"_a, "segment"_a = "", "arena_id"_a = "", "consent"_a = py::str("none"))
      .def_readonly("id", &EvidenceNote::id, "Note id.")
      .def_readonly("text", &EvidenceNote::text, "The note's words.")
      .def_readonly("segment", &EvidenceNote::segment, "Segment of who said it.")
      .def_readonly("arena_id", &EvidenceNote::arena_id, "Arena where it was said.")
      .def_readonly("consent", &EvidenceNote::consent, "How far its words may be shared.");
  py::class_<NeedEvidence>(m, "NeedEvidence", "A need with its evidence.")
      .def_readonly("id", &NeedEvidence::id, "Need id.")
      .def_readonly("title", &NeedEvidence::title, "Short title.")
      .def_readonly("insight_ids", &NeedEvidence::insight_ids, "Insights that support it.")
      .def_readonly("statements", &NeedEvidence::statements, "The insights' statements.")
      .def_readonly("notes", &NeedEvidence::notes, "Distinct notes behind it.")
      .def("segments", &NeedEvidence::segments, "Distinct segments of the notes.")
      .def("arenas", &NeedEvidence::arenas, "Distinct arenas of the notes.")
      .def("frequency", &NeedEvidence::frequency, "Number of notes.");
  m.def(
      "may_quote",
      [](const py::object& note, const py::object& audience) { return may_quote(consent_from(note), consent_from(audience)); },
      "note"_a, "audience"_a, "True when a note with this consent may be quoted to the audience ('public' or 'internal').");
  m.def("needs_from_project", &needs_from_project, "project"_a, "The project's needs with their insights and notes.");
  m.def("needs_from_proposals", &needs_from_proposals, "project"_a, "proposals"_a,
        "One need per proposed need (process.propose_needs, after review), with its notes as evidence.");
  m.def("needs_from_themes", &needs_from_themes, "notes"_a, "themes"_a, "titles"_a = std::vector<std::string>{},
        "One need per theme (theme per note, -1 for none).");
  m.def(
      "evidence_criteria",
      [](const std::vector<NeedEvidence>& needs) {
        CriteriaMatrix c = evidence_criteria(needs);
        return py::make_tuple(c.names, c.values);
      },
      "needs"_a, "(names, values): distinct segments, distinct arenas and notes per need, each over the largest.");
}

}  // namespace servicedesign::bindings
