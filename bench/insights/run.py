#!/usr/bin/env python3
"""Benchmark of theme finding: our default pipeline against peers on the same texts, in one run.

Data (../shared/data/insights): banking77 (13,083 English questions, 77 intents) and SIB-200 (the same
1,004 sentences in Swedish, Norwegian Bokmål and Nynorsk, Danish and English; 7 topics). Every method gets
the same preprocessing — our Nordic pipeline's stems without stop words — so the table compares clustering,
not tokenisers. Each method runs in its own process (time and peak memory are its own):

  ours             servicedesign.insights.Themes with its defaults (TF-IDF with character 3-grams, 10
                   neighbours, consensus Leiden of 8 runs, resolution chosen for the notes), NOT told the
                   number of themes
  ours-average     the same with algorithm="average" (level of highest modularity), NOT told the number
  ours-average-k   algorithm="average" cut at the true number of themes
  ours-hdbscan     algorithm="hdbscan", min_cluster_size 10 (as the peer), noise reassigned (the default)
  tfidf+kmeans     scikit-learn TfidfVectorizer (sublinear) + KMeans, told the true number
  lsa+kmeans       TF-IDF + TruncatedSVD(100) + KMeans, told the true number
  lsa+average      TF-IDF + SVD(100), fastcluster average linkage on cosine, cut at the true number
  lsa+hdbscan      TF-IDF + SVD(100), hdbscan (min_cluster_size 10); noise is reported as such
  bertopic (LSA)   BERTopic given the same LSA vectors as embeddings (no model, nothing downloaded), its
                   defaults otherwise: UMAP (seed fixed) + HDBSCAN (min_topic_size 10) + c-TF-IDF, NOT told
                   the number; its outlier topic -1 is reported as noise. Timed from the stems: the LSA
                   embedding is included, and the timed fit is the second in its process (the first, shown
                   on stderr as the cold time, compiles numba's kernels for UMAP)

The peers are installed from PyPI into bench/.venv-peers-insights on first use; BERTopic into
bench/.venv-peers-bertopic, with pinned versions and without its declared dependency sentence-transformers
(and so without torch), which it never uses when given embeddings. `--scale N` also times ours end to end
on N pooled notes (all data sets, lightly perturbed copies to reach N). The targets printed at the end: our
NMI at least the best peer's, and ours at least 5x faster than BERTopic.

Usage: python bench/insights/run.py [--quick] [--skip-peers] [--skip-bertopic] [--skip-others]
       [--scale 50000,100000,200000,500000,1000000]
       [--timeout 900] [--resolution auto|R] [--seeds N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import statistics
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
# BERTopic lives in a venv of its own: it is installed without its declared dependencies (sentence-transformers
# would bring torch and several GB of CUDA libraries, and we never let it embed anything), so its versions are
# pinned to a set checked to import and run that way, and the other peers' unpinned "latest" stays untouched.
BERTOPIC = "bertopic (LSA)"
BERTOPIC_VENV = HERE.parent / ".venv-peers-bertopic"
BERTOPIC_PACKAGE = "bertopic==0.17.4"
# What bertopic 0.17.4 needs at run time once sentence-transformers is left out; pyyaml is imported by
# bertopic/_bertopic.py but only declared through sentence-transformers, so it is listed by hand.
BERTOPIC_RUNTIME = ["umap-learn==0.5.12", "pynndescent==0.7.0", "numba==0.68.1", "llvmlite==0.50.0",
                    "hdbscan==0.8.44", "scikit-learn==1.9.1", "scipy==1.17.1", "numpy==2.4.6", "pandas==3.1.1",
                    "plotly==7.1.0", "tqdm==4.70.1", "pyyaml==6.0.3"]
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


def perturbed(text: str, rng: random.Random) -> str:
    """The text with one word dropped or two words swapped (texts of three words or fewer stay as they are)."""
    words = text.split()
    if len(words) > 3:
        if rng.random() < 0.5:
            del words[rng.randrange(len(words))]
        else:
            i, j = rng.randrange(len(words)), rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
    return " ".join(words)


def perturbed_pool(sets: dict[str, dict], n: int, seed: int = 2026) -> list[str]:
    """All notes pooled, then copies with one word dropped or two words swapped until there are n."""
    rng = random.Random(seed)
    pool = [t for s in sets.values() for t in s["texts"]]
    out = list(pool)
    while len(out) < n:
        out.append(perturbed(rng.choice(pool), rng))
    return out[:n]


def doubled(texts: list[str], seed: int = 2026) -> list[str]:
    """The texts, then each of them once more, perturbed."""
    rng = random.Random(seed)
    return texts + [perturbed(t, rng) for t in texts]


# --------------------------------------------------------------------------------------------------
# Workers (run in their own process)


def worker_ours(job: dict, method: str = "ours") -> dict:
    import servicedesign as sd

    options = {"ours": {"resolution": job.get("resolution", "auto"), "ensemble": job.get("ensemble", 8),
                        "char_ngrams": job.get("char_ngrams", 3), "lsa": job.get("lsa", 0)},
               "ours-average": {"algorithm": "average"},
               "ours-average-k": {"algorithm": "average", "n_themes": job["k"]},
               "ours-hdbscan": {"algorithm": "hdbscan", "min_cluster_size": 10}}[method]
    def fit(seed: int):
        start = time.perf_counter()
        model = sd.insights.Themes(language=job["language"], seed=seed, **options).fit(job["texts"])
        return model, time.perf_counter() - start

    # As for BERTopic, the first fit in the process (which also imports pandas and loads the stemmers) only
    # warms up; the fits after it, one per seed, are the ones timed.
    _, cold_seconds = fit(job["seeds"][0])
    runs = []
    for seed in job["seeds"]:
        model, seconds = fit(seed)
        runs.append({"labels": model.labels_.tolist(), "seconds": seconds,
                     "resolution": getattr(model, "resolution_", None)})
    return {"runs": runs, "cold_seconds": cold_seconds}


def worker_scale(job: dict) -> dict:
    """One fit of ours with the library's defaults on the pooled notes (after a small warm-up fit), then the
    recall of the neighbour search it ran: the search links the first note of each group of copies (the nodes
    the clusterer sees), so for a sample of those, the share of their exact ten nearest among the nodes (by
    brute force) that the default search links them to."""
    import numpy as np
    import scipy.sparse as sparse

    import servicedesign as sd

    sd.insights.Themes(seed=0).fit(job["texts"][:1000])
    start = time.perf_counter()
    model = sd.insights.Themes(seed=0, posting_limit=job.get("posting_limit", 0)).fit(job["texts"])
    seconds = time.perf_counter() - start
    fit_peak_mb = peak_mb()  # the high-water mark of the fit, before the brute-force recall below
    data, indices, row_start = model._x.to_arrays()
    rows = sparse.csr_matrix((data, indices, row_start), shape=model._x.shape)
    copied = model.duplicate_of_[model.duplicate_of_ >= 0]  # rows are the notes that are not fillers
    usable = np.flatnonzero(model.duplicate_of_ >= 0)
    matrix = rows[copied == usable]  # one row per group of copies, in the order of their first notes
    nodes = sd.insights.SparseMatrix.from_arrays(matrix.data, matrix.indices, matrix.indptr, matrix.shape)
    limit = job.get("posting_limit", 0)  # the search the fit used
    graph = sd.insights.knn_graph(nodes, neighbours=model.neighbours, posting_limit=2**64 - 1 if limit is None else limit)
    indptr, neighbour, _ = graph.to_arrays()
    rng = np.random.default_rng(0)
    sample = rng.choice(matrix.shape[0], size=min(job["recall_sample"], matrix.shape[0]), replace=False)
    hit = total = 0
    for chunk in np.array_split(sample, max(1, len(sample) // 20)):
        scores = (matrix[chunk] @ matrix.T).toarray()
        for row, note in zip(scores, chunk):
            row[note] = -1.0
            best = np.argsort(-row, kind="stable")[:model.neighbours]
            best = best[row[best] > 0]
            linked = set(neighbour[indptr[note]:indptr[note + 1]].tolist())
            hit += sum(int(b) in linked for b in best)
            total += len(best)
    return {"seconds": seconds, "themes": int(model.n_themes_), "resolution": model.resolution_,
            "recall": hit / max(total, 1), "peak_mb_fit": fit_peak_mb, "nodes": int(matrix.shape[0])}


def tfidf_matrix(terms: list[list[str]]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(terms)


def lsa_vectors(tfidf, seed: int = 0):
    """TF-IDF reduced to 100 dimensions by truncated SVD, rows scaled to length 1 (the LSA the peers share)."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import Normalizer

    dims = max(2, min(100, tfidf.shape[1] - 1))
    return Normalizer(copy=False).fit_transform(TruncatedSVD(dims, random_state=seed).fit_transform(tfidf))


