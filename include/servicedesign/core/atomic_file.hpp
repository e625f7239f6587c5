/// @file
/// Crash-safe file writes and whole-file reads.
///
/// A save never leaves a half-written file: the data goes to a temporary file in the same folder,
/// is flushed to disk, and then replaces the target with one atomic `rename`. After a crash the
/// target is either the old complete file or the new complete file.
///
/// **Example**
/// @code
/// servicedesign::write_file_atomically("report.txt", "three needs, two arenas\n");
/// std::string text = servicedesign::read_file("report.txt");
/// @endcode
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace servicedesign {

/// Writes `contents` to `path` atomically (temporary file + fsync + rename).
/// @throws IoError naming the path and the system's reason when the folder is missing or
///         unwritable or the disk is full; the old file, if any, is then left as it was.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

/// Reads a whole file into a string.
/// @throws IoError naming the path when it cannot be opened or read, or is a directory.
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

}  // namespace servicedesign
