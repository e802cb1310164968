"""The small recipe sweeps behind notebook 07: fine-tune the default checkpoint on the course SST-2 (or MRPC) train
split with one configuration and record its DEV accuracy (test is never opened here) in
benchmarks/07_sst2_sweep.json (or 07_mrpc_sweep.json).

Usage: python scripts/sweep_07.py NAME [NAME ...]     (NAME in CONFIGS below; one run is 1-3 minutes here)
Each record keeps the recipe, dev accuracy with its 95 % Wilson interval, the per-sentence dev correctness (for
paired tests between configurations), training seconds, examples per second and the device. Run it alone on the
machine (under the course's CPU lock) so the timings are honest.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = {"sst2": ROOT / "benchmarks" / "07_sst2_sweep.json", "mrpc": ROOT / "benchmarks" / "07_mrpc_sweep.json"}

# lr, epochs, batch size, max_length, mixed precision, length-grouped batches: the knobs the recipe is chosen from.
CONFIGS = {
    # SST-2
    "A": {"lr": 1e-4, "epochs": 3, "batch_size": 32, "max_length": 64, "mixed_precision": "bf16"},
    "B": {"lr": 1e-4, "epochs": 2, "batch_size": 32, "max_length": 64, "mixed_precision": "no"},
    "C": {"lr": 1e-4, "epochs": 2, "batch_size": 32, "max_length": 64, "mixed_precision": "bf16"},
    "D": {"lr": 1e-4, "epochs": 2, "batch_size": 32, "max_length": 64, "mixed_precision": "bf16",
          "group_by_length": True},
    # MRPC (pairs): the paper-style start, then shorter runs that fit a 5-minute notebook
    "M1": {"lr": 5e-5, "epochs": 4, "batch_size": 16, "max_length": 128, "mixed_precision": "bf16"},
    "M2": {"lr": 5e-5, "epochs": 1, "batch_size": 16, "max_length": 128, "mixed_precision": "bf16"},
    "M3": {"lr": 1e-4, "epochs": 1, "batch_size": 32, "max_length": 128, "mixed_precision": "bf16",
           "group_by_length": True},
    "M4": {"lr": 5e-5, "epochs": 4, "batch_size": 16, "max_length": 128, "mixed_precision": "bf16",
           "group_by_length": True},
    "M5": {"lr": 5e-5, "epochs": 3, "batch_size": 16, "max_length": 128, "mixed_precision": "bf16",
           "group_by_length": True},
    "M6": {"lr": 1e-4, "epochs": 3, "batch_size": 32, "max_length": 128, "mixed_precision": "bf16",
           "group_by_length": True},
}


def task_of(name: str) -> str:
    """"mrpc" for the M* configurations, else "sst2"."""
    return "mrpc" if name.startswith("M") else "sst2"


def run(name: str) -> dict:
    """Train one configuration from the default checkpoint and score it on dev."""
    import torch
    from transformers import BertForSequenceClassification

    import bertviz_lite as bl
    from bertviz_lite import stats
    from bertviz_lite.training import TrainConfig, fit, make_loader, predict

    recipe = CONFIGS[name]
    tokenizer = bl.models.load_tokenizer()
    load = bl.data.load_mrpc if task_of(name) == "mrpc" else bl.data.load_sst2
    train, dev = load(split="train"), load(split="dev")

    def encode(df):
        texts = (list(df.sentence1), list(df.sentence2)) if task_of(name) == "mrpc" else (list(df.sentence),)
        return tokenizer(*texts, truncation=True, max_length=recipe["max_length"])

    train_loader = make_loader(encode(train), train.label, batch_size=recipe["batch_size"], shuffle=True, seed=0,
                               group_by_length=recipe.get("group_by_length", False))
    dev_loader = make_loader(encode(dev), dev.label, batch_size=64)
    bl.seed_everything(0)
    model = bl.models.load_model(BertForSequenceClassification, cache=False, num_labels=2)
    config = TrainConfig(epochs=recipe["epochs"], lr=recipe["lr"], mixed_precision=recipe["mixed_precision"], seed=0)
    start = time.perf_counter()
    history = fit(model, train_loader, config, live_plot=False)
    seconds = time.perf_counter() - start
    predictions, labels = predict(model, dev_loader)
    correct = (predictions == labels).numpy()
    interval = stats.accuracy_interval(correct)
    return {"name": name, "task": task_of(name), "group_by_length": False, **recipe,
            "dev_accuracy": interval.estimate, "dev_ci_low": interval.low,
            "dev_ci_high": interval.high, "dev_examples": len(dev), "train_examples": len(train),
            "train_seconds": round(seconds, 1), "examples_per_second": round(history.examples_per_second, 1),
            "device": history.device, "torch_threads": torch.get_num_threads(),
            "dev_correct": "".join("1" if c else "0" for c in correct)}


def main(names: list[str]) -> int:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    unknown = [n for n in names if n not in CONFIGS]
    if not names or unknown:
        print(f"usage: sweep_07.py NAME [...] with NAME in {sorted(CONFIGS)}; unknown: {unknown}")
        return 2
    for name in names:
        out = OUT[task_of(name)]
        results = json.loads(out.read_text()) if out.exists() else {}
        record = run(name)
        results[name] = record
        out.write_text(json.dumps(results, indent=1) + "\n")
        print({k: v for k, v in record.items() if k != "dev_correct"}, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
