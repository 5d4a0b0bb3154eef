"""The ``chiso`` command.

Configuration is read here, at the edge (flags, then environment, then
defaults), and the flows receive plain parameters.  Prefect is imported only
after :func:`flows.prefect_env.configure` has chosen its server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from flows.settings import (
    BYTES,
    COUNT,
    FRACTION,
    HEADER,
    POSITIVE_SECONDS,
    SECONDS,
    WIDTH,
    SettingError,
    arg,
    environment,
)

# Exit statuses (the README lists them).
OK = 0
PARTIAL = 1  # the run finished, but some sources could not be read
USAGE = 2  # bad command line (argparse's own code)
WAREHOUSE = 3  # the warehouse could not be opened or written
ORCHESTRATION = 4  # Prefect could not be reached or the flow crashed
BELOW_TARGET = 5  # chiso eval: F1 below --min-f1

DEFAULT_WAREHOUSE = "warehouse.duckdb"
DEFAULT_SOURCES = ["fixtures"]


def _warehouse_path(arg: str | None) -> str:
    return str(Path(arg or os.environ.get("CHISO_WAREHOUSE") or DEFAULT_WAREHOUSE).expanduser())


def _add_warehouse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        metavar="PATH",
        help=f"the DuckDB file (default: $CHISO_WAREHOUSE, else ./{DEFAULT_WAREHOUSE})",
    )
    parser.add_argument(
        "--lock-timeout",
        type=arg(SECONDS),
        metavar="SECONDS",
        help="how long to wait for another process holding the warehouse (default: "
        "$CHISO_LOCK_TIMEOUT, else 60)",
    )


def _add_fetch(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("fetching")
    group.add_argument(
        "--user-agent",
        type=arg(HEADER),
        metavar="TEXT",
        help="the User-Agent sent to sites (default: $CHISO_USER_AGENT, else chiso's own)",
    )
    group.add_argument(
        "--per-host-delay",
        type=arg(SECONDS),
        metavar="SECONDS",
        help="pause between two requests to one site (default 1)",
    )
    group.add_argument(
        "--per-host-concurrency",
        type=arg(COUNT),
        metavar="N",
        help="requests in flight to one site (default 2)",
    )
    group.add_argument(
        "--timeout",
        type=arg(POSITIVE_SECONDS),
        metavar="SECONDS",
        help="read timeout per request (default 20)",
    )
    group.add_argument(
        "--allow-private-addresses",
        action="store_true",
        default=None,
        help="fetch from loopback, private and link-local addresses too (refused by default; "
        "also $CHISO_ALLOW_PRIVATE_ADDRESSES=1)",
    )


def _fetch_settings(args: argparse.Namespace) -> dict:
    """FetchSettings fields the command line sets (the rest keep their defaults)."""
    chosen = {
        "user_agent": args.user_agent,
        "per_host_delay": args.per_host_delay,
        "per_host_concurrency": args.per_host_concurrency,
        "read_timeout": args.timeout,
        "allow_private": args.allow_private_addresses or None,
    }
    return {k: v for k, v in chosen.items() if v is not None}


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad command line said in one line, not the usage block."""

    def error(self, message: str):
        self.exit(USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chiso",
        description="Vietnamese ranking news (ICT Index, PCI, PAR Index, PAPI, SIPAS, DTI, PGI ...) "
        "turned into facts in a DuckDB warehouse.",
        epilog="Exit status: 0 success; 1 finished but some sources failed; 2 bad usage; "
        "3 warehouse unusable (locked, newer schema); 4 Prefect unreachable or flow crashed; "
        "5 eval below --min-f1.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="read article files, pages, feeds or section pages into the warehouse")
    run.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a .txt/.html/.htm file, a directory (walked), or an http(s) article URL "
        f"(default, when no feed or section is given either: {' '.join(DEFAULT_SOURCES)})",
    )
    run.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS/Atom feed: fetch the articles it lists (repeatable)",
    )
    run.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="URL",
        help="a section page: fetch the articles it links to (repeatable)",
    )
    _add_warehouse(run)
    _add_fetch(run)
    run.add_argument(
        "--batch-size", type=arg(COUNT), default=200, metavar="N", help="documents per task (default 200)"
    )
    _add_task_runner(run)
    run.add_argument(
        "--max-bytes",
        type=arg(BYTES),
        metavar="N",
        help="refuse files larger than this without reading them (default: $CHISO_MAX_BYTES, else 50 MB)",
    )
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")

    reextract = sub.add_parser(
        "reextract", help="run the current extractors over documents stored in the warehouse"
    )
    _add_warehouse(reextract)
    reextract.add_argument(
        "--source", metavar="GLOB", help="only sources matching this glob (e.g. '*vnexpress*')"
    )
    reextract.add_argument(
        "--force", action="store_true", help="extract again even where this version already has"
    )
    reextract.add_argument(
        "--all-versions", action="store_true", help="every stored version of a page, not only the newest"
    )
    reextract.add_argument(
        "--batch-size", type=arg(COUNT), default=200, metavar="N", help="documents per task (default 200)"
    )
    _add_task_runner(reextract)
    reextract.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    reextract.add_argument("--json", action="store_true", help="print the summary as JSON")

    query = sub.add_parser("query", help="run one SQL statement on a read-only connection")
    query.add_argument("sql", metavar="SQL")
    _add_warehouse(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_max_width(query)

    evaluate = sub.add_parser("eval", help="precision and recall of the facts against a gold file")
    evaluate.add_argument(
        "gold", metavar="GOLD.jsonl", help="a gold file, or a corpus directory (its gold.jsonl and articles/)"
    )
    evaluate.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="read these first (into --warehouse, or a temporary one); without them, score the warehouse",
    )
    _add_warehouse(evaluate)
    evaluate.add_argument(
        "--min-f1", type=arg(FRACTION), metavar="F1", help="exit with status 5 when strict F1 is below this"
    )
    evaluate.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")

    diff = sub.add_parser(
        "diff", help="facts one extractor version added, removed or changed against another"
    )
    _add_warehouse(diff)
    diff.add_argument(
        "--from", dest="version_from", metavar="VERSION", help="default: the version before --to"
    )
    diff.add_argument("--to", dest="version_to", metavar="VERSION", help="default: the newest version")
    diff.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_max_width(diff)

    export = sub.add_parser("export", help="write the analyst views to Parquet or CSV files")
    export.add_argument("directory", metavar="DIR")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    _add_warehouse(export)

    migrate = sub.add_parser("migrate", help="upgrade a warehouse made by an older chiso")
    _add_warehouse(migrate)

    serve = sub.add_parser(
        "serve",
        help="serve the deployments (scheduled ingest, ad-hoc ingest, re-extract) on a Prefect server",
        description="Register chiso's deployments with the Prefect server and run their flow runs as "
        "they come due, until interrupted. The scheduled ingest reads the sources file every hour on "
        "the hour (Vietnam time); --every replaces that with an interval, for trying it out.",
    )
    serve.add_argument(
        "--sources",
        metavar="FILE",
        help="the sources file (default: $CHISO_SOURCES, else the one chiso ships, flows/sources.toml)",
    )
    serve.add_argument(
        "--every",
        type=arg(POSITIVE_SECONDS),
        metavar="SECONDS",
        help="run the scheduled ingest at this interval instead of hourly",
    )
    _add_warehouse(serve)
    _add_fetch(serve)

    server = sub.add_parser("server", help="chiso's local Prefect server: start, stop, status")
    server.add_argument("action", choices=("start", "stop", "status"))
    server.add_argument(
        "--api-url",
        action="store_true",
        help="print only the server's API URL (for PREFECT_API_URL); with status, exit 1 if none runs",
    )
    return parser


