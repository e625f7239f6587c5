/// @file
/// SHA-256 digests (FIPS 180-4), for audit records anyone can check with standard tools
/// (`sha256sum`, Python's `hashlib`): checksums of input files and of a published lottery.
///
/// **Example**
/// @code
/// servicedesign::sha256_hex("abc");  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// @endcode
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace servicedesign {

/// The SHA-256 digest of `bytes`.
[[nodiscard]] std::array<std::uint8_t, 32> sha256(std::string_view bytes);
/// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
/// The SHA-256 digest of a file's bytes as 64 lowercase hexadecimal digits. @throws IoError naming the file.
[[nodiscard]] std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace servicedesign
