"""
Compiled core of servicedesign; use the servicedesign package, not this module.
"""
from __future__ import annotations
import os
from servicedesign import Error
from servicedesign import FormatError
from servicedesign import InfeasibleError
from servicedesign import InfeasibleQuotasError
from servicedesign import InvalidInputError
from servicedesign import IoError
from servicedesign import NotFoundError
from servicedesign import StateError
from servicedesign import VersionError
import typing
from . import process
from . import selection
from . import insights
from . import priorities
__all__: list[str] = ['Error', 'FormatError', 'InfeasibleError', 'InfeasibleQuotasError', 'InvalidInputError', 'IoError', 'NotFoundError', 'StateError', 'VersionError', 'insights', 'priorities', 'process', 'read_csv', 'selection', 'sha256_file_hex', 'write_file_atomically']
def read_csv(path: os.PathLike | str | bytes, delimiter: str = ',') -> tuple[list[str], list[list[str]], list[int]]:
    """
    Reads a UTF-8 CSV file strictly (RFC 4180; BOM and CRLF accepted): (header, rows, line of each row). Raises InvalidInputError naming the file and line for ragged rows, bad quotes or text that is not UTF-8.
    """
def sha256_file_hex(path: os.PathLike | str | bytes) -> str:
    """
    SHA-256 of a file's bytes, 64 hexadecimal digits (as sha256sum). Raises IoError naming the path.
    """
def write_file_atomically(path: os.PathLike | str | bytes, contents: bytes) -> None:
    """
    Writes the bytes to a temporary file beside ``path`` and renames it over ``path``: readers see the old file or the new one, never a part. Raises IoError naming the path.
    """
__version__: str = '0.1.0'
