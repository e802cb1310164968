"""Token classification (NER): word → subword label alignment, BIO entities, entity-level scores, spans in colour.

Pure functions on lists first (alignment, entities, scores, error analysis, HTML), then prediction with a model
and a thin widget on top. Taught in 08_token_classification.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

__all__ = [
    "IGNORE_INDEX",
    "ENTITY_COLOURS",
    "Entity",
    "align_labels",
    "tokenize_and_align",
    "entities",
    "entity_scores",
    "error_analysis",
    "type_confusion",
    "word_predictions",
    "split_words",
    "predict_tags",
    "entities_text",
    "entities_html",
    "ner_playground",
]

IGNORE_INDEX = -100  # CrossEntropyLoss(ignore_index=-100): positions that carry no label
ENTITY_COLOURS = {"PER": "#f6c6c6", "ORG": "#c6dcf6", "LOC": "#cdeccb", "MISC": "#f3e2b3"}
_OTHER_COLOUR = "#e3d7f2"
_WORD = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]", re.UNICODE)


class Entity(NamedTuple):
    """One entity: its type and the word positions it covers, `start` included, `end` excluded."""

    label: str
    start: int
    end: int


def align_labels(word_ids: Sequence[int | None], word_labels: Sequence[int], label_all: bool = False,
                 continuation_ids: Mapping[int, int] | None = None) -> list[int]:
    """Per-token labels (T,) from per-word labels: first piece gets the word's label, others -100 (or all labelled).

    `word_ids` is the fast tokenizer's `word_ids()` (None on [CLS]/[SEP]/padding). With `label_all=True` the
    continuation pieces get the word's label too, mapped through `continuation_ids` (e.g. B-PER → I-PER) if given.
    """
    labels: list[int] = []
    previous: int | None = None
    for word in word_ids:
        if word is None:  # special tokens and padding: never scored
            labels.append(IGNORE_INDEX)
        elif word != previous:  # first piece of a word carries the word's label
            labels.append(int(word_labels[word]))
        elif label_all:
            label = int(word_labels[word])
            labels.append(int(continuation_ids.get(label, label)) if continuation_ids else label)
        else:
            labels.append(IGNORE_INDEX)
        previous = word
    return labels


def tokenize_and_align(tokenizer: Any, words: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                       label2id: Mapping[str, int], label_all: bool = False, max_length: int = 128) -> dict:
    """Tokenize pre-split sentences (is_split_into_words) and add aligned `labels`: a dict of N unpadded rows."""
    encodings = tokenizer([list(w) for w in words], is_split_into_words=True, truncation=True, max_length=max_length)
    continuation = {label2id[t]: label2id["I-" + t[2:]] for t in label2id if t.startswith("B-")}
    labels = []
    for i, sentence_tags in enumerate(tags):
        ids = [label2id[t] for t in sentence_tags]
        labels.append(align_labels(encodings.word_ids(i), ids, label_all, continuation))
    result = {key: list(value) for key, value in encodings.items()}
    result["labels"] = labels
    return result


def entities(tags: Sequence[str]) -> list[Entity]:
    """BIO tags of one sentence → entities; an I- tag after O or after another type opens a new entity (conlleval)."""
    found: list[Entity] = []
    label: str | None = None
    start = 0
    for position, tag in enumerate(list(tags) + ["O"]):
        prefix, kind = (tag[:1], tag[2:]) if tag != "O" else ("O", None)
        continues = prefix == "I" and kind == label
        if label is not None and not continues:  # the open entity ends before this position
            found.append(Entity(label, start, position))
            label = None
        if prefix in {"B", "I"} and not continues:  # B-, or an I- that cannot continue, opens one
            label, start = kind, position
    return found


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _prf(tp: int, n_pred: int, n_true: int) -> dict[str, float]:
    precision, recall = _ratio(tp, n_pred), _ratio(tp, n_true)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": n_true}


def entity_scores(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Entity-level micro precision/recall/F1 over sentences (exact type and span), plus `per_type` scores."""
    if len(true_tags) != len(pred_tags):
        raise ValueError(f"{len(true_tags)} true sentences but {len(pred_tags)} predicted: pass one list per sentence.")
    gold: set[tuple[int, Entity]] = set()
    pred: set[tuple[int, Entity]] = set()
    for i, (t, p) in enumerate(zip(true_tags, pred_tags)):
        if len(t) != len(p):
            raise ValueError(f"sentence {i}: {len(t)} true tags but {len(p)} predicted tags.")
        gold.update((i, e) for e in entities(t))
        pred.update((i, e) for e in entities(p))
    scores: dict[str, Any] = _prf(len(gold & pred), len(pred), len(gold))
    types = sorted({e.label for _, e in gold | pred})
    scores["per_type"] = {
        kind: _prf(sum(e.label == kind for _, e in gold & pred), sum(e.label == kind for _, e in pred),
                   sum(e.label == kind for _, e in gold))
        for kind in types
    }
    return scores


