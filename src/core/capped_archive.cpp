#include "capped_archive.hpp"

#include <string>

#include "servicedesign/core/error.hpp"
// Boost's archive templates, instantiated here for the capped archives (as Boost's own examples do for
// portable archives).
#include <boost/archive/impl/archive_serializer_map.ipp>
#include <boost/archive/impl/basic_binary_iarchive.ipp>
#include <boost/archive/impl/basic_binary_iprimitive.ipp>
#include <boost/archive/impl/basic_text_iarchive.ipp>
#include <boost/archive/impl/text_iarchive_impl.ipp>

namespace servicedesign::detail {

void check_length(std::istream& in, std::size_t length, std::size_t payload_size) {
  const std::streamoff at = in.tellg();
  const std::size_t left = at < 0 ? 0 : payload_size - std::min(payload_size, static_cast<std::size_t>(at));
  if (length > left) {
    throw FormatError("a length of " + std::to_string(length) + " exceeds the " + std::to_string(left) +
                      " bytes left in the archive (forged or corrupted)");
  }
}

void capped_text_iarchive::load(std::string& s) {
  std::size_t size = 0;
  *this >> size;
  check_length(is, size, payload_size_);
  is.get();  // the space between the length and the characters
  s.resize(size);
  if (size > 0) is.read(s.data(), static_cast<std::streamsize>(size));
}

void capped_binary_iarchive::load(std::string& s) {
  std::size_t size = 0;
  base::load(size);
  check_length(in_, size, payload_size_);
  s.resize(size);
  if (size > 0) load_binary(s.data(), size);
}

void capped_binary_iarchive::load(bool& b) {
  unsigned char byte = 0;
  load_binary(&byte, 1);
  if (byte > 1) throw FormatError("a truth value is stored as " + std::to_string(byte) + ", not 0 or 1 (forged or corrupted)");
  b = byte == 1;
}

}  // namespace servicedesign::detail

namespace boost::archive {
template class detail::archive_serializer_map<servicedesign::detail::capped_text_iarchive>;
template class basic_text_iarchive<servicedesign::detail::capped_text_iarchive>;
template class text_iarchive_impl<servicedesign::detail::capped_text_iarchive>;
template class detail::archive_serializer_map<servicedesign::detail::capped_binary_iarchive>;
template class basic_binary_iarchive<servicedesign::detail::capped_binary_iarchive>;
template class basic_binary_iprimitive<servicedesign::detail::capped_binary_iarchive, char, std::char_traits<char>>;
template class binary_iarchive_impl<servicedesign::detail::capped_binary_iarchive, char, std::char_traits<char>>;
}  // namespace boost::archive
