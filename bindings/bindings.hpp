// Declarations shared by the binding files: one init function per area of the library.
#pragma once

#include <pybind11/pybind11.h>

namespace servicedesign::bindings {

void init_errors(pybind11::module_& m);
void init_process(pybind11::module_& m);
void init_selection(pybind11::module_& m);
void init_insights(pybind11::module_& m);

}  // namespace servicedesign::bindings
