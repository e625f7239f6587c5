"""servicedesign: user-centred service design for municipalities and regions.

Four parts, one product:

* :mod:`servicedesign.process` -- the service-design project: steps, gates, entities, evidence.
* :mod:`servicedesign.selection` -- fair selection of working groups and panels under quotas.
* :mod:`servicedesign.insights` -- themes from workshop notes (pipeline, vectors, clustering, labels).
* :mod:`servicedesign.priorities` -- ranked needs: methods, robustness, bloc check, traceable report.
* :mod:`servicedesign.plots` -- their figures (matplotlib, imported only when a plot is drawn).
* :mod:`servicedesign.examples` -- the example data that ships with the package.

Example::

    import servicedesign as sd
    project = sd.process.Project.import_csv(sd.examples.path("storvik"))
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
import os as _os

if not _os.environ.get("SERVICEDESIGN_RAW_BINDINGS"):  # set by scripts/generate-stubs.sh: stubs of the bare module
    from . import _core, _errors

    for _part in (_core, _core.process, _core.selection, _core.insights, _core.priorities):
        _errors.translate_type_errors(_part)

from . import examples, insights, plots, priorities, process, selection

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
    "examples",
    "insights",
    "plots",
    "priorities",
    "process",
    "selection",
]
