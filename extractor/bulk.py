"""`arsbok bulk`: convert many PDFs in parallel into a content-addressed output folder.

Layout of OUTDIR::

    documents/<sha256>.json   one Document per distinct file content
    index.json                file path -> sha256 (aliases: one content under several names)
    errors.jsonl              one object per failed file: file, sha256, code, message
    run.json                  machine-readable summary of the last run
    dataset/                  Parquet + DuckDB tables (`extractor.dataset`)

Every file is written under a temporary name and renamed, and a document is only written once
it is complete, so a run killed at any moment (even ``kill -9``) leaves a folder that the next
run resumes: files whose sha256 and arsbok version match an output are skipped, the rest are
converted, and the dataset is rebuilt from all documents.

Each file runs in a worker process that the parent can kill: a file past ``--timeout`` is
killed (``timeout``), a worker over ``--max-memory-mb`` address space fails with ``memory``,
and the worker is replaced; the run goes on. Workers live on between files so that loaded
state (pdfium, the spaCy pipeline) is reused, and are replaced every
`MAX_TASKS_PER_WORKER` files to keep memory flat on long batches (pdfplumber#1395). Where
the OS has one, workers are forked from a fork server that loaded all of it once
(`extractor.bulk_preload`), so a replacement starts warm.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import hashlib
import importlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extractor.cli import write_atomic
from extractor.errors import UsageError

#: A worker is replaced after this many files: flat memory on long batches.
MAX_TASKS_PER_WORKER = 50
#: Seconds a worker gets beyond --timeout to stop by itself before it is killed.
KILL_GRACE_SECONDS = 1.0
#: The default per-file conversion, as "module:function" so workers can import it.
DEFAULT_TASK = "extractor.bulk:convert_file"
DEFAULT_FORMATS = ("json", "parquet", "duckdb")
FORMATS = ("json", "parquet", "duckdb")


# --------------------------------------------------------------------------------------------
# The per-file task (runs in a worker process or on a dask worker)
# --------------------------------------------------------------------------------------------


def convert_file(path: str, options: dict[str, Any]) -> tuple[bytes, int]:
    """Extract one PDF; return the document JSON and its page count."""
    import extractor

    doc = extractor.extract(path, **options)
    return doc.model_dump_json().encode("utf-8"), doc.source.page_count


def resolve_task(ref: str) -> Callable[[str, dict[str, Any]], tuple[bytes, int]]:
    """Import a task given as "module:function"."""
    module_name, _, func_name = ref.partition(":")
    return getattr(importlib.import_module(module_name), func_name)  # type: ignore[no-any-return]


def run_task(task: str, path: str, options: dict[str, Any]) -> dict[str, Any]:
    """Run one task and turn every outcome into a plain dict (picklable, never raises)."""
    from extractor.errors import ArsbokError

    started = time.perf_counter()
    result: dict[str, Any] = {"ok": False, "data": None, "pages": 0}
    try:
        data, pages = resolve_task(task)(path, options)
        result.update(ok=True, data=data, pages=pages)
    except ArsbokError as exc:
        result.update(code=exc.code, message=exc.message)
        if exc.code == "internal":
            # the API wraps unexpected exceptions; the analyst wants the original type
            cause = exc.__cause__ or exc
            result["exception"] = type(cause).__name__
    except MemoryError:
        result.update(code="memory", message="out of memory (--max-memory-mb)")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        result.update(
            code="internal", message=f"{type(exc).__name__}: {exc}", exception=type(exc).__name__
        )
    result["seconds"] = round(time.perf_counter() - started, 3)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far, in MB (None where the OS does not say).

    On Linux from /proc's VmHWM: `ru_maxrss` keeps the high-water mark across exec, so a
    worker spawned by a big parent (pytest after the parity tests, 560 MB) reported the
    parent's size, not its own (394 MB on the same files run from a small parent).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def limit_native_threads() -> None:
    """One process per core already: BLAS/OpenMP threads would oversubscribe the cores and
    reserve address space that counts against RLIMIT_AS."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def warm_up_worker() -> None:
    """Load everything a document needs before the first one (`extractor.pipeline.warm_up`).

    camelot imports matplotlib for its plotting helpers alone, which a worker never calls:
    hiding it (an import of a module that is None in `sys.modules` raises ImportError, and
    camelot then goes without plots) takes 0.3 s off the 1.7 s start-up of every run.
    """
    from extractor.pipeline import warm_up

    hide = "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        warm_up()
    finally:
        if hide:
            sys.modules.pop("matplotlib", None)


