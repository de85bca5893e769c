"""FAQ search benchmark and evaluation: ``python -m bench.faq``.

Runs ``run_faq_eval`` on the tuning set and both held-out sets (and every FAQ, the demo
one too, against CLINC150 when ../shared/data is present) and prints ours vs the
plain-embedding baseline.
``--json PATH`` also writes the numbers.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from knowledge.evaluate import CLINC_PATH, run_clinc_eval, run_faq_eval
from knowledge.threads import limit_blas_threads

EVAL = Path(__file__).resolve().parents[1] / "knowledge" / "eval"
SETS = {
    "tuning": (EVAL / "tuning_faq.yaml", EVAL / "tuning_questions.yaml"),
    "held-out": (EVAL / "heldout_faq.yaml", EVAL / "heldout_questions.yaml"),
    "held-out-2": (EVAL / "heldout2_faq.yaml", EVAL / "heldout2_questions.yaml"),
}


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
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
