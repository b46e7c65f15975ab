"""The `arsbok` command: a thin layer over the Python API.

Exit codes: 0 ok; 1 internal error; 2 usage; 3 not a readable PDF; 4 no text layer and no
OCR; 5 too large; 6 timeout; 7 memory limit; 8 bulk run with failed files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from extractor.errors import ArsbokError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(f"arsbok: {message}")


def _common_extract_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pages", help="pages to read, e.g. 3-7,10 (1-based)")
    p.add_argument("--backend", choices=["pdfium", "pdfplumber"], default=None)
    p.add_argument("--ocr", choices=["auto", "always", "never"], default=None)
    p.add_argument("--password", default=None, help="password of an encrypted PDF")
    p.add_argument("--max-pages", type=int, default=None)
    p.add_argument("--timeout", type=float, default=None, help="seconds per document")
    p.add_argument("--settings", type=Path, default=None, help="settings JSON file")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="arsbok", description=__doc__.splitlines()[0])
    from extractor import __version__

    parser.add_argument("--version", action="version", version=f"arsbok {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("extract", help="extract one PDF into JSON")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, help="write JSON here (default: stdout)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    _common_extract_options(p)

    p = sub.add_parser("schema", help="print the JSON Schema of the output")

    p = sub.add_parser("tables", help="print the tables of a PDF or JSON for a person to read")
    p.add_argument("file", type=Path)
    p.add_argument("--kind", default=None)
    p.add_argument("--csv", action="store_true")
    _common_extract_options(p)

    p = sub.add_parser("goals", help="print the goals of a PDF or JSON with status and evidence")
    p.add_argument("file", type=Path)
    p.add_argument("--csv", action="store_true")
    _common_extract_options(p)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub: Any) -> None:
    """Commands whose modules may bring heavier dependencies register themselves here."""
    for module_name in ("extractor.bulk", "extractor.dataset", "extractor.compare"):
        try:
            module = __import__(module_name, fromlist=["add_parser"])
        except ImportError:
            continue
        module.add_parser(sub)


def settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    from extractor.settings import Settings, parse_page_range

    base = Settings.resolve(args.settings).model_dump() if getattr(args, "settings", None) else {}
    options: dict[str, Any] = dict(base)
    if getattr(args, "pages", None):
        options["pages"] = parse_page_range(args.pages)
    for name in ("backend", "ocr", "password", "max_pages", "timeout"):
        value = getattr(args, name, None)
        if value is not None:
            options[name] = value
    return options


def load_document(path: Path, args: argparse.Namespace) -> Any:
    """A PDF is extracted; a JSON file written by `arsbok extract` is read back."""
    from extractor.model import Document

    if path.suffix.lower() == ".json":
        try:
            return Document.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: not an arsbok JSON document ({str(exc).splitlines()[0]})") from None
    import extractor

    return extractor.extract(path, **settings_from_args(args))


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename: never a half-written file."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_extract(args: argparse.Namespace) -> int:
    doc = load_document(args.file, args)
    data = doc.model_dump_json(indent=2 if args.pretty else None, exclude_none=False)
    if args.output:
        write_atomic(args.output, data.encode("utf-8"))
    else:
        sys.stdout.write(data + "\n")
    if not args.quiet:
        print(summary_line(doc, args.output), file=sys.stderr)
    return 0


def summary_line(doc: Any, output: Path | None) -> str:
    meta = doc.metadata
    checks = [c for t in doc.tables for c in t.checks]
    failed = sum(1 for c in checks if not c.ok)
    statuses: dict[str, int] = {}
    for g in doc.goals:
        statuses[g.status.value] = statuses.get(g.status.value, 0) + 1
    parts = [
        f"{doc.source.file_name}: {doc.source.page_count} pages",
        f"{meta.organisation or '?'} ({meta.org_number or 'no org.nr'}), "
        f"{meta.report_type.value} {meta.fiscal_year or '?'}",
        f"{_count_sections(doc.sections)} sections",
        f"{len(doc.tables)} tables ({len(checks) - failed}/{len(checks)} checks ok)",
        f"{len(doc.goals)} goals " + (str(statuses) if statuses else ""),
        f"{len(doc.warnings)} warnings",
    ]
    if output:
        parts.append(f"→ {output}")
    return "; ".join(parts)


def _count_sections(sections: list[Any]) -> int:
    return sum(1 + _count_sections(s.children) for s in sections)


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.model import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    import csv

    doc = load_document(args.file, args)
    tables = [t for t in doc.tables if args.kind is None or t.kind.value == args.kind]
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["table", "kind", "title", "page", "label", "key", "note", "column", "year", "value", "is_total"])
        for i, t in enumerate(tables):
            value_cols = [c for c in t.columns if c.type.value != "note"]
            for row in t.rows:
                for col, value in zip(value_cols, row.values, strict=False):
                    writer.writerow([i, t.kind.value, t.title, row.page, row.label, row.key, row.note, col.label, col.year, value, row.is_total])
        return 0
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    for t in tables:
        value_cols = [c for c in t.columns if c.type.value != "note"]
        rt = RichTable(title=f"{t.title or t.kind.value} ({t.kind.value}, {t.unit or '-'}, p. {t.page_start}-{t.page_end}, {t.extractor})")
        rt.add_column("Rad")
        rt.add_column("Not")
        for c in value_cols:
            rt.add_column(c.label, justify="right")
        for row in t.rows:
            label = ("  " * row.level) + row.label
            cells = ["" if v is None else (f"{v:,}".replace(",", " ") if isinstance(v, int | float) else str(v)) for v in row.values]
            style = "bold" if row.is_total or row.is_heading else None
            rt.add_row(label, row.note or "", *cells, style=style)
        console.print(rt)
        bad = [c for c in t.checks if not c.ok]
        console.print(f"checks: {len(t.checks) - len(bad)}/{len(t.checks)} ok" + "".join(f"\n  FAILED {c.rule}: expected {c.expected}, found {c.found}, rows {c.rows}" for c in bad))
    return 0


def cmd_goals(args: argparse.Namespace) -> int:
    import csv

    doc = load_document(args.file, args)
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["unit", "focus_area", "kind", "goal", "status", "confidence", "method", "evidence", "page"])
        for g in doc.goals:
            writer.writerow([g.unit, g.focus_area, g.kind.value, g.goal, g.status.value, g.confidence, g.method.value, g.evidence, g.page])
        return 0
    from rich.console import Console
    from rich.table import Table as RichTable

    rt = RichTable(title=f"{doc.source.file_name}: {len(doc.goals)} goals")
    for name in ("Enhet", "Mål", "Status", "Metod", "Evidens", "Sida"):
        rt.add_column(name)
    for g in doc.goals:
        rt.add_row(g.unit or "", g.goal[:80], g.status.value, g.method.value, (g.evidence or "")[:80], str(g.page))
    Console().print(rt)
    for st in doc.stated_totals:
        print(f"stated: {st.text!r} → reconciled={st.reconciled}")
    return 0


COMMANDS = {"extract": cmd_extract, "schema": cmd_schema, "tables": cmd_tables, "goals": cmd_goals}


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (callable from tests)."""
    try:
        args = build_parser().parse_args(argv)
        handler = COMMANDS.get(args.command) or args.handler
        return int(handler(args))
    except ArsbokError as exc:
        print(f"arsbok: error [{exc.code}]: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("arsbok: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
