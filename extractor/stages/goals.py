"""Goal stage: every goal table and numbered goal list, each goal with a status.

Chain: `find_goal_tables` (header rows, column split by the header's x positions, rows joined
over page breaks) → rows to goals (band rows give the focus area or unit, analysis rows are
skipped and never evidence) → status, first that decides: a coloured symbol in the row
(`extractor.goals.symbols`, mapped by the report's legend), a status cell ("Delvis uppfyllt"),
the Swedish tagger on the follow-up (`extractor.nlp.tag_status`), the unit's summary sentence
(`find_summary_status`), else `ej_bedomd` with method none; the tagger's model guesses are
dropped in a report that states its assessments in words (`drop_model_guesses`) →
numbered goal lists in prose (`extractor.goals.lists`) → the report's stated totals, each
given a scope and reconciled with the goals found (`extractor.goals.totals`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import regex

from extractor.goals.context import (
    HeadingRef,
    ProseBlock,
    Region,
    enclosing_unit,
    headings_outside,
    prose_blocks,
    scope_end,
    unit_name,
)
from extractor.goals.lists import find_goal_lists
from extractor.goals.symbols import (
    PageRenderer,
    SymbolReading,
    classify,
    find_legend,
    label_status,
    printed_percent,
    read_progress,
    symbol_candidates,
)
from extractor.goals.tables import GoalTable, TableRow, find_goal_tables
from extractor.goals.totals import candidate_scopes, choose_scope, complete, reconcile
from extractor.model.base import round_bbox
from extractor.model.goal import Goal, GoalKind, StatedTotal, Status, StatusMethod, StatusResult
from extractor.state import DocumentState

#: Band rows that name an organisational unit rather than a focus area.
UNIT_BAND = regex.compile(
    r"^(?:verksamhetsområde|enhet|enheten|avdelning|förvaltning|sektor|område|verksamhet|"
    r"resultatenhet|kontor)\b",
    regex.IGNORECASE,
)
#: A word every stated count or summary needs ("uppfyllda", "uppnått", "nåtts").
STATUS_WORD = regex.compile(r"uppfyll|uppnå|\bnå(?:dd|tt|s)", regex.IGNORECASE)
#: Headings of a unit's summary section ("Sammanfattande bedömning enhet regional utveckling").
GENERIC_SUMMARY = regex.compile(r"\b(?:sammanfattande|sammanfattning|analys|bedömning)\b")
#: Share of goals with a stated status above which the model's guesses are not used.
EXPLICIT_SHARE = 0.5
#: Confidence of a goal nothing decided.
NONE_CONFIDENCE = 0.2


@dataclass
class Draft:
    """A goal before its status is final."""

    unit: str | None
    unit_heading: HeadingRef | None
    focus_area: str | None
    kind: GoalKind
    goal: str
    followup: str | None
    page: int
    bbox: tuple[float, float, float, float] | None
    result: StatusResult | None = None
    progress: float | None = None
    position: tuple[int, float] = (0, 0.0)


def goal_id(unit: str | None, text: str) -> str:
    """Stable id: sha1 of the normalised unit and goal text, 12 hex digits."""

    def norm(value: str | None) -> str:
        return " ".join(regex.findall(r"[\p{L}\d]+", (value or "").lower()))

    return hashlib.sha1(f"{norm(unit)}|{norm(text)}".encode()).hexdigest()[:12]


def header_kind(label: str, unit_title: str | None) -> GoalKind | None:
    """The kind a table's first header names; None where rows decide (mixed "Mål/uppdrag")."""
    low = label.lower()
    if not low:
        return GoalKind.UPPDRAG if unit_title and "uppdrag" in unit_title.lower() else GoalKind.MAL
    if regex.search(r"mätetal|indikator", low):
        return GoalKind.MATETAL
    if "aktivitet" in low:
        return GoalKind.AKTIVITET
    if regex.search(r"mål\s*(?:/|och)\s*uppdrag", low):
        return None
    if "uppdrag" in low and "mål" not in low:
        return GoalKind.UPPDRAG
    if "finansiell" in low:
        return GoalKind.FINANSIELLT_MAL
    return GoalKind.MAL


