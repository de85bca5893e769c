"""Import and export FAQ files (CSV, JSON, YAML).

Columns: ``question``, ``answer``, ``tags`` (list or ``;``-separated), optional
``alternates`` (list or ``;``-separated), ``station`` (station code) and ``id`` (a slug
for evaluation files). Parsing is all-or-nothing: any bad row raises
:class:`FaqImportError` naming its line, and nothing is returned.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from core.errors import DomainError

COLUMNS = ("id", "question", "answer", "tags", "alternates", "station")
MAX_QUESTION = 500
MAX_ANSWER = 4000
FORMATS = ("csv", "json", "yaml")


@dataclass(frozen=True)
class FaqRecord:
    """One FAQ entry as found in a file (``line`` is where its row starts, 1-based)."""

    question: str
    answer: str
    tags: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)
    station: str | None = None
    id: str | None = None
    line: int = 0


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class FaqImportError(DomainError, ValueError):
    """A file could not be imported; ``errors`` lists every bad row with its line."""

    code = "faq_import_error"
    status = 422

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        more = f" (+{len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"FAQ import failed, nothing imported: {shown}{more}")

    @property
    def line(self) -> int:
        """Line of the first bad row."""
        return self.errors[0].line


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {"yml": "yaml"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise FaqImportError([RowError(0, f"unknown file type {suffix!r}; use csv, json or yaml")])
    return fmt


def load_faq_file(path: str | Path, fmt: str | None = None) -> list[FaqRecord]:
    """Read and validate an FAQ file; raises FaqImportError on any bad row."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return parse_faq(text, fmt or detect_format(path))


def parse_faq(text: str, fmt: str) -> list[FaqRecord]:
    """Parse FAQ text in ``fmt`` (csv|json|yaml) into validated records."""
    if fmt == "csv":
        rows = _csv_rows(text)
    elif fmt == "json":
        rows = _json_rows(text)
    elif fmt == "yaml":
        rows = _yaml_rows(text)
    else:
        raise FaqImportError([RowError(0, f"unknown format {fmt!r}")])
    return _validate(rows)


# -- readers: each yields (line, raw mapping) -------------------------------------------


