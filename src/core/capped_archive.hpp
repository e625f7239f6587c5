// Internal: Boost text and binary input archives that refuse lengths the input cannot hold.
//
// Boost reads a string's or a collection's length and allocates before it reads the items, so a forged
// archive (valid checksum, length 10^15) would make it allocate without bound. These archives check every
// length against the bytes left in the payload first: each character and each item takes at least one byte,
// so a larger length is a lie and the load stops with a FormatError. XML archives are not capped: they
// are for trusted files (see archive.hpp), as Boost 1.74's XML reader itself reads out of bounds on
// crafted end tags.
#pragma once

#include <boost/archive/binary_iarchive_impl.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/serialization/array_optimization.hpp>
#include <boost/serialization/collection_size_type.hpp>
#include <cstddef>
#include <istream>
#include <string>

namespace servicedesign::detail {

// Throws FormatError when `length` items cannot fit in what is left of `in`.
void check_length(std::istream& in, std::size_t length, std::size_t payload_size);

class capped_text_iarchive : public boost::archive::text_iarchive_impl<capped_text_iarchive> {
  using base = boost::archive::text_iarchive_impl<capped_text_iarchive>;
  friend class boost::archive::detail::interface_iarchive<capped_text_iarchive>;
  friend class boost::archive::basic_text_iarchive<capped_text_iarchive>;
  friend class boost::archive::load_access;

 public:
  capped_text_iarchive(std::istream& in, std::size_t payload_size, unsigned int flags)
      : base(in, flags), payload_size_(payload_size) {
    if ((flags & boost::archive::no_header) == 0) init();
  }

 protected:
  using base::load;
  void load(std::string& s);
  template <class T>
  void load_override(T& t) {
    base::load_override(t);
  }
  void load_override(boost::serialization::collection_size_type& t) {
    base::load_override(t);
    check_length(is, static_cast<const boost::serialization::collection_size_type&>(t), payload_size_);
  }

 private:
  std::size_t payload_size_;
};

class capped_binary_iarchive
    : public boost::archive::binary_iarchive_impl<capped_binary_iarchive, char, std::char_traits<char>> {
  using base = boost::archive::binary_iarchive_impl<capped_binary_iarchive, char, std::char_traits<char>>;
  friend class boost::archive::detail::interface_iarchive<capped_binary_iarchive>;
  friend class boost::archive::basic_binary_iarchive<capped_binary_iarchive>;
  friend class boost::archive::basic_binary_iprimitive<capped_binary_iarchive, char, std::char_traits<char>>;
  friend class boost::archive::load_access;

 public:
  capped_binary_iarchive(std::istream& in, std::size_t payload_size, unsigned int flags)
      : base(in, flags), in_(in), payload_size_(payload_size) {
    init(flags);
  }

 protected:
  using base::load;
  void load(std::string& s);
  void load(bool& b);  // Boost reads the byte into a bool as is: any value but 0 and 1 is undefined behaviour
  template <class T>
  void load_override(T& t) {
    base::load_override(t);
  }
  void load_override(boost::serialization::collection_size_type& t) {
    base::load_override(t);
    check_length(in_, static_cast<const boost::serialization::collection_size_type&>(t), payload_size_);
  }

 private:
  std::istream& in_;
  std::size_t payload_size_;
};

}  // namespace servicedesign::detail

// As Boost's own binary_iarchive: vectors of numbers are read as one block, the way binary_oarchive writes
// them (their element count still passes through the length check above).
BOOST_SERIALIZATION_USE_ARRAY_OPTIMIZATION(servicedesign::detail::capped_binary_iarchive)
