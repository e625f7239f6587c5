/// @file
/// A strict CSV reader (RFC 4180) whose errors name the file, line and column.
///
/// Accepts a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with embedded commas,
/// quotes (`""`) and line breaks. Rejects what would silently corrupt data: rows with a different
/// number of fields than the header, text that is not UTF-8 (e.g. a Latin-1 export), a stray quote
/// inside an unquoted field, an unterminated quote, duplicate or blank header names.
///
/// **Example**
/// @code
/// auto table = servicedesign::read_csv("people.csv");
/// const std::size_t id = table.column("id");
/// for (std::size_t r = 0; r < table.rows.size(); ++r)
///   std::cout << table.rows[r][id] << " on line " << table.line_of(r) << '\n';
/// @endcode
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign {

/// A parsed CSV file: a header and rows of equal width.
struct CsvTable {
  std::string source;                          ///< File name used in error messages.
  std::vector<std::string> header;             ///< Column names, trimmed.
  std::vector<std::vector<std::string>> rows;  ///< Data rows; every row has `header.size()` fields.
  std::vector<std::size_t> lines;              ///< 1-based line where each row starts.

  /// Index of the column named `name` (compared case-insensitively for ASCII letters).
  /// @throws InvalidInput naming the file and the missing column.
  [[nodiscard]] std::size_t column(std::string_view name) const;
  /// Like column(), but returns nothing when the column is absent.
  [[nodiscard]] std::optional<std::size_t> find_column(std::string_view name) const;
  /// Line on which data row `row` starts.
  [[nodiscard]] std::size_t line_of(std::size_t row) const { return lines.at(row); }
};

/// Parses CSV text. `source` names the text in error messages.
/// @throws InvalidInput naming `source`, the line and, where it applies, the column.
[[nodiscard]] CsvTable parse_csv(std::string_view text, std::string source, char delimiter = ',');

/// Reads and parses a CSV file.
/// @throws IoError when the file cannot be read (missing, unreadable, or a directory); InvalidInput when it
///         is malformed.
[[nodiscard]] CsvTable read_csv(const std::filesystem::path& path, char delimiter = ',');

/// True when `text` is well-formed UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace servicedesign
