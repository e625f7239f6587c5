#include "servicedesign/selection/pool.hpp"

#include <charconv>
#include <limits>
#include <set>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/error.hpp"
#include "../core/text.hpp"

namespace servicedesign::selection {

namespace {
using servicedesign::detail::excerpt;  // values quoted in messages come from files: their start only
}  // namespace

void Quotas::set(std::string_view feature, std::string_view value, std::size_t min, std::size_t max,
                 std::optional<std::size_t> min_flex, std::optional<std::size_t> max_flex) {
  const std::string f = servicedesign::detail::trim(feature);
  const std::string v = servicedesign::detail::trim(value);
  if (f.empty() || v.empty()) throw InvalidInput("a quota needs a feature and a value");
  if (min > max) {
    throw InvalidInput("quota " + f + "=" + v + ": min " + std::to_string(min) + " is greater than max " + std::to_string(max));
  }
  // Without flex bounds a quota may be relaxed as far as needed when proposing a fix.
  const std::size_t lo = min_flex.value_or(0);
  const std::size_t hi = max_flex.value_or(std::numeric_limits<std::size_t>::max());
  if (lo > min) throw InvalidInput("quota " + f + "=" + v + ": min_flex " + std::to_string(lo) + " is greater than min " + std::to_string(min));
  if (hi < max) throw InvalidInput("quota " + f + "=" + v + ": max_flex " + std::to_string(hi) + " is less than max " + std::to_string(max));
  std::size_t fi = 0;
  if (auto found = find_feature(f)) {
    fi = *found;
  } else {
    fi = features_.size();
    features_.push_back({f, {}});
  }
  auto& values = features_[fi].values;
  if (auto vi = find_value(fi, v)) {
    values[*vi] = {values[*vi].value, min, max, lo, hi};
  } else {
    values.push_back({v, min, max, lo, hi});
  }
}

std::optional<std::size_t> Quotas::find_feature(std::string_view feature) const {
  const std::string key = servicedesign::detail::fold(feature);
  for (std::size_t i = 0; i < features_.size(); ++i) {
    if (servicedesign::detail::fold(features_[i].feature) == key) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Quotas::find_value(std::size_t f, std::string_view value) const {
  const std::string key = servicedesign::detail::fold(value);
  const auto& values = features_.at(f).values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (servicedesign::detail::fold(values[i].value) == key) return i;
  }
  return std::nullopt;
}

namespace {

std::size_t parse_bound(const CsvTable& table, std::size_t row, std::size_t column) {
  const std::string& text = table.rows[row][column];
  const Location where{table.source, table.line_of(row), table.header[column]};
  if (text.empty()) throw InvalidInput(where, "is empty; write a whole number");
  if (text[0] == '-') throw InvalidInput(where, "'" + excerpt(text) + "' is negative");
  std::size_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw InvalidInput(where, "'" + excerpt(text) + "' is not a whole number");
  }
  return value;
}

}  // namespace

Quotas parse_features_csv(std::string_view text, std::string source) {
  const CsvTable table = parse_csv(text, std::move(source));
  // Current header first, then the older spellings of sortition-algorithms.
  std::size_t feature_col = 0;
  std::size_t value_col = 0;
  if (table.find_column("feature") && table.find_column("value")) {
    feature_col = table.column("feature");
    value_col = table.column("value");
  } else if (table.find_column("category") && table.find_column("name")) {
    feature_col = table.column("category");
    value_col = table.column("name");
  } else if (table.find_column("category") && table.find_column("feature")) {
    feature_col = table.column("category");
    value_col = table.column("feature");
  } else {
    throw InvalidInput(Location{table.source, 1, {}}, "the header needs columns feature,value,min,max (or category,name,min,max)");
  }
  const std::size_t min_col = table.column("min");
  const std::size_t max_col = table.column("max");
  const auto min_flex_col = table.find_column("min_flex");
  const auto max_flex_col = table.find_column("max_flex");
  Quotas quotas;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::size_t line = table.line_of(r);
    if (row[feature_col].empty()) throw InvalidInput(Location{table.source, line, table.header[feature_col]}, "is empty");
    if (row[value_col].empty()) throw InvalidInput(Location{table.source, line, table.header[value_col]}, "is empty");
    if (!seen.insert({servicedesign::detail::fold(row[feature_col]), servicedesign::detail::fold(row[value_col])}).second) {
      throw InvalidInput(Location{table.source, line, table.header[value_col]},
                         "'" + excerpt(row[feature_col]) + "=" + excerpt(row[value_col]) + "' appears twice");
    }
    const std::size_t min = parse_bound(table, r, min_col);
    const std::size_t max = parse_bound(table, r, max_col);
    if (min > max) {
      throw InvalidInput(Location{table.source, line, "min"},
                         "min " + std::to_string(min) + " is greater than max " + std::to_string(max));
    }
    std::optional<std::size_t> min_flex;
    std::optional<std::size_t> max_flex;
    if (min_flex_col && !row[*min_flex_col].empty()) min_flex = parse_bound(table, r, *min_flex_col);
    if (max_flex_col && !row[*max_flex_col].empty()) max_flex = parse_bound(table, r, *max_flex_col);
    if (min_flex && *min_flex > min) {
      throw InvalidInput(Location{table.source, line, "min_flex"},
                         std::to_string(*min_flex) + " is greater than min " + std::to_string(min));
    }
    if (max_flex && *max_flex < max) {
      throw InvalidInput(Location{table.source, line, "max_flex"},
                         std::to_string(*max_flex) + " is less than max " + std::to_string(max));
    }
    quotas.set(row[feature_col], row[value_col], min, max, min_flex, max_flex);
  }
  if (quotas.features().empty()) throw InvalidInput(Location{table.source, 1, {}}, "no quotas: the file has a header only");
  return quotas;
}