def row_kind(followup: str) -> GoalKind:
    """A row of a mixed table is an uppdrag when its follow-up speaks of "uppdraget" only."""
    if regex.search(r"\buppdraget\b", followup, regex.IGNORECASE) and not regex.search(
        r"\bmålet\b", followup, regex.IGNORECASE
    ):
        return GoalKind.UPPDRAG
    return GoalKind.MAL


def _row_bbox(row: TableRow) -> tuple[float, float, float, float]:
    part = row.parts[0]
    lines = [line for cell in row.cells for line in cell if line.page == part.page] + [
        line for line in row.spans if line.page == part.page
    ]
    if not lines:
        return round_bbox(part.x0, part.top, part.x1, part.bottom)
    return round_bbox(
        min(line.x0 for line in lines),
        min(line.top for line in lines),
        max(line.x1 for line in lines),
        max(line.bottom for line in lines),
    )


def _column_ranges(table: GoalTable, page: int, role: str, x1: float) -> list[tuple[float, float]]:
    columns = table.columns_by_page.get(page, table.header.columns)
    out = []
    for i, column in enumerate(columns):
        if column.role != role:
            continue
        right = columns[i + 1].x0 - 3 if i + 1 < len(columns) else x1
        out.append((column.x0 - 12, right))
    return out


class SymbolReader:
    """Reads row symbols lazily: pages are rendered only when a row has a candidate."""

    def __init__(self, state: DocumentState, regions: list[Region]) -> None:
        self.state = state
        self.regions = regions
        self.renderer: PageRenderer | None = None
        self.legend: list | None = None

    def _ready(self) -> PageRenderer:
        if self.renderer is None:
            self.renderer = PageRenderer(self.state.path, self.state.settings.password)
            self.legend = find_legend(self.state.pages, self.renderer, self.regions)
        return self.renderer

    def read(self, table: GoalTable, row: TableRow) -> SymbolReading | None:
        for part in row.parts:
            page = (
                self.state.pages[part.page - 1] if part.page - 1 < len(self.state.pages) else None
            )
            if page is None or page.number != part.page:
                page = next((p for p in self.state.pages if p.number == part.page), None)
            if page is None:
                continue
            ranges = _column_ranges(table, part.page, "status", part.x1) or [(part.x0, part.x1)]
            for x0, x1 in ranges:
                boxes = symbol_candidates(page, x0, part.top, x1, part.bottom)
                if not boxes:
                    continue
                renderer = self._ready()
                for box in boxes:
                    rgb = renderer.colour(box)
                    if rgb is None:
                        continue
                    reading = classify(rgb, self.legend or [])
                    if reading is not None:
                        return reading
        return None

    def close(self) -> None:
        if self.renderer is not None:
            self.renderer.close()


def _status_cell(table: GoalTable, row: TableRow) -> StatusResult | None:
    """A status column holding a short label ("Delvis uppfyllt", "Ej påbörjad", "Klar")."""
    for i, column in enumerate(table.header.columns):
        if column.role != "status" or i >= len(row.cells):
            continue
        text = " ".join(row.cell_text(i).split())
        if not text or len(text.split()) > 4:
            continue
        status = label_status(text)
        if status is not None:
            return StatusResult(
                status=status,
                confidence=0.9,
                method=StatusMethod.EXPLICIT,
                evidence=f"{column.label}: {text}",
            )
    return None


def _progress(state: DocumentState, table: GoalTable, row: TableRow) -> float | None:
    for part in row.parts:
        ranges = _column_ranges(table, part.page, "progress", part.x1)
        if not ranges:
            return None
        columns = table.columns_by_page.get(part.page, table.header.columns)
        for i, column in enumerate(columns):
            if column.role == "progress":
                value = printed_percent(row.cell_text(i))
                if value is not None:
                    return value
        page = next((p for p in state.pages if p.number == part.page), None)
        if page is None:
            continue
        for x0, x1 in ranges:
            value = read_progress(page, x0, part.top, x1, part.bottom)
            if value is not None:
                return value
    return None


