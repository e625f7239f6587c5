/// @file
/// The inputs of a selection: quotas per attribute value and a pool of volunteers.
///
/// Reads the formats of the Sortition Foundation's `sortition-algorithms` as they are: a features
/// CSV with header `feature,value,min,max[,min_flex,max_flex]` (or the older `category,name,…` and
/// `category,feature,…`), and a people CSV with an id column, one column per feature and any other
/// columns. Values match case-insensitively. Every error names the file, line and field.
///
/// **Example**
/// @code
/// using namespace servicedesign::selection;
/// const Quotas quotas = read_features_csv("features.csv");
/// const Pool pool = read_people_csv("people.csv", quotas, {.id_column = "nationbuilder_id",
///                                                         .address_columns = {"primary_address1", "primary_zip"}});
/// @endcode
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign {
struct CsvTable;
}

namespace servicedesign::selection {

/// Bounds on how many panel members have one attribute value.
struct ValueQuota {
  std::string value;      ///< The value as written in the features file, e.g. "Female".
  std::size_t min = 0;    ///< At least this many.
  std::size_t max = 0;    ///< At most this many.
  std::size_t min_flex = 0;  ///< Lowest acceptable `min` when the quotas are infeasible (0 when not given).
  std::size_t max_flex = 0;  ///< Highest acceptable `max` when infeasible (unbounded when not given).
};

/// All quotas of one attribute (feature), e.g. gender with its values.
struct FeatureQuotas {
  std::string feature;             ///< Column name in the people file, e.g. "Gender".
  std::vector<ValueQuota> values;  ///< In file order.
};

/// The quotas of a panel: per feature, per value, min and max. Order is kept as given.
class Quotas {
 public:
  /// Adds (or replaces) the bounds of `feature` = `value`. Without flex bounds the quota may be relaxed freely.
  /// @throws InvalidInput when min > max or flex bounds lie inside [min, max].
  void set(std::string_view feature, std::string_view value, std::size_t min, std::size_t max,
           std::optional<std::size_t> min_flex = std::nullopt, std::optional<std::size_t> max_flex = std::nullopt);
  /// The features in the order first given.
  [[nodiscard]] const std::vector<FeatureQuotas>& features() const noexcept { return features_; }
  /// Index of a feature (case-insensitive), or nothing.
  [[nodiscard]] std::optional<std::size_t> find_feature(std::string_view feature) const;
  /// Index of a value within feature `f` (case-insensitive), or nothing.
  [[nodiscard]] std::optional<std::size_t> find_value(std::size_t f, std::string_view value) const;

 private:
  std::vector<FeatureQuotas> features_;
};

/// Parses a features CSV (`feature,value,min,max[,min_flex,max_flex]` or the older headers).
/// @throws InvalidInput naming `source`, the line and the field.
[[nodiscard]] Quotas parse_features_csv(std::string_view text, std::string source = "features.csv");
/// Reads a features CSV file. @throws IoError or InvalidInput.
[[nodiscard]] Quotas read_features_csv(const std::filesystem::path& path);

/// A pool of volunteers: ids, each person's value index per quota feature, and household keys.
class Pool {
 public:
  /// An empty pool for these quotas (the pool stores value indexes into them).
  explicit Pool(const Quotas& quotas);
  /// Adds a person. `values` maps feature names to values (case-insensitive), one per quota feature.
  /// `household` is empty when the person shares no household. @throws InvalidInput for a duplicate or
  /// blank id, a missing feature or a value the quotas do not know.
  void add(std::string id, const std::map<std::string, std::string>& values, std::string household = {});
  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }              ///< Number of people.
  [[nodiscard]] const std::string& id(std::size_t person) const { return ids_.at(person); }  ///< Id of a person.
  /// Index of the value person `person` has for feature `feature` (indexes as in the quotas).
  [[nodiscard]] std::size_t value(std::size_t person, std::size_t feature) const {
    return values_.at(person * feature_count_ + feature);
  }
  /// Household key of a person (empty: none).
  [[nodiscard]] const std::string& household(std::size_t person) const { return households_.at(person); }
  /// Index of the person with this id. @throws NotFound.
  [[nodiscard]] std::size_t index_of(std::string_view id) const;
  /// The quotas the pool was built for.
  [[nodiscard]] const Quotas& quotas() const noexcept { return quotas_; }

 private:
  Quotas quotas_;
  std::size_t feature_count_;
  std::vector<std::string> ids_;
  std::vector<std::size_t> values_;
  std::vector<std::string> households_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

/// How to read a people file.
struct PeopleCsvOptions {
  std::string id_column = "id";                  ///< Column with unique ids; empty: the row number (1, 2, …) is the id.
  std::vector<std::string> address_columns = {};  ///< People with equal values in all of these share a household.
};

/// Builds a pool from a parsed people table. @throws InvalidInput naming file, line and field.
[[nodiscard]] Pool pool_from_table(const CsvTable& table, const Quotas& quotas, const PeopleCsvOptions& options = {});
/// Reads a people CSV file. @throws IoError or InvalidInput naming file, line and field.
[[nodiscard]] Pool read_people_csv(const std::filesystem::path& path, const Quotas& quotas,
                                   const PeopleCsvOptions& options = {});

}  // namespace servicedesign::selection
