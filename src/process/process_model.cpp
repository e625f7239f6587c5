#include "servicedesign/process/process_model.hpp"

#include <algorithm>

#include "servicedesign/core/error.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

std::string_view to_string(SkrStep step) noexcept {
  switch (step) {
    case SkrStep::frame: return "frame";
    case SkrStep::explore: return "explore";
    case SkrStep::focus: return "focus";
    case SkrStep::ideas: return "ideas";
    case SkrStep::test: return "test";
    case SkrStep::implement: return "implement";
  }
  return "unknown";
}

ProcessModel::ProcessModel(std::string key, std::string name, std::vector<StepInfo> steps,
                           std::vector<std::pair<std::size_t, std::size_t>> back_steps)
    : key_(std::move(key)), name_(std::move(name)), steps_(std::move(steps)), back_steps_(std::move(back_steps)) {}

ProcessModel ProcessModel::skr() {
  using S = SkrStep;
  std::vector<StepInfo> steps{
      {"frame", "Frame", "Ringa in", "Ringe inn", "Choose the challenge and for whom; broad and free of solutions",
       "A written challenge, a goal and the actors", {S::frame}},
      {"explore", "Explore", "Undersöka", "Undersøke", "Understand needs, motives and experiences",
       "At least five focus areas and every target group heard", {S::explore}},
      {"focus", "Focus", "Fokusera", "Fokusere", "Prioritise insights and formulate development areas",
       "One to three development areas", {S::focus}},
      {"ideas", "Generate ideas", "Ta fram idéer", "Utvikle idéer", "Many ideas, then choose and make them concrete",
       "Chosen concrete ideas", {S::ideas}},
      {"test", "Test ideas", "Testa idéer", "Teste idéer", "Cheap prototypes tested with users and staff",
       "An outcome per prototype: stop, iterate or pilot", {S::test}},
      {"implement", "Implement", "Förverkliga", "Realisere", "Make it real: small-scale live test, owner, plan",
       "A live pilot with an owner", {S::implement}},
  };
  // Back-steps practitioners take (SKR's Innovationsguiden, innovationsguiden.se): more interviews, rethinking
  // ideas, back to testing.
  return {"skr", "SKR: sex steg för tjänsteinnovation", std::move(steps), {{2, 0}, {2, 1}, {4, 3}, {4, 2}, {5, 4}}};
}

ProcessModel ProcessModel::double_diamond() {
  using S = SkrStep;
  std::vector<StepInfo> steps{
      {"discover", "Discover", "Upptäcka", "Oppdage", "Understand the problem rather than assume it",
       "A research-based picture of users and their needs", {S::frame, S::explore}},
      {"define", "Define", "Definiera", "Definere", "Frame the challenge anew from what was learnt",
       "A clear problem definition", {S::focus}},
      {"develop", "Develop", "Utveckla", "Utvikle", "Generate different answers to the defined problem",
       "Ideas worth testing", {S::ideas}},
      {"deliver", "Deliver", "Leverera", "Levere", "Test solutions at small scale, reject what fails, improve what works",
       "A solution that works, ready to launch", {S::test, S::implement}},
  };
  return {"double_diamond", "Double Diamond (Design Council)", std::move(steps), {{1, 0}, {2, 1}, {3, 2}}};
}

ProcessModel ProcessModel::ks_veikart() {
  using S = SkrStep;
  std::vector<StepInfo> steps{
      {"before_start", "Before you start", "Innan ni börjar", "Før du starter",
       "Define the municipality's challenge and why change is needed", "An anchored challenge and a plan",
       {S::frame}},
      {"insight_idea", "Insight and idea", "Insikt och idé", "Innsikt og idé",
       "Deep insight into real needs of users, staff and organisation; an overall target picture",
       "Insight and a target picture for the future service", {S::explore, S::focus, S::ideas}},
      {"develop_test", "Development, trial and evaluation", "Utveckling, test och utvärdering",
       "Utvikling, utprøving og evaluering", "Develop the idea into a finished service through repeated trials",
       "A service piloted over time", {S::test}},
      {"transition", "Transition to operation", "Övergång till drift", "Overgang til drift",
       "Integrate the new service into daily operation", "The service runs in operation", {S::implement}},
      {"new_practice", "New practice", "Ny praxis", "Ny praksis", "Keep the focus on realising benefits",
       "Benefits measured", {S::implement}},
  };
  return {"ks_veikart", "KS Veikart for tjenesteinnovasjon", std::move(steps), {{2, 1}, {3, 2}}};
}

ProcessModel ProcessModel::gds() {
  using S = SkrStep;
  std::vector<StepInfo> steps{
      {"discovery", "Discovery", "Förstudie", "Forstudie", "Understand users and the problem before building anything",
       "A decision whether to proceed to alpha", {S::frame, S::explore, S::focus}},
      {"alpha", "Alpha", "Alfa", "Alfa", "Try different solutions with prototypes", "A chosen approach, tested",
       {S::ideas, S::test}},
      {"beta", "Beta", "Beta", "Beta", "Build the service and run it with real users", "A service that meets the standard",
       {S::implement}},
      {"live", "Live", "Drift", "Drift", "Run and improve the service", "Continuous improvement", {S::implement}},
  };
  return {"gds", "GDS service phases", std::move(steps), {{1, 0}, {2, 1}, {3, 2}}};
}

std::vector<std::string> ProcessModel::builtin_keys() { return {"skr", "double_diamond", "ks_veikart", "gds"}; }

ProcessModel ProcessModel::by_key(std::string_view key) {
  if (key == "skr") return skr();
  if (key == "double_diamond") return double_diamond();
  if (key == "ks_veikart") return ks_veikart();
  if (key == "gds") return gds();
  throw NotFound("unknown process model '" + detail::excerpt(key) + "'; known models: skr, double_diamond, ks_veikart, gds");
}

std::size_t ProcessModel::step_index(std::string_view key) const {
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i].key == key) return i;
  }
  std::string known;
  for (const auto& s : steps_) known += (known.empty() ? "" : ", ") + s.key;
  throw NotFound("process model '" + key_ + "' has no step '" + detail::excerpt(key) + "'; its steps are: " + known);
}

bool ProcessModel::is_back_step_allowed(std::size_t from, std::size_t to) const noexcept {
  return std::find(back_steps_.begin(), back_steps_.end(), std::pair{from, to}) != back_steps_.end();
}

std::vector<std::size_t> ProcessModel::back_steps_from(std::size_t from) const {
  std::vector<std::size_t> out;
  for (const auto& [f, t] : back_steps_) {
    if (f == from) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> ProcessModel::steps_covering(SkrStep step) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const auto& eq = steps_[i].skr_equivalents;
    if (std::find(eq.begin(), eq.end(), step) != eq.end()) out.push_back(i);
  }
  return out;
}

}  // namespace servicedesign::process
