"""Arguments of the wrong type, answered in the library's words instead of pybind11's.

When no overload of a bound C++ function accepts the arguments, pybind11 raises a TypeError that lists every
signature and repeats the arguments ("incompatible function arguments ... Invoked with ..."). Users of the public
API get :class:`servicedesign.InvalidInputError` instead, naming the function, the parameter, what it takes and
what it got: ``Project.check_gate(): step_key must be str, not int (5)``. The bound functions are wrapped once,
when the package is imported; a call that succeeds pays one Python frame.
"""

from __future__ import annotations

import functools
import numbers
import os
import re
from collections.abc import Mapping
from typing import Any, Callable, List, Optional, Tuple

from ._core import InvalidInputError

_WHOLE = ("int", "typing.SupportsInt", "typing.SupportsIndex")
# Interfaces Python subclasses implement: pybind11 would take a wrapper of a base method for an override.
_EXTENSIBLE = {"Clusterer", "Representation", "Similarity"}
_PYBIND11_REFUSAL = "incompatible function arguments"
_CONSTRUCTOR_REFUSAL = "incompatible constructor arguments"


def _split_top_level(text: str, separator: str = ",") -> List[str]:
    """Splits at ``separator`` outside brackets: ``a: list[int], b: str = 'x'`` → two parameters."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _parameters(message: str) -> Optional[List[Tuple[str, str, bool]]]:
    """(name, type, has a default) of the one overload pybind11 lists, without ``self``; None when there are
    several."""
    # Functions are listed as "1. (a: str) -> None", constructors as "1. servicedesign._core.x.Class(a: str)".
    signatures = re.findall(r"^\s*\d+\. [\w.]*\((.*)\)(?: -> .*)?$", message, flags=re.MULTILINE)
    if len(signatures) != 1:
        return None
    parameters = []
    for part in _split_top_level(signatures[0]):
        if part in ("*", "/") or part.startswith("*"):
            continue
        name, _, rest = part.partition(":")
        annotation, default, _ = rest.partition(" = ")
        parameters.append((name.strip(), annotation.strip(), bool(default)))
    return [p for p in parameters if p[0] != "self"]


def _fits(value: Any, annotation: str) -> bool:
    """Whether ``value`` could be what pybind11 expects for ``annotation`` (loosely: when in doubt, yes)."""
    options = _split_top_level(annotation, "|")
    if len(options) > 1:
        return any(_fits(value, option) for option in options)
    kind = annotation.split("[", 1)[0]
    inner = annotation[len(kind) + 1:-1] if "[" in annotation else ""
    if kind == "None":
        return value is None
    if kind == "str":
        return isinstance(value, str) and _unicode(value)
    if kind == "bytes":
        return isinstance(value, bytes)
    if kind == "bool":
        return isinstance(value, bool) or type(value).__name__ == "bool_"
    if kind in _WHOLE:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if kind in ("float", "typing.SupportsFloat"):
        return isinstance(value, numbers.Real) and not isinstance(value, bool)
    if kind in ("os.PathLike",):
        return isinstance(value, (str, bytes, os.PathLike))
    if kind in ("list", "collections.abc.Sequence", "typing.Sequence", "tuple"):
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or isinstance(value, Mapping):
            return False
        element = _split_top_level(inner)[0] if inner and not inner.startswith(("typing.Annotated",)) else ""
        return not element or kind == "tuple" or all(_fits(item, element) for item in value)
    if kind in ("dict", "collections.abc.Mapping", "typing.Mapping"):
        if not isinstance(value, Mapping):
            return False
        types = _split_top_level(inner) if inner else []
        if len(types) != 2:
            return True
        return all(_fits(k, types[0]) and _fits(v, types[1]) for k, v in value.items())
    if kind == "typing.Annotated" and "numpy" in inner:  # a numpy array of the dtype named after the array type
        return _array_fits(value, _split_top_level(inner)[-1])
    if kind in ("collections.abc.Callable", "typing.Callable"):
        return callable(value)
    if kind.startswith("servicedesign."):
        return any(cls.__name__ == kind.rsplit(".", 1)[1] for cls in type(value).__mro__)
    return True


def _array_fits(value: Any, dtype: str) -> bool:
    """Whether numpy would read ``value`` as an array of ``dtype`` ("numpy.int64", "numpy.float32", …) without
    losing what it is: whole numbers for an integer dtype, numbers for a float one."""
    import numpy as np

    try:
        kind = np.asarray(value).dtype.kind
    except (TypeError, ValueError):
        return False
    if "int" in dtype:
        return kind in "iub"
    if "float" in dtype:
        return kind in "iubf"
    return True


_WORDS = {"str": "a string", "bytes": "bytes", "bool": "True or False", "float": "a number",
          "typing.SupportsFloat": "a number", "int": "a whole number", "typing.SupportsInt": "a whole number",
          "typing.SupportsIndex": "a whole number", "os.PathLike": "a path", "None": "None",
          "collections.abc.Callable": "a callable", "typing.Callable": "a callable"}


def _in_words(annotation: str) -> str:
    """pybind11's type annotation as a reader says it: ``collections.abc.Sequence[str]`` → "a list of strings",
    ``os.PathLike | str | bytes`` → "a path"."""
    options = _split_top_level(annotation, "|")
    if len(options) > 1:
        if "os.PathLike" in options:
            return "a path" + (" or None" if "None" in options else "")
        words = list(dict.fromkeys(_in_words(option) for option in options))
        return " or ".join(words)
    kind = annotation.split("[", 1)[0]
    inner = annotation[len(kind) + 1:-1] if "[" in annotation else ""
    if kind in ("list", "collections.abc.Sequence", "typing.Sequence"):
        element = _in_words(_split_top_level(inner)[0]) if inner else "values"
        return "a list of " + _plural(element)
    if kind in ("dict", "collections.abc.Mapping", "typing.Mapping"):
        types = _split_top_level(inner) if inner else []
        if len(types) != 2:
            return "a dict"
        return f"a dict from {_plural(_in_words(types[0]))} to {_plural(_in_words(types[1]))}"
    if kind == "typing.Annotated" and "numpy" in inner:
        dtype = _split_top_level(inner)[-1]
        return ("an array of whole numbers" if "int" in dtype else
                "an array of numbers" if "float" in dtype else "an array")
    if kind.startswith("servicedesign."):
        name = kind.rsplit(".", 1)[1]
        return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
    return _WORDS.get(kind, annotation)


def _plural(words: str) -> str:
    """"a string" → "strings", "a number or a whole number" → "numbers"."""
    plural = {"a string": "strings", "a whole number": "whole numbers", "a number": "numbers"}
    options = list(dict.fromkeys(plural.get(w, w.removeprefix("a ").removeprefix("an ") + " values")
                                 for w in words.split(" or ")))
    if "numbers" in options and "whole numbers" in options:
        options.remove("whole numbers")
    return " or ".join(options)


def _unicode(text: str) -> bool:
    """Whether ``text`` can be passed on as UTF-8 (a lone surrogate, e.g. from a broken decoder, cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _described(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} ({text[:40] + '…' if len(text) > 40 else text})"


def _explanation(qualified: str, message: str, args: tuple, kwargs: dict) -> str:
    """The library's message for a call pybind11 refused."""
    parameters = _parameters(message)
    if parameters is None:
        return f"{qualified}(): the arguments do not fit any of its forms (see help({qualified.split('(')[0]}))"
    names = [name for name, _, _ in parameters]
    given = dict(zip(names, args))
    given.update(kwargs)
    unknown = [name for name in kwargs if name not in names]
    if unknown:
        return f"{qualified}(): unknown argument {unknown[0]!r}; it takes {', '.join(names) or 'no arguments'}"
    if len(args) > len(parameters):
        return f"{qualified}(): takes {len(parameters)} argument(s), got {len(args)}"
    for name, annotation, _ in parameters:
        value = given.get(name)
        if isinstance(value, str) and not _unicode(value):
            where = next(i for i, char in enumerate(value) if 0xD800 <= ord(char) <= 0xDFFF)
            return (f"{qualified}(): {name} is not valid Unicode text: a lone surrogate {value[where]!r} at "
                    f"character {where}")
        if name in given and not _fits(given[name], annotation):
            return f"{qualified}(): {name} must be {_in_words(annotation)}, not {_described(given[name])}"
    for name, annotation, _ in parameters:
        value = given.get(name)
        whole = any(option in _WHOLE for option in _split_top_level(annotation, "|"))
        if whole and _fits(value, "int") and value < 0:
            return f"{qualified}(): {name} must be a whole number >= 0, not {value}"
        if whole and _fits(value, "int") and value >= 2**63:
            return f"{qualified}(): {name} must be below 2**63, not {value}"
    missing = [name for name, _, has_default in parameters if name not in given and not has_default]
    if missing:
        return f"{qualified}(): missing argument {missing[0]!r}"
    takes = ", ".join(f"{n} ({_in_words(a)})" for n, a, _ in parameters)
    return f"{qualified}(): the arguments do not fit; it takes {takes or 'no arguments'}"


def _translating(function: Callable[..., Any], qualified: str, skip_self: bool,
                 setter: bool = False) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            text = str(error)
            # Only this call's own refusal: one raised inside it (by a callback of the caller's, say) has more
            # frames below this one and is the caller's to see as it is.
            own = error.__traceback__ is not None and error.__traceback__.tb_next is None
            if not own or (_PYBIND11_REFUSAL not in text and _CONSTRUCTOR_REFUSAL not in text):
                raise
            if setter:
                annotation = (_parameters(text) or [("", "", False)])[0][1] or "another type"
                value = args[-1]
                whole = any(option in _WHOLE for option in _split_top_level(annotation, "|"))
                if whole and _fits(value, "int") and value < 0:
                    message = f"{qualified} must be a whole number >= 0, not {value}"
                else:
                    message = f"{qualified} must be {_in_words(annotation)}, not {_described(value)}"
            else:
                message = _explanation(qualified, text, args[1:] if skip_self else args, kwargs)
        raise InvalidInputError(message) from None

    call.__qualname__ = qualified  # pybind11's own qualname cannot be looked up: pickle finds the function by it
    return call


def translate_type_errors(module: Any) -> None:
    """Wraps the bound functions, methods, constructors and property setters of ``module`` (a submodule of
    ``_core``) so that pybind11's refusals become :class:`InvalidInputError`."""
    for name, member in list(vars(module).items()):
        if name.startswith("_"):
            continue
        if type(member).__name__ == "builtin_function_or_method":
            setattr(module, name, _translating(member, name, skip_self=False))
        elif isinstance(member, type) and member.__module__ == module.__name__ and not issubclass(member, BaseException):
            _translate_class(member, constructor_only=name in _EXTENSIBLE)


def _translate_class(cls: type, constructor_only: bool = False) -> None:
    for name, member in list(vars(cls).items()):
        if constructor_only and name != "__init__":
            continue
        qualified = f"{cls.__name__}.{name}" if name != "__init__" else cls.__name__
        if name.startswith("__") and name != "__init__":
            continue
        kind = type(member).__name__
        if kind == "instancemethod":
            setattr(cls, name, _translating(member.__func__, qualified, skip_self=True))
        elif isinstance(member, staticmethod):
            setattr(cls, name, staticmethod(_translating(member.__func__, qualified, skip_self=False)))
        elif isinstance(member, property) and member.fset is not None:
            setattr(cls, name, property(member.fget, _translating(member.fset, f"{cls.__name__}.{name}", True, True),
                                        member.fdel, member.__doc__))
