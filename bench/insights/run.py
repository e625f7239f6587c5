#!/usr/bin/env python3
"""Benchmark of theme finding: our default pipeline against peers on the same texts, in one run.

Data (../shared/data/insights): banking77 (13,083 English questions, 77 intents) and SIB-200 (the same
1,004 sentences in Swedish, Norwegian Bokmål and Nynorsk, Danish and English; 7 topics). Every method gets
the same preprocessing — our Nordic pipeline's stems without stop words — so the table compares clustering,
not tokenisers. Each method runs in its own process (time and peak memory are its own):

  ours             servicedesign.insights.Themes with its defaults (TF-IDF, 10 neighbours, Leiden,
                   resolution 1), NOT told the number of themes
  ours-average     the same with algorithm="average" (level of highest modularity), NOT told the number
  ours-average-k   algorithm="average" cut at the true number of themes
  ours-hdbscan     algorithm="hdbscan", min_cluster_size 10 (as the peer), noise reassigned (the default)
  tfidf+kmeans     scikit-learn TfidfVectorizer (sublinear) + KMeans, told the true number
  lsa+kmeans       TF-IDF + TruncatedSVD(100) + KMeans, told the true number
  lsa+average      TF-IDF + SVD(100), fastcluster average linkage on cosine, cut at the true number
  lsa+hdbscan      TF-IDF + SVD(100), hdbscan (min_cluster_size 10); noise is reported as such

The peers are installed from PyPI into bench/.venv-peers-insights on first use. BERTopic is not run yet
(it needs torch); see bench/README.md. `--scale N` also times ours end to end on N pooled notes (all data
sets, lightly perturbed copies to reach N).

Usage: python bench/insights/run.py [--quick] [--skip-peers] [--skip-others] [--scale 50000] [--timeout 900]
       [--resolution 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = HERE.parent / ".venv-peers-insights"
PEER_PACKAGES = ["scikit-learn", "hdbscan", "fastcluster", "numpy", "scipy"]
PEERS = ["tfidf+kmeans", "lsa+kmeans", "lsa+average", "lsa+hdbscan"]
OURS_OTHERS = ["ours-average", "ours-average-k", "ours-hdbscan"]
SIB_LANGUAGES = {"swe": "sv", "nob": "no", "nno": "no", "dan": "da", "eng": "en"}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kilobytes


# --------------------------------------------------------------------------------------------------
# Data


def load_datasets(data: Path, quick: bool) -> dict[str, dict]:
    sets: dict[str, dict] = {}
    texts, truth = [], []
    for split in ("train", "test"):
        with open(data / "banking77" / f"{split}.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                texts.append(row["text"])
                truth.append(row["category"])
    if quick:
        texts, truth = texts[:3000], truth[:3000]
    sets["banking77"] = {"texts": texts, "truth": truth, "language": "en"}
    for code, language in SIB_LANGUAGES.items():
        texts, truth = [], []
        for split in ("train", "dev", "test"):
            with open(data / "sib200" / f"{code}_{split}.tsv", newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    texts.append(row["text"])
                    truth.append(row["category"])
        sets[f"sib200-{code}"] = {"texts": texts, "truth": truth, "language": language}
    return sets


def perturbed_pool(sets: dict[str, dict], n: int, seed: int = 2026) -> list[str]:
    """All notes pooled, then copies with one word dropped or two words swapped until there are n."""
    rng = random.Random(seed)
    pool = [t for s in sets.values() for t in s["texts"]]
    out = list(pool)
    while len(out) < n:
        words = rng.choice(pool).split()
        if len(words) > 3:
            if rng.random() < 0.5:
                del words[rng.randrange(len(words))]
            else:
                i, j = rng.randrange(len(words)), rng.randrange(len(words))
                words[i], words[j] = words[j], words[i]
        out.append(" ".join(words))
    return out[:n]


# --------------------------------------------------------------------------------------------------
# Workers (run in their own process)


def worker_ours(job: dict, method: str = "ours") -> dict:
    import servicedesign as sd

    options = {"ours": {"resolution": job.get("resolution", 1.0)},
               "ours-average": {"algorithm": "average"},
               "ours-average-k": {"algorithm": "average", "n_themes": job["k"]},
               "ours-hdbscan": {"algorithm": "hdbscan", "min_cluster_size": 10}}[method]
    start = time.perf_counter()
    model = sd.insights.Themes(language=job["language"], seed=0, **options).fit(job["texts"])
    seconds = time.perf_counter() - start
    return {"labels": model.labels_.tolist(), "seconds": seconds}


def worker_peer(method: str, job: dict) -> dict:
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import Normalizer

    start = time.perf_counter()
    terms = job["terms"]
    k = job["k"]
    tfidf = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(terms)
    if method == "tfidf+kmeans":
        labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(tfidf)
    else:
        dims = max(2, min(100, tfidf.shape[1] - 1))
        lsa = Normalizer(copy=False).fit_transform(TruncatedSVD(dims, random_state=0).fit_transform(tfidf))
        if method == "lsa+kmeans":
            labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(lsa)
        elif method == "lsa+average":
            import fastcluster
            from scipy.cluster.hierarchy import fcluster

            tree = fastcluster.linkage(lsa, method="average", metric="cosine")
            labels = fcluster(tree, t=k, criterion="maxclust") - 1
        elif method == "lsa+hdbscan":
            import hdbscan

            labels = hdbscan.HDBSCAN(min_cluster_size=10).fit_predict(lsa)
        else:
            raise SystemExit(f"unknown method {method}")
    seconds = time.perf_counter() - start
    return {"labels": np.asarray(labels).tolist(), "seconds": seconds}


def worker_main(method: str, job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    result = worker_ours(job, method) if method.startswith("ours") else worker_peer(method, job)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    return 0


# --------------------------------------------------------------------------------------------------
# Orchestration


def ensure_peer_env() -> str:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    out = subprocess.run([str(python), "-c", "import sklearn, hdbscan, fastcluster; print('scikit-learn', "
                          "sklearn.__version__, '· hdbscan · fastcluster', fastcluster.__version__)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def run_worker(python: str, method: str, job: dict, timeout: float, work: Path) -> dict:
    path = work / "job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    try:
        proc = subprocess.run([python, str(Path(__file__).resolve()), "--worker", method, str(path)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    if proc.returncode != 0:
        return {"status": "error", "error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["status"] = "ok"
    return result


def score(result: dict, truth: list[str]) -> dict:
    import servicedesign as sd

    if result.get("status") != "ok":
        return result
    names = sorted(set(truth))
    truth_ids = [names.index(t) for t in truth]
    labels = result.pop("labels")
    noise = sum(1 for label in labels if label < 0)
    # Notes outside every theme count as one more cluster for the scores (as sklearn scores them).
    result.update(nmi=sd.insights.normalized_mutual_info_score(truth_ids, labels),
                  ari=sd.insights.adjusted_rand_score(truth_ids, labels),
                  themes=len({label for label in labels if label >= 0}), noise=noise / len(labels))
    return result


def cell(r: dict) -> str:
    if r.get("status") != "ok":
        return r.get("status", "?")
    return f"{r['nmi']:.3f} · {r['ari']:.3f} · {r['themes']} · {r['noise']:.0%} · {r['seconds']:.2f} s · {r['peak_mb']:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "JOB"), help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "insights")
    parser.add_argument("--quick", action="store_true", help="banking77 cut to 3,000 notes")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-others", action="store_true", help="run only our default, not our other clusterers")
    parser.add_argument("--scale", type=int, default=0, help="also time ours on this many pooled notes")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--resolution", type=float, default=1.0, help="Leiden resolution of ours (default 1, "
                        "the library's default)")
    args = parser.parse_args()
    if args.worker:
        return worker_main(*args.worker)

    import servicedesign as sd

    versions = "(skipped)" if args.skip_peers else ensure_peer_env()
    peer_python = str(VENV / "bin" / "python")
    sets = load_datasets(args.data_dir, args.quick)
    work = Path(tempfile.mkdtemp(prefix="bench-insights-"))
    started = time.time()
    rows = []
    for name, data in sets.items():
        pipeline = sd.insights.TextPipeline(language=data["language"])
        terms, _, _ = pipeline.process_many(data["texts"])
        job = {"texts": data["texts"], "terms": terms, "language": data["language"], "k": len(set(data["truth"])),
               "resolution": args.resolution}
        results = {"ours": score(run_worker(sys.executable, "ours", job, args.timeout, work), data["truth"])}
        print(f"  {name}: ours: {cell(results['ours'])}", file=sys.stderr, flush=True)
        for method in [] if args.skip_others else OURS_OTHERS:
            results[method] = score(run_worker(sys.executable, method, job, args.timeout, work), data["truth"])
            print(f"  {name}: {method}: {cell(results[method])}", file=sys.stderr, flush=True)
        for method in [] if args.skip_peers else PEERS:
            results[method] = score(run_worker(peer_python, method, job, args.timeout, work), data["truth"])
            print(f"  {name}: {method}: {cell(results[method])}", file=sys.stderr, flush=True)
        rows.append((name, len(data["texts"]), job["k"], results))

    methods = ["ours"] + ([] if args.skip_others else OURS_OTHERS) + ([] if args.skip_peers else PEERS)
    print(f"\nInsights benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()} {os.cpu_count()} cores, "
          f"total {(time.time() - started) / 60:.1f} min; peers: {versions}.")
    print("Each cell: NMI · ARI · themes · share of notes in no theme · time · peak memory. Ours is not told the "
          "number of themes (except ours-average-k); the peers are (except hdbscan).\n")
    print("| data (notes/true themes) | " + " | ".join(methods) + " |")
    print("|---|" + "---|" * len(methods))
    for name, n, k, results in rows:
        print(f"| {name} ({n}/{k}) | " + " | ".join(cell(results.get(m, {})) for m in methods) + " |")
    best_peer = {name: max((r["nmi"] for m, r in results.items() if not m.startswith("ours") and r.get("status") == "ok"),
                           default=None) for name, n, k, results in rows}
    print("\nTargets:")
    for name, n, k, results in rows:
        ours = results["ours"]
        if ours.get("status") != "ok" or best_peer[name] is None:
            continue
        verdict = "met" if ours["nmi"] >= best_peer[name] - 1e-9 else "NOT met"
        print(f"- {name}: our NMI {ours['nmi']:.3f} vs best peer {best_peer[name]:.3f} -> {verdict}")
    if args.scale:
        texts = perturbed_pool(sets, args.scale)
        job = {"texts": texts, "terms": [], "language": None, "k": 0}
        r = run_worker(sys.executable, "ours", job, args.timeout, work)
        if r.get("status") == "ok":
            print(f"- {args.scale} pooled notes end to end: {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB "
                  f"(targets: under 20 s, under 2 GB) -> "
                  f"{'met' if r['seconds'] < 20 and r['peak_mb'] < 2048 else 'NOT met'}")
        else:
            print(f"- {args.scale} pooled notes: {r.get('status')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
