// Declarations shared by the binding files: one init function per area of the library.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace servicedesign::bindings {

void init_errors(pybind11::module_& m);
void init_files(pybind11::module_& m);
void init_process(pybind11::module_& m);
void init_process_bridges(pybind11::module_& m);  ///< After the other parts: the process bridges down to them.
void init_selection(pybind11::module_& m);
void init_insights(pybind11::module_& m);
void init_theme_model(pybind11::module_& insights);
void init_priorities(pybind11::module_& m);

// For progress callbacks of long C++ work that runs with the GIL released: takes the GIL, turns a pending
// Ctrl-C into "stop" (the exception translator re-raises Interrupted as KeyboardInterrupt), then asks
// `callback` (None: go on; a falsy return: stop).
template <class... Args>
bool python_keep_going(const pybind11::object& callback, Args&&... args) {
  pybind11::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) {
    PyErr_Clear();
    return false;
  }
  if (callback.is_none()) return true;
  const pybind11::object keep_going = callback(std::forward<Args>(args)...);
  return keep_going.is_none() || keep_going.cast<bool>();
}

// A Python callable held by C++ work that may copy it with the GIL released (a std::function stored in options
// that the work copies): the copies share one C++ reference count, so no Python reference count changes without
// the GIL; the last copy lets go of the callable holding the GIL.
inline std::shared_ptr<const pybind11::object> shared_callable(pybind11::object callable) {
  return {new pybind11::object(std::move(callable)), [](const pybind11::object* held) {
            pybind11::gil_scoped_acquire gil;
            delete held;
          }};
}

// python_keep_going for a callable held by shared_callable().
template <class... Args>
bool python_keep_going(const std::shared_ptr<const pybind11::object>& callback, Args&&... args) {
  return python_keep_going(*callback, std::forward<Args>(args)...);
}

// A stage-and-fraction progress callback (clustering, the theme model, a project's import) calling a Python
// callable held by shared_callable(); None only lets Ctrl-C stop the work.
inline std::function<bool(std::string_view, double)> python_stage_progress(pybind11::object callback) {
  return [callback = shared_callable(std::move(callback))](std::string_view stage, double fraction) {
    return python_keep_going(callback, std::string(stage), fraction);
  };
}

// An object that may be None, as an argument or a result: typed `T | None` in signatures and stubs, where a
// `const T*` (None accepted, nullptr returned as None) is typed `T`. `pointer_of` and `optional_of` convert.
template <class T>
using OptionalRef = std::optional<std::reference_wrapper<const T>>;

template <class T>
const T* pointer_of(const OptionalRef<T>& value) {
  return value ? &value->get() : nullptr;
}

template <class T>
OptionalRef<T> optional_of(const T* value) {
  if (value == nullptr) return std::nullopt;
  return std::cref(*value);
}

// str() of an enum value is its key ("quote", not "NoteKind.quote"). Replaces py::enum_'s own __str__: def() would
// chain ours in as the first overload and keep py::enum_'s as a second one that is never reached (yet is listed in
// the signatures and the type stubs).
template <class Enum>
void str_is_key(pybind11::enum_<Enum>& e) {
  e.attr("__str__") = pybind11::cpp_function([](Enum value) { return std::string(to_string(value)); },
                                             pybind11::name("__str__"), pybind11::is_method(e));
}

}  // namespace servicedesign::bindings