def _add_max_width(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-width",
        type=arg(WIDTH),
        default=60,
        metavar="N",
        help="with --format table, cut longer cells to N columns, in the middle (a path keeps its "
        "file name); 0: never cut (default 60)",
    )


def _add_task_runner(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("scale-out")
    group.add_argument(
        "--task-runner",
        choices=("threads", "dask"),
        default="threads",
        help="where parsing and extraction run: threads in this process (default), or a Dask "
        "cluster (needs the [dask] extra); this process alone loads the warehouse",
    )
    group.add_argument(
        "--dask-address",
        metavar="HOST:PORT",
        help="a running Dask scheduler (default: start a local cluster for the run)",
    )
    group.add_argument(
        "--workers",
        type=arg(COUNT),
        metavar="N",
        help="worker processes of the local Dask cluster (default: one per core chiso may use)",
    )


def _with_runner(flow_fn, args: argparse.Namespace):
    """The flow, with the task runner the options ask for."""
    from flows.ingest import task_runner

    if args.task_runner == "threads" and not args.dask_address:
        return flow_fn
    runner = task_runner("dask", args.dask_address, args.workers)
    return flow_fn.with_options(task_runner=runner)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    try:
        _settle(args, environment())
    except SettingError as exc:
        parser.error(str(exc))
    named = []
    if args.command in ("run", "eval"):
        named = args.sources + getattr(args, "feed", []) + getattr(args, "section", [])
    for source in named:
        if _SCHEME.match(source) and not source.lower().startswith(("http://", "https://")):
            parser.error(f"{source!r} is not a file, a directory or an http(s) URL")
    handler = {
        "run": _run,
        "reextract": _reextract,
        "query": _query,
        "eval": _eval,
        "diff": _diff,
        "export": _export,
        "migrate": _migrate,
        "serve": _serve,
        "server": _server,
    }[args.command]
    from warehouse import WarehouseError

    try:
        return handler(args)
    except BrokenPipeError:
        # the reader went away (`chiso query ... | head`): not an error;
        # send what is still buffered nowhere rather than fail at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except WarehouseError as exc:
        print(f"chiso: {exc}", file=sys.stderr)
        return WAREHOUSE
    except KeyboardInterrupt:
        print("chiso: interrupted; batches already loaded are kept", file=sys.stderr)
        return 130


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _settle(args: argparse.Namespace, env) -> None:
    """Fill the options left unset from the environment (already typed and checked)."""
    defaults = {
        "lock_timeout": env.lock_timeout,
        "max_bytes": env.max_bytes,
        "user_agent": env.user_agent,
        "allow_private_addresses": env.allow_private_addresses,
    }
    for name, value in defaults.items():
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, value)


