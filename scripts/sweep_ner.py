"""The small recipe sweep behind notebook 08: fine-tune on course CoNLL train, score entity F1 on dev each epoch.

Usage: python scripts/sweep_ner.py [run index ...]  → benchmarks/sweeps/ner.json (read by notebook 08).
Runs are merged into the file by configuration, so each can run on its own (one at a time, under the CPU lock).
Selection uses the dev split only. The last two runs repeat both learning rates in float32:
does bf16 autocast cost accuracy, and does it save time here?
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "sweeps" / "ner.json"
CONFIGS = [  # (learning rate, epochs, batch size, mixed precision)
    (1e-4, 5, 16, "auto"),
    (2e-4, 5, 16, "auto"),
    (1e-4, 5, 16, "no"),
    (2e-4, 5, 16, "no"),
]


def run(index: int) -> dict:
    import torch
    from transformers import BertForTokenClassification

    import bertviz_lite as bl
    from bertviz_lite import ner, training

    lr, epochs, batch_size, precision = CONFIGS[index]
    train_df, dev_df = bl.data.load_conll2003(split="train"), bl.data.load_conll2003(split="dev")
    labels = ["O"] + [f"{p}-{t}" for t in bl.data.CONLL_ENTITY_TYPES for p in "BI"]
    label2id = {t: i for i, t in enumerate(labels)}
    tokenizer = bl.models.load_tokenizer()
    train_enc = ner.tokenize_and_align(tokenizer, train_df.tokens, train_df.ner_tags, label2id)
    dev_enc = ner.tokenize_and_align(tokenizer, dev_df.tokens, dev_df.ner_tags, label2id)
    dev_batch = tokenizer([list(w) for w in dev_df.tokens], is_split_into_words=True, truncation=True, max_length=128)
    dev_word_ids = [dev_batch.word_ids(i) for i in range(len(dev_df))]
    gold = list(dev_df.ner_tags)

    def evaluate(model) -> dict:
        predictions = []
        for start in range(0, len(dev_df), 64):
            batch = next(iter(training.make_loader({k: v[start:start + 64] for k, v in dev_enc.items()}, batch_size=64)))
            with torch.no_grad():
                best = model(**batch).logits.argmax(-1).tolist()
            for row, wids in zip(best, dev_word_ids[start:start + 64]):
                predictions.append([labels[i] for i in ner.word_predictions(row[:len(wids)], wids)])
        return {"entity F1": ner.entity_scores(gold, predictions)["f1"]}

    torch.manual_seed(0)
    model = bl.models.load_model(BertForTokenClassification, cache=False, num_labels=len(labels),
                                 id2label=dict(enumerate(labels)), label2id=label2id)
    loader = training.make_loader(train_enc, batch_size=batch_size, shuffle=True, seed=0)
    config = training.TrainConfig(epochs=epochs, lr=lr, weight_decay=0.01, warmup_ratio=0.1, seed=0,
                                  mixed_precision=precision)
    history = training.fit(model, loader, config, evaluate=evaluate, live_plot=False)
    return {"lr": lr, "epochs": epochs, "batch_size": batch_size, "mixed_precision": precision,
            "dev_f1_per_epoch": [round(e["entity F1"], 4) for e in history.evals],
            "train_seconds": round(history.seconds, 1), "train_sentences": len(train_df), "dev_sentences": len(dev_df)}


def main(indices: list[int]) -> int:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    runs = json.loads(OUT.read_text())["runs"] if OUT.exists() else []
    for index in indices or range(len(CONFIGS)):
        result = run(index)
        print(result, flush=True)
        key = (result["lr"], result["epochs"], result["batch_size"], result["mixed_precision"])
        runs = [r for r in runs if (r["lr"], r["epochs"], r["batch_size"], r["mixed_precision"]) != key] + [result]
        order = {c: i for i, c in enumerate(CONFIGS)}
        runs.sort(key=lambda r: order.get((r["lr"], r["epochs"], r["batch_size"], r["mixed_precision"]), 99))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]]))
