"""chiso's benchmark: speed, memory, Prefect overhead, fetching, scale-out.

    make bench                                       # N = 1,000 and 10,000
    .venv/bin/python bench/run.py --sizes 1000       # a quicker look
    .venv/bin/python bench/run.py --only fetch

Run by hand, never in CI.  Everything is measured in one run on this
machine and printed as one table; the targets are ratios between figures of
the same run.  Each measurement that reports time or memory runs in a fresh
process (``bench/run.py --child ...``), so one does not warm or bloat
another; peak memory is that process's maximum resident set.

The corpus: N article pages built from the real article pages in
``../shared/corpus/html`` (their sizes, markup and scripts), with varied text
so no two pages are alike: every digit in the text is shifted, province
names are swapped, and one page in ten has two of its paragraphs replaced
by ranking paragraphs from the dev corpus (``--ranking-share``), so the
fact rules do their full work on those.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import itertools
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("CHISO_SHARED") or ROOT.parent / "shared").resolve()
BATCH = 200


# --- the corpus ---------------------------------------------------------------------


def templates() -> list[bytes]:
    pages = sorted((SHARED / "corpus" / "html").glob("*.html"))
    return [p.read_bytes() for p in pages if "_LIST_" not in p.name]


def ranking_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((SHARED / "corpus" / "dev" / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 120 and re.search(r"\d", line) and re.search(r"xếp|hạng|điểm|đứng", line):
                paragraphs.append(line)
    return paragraphs


_TEXT_RE = re.compile(r">([^<]+)<")
_PLAIN_PARAGRAPH_RE = re.compile(r"(<p\b[^>]*>)([^<]{120,})(</p>)")


def vary(page: str, rng: random.Random, provinces: list[str], ranking: list[str] | None) -> str:
    """The page with its text made its own: province names swapped
    everywhere, the words of three of its paragraphs shuffled, and, for a
    ranking page, two more paragraphs replaced by ranking news.  Numbers
    and dates stay as written, so every page stays a valid page."""
    swap = dict(zip(provinces, rng.sample(provinces, len(provinces))))
    swap_re = re.compile("|".join(map(re.escape, provinces)))
    page = _TEXT_RE.sub(lambda m: ">" + swap_re.sub(lambda p: swap[p.group()], m.group(1)) + "<", page)
    slots = list(_PLAIN_PARAGRAPH_RE.finditer(page))
    chosen = rng.sample(slots, min(len(slots), 5 if ranking else 3))
    for number, match in sorted(enumerate(chosen), key=lambda c: -c[1].start()):
        if ranking and number < 2:
            text = html.escape(rng.choice(ranking))
        else:
            words = match.group(2).split(" ")
            rng.shuffle(words)
            text = " ".join(words)
        page = page[: match.start(2)] + text + page[match.end(2) :]
    return page


def build_corpus(directory: Path, n: int, ranking_share: float) -> dict:
    from extractors.facts.lexicon import PROVINCES

    if (directory / ".complete").exists() and len(list(directory.glob("*.html"))) == n:
        return json.loads((directory / ".complete").read_text())
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    pages = [t.decode("utf-8") for t in templates()]
    provinces = sorted(PROVINCES)
    ranking = ranking_paragraphs()
    rng = random.Random(n)
    total = 0
    rankings = 0
    for i in range(n):
        is_ranking = rng.random() < ranking_share
        rankings += is_ranking
        page = vary(pages[i % len(pages)], rng, provinces, ranking if is_ranking else None)
        data = page.encode("utf-8")
        total += len(data)
        (directory / f"page-{i:06d}.html").write_bytes(data)
    info = {"pages": n, "bytes": total, "ranking_pages": rankings, "templates": len(pages)}
    (directory / ".complete").write_text(json.dumps(info))
    return info


# --- children: one measurement per process ---------------------------------------------


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_stages(corpus: Path, warehouse: Path) -> dict:
    """Each stage over the corpus as plain calls, document by document,
    with trafilatura.extract on the same bytes in the same loop."""
    import trafilatura

    from extractors.facts.extract import extract_facts
    from extractors.html.page import parse_page
    from extractors.text.decode import decode, sniff_declared_charset
    from flows.files import iter_files
    from flows.work import extract_documents, read_documents
    from warehouse import HeldSession, Warehouse

    times = dict.fromkeys(("read", "parse", "extract", "load", "trafilatura"), 0.0)
    count = facts = 0
    store = HeldSession(Warehouse(str(warehouse)))
    with store.session() as session:
        run_id = session.start_run("bench", "bench", None, [str(corpus)])
    for chunk in _batched(iter_files([str(corpus)]), BATCH):
        started = time.perf_counter()
        documents, _ = read_documents(chunk, 50 * 1024 * 1024)
        times["read"] += time.perf_counter() - started
        for document in documents:
            started = time.perf_counter()
            decoded = decode(document.raw, sniff_declared_charset(document.raw))
            plain_utf8 = decoded.encoding == "utf-8" and decoded.note is None  # as the pipeline does
            article = parse_page(document.raw if plain_utf8 else decoded.text, document.source, None, None)
            parsed = time.perf_counter()
            facts += len(extract_facts(article))
            extracted = time.perf_counter()
            trafilatura.extract(document.raw)
            times["trafilatura"] += time.perf_counter() - extracted
            times["parse"] += parsed - started
            times["extract"] += extracted - parsed
        outcome = extract_documents(documents)
        started = time.perf_counter()
        with store.session() as session:
            session.load(run_id, outcome.batch)
        times["load"] += time.perf_counter() - started
        count += len(documents)
    started = time.perf_counter()
    store.release()  # the last checkpoint is part of loading
    times["load"] += time.perf_counter() - started
    return {"documents": count, "facts": facts, "seconds": times, "peak_mb": peak_mb()}


def child_plain(corpus: Path, warehouse: Path) -> dict:
    """The flow's work, called as plain functions one after another, no
    Prefect: the same batches, the same page packs written in the
    background.  Sequential, so the time in loading is loading's alone (on
    one core, a load overlapped with extraction is stretched by it)."""
    from concurrent.futures import ThreadPoolExecutor

    from extractors import EXTRACTOR_VERSION
    from flows.files import iter_files
    from flows.work import document_row, extract_documents, read_documents
    from warehouse import HeldSession, Warehouse, content_hash, document_id

    store = HeldSession(Warehouse(str(warehouse)))
    pages = store.warehouse.pages
    writer = ThreadPoolExecutor(max_workers=1)
    started = time.perf_counter()
    load = 0.0
    count = facts = 0
    with store.session() as session:
        run_id = session.start_run("ingest", EXTRACTOR_VERSION, None, [str(corpus)])
    queue: list = []
    waits = {"pack": 0.0}

    def drain(item) -> None:
        nonlocal load, facts
        future, rows, pack = item
        outcome = future.result()
        loading = time.perf_counter()
        name, offsets = pack.result()
        waits["pack"] += time.perf_counter() - loading
        for row, offset in zip(rows, offsets):
            row["media_type"], row["encoding"] = outcome.kinds.get(row["doc_id"], (None, None))
            row["pack"], row["pack_offset"] = name, offset
        outcome.batch.documents = rows
        with store.session() as session:
            facts += session.load(run_id, outcome.batch).facts_new
        load += time.perf_counter() - loading

    for chunk in _batched(iter_files([str(corpus)]), BATCH):
        documents, failures = read_documents(chunk, 50 * 1024 * 1024)
        digests = [content_hash(d.raw) for d in documents]
        ids = [document_id(d.source, h) for d, h in zip(documents, digests)]
        with store.session() as session:
            stored, known = session.existing_documents(ids), session.extracted(ids, EXTRACTOR_VERSION)
        rows = [document_row(d, i, h) for d, i, h in zip(documents, ids, digests) if i not in stored]
        pack = writer.submit(pages.write, [r.pop("raw") for r in rows])
        todo = [(d, i) for d, i in zip(documents, ids) if i not in known]
        future = _Done(extract_documents([d for d, _ in todo], [i for _, i in todo], False))
        queue.append((future, rows, pack))
        count += len(documents)
        if len(queue) >= 2:
            drain(queue.pop(0))
    while queue:
        drain(queue.pop(0))
    loading = time.perf_counter()
    with store.session() as session:
        session.finish_run(run_id, "completed")
    store.release()
    load += time.perf_counter() - loading
    seconds = time.perf_counter() - started
    return {
        "documents": count,
        "facts": facts,
        "seconds": seconds,
        "load_seconds": load,
        "pack_wait_seconds": waits["pack"],
        "peak_mb": peak_mb(),
    }


class _Done:
    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


def child_flow(corpus: Path, warehouse: Path, runner: str = "threads", workers: int = 2) -> dict:
    """chiso's ingest flow, in this process, against chiso's Prefect server."""
    from flows.prefect_env import configure

    configure()
    from flows.ingest import ingest, task_runner

    flow_fn = (
        ingest if runner == "threads" else ingest.with_options(task_runner=task_runner(runner, None, workers))
    )
    window = 2 if runner == "threads" else workers + 1
    started = time.perf_counter()
    summary = asyncio.run(flow_fn(warehouse=str(warehouse), sources=[str(corpus)], window=window))
    return {**_flow_figures(summary, started), "workers": len(summary.get("workers", []))}


def child_reextract(warehouse: Path, mode: str) -> dict:
    """``chiso reextract`` over the pages the flow stored.  ``changed``: as
    after a rule changes (the stored extraction relabelled as an older
    version's, then re-extraction catches up, inserting as the first run
    did); ``force``: ``--force`` with the same version, replacing rows."""
    from flows.prefect_env import configure

    configure()
    from flows.ingest import reextract

    if mode == "changed":
        _as_if_the_rules_changed(warehouse)
    started = time.perf_counter()
    summary = asyncio.run(reextract(warehouse=str(warehouse), force=mode == "force"))
    return _flow_figures(summary, started)


def _as_if_the_rules_changed(warehouse: Path) -> None:
    """Relabel every stored extraction as an older extractor version's: the
    warehouse as a change to any rule leaves it (EXTRACTOR_VERSION is a
    digest of the extractors' source).  Copied back rather than UPDATEd: an
    update of a key column is a delete and insert per row (50 s for
    10,000 articles)."""
    import duckdb

    from extractors import EXTRACTOR_VERSION

    con = duckdb.connect(str(warehouse))
    try:
        con.execute("BEGIN").fetchall()
        for table in ("fact_versions", "article_versions", "extractions"):
            con.execute(
                f"CREATE TEMP TABLE old_{table} AS SELECT * REPLACE ('bench-older' AS extractor_version)"
                f" FROM {table} WHERE extractor_version = ?",
                [EXTRACTOR_VERSION],
            ).fetchall()
            con.execute(f"DELETE FROM {table} WHERE extractor_version = ?", [EXTRACTOR_VERSION]).fetchall()
            con.execute(f"INSERT INTO {table} SELECT * FROM old_{table}").fetchall()
        con.execute("COMMIT").fetchall()
    finally:
        con.close()


def _flow_figures(summary: dict, started: float) -> dict:
    """A flow run's figures: pages, new facts, seconds since ``started``, peak memory."""
    return {
        "documents": summary["files_read"],
        "facts": summary["facts_new"],
        "seconds": time.perf_counter() - started,
        "peak_mb": peak_mb(),
    }


def _batched(items, size):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run_child(*args: str) -> dict:
    """Run one measurement in a fresh Python process; its JSON answer."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if result.returncode != 0:
        raise SystemExit(f"bench child {args} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- fetching --------------------------------------------------------------------------


def fetch_efficiency(pages: int = 200, hosts: int = 4, delay: float = 0.2, concurrency: int = 2) -> dict:
    """200 pages over 4 local hosts that answer each request after 200 ms,
    fetched with the per-host concurrency; the ideal is pages per host
    divided by the concurrency, times the delay."""
    from flows.fetch import Fetcher, FetchSettings

    body = templates()[0]

    class Slow(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            if self.path == "/robots.txt":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for i in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{i + 1}", 0), Slow)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        urls = [
            f"http://127.0.0.{h + 1}:{servers[h].server_address[1]}/p/{i}.html"
            for h in range(hosts)
            for i in range(pages // hosts)
        ]  # grouped by host, the worst order for a naive pool
        settings = FetchSettings(
            per_host_delay=0,
            per_host_concurrency=concurrency,
            concurrency=max(FetchSettings().concurrency, hosts * concurrency),  # the per-host limit binds
            allow_private=True,
        )
        with Fetcher(settings) as fetcher:
            started = time.perf_counter()
            results = fetcher.fetch_many([(u, None, None) for u in urls])
            seconds = time.perf_counter() - started
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    ok = sum(r.ok for r in results)
    ideal = -(-pages // (hosts * concurrency)) * delay
    return {
        "pages": pages,
        "ok": ok,
        "seconds": seconds,
        "ideal": ideal,
        "hosts": hosts,
        "concurrency": concurrency,
    }


# --- the report ------------------------------------------------------------------------


def rate(documents: int, seconds: float) -> float:
    return documents / seconds if seconds else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes (default 1000,10000)")
    parser.add_argument("--only", default="all", help="all, or a comma list of: speed, fetch, dask")
    parser.add_argument(
        "--ranking-share", type=float, default=0.1, help="pages with ranking paragraphs (0.1)"
    )
    parser.add_argument(
        "--dask-size",
        type=int,
        default=10000,
        help="corpus size for the Dask run (10000: a cluster takes seconds to start)",
    )
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "chiso-bench")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="runs of the flow and the plain calls, median kept (3 up to N=2000, else 1)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind != "flow" or rest[2:3] in ([], ["threads"]):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the targets say
        answer = {
            "stages": lambda: child_stages(Path(rest[0]), Path(rest[1])),
            "plain": lambda: child_plain(Path(rest[0]), Path(rest[1])),
            "flow": lambda: child_flow(Path(rest[0]), Path(rest[1]), *rest[2:3], *map(int, rest[3:4])),
            "reextract": lambda: child_reextract(Path(rest[0]), rest[1]),
        }[kind]()
        print(json.dumps(answer))
        return 0

    os.environ.setdefault("CHISO_HOME", str(args.workdir / "home"))
    only = set(args.only.split(",")) if args.only != "all" else {"speed", "fetch", "dask"}
    sizes = [int(s) for s in args.sizes.split(",") if s]
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "sizes": {}}
    print(f"chiso benchmark, {os.cpu_count()} CPUs, work in {args.workdir}", flush=True)

    if "speed" in only or "dask" in only:
        from flows.prefect_env import configure

        server = configure()  # start chiso's Prefect server once, before anything is timed
        print(_server_off_the_measured_core(server.pid if server else None), flush=True)

    if "speed" in only:
        for n in sizes:
            corpus = args.workdir / f"corpus-{n}"
            print(f"\n== N = {n:,}: building the corpus ...", flush=True)
            info = build_corpus(corpus, n, args.ranking_share)
            size = {"corpus": info}
            repeat = args.repeat if args.repeat else (3 if n <= 2000 else 1)
            warehouse = args.workdir / f"stages-{n}.duckdb"
            _remove(warehouse)
            print("   stages ...", flush=True)
            size["stages"] = run_child("stages", str(corpus), str(warehouse))
            _remove(warehouse)
            runs: dict[str, list] = {"plain": [], "flow": [], "reextract": [], "force": []}
            for attempt in range(repeat):  # alternated, so drift hits both alike
                for name in ("plain", "flow"):
                    warehouse = args.workdir / f"{name}-{n}.duckdb"
                    _remove(warehouse)
                    print(f"   {name} ({attempt + 1}/{repeat}) ...", flush=True)
                    runs[name].append(run_child(name, str(corpus), str(warehouse)))
                    if name == "flow":
                        for mode, key, label in (
                            ("changed", "reextract", "reextract after a rule change"),
                            ("force", "force", "reextract --force"),
                        ):
                            print(f"   {label} ({attempt + 1}/{repeat}) ...", flush=True)
                            runs[key].append(run_child("reextract", str(warehouse), mode))
                    _remove(warehouse)
            for name, results in runs.items():  # the median run of each
                size[name] = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
                size[name]["all_seconds"] = [r["seconds"] for r in results]
            figures["sizes"][n] = size
    if "dask" in only:
        n = args.dask_size
        corpus = args.workdir / f"corpus-{n}"
        build_corpus(corpus, n, args.ranking_share)
        figures["dask"] = {}
        for runner in ("threads", "dask"):
            warehouse = args.workdir / f"{runner}-{n}.duckdb"
            _remove(warehouse)
            print(f"   flow on {runner} (N = {n:,}) ...", flush=True)
            figures["dask"][runner] = run_child("flow", str(corpus), str(warehouse), runner, "2")
            _remove(warehouse)
    if "fetch" in only:
        print("   fetching from 4 slow hosts ...", flush=True)
        figures["fetch"] = [fetch_efficiency(concurrency=c) for c in (2, 4)]

    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


def _server_off_the_measured_core(pid: int | None) -> str:
    """Keep chiso's Prefect server (every process of its group, every
    thread) off the core the measurements run on.  The server is a separate
    service, on another machine in production; sharing the measured core it
    answered each task's events there (and a server started by a pinned
    process inherits that pin), which added a few per cent to the flow."""
    measured = min(os.sched_getaffinity(0))
    others = set(range(os.cpu_count() or 1)) - {measured}
    if pid is None or not others:
        return "   (the Prefect server shares the measured core: no other core, or not chiso's server)"
    for proc in Path("/proc").iterdir():
        try:
            if (
                not proc.name.isdigit()
                or int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) != pid
            ):
                continue
            for thread in (proc / "task").iterdir():
                os.sched_setaffinity(int(thread.name), others)
        except (OSError, ValueError):
            continue  # gone meanwhile, or not ours to move
    return f"   measured on core {measured}; chiso's Prefect server kept on cores {sorted(others)}"


def _remove(warehouse: Path) -> None:
    for path in (warehouse, Path(f"{warehouse}.wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(f"{warehouse}.pages", ignore_errors=True)


def report(figures: dict) -> str:
    lines = [""]
    targets = []
    for n, size in figures["sizes"].items():
        info, stages, plain, flow, again, force = (
            size[k] for k in ("corpus", "stages", "plain", "flow", "reextract", "force")
        )
        docs = stages["documents"]
        s = stages["seconds"]
        lines += [
            f"N = {int(n):,} pages ({info['bytes'] / 1e6:,.0f} MB, "
            f"{info['ranking_pages']} with ranking paragraphs)",
            f"  {'stage':34} {'pages/s':>9} {'ms/page':>8}",
        ]
        for stage in ("read", "parse", "extract", "load"):
            lines.append(f"  {stage:34} {rate(docs, s[stage]):9,.0f} {1000 * s[stage] / docs:8.2f}")
        whole = flow["seconds"]
        lines += [
            f"  {'chiso run (flow: all of the above)':34} {rate(flow['documents'], whole):9,.0f} "
            f"{1000 * whole / flow['documents']:8.2f}   "
            f"facts {flow['facts']:,}, peak {flow['peak_mb']:,.0f} MB",
            f"  {'same work as plain functions':34} {rate(plain['documents'], plain['seconds']):9,.0f} "
            f"{1000 * plain['seconds'] / plain['documents']:8.2f}   peak {plain['peak_mb']:,.0f} MB",
            f"  {'reextract after a rule change':34} {rate(again['documents'], again['seconds']):9,.0f} "
            f"{1000 * again['seconds'] / again['documents']:8.2f}",
            f"  {'reextract --force (rows replaced)':34} {rate(force['documents'], force['seconds']):9,.0f} "
            f"{1000 * force['seconds'] / force['documents']:8.2f}",
            f"  {'trafilatura.extract alone':34} {rate(docs, s['trafilatura']):9,.0f} "
            f"{1000 * s['trafilatura'] / docs:8.2f}",
        ]
        traf_rate = rate(docs, s["trafilatura"])
        run_rate = rate(flow["documents"], whole)
        overhead = (whole - plain["seconds"]) / whole
        load_share = plain["load_seconds"] / plain["seconds"]
        targets += [
            (
                f"N={int(n):,}: chiso run / trafilatura.extract",
                f"{run_rate / traf_rate:.2f}x",
                ">= 3x",
                run_rate >= 3 * traf_rate,
            ),
            (f"N={int(n):,}: load share of the run", f"{100 * load_share:.1f}%", "<= 5%", load_share <= 0.05),
            (
                f"N={int(n):,}: reextract after a rule change / first run",
                f"{rate(again['documents'], again['seconds']) / run_rate:.2f}x",
                ">= 1x",
                rate(again["documents"], again["seconds"]) >= run_rate,
            ),
            (
                f"N={int(n):,}: reextract --force / first run (reported)",
                f"{rate(force['documents'], force['seconds']) / run_rate:.2f}x",
                "-",
                True,
            ),
        ]
        if int(n) == 1000:
            targets.append(
                ("N=1,000: Prefect overhead", f"{100 * overhead:.1f}%", "<= 10%", overhead <= 0.10)
            )
        lines.append("")
    sizes = sorted(int(n) for n in figures["sizes"])
    if 1000 in sizes and 10000 in sizes:
        small, large = figures["sizes"][1000]["flow"]["peak_mb"], figures["sizes"][10000]["flow"]["peak_mb"]
        targets.append(
            ("peak memory N=10,000 / N=1,000", f"{large / small:.2f}x", "<= 1.2x", large <= 1.2 * small)
        )
    if "dask" in figures:
        threads, dask = figures["dask"]["threads"], figures["dask"]["dask"]
        lines += [
            f"Scale-out, N = {threads['documents']:,}: threads {threads['seconds']:.1f} s, "
            f"Dask 2 workers {dask['seconds']:.1f} s (cluster start included), "
            f"speedup {threads['seconds'] / dask['seconds']:.2f}x",
            "",
        ]
        targets.append(
            ("Dask speedup on 2 cores (reported)", f"{threads['seconds'] / dask['seconds']:.2f}x", "-", True)
        )
    for fetch in figures.get("fetch", []):
        ratio = fetch["seconds"] / fetch["ideal"]
        lines.append(
            f"Fetch: {fetch['ok']}/{fetch['pages']} pages from {fetch['hosts']} hosts (200 ms each), "
            f"per-host concurrency {fetch['concurrency']}: {fetch['seconds']:.2f} s, "
            f"ideal {fetch['ideal']:.2f} s"
        )
        targets.append(
            (
                f"fetch / ideal, per-host concurrency {fetch['concurrency']}",
                f"{ratio:.2f}x",
                "<= 1.5x",
                ratio <= 1.5,
            )
        )
    lines += ["", f"  {'target':48} {'measured':>9}  {'goal':>7}  holds"]
    lines += [
        f"  {name:48} {value:>9}  {goal:>7}  {'yes' if ok else 'NO'}" for name, value, goal, ok in targets
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