def drafts_from_tables(
    state: DocumentState, tables: list[GoalTable], headings: list[HeadingRef], reader: SymbolReader
) -> list[Draft]:
    from extractor.nlp import tag_status

    drafts: list[Draft] = []
    for table in tables:
        unit, unit_heading = enclosing_unit(headings, table.header.page, table.header.top)
        base_kind = header_kind(
            table.header.left_label, unit_heading.title if unit_heading else None
        )
        focus: str | None = None
        band_unit: str | None = None
        for row in table.rows:
            if row.kind == "band":
                lines = sorted(
                    row.spans + [ln for cell in row.cells for ln in cell],
                    key=lambda x: (x.top, x.x0),
                )
                text = " ".join(" ".join(ln.text for ln in lines).split())
                if UNIT_BAND.match(text):
                    band_unit, focus = text, None
                else:
                    focus = text
                continue
            if row.kind != "goal":
                continue  # analysis rows are no goals and never evidence
            goal_text = " ".join(row.cell_text(0).split())
            if len(goal_text) < 3:
                continue
            texts = [
                row.cell_text(i)
                for i, column in enumerate(table.header.columns)
                if i > 0 and column.role in ("text", "status")
            ]
            followup = "\n\n".join(t for t in texts if t.strip()) or None
            kind = base_kind or row_kind(followup or "")
            draft = Draft(
                unit=unit_name(band_unit) if band_unit else unit,
                unit_heading=None if band_unit else unit_heading,
                focus_area=focus,
                kind=kind,
                goal=goal_text,
                followup=followup,
                page=row.page,
                bbox=_row_bbox(row),
                position=(row.page, row.parts[0].top),
            )
            draft.progress = _progress(state, table, row)
            reading = reader.read(table, row)
            if reading is not None:
                draft.result = StatusResult(
                    status=reading.status,
                    confidence=reading.confidence,
                    method=StatusMethod.SYMBOL,
                    evidence=reading.evidence,
                )
            elif (cell := _status_cell(table, row)) is not None:
                draft.result = cell
            elif followup:
                result = tag_status(followup, goal_text)
                if result.method is not StatusMethod.NONE:
                    draft.result = result
            drafts.append(draft)
    return drafts


def drafts_from_lists(
    state: DocumentState, blocks: list[ProseBlock], headings: list[HeadingRef]
) -> tuple[list[Draft], list[tuple[str, list[Draft], StatusResult, int]]]:
    """Goals of numbered lists, and per list the plural summary that settles all of them."""
    from extractor.nlp import find_summary_status, tag_status

    drafts: list[Draft] = []
    summaries: list[tuple[str, list[Draft], StatusResult, int]] = []
    groups: dict[tuple[str, str], list[Draft]] = {}
    for item in find_goal_lists(blocks):
        unit, unit_heading = enclosing_unit(headings, item.page, item.bbox[1])
        followup = next(iter(item.followups), None)
        result = None
        for text in item.followups:
            found = tag_status(text, item.text)
            if found.method is not StatusMethod.NONE:
                followup, result = text, found
                break
        draft = Draft(
            unit=unit,
            unit_heading=unit_heading,
            focus_area=None,
            kind=item.kind,
            goal=item.text,
            followup=followup,
            page=item.page,
            bbox=round_bbox(*item.bbox),
            position=(item.page, item.bbox[1]),
            result=result,
        )
        drafts.append(draft)
        groups.setdefault((item.intro, followup or ""), []).append(draft)
    for (intro, followup), members in groups.items():
        summary = find_summary_status(followup) if followup else None
        if summary is not None:
            summaries.append((intro, members, summary, members[0].page))
    return drafts, summaries


