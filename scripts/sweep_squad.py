"""The small recipe sweep behind notebook 09: fine-tune on course SQuAD train, score EM/F1 on dev each epoch.

Usage: python scripts/sweep_squad.py [run index ...]  → benchmarks/sweeps/squad.json (read by notebook 09).
Runs are merged into the file by configuration, so each can run on its own (one at a time, under the CPU lock).
Selection uses the dev split only. `negative_every` keeps one in that many answer-less training windows.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "sweeps" / "squad.json"
KEYS = ("lr", "epochs", "max_length", "stride", "negative_every", "batch_size")
CONFIGS = [  # (learning rate, epochs, max_length, stride, negative_every, batch size)
    (1e-4, 5, 192, 64, 3, 16),
    (2e-4, 5, 192, 64, 3, 16),
    (1e-4, 5, 192, 64, 3, 8),
]


def run(index: int) -> dict:
    import torch
    from transformers import BertForQuestionAnswering

    import bertviz_lite as bl
    from bertviz_lite import qa, training

    config = dict(zip(KEYS, CONFIGS[index]))
    train_df, dev_df = bl.data.load_squad(split="train"), bl.data.load_squad(split="dev")
    tokenizer = bl.models.load_tokenizer()
    ml, st = config["max_length"], config["stride"]
    train_f = qa.prepare_features(tokenizer, train_df.question, train_df.context, train_df.answers, max_length=ml, stride=st)
    dev_f = qa.prepare_features(tokenizer, dev_df.question, dev_df.context, max_length=ml, stride=st)
    negatives = [k for k, s in enumerate(train_f["start_positions"]) if s == 0]
    use = sorted(set(range(len(train_f["input_ids"]))) - set(negatives) | set(negatives[::config["negative_every"]]))
    references = [a["text"] for a in dev_df.answers]

    def evaluate(model) -> dict:
        starts, ends = [], []
        with torch.no_grad():
            for batch in training.make_loader(dev_f, batch_size=32):
                out = model(**batch)
                starts += list(out.start_logits.float())
                ends += list(out.end_logits.float())
        answers = qa.decode_answers(dev_df.context, dev_f, starts, ends, max_answer_length=30)
        return qa.squad_scores([a[0].text for a in answers], references)

    torch.manual_seed(0)
    model = bl.models.load_model(BertForQuestionAnswering, cache=False)
    loader = training.make_loader({k: [v[i] for i in use] for k, v in train_f.items()}, batch_size=config["batch_size"],
                                  shuffle=True, seed=0)
    train_config = training.TrainConfig(epochs=config["epochs"], lr=config["lr"], weight_decay=0.01, warmup_ratio=0.1,
                                        seed=0, mixed_precision="auto")
    history = training.fit(model, loader, train_config, evaluate=evaluate, live_plot=False)
    return {**config, "mixed_precision": "auto", "train_windows": len(use),
            "dev_f1_per_epoch": [round(e["f1"], 2) for e in history.evals],
            "dev_exact_match": round(history.evals[-1]["exact_match"], 2),
            "train_seconds": round(history.seconds, 1), "train_questions": len(train_df), "dev_questions": len(dev_df)}


def main(indices: list[int]) -> int:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    runs = json.loads(OUT.read_text())["runs"] if OUT.exists() else []
    order = {c: i for i, c in enumerate(CONFIGS)}
    for index in indices or range(len(CONFIGS)):
        result = run(index)
        print(result, flush=True)
        runs = [r for r in runs if tuple(r[k] for k in KEYS) != CONFIGS[index]] + [result]
        runs.sort(key=lambda r: order.get(tuple(r[k] for k in KEYS), 99))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]]))
