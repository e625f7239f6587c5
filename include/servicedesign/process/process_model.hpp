/// @file
/// Process models: SKR's six steps (the default) and the alternatives practitioners pick instead,
/// each with a crosswalk to the six steps and the back-steps it allows.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// const ProcessModel model = ProcessModel::skr();
/// std::cout << model.steps()[1].name_sv << '\n';          // "Undersöka"
/// bool ok = model.is_back_step_allowed(model.step_index("focus"), model.step_index("explore"));  // true
/// const ProcessModel dd = ProcessModel::by_key("double_diamond");
/// for (SkrStep s : dd.steps()[0].skr_equivalents) std::cout << to_string(s) << ' ';  // "frame explore"
/// @endcode
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace servicedesign::process {

/// SKR's six steps (innovationsguiden.se), the reference every other model maps onto.
enum class SkrStep : std::uint8_t {
  frame,      ///< Ringa in: choose the challenge and for whom.
  explore,    ///< Undersöka: understand needs, motives, experiences.
  focus,      ///< Fokusera: prioritise insights, formulate development areas.
  ideas,      ///< Ta fram idéer: many ideas, choose, make concrete.
  test,       ///< Testa idéer: cheap prototypes with users and staff.
  implement,  ///< Förverkliga: make it real.
};

/// All six steps in order.
inline constexpr std::array<SkrStep, 6> all_skr_steps{SkrStep::frame, SkrStep::explore, SkrStep::focus,
                                                       SkrStep::ideas, SkrStep::test,    SkrStep::implement};

/// The step's key, e.g. `"explore"`.
[[nodiscard]] std::string_view to_string(SkrStep step) noexcept;

/// One step (or phase) of a process model.
struct StepInfo {
  std::string key;      ///< Stable ASCII key, e.g. `"explore"`, `"discover"`, `"alpha"`.
  std::string name_en;  ///< English name.
  std::string name_sv;  ///< Swedish name.
  std::string name_no;  ///< Norwegian (Bokmål) name.
  std::string purpose;  ///< What the step is for, one line.
  std::string exit_signal;                 ///< What shows the step is done.
  std::vector<SkrStep> skr_equivalents;    ///< Crosswalk: the SKR steps this step covers.
};

/// A process model: ordered steps, forward moves one step at a time, and listed back-steps.
class ProcessModel {
 public:
  /// SKR's six steps; back-steps Focus→Frame/Explore, Test→Ideas/Focus, Implement→Test.
  [[nodiscard]] static ProcessModel skr();
  /// The Design Council's Double Diamond: Discover, Define, Develop, Deliver.
  [[nodiscard]] static ProcessModel double_diamond();
  /// KS "Veikart for tjenesteinnovasjon" (Norway), five phases from "Før du starter" to "Ny praksis".
  [[nodiscard]] static ProcessModel ks_veikart();
  /// UK Government Digital Service phases: Discovery, Alpha, Beta, Live.
  [[nodiscard]] static ProcessModel gds();
  /// The built-in model with this key: `"skr"`, `"double_diamond"`, `"ks_veikart"` or `"gds"`.
  /// @throws NotFound listing the known keys.
  [[nodiscard]] static ProcessModel by_key(std::string_view key);
  /// Keys of all built-in models.
  [[nodiscard]] static std::vector<std::string> builtin_keys();

  [[nodiscard]] const std::string& key() const noexcept { return key_; }    ///< e.g. `"skr"`.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }  ///< Human-readable name.
  [[nodiscard]] const std::vector<StepInfo>& steps() const noexcept { return steps_; }  ///< In order.
  /// Index of the step with `key`. @throws NotFound listing the model's step keys.
  [[nodiscard]] std::size_t step_index(std::string_view key) const;
  /// True when moving back from step `from` to step `to` is one of the model's back-steps.
  [[nodiscard]] bool is_back_step_allowed(std::size_t from, std::size_t to) const noexcept;
  /// The steps one may go back to from `from`.
  [[nodiscard]] std::vector<std::size_t> back_steps_from(std::size_t from) const;
  /// Steps of this model that cover SKR step `step` (crosswalk in the other direction).
  [[nodiscard]] std::vector<std::size_t> steps_covering(SkrStep step) const;

 private:
  ProcessModel(std::string key, std::string name, std::vector<StepInfo> steps,
               std::vector<std::pair<std::size_t, std::size_t>> back_steps);
  std::string key_;
  std::string name_;
  std::vector<StepInfo> steps_;
  std::vector<std::pair<std::size_t, std::size_t>> back_steps_;
};

}  // namespace servicedesign::process