def apply_unit_summaries(
    drafts: list[Draft], blocks: list[ProseBlock], headings: list[HeadingRef]
) -> None:
    """A unit's summary sentence settles its goals that have no status of their own."""
    from extractor.nlp import find_summary_status

    by_heading: dict[int, list[Draft]] = {}
    for d in drafts:
        weak = d.result is None or d.result.method is StatusMethod.MODEL
        if d.unit_heading is not None and weak:
            by_heading.setdefault(d.unit_heading.index, []).append(d)
    for members in by_heading.values():
        head = members[0].unit_heading
        assert head is not None
        end = scope_end(headings, head)
        scoped = [b for b in blocks if (head.page, head.top) < (b.page, b.top) < end]
        name = " ".join(regex.findall(r"[\p{L}\d]+", (members[0].unit or "").lower()))
        for h in headings:
            title = " ".join(regex.findall(r"[\p{L}\d]+", h.title.lower()))
            if h is not head and name and name in title and GENERIC_SUMMARY.search(title):
                h_end = scope_end(headings, h)
                scoped += [b for b in blocks if (h.page, h.top) < (b.page, b.top) < h_end]
        summary = None
        for block in scoped:
            if not STATUS_WORD.search(block.text):
                continue
            found = find_summary_status(block.text)
            if found is not None:
                summary = found
        if summary is None:
            continue
        for d in members:
            d.result = summary


def _section_goals(
    headings: list[HeadingRef], drafts: list[Draft], goals: list[Goal]
) -> list[tuple[HeadingRef, list[Goal]]]:
    out = []
    for h in headings:
        end = scope_end(headings, h)
        members = [
            g for d, g in zip(drafts, goals, strict=True) if (h.page, h.top) < d.position < end
        ]
        out.append((h, members))
    return out


def find_stated_totals(
    state: DocumentState,
    blocks: list[ProseBlock],
    headings: list[HeadingRef],
    drafts: list[Draft],
    goals: list[Goal],
    list_summaries: list[tuple[str, list[Draft], StatusResult, int]],
) -> list[StatedTotal]:
    """The report's own counts, each given a scope and reconciled with the goals in it."""
    from extractor.nlp import parse_stated_totals

    sections = _section_goals(headings, drafts, goals)
    section_goals = [(h.title, members) for h, members in sections]
    out: list[StatedTotal] = []
    for block in blocks:
        if not STATUS_WORD.search(block.text):
            continue  # parsing is slow; a count always comes with a status word
        for total in parse_stated_totals(block.text):
            total.page = block.page
            position = (block.page, block.top)
            before = [h for h in headings if (h.page, h.top) < position]
            own: tuple[str, list[Goal]] | None = None
            for h, members in reversed(sections):
                if members and (h.page, h.top) < position < scope_end(headings, h):
                    own = (h.title, members)
                    break
            complete(total)
            scopes = candidate_scopes(
                total.text, [h.title for h in before[-1:]], goals, section_goals, own
            )
            scope = choose_scope(total, scopes)
            if scope is None:
                total.scope = unit_name(before[-1].title) if before else None
            else:
                total.scope = scope.name
                _check(state, total, scope.goals)
            out.append(total)
    goal_of = {id(d): g for d, g in zip(drafts, goals, strict=True)}
    for intro, listed, summary, page in list_summaries:
        # "… innebär att de finansiella målen är uppnådda" after a numbered list: the
        # statement covers exactly the listed goals.
        sentence = summary.evidence or ""
        if not sentence or any(sentence in t.text or t.text in sentence for t in out):
            continue
        n = len(listed)
        total = StatedTotal(
            scope="Finansiella mål" if listed[0].kind is GoalKind.FINANSIELLT_MAL else intro,
            text=sentence,
            uppfyllt=n if summary.status is Status.UPPFYLLT else 0,
            delvis=n if summary.status is Status.DELVIS else 0,
            ej_uppfyllt=n if summary.status is Status.EJ_UPPFYLLT else 0,
            total=n,
            page=page,
        )
        _check(state, total, [goal_of[id(d)] for d in listed])
        out.append(total)
    out.sort(key=lambda t: t.page or 0)
    return out


