// Entry point of servicedesign._core: each area of the library registers itself in its own file.
#include "bindings.hpp"

#include "servicedesign/version.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of servicedesign; use the servicedesign package, not this module.";
  m.attr("__version__") = servicedesign::version_string;
  servicedesign::bindings::init_errors(m);
  servicedesign::bindings::init_files(m);
  servicedesign::bindings::init_process(m);
  servicedesign::bindings::init_selection(m);
  servicedesign::bindings::init_insights(m);
  servicedesign::bindings::init_priorities(m);
}
