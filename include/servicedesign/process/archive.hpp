/// @file
/// Saving and loading projects with Boost.Serialization, safely.
///
/// An archive file is a one-line header followed by a Boost archive (text, XML or binary):
///
///     servicedesign-archive 1 project text <payload bytes> <crc32 hex>
///
/// The header carries the envelope version, the type of object, the format, the payload's length
/// and its CRC-32, so a truncated or corrupted file is detected before anything is read, and a file
/// written by a newer version is refused with a VersionError. Writes are atomic (temporary file +
/// rename). Loading builds a new object; the caller's objects are never touched by a failed load.
/// Binary archives are fast but tied to the machine's byte order and the Boost version that wrote
/// them; text and XML are portable.
///
/// **Untrusted files.** The checksum catches accidents, not forgeries. Text and binary archives are read
/// with every length checked against the bytes left before anything is allocated, and a truth value
/// must be 0 or 1, so a forged text or binary archive ends in a FormatError, never a crash or an
/// unbounded allocation (fuzzed by `tests/fuzz/fuzz_archive`). XML archives are for trusted files only:
/// Boost 1.74's XML reader reads out of bounds on crafted end tags.
///
/// **Example**
/// @code
/// using namespace servicedesign::process;
/// save_project(project, "storvik.sdproj");                          // text by default
/// save_project(project, "storvik.xml", ArchiveFormat::xml);
/// Project again = load_project("storvik.xml");                      // format read from the header
/// @endcode
#pragma once

#include "servicedesign/core/archive.hpp"
#include <filesystem>
#include <string>
#include <string_view>

namespace servicedesign::process {

class Project;

/// Boost archive flavour of the payload (shared with every saved object: see core/archive.hpp).
using servicedesign::ArchiveFormat;
using servicedesign::to_string;
using servicedesign::archive_envelope_version;

/// Serialises a project, header included.
[[nodiscard]] std::string save_project_to_string(const Project& project, ArchiveFormat format = ArchiveFormat::text);

/// Deserialises a project from save_project_to_string()'s output. `source` names it in errors.
/// @throws FormatError for a malformed, truncated or corrupted archive; VersionError for a newer
///         format version or an archive of another type.
[[nodiscard]] Project load_project_from_string(std::string_view data, std::string_view source = "<memory>");

/// Saves atomically. @throws IoError naming the path.
void save_project(const Project& project, const std::filesystem::path& path, ArchiveFormat format = ArchiveFormat::text);

/// Loads a project saved by save_project(). @throws IoError, FormatError or VersionError naming the path.
[[nodiscard]] Project load_project(const std::filesystem::path& path);

/// The format of the project archive at `path`, so that a rewrite (after an erasure, say) keeps it.
/// @throws IoError, FormatError or VersionError naming the path, as load_project() does.
[[nodiscard]] ArchiveFormat project_archive_format(const std::filesystem::path& path);

}  // namespace servicedesign::process