def _check(state: DocumentState, total: StatedTotal, goals: list[Goal]) -> None:
    from extractor.goals.totals import Scope

    agrees, description = reconcile(total, Scope(total.scope or "", goals, "given"))
    total.reconciled = agrees
    if not agrees:
        state.warn(
            "goal_totals_mismatch",
            f"{total.scope}: the report's count does not match the goals found ({description})",
            total.page,
        )


def drop_model_guesses(drafts: list[Draft]) -> None:
    """Drop the classifier's guesses in a report that states its assessments in words.

    When most goals with a follow-up get their status from a statement, a symbol or numbers,
    the report assesses explicitly, and a follow-up without such a statement is a goal it did
    not assess (Boråsregionen's Grunduppdrag rows describe work, they judge nothing). The
    model's guess then stays out; a unit summary or `ej_bedomd` takes its place. In a report
    that never states an assessment the model is the only reader there is, and it is kept.
    """
    decided = [d for d in drafts if d.followup]
    if not decided:
        return
    stated = sum(
        1
        for d in decided
        if d.result is not None
        and d.result.method in (StatusMethod.EXPLICIT, StatusMethod.NUMERIC, StatusMethod.SYMBOL)
    )
    if stated < EXPLICIT_SHARE * len(decided):
        return
    for d in drafts:
        if d.result is not None and d.result.method is StatusMethod.MODEL:
            d.result = None


def to_goal(d: Draft) -> Goal:
    result = d.result or StatusResult(
        status=Status.EJ_BEDOMD, confidence=NONE_CONFIDENCE, method=StatusMethod.NONE
    )
    return Goal(
        id=goal_id(d.unit, d.goal),
        unit=d.unit,
        focus_area=d.focus_area,
        kind=d.kind,
        goal=d.goal,
        followup=d.followup,
        status=result.status,
        confidence=result.confidence,
        method=result.method,
        evidence=result.evidence,
        contradiction=result.contradiction,
        contradiction_evidence=list(result.contradiction_evidence),
        progress=d.progress,
        page=d.page,
        bbox=d.bbox,
    )


def find_goals(state: DocumentState) -> DocumentState:
    """Fill `document.goals` and `document.stated_totals`; a failure here is a warning."""
    try:
        return _find_goals(state)
    except Exception as exc:  # noqa: BLE001 - sections and tables are still worth delivering
        state.document.goals = []
        state.document.stated_totals = []
        state.warn("goals_failed", f"the goal stage failed: {type(exc).__name__}: {exc}")
        return state


def _find_goals(state: DocumentState) -> DocumentState:
    pages = [p for p in state.pages if p.error is None]
    if not pages:
        return state
    tables = find_goal_tables(pages)
    regions: list[Region] = [r for t in tables for r in t.regions]
    table_tops = [(t.header.page, t.header.top, t.header.size) for t in tables]
    headings = headings_outside(state, regions, table_tops)
    blocks = prose_blocks(state, regions)
    reader = SymbolReader(state, regions)
    try:
        drafts = drafts_from_tables(state, tables, headings, reader)
    finally:
        reader.close()
    if reader.renderer is not None and reader.renderer.failed:
        state.warn("symbols_unread", "a page with status symbols did not render; fills were used")
    list_drafts, list_summaries = drafts_from_lists(state, blocks, headings)
    drafts += list_drafts
    drop_model_guesses(drafts)
    for _, members, summary, _ in list_summaries:
        for d in members:
            if d.result is None or d.result.method is StatusMethod.MODEL:
                d.result = summary
    apply_unit_summaries(drafts, blocks, headings)
    drafts.sort(key=lambda d: d.position)
    goals = [to_goal(d) for d in drafts]
    state.document.goals = goals
    state.document.stated_totals = find_stated_totals(
        state, blocks, headings, drafts, goals, list_summaries
    )
    return state
