"""Ctrl-C (SIGINT) stops a long selection within a second; the next call works."""

import os
import signal
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import servicedesign as sd

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "data" / "sortition" / "sortition-algorithms-fixtures"


def _large_instance(copies: int):
    people = pd.read_csv(FIXTURES / "candidates.csv", dtype=str)
    big = pd.concat([people.assign(nationbuilder_id=people.nationbuilder_id + f"_{k}",
                                   primary_address1=people.primary_address1 + f"_{k}") for k in range(copies)])
    features = pd.read_csv(FIXTURES / "features.csv").drop(columns=["min_flex", "max_flex"])
    return big, features.assign(min=features["min"] * copies, max=features["max"] * copies)


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to itself")
@pytest.mark.parametrize("with_callback", [False, True])
def test_sigint_interrupts_selection_within_a_second(with_callback):
    people, quotas = _large_instance(10)
    kwargs = dict(size=220, id_column="nationbuilder_id", address_columns=["primary_address1", "primary_zip"],
                  algorithm="leximin")
    # A callback that sleeps makes the run long on any machine; without one the C++ loop itself checks.
    progress = (lambda p: time.sleep(0.01)) if with_callback else False
    sent = []
    finished = []
    timer = threading.Timer(0.3, lambda: (sent.append(time.monotonic()), os.kill(os.getpid(), signal.SIGINT)))
    # A background job (as under CI) may inherit SIGINT ignored; Jupyter and terminals have Python's handler.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            sd.selection.select(people, quotas, progress=progress, **kwargs)
            finished.append(True)
            time.sleep(2)  # finished before the signal: let it arrive, then fail below
        assert not finished, "the selection ended before the interrupt: make the instance larger"
        assert sent and time.monotonic() - sent[0] < 1.0
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    again = sd.selection.select(people, quotas, progress=False, seed=1, **kwargs)
    assert len(again.panel) == 220
