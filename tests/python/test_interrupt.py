"""Ctrl-C (SIGINT) stops a long selection or a long clustering within a second; the next call works."""

import math
import os
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

import servicedesign as sd

def _diverse_instance(n: int, k: int, seed: int = 7):
    """A pool where nearly everyone is a type of their own (six features): column generation alone
    (relaxation=False) needs seconds here (the relaxation route a fraction of one), whereas pools of few types
    (copies of a fixture) are solved before any signal could arrive."""
    rng = np.random.default_rng(seed)
    features = {"gender": 3, "age": 5, "education": 4, "region": 6, "housing": 3, "area": 2}
    people = pd.DataFrame({"id": [f"p{i}" for i in range(n)]})
    for name, count in features.items():
        weights = rng.dirichlet(np.full(count, 4.0))
        people[name] = [f"{name}{v}" for v in rng.choice(count, size=n, p=weights)]
    rows = []
    for name in features:
        for value, available in people[name].value_counts().sort_index().items():
            target = available / n * k
            margin = max(1.0, 0.1 * target)
            rows.append({"feature": name, "value": value, "min": max(0, math.floor(target - margin)),
                         "max": math.ceil(target + margin)})
    return people, pd.DataFrame(rows)


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to itself")
@pytest.mark.parametrize("with_callback", [False, True])
def test_sigint_interrupts_selection_within_a_second(with_callback):
    people, quotas = _diverse_instance(300, 45)
    kwargs = dict(size=45, id_column="id", algorithm="maximin", relaxation=False)
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
    again = sd.selection.select(people, quotas, progress=False, seed=1, **{**kwargs, "algorithm": "leximin", "relaxation": True})
    assert len(again.panel) == 45


def _many_notes(n: int, seed: int = 5) -> list:
    """Synthetic notes on 40 topics, long enough that clustering them takes seconds."""
    rng = np.random.default_rng(seed)
    topics = [[f"ämne{t}ord{w}" for w in range(12)] for t in range(40)]
    common = [f"vanlig{w}" for w in range(300)]
    return [" ".join(list(rng.choice(topics[i % 40], 5)) + list(rng.choice(common, 6))) for i in range(n)]


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to itself")
@pytest.mark.parametrize("delay", [0.3, 1.5])  # two moments of the fit (neighbour search, Leiden runs here)
def test_sigint_interrupts_clustering_within_a_second(delay):
    notes = _many_notes(40_000)
    stages = []
    sent, finished = [], []
    timer = threading.Timer(delay, lambda: (sent.append(time.monotonic()), os.kill(os.getpid(), signal.SIGINT)))
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    model = sd.insights.Themes(language="sv", seed=1)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            model.fit(notes, progress=lambda stage, fraction: stages.append(stage) or True)
            finished.append(True)
            time.sleep(2)
        assert not finished, "the clustering ended before the interrupt: use more notes"
        assert sent and time.monotonic() - sent[0] < 1.0
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert not hasattr(model, "labels_")  # nothing half-fitted
    # The estimator is usable at once.
    small = model.fit(notes[:400]).labels_
    assert len(small) == 400 and small.max() >= 1


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to itself")
def test_sigint_during_the_search_for_the_resolution_stops_it():
    # The signal is sent from the first progress report of the search (the first half of the stage "leiden",
    # reported from 0.6 to 0.75 by Themes), so it arrives while the search runs, whatever the machine's speed.
    notes = _many_notes(3000)
    reports = []

    def progress(stage, fraction):
        if stage == "leiden":
            reports.append(fraction)
            if len(reports) == 1 and fraction < 0.7:
                os.kill(os.getpid(), signal.SIGINT)
        return True

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    model = sd.insights.Themes(language="sv", seed=1, resolution="auto")
    try:
        with pytest.raises(KeyboardInterrupt):
            model.fit(notes, progress=progress)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert reports and max(reports) < 0.7  # stopped within the search
    assert not hasattr(model, "labels_")
    assert model.fit(notes[:400]).resolution_ > 0
