"""FAQ search benchmark and evaluation: ``python -m bench.faq``.

Runs ``run_faq_eval`` on the tuning set and both held-out sets (and every FAQ, the demo
one too, and the 6 never-fitted unseen FAQs, against CLINC150 when ../shared/data is
present) and prints ours vs the plain-embedding baseline (the evaluator ranks in
memory). Then the production path: the held-out FAQ imported into PostgreSQL and
every question searched through
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

from knowledge.embedder import Embedder
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


def unseen_sets() -> dict[str, tuple[Path, Path]]:
    """The 14 further FAQs in knowledge/eval/unseen/ (written in session 3, never tuned on)."""
    return {
        f.name.removesuffix("_faq.yaml"): (f, f.with_name(f.name.replace("_faq", "_questions")))
        for f in sorted((EVAL / "unseen").glob("*_faq.yaml"))
    }


def _pooled(rows: dict[str, dict[str, float]]) -> dict[str, float]:
    """Rates over all questions of the given FAQs (not the mean of per-FAQ rates)."""
    answerable = sum(r["answerable"] for r in rows.values())
    questions = sum(r["questions"] for r in rows.values())
    return {
        "faqs": float(len(rows)),
        "questions": questions,
        "top1_pooled": round(sum(r["top1"] * r["answerable"] for r in rows.values()) / max(answerable, 1), 4),
        "right_or_declined_pooled": round(
            sum(r["right_or_declined"] * r["questions"] for r in rows.values()) / max(questions, 1), 4),
        "baseline_top1_mean": round(statistics.mean(r["baseline_top1"] for r in rows.values()), 4),
        "baseline_rod_mean": round(
            statistics.mean(r["baseline_right_or_declined"] for r in rows.values()), 4),
    }


def unseen_summary(embedder: Embedder, *, clinc: bool = False) -> dict[str, object]:
    """Every unseen FAQ evaluated, pooled separately for the 8 whose questions trained the
    answer verifier (session 4) and the 6 that nothing was ever fitted on; with ``clinc``
    also CLINC150 val against each of those 6 (about 2 minutes each)."""
    from knowledge.train_verifier import TRAIN_SETS

    rows: dict[str, dict[str, float]] = {}
    print("\n[unseen FAQs]  top-1 / plain   right-or-declined / plain   CLINC-free AUROC")
    for name, (faq, questions) in unseen_sets().items():
        r = run_faq_eval(faq, questions, embedder)
        rows[name] = {"top1": r.top1, "right_or_declined": r.right_or_declined,
                      "baseline_top1": r.baseline_top1,
                      "baseline_right_or_declined": r.baseline_right_or_declined,
                      "auroc": r.auroc, "questions": r.questions, "answerable": r.answerable}
        mark = " (trained the verifier)" if name in TRAIN_SETS else ""
        print(f"  {name:<12} {r.top1:6.1%} / {r.baseline_top1:6.1%}   "
              f"{r.right_or_declined:6.1%} / {r.baseline_right_or_declined:6.1%}   {r.auroc:.3f}{mark}")
    groups = {
        "never_fitted": {n: r for n, r in rows.items() if n not in TRAIN_SETS},
        "verifier_training": {n: r for n, r in rows.items() if n in TRAIN_SETS},
        "all": rows,
    }
    if clinc and CLINC_PATH.exists():
        print("\n[CLINC150 val vs the never-fitted unseen FAQs]  all val / held-out intents answered")
        for name in groups["never_fitted"]:
            c = run_clinc_eval(unseen_sets()[name][0], embedder)
            rows[name]["clinc_all_val_answered"] = c["all_val_answered"]
            rows[name]["clinc_held_out_intents_answered"] = c["held_out_intents_answered"]
            print(f"  {name:<12} {c['all_val_answered']:6.1%} / {c['held_out_intents_answered']:6.1%}")
    summary = {g: _pooled(rs) for g, rs in groups.items() if rs}
    for g, sm in summary.items():
        print(f"  pooled, {g} ({sm['faqs']:.0f} FAQs, {sm['questions']:.0f} questions): "
              f"top-1 {sm['top1_pooled']:.1%}, right-or-declined {sm['right_or_declined_pooled']:.1%} "
              f"(plain, mean of FAQs: {sm['baseline_top1_mean']:.1%} / {sm['baseline_rod_mean']:.1%})")
    return {"per_faq": rows, "summary": summary}


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
    parser.add_argument("--unseen-only", action="store_true",
                        help="only the knowledge/eval/unseen FAQs (no CLINC, no database)")
    parser.add_argument("--latency-only", action="store_true",
                        help="only the search latency through PostgreSQL (no accuracy runs)")
    args = parser.parse_args()
    limit_blas_threads()
    t0 = time.perf_counter()
    from knowledge.embedder import LocalEmbedder

    embedder = LocalEmbedder()
    results: dict[str, object] = {"model_load_s": round(time.perf_counter() - t0, 2)}
    print(f"model load {results['model_load_s']} s")
    if args.latency_only:
        results["db_search"] = asyncio.run(db_search_latency(embedder))
    elif args.unseen_only:
        results["unseen"] = unseen_summary(embedder)
    if args.latency_only or args.unseen_only:
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n")
        return
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
    results["unseen"] = unseen_summary(embedder, clinc=not args.no_clinc)
    results["db_search"] = asyncio.run(db_search_latency(embedder))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
