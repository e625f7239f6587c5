// Entry point of servicedesign._core: each area of the library registers itself in its own file.
#include <string>

#include "bindings.hpp"
#include "servicedesign/version.hpp"

namespace py = pybind11;

namespace {

// Gives a module and its submodules an __all__ of their public names, sorted: what `from m import *` took
// without one, now stated (and what the type stubs list, which stubtest checks against it).
void set_all(const py::module_& m) {
  const std::string prefix = py::cast<std::string>(m.attr("__name__")) + ".";
  py::list names;
  for (const auto& [key, value] : py::reinterpret_borrow<py::dict>(m.attr("__dict__"))) {
    const auto name = py::cast<std::string>(key);
    if (name.starts_with('_')) continue;
    names.append(key);
    if (py::isinstance<py::module_>(value) && py::cast<std::string>(value.attr("__name__")).starts_with(prefix)) {
      set_all(py::reinterpret_borrow<py::module_>(value));
    }
  }
  names.attr("sort")();
  m.attr("__all__") = names;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of servicedesign; use the servicedesign package, not this module.";
  m.attr("__version__") = servicedesign::version_string;
  servicedesign::bindings::init_errors(m);
  servicedesign::bindings::init_files(m);
  servicedesign::bindings::init_process(m);
  servicedesign::bindings::init_selection(m);
  servicedesign::bindings::init_insights(m);
  servicedesign::bindings::init_process_bridges(m);
  servicedesign::bindings::init_priorities(m);
  set_all(m);
}
