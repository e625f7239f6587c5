#include "servicedesign/core/csv.hpp"

#include <algorithm>
#include <set>

#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/error.hpp"
#include "text.hpp"

namespace servicedesign {

namespace {

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    unsigned min_code = 0;
    unsigned code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c >> 5) == 0x6) {
      len = 2; code = c & 0x1F; min_code = 0x80;
    } else if ((c >> 4) == 0xE) {
      len = 3; code = c & 0x0F; min_code = 0x800;
    } else if ((c >> 3) == 0x1E) {
      len = 4; code = c & 0x07; min_code = 0x10000;
    } else {
      return i;
    }
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc >> 6) != 0x2) return i;
      code = (code << 6) | (cc & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  return first_invalid_utf8(text) == std::string_view::npos;
}

std::optional<std::size_t> CsvTable::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (iequals_ascii(header[i], name)) return i;
  }
  return std::nullopt;
}

std::size_t CsvTable::column(std::string_view name) const {
  if (auto index = find_column(name)) return *index;
  throw InvalidInput(Location{source, 1, std::string(name)}, "required column is missing from the header");
}

CsvTable parse_csv(std::string_view text, std::string source, char delimiter) {
  CsvTable table;
  table.source = std::move(source);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark

  if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const auto line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    throw InvalidInput(Location{table.source, line, {}},
                       "text is not valid UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8");
  }

  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> record_lines;
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1;
  std::size_t record_line = 1;
  bool in_quotes = false;
  bool field_was_quoted = false;
  bool after_closing_quote = false;

  auto end_field = [&] {
    record.push_back(field_was_quoted ? field : detail::trim(field));
    field.clear();
    field_was_quoted = false;
    after_closing_quote = false;
  };
  auto end_record = [&] {
    end_field();
    // A line holding nothing at all is skipped (e.g. a trailing blank line).
    if (!(record.size() == 1 && record[0].empty())) {
      records.push_back(std::move(record));
      record_lines.push_back(record_line);
    }
    record.clear();
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
          after_closing_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == delimiter) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else if (c == '"') {
      if (!detail::trim(field).empty() || after_closing_quote) {
        throw InvalidInput(Location{table.source, line, {}},
                           "stray quote inside a field; quote the whole field and double inner quotes (\"\")");
      }
      field.clear();
      in_quotes = true;
      field_was_quoted = true;
    } else {
      if (after_closing_quote && c != ' ' && c != '\t') {
        throw InvalidInput(Location{table.source, line, {}}, "text after a closing quote");
      }
      if (!after_closing_quote) field.push_back(c);
    }
  }
  if (in_quotes) {
    throw InvalidInput(Location{table.source, record_line, {}}, "quoted field is never closed");
  }
  if (!field.empty() || field_was_quoted || !record.empty()) end_record();

  if (records.empty()) throw InvalidInput(Location{table.source, 1, {}}, "file is empty: a header row is required");

  table.header = std::move(records.front());
  std::set<std::string> seen;
  for (const auto& name : table.header) {
    if (name.empty()) throw InvalidInput(Location{table.source, record_lines.front(), {}}, "blank column name in the header");
    if (!seen.insert(detail::ascii_lower(name)).second) {
      throw InvalidInput(Location{table.source, record_lines.front(), name}, "duplicate column name in the header");
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      throw InvalidInput(Location{table.source, record_lines[r], {}},
                         "row has " + std::to_string(records[r].size()) + " fields but the header has " +
                             std::to_string(table.header.size()));
    }
    table.rows.push_back(std::move(records[r]));
    table.lines.push_back(record_lines[r]);
  }
  return table;
}

CsvTable read_csv(const std::filesystem::path& path, char delimiter) {
  return parse_csv(read_file(path), path.string(), delimiter);
}

}  // namespace servicedesign
