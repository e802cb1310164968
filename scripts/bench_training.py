"""Speed of the course training loop: examples per second on the course SST-2 data, default checkpoint.

Usage: python scripts/bench_training.py [--impl PATH|package] [--precision no|bf16 ...] [--steps 20] [--repeats 3]
       [--out benchmarks/training_speed.json]
Each run fine-tunes a fresh model for `--steps` steps (batch 32, max_length 64, lr 1e-4) without evaluation. The
collate function stamps the time each batch is built, so the gap between two stamps is one training step; the
median step (steps 3 onwards) is robust to a few steps slowed by other programs. Runs of the different settings
alternate; each setting reports its best median over the rounds, as examples per second.
`--impl` loads the loop from another file (e.g. an older version) so two
versions are timed with the same config. Run it alone on the machine (under the course's CPU lock).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_impl(path: str | None) -> ModuleType:
    """The training module: the installed package, or the file at `path`."""
    if path is None:
        import bertviz_lite.training as module

        return module
    spec = importlib.util.spec_from_file_location("training_under_test", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class StampedCollate:
    """Wrap a collate function and record when each batch is built (one stamp per training step)."""

    def __init__(self, collate) -> None:
        self.collate, self.stamps = collate, []

    def __call__(self, features):
        import time

        self.stamps.append(time.perf_counter())
        return self.collate(features)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", default=None, help="file of a training module, or `package` (repeatable)")
    parser.add_argument("--precision", action="append", default=None, help="no / bf16 (repeatable)")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    from transformers import BertForSequenceClassification

    import bertviz_lite as bl

    tokenizer = bl.models.load_tokenizer()
    train = bl.data.load_sst2(split="train")
    settings = []
    for impl in args.impl or ["package"]:
        module = load_impl(None if impl == "package" else impl)
        for precision in args.precision or ["no"]:
            if precision != "no" and "mixed_precision" not in module.TrainConfig.__dataclass_fields__:
                continue  # an older loop without mixed precision: fp32 only
            settings.append((Path(impl).name if impl != "package" else "bertviz_lite.training", precision, module))
    speeds: dict[str, list[float]] = {f"{name} · {precision}": [] for name, precision, _ in settings}
    torch.set_num_threads(torch.get_num_threads())
    for _ in range(args.repeats):
        for name, precision, module in settings:
            loader = module.make_loader(tokenizer(list(train.sentence), truncation=True, max_length=64),
                                        train.label, batch_size=32, shuffle=True, seed=0)
            config = module.TrainConfig(epochs=1, lr=1e-4, max_steps=args.steps, seed=0)
            if hasattr(config, "mixed_precision"):
                config.mixed_precision = precision
            stamped = StampedCollate(loader.collate_fn)
            loader.collate_fn = stamped
            bl.seed_everything(0)
            model = bl.models.load_model(BertForSequenceClassification, cache=False, num_labels=2)
            history = module.fit(model, loader, config, live_plot=False)
            gaps = sorted(b - a for a, b in zip(stamped.stamps[2:], stamped.stamps[3:]))
            median = gaps[len(gaps) // 2]
            speeds[f"{name} · {precision}"].append(32 / median)
            print(f"{name} · {precision}: median step {median:.3f} s = {32 / median:.1f} examples/s "
                  f"(fit's own average {history.examples_per_second:.1f})", flush=True)
    best = {key: max(values) for key, values in speeds.items()}
    print(json.dumps(best, indent=1))
    if args.out:
        record = {"steps": args.steps, "batch_size": 32, "max_length": 64, "measure": "32 / median step time",
                  "runs": speeds, "best": best,
                  "threads": torch.get_num_threads()}
        Path(args.out).write_text(json.dumps(record, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