def worker_context() -> Any:
    """The multiprocessing context of local workers: a warm fork server where the OS has one.

    Both start methods give a worker a clean process (no inherited threads or locks of the
    parent, which may be a threaded application); ``spawn`` (Windows) imports everything anew
    in each worker.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # ignored once this process's fork server runs (it keeps its first preload list)
        ctx.set_forkserver_preload(["extractor.bulk_preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, task: str, max_memory_mb: int | None) -> None:
    """Loop of a worker process: receive (path, options), send the result, until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C goes to it
    limit_native_threads()
    if max_memory_mb:
        import resource

        limit = int(max_memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        resolve_task(task)  # import the extractor once, before the first file
        if task == DEFAULT_TASK:
            warm_up_worker()  # a no-op in a worker forked from the warm fork server
    except Exception:  # noqa: BLE001 - MemoryError included: the first file reports it
        pass
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            # Skip the interpreter's teardown (freeing spaCy, pandas, cv2 ...): 0.36 s a worker,
            # paid at the end of every run. Every result has been sent; nothing else to flush.
            conn.close()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        path, options = message
        result = run_task(task, path, options)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return
        if result.get("code") == "memory":
            return  # the heap may be in a bad state: the parent starts a fresh worker


# --------------------------------------------------------------------------------------------
# Inputs, hashing, resume
# --------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One distinct file content, with every path it was found under."""

    sha256: str
    paths: list[str]
    size: int

    @property
    def path(self) -> str:
        return self.paths[0]


def find_inputs(specs: Iterable[str], exclude: Path | None = None) -> list[str]:
    """Expand directories (recursively, *.pdf), globs and plain files; sorted, no duplicates."""
    found: set[str] = set()
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            matches = [str(x) for x in p.rglob("*") if x.is_file() and x.suffix.lower() == ".pdf"]
        elif any(ch in spec for ch in "*?["):
            matches = [x for x in glob.glob(spec, recursive=True) if Path(x).is_file()]
        elif p.is_file():
            matches = [spec]
        else:
            raise UsageError(f"{spec}: no such file or directory")
        for m in matches:
            if exclude is not None and _is_within(Path(m), exclude):
                continue
            found.add(m)
    return sorted(found)


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def group_by_content(paths: list[str]) -> tuple[list[Item], dict[str, str]]:
    """Hash every file; one `Item` per sha256 (the first path by name is the one converted)."""
    items: dict[str, Item] = {}
    unreadable: dict[str, str] = {}
    for path in paths:
        try:
            digest = sha256_of(path)
            size = os.path.getsize(path)
        except OSError as exc:
            unreadable[path] = f"{type(exc).__name__}: {exc}"
            continue
        if digest in items:
            items[digest].paths.append(path)
        else:
            items[digest] = Item(sha256=digest, paths=[path], size=size)
    return sorted(items.values(), key=lambda it: it.path), unreadable


def document_path(outdir: Path, sha256: str) -> Path:
    return outdir / "documents" / f"{sha256}.json"


def is_done(outdir: Path, sha256: str, version: str) -> bool:
    """An output exists for this content and was made by this arsbok version."""
    p = document_path(outdir, sha256)
    if not p.exists():
        return False
    try:
        data = json.loads(p.read_bytes())
    except (OSError, ValueError):
        return False  # cannot happen with atomic writes, but a hand-edited file is redone
    run = data.get("run") or {}
    return bool(
        run.get("arsbok_version") == version and data.get("source", {}).get("sha256") == sha256
    )


def remove_stale_temporaries(outdir: Path) -> None:
    """Temporary files of a killed run (write_atomic names them .NAME.XXXX.tmp)."""
    for folder in (outdir, outdir / "documents", outdir / "dataset"):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# Local worker pool with kill on timeout
# --------------------------------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any
    conn: Connection
    tasks_done: int = 0
    item: Item | None = None
    started: float = 0.0


@dataclass
class Outcome:
    """The result of one distinct file."""

    item: Item
    ok: bool
    pages: int = 0
    code: str | None = None
    message: str | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def _start_worker(ctx: Any, task: str, max_memory_mb: int | None) -> _Worker:
    parent, child = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_worker_main, args=(child, task, max_memory_mb), daemon=True)
    proc.start()
    child.close()
    return _Worker(process=proc, conn=parent)


