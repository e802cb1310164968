"""`make bench`: run every notebook in learner mode, one by one, and record time, peak memory and headline metrics.

Writes benchmarks/results.json and benchmarks/results.md. `--fast` measures fast mode (what `make test` runs)
instead; `--only 05 07` runs a subset and updates only their rows of the report. Notebooks are executed in
memory and left unchanged unless `--store`
is given (then one learner-mode run both benchmarks the course and refreshes the committed outputs).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute_notebooks import clean_metadata  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks"
BUDGET_NOTEBOOK_S = 300
BUDGET_SUITE_S = {"learner": 20 * 60, "fast": 10 * 60}
PROBE = ("import json, resource, bertviz_lite as _bl\n"
         "print('BENCH' + json.dumps({'headlines': _bl.headlines(), "
         "'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
# Published reference points, printed beside our numbers (model, task, split, metric).
LITERATURE = [
    ("07", "Fine-tuned BERT-base, SST-2 dev", "93.5 % accuracy (Devlin et al. 2019)"),
    ("07", "Fine-tuned MiniLM-L6 (H384), SST-2 dev", "91.5 % accuracy (Wang et al. 2020, MiniLM)"),
    ("07", "Fine-tuned BERT-base, MRPC", "88.9 F1 (Devlin et al. 2019, GLUE test)"),
    ("08", "Fine-tuned BERT-base, CoNLL-2003 NER test", "92.4 F1 (Devlin et al. 2019)"),
    ("09", "Fine-tuned BERT-base, SQuAD v1.1 dev", "80.8 EM / 88.5 F1 (Devlin et al. 2019)"),
    ("10", "Fine-tuned BERT-base / BERT-large, SWAG dev", "81.6 % / 86.6 % accuracy (Devlin et al. 2019, Table 4)"),
]
# The course's targets on its own data (learner mode, default checkpoint): (label, headline, test, rule).
TARGETS = [
    ("SST-2 fine-tuned dev ≥ 85 %", "sst2_dev_acc_finetuned", lambda h: h["sst2_dev_acc_finetuned"] >= 0.85),
    ("SST-2 fine-tuned test above TF-IDF and the best frozen recipe", "sst2_test_acc_finetuned",
     lambda h: h["sst2_test_acc_finetuned"] > max(h["sst2_test_acc_tfidf"], h["sst2_test_acc_best_frozen"])),
    ("MRPC fine-tuned dev above majority", "mrpc_dev_acc_finetuned",
     lambda h: h["mrpc_dev_acc_finetuned_ci_low"] > h["mrpc_dev_acc_majority"]),
    ("NER dev entity F1 ≥ 0.75", "ner_dev_entity_f1", lambda h: h["ner_dev_entity_f1"] >= 0.75),
    ("SQuAD dev F1 ≥ 45", "qa_dev_f1", lambda h: h["qa_dev_f1"] >= 45),
    ("SQuAD dev EM ≥ 30", "qa_dev_exact_match", lambda h: h["qa_dev_exact_match"] >= 30),
    ("SWAG val above its non-neural baseline", "swag_val_acc",
     lambda h: h["swag_val_acc_ci_low"] > h["swag_val_acc_baseline"]),
    ("Tiny BERT held-out MLM accuracy above the unigram baseline", "mlm_heldout_accuracy",
     lambda h: h["mlm_heldout_accuracy"] > h["mlm_heldout_accuracy_unigram"]),
]


def target_rows(rows: list[dict]) -> list[str]:
    """One markdown row per target: the value with its 95 % interval (when recorded) and met / not met."""
    merged = {k: v for row in rows for k, v in row["headlines"].items()}
    lines = ["| target | value [95 % interval] | met |", "|---|---|:-:|"]
    for label, name, rule in TARGETS:
        if name not in merged:
            lines.append(f"| {label} | not measured in this run | — |")
            continue
        value = f"{merged[name]:.4g}"
        if f"{name}_ci_low" in merged:
            value += f" [{merged[name + '_ci_low']:.4g}, {merged[name + '_ci_high']:.4g}]"
        try:
            met = "yes" if rule(merged) else "**no**"
        except KeyError as missing:
            met = f"— ({missing.args[0]} not recorded)"
        lines.append(f"| {label} | {value} | {met} |")
    return lines


def probe_result(cell: nbformat.NotebookNode) -> dict:
    """Headlines and peak memory printed by the PROBE cell (empty when the probe did not run)."""
    text = "".join(out.get("text", "") for out in cell.outputs if out.get("output_type") == "stream")
    return json.loads(text.split("BENCH", 1)[1]) if "BENCH" in text else {"headlines": {}, "peak_rss_mb": None}


def row_for(name: str, seconds: float, probe: dict) -> dict:
    """One report row: wall time, peak memory, budget verdict and headline metrics of a notebook run."""
    return {"notebook": name, "seconds": round(seconds, 1), "peak_rss_mb": round(probe["peak_rss_mb"] or 0),
            "within_budget": seconds <= BUDGET_NOTEBOOK_S, "headlines": probe["headlines"],
            "run_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def run(path: Path, store: bool = False) -> dict:
    """Execute one notebook in a fresh kernel and return its time, peak memory and headline metrics."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(nb, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    probe = probe_result(nb.cells.pop())
    if store:  # keep the executed outputs, as `make execute` would
        clean_metadata(nb)
        nbformat.write(nb, path)
    return row_for(path.name, seconds, probe)


