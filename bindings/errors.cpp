// Translates the C++ exception hierarchy to Python classes rooted at servicedesign.Error, each also
// deriving from the builtin that Python users would catch (ValueError, OSError, ...).
#include <Python.h>

#include <cstring>

#include "bindings.hpp"
#include "servicedesign/core/error.hpp"
#include "servicedesign/selection/select.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace servicedesign::bindings {

namespace {

py::object make_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("servicedesign.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  auto object = py::reinterpret_steal<py::object>(type);
  m.attr(name) = object;
  return object;
}

// The message as Python text: a message that quotes a file name that is not UTF-8 (a byte 0xff in a path) keeps
// those bytes as \xff escapes, instead of the translation itself failing with UnicodeDecodeError.
void set_error(PyObject* type, const char* what) {
  PyObject* message = PyUnicode_DecodeUTF8(what, static_cast<Py_ssize_t>(std::strlen(what)), "backslashreplace");
  if (message == nullptr) {
    PyErr_Clear();
    message = PyUnicode_FromString("(a message that is not text)");
  }
  PyErr_SetObject(type, message);
  Py_DECREF(message);
}

}  // namespace

void init_errors(py::module_& m) {
  const py::handle builtin_value_error(PyExc_ValueError);
  const py::handle builtin_lookup_error(PyExc_LookupError);
  const py::handle builtin_runtime_error(PyExc_RuntimeError);
  const py::handle builtin_os_error(PyExc_OSError);

  // Kept alive for the interpreter's lifetime: the translator below refers to them.
  static py::object error = make_exception(m, "Error", "Root of all servicedesign errors.",
                                           py::make_tuple(py::handle(PyExc_Exception)));
  static py::object invalid = make_exception(m, "InvalidInputError",
                                             "An argument or record is invalid; the message names file, line and field.",
                                             py::make_tuple(error, builtin_value_error));
  static py::object not_found = make_exception(m, "NotFoundError", "An id that does not exist.",
                                               py::make_tuple(invalid, builtin_lookup_error));
  static py::object state = make_exception(m, "StateError",
                                           "The operation is not allowed in the current state; nothing changed.",
                                           py::make_tuple(error, builtin_runtime_error));
  static py::object infeasible = make_exception(m, "InfeasibleError", "Constraints that no solution satisfies.",
                                                py::make_tuple(error, builtin_value_error));
  static py::object infeasible_quotas = make_exception(
      m, "InfeasibleQuotasError", "Quotas no panel meets; .relaxations proposes the smallest change.",
      py::make_tuple(infeasible));
  static py::object io = make_exception(m, "IoError", "A file could not be read or written.",
                                        py::make_tuple(error, builtin_os_error));
  static py::object format = make_exception(m, "FormatError", "A file or archive is malformed, truncated or corrupted.",
                                            py::make_tuple(error, builtin_value_error));
  static py::object version = make_exception(m, "VersionError",
                                             "An archive from a newer format version or of another type.",
                                             py::make_tuple(format));
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const NotFound& e) {
      set_error(not_found.ptr(), e.what());
    } catch (const InvalidInput& e) {
      set_error(invalid.ptr(), e.what());
    } catch (const StateError& e) {
      set_error(state.ptr(), e.what());
    } catch (const selection::InfeasibleQuotas& e) {
      py::gil_scoped_acquire gil;
      py::object error_value = infeasible_quotas(e.what());
      py::list relaxations;
      for (const auto& r : e.relaxations()) {
        relaxations.append(py::dict("group"_a = r.group, "feature"_a = r.feature, "value"_a = r.value, "bound"_a = r.bound,
                                    "from"_a = r.from, "to"_a = r.to));
      }
      error_value.attr("relaxations") = relaxations;
      PyErr_SetObject(infeasible_quotas.ptr(), error_value.ptr());
    } catch (const Infeasible& e) {
      set_error(infeasible.ptr(), e.what());
    } catch (const IoError& e) {
      set_error(io.ptr(), e.what());
    } catch (const VersionError& e) {
      set_error(version.ptr(), e.what());
    } catch (const FormatError& e) {
      set_error(format.ptr(), e.what());
    } catch (const Interrupted&) {
      // Cancelled work looks like Ctrl-C to Python code: that is what caused it.
      PyErr_SetNone(PyExc_KeyboardInterrupt);
    } catch (const Error& e) {
      set_error(error.ptr(), e.what());
    }
  });
}

}  // namespace servicedesign::bindings
