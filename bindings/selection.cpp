// Python bindings of the selection part: servicedesign._core.selection.
#include <Python.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/selection/alternates.hpp"
#include "servicedesign/selection/select.hpp"
#include "servicedesign/selection/verify.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

using namespace servicedesign::selection;

ProgressCallback python_progress(py::object callback) {
  return [callback = shared_callable(std::move(callback))](const Progress& progress) {
    return python_keep_going(callback, progress);
  };
}

}  // namespace

void init_selection(py::module_& parent) {
  py::module_ m = parent.def_submodule("selection", "Fair selection of panels and working groups under quotas.");

  py::enum_<Algorithm> algorithm_enum(m, "Algorithm", "Selection algorithm.");
  algorithm_enum.value("legacy", Algorithm::legacy)
      .value("maximin", Algorithm::maximin)
      .value("nash", Algorithm::nash)
      .value("leximin", Algorithm::leximin);
  str_is_key(algorithm_enum);
  m.def("algorithm_from_string", &algorithm_from_string, "key"_a);

  py::class_<ValueQuota>(m, "ValueQuota", "Bounds for one attribute value.")
      .def_readonly("value", &ValueQuota::value)
      .def_readonly("min", &ValueQuota::min)
      .def_readonly("max", &ValueQuota::max)
      .def_readonly("min_flex", &ValueQuota::min_flex)
      .def_readonly("max_flex", &ValueQuota::max_flex);
  py::class_<FeatureQuotas>(m, "FeatureQuotas", "Quotas of one feature.")
      .def_readonly("feature", &FeatureQuotas::feature)
      .def_readonly("values", &FeatureQuotas::values);
  py::class_<Quotas>(m, "Quotas", "Quotas per feature and value.")
      .def(py::init<>())
      .def("set", &Quotas::set, "feature"_a, "value"_a, "min"_a, "max"_a, "min_flex"_a = py::none(), "max_flex"_a = py::none())
      .def_property_readonly("features", &Quotas::features);
  m.def("parse_features_csv", &parse_features_csv, "text"_a, "source"_a = "features.csv");
  m.def("read_features_csv", &read_features_csv, "path"_a);

  py::class_<Pool>(m, "Pool", "A pool of volunteers built against quotas.")
      .def(py::init<const Quotas&>(), "quotas"_a)
      .def("add", &Pool::add, "id"_a, "values"_a, "household"_a = "")
      .def("__len__", &Pool::size)
      .def("id", &Pool::id, "person"_a)
      .def("index_of", &Pool::index_of, "id"_a)
      .def("household", &Pool::household, "person"_a)
      .def("value", &Pool::value, "person"_a, "feature"_a, "Index of the person's value of a feature.")
      .def_property_readonly("ids", [](const Pool& p) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < p.size(); ++i) ids.push_back(p.id(i));
        return ids;
      })
      .def_property_readonly("quotas", &Pool::quotas);
  m.def(
      "read_people_csv",
      [](const std::filesystem::path& path, const Quotas& quotas, std::string id_column, std::vector<std::string> address_columns) {
        return read_people_csv(path, quotas, PeopleCsvOptions{std::move(id_column), std::move(address_columns)});
      },
      "path"_a, "quotas"_a, "id_column"_a = "id", "address_columns"_a = std::vector<std::string>{});
  m.def(
      "pool_from_rows",
      [](const Quotas& quotas, std::vector<std::string> header, std::vector<std::vector<std::string>> rows, std::string source,
         std::string id_column, std::vector<std::string> address_columns) {
        CsvTable table;
        table.source = std::move(source);
        table.header = std::move(header);
        for (std::size_t r = 0; r < rows.size(); ++r) {
          if (rows[r].size() != table.header.size()) throw InvalidInput(Location{table.source, r + 2, {}}, "row has the wrong number of fields");
          table.lines.push_back(r + 2);  // as in a CSV file with its header on line 1
        }
        table.rows = std::move(rows);
        return pool_from_table(table, quotas, PeopleCsvOptions{std::move(id_column), std::move(address_columns)});
      },
      "quotas"_a, "header"_a, "rows"_a, "source"_a = "<table>", "id_column"_a = "id",
      "address_columns"_a = std::vector<std::string>{},
      "Build a pool from a table (e.g. a DataFrame's columns and rows of strings); errors name row and column.");

  py::class_<GroupSpec>(m, "GroupSpec", "A group to fill: name, size, quotas.")
      .def(py::init([](std::string name, std::size_t size, Quotas quotas) { return GroupSpec{std::move(name), size, std::move(quotas)}; }),
           "name"_a, "size"_a, "quotas"_a)
      .def_readwrite("name", &GroupSpec::name)
      .def_readwrite("size", &GroupSpec::size)
      .def_readwrite("quotas", &GroupSpec::quotas);

  py::class_<Progress>(m, "Progress", "A progress report of a running selection.")
      .def_property_readonly("stage", [](const Progress& p) { return std::string(p.stage); })
      .def_readonly("panels", &Progress::panels)
      .def_readonly("settled", &Progress::settled)
      .def_readonly("people", &Progress::people)
      .def_readonly("bound", &Progress::bound);

  py::class_<Relaxation>(m, "Relaxation", "A quota bound to change to make selection possible.")
      .def_readonly("group", &Relaxation::group)
      .def_readonly("feature", &Relaxation::feature)
      .def_readonly("value", &Relaxation::value)
      .def_readonly("bound", &Relaxation::bound)
      .def_readonly("from_", &Relaxation::from)
      .def_readonly("to", &Relaxation::to)
      .def("__repr__", [](const Relaxation& r) {
        return "Relaxation(" + r.feature + "=" + r.value + ": " + r.bound + " " + std::to_string(r.from) + " -> " + std::to_string(r.to) + ")";
      });

  py::class_<Lottery>(m, "Lottery", "A lottery over panel compositions of types of interchangeable people.")
      .def_readonly("groups", &Lottery::groups)
      .def_readonly("types", &Lottery::types)
      .def_readonly("compositions", &Lottery::compositions)
      .def_readonly("probabilities", &Lottery::probabilities);

  py::class_<SelectionResult>(m, "SelectionResult", "Probabilities, lottery and the drawn groups (pool indexes).")
      .def_readonly("algorithm", &SelectionResult::algorithm)
      .def_readonly("seed", &SelectionResult::seed)
      .def_readonly("group_names", &SelectionResult::group_names)
      .def_readonly("probabilities", &SelectionResult::probabilities)
      .def_readonly("group_probabilities", &SelectionResult::group_probabilities)
      .def_readonly("lottery", &SelectionResult::lottery)
      .def_readonly("panels", &SelectionResult::panels)
      .def_readonly("min_probability", &SelectionResult::min_probability)
      .def_readonly("already_selected", &SelectionResult::already_selected)
      .def_readonly("iterations", &SelectionResult::iterations)
      .def_readonly("optimality_gap", &SelectionResult::optimality_gap,
                    "Nash: proven bound on the gap to the best Nash welfare, in average log-probability (the "
                    "geometric mean of the probabilities is within a factor exp(gap) of the best); 0 for the exact "
                    "algorithms.")
      .def_readonly("method", &SelectionResult::method, "How the lottery was found: relaxation (exact LEXIMIN of the "
                    "relaxation, realised by panels), column generation, frank-wolfe (nash) or greedy (legacy).");

  py::class_<UniformLottery>(m, "UniformLottery", "m equally likely panels for a transparent live draw.")
      .def_readonly("panels", &UniformLottery::panels)
      .def_readonly("max_deviation", &UniformLottery::max_deviation);

  m.def(
      "select",
      [](const Pool& pool, const std::vector<GroupSpec>& groups, const std::string& algorithm, std::uint64_t seed,
         std::vector<std::string> already_selected, std::vector<std::string> excluded, bool households, double tolerance,
         std::size_t legacy_repetitions, py::object progress, bool relaxation, double max_probability) {
        SelectionOptions options;
        options.algorithm = algorithm_from_string(algorithm);
        options.relaxation = relaxation;
        options.max_probability = max_probability;
        options.seed = seed;
        options.already_selected = std::move(already_selected);
        options.excluded = std::move(excluded);
        options.households = households;
        options.tolerance = tolerance;
        options.legacy_repetitions = legacy_repetitions;
        options.progress = python_progress(std::move(progress));
        py::gil_scoped_release release;  // long work: other Python threads (and Ctrl-C checks) run meanwhile
        return select(pool, groups, options);
      },
      "pool"_a, "groups"_a, "algorithm"_a = "leximin", "seed"_a = 0, "already_selected"_a = std::vector<std::string>{},
      "excluded"_a = std::vector<std::string>{}, "households"_a = true, "tolerance"_a = 1e-9, "legacy_repetitions"_a = 1000,
      "progress"_a = py::none(), "relaxation"_a = true, "max_probability"_a = SelectionOptions{}.max_probability,
      "Select the groups; releases the GIL; Ctrl-C raises KeyboardInterrupt within a pricing round. relaxation=False "
      "computes LEXIMIN by column generation alone; max_probability caps everyone's probability (leximin, maximin).");
  m.def(
      "check_feasibility",
      [](const Pool& pool, const std::vector<GroupSpec>& groups, std::vector<std::string> already_selected,
         std::vector<std::string> excluded, bool households) {
        SelectionOptions options;
        options.already_selected = std::move(already_selected);
        options.excluded = std::move(excluded);
        options.households = households;
        py::gil_scoped_release release;
        check_feasibility(pool, groups, options);
      },
      "pool"_a, "groups"_a, "already_selected"_a = std::vector<std::string>{}, "excluded"_a = std::vector<std::string>{},
      "households"_a = true);
  m.attr("DEFAULT_DROPOUT_RATE") = AlternatesOptions{}.dropout_rate;  // for help texts: declared once, in C++
  py::class_<Alternates>(m, "Alternates", "A ranked list of alternates and the expected quota violations after dropouts.")
      .def_readonly("ranked", &Alternates::ranked, "Pool indexes, in the order they are called.")
      .def_readonly("expected_violations_without", &Alternates::expected_violations_without)
      .def_readonly("expected_violations_with", &Alternates::expected_violations_with)
      .def_readonly("exact", &Alternates::exact, "True: over every dropout outcome; False: simulated.")
      .def_readonly("scenarios", &Alternates::scenarios, "Outcomes simulated (0 when exact).");
  {
    const AlternatesOptions defaults;  // the C++ defaults, declared once
    const auto options_of = [](std::size_t count, double dropout_rate, std::map<std::string, double> dropout,
                               std::size_t scenarios, std::uint64_t seed, bool households,
                               std::vector<std::string> excluded) {
      return AlternatesOptions{count, dropout_rate, std::move(dropout), scenarios, seed, households, std::move(excluded)};
    };
    m.def(
        "choose_alternates",
        [options_of](const Pool& pool, const GroupSpec& group, const std::vector<std::size_t>& panel, std::size_t count,
                     double dropout_rate, std::map<std::string, double> dropout, std::size_t scenarios,
                     std::uint64_t seed, bool households, std::vector<std::string> excluded) {
          const auto options = options_of(count, dropout_rate, std::move(dropout), scenarios, seed, households,
                                          std::move(excluded));
          py::gil_scoped_release release;
          return choose_alternates(pool, group, panel, options);
        },
        "pool"_a, "group"_a, "panel"_a, "count"_a, "dropout_rate"_a = defaults.dropout_rate,
        "dropout"_a = defaults.dropout, "scenarios"_a = defaults.scenarios, "seed"_a = defaults.seed,
        "households"_a = defaults.households, "excluded"_a = defaults.excluded,
        "Chooses a ranked list of alternates for a drawn group (see the C++ documentation of choose_alternates).");
    m.def(
        "serving_probabilities",
        [options_of](const Pool& pool, const std::vector<GroupSpec>& groups, const SelectionResult& result,
                     std::size_t group, std::size_t count, std::size_t draws, double dropout_rate,
                     std::map<std::string, double> dropout, std::size_t scenarios, std::uint64_t seed, bool households,
                     std::vector<std::string> excluded) {
          const auto options = options_of(count, dropout_rate, std::move(dropout), scenarios, seed, households,
                                          std::move(excluded));
          py::gil_scoped_release release;
          return serving_probabilities(pool, groups, result, group, options, draws);
        },
        "pool"_a, "groups"_a, "result"_a, "group"_a, "count"_a, "draws"_a, "dropout_rate"_a = defaults.dropout_rate,
        "dropout"_a = defaults.dropout, "scenarios"_a = defaults.scenarios, "seed"_a = defaults.seed,
        "households"_a = defaults.households, "excluded"_a = defaults.excluded,
        "Each person's probability of serving once dropouts and alternates are counted, by simulation.");
  }
  m.def("replace_dropouts", &replace_dropouts, "pool"_a, "group"_a, "panel"_a, "ranked"_a, "dropped"_a,
        "unavailable"_a = std::vector<std::size_t>{},
        "The members after dropouts, the alternates called in order (each joins if that lowers the violations).");
  m.def("quota_violations", &quota_violations, "pool"_a, "group"_a, "members"_a,
        "Members missing below each minimum and above each maximum, plus empty seats.");
  m.def("lottery_text", &lottery_text, "pool"_a, "result"_a,
        "The lottery as canonical text (types with their ids, panels with probabilities); its SHA-256 is "
        "lottery_digest.");
  m.def("lottery_digest", &lottery_digest, "pool"_a, "result"_a,
        "SHA-256 of lottery_text: what is published before a public draw.");
  m.def("seed_from_public_text", &seed_from_public_text, "text"_a,
        "A seed from public randomness (dice, published digits): SHA-256 of the text with white space normalised, "
        "first 8 bytes.");
  m.def("draw_groups", &draw_groups, "result"_a, "seed"_a,
        "The groups drawn from the result's lottery with the seed, people already selected included.");
  m.def("draw", &draw, "lottery"_a, "seed"_a);
  m.def("uniform_lottery", &uniform_lottery, "result"_a, "m"_a, "seed"_a);
}

}  // namespace servicedesign::bindings
