"""servicedesign: user-centred service design for municipalities and regions.

Four parts, one product:

* :mod:`servicedesign.process` -- the service-design project: steps, gates, entities, evidence.
* selection, insights and priorities -- fair selection of working groups, themes from notes,
  ranked needs (added as they land).

Example::

    import servicedesign as sd
    project = sd.process.Project.import_csv("examples/data/storvik")
    project.check_gate()
"""

from ._core import __version__
from ._core import (
    Error,
    FormatError,
    InfeasibleError,
    InfeasibleQuotasError,
    InvalidInputError,
    IoError,
    NotFoundError,
    StateError,
    VersionError,
)
from . import process, selection

__all__ = [
    "__version__",
    "Error",
    "FormatError",
    "InfeasibleError",
    "InfeasibleQuotasError",
    "InvalidInputError",
    "IoError",
    "NotFoundError",
    "StateError",
    "VersionError",
    "process",
    "selection",
]
