"""The progress bar shown while the library works (clustering, selection, large imports).

The library's own small bar rather than a dependency: one line on stderr, redrawn at most four times a second,
cleared when the work ends. It is shown by default where someone watches — a terminal or a Jupyter notebook —
and stays silent in logs and pipes, so scripts and CI output are not filled with carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any, Callable, Optional

REDRAW_INTERVAL = 0.25  # seconds: a few redraws a second is smooth enough and costs nothing
_WIDTH = 24  # characters of the bar itself


def _in_notebook(stream: Optional[IO[str]] = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    return "ipykernel" in sys.modules and type(stream).__module__.startswith("ipykernel")


def watched(stream: Optional[IO[str]] = None) -> bool:
    """Whether someone is watching ``stream`` (default stderr): a terminal, or a Jupyter kernel's output."""
    stream = stream if stream is not None else sys.stderr
    if _in_notebook(stream):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Bar:
    """One line of progress: ``description  42% |██████      | status`` when the total is known, else
    ``description  17 panels · status``. ``update`` is cheap between redraws. In a notebook the line is an
    HTML progress element updated in place (stderr would show it as a warning)."""

    def __init__(self, description: str, *, total: Optional[float] = None, unit: str = "",
                 stream: Optional[IO[str]] = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.description, self.total, self.unit = description, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.done: float = 0
        self.status = ""
        self.redraws = 0
        self._last_draw = -float("inf")
        self._width_drawn = 0
        self._closed = False
        self._display: Any = None
        if stream is None and _in_notebook():
            from IPython.display import HTML, display

            self._html = HTML
            self._display = display(HTML(""), display_id=True)

    def update(self, done: Optional[float] = None, status: Optional[str] = None, *, force: bool = False) -> None:
        """Records how much is done and what is happening; redraws when the last redraw is old enough."""
        if done is not None:
            self.done = done
        if status is not None:
            self.status = status
        now = self.clock()
        if force or now - self._last_draw >= REDRAW_INTERVAL:
            self._last_draw = now
            self._draw(self._line())

    def close(self) -> None:
        """Clears the line; the work's own output follows on a clean line."""
        if self._closed:
            return
        self._closed = True
        if self._display is not None:
            self._display.update(self._html(""))
        elif self._width_drawn:
            self._write("\r" + " " * self._width_drawn + "\r")

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _line(self) -> str:
        status = f"  {self.status}" if self.status else ""
        if self.total:
            share = min(max(self.done / self.total, 0.0), 1.0)
            filled = int(round(share * _WIDTH))
            return f"{self.description} {100 * share:3.0f}% |{'█' * filled}{' ' * (_WIDTH - filled)}|{status}"
        count = f" {self.done:g}{(' ' + self.unit) if self.unit else ''}" if self.unit or self.done else ""
        return f"{self.description}{count}{' ·' if status and count else ''}{status}"

    def _draw(self, line: str) -> None:
        self.redraws += 1
        import shutil

        line = line[:max(shutil.get_terminal_size().columns - 1, 10)]  # a wrapped line could not be cleared
        if self._display is not None:
            import html

            share = f' value="{min(max(self.done / self.total, 0.0), 1.0):.3f}"' if self.total else ""
            self._display.update(self._html(f'<progress{share} max="1" style="width:12em"></progress> '
                                            f"<code>{html.escape(line.split('|')[-1] if self.total else line)}</code>"
                                            f" {html.escape(self.description) if self.total else ''}"))
            return
        padding = " " * max(self._width_drawn - len(line), 0)
        self._width_drawn = max(self._width_drawn, len(line))
        self._write("\r" + line + padding)

    def _write(self, text: str) -> None:
        if self.stream is None:  # no stderr at all (pythonw)
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: progress is never worth an error
            pass


def bar_for(progress: Any, description: str, *, total: Optional[float] = None, unit: str = "") -> Optional[Bar]:
    """The bar a ``progress=`` argument asks for: True shows one where someone watches, False or None none.
    (A callable is the caller's own and handled by the caller.)"""
    if progress is True and watched():
        return Bar(description, total=total, unit=unit)
    return None


def requested(progress: Any) -> Any:
    """What a ``progress=`` argument asks for: None (show nothing), the caller's own callable, or True (a bar
    where someone watches); anything else is refused by name."""
    if progress is None or progress is False:
        return None
    if progress is True or callable(progress):
        return progress
    from ._core import InvalidInputError

    raise InvalidInputError(f"progress must be True, False or a callable, not {progress!r}")


def stage_reporter(progress: Any, description: str) -> "tuple[Optional[Callable[[str, float], bool]], Callable[[], None]]":
    """``(report(stage, fraction), close)`` for work reported by stage and fraction (clustering, a project's
    import): the caller's callable as it is, a bar for True where someone watches, None otherwise; ``close``
    clears the bar."""
    wanted = requested(progress)
    bar = bar_for(wanted, description, total=1.0)
    if bar is None:
        return (None if wanted is True else wanted), lambda: None

    def report(stage: str, fraction: float) -> bool:
        bar.update(fraction, stage, force=stage == "done")
        return True

    return report, bar.close
