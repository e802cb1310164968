"""The small recipe sweep behind notebook 10: fine-tune on course SWAG train, score on val, keep the best.

Usage: python scripts/sweep_swag.py   → benchmarks/sweeps/swag.json (read by notebook 10 to show what was tried).
Selection uses the validation split only (the course SWAG, like the public one, has no labelled test split).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [  # (learning rate, epochs, batch size)
    (5e-5, 3, 16),
    (1e-4, 3, 16),
]


def main() -> int:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from transformers import BertForMultipleChoice

    import bertviz_lite as bl
    from bertviz_lite.training import TrainConfig, fit, make_evaluator, make_loader

    train_df, val_df = bl.data.load_swag(split="train"), bl.data.load_swag(split="val")
    tokenizer = bl.models.load_tokenizer()

    def encode(df) -> dict[str, list]:
        pairs = [(row["sent1"], f"{row['sent2']} {row[f'ending{i}']}") for row in df.to_dict("records") for i in range(4)]
        flat = tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation=True, max_length=128)
        return {key: [values[i:i + 4] for i in range(0, len(values), 4)] for key, values in flat.items()}

    train_enc, val_enc = encode(train_df), encode(val_df)
    evaluate = make_evaluator(make_loader(val_enc, val_df.label, batch_size=32))
    runs = []
    for lr, epochs, batch_size in CONFIGS:
        bl.seed_everything(0)
        model = bl.models.load_model(BertForMultipleChoice, cache=False)
        loader = make_loader(train_enc, train_df.label, batch_size=batch_size, shuffle=True, seed=0)
        history = fit(model, loader, TrainConfig(epochs=epochs, lr=lr, warmup_ratio=0.1, seed=0), evaluate=evaluate,
                      live_plot=False)
        runs.append({"lr": lr, "epochs": epochs, "batch_size": batch_size,
                     "val_accuracy": history.evals[-1]["accuracy"],
                     "val_accuracy_per_epoch": [e["accuracy"] for e in history.evals],
                     "train_seconds": round(history.seconds, 1)})
        print(runs[-1], flush=True)
    out = ROOT / "benchmarks" / "sweeps" / "swag.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"train_questions": len(train_df), "val_questions": len(val_df), "runs": runs},
                              indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
