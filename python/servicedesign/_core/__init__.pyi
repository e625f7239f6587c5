"""
Compiled core of servicedesign; use the servicedesign package, not this module.
"""
from __future__ import annotations
from servicedesign import Error
from servicedesign import FormatError
from servicedesign import InfeasibleError
from servicedesign import InfeasibleQuotasError
from servicedesign import InvalidInputError
from servicedesign import IoError
from servicedesign import NotFoundError
from servicedesign import StateError
from servicedesign import VersionError
from . import process
from . import selection
from . import insights
from . import priorities
__all__: list[str] = ['Error', 'FormatError', 'InfeasibleError', 'InfeasibleQuotasError', 'InvalidInputError', 'IoError', 'NotFoundError', 'StateError', 'VersionError', 'insights', 'priorities', 'process', 'selection']
__version__: str = '0.1.0'