def worker_peer(method: str, job: dict) -> dict:
    # fastcluster and hdbscan are deterministic, but their input (the LSA vectors) depends on the SVD's seed.
    return {"runs": [peer_run(method, job, seed) for seed in job["seeds"]]}


def peer_run(method: str, job: dict, seed: int) -> dict:
    import numpy as np
    from sklearn.cluster import KMeans

    # Imported before the clock starts, so that every seed's time is a warm one.
    if method == "lsa+average":
        import fastcluster  # noqa: F401
    elif method == "lsa+hdbscan":
        import hdbscan  # noqa: F401
    start = time.perf_counter()
    terms = job["terms"]
    k = job["k"]
    tfidf = tfidf_matrix(terms)
    if method == "tfidf+kmeans":
        labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(tfidf)
    else:
        lsa = lsa_vectors(tfidf, seed)
        if method == "lsa+kmeans":
            labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(lsa)
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


def bertopic_model(seed: int = 0):
    """BERTopic with its own defaults, except that it embeds nothing and UMAP's seed is fixed.

    The UMAP below is the one BERTopic builds by default (bertopic/_bertopic.py), passed explicitly so that its
    random_state can be set (which also makes UMAP single-threaded) and so that a missing umap-learn fails
    loudly instead of BERTopic silently falling back to PCA. HDBSCAN (min_cluster_size 10, eom) and the
    c-TF-IDF topic representation are BERTopic's defaults.
    """
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False,
                      random_state=seed)
    return BERTopic(embedding_model=None, umap_model=umap_model)


