#!/usr/bin/env python3
"""Selection benchmark: servicedesign's algorithms against sortition-algorithms, in one run.

For every instance (the sortition-algorithms fixtures, the two public instances of Flanigan et al. and
seeded synthetic pools of 150 to 2000 people) it runs, each in its own subprocess with a timeout:

  ours:   leximin, maximin, nash          (bench_selection, C++, COIN-OR CLP/CBC)
  theirs: maximin, nash (CBC backend), leximin (Gurobi LPs, CBC pricing; free size-limited licence)

and prints a table of time and minimum selection probability of each, the ratio their maximin time /
our leximin time and the peak memory (RSS) of each side. Standard library only; the peer library
lives in its own virtual environment bench/.venv-peers, created on first use.

    python3 bench/selection/run.py            # everything (tens of minutes on 2 cores)
    python3 bench/selection/run.py --quick    # fixtures, example_small_20 and n <= 300

See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import math
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
VENV = BENCH / ".venv-peers"
PEER_PACKAGES = ["sortition-algorithms", "mip>=1.17,<2", "gurobipy"]
SEED = 2026
# Below this difference two minimum probabilities count as equal (LP tolerances; the peer stops its
# maximin when within 0.0005 of the optimum, so differences of that order are theirs).
TOLERANCE = 1e-6

OURS = ["leximin", "maximin", "nash"]
THEIRS = ["maximin", "nash", "leximin"]

SYNTHETIC = [(150, 22), (300, 45), (500, 75), (750, 112), (2000, 200)]
# Pools shaped like real ones (see hard_pool): (n, k, categories, values per category).
HARD = [(150, 22, 5, 4), (320, 35, 5, 5), (820, 75, 5, 5), (1700, 110, 7, 4), (2000, 200, 6, 5)]
# Targets on the hard pools (seconds, this 2-core machine): LEXIMIN and maximin exact, Nash within its gap.
HARD_TARGETS = {"leximin": 2.0, "maximin": 2.0, "nash": 10.0}


# --------------------------------------------------------------------------------------------------
# Instances


class Instance:
    """One benchmark instance: files for us and files for the peer (the same unless converted)."""

    def __init__(self, name: str, k: int, ours: tuple, theirs: tuple, note: str = "") -> None:
        self.name = name
        self.k = k
        # (features, people, id_column or "-", address columns)
        self.ours = ours
        self.theirs = theirs
        self.note = note
        self.n = 0
        self.types = None  # from our run
        self.results: dict[str, dict] = {}


def count_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def convert_example(src: Path, k: int, out: Path) -> tuple[Path, Path]:
    """categories.csv (category,feature,min,max) and respondents.csv without ids -> the peer's formats."""
    out.mkdir(parents=True, exist_ok=True)
    features = out / "features.csv"
    with open(src / "categories.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(features, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["feature", "value", "min", "max", "min_flex", "max_flex"])
        for r in rows:
            w.writerow([r["category"], r["feature"], r["min"], r["max"], 0, k])
    people = out / "people.csv"
    with open(src / "respondents.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        body = list(reader)
    with open(people, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", *header])
        for i, r in enumerate(body, start=1):  # row numbers, as our reader numbers them
            w.writerow([i, *r])
    return features, people


# Attributes of the synthetic pools: values with population shares, and how much more (or less) likely
# people with that value volunteer (self-selection bias: older and more educated people answer more).
ATTRIBUTES = [
    ("gender", [("Female", 0.51, 1.10), ("Male", 0.47, 0.95), ("Non-binary or other", 0.02, 1.0)]),
    ("age", [("16-29", 0.20, 0.60), ("30-44", 0.25, 0.85), ("45-59", 0.25, 1.10), ("60-74", 0.20, 1.45),
             ("75+", 0.10, 0.90)]),
    ("education", [("No qualifications", 0.18, 0.50), ("Level 1", 0.12, 0.75), ("Level 2 or 3", 0.35, 1.00),
                   ("Level 4 and above", 0.35, 1.70)]),
    ("region", [("Capital", 0.25, 1.15), ("North", 0.12, 0.85), ("North East", 0.10, 0.90), ("East", 0.18, 1.0),
                ("South", 0.20, 1.05), ("West", 0.15, 0.95)]),
    ("housing", [("Owner", 0.62, 1.20), ("Renter", 0.25, 0.80), ("Social housing", 0.13, 0.55)]),
    ("area", [("Urban", 0.78, 1.0), ("Rural", 0.22, 1.05)]),
    ("climate_concern", [("Very concerned", 0.30, 1.50), ("Fairly concerned", 0.40, 1.00),
                         ("Not very concerned", 0.20, 0.70), ("Not at all concerned", 0.10, 0.45)]),
]
HOUSEHOLD_SHARED = ("region", "area", "housing")  # people at one address share these (housing mostly)
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Victoria Road",
           "Green Lane", "Manor Road", "Kings Road", "Queens Road", "School Lane", "New Road"]


def synthetic_pool(n: int, seed: int) -> tuple[list[tuple], list[dict]]:
    """A seeded pool: 6 or 7 attributes, skewed marginals, about 12% of people in two-person households."""
    rng = random.Random(seed)
    attributes = ATTRIBUTES if n in (150, 500, 2000) else ATTRIBUTES[:6]
    # Per-instance jitter of the volunteering bias, so pools of different sizes differ in shape.
    skews = {}
    for name, values in attributes:
        weights = [share * bias * math.exp(rng.gauss(0.0, 0.15)) for _, share, bias in values]
        total = sum(weights)
        skews[name] = [w / total for w in weights]
    people: list[dict] = []
    singles: list[int] = []
    for i in range(n):
        person = {"id": f"s{n}_{i:05d}", "first_name": f"First{i}", "last_name": f"Last{i}",
                  "email": f"person{i}@example.org"}
        host = None
        if singles and rng.random() < 0.12:
            host = singles.pop(rng.randrange(len(singles)))
        for name, values in attributes:
            if host is not None and name in HOUSEHOLD_SHARED and (name != "housing" or rng.random() < 0.8):
                person[name] = people[host][name]
            else:
                person[name] = rng.choices([v for v, _, _ in values], weights=skews[name])[0]
        if host is None:
            person["primary_address1"] = f"{rng.randint(1, 400)} {rng.choice(STREETS)} {i}"
            person["primary_zip"] = f"Z{rng.randint(10000, 99999)}"
            singles.append(i)
        else:
            person["primary_address1"] = people[host]["primary_address1"]
            person["primary_zip"] = people[host]["primary_zip"]
        people.append(person)
    return attributes, people


def hard_pool(n: int, categories: int, values: int, seed: int) -> tuple[list[tuple], list[dict]]:
    """A pool shaped like the volunteers of a real citizens' assembly or working-group call.

    - Census shares are skewed (a few large values, a small last one) and every category depends on a
      latent class (say, a social milieu) that also decides who volunteers, so categories are correlated.
    - Volunteering favours the first values and disfavours the last: the last value of each category is
      under-represented in the pool against its census share.
    - About 20% of people live in two-person households; housemates share the latent class and, mostly,
      the first category (a place).
    """
    rng = random.Random(seed)
    classes = [(0.45, 1.4), (0.35, 1.0), (0.20, 0.45)]  # latent classes: census share, volunteering rate
    attributes = []
    tilt = []  # [category][class][value]: how the class shifts the census shares
    for c in range(categories):
        raw = [math.exp(-0.55 * v + rng.gauss(0.0, 0.25)) for v in range(values)]
        raw[-1] *= 0.45  # a small last value
        total = sum(raw)
        census = [r / total for r in raw]
        # Volunteering bias by value: the last value answers the call much less.
        bias = [1.0 + 0.25 * rng.gauss(0.0, 1.0) for _ in range(values)]
        bias = [max(0.5, b) for b in bias]
        bias[-1] = 0.45
        attributes.append((f"category_{c + 1}", [(f"value_{c + 1}_{v + 1}", census[v], bias[v]) for v in range(values)]))
        tilt.append([[math.exp(rng.gauss(0.0, 0.7)) for _ in range(values)] for _ in classes])
    volunteer_class = [share * rate for share, rate in classes]
    people: list[dict] = []
    hosts: list[int] = []
    for i in range(n):
        person = {"id": f"h{n}_{i:05d}", "first_name": f"First{i}", "last_name": f"Last{i}",
                  "email": f"person{i}@example.org"}
        host = hosts.pop(rng.randrange(len(hosts))) if hosts and rng.random() < 0.11 else None
        cls = people[host]["_class"] if host is not None else \
            rng.choices(range(len(classes)), weights=volunteer_class)[0]
        person["_class"] = cls
        for c, (name, vals) in enumerate(attributes):
            if host is not None and c == 0 and rng.random() < 0.9:
                person[name] = people[host][name]
                continue
            weights = [share * bias * tilt[c][cls][v] for v, (_, share, bias) in enumerate(vals)]
            person[name] = rng.choices([v for v, _, _ in vals], weights=weights)[0]
        if host is None:
            person["primary_address1"] = f"{rng.randint(1, 400)} {rng.choice(STREETS)} {i}"
            person["primary_zip"] = f"Z{rng.randint(10000, 99999)}"
            hosts.append(i)
        else:
            person["primary_address1"] = people[host]["primary_address1"]
            person["primary_zip"] = people[host]["primary_zip"]
        people.append(person)
    for person in people:
        del person["_class"]
    return attributes, people


def census_quotas(attributes: list, people: list[dict], k: int, widen: float) -> list[tuple]:
    """Quotas at the census share of k, one seat below to two above (practitioners' usual band)."""
    rows = []
    for name, values in attributes:
        counts = {v: 0 for v, _, _ in values}
        for p in people:
            counts[p[name]] += 1
        for value, share, _ in values:
            target = share * k
            lo = max(0, math.floor(target) - math.ceil(1 * widen - 1e-9))
            hi = math.ceil(target) + math.ceil(2 * widen - 1e-9)
            rows.append((name, value, min(lo, counts[value]), min(hi, k), 0, k))
    return rows


def synthetic_quotas(attributes: list, people: list[dict], k: int, widen: float) -> list[tuple]:
    """Quotas around the population's proportional shares, margin ~10% of the target (at least 1)."""
    rows = []
    for name, values in attributes:
        counts = {v: 0 for v, _, _ in values}
        for p in people:
            counts[p[name]] += 1
        for value, share, _ in values:
            target = share * k
            margin = max(1.0, 0.10 * target) * widen
            lo = max(0, math.floor(target - margin))
            hi = math.ceil(target + margin)
            lo = min(lo, counts[value] // 2 if counts[value] < 4 else counts[value] - counts[value] // 4)
            hi = max(hi, 1) if counts[value] else 0
            rows.append((name, value, lo, hi, 0, max(hi, k)))
    return rows


def write_synthetic(out: Path, attributes: list, people: list[dict], quotas: list[tuple]) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    features = out / "features.csv"
    with open(features, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["feature", "value", "min", "max", "min_flex", "max_flex"])
        w.writerows(quotas)
    people_path = out / "people.csv"
    columns = ["id", "first_name", "last_name", "email", "primary_address1", "primary_zip",
               *[name for name, _ in attributes]]
    with open(people_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(people)
    return features, people_path


# --------------------------------------------------------------------------------------------------
# Running


def run_json(cmd: list[str], timeout: float) -> dict:
    """Runs a command in its own process group; returns the last JSON line of its stdout (plus the wall
    time and the 1-minute load average before the start: other work on the machine slows a run down)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": "timeout", "wall": time.perf_counter() - start, "load": load}
    wall = time.perf_counter() - start
    for line in reversed(out.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            record.setdefault("status", "ok" if "error" not in record else
                              ("infeasible" if record.get("infeasible") else "error"))
            record["wall"] = wall
            record["load"] = load
            return record
    how = f"killed by {signal.Signals(-proc.returncode).name}" if proc.returncode < 0 else f"exit {proc.returncode}"
    return {"status": "error", "error": f"{how}: {summarise(err or out)}", "stderr_head": (err or "")[:3000],
            "stderr_tail": (err or "")[-1500:], "wall": wall, "load": load}


def summarise(text: str) -> str:
    """The informative lines of a crash report (not the C backtrace), on one line."""
    keys = ("error", "assert", "terminate", "abort", "exception", "what()", "fatal", "memory")
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    picked = [l for l in lines if any(k in l.lower() for k in keys) and "/lib" not in l]
    return " | ".join(picked[:4] or lines[-3:])[:400]


def ours(binary: Path, inst: Instance, algorithm: str, timeout: float) -> dict:
    features, people, id_column, address = inst.ours
    cmd = [str(binary), str(features), str(people), id_column, str(inst.k), algorithm]
    if address:
        cmd.append(",".join(address))
    return run_json(cmd, timeout)


GUROBI_FREE_LIMIT = 2000  # variables and constraints of gurobipy's size-limited licence


def theirs(inst: Instance, algorithm: str, backend: str, timeout: float, precheck: bool = True) -> dict:
    if precheck and algorithm == "leximin" and inst.n + 1 > GUROBI_FREE_LIMIT:
        # Their leximin's dual LP has one variable per person plus one: certain to be refused, after
        # minutes of generating initial panels. Not run (--no-licence-precheck runs it anyway).
        return {"status": "licence", "error": f"dual LP has n+1 = {inst.n + 1} > {GUROBI_FREE_LIMIT} variables "
                "(pre-checked, not run)", "prechecked": True}
    features, people, id_column, address = inst.theirs
    cmd = [str(VENV / "bin" / "python"), str(HERE / "peer_run.py"), str(features), str(people), id_column,
           str(inst.k), algorithm, backend]
    if address:
        cmd.append(",".join(address))
    return run_json(cmd, timeout)


def ensure_peer_env(reinstall: bool) -> str:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        reinstall = True
    if not reinstall:
        probe = subprocess.run([str(python), "-c", "import sortition_algorithms, mip, gurobipy"],
                               capture_output=True)
        reinstall = probe.returncode != 0
    if reinstall:
        print(f"installing {' '.join(PEER_PACKAGES)} ...", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", *PEER_PACKAGES], check=True)
    versions = subprocess.run(
        [str(python), "-c",
         "import importlib.metadata as m; print(', '.join(p + ' ' + m.version(p) for p in "
         "('sortition-algorithms', 'mip', 'gurobipy')))"],
        capture_output=True, text=True, check=True)
    return versions.stdout.strip()


def find_binary(build_dir: Path | None) -> Path:
    if build_dir is None:
        build_dir = ROOT / "build" / "bench"
        print(f"building bench_selection in {build_dir.relative_to(ROOT)} (Release) ...", file=sys.stderr)
        configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                     "-DSERVICEDESIGN_BUILD_BENCH=ON", "-DSERVICEDESIGN_BUILD_TESTS=OFF",
                     "-DSERVICEDESIGN_BUILD_DOCS=OFF", "-DSERVICEDESIGN_BUILD_PYTHON=OFF"]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure[1:1] = ["-G", "Ninja"]
        subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", str(build_dir), "--config", "Release", "--target", "bench_selection",
                        "-j", str(os.cpu_count() or 2)], check=True)
    for candidate in (build_dir / "bench" / "bench_selection", build_dir / "bench_selection",
                      build_dir / "bench" / "Release" / "bench_selection"):
        if candidate.is_file():
            return candidate
    sys.exit(f"bench_selection not found under {build_dir}")


# --------------------------------------------------------------------------------------------------
# Output


def cell(r: dict | None) -> str:
    if r is None:
        return "–"
    status = r.get("status")
    if status == "ok":
        t = r["seconds"]
        return f"{t:.3f} s · {r['min_probability']:.4f}" if t < 1 else \
            f"{t:.2f} s · {r['min_probability']:.4f}" if t < 100 else f"{t:.0f} s · {r['min_probability']:.4f}"
    if status == "timeout":
        return ">timeout"
    if status == "licence":
        return "n/a (licence)"
    if status == "infeasible":
        return "infeasible"
    return "error"


def ok(r: dict | None) -> bool:
    return bool(r) and r.get("status") == "ok"


def ratio(inst: Instance, timeout: float) -> str:
    ours_lex, their_max = inst.results.get("ours leximin"), inst.results.get("theirs maximin")
    if ours_lex and ours_lex.get("status") == "timeout" and ok(their_max):
        return f"<{their_max['seconds'] / timeout:.2f}×"
    if not ok(ours_lex):
        return "–"
    base = max(ours_lex["seconds"], 1e-3)
    if ok(their_max):
        return f"{their_max['seconds'] / base:.0f}×" if their_max["seconds"] / base >= 10 else \
            f"{their_max['seconds'] / base:.1f}×"
    if their_max and their_max.get("status") == "timeout":
        return f">{timeout / base:.0f}×"
    return "–"


def peaks(inst: Instance) -> str:
    def side(prefix: str) -> str:
        values = [r["peak_rss_mb"] for key, r in inst.results.items()
                  if key.startswith(prefix) and r.get("peak_rss_mb") is not None and r.get("status") != "timeout"]
        return f"{max(values):.0f}" if values else "–"
    return f"{side('ours')} / {side('theirs')}"


def table(instances: list[Instance], timeout: float) -> str:
    head = ["instance", "n", "k", "types"] + [f"our {a}" for a in OURS] + [f"their {a}" for a in THEIRS] + \
        ["their maximin / our leximin", "peak MB ours / theirs"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for inst in instances:
        row = [inst.name, str(inst.n), str(inst.k), str(inst.types if inst.types is not None else "–")]
        row += [cell(inst.results.get(f"ours {a}")) for a in OURS]
        row += [cell(inst.results.get(f"theirs {a}")) for a in THEIRS]
        row += [ratio(inst, timeout), peaks(inst)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def nash_table(instances: list[Instance]) -> str:
    lines = ["| instance | our nash: geometric mean · max | our gap | their nash: geometric mean · max |",
             "|---|---|---|---|"]
    for inst in instances:
        cells = []
        for key in ("ours nash", "theirs nash"):
            r = inst.results.get(key)
            cells.append(f"{r['geo_mean_probability']:.5f} · {r['max_probability']:.4f}" if ok(r) else cell(r))
        r = inst.results.get("ours nash")
        # The proven bound: the geometric mean is within a factor e^gap of the best Nash welfare.
        gap = f"{r['optimality_gap']:.1e}" if ok(r) and "optimality_gap" in r else "–"
        lines.append(f"| {inst.name} | {cells[0]} | {gap} | {cells[1]} |")
    return "\n".join(lines)


def findings(instances: list[Instance]) -> list[str]:
    notes = []
    for inst in instances:
        r = inst.results
        for our_key, their_key in (("ours leximin", "theirs maximin"), ("ours leximin", "theirs leximin"),
                                   ("ours maximin", "theirs maximin"), ("ours leximin", "theirs nash")):
            if ok(r.get(our_key)) and ok(r.get(their_key)):
                a, b = r[our_key]["min_probability_all"], r[their_key]["min_probability_all"]
                if a < b - TOLERANCE:
                    notes.append(f"LOWER MINIMUM: {inst.name}: {our_key} {a:.6f} < {their_key} {b:.6f}")
        if ok(r.get("ours leximin")) and ok(r.get("ours maximin")):
            a, b = r["ours leximin"]["min_probability"], r["ours maximin"]["min_probability"]
            if a < b - 1e-12:
                notes.append(f"LOWER MINIMUM: {inst.name}: our leximin {a:.15f} < our maximin {b:.15f}")
        if ok(r.get("ours nash")) and ok(r.get("theirs nash")):
            a, b = r["ours nash"]["geo_mean_probability"], r["theirs nash"]["geo_mean_probability"]
            if a < b * (1 - 1e-4):
                notes.append(f"lower Nash welfare: {inst.name}: our nash geometric mean {a:.6f} < theirs {b:.6f}")
        for key, res in r.items():
            if res.get("status") in ("error", "infeasible"):
                text = " ".join(str(res.get("error", "")).split())[:300]
                notes.append(f"{res['status']}: {inst.name}: {key}: {text}")
    return notes


def targets(instances: list[Instance]) -> list[str]:
    lines = []
    by_name = {i.name: i for i in instances}
    hard = [i for i in instances if i.note == "hard"]
    for algorithm, limit in HARD_TARGETS.items():
        runs = [(i.name, i.results.get(f"ours {algorithm}")) for i in hard]
        if not runs:
            continue
        missed = [name for name, r in runs if not ok(r) or r["seconds"] > limit]
        slowest = max((r["seconds"] for _, r in runs if ok(r)), default=float("nan"))
        lines.append(f"{algorithm} <= {limit:g} s on every hard pool: slowest {slowest:.2f} s -> "
                     + ("met" if not missed else "NOT met on " + ", ".join(missed)))
    large = by_name.get("example_large_200")
    if large and ok(large.results.get("ours leximin")):
        s = large.results["ours leximin"]["seconds"]
        lines.append(f"LEXIMIN on example_large_200 under 10 s: {s:.2f} s -> {'met' if s < 10 else 'NOT met'}")
    mid = by_name.get("synthetic_750_112")
    if mid:
        lex, their = mid.results.get("ours leximin"), mid.results.get("theirs maximin")
        if ok(lex) and ok(their):
            factor = their["seconds"] / max(lex["seconds"], 1e-3)
            higher = lex["min_probability_all"] >= their["min_probability_all"] - TOLERANCE
            lines.append(f"LEXIMIN at n=750/k=112 >= 20x faster than their maximin: {factor:.1f}x -> "
                         f"{'met' if factor >= 20 else 'NOT met'}; minimum probability "
                         f"{lex['min_probability_all']:.6f} vs {their['min_probability_all']:.6f} -> "
                         f"{'not lower' if higher else 'LOWER'}")
        elif lex and their:
            ours_text = f"{lex['seconds']:.1f} s" if ok(lex) else lex.get("status", "?")
            their_text = f"{their['seconds']:.1f} s" if ok(their) else their.get("status", "?")
            lines.append(f"LEXIMIN at n=750/k=112 >= 20x faster than their maximin: NOT met (ours {ours_text}, "
                         f"their maximin {their_text})")
    return lines


# --------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only the fixtures, example_small_20 and n <= 300")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run (default 600)")
    parser.add_argument("--build-dir", type=Path, help="build folder with bench_selection (default: build "
                        "build/bench in Release)")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "sortition",
                        help="folder with example_small_20/, example_large_200/, sortition-algorithms-fixtures/")
    parser.add_argument("--peer-backend", default="mip-cbc", help="solver_backend of sortition-algorithms for "
                        "maximin and nash (default mip-cbc: CBC)")
    parser.add_argument("--peer-leximin-backend", default="mip-cbc", help="solver_backend for the pricing ILPs "
                        "of their leximin (its LPs always use Gurobi; default mip-cbc)")
    parser.add_argument("--only", nargs="*", help="run only instances whose name contains one of these")
    parser.add_argument("--skip-theirs", action="store_true", help="run only our algorithms")
    parser.add_argument("--no-licence-precheck", action="store_true", help="run their leximin even where its "
                        "dual LP has more variables than the free Gurobi licence allows (n >= 2000)")
    parser.add_argument("--reinstall-peers", action="store_true", help="pip-install the peer packages again")
    parser.add_argument("--keep", type=Path, help="write the instances and results.json to this folder")
    args = parser.parse_args()

    binary = find_binary(args.build_dir)
    versions = "(skipped)" if args.skip_theirs else ensure_peer_env(args.reinstall_peers)
    work = Path(tempfile.mkdtemp(prefix="bench-selection-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)

    data = args.data_dir
    fixtures = data / "sortition-algorithms-fixtures"
    address = ["primary_address1", "primary_zip"]
    instances = [Instance("sortition-algorithms fixtures", 22,
                          (fixtures / "features.csv", fixtures / "candidates.csv", "nationbuilder_id", address),
                          (fixtures / "features.csv", fixtures / "candidates.csv", "nationbuilder_id", address))]
    for name, k in (("example_small_20", 20), ("example_large_200", 200)):
        if args.quick and k > 20:
            continue
        src = data / name
        converted = convert_example(src, k, work / name)
        instances.append(Instance(name, k, (src / "categories.csv", src / "respondents.csv", "-", []),
                                  (*converted, "id", [])))
    for n, k in SYNTHETIC:
        if args.quick and n > 300:
            continue
        instances.append(Instance(f"synthetic_{n}_{k}", k, (), (), note="synthetic"))
    for n, k, categories, values in HARD:
        if args.quick and n > 320:
            continue
        instances.append(Instance(f"hard_{n}_{k}", k, (), (), note="hard"))
    if args.only:
        instances = [i for i in instances if any(o in i.name for o in args.only)]

    started = datetime.datetime.now()
    print(f"# selection benchmark {started:%Y-%m-%d %H:%M}, {platform.node()}, {os.cpu_count()} cores, "
          f"timeout {args.timeout:.0f} s; peer: {versions}", file=sys.stderr)
    for inst in instances:
        if inst.note in ("synthetic", "hard"):
            n = int(inst.name.split("_")[1])
            if inst.note == "synthetic":
                attributes, people = synthetic_pool(n, SEED + n)
                quotas = synthetic_quotas
            else:
                shape = next(h for h in HARD if h[0] == n and h[1] == inst.k)
                attributes, people = hard_pool(n, shape[2], shape[3], SEED + n)
                quotas = census_quotas
            widen = 1.0
            for _attempt in range(5):  # widen the quotas until our leximin finds them feasible
                paths = write_synthetic(work / inst.name, attributes, people,
                                        quotas(attributes, people, inst.k, widen))
                inst.ours = inst.theirs = (*paths, "id", address)
                first = ours(binary, inst, "leximin", args.timeout)
                if first.get("status") != "infeasible":
                    break
                print(f"  {inst.name}: quotas infeasible, widening", file=sys.stderr)
                widen *= 1.5
            inst.results["ours leximin"] = first
        inst.n = count_rows(inst.ours[1])
        for algorithm in OURS:
            key = f"ours {algorithm}"
            if key not in inst.results:
                inst.results[key] = ours(binary, inst, algorithm, args.timeout)
            r = inst.results[key]
            if r.get("types") is not None:
                inst.types = r["types"]
            print(f"  {inst.name}: {key}: {cell(r)}", file=sys.stderr, flush=True)
        if args.skip_theirs:
            continue
        for algorithm in THEIRS:
            key = f"theirs {algorithm}"
            backend = args.peer_leximin_backend if algorithm == "leximin" else args.peer_backend
            inst.results[key] = theirs(inst, algorithm, backend, args.timeout, not args.no_licence_precheck)
            print(f"  {inst.name}: {key}: {cell(inst.results[key])}", file=sys.stderr, flush=True)

    elapsed = datetime.datetime.now() - started
    loads = [r["load"] for i in instances for r in i.results.values() if r.get("load") is not None]
    load_text = f", load average before the runs {min(loads):.1f}-{max(loads):.1f}" if loads else ""
    print(f"\nSelection benchmark, {started:%Y-%m-%d}, {platform.machine()} {os.cpu_count()} cores, "
          f"timeout {args.timeout:.0f} s per run, total {elapsed.total_seconds() / 60:.1f} min{load_text}.")
    print(f"Peer: {versions}; backend {args.peer_backend}, leximin pricing {args.peer_leximin_backend}.")
    print("Each cell: time · minimum selection probability.\n")
    print(table(instances, args.timeout))
    print("\nNash welfare (geometric mean of the probabilities) and maximum probability of the two nash runs:\n")
    print(nash_table(instances))
    notes = findings(instances)
    print("\nFindings:" if notes else "\nFindings: none (no minimum probability of ours below theirs).")
    for line in notes:
        print(f"- {line}")
    for line in targets(instances):
        print(f"- target: {line}")

    results = {"date": started.isoformat(timespec="seconds"), "machine": platform.node(),
               "cores": os.cpu_count(), "peer": versions, "timeout": args.timeout,
               "instances": [{"name": i.name, "n": i.n, "k": i.k, "types": i.types, "results": i.results}
                             for i in instances]}
    (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nraw results: {work / 'results.json'}", file=sys.stderr)
    return 1 if any(line.startswith("LOWER") for line in notes) else 0


if __name__ == "__main__":
    sys.exit(main())
