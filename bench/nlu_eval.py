"""Evaluate bot.nlu on public data: Restaurant-8k slots and CLINC150 intent false positives.

Run from the repo root: ``python -m bench.nlu_eval``. Data is read from
``../shared/data`` (never copied into the repo); missing files are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.nlu import Entities, classify_intent, extract_entities
from bot.nlu.numbers import normalize

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
SLOT_MAP = {"people": "guests", "date": "date", "time": "time", "first_name": "name",
            "last_name": "name"}
ACTION_INTENTS = ("quote", "book", "availability", "human", "complaint", "cancel_booking",
                  "reschedule_booking", "booking_status")


class PR:
    """Counts for precision/recall of one slot."""

    def __init__(self) -> None:
        self.gold = self.pred = self.detect_tp = self.value_tp = 0

    def add(self, gold: bool, pred: bool, correct: bool) -> None:
        self.gold += gold
        self.pred += pred
        self.detect_tp += gold and pred
        self.value_tp += gold and pred and correct

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}" if b else "  n/a"

        return (f"| {name:<6} | {self.gold:4d} | {self.pred:4d} | "
                f"{pct(self.detect_tp, self.pred)} | {pct(self.detect_tp, self.gold)} | "
                f"{pct(self.value_tp, self.pred)} | {pct(self.value_tp, self.gold)} |")


def _span(text: str, label: dict[str, Any]) -> str:
    span = label["valueSpan"]
    return text[span.get("startIndex", 0): span["endIndex"]]


def _people_values(span: str) -> set[int]:
    """Readings of a labelled party-size span.

    The dataset labels "me and my 3 friends" and "2 couples" by the number written (3, 2);
    the party is 4 people. Both readings count as correct.
    """
    norm = normalize(span)
    nums = [int(n) for n in re.findall(r"\d+", norm)]
    if not nums:  # "me and my wife": one per person word / determiner
        people = len(re.findall(r"\b(?:me|myself|i|my|a|an|his|her|their)\b", norm))
        return {people} if people >= 2 else set()
    total = sum(nums)
    values = {total}
    if re.search(r"\b(?:me|myself|i|us)\b", norm):
        values.add(total + 1)
    if "couple" in norm:
        values.add(2 * total)
    return values


def _time_reference(span: str) -> tuple[int, int] | None:
    """A plain reading of a labelled time span as (hour mod 12, minute), or None."""
    norm = normalize(span)
    if "noon" in norm or "midday" in norm:
        return (0, 0)
    m = re.search(r"\b(\d{1,2})(?:[:.]?([0-5]\d))?(?!\d)", norm)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if "half" in norm and not m.group(2):
        minute = 30
    return (hour % 12, minute) if hour <= 24 else None


def _predicted_people(e: Entities) -> int | None:
    if e.guests is not None:
        return e.guests
    if e.adults is not None or e.kids is not None:
        return (e.adults or 0) + (e.kids or 0)
    return None


def _dateparser() -> Any:
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": NOW.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}
    return DateDataParser(languages=["en"], settings=settings)


def restaurant8k(path: Path) -> None:
    """Per-slot detection and value precision/recall on Restaurant-8k."""
    rows = json.loads(path.read_text())
    parser = _dateparser()
    stats = {k: PR() for k in ("people", "date", "time", "name")}
    date_checked = date_agree = time_checked = time_agree = 0
    latencies: list[float] = []
    for row in rows:
        text = row["userInput"]["text"]
        requested = row.get("context", {}).get("requestedSlots", [])
        expecting = next((SLOT_MAP[s] for s in requested if s in SLOT_MAP), None)
        t0 = time.perf_counter()
        ent = extract_entities(text, now=NOW, expecting=expecting)
        classify_intent(text, expecting=expecting)
        latencies.append((time.perf_counter() - t0) * 1000)
        gold: dict[str, list[str]] = {}
        for label in row.get("labels", []):
            gold.setdefault(label["slot"], []).append(_span(text, label))

        people = gold.get("people")
        pred_people = _predicted_people(ent)
        gold_people = _people_values(people[0]) if people else set()
        stats["people"].add(bool(people), pred_people is not None, pred_people in gold_people)

        dates = gold.get("date")
        correct = False
        if dates and ent.date is not None:
            ref = parser.get_date_data(dates[0]).date_obj
            if ref is not None:
                date_checked += 1
                correct = date_agree_now = ref.date() == ent.date
                date_agree += date_agree_now
            else:
                correct = True  # dateparser cannot read the span: count detection only
        stats["date"].add(bool(dates), ent.date is not None, correct)

        times = gold.get("time")
        correct = False
        if times and ent.time is not None:
            ref_time = _time_reference(times[0])
            if ref_time is not None:
                time_checked += 1
                correct = ref_time == (ent.time.hour % 12, ent.time.minute)
                time_agree += correct
            else:
                correct = True
        stats["time"].add(bool(times), ent.time is not None, correct)

        name_spans = [(label["valueSpan"].get("startIndex", 0), _span(text, label))
                      for label in row.get("labels", [])
                      if label["slot"] in ("first_name", "last_name")]
        gold_name = " ".join(s for _, s in sorted(name_spans)).lower() or None
        stats["name"].add(gold_name is not None, ent.name is not None,
                          gold_name is not None and (ent.name or "").lower() == gold_name)

    print(f"Restaurant-8k train_2: {len(rows)} turns, now={NOW.isoformat()}")
    print("| slot   | gold | pred | det P | det R | val P | val R |")
    print("|--------|------|------|-------|-------|-------|-------|")
    for name, pr in stats.items():
        print(pr.row(name))
    print(f"date values checked against dateparser: {date_checked}, agree {date_agree}")
    print(f"time values checked against a plain reading of the span (hour mod 12, minute): "
          f"{time_checked}, agree {time_agree}")
    lat = sorted(latencies)
    print(f"latency extract+classify: median {statistics.median(lat):.3f} ms, "
          f"p95 {lat[int(0.95 * len(lat))]:.3f} ms, max {lat[-1]:.1f} ms (first call warms up)")


def clinc(path: Path) -> None:
    """Share of out-of-domain CLINC150 queries given an action intent."""
    data = json.loads(path.read_text())
    domain_of = {intent: dom for dom, intents in data["domains"].items() for intent in intents}
    items = [(t, i) for t, i in data["val"] + data["oos_val"]]
    counts: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    ood_total = ood_action = ood_faq = 0
    for text, gold in items:
        pred = classify_intent(text).intent
        counts[pred] += 1
        in_scope_domain = domain_of.get(gold) in ("small_talk", "meta")
        if not in_scope_domain:
            ood_total += 1
            ood_faq += pred == "faq"
            if pred in ACTION_INTENTS:
                ood_action += 1
                per_source[gold] += 1
    print(f"\nCLINC150 val+oos_val: {len(items)} queries")
    print("predicted intents: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"action-intent false positives ({'/'.join(ACTION_INTENTS)}) outside small_talk/meta: "
          f"{ood_action}/{ood_total} = {100 * ood_action / max(ood_total, 1):.1f}%")
    print(f"classified faq outside small_talk/meta: {ood_faq}/{ood_total} = "
          f"{100 * ood_faq / max(ood_total, 1):.1f}% (the FAQ retriever's threshold decides next)")
    print("largest sources: " + ", ".join(f"{k} {v}" for k, v in per_source.most_common(8)))


def main() -> int:
    """Run every evaluation whose data is present."""
    ran = False
    for name, fn in (("restaurant8k_train_2.json", restaurant8k), ("clinc150_dev.json", clinc)):
        path = DATA / name
        if not path.exists():
            print(f"skip: {path} not found")
            continue
        fn(path)
        ran = True
    if not ran:
        print("nothing to evaluate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