def worker_bertopic(job: dict) -> dict:
    import numpy as np

    def fit(seed: int) -> tuple[list[int], float, float]:
        # Timed from the preprocessed texts, as ours is from raw texts: the LSA embedding (TF-IDF + SVD(100), as
        # for the lsa+ peers) is part of BERTopic's time, then UMAP, HDBSCAN and c-TF-IDF in fit_transform.
        start = time.perf_counter()
        embeddings = lsa_vectors(tfidf_matrix(job["terms"]), seed).astype(np.float32)
        embed_seconds = time.perf_counter() - start
        # c-TF-IDF (topic words only; it does not change the labels) gets the same stems, joined by spaces.
        docs = [" ".join(terms) for terms in job["terms"]]
        topics, _ = bertopic_model(seed).fit_transform(docs, embeddings=embeddings)
        return np.asarray(topics).tolist(), time.perf_counter() - start, embed_seconds

    # UMAP and pynndescent compile their numba kernels on first use in every new process (~10 s, more than the
    # whole fit on small data), and which kernels depends on the data's size (exact neighbours below 4,096
    # notes, NN-descent above). A long-lived application pays that once, so the first fit, on the same input,
    # only warms up (reported as cold_seconds) and the ones after it, one per seed, are timed.
    _, cold_seconds, _ = fit(job["seeds"][0])
    runs = []
    for seed in job["seeds"]:
        labels, seconds, embed_seconds = fit(seed)
        # Topic -1 is BERTopic's outlier topic: noise, scored as hdbscan's noise is.
        runs.append({"labels": labels, "seconds": seconds, "embed_seconds": embed_seconds})
    return {"runs": runs, "cold_seconds": cold_seconds}