def _ask_to_exit(w: _Worker) -> None:
    with contextlib.suppress(OSError):  # BrokenPipeError: it is gone already
        w.conn.send(None)


def _kill(w: _Worker) -> None:
    with contextlib.suppress(OSError):
        w.process.kill()


def _reap(w: _Worker) -> None:
    w.process.join(timeout=5)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()


def _stop_worker(w: _Worker, kill: bool = False) -> None:
    (_kill if kill else _ask_to_exit)(w)
    _reap(w)


def _stop_workers(workers: list[_Worker]) -> None:
    """Stop every worker: the busy ones killed, the idle ones asked first, so they exit side by
    side."""
    for w in workers:
        (_kill if w.item is not None else _ask_to_exit)(w)
    for w in workers:
        _reap(w)


def _died_outcome(item: Item, exitcode: int | None, max_memory_mb: int | None) -> Outcome:
    """A worker that vanished mid-file: SIGKILL from outside is most likely the OOM killer."""
    if exitcode is not None and exitcode < 0:
        signame = signal.Signals(-exitcode).name
        if -exitcode == signal.SIGKILL:
            return Outcome(
                item,
                False,
                code="memory",
                message=f"worker killed ({signame}), most likely out of memory",
            )
        return Outcome(
            item,
            False,
            code="internal",
            message=f"worker crashed ({signame})",
            extra={"exception": signame},
        )
    if max_memory_mb:
        return Outcome(
            item,
            False,
            code="memory",
            message=f"worker exited ({exitcode}) under --max-memory-mb {max_memory_mb}",
        )
    return Outcome(
        item,
        False,
        code="internal",
        message=f"worker exited ({exitcode})",
        extra={"exception": "WorkerExit"},
    )


def run_local(
    items: list[Item],
    options: dict[str, Any],
    *,
    jobs: int,
    timeout: float | None,
    max_memory_mb: int | None,
    task: str,
    on_done: Callable[[Outcome], None],
) -> None:
    """Run every item on `jobs` killable worker processes; call `on_done` in the parent."""
    ctx = worker_context()
    queue = list(reversed(items))
    workers: list[_Worker] = []

    def replace(i: int, kill: bool = True) -> None:
        _stop_worker(workers[i], kill=kill)
        workers[i] = _start_worker(ctx, task, max_memory_mb)

    def dispatch() -> None:
        for i, w in enumerate(workers):
            while w.item is None and queue:
                if w.tasks_done >= MAX_TASKS_PER_WORKER or not w.process.is_alive():
                    replace(i, kill=not w.process.is_alive())
                    w = workers[i]
                item = queue.pop()
                try:
                    w.conn.send((item.path, options))
                except (OSError, BrokenPipeError):
                    queue.append(item)
                    replace(i)
                    w = workers[i]
                    continue
                w.item, w.started = item, time.monotonic()

    try:
        for _ in range(max(1, min(jobs, len(items)))):
            workers.append(_start_worker(ctx, task, max_memory_mb))
        while queue or any(w.item is not None for w in workers):
            dispatch()
            busy = [w for w in workers if w.item is not None]
            if not busy:
                continue
            handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait(handles, timeout=0.2))
            now = time.monotonic()
            finished: list[Outcome] = []
            for i, w in enumerate(workers):
                if w.item is None:
                    continue
                item = w.item
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        w.process.join(timeout=5)
                        replace(i)
                        finished.append(_died_outcome(item, w.process.exitcode, max_memory_mb))
                        continue
                    w.item, w.tasks_done = None, w.tasks_done + 1
                    if result.get("code") == "memory":
                        # that worker exits by itself (see _worker_main): replace it now, or the
                        # next file sent to it would be lost with it
                        replace(i, kill=False)
                    finished.append(_outcome(item, result))
                elif w.process.sentinel in ready:
                    w.process.join(timeout=5)
                    code = w.process.exitcode
                    replace(i)
                    finished.append(_died_outcome(item, code, max_memory_mb))
                elif timeout and now - w.started > timeout + KILL_GRACE_SECONDS:
                    replace(i)
                    finished.append(
                        Outcome(
                            item,
                            False,
                            code="timeout",
                            message=f"killed after {timeout:g} s (--timeout)",
                            seconds=round(now - w.started, 3),
                        )
                    )
            # Hand out the next files before writing results: the parent's fsync would
            # otherwise leave a worker idle.
            dispatch()
            for outcome in finished:
                on_done(outcome)
    finally:
        _stop_workers(workers)


