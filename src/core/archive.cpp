#include "servicedesign/core/archive.hpp"

#include <boost/crc.hpp>
#include <charconv>
#include <cstdio>
#include <optional>
#include <sstream>

#include "servicedesign/core/error.hpp"
#include "text.hpp"

namespace servicedesign {

namespace {

constexpr std::string_view magic = "servicedesign-archive";

std::uint32_t crc32_of(std::string_view data) {
  boost::crc_32_type crc;
  crc.process_bytes(data.data(), data.size());
  return crc.checksum();
}

// A header word that must be a plain decimal number: digits only, no sign, nothing after them.
template <class T>
std::optional<T> decimal(std::string_view word) {
  T value{};
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || ptr != word.data() + word.size()) return std::nullopt;
  return value;
}

std::string hex8(std::uint32_t value) {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", value);
  return buffer;
}

}  // namespace

std::string_view to_string(ArchiveFormat format) noexcept {
  switch (format) {
    case ArchiveFormat::text: return "text";
    case ArchiveFormat::xml: return "xml";
    case ArchiveFormat::binary: return "binary";
  }
  return "unknown";
}

ArchiveFormat archive_format_from_string(std::string_view name) {
  if (name == "text") return ArchiveFormat::text;
  if (name == "xml") return ArchiveFormat::xml;
  if (name == "binary") return ArchiveFormat::binary;
  throw InvalidInput("format: '" + detail::excerpt(name) + "' is not an archive format; use 'text', 'xml' or 'binary'");
}

std::string seal_archive(std::string_view type, ArchiveFormat format, std::string_view payload) {
  return std::string(magic) + " " + std::to_string(archive_envelope_version) + " " + std::string(type) + " " +
         std::string(to_string(format)) + " " + std::to_string(payload.size()) + " " + hex8(crc32_of(payload)) + "\n" +
         std::string(payload);
}

OpenedArchive open_archive(std::string_view data, std::string_view type, std::string_view source) {
  const std::string where(source);
  constexpr std::size_t max_header = 200;
  const auto newline = data.substr(0, max_header + 1).find('\n');
  if (data.substr(0, magic.size()) != magic) {
    throw FormatError(where + ": not a servicedesign archive (the header line is missing)");
  }
  if (newline == std::string_view::npos) {
    throw FormatError(where + ": the archive header line is cut off or longer than " + std::to_string(max_header) +
                      " bytes");
  }
  std::istringstream header{std::string(data.substr(0, newline))};
  std::string found_magic, version_word, found_type, format_word, size_word, crc_word;
  if (!(header >> found_magic >> version_word >> found_type >> format_word >> size_word >> crc_word)) {
    throw FormatError(where + ": the archive header is malformed");
  }
  // Header words are quoted by their start only: the line may be up to 200 bytes of anything.
  const auto version = decimal<unsigned>(version_word);
  if (!version) {
    throw FormatError(where + ": the header's version field '" + detail::excerpt(version_word) +
                      "' is not a version number");
  }
  if (*version > archive_envelope_version) {
    throw VersionError(where + ": archive format version " + std::to_string(*version) +
                       " is newer than this library reads (" + std::to_string(archive_envelope_version) +
                       "); update servicedesign");
  }
  if (found_type != type) {
    throw VersionError(where + ": the archive holds a '" + detail::excerpt(found_type) + "', not a " + std::string(type));
  }
  ArchiveFormat format{};
  if (format_word == "text") {
    format = ArchiveFormat::text;
  } else if (format_word == "xml") {
    format = ArchiveFormat::xml;
  } else if (format_word == "binary") {
    format = ArchiveFormat::binary;
  } else {
    throw FormatError(where + ": unknown archive format '" + detail::excerpt(format_word) + "' in the header");
  }
  const auto size = decimal<std::size_t>(size_word);
  if (!size) {
    throw FormatError(where + ": the header's length field '" + detail::excerpt(size_word) + "' is not a byte count");
  }
  const std::string_view payload = data.substr(newline + 1);
  if (payload.size() != *size) {
    throw FormatError(where + ": the archive is truncated or padded: the header promises " + std::to_string(*size) +
                      " bytes, the file holds " + std::to_string(payload.size()));
  }
  std::uint32_t expected = 0;
  const auto [ptr, ec] = std::from_chars(crc_word.data(), crc_word.data() + crc_word.size(), expected, 16);
  if (ec != std::errc() || ptr != crc_word.data() + crc_word.size()) {
    throw FormatError(where + ": the archive header has a malformed checksum");
  }
  if (crc32_of(payload) != expected) {
    throw FormatError(where + ": checksum mismatch: the archive is corrupted");
  }
  // The payload must open with the Boost signature of the announced format: reading one format as
  // another makes Boost trust garbage lengths and attempt huge allocations.
  static constexpr char binary_signature[] = "\x16\0\0\0\0\0\0\0serialization::archive";
  const bool signature_ok =
      (format == ArchiveFormat::text && payload.substr(0, 25) == "22 serialization::archive") ||
      (format == ArchiveFormat::xml && payload.substr(0, 5) == "<?xml") ||
      (format == ArchiveFormat::binary && payload.substr(0, sizeof binary_signature - 1) ==
                                              std::string_view(binary_signature, sizeof binary_signature - 1));
  if (!signature_ok) {
    throw FormatError(where + ": the payload is not a Boost " + std::string(to_string(format)) +
                      " archive as the header says");
  }
  return {format, payload};
}

}  // namespace servicedesign
