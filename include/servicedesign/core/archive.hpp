/// @file
/// The archive envelope that every saved object shares (projects, theme models): a one-line header
/// followed by a Boost archive (text, XML or binary):
///
///     servicedesign-archive 1 <type> <format> <payload bytes> <crc32 hex>
///
/// The header carries the envelope version, the type of object, the format, the payload's length and its
/// CRC-32, so a truncated or corrupted file is detected before anything is read, a file written by a newer
/// version is refused with a VersionError, and an archive of another type is never read as this one.
///
/// **Example**
/// @code
/// const std::string sealed = servicedesign::seal_archive("theme-model", ArchiveFormat::text, payload);
/// const auto opened = servicedesign::open_archive(sealed, "theme-model", "themes.sdthemes");
/// // opened.format == ArchiveFormat::text; opened.payload == payload
/// @endcode
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace servicedesign {

/// Boost archive flavour of the payload. Binary archives are fast but tied to the machine's byte order and
/// the Boost version that wrote them; text and XML are portable. XML is for trusted files only.
enum class ArchiveFormat : std::uint8_t { text, xml, binary };

/// Key of a format: `"text"`, `"xml"` or `"binary"`.
[[nodiscard]] std::string_view to_string(ArchiveFormat format) noexcept;

/// The format named `"text"`, `"xml"` or `"binary"`; throws InvalidInput naming the accepted ones.
[[nodiscard]] ArchiveFormat archive_format_from_string(std::string_view name);

/// Version of the archive envelope this library writes; it reads this and every earlier one.
inline constexpr unsigned archive_envelope_version = 1;

/// `payload` (a Boost archive of `format`) behind the envelope's header for an object of `type`.
[[nodiscard]] std::string seal_archive(std::string_view type, ArchiveFormat format, std::string_view payload);

/// What open_archive() found behind the header.
struct OpenedArchive {
  ArchiveFormat format = ArchiveFormat::text;  ///< As the header says (and the payload's signature agrees).
  std::string_view payload;                    ///< The Boost archive, a view into the data given.
};

/// Checks the envelope of `data` (header, type, length, checksum, the Boost signature of the announced
/// format) and returns its payload. `source` names the data in errors (a path, or "<memory>").
/// @throws FormatError for a malformed, truncated or corrupted archive; VersionError for a newer envelope
///         version or an archive of another type than `type`.
[[nodiscard]] OpenedArchive open_archive(std::string_view data, std::string_view type, std::string_view source);

}  // namespace servicedesign