def save(mode: str, rows: list[dict], partial: bool) -> dict:
    """Write benchmarks/results{,-fast}.{json,md}; a partial run replaces its notebooks' rows and keeps the rest."""
    suffix = "" if mode == "learner" else "-fast"
    previous = OUT / f"results{suffix}.json"
    if partial and previous.exists():
        fresh = {r["notebook"] for r in rows}
        kept = [r for r in json.loads(previous.read_text(encoding="utf-8"))["notebooks"] if r["notebook"] not in fresh]
        rows = sorted(kept + rows, key=lambda r: r["notebook"])
    results = {"mode": mode, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "machine": platform.machine(),
               "cpus": os.cpu_count(), "total_seconds": round(sum(r["seconds"] for r in rows), 1), "notebooks": rows}
    OUT.mkdir(exist_ok=True)
    (OUT / f"results{suffix}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (OUT / f"results{suffix}.md").write_text(markdown(results), encoding="utf-8")
    return results


def markdown(results: dict) -> str:
    """A readable report: one row per notebook, then the literature anchors."""
    mode = results["mode"]
    lines = [f"# BERT Lab benchmark ({mode} mode)", "",
             f"Run on {results['machine']} ({results['cpus']} CPUs), {results['date']}, checkpoint: default.", "",
             "| notebook | run at | wall time (s) | peak RSS (MB) | within 5 min | headline metrics |",
             "|---|---|---:|---:|:-:|---|"]
    for row in results["notebooks"]:
        metrics = ", ".join(f"{k} = {v:.4g}" for k, v in row["headlines"].items()) or "—"
        lines.append(f"| {row['notebook']} | {row.get('run_at', 'an earlier run')} | {row['seconds']:.1f} | {row['peak_rss_mb']} | "
                     f"{'yes' if row['within_budget'] else '**no**'} | {metrics} |")
    total = results["total_seconds"]
    lines += ["", f"**Whole suite: {total / 60:.1f} min** (budget {BUDGET_SUITE_S[mode] // 60} min): "
              f"{'within budget' if total <= BUDGET_SUITE_S[mode] else '**over budget**'}.", "",
              "## Targets", "", *target_rows(results["notebooks"]), "",
              "## Literature anchors", "", "| notebook | setting | published |", "|---|---|---|"]
    lines += [f"| {nb} | {setting} | {value} |" for nb, setting, value in LITERATURE]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true", help="measure fast mode (BERT_LAB_FAST=1)")
    parser.add_argument("--only", nargs="*", default=None, help="notebook numbers, e.g. 05 07")
    parser.add_argument("--store", action="store_true", help="also store the executed outputs in the notebooks")
    args = parser.parse_args()
    mode = "fast" if args.fast else "learner"
    os.environ["BERT_LAB_FAST"] = "1" if args.fast else "0"
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        paths = [p for p in paths if p.name[:2] in args.only]
    rows = []
    for path in paths:
        print(f"{path.name} ...", end=" ", flush=True)
        rows.append(run(path, store=args.store))
        print(f"{rows[-1]['seconds']:.1f} s, {rows[-1]['peak_rss_mb']} MB, {rows[-1]['headlines']}", flush=True)
    results = save(mode, rows, partial=bool(args.only))
    suffix = "" if mode == "learner" else "-fast"
    print(f"total {results['total_seconds'] / 60:.1f} min → benchmarks/results{suffix}.md")
    over = [r["notebook"] for r in rows if not r["within_budget"]]
    return 1 if over or results["total_seconds"] > BUDGET_SUITE_S[mode] else 0


if __name__ == "__main__":
    sys.exit(main())