def worker_main(method: str, job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    if method == "ours-scale":
        result = worker_scale(job)
    elif method.startswith("ours"):
        result = worker_ours(job, method)
    elif method == BERTOPIC:
        result = worker_bertopic(job)
    else:
        result = worker_peer(method, job)
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


def ensure_bertopic_env() -> str:
    python = BERTOPIC_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {BERTOPIC_VENV.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(BERTOPIC_VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, *BERTOPIC_RUNTIME], check=True)
        # --no-deps: leaves out sentence-transformers and with it torch; embeddings are always given.
        subprocess.run([*pip, "--no-deps", BERTOPIC_PACKAGE], check=True)
    out = subprocess.run([str(python), "-c", "import importlib.util, bertopic, umap; print('bertopic', "
                          "bertopic.__version__, '· umap-learn', umap.__version__, '· torch', "
                          "'absent' if importlib.util.find_spec('torch') is None else 'present')"],
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
    runs = result.pop("runs")
    for run in runs:
        labels = run.pop("labels")
        noise = sum(1 for label in labels if label < 0)
        # Notes outside every theme count as one more cluster for the scores (as sklearn scores them).
        run.update(nmi=sd.insights.normalized_mutual_info_score(truth_ids, labels),
                   ari=sd.insights.adjusted_rand_score(truth_ids, labels),
                   themes=len({label for label in labels if label >= 0}), noise=noise / len(labels))
    # Over several seeds, each figure is the mean over the seeds; the NMI's standard deviation and range are
    # kept too, as the differences between methods are often smaller than the spread between seeds.
    for key in ("nmi", "ari", "themes", "noise", "seconds", "embed_seconds"):
        if key in runs[0]:
            result[key] = statistics.fmean(run[key] for run in runs)
    nmis = [run["nmi"] for run in runs]
    result.update(seeds=len(runs), nmi_sd=statistics.stdev(nmis) if len(runs) > 1 else 0.0, nmi_min=min(nmis),
                  nmi_max=max(nmis), nmi_first=nmis[0],
                  resolutions=[run["resolution"] for run in runs if run.get("resolution")])
    return result


def cell(r: dict) -> str:
    if r.get("status") != "ok":
        return r.get("status", "?")
    nmi = f"{r['nmi']:.3f}" + (f" ± {r['nmi_sd']:.3f}" if r["seeds"] > 1 else "")
    return f"{nmi} · {r['ari']:.3f} · {r['themes']:.0f} · {r['noise']:.0%} · {r['seconds']:.2f} s · {r['peak_mb']:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "JOB"), help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "insights")
    parser.add_argument("--quick", action="store_true", help="banking77 cut to 3,000 notes")
    parser.add_argument("--skip-peers", action="store_true", help="run none of the peers, BERTopic included")
    parser.add_argument("--skip-bertopic", action="store_true", help="run the other peers but not BERTopic")
    parser.add_argument("--skip-others", action="store_true", help="run only our default, not our other clusterers")
    parser.add_argument("--scale", type=lambda v: [int(n) for n in v.split(",")], default=[],
                        help="also time ours end to end on these numbers of pooled notes (e.g. "
                        "50000,100000,200000,500000,1000000): time, peak memory, the neighbour search's recall on "
                        "a sample, and the growth exponent fitted over the series")
    parser.add_argument("--doubled", action="store_true", help="also fit ours on each data set followed by a "
                        "perturbed copy of it, and print both theme counts (the automatic resolution should see "
                        "the same kind of notes; target: within 25%%) and both NMIs")
    parser.add_argument("--exact-search", action="store_true", help="the scale runs search neighbours exactly "
                        "(posting_limit=None), to compare with the default")
    parser.add_argument("--recall-sample", type=int, default=200, help="notes whose exact nearest are found by "
                        "brute force for the recall of the scale runs (default 200)")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--resolution", type=lambda v: v if v == "auto" else float(v), default="auto",
                        help="Leiden resolution of ours (default auto, the library's: chosen for each data set; a "
                        "number fixes it)")
    parser.add_argument("--ensemble", type=int, default=8, help="Leiden runs in ours' consensus (default 8, the "
                        "library's; 1: a single run)")
    parser.add_argument("--lsa", type=int, default=0, help="LSA dimensions mixed into ours' graph (default 0, the "
                        "library's: off)")
    parser.add_argument("--seeds", type=int, default=1, help="run every seeded method with seeds 0 .. N-1 and "
                        "report means (NMI also ± its standard deviation); the targets compare the means")
    parser.add_argument("--char-ngrams", type=int, default=3, help="character n-grams in ours (default 3, the "
                        "library's; 0: words only)")
    args = parser.parse_args()
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    if args.worker:
        return worker_main(*args.worker)

    import servicedesign as sd

    versions = "(skipped)" if args.skip_peers else ensure_peer_env()
    peer_python = str(VENV / "bin" / "python")
    peers = [] if args.skip_peers else PEERS + ([] if args.skip_bertopic else [BERTOPIC])
    if BERTOPIC in peers:
        versions += "; " + ensure_bertopic_env()
    bertopic_python = str(BERTOPIC_VENV / "bin" / "python")
    sets = load_datasets(args.data_dir, args.quick)
    work = Path(tempfile.mkdtemp(prefix="bench-insights-"))
    started = time.time()
    rows = []
    for name, data in sets.items():
        pipeline = sd.insights.TextPipeline(language=data["language"])
        terms, _, _ = pipeline.process_many(data["texts"])
        job = {"texts": data["texts"], "terms": terms, "language": data["language"], "k": len(set(data["truth"])),
               "resolution": args.resolution, "ensemble": args.ensemble, "char_ngrams": args.char_ngrams,
               "lsa": args.lsa, "seeds": list(range(args.seeds))}
        results = {"ours": score(run_worker(sys.executable, "ours", job, args.timeout, work), data["truth"])}
        chosen = ", ".join(f"{g:.3f}" for g in results["ours"].get("resolutions", [])) if args.resolution == "auto" else ""
        print(f"  {name}: ours: {cell(results['ours'])}" + (f" (resolution {chosen})" if chosen else ""),
              file=sys.stderr, flush=True)
        for method in [] if args.skip_others else OURS_OTHERS:
            # Average linkage and HDBSCAN* take no seed: one run stands for every seed.
            results[method] = score(run_worker(sys.executable, method, {**job, "seeds": [0]}, args.timeout, work),
                                    data["truth"])
            print(f"  {name}: {method}: {cell(results[method])}", file=sys.stderr, flush=True)
        for method in peers:
            python = bertopic_python if method == BERTOPIC else peer_python
            results[method] = score(run_worker(python, method, job, args.timeout, work), data["truth"])
            extra = ""
            if method == BERTOPIC and results[method].get("status") == "ok":
                extra = (f" (LSA embedding {results[method]['embed_seconds']:.2f} s of it; first fit in the "
                         f"process, with numba's compilation, {results[method]['cold_seconds']:.1f} s)")
            print(f"  {name}: {method}: {cell(results[method])}{extra}", file=sys.stderr, flush=True)
        rows.append((name, len(data["texts"]), job["k"], results))

    methods = ["ours"] + ([] if args.skip_others else OURS_OTHERS) + peers
    print(f"\nInsights benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()} {os.cpu_count()} cores, "
          f"total {(time.time() - started) / 60:.1f} min; peers: {versions}.")
    print("Each cell: NMI · ARI · themes · share of notes in no theme · time · peak memory. Ours is not told the "
          "number of themes (except ours-average-k); the peers are (except hdbscan and BERTopic). BERTopic's time "
          "includes its LSA embedding (TF-IDF + SVD). Ours and BERTopic are timed on the fits after the first in "
          "the process (the first loads libraries and, for BERTopic, compiles numba's kernels)." +
          (f" Seeds 0-{args.seeds - 1}: every figure is the mean over the seeds, NMI ± its standard deviation."
           if args.seeds > 1 else "") + "\n")
    print("| data (notes/true themes) | " + " | ".join(methods) + " |")
    print("|---|" + "---|" * len(methods))
    for name, n, k, results in rows:
        print(f"| {name} ({n}/{k}) | " + " | ".join(cell(results.get(m, {})) for m in methods) + " |")
    best_peer = {name: max((r["nmi"] for m, r in results.items() if not m.startswith("ours") and r.get("status") == "ok"),
                           default=None) for name, n, k, results in rows}
    used = [f"{name} " + "/".join(f"{g:.2f}" for g in results["ours"]["resolutions"]) for name, n, k, results in rows
            if results["ours"].get("status") == "ok" and results["ours"].get("resolutions")]
    if used and args.resolution == "auto":
        print("\nOurs' Leiden resolution, chosen automatically: " + ", ".join(used) + ".")
    print("\nTargets:")
    for name, n, k, results in rows:
        ours = results["ours"]
        if ours.get("status") != "ok" or best_peer[name] is None:
            continue
        verdict = "met" if ours["nmi"] >= best_peer[name] - 1e-9 else "NOT met"
        spread = (f" (ours over {ours['seeds']} seeds: {ours['nmi_min']:.3f}-{ours['nmi_max']:.3f}, seed 0 "
                  f"{ours['nmi_first']:.3f}; peers' figures are their means too)" if ours["seeds"] > 1 else "")
        print(f"- {name}: our NMI {ours['nmi']:.3f} vs best peer {best_peer[name]:.3f} -> {verdict}{spread}")
    # The speed target: ours at least 5x faster than BERTopic (given LSA embeddings) on the same input.
    for name, n, k, results in rows:
        ours, bertopic = results["ours"], results.get(BERTOPIC, {})
        if ours.get("status") != "ok" or bertopic.get("status") != "ok":
            continue
        speedup = bertopic["seconds"] / ours["seconds"]
        print(f"- {name}: BERTopic {bertopic['seconds']:.2f} s / ours {ours['seconds']:.2f} s = {speedup:.1f}x "
              f"(target: at least 5x) -> {'met' if speedup >= 5 else 'NOT met'}")
    if args.doubled:
        print("\nDoubled: ours on each data set and on the set followed by a perturbed copy of each note (one word "
              "dropped or two swapped); the copies' truth is their original's")
        print("| data | themes | themes, doubled | ratio | NMI | NMI, doubled |\n|---|---|---|---|---|---|")
        for name, data in sets.items():
            row = []
            for texts, truth in ((data["texts"], data["truth"]), (doubled(data["texts"]), data["truth"] * 2)):
                job = {"texts": texts, "language": data["language"], "k": len(set(truth)), "resolution": args.resolution,
                       "ensemble": args.ensemble, "char_ngrams": args.char_ngrams, "lsa": args.lsa,
                       "seeds": list(range(args.seeds))}
                row.append(score(run_worker(sys.executable, "ours", job, args.timeout, work), truth))
            if any(r.get("status") != "ok" for r in row):
                print(f"| {name} | {'; '.join(str(r.get('error', r.get('status'))) for r in row)} | | | | |")
                continue
            ratio = max(row[0]["themes"], row[1]["themes"]) / max(min(row[0]["themes"], row[1]["themes"]), 1)
            print(f"| {name} | {row[0]['themes']:.0f} | {row[1]['themes']:.0f} | {ratio:.2f} "
                  f"({'met' if ratio <= 1.25 else 'NOT met'}) | {row[0]['nmi']:.3f} | {row[1]['nmi']:.3f} |")
    if args.scale:
        print("\nScale: ours end to end (library defaults, one fit after a warm-up) on pooled notes with light "
              "perturbation; recall: the share of a sample's exact ten nearest that the neighbour search links (both among the first notes of "
              "the groups of copies, which the search and the clusterer see)")
        print("| notes | distinct (groups of copies) | seconds | peak MB | themes | resolution | recall@10 |\n"
              "|---|---|---|---|---|---|---|")
        series = []
        for n in args.scale:
            r = run_worker(sys.executable, "ours-scale",
                           {"texts": perturbed_pool(sets, n), "recall_sample": args.recall_sample,
                            "posting_limit": None if args.exact_search else 0}, args.timeout, work)
            if r.get("status") != "ok":
                print(f"| {n:,} | {r.get('status')} | | | | | |")
                continue
            series.append((n, r["seconds"]))
            chosen = f"{r['resolution']:.2f}" if r.get("resolution") else "-"
            print(f"| {n:,} | {r['nodes']:,} | {r['seconds']:.1f} | {r['peak_mb_fit']:.0f} | {r['themes']} | {chosen} "
                  f"| {r['recall']:.3f} |")
        if len(series) >= 2:
            import numpy as np

            slope = np.polyfit(np.log([n for n, _ in series]), np.log([t for _, t in series]), 1)[0]
            print(f"- fitted growth: time ~ n^{slope:.2f} over {series[0][0]:,}-{series[-1][0]:,} notes")
        for n, t in series:
            target = {200_000: 30.0, 1_000_000: 300.0}.get(n)
            if target:
                print(f"- {n:,} notes in {t:.1f} s (target: under {target:.0f} s) -> {'met' if t < target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
