// Internal: one object to and from a Boost archive payload of any format, with the library's errors.
// Text and binary payloads are read through the capped archives (every length checked against the bytes
// left); XML is read as Boost reads it (trusted files only).
#pragma once

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/serialization/nvp.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "capped_archive.hpp"
#include "servicedesign/core/archive.hpp"
#include "servicedesign/core/error.hpp"

namespace servicedesign::detail {

template <class T>
std::string write_boost_archive(const T& object, const char* tag, ArchiveFormat format) {
  std::ostringstream out(std::ios::binary);
  {
    const auto flags = boost::archive::no_codecvt;  // UTF-8 bytes pass through unchanged
    switch (format) {
      case ArchiveFormat::text: {
        boost::archive::text_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp(tag, object);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp(tag, object);
        break;
      }
      case ArchiveFormat::binary: {
        boost::archive::binary_oarchive ar(out, flags);
        ar << boost::serialization::make_nvp(tag, object);
        break;
      }
    }
  }
  return std::move(out).str();
}

// Reads `object` from `payload`; every failure becomes a FormatError (VersionError for a newer class
// version) prefixed with `where`.
template <class T>
void read_boost_archive(std::string_view payload, ArchiveFormat format, const char* tag, T& object,
                        const std::string& where) {
  try {
    std::istringstream in{std::string(payload), std::ios::binary};
    const auto flags = boost::archive::no_codecvt;
    switch (format) {
      case ArchiveFormat::text: {
        capped_text_iarchive ar(in, payload.size(), flags);
        ar >> boost::serialization::make_nvp(tag, object);
        break;
      }
      case ArchiveFormat::xml: {
        boost::archive::xml_iarchive ar(in, flags);
        ar >> boost::serialization::make_nvp(tag, object);
        break;
      }
      case ArchiveFormat::binary: {
        capped_binary_iarchive ar(in, payload.size(), flags);
        ar >> boost::serialization::make_nvp(tag, object);
        break;
      }
    }
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::unsupported_version ||
        e.code == boost::archive::archive_exception::unsupported_class_version) {
      throw VersionError(where + ": the archive was written by a newer version of servicedesign or of Boost.Serialization (" +
                         e.what() + ")");
    }
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  } catch (const VersionError& e) {
    throw VersionError(where + ": " + e.what());
  } catch (const Error& e) {
    // e.g. an unknown process model or a step outside the model: the payload does not fit this library.
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  } catch (const std::exception& e) {
    throw FormatError(where + ": the archive cannot be read: " + e.what());
  }
}

}  // namespace servicedesign::detail