def _outcome(item: Item, result: dict[str, Any]) -> Outcome:
    extra = {"data": result.get("data"), "peak_rss_mb": result.get("peak_rss_mb")}
    if result.get("exception"):
        extra["exception"] = result["exception"]
    return Outcome(
        item,
        bool(result.get("ok")),
        pages=int(result.get("pages") or 0),
        code=result.get("code"),
        message=result.get("message"),
        seconds=float(result.get("seconds") or 0.0),
        extra=extra,
    )


def run_dask(
    items: list[Item],
    options: dict[str, Any],
    *,
    address: str,
    timeout: float | None,
    task: str,
    on_done: Callable[[Outcome], None],
) -> None:
    """Send the same per-file task to a dask.distributed cluster.

    Dask cannot kill one running task, so the time limit there is the extractor's own
    (cooperative, between stages); memory is the dask worker's ``--memory-limit``.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the data extra brings it
        raise UsageError(f"--dask needs dask[distributed] ({exc})") from None
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise UsageError(f"cannot reach the dask scheduler at {address}: {exc}") from None
    try:
        futures = {}
        for item in items:
            fut = client.submit(
                run_task,
                task,
                item.path,
                options,
                pure=False,
                key=f"arsbok-{item.sha256}-{time.time_ns()}",
            )
            futures[fut] = item
        for fut in as_completed(list(futures)):
            item = futures[fut]
            try:
                on_done(_outcome(item, fut.result()))
            except Exception as exc:  # noqa: BLE001 - KilledWorker and friends
                name = type(exc).__name__
                code = "memory" if name == "KilledWorker" else "internal"
                on_done(
                    Outcome(
                        item, False, code=code, message=f"{name}: {exc}", extra={"exception": name}
                    )
                )
    finally:
        client.close()


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def _progress(enabled: bool, total: int) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("[bold]bulk"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("{task.fields[pages_per_s]:.1f} pages/s"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )
    return progress


def run_bulk(
    inputs: list[str],
    outdir: Path,
    *,
    jobs: int = 1,
    timeout: float | None = 600.0,
    resume: bool = True,
    formats: Iterable[str] = DEFAULT_FORMATS,
    options: dict[str, Any] | None = None,
    max_memory_mb: int | None = None,
    dask_address: str | None = None,
    progress: bool = False,
    task: str = DEFAULT_TASK,
) -> dict[str, Any]:
    """Convert every input file into `outdir`; return the run summary (also in run.json).

    Parameters
    ----------
    inputs : list of str
        Directories (searched recursively for *.pdf), glob patterns and files.
    outdir : Path
        The output folder (created).
    jobs : int
        Worker processes (one per core is right: each file is CPU-bound).
    timeout : float or None
        Seconds per file; a file past it is killed and recorded ``timeout``.
    resume : bool
        Skip files whose content (sha256) was converted by this arsbok version.
    formats : iterable of str
        ``json`` (always written), ``parquet`` and ``duckdb`` (the dataset, rebuilt at the end).
    options : dict
        Extraction settings for every file (``ocr``, ``backend`` ...).
    max_memory_mb : int or None
        Address-space limit of each worker (RLIMIT_AS).
    dask_address : str or None
        ``tcp://host:8786``: run on that dask.distributed cluster instead of local workers.
    progress : bool
        Show the live progress bar on stderr.
    task : str
        The per-file function as "module:function" (tests swap it).
    """
    import extractor

    formats = {f.strip() for f in formats if f.strip()}
    unknown = formats - set(FORMATS)
    if unknown:
        raise UsageError(f"unknown --format {sorted(unknown)} (choose from {', '.join(FORMATS)})")
    from extractor.dataset import require_dataset_libraries

    require_dataset_libraries(formats)
    started_wall = time.time()
    started = time.perf_counter()
    outdir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(outdir)
    paths = find_inputs(inputs, exclude=outdir)
    if not paths:
        raise UsageError("no input files found")
    items, unreadable = group_by_content(paths)
    options = dict(options or {})
    if timeout:
        options["timeout"] = timeout
    version = extractor.__version__

    pending = [it for it in items if not (resume and is_done(outdir, it.sha256, version))]
    # Largest files first: a big scan started last keeps one worker busy while the others
    # idle (corpus with OCR, --jobs 2: 1.69x over --jobs 1 in input order). Outputs do not
    # depend on the order.
    pending.sort(key=lambda it: -it.size)
    pending_shas = {it.sha256 for it in pending}
    skipped = [it for it in items if it.sha256 not in pending_shas]
    outcomes: dict[str, Outcome] = {}
    counters = {"pages": 0, "failed": len(unreadable)}

    bar = _progress(progress, len(pending))
    with bar:
        task_id = bar.add_task(
            "bulk", total=len(pending), pages_per_s=0.0, failed=counters["failed"]
        )

        def on_done(outcome: Outcome) -> None:
            if outcome.ok:
                data = outcome.extra.pop("data")
                write_atomic(document_path(outdir, outcome.item.sha256), data)
                counters["pages"] += outcome.pages
            else:
                outcome.extra.pop("data", None)
                counters["failed"] += 1
            outcomes[outcome.item.sha256] = outcome
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(
                task_id,
                advance=1,
                pages_per_s=counters["pages"] / elapsed,
                failed=counters["failed"],
            )

        if pending:
            if dask_address:
                run_dask(
                    pending,
                    options,
                    address=dask_address,
                    timeout=timeout,
                    task=task,
                    on_done=on_done,
                )
            else:
                run_local(
                    pending,
                    options,
                    jobs=jobs,
                    timeout=timeout,
                    max_memory_mb=max_memory_mb,
                    task=task,
                    on_done=on_done,
                )

    # errors.jsonl: one object per failed *file* (an alias of a failed content fails too)
    errors: list[dict[str, Any]] = []
    for path, message in unreadable.items():
        errors.append({"file": path, "sha256": None, "code": "usage", "message": message})
    for it in items:
        oc = outcomes.get(it.sha256)
        if oc is None or oc.ok:
            continue
        for path in it.paths:
            entry = {"file": path, "sha256": it.sha256, "code": oc.code, "message": oc.message}
            if oc.extra.get("exception"):
                entry["exception"] = oc.extra["exception"]
            errors.append(entry)
    errors.sort(key=lambda e: e["file"])
    write_atomic(
        outdir / "errors.jsonl",
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors).encode("utf-8"),
    )

    index = _update_index(outdir, items, outcomes, skipped, version)

    dataset_tables: dict[str, int] = {}
    if formats & {"parquet", "duckdb"}:
        from extractor.dataset import build_dataset

        dataset_tables = build_dataset(outdir, formats=formats & {"parquet", "duckdb"}, index=index)

    seconds = time.perf_counter() - started
    converted = [oc for oc in outcomes.values() if oc.ok]
    failed_files = len(errors)
    summary: dict[str, Any] = {
        "arsbok_version": version,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started_wall)),
        "seconds": round(seconds, 3),
        "jobs": jobs,
        "executor": f"dask {dask_address}" if dask_address else "local processes",
        "inputs": list(inputs),
        "files": len(paths),
        "distinct": len(items),
        "aliases": len(paths) - len(items) - len(unreadable),
        "ok": len(converted),
        "failed": failed_files,
        "skipped": len(skipped),
        "pages": counters["pages"],
        "pages_per_second": round(counters["pages"] / seconds, 2) if seconds else None,
        "files_per_minute": round(60 * (len(converted) + failed_files) / seconds, 2)
        if seconds
        else None,
        "error_codes": _count(e["code"] for e in errors),
        # issue 9: memory per worker (a worker's peak over all the files it converted)
        "peak_worker_rss_mb": max(
            (oc.extra["peak_rss_mb"] for oc in outcomes.values() if oc.extra.get("peak_rss_mb")),
            default=None,
        ),
        "options": {k: v for k, v in options.items() if k != "password"},
        "timeout": timeout,
        "max_memory_mb": max_memory_mb,
        "formats": sorted(formats),
        "dataset": dataset_tables,
    }
    write_atomic(
        outdir / "run.json",
        (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    )
    return summary


def _count(values: Iterable[str | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[str(v)] = out.get(str(v), 0) + 1
    return dict(sorted(out.items()))


def _update_index(
    outdir: Path, items: list[Item], outcomes: dict[str, Outcome], skipped: list[Item], version: str
) -> dict[str, Any]:
    """Merge this run's files into index.json (runs over other folders keep their entries)."""
    path = outdir / "index.json"
    files: dict[str, Any] = {}
    if path.exists():
        try:
            files = json.loads(path.read_bytes()).get("files", {})
        except (OSError, ValueError):
            files = {}
    skipped_shas = {it.sha256 for it in skipped}
    for it in items:
        oc = outcomes.get(it.sha256)
        status = "ok" if it.sha256 in skipped_shas or (oc is not None and oc.ok) else "failed"
        for p in it.paths:
            entry: dict[str, Any] = {"name": Path(p).name, "sha256": it.sha256, "status": status}
            if status == "failed" and oc is not None:
                entry["code"] = oc.code
            files[p] = entry
    documents: dict[str, list[str]] = {}
    for p, entry in files.items():
        if entry.get("status") == "ok":
            documents.setdefault(entry["sha256"], []).append(p)
    index = {
        "arsbok_version": version,
        "files": dict(sorted(files.items())),
        "documents": {k: sorted(v) for k, v in sorted(documents.items())},
    }
    write_atomic(path, (json.dumps(index, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return index


def print_summary(summary: dict[str, Any], outdir: Path) -> None:
    print(
        f"arsbok bulk: {summary['ok']} ok, {summary['failed']} failed, {summary['skipped']} skipped "
        f"({summary['files']} files, {summary['distinct']} distinct) in {summary['seconds']:.1f} s, "
        f"{summary['pages']} pages, {summary['pages_per_second'] or 0:.1f} pages/s → {outdir}",
        file=sys.stderr,
    )
    if summary["failed"]:
        codes = ", ".join(f"{k}: {v}" for k, v in summary["error_codes"].items())
        print(f"  failures ({codes}) in {outdir / 'errors.jsonl'}", file=sys.stderr)


def cmd_bulk(args: argparse.Namespace) -> int:
    from extractor.cli import settings_from_args

    options = settings_from_args(args)
    options.pop("timeout", None)
    summary = run_bulk(
        args.inputs,
        args.output,
        jobs=args.jobs,
        timeout=args.timeout,
        resume=args.resume,
        formats=args.format.split(","),
        options=options,
        max_memory_mb=args.max_memory_mb,
        dask_address=args.dask,
        progress=not args.quiet and sys.stderr.isatty(),
        task=args.task,
    )
    if not args.quiet:
        print_summary(summary, args.output)
    return 8 if summary["failed"] else 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser("bulk", help="convert many PDFs in parallel into a dataset folder")
    p.add_argument(
        "inputs", nargs="+", metavar="DIR_OR_GLOB", help="folders, glob patterns or files"
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: one per core)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="seconds per file before it is killed (default 600)",
    )
    p.add_argument(
        "--resume",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="skip files already converted by this version (default)",
    )
    p.add_argument(
        "--format", default=",".join(DEFAULT_FORMATS), help="json,parquet,duckdb (default: all)"
    )
    p.add_argument("--ocr", choices=["auto", "always", "never"], default=None)
    p.add_argument("--backend", choices=["pdfium", "pdfplumber"], default=None)
    p.add_argument("--settings", type=Path, default=None, help="settings JSON file")
    p.add_argument(
        "--max-memory-mb", type=int, default=None, help="address-space limit per worker (MB)"
    )
    p.add_argument(
        "--dask",
        default=None,
        metavar="tcp://HOST:8786",
        help="run on this dask.distributed scheduler",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument("--task", default=DEFAULT_TASK, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_bulk)
