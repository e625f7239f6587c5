"""One timed run of sortition-algorithms (the peer), for bench/selection/run.py.

Runs inside bench/.venv-peers. Usage:

    python peer_run.py FEATURES.csv PEOPLE.csv ID_COLUMN SIZE ALGORITHM BACKEND [ADDRESS_COLUMNS]

FEATURES.csv has the header feature,value,min,max,min_flex,max_flex; PEOPLE.csv has the id column.
ALGORITHM is maximin, nash or leximin; BACKEND a solver_backend of sortition-algorithms (mip-cbc for CBC).
Leximin is called directly (find_random_sample would fall back to maximin silently without Gurobi).
The timed part is the call of find_distribution_<algorithm>, which is what our select() does: reading
the files is not timed. Prints one JSON line like bench_selection; "status" is "ok", "licence" (Gurobi's
size-limited licence refused the model), "infeasible" or "error".
"""

from __future__ import annotations

import csv
import json
import math
import resource
import sys
import time
import traceback


def peak_rss_mb() -> float:
    """Peak RSS in MB: VmHWM of this process (ru_maxrss on Linux carries the launcher's peak over exec),
    or getrusage where /proc is missing; solver child processes, if any, count too."""
    own = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    own = float(line.split()[1])
                    break
    except OSError:
        pass
    if own is None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0  # kilobytes


def emit(record: dict) -> None:
    record["peak_rss_mb"] = round(peak_rss_mb(), 1)
    sys.stdout.write("\n" + json.dumps(record) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    if len(argv) not in (7, 8):
        sys.stderr.write(__doc__ or "")
        return 2
    features_path, people_path, id_column, size_text, algorithm, backend = argv[1:7]
    address_columns = [c for c in argv[7].split(",") if c] if len(argv) == 8 else []
    size = int(size_text)

    import sortition_algorithms as sa
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import (
        GUROBI_AVAILABLE,
        find_distribution_leximin,
        find_distribution_maximin,
        find_distribution_nash,
        standardize_distribution,
    )
    from sortition_algorithms.features import check_desired
    from sortition_algorithms.people import check_enough_people_for_every_feature_value
    from sortition_algorithms.utils import normalise_iter, set_random_provider

    record: dict = {"algorithm": algorithm, "backend": backend, "k": size}
    try:
        with open(features_path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f, strict=True)
            features, _, _ = sa.read_in_features(list(reader.fieldnames or []), list(reader), number_to_select=size)
        settings = sa.Settings(
            id_column=id_column,
            columns_to_keep=[],
            check_same_address=bool(address_columns),
            check_same_address_columns=address_columns,
            selection_algorithm=algorithm,
            solver_backend=backend,
            random_number_seed=2026,
        )
        with open(people_path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f, strict=True)
            people, _ = sa.read_in_people(normalise_iter(reader.fieldnames or []), list(reader), features, settings)
        record["n"] = people.count
        # The checks run_stratification makes before it selects.
        check_desired(features, size)
        check_enough_people_for_every_feature_value(features, people)
        set_random_provider(settings.random_number_seed)

        find = {
            "maximin": find_distribution_maximin,
            "nash": find_distribution_nash,
            "leximin": find_distribution_leximin,
        }[algorithm]
        if algorithm == "leximin" and not GUROBI_AVAILABLE:
            record.update(status="licence", error="gurobipy is not installed")
            emit(record)
            return 0
        start = time.perf_counter()
        committees, probabilities, _ = find(features, people, size, settings.normalised_address_columns, backend)
        seconds = time.perf_counter() - start
    except errors.InfeasibleQuotasError as error:
        record.update(status="infeasible", error=str(error)[:500])
        emit(record)
        return 1
    except Exception as error:  # noqa: BLE001 - every failure is a result to report
        text = f"{type(error).__name__}: {error}"
        if "size-limited" in text or "license" in text.lower() or "licence" in text.lower():
            record.update(status="licence", error=text[:500])
            emit(record)
            return 0
        record.update(status="error", error=text[:500], traceback=traceback.format_exc()[-2000:])
        emit(record)
        return 1

    committees, probabilities = standardize_distribution(committees, probabilities)
    per_person = dict.fromkeys(people, 0.0)
    for committee, p in zip(committees, probabilities):
        for person in committee:
            per_person[person] += p
    values = list(per_person.values())
    geo_mean = math.exp(sum(math.log(p) for p in values) / len(values)) if min(values) > 0 else 0.0
    record.update(
        status="ok",
        seconds=round(seconds, 6),
        min_probability=min(values),
        min_probability_all=min(values),
        max_probability=max(values),
        geo_mean_probability=geo_mean,
        panels=len(committees),
    )
    emit(record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