def error_analysis(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> Counter:
    """Count each true entity as correct / wrong type / boundary / boundary+type / missed, plus spurious predictions."""
    counts: Counter = Counter()
    for t, p in zip(true_tags, pred_tags):
        gold, pred = entities(t), entities(p)

        def overlaps(a: Entity, b: Entity) -> bool:
            return a.start < b.end and b.start < a.end

        for g in gold:
            same_span = [e for e in pred if (e.start, e.end) == (g.start, g.end)]
            touching = [e for e in pred if overlaps(e, g)]
            if g in pred:
                counts["correct"] += 1
            elif same_span:
                counts["wrong type"] += 1
            elif any(e.label == g.label for e in touching):
                counts["boundary"] += 1
            elif touching:
                counts["boundary+type"] += 1
            else:
                counts["missed"] += 1
        counts["spurious"] += sum(not any(overlaps(e, g) for g in gold) for e in pred)
    return counts


def type_confusion(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]],
                   types: Sequence[str]) -> list[list[int]]:
    """Word-level confusion of entity types, B/I merged: rows true, columns predicted, order `["O", *types]`."""
    order = ["O", *types]
    index = {name: i for i, name in enumerate(order)}
    matrix = [[0] * len(order) for _ in order]
    for t, p in zip(true_tags, pred_tags):
        for a, b in zip(t, p):
            matrix[index[a[2:] or "O"]][index[b[2:] or "O"]] += 1
    return matrix


def word_predictions(token_label_ids: Sequence[int], word_ids: Sequence[int | None]) -> list[int]:
    """Per-word label ids from per-token ones (T,): each word takes the prediction of its first piece."""
    by_word: dict[int, int] = {}
    for label, word in zip(token_label_ids, word_ids):
        if word is not None and word not in by_word:
            by_word[word] = int(label)
    return [by_word[w] for w in sorted(by_word)]


def split_words(text: str) -> list[str]:
    """Split raw text into CoNLL-like words: runs of letters/digits (with inner - ' .) and single punctuation marks."""
    return _WORD.findall(text)


def predict_tags(model: Any, tokenizer: Any, words: Sequence[str], max_length: int = 512) -> tuple[list[str], int]:
    """Predicted BIO tag per word with a token-classification model; returns (tags, number of words cut off)."""
    import torch

    if not words:
        return [], 0
    batch = tokenizer(list(words), is_split_into_words=True, truncation=True, max_length=max_length,
                      return_tensors="pt")
    with torch.no_grad():
        logits = model(**batch).logits[0]  # (T, num_labels)
    ids = word_predictions(logits.argmax(-1).tolist(), batch.word_ids(0))
    tags = [model.config.id2label[i] for i in ids]
    cut = len(words) - len(tags)
    return tags + ["O"] * cut, cut


def entities_text(words: Sequence[str], tags: Sequence[str]) -> str:
    """Plain-text view of entities in CoNLL markup style: `[PER John Smith] lives in [LOC Paris]`."""
    pieces = list(words)
    for e in reversed(entities(tags)):
        pieces[e.start:e.end] = [f"[{e.label} {' '.join(words[e.start:e.end])}]"]
    return " ".join(pieces)


def entities_html(words: Sequence[str], tags: Sequence[str], title: str | None = None) -> str:
    """Entities as coloured spans with their type, words HTML-escaped, inline CSS only (no scripts)."""
    starts = {e.start: e for e in entities(tags)}
    parts: list[str] = []
    position = 0
    while position < len(words):
        entity = starts.get(position)
        if entity is None:
            parts.append(html.escape(words[position]))
            position += 1
            continue
        colour = ENTITY_COLOURS.get(entity.label, _OTHER_COLOUR)
        text = html.escape(" ".join(words[entity.start:entity.end]))
        parts.append(f'<span style="background:{colour};padding:1px 4px;border-radius:4px;margin:0 1px">{text}'
                     f'<sub style="font-size:0.7em;font-weight:bold;margin-left:3px">{html.escape(entity.label)}'
                     f"</sub></span>")
        position = entity.end
    head = f'<div style="font-size:0.8em;color:#555">{html.escape(title)}</div>' if title else ""
    return f'<div style="line-height:2;font-family:sans-serif">{head}{" ".join(parts)}</div>'


def ner_playground(model: Any, tokenizer: Any, text: str = "Ada Lovelace worked with Charles Babbage in London.",
                   max_length: int = 512) -> Any:
    """A text box whose entities are predicted and shown in colour; bad input gives a message, not a traceback."""
    import ipywidgets as widgets

    box = widgets.Text(value=text, description="Text", continuous_update=False, layout=widgets.Layout(width="95%"))
    view = widgets.HTML()

    def refresh(_: Any = None) -> None:
        words = split_words(box.value)
        if not words:
            view.value = "<i>Type a sentence with some names in it.</i>"
            return
        tags, cut = predict_tags(model, tokenizer, words, max_length)
        note = f"<div style='color:#a33'>Only the first {max_length} tokens fit: {cut} words left as O.</div>"
        view.value = entities_html(words, tags) + (note if cut else "")

    box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([box, view])