# --- flows ----------------------------------------------------------------------


def _prefect(verbose: bool) -> bool:
    from flows.prefect_env import PrefectServerError, configure

    try:
        configure(verbose=verbose)
    except PrefectServerError as exc:
        print(f"chiso: {exc}", file=sys.stderr)
        return False
    return True


def _run_flow(flow_fn, **parameters) -> tuple[int, dict | None]:
    """Run a flow to its end: the exit status its final state means, and the
    run's summary (None when there is no run to tell of; the reason is printed)."""

    async def call():
        state = await flow_fn(**parameters, return_state=True)
        return state, await state.result(raise_on_failure=False)

    try:
        state, data = asyncio.run(call())
    except Exception as exc:  # Prefect itself failed: its log has the traceback
        print(f"chiso: the flow failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return ORCHESTRATION, None
    if isinstance(data, dict) and data.get("error"):
        print(f"chiso: {data['message']}", file=sys.stderr)
        return (WAREHOUSE if data["error"] == "warehouse" else USAGE), None
    if not isinstance(data, dict) or "run_id" not in data:  # the flow crashed
        reason = f"{type(data).__name__}: {data}" if isinstance(data, BaseException) else state.message
        print(f"chiso: the flow ended {state.name}: {reason}", file=sys.stderr)
        return ORCHESTRATION, None
    if data["status"] == "interrupted":
        return INTERRUPTED.get(data["stopped_by"], 130), data
    return (PARTIAL if data["failures"] else OK), data


# 128 + the signal's number, as a shell reports a process the signal ended
INTERRUPTED = {"SIGINT": 130, "SIGTERM": 143}


def _exit_now(code: int) -> None:
    """End the process once an interrupted run is recorded and told: an
    extraction the stop left running (a stalled page) would otherwise hold
    the interpreter's exit until it ends, for minutes.  The run's log
    lines still queued for the Prefect server are sent first."""
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    warehouse = _warehouse_path(args.warehouse)
    sources = args.sources or ([] if args.feed or args.section else DEFAULT_SOURCES)
    if not _prefect(args.verbose):
        return ORCHESTRATION
    from flows.ingest import ingest

    return _run_batches(
        ingest,
        args,
        warehouse=warehouse,
        sources=sources,
        feeds=args.feed,
        sections=args.section,
        batch_size=args.batch_size,
        max_bytes=args.max_bytes,
        lock_timeout=args.lock_timeout,
        window=_window(args),
        fetch=_fetch_settings(args),
    )


def _reextract(args: argparse.Namespace) -> int:
    warehouse = _warehouse_path(args.warehouse)
    if not Path(warehouse).exists():
        print(f"chiso: there is no warehouse at {warehouse}", file=sys.stderr)
        return WAREHOUSE
    if not _prefect(args.verbose):
        return ORCHESTRATION
    from flows.ingest import reextract

    return _run_batches(
        reextract,
        args,
        warehouse=warehouse,
        source_glob=args.source,
        force=args.force,
        every_version=args.all_versions,
        batch_size=args.batch_size,
        lock_timeout=args.lock_timeout,
        window=_window(args),
    )


def _run_batches(flow_fn, args: argparse.Namespace, **parameters) -> int:
    """Run ingest or reextract on the task runner the options ask for,
    print its summary, and say how it went in the exit status."""
    try:
        flow_fn = _with_runner(flow_fn, args)
    except ValueError as exc:
        print(f"chiso: {exc}", file=sys.stderr)
        return USAGE
    code, summary = _run_flow(flow_fn, **parameters)
    if summary is None:
        return code
    _print_summary(summary, args.json)
    if summary["status"] == "interrupted":
        print(f"chiso: stopped by {summary['stopped_by']}; batches already loaded are kept", file=sys.stderr)
        _exit_now(code)
    return code


def _window(args: argparse.Namespace) -> int:
    """Batches extracting at once: two on threads (one extracting while the
    last one loads); on Dask, one per worker and one more."""
    if args.task_runner == "threads" and not args.dask_address:
        return 2
    from flows.ingest import available_cores

    return (args.workers or available_cores()) + 1


def _print_summary(summary: dict, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {k: v for k, v in summary.items() if k != "new_facts"},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return
    from flows.files import printable
    from flows.ingest import plural

    failures = summary["failures"]
    unchanged = summary.get("documents_unchanged") or 0
    read = "documents read" if summary["flow"] == "reextract" else "files read"
    rows = [(read, summary["files_read"])]
    if summary.get("pages_fetched") or summary.get("pages_unchanged"):
        rows.append(
            ("pages fetched", f"{summary['pages_fetched']}  ({summary['pages_unchanged']} not modified)")
        )
    if summary["flow"] == "ingest":
        rows.append(("documents", f"{summary['documents_new']} new, {unchanged} unchanged"))
    rows += [
        ("articles", summary["articles"]),
        ("facts", f"{summary['facts_new']} new"),
        ("failures", len(failures)),
        ("warehouse", printable(summary["warehouse"])),
    ]
    if summary["status"] != "completed":
        rows.append(("status", summary["status"]))
    lines = [f"{summary['flow']}: run {summary['run_id']} (extractor {summary['extractor_version']})"]
    lines += [f"  {label:<13} {value}" for label, value in rows]
    print("\n".join(lines))
    for failure in failures[:50]:
        source, reason = printable(failure["source"]), printable(failure["reason"])
        print(f"  ! {source}: {failure['stage']}: {reason}", file=sys.stderr)
    if len(failures) > 50:
        more = plural(len(failures) - 50, "more failure")
        print(f'  ! ... and {more}: chiso query "select * from failures"', file=sys.stderr)


# --- warehouse commands -----------------------------------------------------------------


def _query(args: argparse.Namespace) -> int:
    from warehouse import Warehouse
    from warehouse.query import format_result, run_query

    columns, rows = run_query(Warehouse(_warehouse_path(args.warehouse), args.lock_timeout), args.sql)
    if columns:
        print(format_result(columns, rows, args.format, args.max_width or None))
    return OK


def _corpus_directory(path: str) -> tuple[str, list[str]]:
    """A corpus directory's gold file and what it holds to read: its
    ``gold.jsonl``, and its ``articles/`` and ``pages/`` (``../shared/corpus/dev``)."""
    sources = [os.path.join(path, d) for d in ("articles", "pages") if os.path.isdir(os.path.join(path, d))]
    return os.path.join(path, "gold.jsonl"), sources


def _eval(args: argparse.Namespace) -> int:
    from extractors.evaluate import evaluate, format_report, items_from_rows, read_gold, source_name
    from warehouse import Warehouse
    from warehouse.query import run_query

    if os.path.isdir(args.gold):
        args.gold, found = _corpus_directory(args.gold)
        args.sources = args.sources or found
    try:
        with open(args.gold, encoding="utf-8") as handle:
            gold = read_gold(handle)
    except (OSError, ValueError) as exc:
        print(f"chiso: cannot read the gold file {args.gold}: {exc}", file=sys.stderr)
        return USAGE
    temporary = None
    warehouse = args.warehouse or (None if args.sources else _warehouse_path(None))
    if warehouse is None:  # read the sources into a scratch warehouse, not the user's
        temporary = tempfile.TemporaryDirectory(prefix="chiso-eval-")
        warehouse = os.path.join(temporary.name, "eval.duckdb")
    try:
        read_failures: list[dict] = []
        if args.sources:
            if not _prefect(args.verbose):
                return ORCHESTRATION
            from flows.ingest import ingest

            code, summary = _run_flow(
                ingest, warehouse=warehouse, sources=args.sources, lock_timeout=args.lock_timeout
            )
            if summary is None or summary["status"] == "interrupted":
                return code
            read_failures = summary["failures"]
        store = Warehouse(warehouse, args.lock_timeout)
        columns, rows = run_query(
            store,
            "SELECT source, entity, index_code, component, year, metric, value, evidence FROM facts",
        )
        _, documents = run_query(store, "SELECT DISTINCT source FROM documents")
    finally:
        if temporary is not None:
            temporary.cleanup()
    extracted = items_from_rows(dict(zip(columns, row)) for row in rows)
    # Gold for files that were not read does not count against the extractor;
    # and a warehouse scored as it is holds other sources too, which the gold
    # says nothing about: only the gold file's own sources count there.
    considered = {source_name(d[0]) for d in documents} | {source_name(f["source"]) for f in read_failures}
    if not args.sources:
        considered &= {g.source for g in gold}
    gold = [g for g in gold if g.source in considered]
    report = evaluate(extracted, gold, sources=considered)
    print(format_report(report))
    if args.min_f1 is not None and report.strict.f1 < args.min_f1:
        print(f"chiso: strict F1 {report.strict.f1:.3f} is below --min-f1 {args.min_f1}", file=sys.stderr)
        return BELOW_TARGET
    return OK


def _diff(args: argparse.Namespace) -> int:
    from warehouse import Warehouse
    from warehouse.diff import diff_versions
    from warehouse.query import format_result

    store = Warehouse(_warehouse_path(args.warehouse), args.lock_timeout)
    version_from, version_to, columns, rows = diff_versions(store, args.version_from, args.version_to)
    print(f"facts of extractor {version_to} against {version_from}:", file=sys.stderr)
    print(format_result(columns, rows, args.format, args.max_width or None))
    return OK


def _export(args: argparse.Namespace) -> int:
    from warehouse import Warehouse
    from warehouse.export import export

    store = Warehouse(_warehouse_path(args.warehouse), args.lock_timeout)
    try:
        counts = export(store, args.directory, args.format)
    except OSError as exc:
        where = exc.filename or args.directory
        print(f"chiso: cannot write the export to {where}: {exc.strerror or exc}", file=sys.stderr)
        return USAGE
    for view, rows in counts.items():
        print(f"{Path(args.directory) / (view + '.' + args.format)}  {rows} rows")
    return OK


def _migrate(args: argparse.Namespace) -> int:
    from warehouse import SCHEMA_VERSION, Warehouse

    store = Warehouse(_warehouse_path(args.warehouse), args.lock_timeout)
    if not store.path.is_file():
        print(f"chiso: there is no warehouse at {store.path}; `chiso run` creates one", file=sys.stderr)
        return WAREHOUSE
    with store.session():
        pass
    print(f"{store.path}: schema version {SCHEMA_VERSION}")
    return OK


def _serve(args: argparse.Namespace) -> int:
    from flows.serve import supervise, supervised
    from flows.sources import SourcesError, load_sources, sources_path

    if not supervised():
        return supervise(args.argv)

    path = sources_path(args.sources)
    try:
        config = load_sources(path)  # refuse a broken file now, not at the first run
    except SourcesError as exc:
        print(f"chiso: {exc}", file=sys.stderr)
        return USAGE
    warehouse = str(Path(_warehouse_path(args.warehouse)).resolve())
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO")
    if not _prefect(verbose=True):
        return ORCHESTRATION
    from flows.serve import serve

    when = f"every {args.every:g} s" if args.every else "every hour on the hour"
    print(
        f"Serving chiso: {len(config.sites)} sites from {path}, {when}, into {warehouse}. "
        f"UI: {os.environ['PREFECT_API_URL'].removesuffix('/api')}. Ctrl-C stops.",
        file=sys.stderr,
    )
    try:
        serve(str(path), warehouse, args.every, _fetch_settings(args), args.lock_timeout)
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass  # Ctrl-C is how serving ends
    return OK


def _server(args: argparse.Namespace) -> int:
    from flows import prefect_env

    if args.action == "start":
        try:
            info = prefect_env.start_server()
        except prefect_env.PrefectServerError as exc:
            print(f"chiso: {exc}", file=sys.stderr)
            return ORCHESTRATION
        if args.api_url:
            print(info.api_url)
            return OK
        print(f"Prefect server: {info.api_url}  (UI {info.ui_url}, pid {info.pid}, state {info.home})")
        print(f"To use it from another shell: export PREFECT_API_URL={info.api_url}")
        return OK
    if args.action == "stop":
        stopped = prefect_env.stop_server()
        print("stopped chiso's local Prefect server" if stopped else "no local Prefect server was running")
        return OK
    info = prefect_env.running_server()
    if info is None:
        print(
            f"no local Prefect server is running (state would be in {prefect_env.prefect_home()})",
            file=sys.stderr if args.api_url else sys.stdout,
        )
        return PARTIAL
    if args.api_url:
        print(info.api_url)
        return OK
    print(f"Prefect server: {info.api_url}  (UI {info.ui_url}, pid {info.pid}, state {info.home})")
    return OK


if __name__ == "__main__":
    sys.exit(main())
