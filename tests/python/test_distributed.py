"""Assigning notes to fitted themes over a Dask collection, on a local cluster of two worker processes."""

import numpy as np
import pandas as pd
import pytest

import servicedesign as sd
from servicedesign import insights
from servicedesign.distributed import predict_partitions

from conftest import NOTES

dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def test_partitions_on_two_worker_processes_get_the_themes_predict_gives(client):
    model = insights.Themes(language="sv", neighbours=3, seed=5).fit(NOTES)
    notes = [f"{text} ({i})" for i, text in enumerate(NOTES * 250)] + ["vet inte", ""]  # 3,002 notes
    frame = pd.DataFrame({"text": notes}, index=pd.RangeIndex(10, 10 + len(notes)))
    lazy = predict_partitions(model, dd.from_pandas(frame, npartitions=6)["text"])
    themes = lazy.compute()
    assert themes.dtype == np.int64 and list(themes.index) == list(frame.index)
    assert np.array_equal(themes.to_numpy(), model.predict(notes))
    assert themes.iloc[-1] == -1 and themes.iloc[-2] == -1
    assert len(client.scheduler_info()["workers"]) == 2
    bag = predict_partitions(model, db.from_sequence(notes, npartitions=4))
    assert bag.compute() == model.predict(notes).tolist()


def test_misuse_is_named():
    with pytest.raises(sd.InvalidInputError, match="model must be a fitted"):
        predict_partitions(insights.Themes(), dd.from_pandas(pd.Series(NOTES), npartitions=2))
    model = insights.Themes(language="sv").fit(NOTES)
    with pytest.raises(sd.InvalidInputError, match="not DataFrame \\(a DataFrame: give its text column\\)"):
        predict_partitions(model, dd.from_pandas(pd.DataFrame({"text": NOTES}), npartitions=2))
