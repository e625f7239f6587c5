"""Rewrites the idioms of pybind11-stubgen that mypy and stubtest reject, in the .pyi files given.

Run by scripts/generate-stubs.sh on freshly generated stubs; tests/python/test_stubs.py runs that script, so the
committed stubs are exactly what the generator and these rewrites produce. Each rewrite states what the runtime
does, so the stub says the same:

- A class that defines ``__eq__`` but not ``__hash__`` is unhashable: pybind11 sets ``__hash__ = None``. The
  generator writes ``__hash__: ClassVar[None] = None``, which mypy rejects as an override of
  ``object.__hash__``; typeshed writes ``__hash__: ClassVar[None]  # type: ignore[assignment]``.
- ``py::self == py::self`` (and ``!=``) is a pybind11 operator: an argument of another type returns
  ``NotImplemented`` (so ``x == 1`` is False), it never raises. The generator writes ``__eq__(self, arg0: T)``,
  which narrows ``object.__eq__``; the argument is ``object`` and positional only (pybind11 gives it no name).
- ``py::enum_`` defines ``__eq__`` and ``__ne__`` as two overloads, the enum and ``object``, which the generator
  writes as an overload pair ``(other: T)`` + ``(other: Any)``: one signature ``(other: object, /)`` says it all.
- A module's ``__all__`` (set by bindings/module.cpp) is a runtime list, which the generator annotates ``list``;
  it holds names, ``list[str]``.
- Every pybind11 class derives from ``pybind11_builtins.pybind11_object``, whose metaclass is
  ``pybind11_builtins.pybind11_type``, and a class that binds no constructor keeps that base's
  ``__init__(self, *args, **kwargs)``, which raises TypeError. The generator drops the base, so the stubs claimed
  the metaclass ``type`` and the constructor ``object()``. Both are declared again, ``@type_check_only`` (that
  module is made by pybind11 at run time and cannot be imported), in each module whose classes need them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_HASH_NONE = re.compile(r"^(?P<indent>[ \t]+)__hash__: typing\.ClassVar\[None\] = None$", re.M)

_OPERATOR_EQ = re.compile(r"^(?P<indent>[ \t]+)def (?P<name>__eq__|__ne__)\(self, arg0: [\w.]+\) -> bool:$", re.M)

_ENUM_COMPARISON = re.compile(
    r"^(?P<indent>[ \t]+)@typing\.overload\n"
    r"(?P=indent)def (?P<name>__eq__|__ne__)\(self, other: (?P<type>[\w.]+)\) -> bool:\n"
    r"(?P=indent)[ \t]+\.\.\.\n"
    r"(?P=indent)@typing\.overload\n"
    r"(?P=indent)def (?P=name)\(self, other: typing\.Any\) -> bool:$",
    re.M,
)


_ALL = re.compile(r"^__all__: list = ", re.M)

_ROOT_CLASS = re.compile(r"^class (?P<name>\w+):$", re.M)

_PYBIND11_BASE = '''@typing.type_check_only
class pybind11_type(type):
    """
    The metaclass of pybind11's classes (pybind11_builtins.pybind11_type at run time).
    """
@typing.type_check_only
class pybind11_object(metaclass=pybind11_type):
    """
    The base of pybind11's classes (pybind11_builtins.pybind11_object at run time).
    """
    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        """
        Raises TypeError ("No constructor defined!"): the constructor of a class that binds none.
        """
'''


def _add_pybind11_base(text: str) -> str:
    text, classes = _ROOT_CLASS.subn(r"class \g<name>(pybind11_object):", text)
    if classes == 0:
        return text
    if not re.search(r"^import typing$", text, re.M):
        text = re.sub(r"^(from __future__ import annotations\n)", r"\1import typing\n", text, count=1, flags=re.M)
    first = re.search(r"^(class|def) ", text, re.M)
    assert first is not None
    return text[: first.start()] + _PYBIND11_BASE + text[first.start() :]


def fix(text: str) -> str:
    text = _HASH_NONE.sub(r"\g<indent>__hash__: typing.ClassVar[None]  # type: ignore[assignment]", text)
    text = _OPERATOR_EQ.sub(r"\g<indent>def \g<name>(self, other: object, /) -> bool:", text)
    text = _ENUM_COMPARISON.sub(r"\g<indent>def \g<name>(self, other: object, /) -> bool:", text)
    text = _ALL.sub("__all__: list[str] = ", text)
    return _add_pybind11_base(text)


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        path.write_text(fix(path.read_text()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