Quotas read_features_csv(const std::filesystem::path& path) {
  return parse_features_csv(read_file(path), path.string());
}

Pool::Pool(const Quotas& quotas) : quotas_(quotas), feature_count_(quotas.features().size()) {}

void Pool::add(std::string id, const std::map<std::string, std::string>& values, std::string household) {
  id = servicedesign::detail::trim(id);
  if (id.empty()) throw InvalidInput("a person has a blank id");
  if (index_.count(id)) throw InvalidInput("duplicate id '" + excerpt(id) + "'");
  std::vector<std::size_t> row(feature_count_);
  for (std::size_t f = 0; f < feature_count_; ++f) {
    const std::string& feature = quotas_.features()[f].feature;
    const std::string* found = nullptr;
    for (const auto& [key, value] : values) {
      if (servicedesign::detail::fold(key) == servicedesign::detail::fold(feature)) found = &value;
    }
    if (!found) throw InvalidInput("person '" + excerpt(id) + "' has no value for feature '" + excerpt(feature) + "'");
    const auto vi = quotas_.find_value(f, *found);
    if (!vi) {
      throw InvalidInput(Location{{}, 0, feature}, "person '" + excerpt(id) + "' has value '" + excerpt(*found) +
                                                       "', which the quotas do not list for this feature");
    }
    row[f] = *vi;
  }
  index_.emplace(id, ids_.size());
  ids_.push_back(std::move(id));
  values_.insert(values_.end(), row.begin(), row.end());
  households_.push_back(std::move(household));
}

std::size_t Pool::index_of(std::string_view id) const {
  const auto it = index_.find(id);
  if (it == index_.end()) throw NotFound("unknown person id '" + std::string(id) + "' in the pool");
  return it->second;
}

Pool pool_from_table(const CsvTable& table, const Quotas& quotas, const PeopleCsvOptions& options) {
  Pool pool(quotas);
  // Without an id column (the published example pools have none) the row number is the id.
  const bool row_ids = options.id_column.empty();
  const std::size_t id_col = row_ids ? 0 : table.column(options.id_column);
  std::vector<std::size_t> feature_cols;
  for (const auto& f : quotas.features()) feature_cols.push_back(table.column(f.feature));
  std::vector<std::size_t> address_cols;
  for (const auto& a : options.address_columns) address_cols.push_back(table.column(a));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::size_t line = table.line_of(r);
    const std::string id = row_ids ? std::to_string(r + 1) : row[id_col];
    if (id.empty()) throw InvalidInput(Location{table.source, line, table.header[id_col]}, "blank id");
    std::map<std::string, std::string> values;
    for (std::size_t f = 0; f < feature_cols.size(); ++f) {
      const std::string& value = row[feature_cols[f]];
      if (!quotas.find_value(f, value)) {
        throw InvalidInput(Location{table.source, line, table.header[feature_cols[f]]},
                           "unknown value '" + excerpt(value) + "': the features file lists no quota for it");
      }
      values[quotas.features()[f].feature] = value;
    }
    std::string household;
    if (!address_cols.empty()) {
      bool any = false;
      for (std::size_t c : address_cols) {
        household += servicedesign::detail::fold(row[c]) + '\x1f';  // unit separator: no value contains it
        any = any || !row[c].empty();
      }
      if (!any) household.clear();  // no address given: nobody to share a household with
    }
    try {
      pool.add(id, values, household);
    } catch (const InvalidInput& e) {
      throw InvalidInput(Location{table.source, line, row_ids ? std::string() : table.header[id_col]}, e.what());
    }
  }
  return pool;
}

Pool read_people_csv(const std::filesystem::path& path, const Quotas& quotas, const PeopleCsvOptions& options) {
  return pool_from_table(read_csv(path), quotas, options);
}

}  // namespace servicedesign::selection
