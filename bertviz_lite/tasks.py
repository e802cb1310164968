"""The five fine-tuning tasks of the training CLI (`python -m bertviz_lite.train`): data, head, recipe and score.

Each `Task` knows how to load a split (the loaders of `bertviz_lite.data`), encode it for its head (the code of
07-10: sentence (pair) classification, `ner.tokenize_and_align`, `qa.prepare_features`, choice pairs), which
`transformers` head class to load, the course recipe (notebooks 07-10) and how to score a split with 95 %
intervals (`bertviz_lite.stats`). Scoring runs on every process and gathers the predictions across processes
(`gather_for_metrics`), so each example counts once whatever the number of processes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import data, ner, qa, stats
from .training import make_accelerator, make_loader, predict

__all__ = ["Recipe", "Task", "TASKS", "CONLL_LABELS", "score_split"]

CONLL_LABELS = ("O", *(f"{p}-{t}" for t in data.CONLL_ENTITY_TYPES for p in ("B", "I")))
EVAL_BATCH_SIZE = 32


@dataclass(frozen=True)
class Recipe:
    """A task's default recipe: peak learning rate, epochs, batch size per process, max_length, and for QA the
    window stride and `negative_every` (train on 1 in k windows that lack the answer; 1 keeps them all)."""

    lr: float
    epochs: int
    batch_size: int
    max_length: int
    stride: int = 0
    negative_every: int = 1


@dataclass(frozen=True)
class Task:
    """One fine-tuning task: its dataset name in `bertviz_lite.data`, head, labels, recipe and metrics.

    `head` names the `transformers` auto class (e.g. "SequenceClassification" → AutoModelForSequenceClassification);
    `pipeline` is the `transformers.pipeline` task that loads the saved model folder (None when transformers
    has no pipeline for the head); `labels` are the class names (None for span and choice heads); `primary` is
    the metric reported first; `loader` reads one split (source, split) → DataFrame.
    """

    name: str
    dataset: str
    head: str
    pipeline: str | None
    labels: tuple[str, ...] | None
    primary: str
    recipe: Recipe
    loader: Callable[..., pd.DataFrame]
    label_column: str | None

    def load(self, source: str | None, split: str) -> pd.DataFrame:
        """The rows of one split (course data when `source` is None); errors come from `bertviz_lite.data`."""
        return self.loader(source, split=split)

    def labelled(self, frame: pd.DataFrame) -> bool:
        """True when every row of `frame` carries a gold label (GLUE's SST-2 test and SWAG's test do not)."""
        if self.name == "squad":  # a question without answers has no gold span to score
            return bool(frame["answers"].map(lambda a: len(a["text"]) > 0).all())
        if self.name == "conll2003":  # the loader rejects a token line without its tag
            return True
        return self.label_column in frame.columns and bool((frame[self.label_column].astype(int) >= 0).all())

    def encode(self, tokenizer: Any, frame: pd.DataFrame, recipe: Recipe, train: bool) -> dict[str, list]:
        """Model inputs of N rows (unpadded lists; `labels` / `start_positions` when `train` or labelled)."""
        if self.name == "sst2":
            out = dict(tokenizer(list(frame.sentence), truncation=True, max_length=recipe.max_length))
        elif self.name == "mrpc":
            out = dict(tokenizer(list(frame.sentence1), list(frame.sentence2), truncation=True,
                                 max_length=recipe.max_length))
        elif self.name == "swag":
            firsts = [s for s in frame.sent1 for _ in range(4)]
            seconds = [f"{row.sent2} {getattr(row, f'ending{i}')}" for row in frame.itertuples() for i in range(4)]
            flat = tokenizer(firsts, seconds, truncation=True, max_length=recipe.max_length)
            out = {k: [v[i:i + 4] for i in range(0, len(v), 4)] for k, v in flat.items()}  # (N, 4, T)
        elif self.name == "conll2003":
            label2id = {label: i for i, label in enumerate(CONLL_LABELS)}
            return ner.tokenize_and_align(tokenizer, frame.tokens, frame.ner_tags, label2id,
                                          max_length=recipe.max_length)
        else:  # squad: windows of question + context
            answers = list(frame.answers) if train else None
            features = qa.prepare_features(tokenizer, list(frame.question), list(frame.context), answers,
                                           max_length=recipe.max_length, stride=recipe.stride)
            if not train or recipe.negative_every == 1:
                return features
            negatives = [k for k, s in enumerate(features["start_positions"]) if s == 0]  # windows without the answer
            keep = sorted(set(range(len(features["input_ids"]))) - set(negatives)
                          | set(negatives[::recipe.negative_every]))
            return {key: [values[k] for k in keep] for key, values in features.items()}
        out["labels"] = [int(v) for v in frame[self.label_column]]
        return out

    def check_tags(self, frame: pd.DataFrame, split: str) -> None:
        """Raise ValueError when a CoNLL split holds a tag outside CONLL_LABELS (the head's classes)."""
        if self.name == "conll2003":
            unknown = {t for tags in frame.ner_tags for t in tags} - set(CONLL_LABELS)
            if unknown:
                raise ValueError(f"the {split} split holds tags {sorted(unknown)} outside the CoNLL-2003 set "
                                 f"{list(CONLL_LABELS)}")


def _gathered_rows(model: Any, loader: Any, outputs: Callable[[Any], Any]) -> list[Any]:
    """Per-example output rows (loader order, each example once) gathered from every process, on the CPU.

    `outputs(model_output) -> (B, T, ...)` tensor; rows are padded to a common T across processes first.
    """
    import torch

    accelerator = make_accelerator()
    rows: list[Any] = []
    model.eval()
    with torch.no_grad():
        for batch in accelerator.prepare(loader):
            values = accelerator.pad_across_processes(outputs(model(**batch)), dim=1)
            rows.extend(accelerator.gather_for_metrics(values).float().cpu())
    return rows


def _entity_counts(gold: list[list[str]], pred: list[list[str]]) -> np.ndarray:
    """(N, 3) per-sentence counts: correct, predicted and true entities (micro F1 sums them)."""
    counts = []
    for g, p in zip(gold, pred):
        true, found = set(ner.entities(g)), set(ner.entities(p))
        counts.append((len(true & found), len(found), len(true)))
    return np.array(counts, dtype=float).reshape(-1, 3)


def _micro_f1(counts: np.ndarray) -> float:
    correct, predicted, true = counts.sum(0)
    return float(2 * correct / (predicted + true)) if predicted + true else 0.0


def _f1_binary(predictions: np.ndarray, references: np.ndarray) -> float:
    """F1 of the positive class (GLUE's MRPC F1)."""
    from sklearn.metrics import f1_score

    return float(f1_score(references, predictions, zero_division=0))


def score_split(task: Task, model: Any, tokenizer: Any, frame: pd.DataFrame, recipe: Recipe,
                intervals: bool = True) -> dict[str, Any]:
    """Score `model` on one labelled split: {"examples": N gathered, metric: value, metric_ci: [low, high] ...}.

    Values are fractions in [0, 1]: accuracy (Wilson interval) for sst2/mrpc/swag, plus positive-class F1 for
    mrpc; entity-level micro F1 (conlleval rules, `ner.entity_scores`) for conll2003; exact match and F1 of the
    official SQuAD v1.1 rules (`qa.squad_scores`) for squad; F1, EM and entity F1 with percentile-bootstrap
    intervals over examples (1,000 resamples). `examples` counts the predictions gathered from all processes.
    """
    if len(frame) == 0:
        raise ValueError(f"frame has no rows: there is nothing to score on this {task.name} split.")
    encoded = task.encode(tokenizer, frame, recipe, train=False)
    pad_id = tokenizer.pad_token_id or 0
    result: dict[str, Any] = {}
    if task.name in ("sst2", "mrpc", "swag"):
        loader = make_loader(encoded, encoded.pop("labels"), EVAL_BATCH_SIZE, pad_token_id=pad_id)
        predictions, references = (t.numpy() for t in predict(model, loader))
        correct = predictions == references
        result["examples"] = int(len(correct))
        result["accuracy"] = float(correct.mean())
        if intervals:
            result["accuracy_ci"] = list(stats.accuracy_interval(correct)[1:])
        if task.name == "mrpc":
            result["f1"] = _f1_binary(predictions, references)
            if intervals:
                result["f1_ci"] = list(stats.bootstrap_interval(_f1_binary, predictions, references)[1:])
        return result
    if task.name == "conll2003":
        encoded.pop("labels")
        loader = make_loader(encoded, batch_size=EVAL_BATCH_SIZE, pad_token_id=pad_id)
        rows = _gathered_rows(model, loader, lambda out: out.logits.argmax(-1))
        words = [list(w) for w in frame.tokens]
        batch = tokenizer(words, is_split_into_words=True, truncation=True, max_length=recipe.max_length)
        gold = [list(t) for t in frame.ner_tags]
        pred = []
        for i, (row, tags) in enumerate(zip(rows, gold)):
            word_ids = batch.word_ids(i)
            ids = ner.word_predictions(row[:len(word_ids)].long().tolist(), word_ids)
            predicted = [CONLL_LABELS[k] for k in ids]
            pred.append(predicted + ["O"] * (len(tags) - len(predicted)))  # words cut by max_length: O
        result["examples"] = len(rows)
        result["entity_f1"] = float(ner.entity_scores(gold, pred)["f1"])
        if intervals:
            counts = _entity_counts(gold, pred)
            result["entity_f1_ci"] = list(stats.bootstrap_interval(_micro_f1, counts)[1:])
        return result
    inputs = {k: v for k, v in encoded.items() if k not in ("start_positions", "end_positions")}
    loader = make_loader(inputs, batch_size=EVAL_BATCH_SIZE, pad_token_id=pad_id)
    import torch

    rows = _gathered_rows(model, loader, lambda out: torch.stack([out.start_logits, out.end_logits], -1))
    answers = qa.decode_answers(list(frame.context), encoded, [r[:, 0] for r in rows], [r[:, 1] for r in rows])
    texts = [a[0].text for a in answers]
    references = [list(a["text"]) for a in frame.answers]
    scores = qa.squad_scores(texts, references)
    result["examples"] = len({encoded["overflow_to_sample_mapping"][i] for i in range(len(rows))})
    result["windows"] = len(rows)
    result["exact_match"], result["f1"] = scores["exact_match"] / 100, scores["f1"] / 100
    if intervals:
        em = np.array([qa.exact_match(t, r) for t, r in zip(texts, references)])
        f1 = np.array([qa.f1(t, r) for t, r in zip(texts, references)])
        result["exact_match_ci"] = list(stats.bootstrap_interval(np.mean, em)[1:])
        result["f1_ci"] = list(stats.bootstrap_interval(np.mean, f1)[1:])
    return result


def _task(name: str, dataset: str, head: str, pipeline: str | None, labels: tuple[str, ...] | None, primary: str,
          recipe: Recipe, label_column: str | None) -> Task:
    loader = {"sst2": data.load_sst2, "mrpc": data.load_mrpc, "conll2003": data.load_conll2003,
              "squad": data.load_squad, "swag": data.load_swag}[dataset]
    return Task(name, dataset, head, pipeline, labels, primary, recipe, loader, label_column)


# Course recipes (notebooks 07-10 and their sweeps on the course data in benchmarks/; AdamW, 10 % warmup, linear
# decay): 08 chose lr 2e-4 for NER, 09 lr 2e-4 on windows of 192 tokens with stride 64 and 1 in 3 answer-less
# windows.
TASKS: dict[str, Task] = {
    "sst2": _task("sst2", "sst2", "SequenceClassification", "text-classification", ("negative", "positive"),
                  "accuracy", Recipe(lr=1e-4, epochs=3, batch_size=32, max_length=64), "label"),
    "mrpc": _task("mrpc", "mrpc", "SequenceClassification", "text-classification",
                  ("not_equivalent", "equivalent"), "accuracy", Recipe(lr=5e-5, epochs=4, batch_size=16,
                                                                        max_length=128), "label"),
    "conll2003": _task("conll2003", "conll2003", "TokenClassification", "token-classification", CONLL_LABELS,
                       "entity_f1", Recipe(lr=2e-4, epochs=5, batch_size=16, max_length=128), None),
    "squad": _task("squad", "squad", "QuestionAnswering", None, None, "f1",
                   Recipe(lr=2e-4, epochs=5, batch_size=16, max_length=192, stride=64, negative_every=3), None),
    "swag": _task("swag", "swag", "MultipleChoice", None, None, "accuracy",
                  Recipe(lr=1e-4, epochs=3, batch_size=16, max_length=128), "label"),
}
