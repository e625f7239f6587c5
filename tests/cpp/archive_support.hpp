// Helpers for tests that take archives apart: the header's words, and a valid envelope around any payload.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace servicedesign::testing {

// Standard CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as the header documents.
inline std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

inline std::string hex8(std::uint32_t v) {
  std::ostringstream out;
  out << std::hex;
  out.width(8);
  out.fill('0');
  out << v;
  return out.str();
}

// The header line's words: magic, version, type, format, payload size, crc.
inline std::vector<std::string> header_words(const std::string& archive) {
  std::istringstream line(archive.substr(0, archive.find('\n')));
  std::vector<std::string> words;
  for (std::string w; line >> w;) words.push_back(w);
  return words;
}

inline std::string payload_of(const std::string& archive) { return archive.substr(archive.find('\n') + 1); }

// The archive with header word `index` replaced by `value`.
inline std::string with_header_word(const std::string& archive, std::size_t index, const std::string& value) {
  auto words = header_words(archive);
  words.at(index) = value;
  std::string header;
  for (const auto& w : words) header += (header.empty() ? "" : " ") + w;
  return header + "\n" + payload_of(archive);
}

// A well-formed envelope around `payload`, with a correct size and checksum.
inline std::string envelope(const std::string& format, const std::string& payload) {
  return "servicedesign-archive 1 project " + format + " " + std::to_string(payload.size()) + " " + hex8(crc32(payload)) +
         "\n" + payload;
}

}  // namespace servicedesign::testing