def _csv_rows(text: str) -> list[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "question" not in header or "answer" not in header:
        msg = f"header must have question and answer (allowed: {', '.join(COLUMNS)})"
        if unknown:
            msg += f"; unknown columns: {', '.join(unknown)}"
        raise FaqImportError([RowError(1, msg)])
    reader.fieldnames = header
    rows: list[tuple[int, Any]] = []
    line = reader.line_num + 1
    try:
        for raw in reader:
            if None in raw:  # more cells than header columns
                rows.append((line, "too many cells for the header"))
            elif any((v or "").strip() for v in raw.values()):
                rows.append((line, raw))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FaqImportError([RowError(reader.line_num, f"bad CSV: {exc}")]) from exc
    return rows


def _entries_of(data: Any, line: int) -> list[Any]:
    if isinstance(data, dict) and "entries" in data:
        data = data["entries"]
    if not isinstance(data, list):
        raise FaqImportError([RowError(line, "expected a list of entries or {entries: [...]}")])
    return data


def _yaml_rows(text: str) -> list[tuple[int, Any]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise FaqImportError([RowError(line, f"bad YAML: {exc}")]) from exc
    if node is None:
        return []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "entries":
                node = value
                break
    if not isinstance(node, yaml.SequenceNode):
        raise FaqImportError([RowError(node.start_mark.line + 1, "expected a list of entries")])
    loader = yaml.SafeLoader("")
    try:
        return [
            (item.start_mark.line + 1, loader.construct_object(item, deep=True))
            for item in node.value
        ]
    finally:
        loader.dispose()


def _json_rows(text: str) -> list[tuple[int, Any]]:
    """JSON with the line of each entry: decode element by element with raw_decode."""
    decoder = json.JSONDecoder()

    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def array_items(pos: int) -> list[tuple[int, Any]]:
        items: list[tuple[int, Any]] = []
        pos = skip(pos + 1)
        while pos < len(text) and text[pos] != "]":
            value, end = decoder.raw_decode(text, pos)
            items.append((line_at(pos), value))
            pos = skip(end)
            if pos < len(text) and text[pos] == ",":
                pos = skip(pos + 1)
        return items

    try:
        json.loads(text)  # whole-document validity first, with json's own message
        pos = skip(0)
        if text.startswith("[", pos):
            return array_items(pos)
        if text.startswith("{", pos):
            pos = skip(pos + 1)
            while pos < len(text) and text[pos] != "}":
                key, pos = decoder.raw_decode(text, pos)
                pos = skip(skip(pos) + 1)  # past ':'
                if key == "entries" and text.startswith("[", pos):
                    return array_items(pos)
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text.startswith(",", pos):
                    pos = skip(pos + 1)
    except json.JSONDecodeError as exc:
        raise FaqImportError([RowError(exc.lineno, f"bad JSON: {exc.msg}")]) from exc
    raise FaqImportError([RowError(1, 'expected a list of entries or {"entries": [...]}')])


# -- validation ---------------------------------------------------------------------------


def _as_list(value: Any, name: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ValueError(f"{name} must be a list of strings or a ;-separated string")


def _text(raw: dict[str, Any], name: str, limit: int) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is missing or empty")
    value = " ".join(value.split())
    if len(value) > limit:
        raise ValueError(f"{name} is longer than {limit} characters")
    return value


class FaqInvalid(DomainError):
    """An entry sent through the API is not valid."""

    code = "faq_invalid"
    status = 422


def validate_entry(raw: dict[str, Any]) -> FaqRecord:
    """Validate one entry given as a mapping (API bodies); raises FaqInvalid."""
    try:
        return _record(0, raw)
    except ValueError as exc:
        raise FaqInvalid(str(exc)) from exc


def _record(line: int, raw: Any) -> FaqRecord:
    if isinstance(raw, str):
        raise ValueError(raw)
    if not isinstance(raw, dict):
        raise ValueError("entry must be a mapping with question and answer")
    raw = {str(k).strip().lower(): v for k, v in raw.items()}
    unknown = sorted(set(raw) - set(COLUMNS))
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)}")
    alternates = _as_list(raw.get("alternates"), "alternates")
    if any(len(a) > MAX_QUESTION for a in alternates):
        raise ValueError(f"an alternate is longer than {MAX_QUESTION} characters")
    station = raw.get("station")
    entry_id = raw.get("id")
    return FaqRecord(
        question=_text(raw, "question", MAX_QUESTION),
        answer=_text(raw, "answer", MAX_ANSWER),
        tags=_as_list(raw.get("tags"), "tags"),
        alternates=alternates,
        station=str(station).strip() or None if station not in (None, "") else None,
        id=str(entry_id).strip() or None if entry_id not in (None, "") else None,
        line=line,
    )


def _validate(rows: Iterable[tuple[int, Any]]) -> list[FaqRecord]:
    records: list[FaqRecord] = []
    errors: list[RowError] = []
    seen_questions: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for line, raw in rows:
        try:
            rec = _record(line, raw)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        key = rec.question.casefold()
        if key in seen_questions:
            errors.append(
                RowError(line, f"duplicate question (first at line {seen_questions[key]})")
            )
            continue
        seen_questions[key] = line
        if rec.id is not None:
            if rec.id in seen_ids:
                errors.append(RowError(line, f"duplicate id {rec.id!r}"))
                continue
            seen_ids[rec.id] = line
        records.append(rec)
    if errors:
        raise FaqImportError(errors)
    return records


# -- export ---------------------------------------------------------------------------------


def _export_dict(rec: FaqRecord) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rec.id:
        out["id"] = rec.id
    out.update(question=rec.question, answer=rec.answer, tags=list(rec.tags))
    if rec.alternates:
        out["alternates"] = list(rec.alternates)
    if rec.station:
        out["station"] = rec.station
    return out


def dump_faq(records: Sequence[FaqRecord], fmt: str) -> str:
    """Serialise records as csv|json|yaml text that :func:`parse_faq` reads back."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in records:
            writer.writerow(
                [
                    r.id or "",
                    r.question,
                    r.answer,
                    ";".join(r.tags),
                    ";".join(r.alternates),
                    r.station or "",
                ]
            )
        return buf.getvalue()
    entries = [_export_dict(r) for r in records]
    if fmt == "json":
        return json.dumps({"entries": entries}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump({"entries": entries}, sort_keys=False, allow_unicode=True, width=100)
    raise ValueError(f"unknown format {fmt!r}")
