// The library's strict CSV reader and atomic writer, for the Python side's own files (the CLI's inputs and
// outputs, reports): one implementation, fuzzed in C++, with errors that name the file and line.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <utility>

#include "bindings.hpp"
#include "servicedesign/core/atomic_file.hpp"
#include "servicedesign/core/csv.hpp"
#include "servicedesign/core/digest.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

void init_files(py::module_& m) {
  m.def(
      "read_csv",
      [](const std::filesystem::path& path, char delimiter) {
        CsvTable table = servicedesign::read_csv(path, delimiter);
        py::gil_scoped_acquire gil;
        return py::make_tuple(std::move(table.header), std::move(table.rows), std::move(table.lines));
      },
      "path"_a, "delimiter"_a = ',', py::call_guard<py::gil_scoped_release>(),
      "Reads a UTF-8 CSV file strictly (RFC 4180; BOM and CRLF accepted): (header, rows, line of each row). "
      "Raises InvalidInputError naming the file and line for ragged rows, bad quotes or text that is not UTF-8.");
  m.def(
      "write_file_atomically",
      [](const std::filesystem::path& path, const py::bytes& contents) {
        const std::string data = contents;
        py::gil_scoped_release release;
        servicedesign::write_file_atomically(path, data);
      },
      "path"_a, "contents"_a,
      "Writes the bytes to a temporary file beside ``path`` and renames it over ``path``: readers see the old "
      "file or the new one, never a part. Raises IoError naming the path.");
  m.def("sha256_file_hex", &servicedesign::sha256_file_hex, "path"_a, py::call_guard<py::gil_scoped_release>(),
        "SHA-256 of a file's bytes, 64 hexadecimal digits (as sha256sum). Raises IoError naming the path.");
}

}  // namespace servicedesign::bindings
