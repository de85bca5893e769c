"""FAQ search benchmark and evaluation: ``python -m bench.faq``.

Runs ``run_faq_eval`` on the tuning set and both held-out sets (and every FAQ, the demo
one too, against CLINC150 when ../shared/data is present) and prints ours vs the
plain-embedding baseline (the evaluator ranks in memory). Then the production path:
the held-out FAQ imported into PostgreSQL and every question searched through
``FaqService.search`` (embedding, pgvector shortlist, rerank, decision), timed.
``--json PATH`` also writes the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from pathlib import Path

from knowledge.evaluate import CLINC_PATH, load_questions, run_clinc_eval, run_faq_eval
from knowledge.io import load_faq_file
from knowledge.service import FaqService
from knowledge.threads import limit_blas_threads

EVAL = Path(__file__).resolve().parents[1] / "knowledge" / "eval"
SETS = {
    "tuning": (EVAL / "tuning_faq.yaml", EVAL / "tuning_questions.yaml"),
    "held-out": (EVAL / "heldout_faq.yaml", EVAL / "heldout_questions.yaml"),
    "held-out-2": (EVAL / "heldout2_faq.yaml", EVAL / "heldout2_questions.yaml"),
}


async def db_search_latency(embedder: object, rounds: int = 3) -> dict[str, float]:
    """Search latency through PostgreSQL + pgvector, embedding included (cache cleared)."""
    from core.config import Settings
    from core.db.embedded import recreate_database
    from webhooks.app import build_container

    url = recreate_database(Path(".data"), os.environ.get("HIBACHI_BENCH_DB", "hibachi_bench_faq"))
    c = await build_container(Settings(_env_file=None), url=url)  # type: ignore[call-arg]
    faq, questions = SETS["held-out"]
    async with c.uow() as uow:
        station = "sj"
        await FaqService(uow.session, c.embedder).import_records(station, load_faq_file(faq), replace=True)
        await uow.commit()
    texts = [q.text for q in load_questions(questions)]
    times: list[float] = []
    for _ in range(rounds):
        cache = getattr(c.embedder, "_cache", None)  # CachedEmbedder: every round is cold
        if cache is not None:
            cache.clear()
        for text in texts:
            async with c.uow() as uow:
                t0 = time.perf_counter()
                await FaqService(uow.session, c.embedder).search(text, station)
                times.append((time.perf_counter() - t0) * 1000)
    await c.engine.dispose()
    times.sort()
    out = {
        "searches": float(len(times)),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }
    print(f"\n[pgvector search, held-out FAQ in PostgreSQL] {len(times)} searches: "
          f"median {out['median_ms']} ms, p95 {out['p95_ms']} ms (embedding included, cache cold)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--no-clinc", action="store_true")
    args = parser.parse_args()
    limit_blas_threads()
    t0 = time.perf_counter()
    from knowledge.embedder import LocalEmbedder

    embedder = LocalEmbedder()
    results: dict[str, object] = {"model_load_s": round(time.perf_counter() - t0, 2)}
    print(f"model load {results['model_load_s']} s")
    for name, (faq, questions) in SETS.items():
        report = run_faq_eval(faq, questions, embedder)
        print(f"\n[{name}]\n{report.render()}")
        if args.misses:
            for m in report.misses:
                print("  miss:", m)
        results[name] = {k: v for k, v in report.as_dict().items() if k != "misses"}
    if not args.no_clinc and CLINC_PATH.exists():
        for name, (faq, _) in {
            **SETS,
            "demo": (EVAL.parent / "data" / "demo_faq.yaml", None),
        }.items():
            clinc = run_clinc_eval(faq, embedder)
            print(
                f"\n[CLINC150 val vs {name} FAQ] "
                + ", ".join(
                    f"{k} {v:.1%}" if k != "queries" else f"{k} {v:.0f}" for k, v in clinc.items()
                )
            )
            results[f"clinc_vs_{name}"] = clinc
    results["db_search"] = asyncio.run(db_search_latency(embedder))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
