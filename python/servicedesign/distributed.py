"""Themes beyond one machine, first step: fit on one machine (or on a sample), then assign the notes of a Dask
collection to those themes partition by partition, on as many workers as the cluster has.

``dask`` is an optional extra (``pip install 'servicedesign[dask]'``) and is imported only here::

    import dask.dataframe as dd
    import servicedesign as sd
    from servicedesign.distributed import predict_partitions

    model = sd.insights.Themes(seed=7).fit(sample["text"])          # one machine
    notes = dd.read_csv("contributions-*.csv")
    notes["theme"] = predict_partitions(model, notes["text"])       # every partition on a worker
    notes.to_parquet("themed/")

The fitted model travels to each worker once (pickled through its archive) and each partition is assigned by
:meth:`servicedesign.insights.Themes.predict` in C++, without the GIL: the theme of a note depends only on the note
and the model, so the result is the same for any partitioning and any number of workers. The design of the
distributed neighbour search that would let the fit itself scale out is in docs/insights.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._core import InvalidInputError
from .insights import Themes

__all__ = ["predict_partitions"]


def _predict(texts: Any, model: Themes) -> Any:
    return model.predict(list(texts))


def _predict_series(part: Any, model: Themes) -> Any:
    import pandas as pd

    return pd.Series(_predict(part, model), index=part.index, name="theme", dtype="int64")


def predict_partitions(model: Themes, notes: Any) -> Any:
    """The theme of every note of ``notes`` — a Dask Series of text (e.g. a DataFrame's column) or a Dask Bag of
    str — as a lazy Dask Series of int64 (same index and partitions) or a Bag of int; -1 for fillers and notes
    sharing no word with the model's vocabulary, as :meth:`Themes.predict` gives them."""
    if not isinstance(model, Themes) or not hasattr(model, "labels_"):
        raise InvalidInputError("predict_partitions: model must be a fitted servicedesign.insights.Themes")
    try:
        import dask
        import dask.bag as db
        import dask.dataframe as dd
    except ImportError as error:  # pragma: no cover - the extra is installed in the tests
        raise ImportError("predict_partitions needs dask: pip install 'servicedesign[dask]'") from error
    shared = dask.delayed(model, pure=True)  # one node of the graph: sent to each worker once
    if isinstance(notes, dd.Series):
        return notes.map_partitions(_predict_series, shared, meta=("theme", np.int64))
    if isinstance(notes, db.Bag):
        return notes.map_partitions(lambda part, m: [int(t) for t in _predict(part, m)], shared)
    raise InvalidInputError(f"predict_partitions: notes must be a dask Series or Bag of text, not "
                            f"{type(notes).__name__} (a DataFrame: give its text column)")
