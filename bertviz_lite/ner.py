"""Token classification (NER): word → subword label alignment, BIO entities, entity-level scores, spans in colour.

The first part is written and checked in 08_token_classification (cells that start `# saved in bertviz_lite.ner`
hold the same code): `Entity`, `align_labels`, `tokenize_and_align`, `entities`, `entity_scores` (with `_prf`) and
`word_predictions`. The rest (error analysis, prediction with a model, HTML, a widget) is built on top of them.
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
    """One entity: its type and the word positions it covers, `start` included, `end` excluded (a slice).

    Taught in 08_token_classification.
    """

    label: str
    start: int
    end: int


def align_labels(word_ids: Sequence[int | None], word_labels: Sequence[int], label_all: bool = False,
                 continuation_ids: Mapping[int, int] | None = None) -> list[int]:
    """Per-token labels (T,) from per-word labels (W,): the first piece of a word gets its label, the rest -100.

    `word_ids` is the fast tokenizer's `word_ids()` (T,): the word index of each token, None on [CLS], [SEP] and
    padding (always -100, the `ignore_index` of `torch.nn.CrossEntropyLoss`). With `label_all=True` continuation
    pieces get the word's label too, mapped through `continuation_ids` (e.g. id of B-PER → id of I-PER) if given.
    Raises ValueError when a word id has no label in `word_labels`. Same rule as the Hugging Face token
    classification guide. Taught in 08_token_classification.
    """
    if any(w is not None and not 0 <= w < len(word_labels) for w in word_ids):
        raise ValueError(f"word_ids refer to words beyond the {len(word_labels)} word_labels given: "
                         "pass one label per word of this sentence.")
    labels: list[int] = []
    previous = None
    for word in word_ids:
        if word is None:  # special tokens and padding: never scored
            labels.append(-100)
        elif word != previous:  # the first piece of a word carries the word's label
            labels.append(int(word_labels[word]))
        elif label_all:  # continuation piece, labelled too (B- becomes I- through continuation_ids)
            label = int(word_labels[word])
            labels.append(int(continuation_ids.get(label, label)) if continuation_ids else label)
        else:  # continuation piece: not scored
            labels.append(-100)
        previous = word
    return labels


def tokenize_and_align(tokenizer: Any, words: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                       label2id: Mapping[str, int], label_all: bool = False, max_length: int = 128) -> dict:
    """Tokenize N pre-split sentences (`is_split_into_words=True`) and add aligned `labels`: a dict of N rows.

    Rows are unpadded lists (`input_ids`, `token_type_ids`, `attention_mask`, `labels`); sentences longer than
    `max_length` tokens are truncated (their last words get no label). No sentence (N = 0) gives empty lists.
    Raises ValueError when `label2id` has a `B-<type>` tag without its `I-<type>` tag (the error names the missing
    tags). Taught in 08_token_classification.
    """
    missing = sorted({"I-" + t[2:] for t in label2id if t.startswith("B-")} - set(label2id))
    if missing:
        raise ValueError(f"label2id has no {missing}: every B-<type> tag needs its I-<type> tag too.")
    if len(words) == 0:  # the tokenizer would read [] as one empty sentence
        return {key: [] for key in [*tokenizer.model_input_names, "labels"]}
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
    """BIO tags of one sentence (W,) → its entities, in order. Lenient like conlleval and seqeval's default mode.

    `B-X` opens an entity of type X, `I-X` continues an open X; an `I-X` after `O` or after another type opens a
    new one. Raises ValueError on a tag that is not `O`, `B-…` or `I-…`. Taught in 08_token_classification.
    """
    found: list[Entity] = []
    label = None
    start = 0
    for position, tag in enumerate([*tags, "O"]):  # a final "O" closes the last entity
        if tag != "O" and (tag[:2] not in ("B-", "I-") or len(tag) < 3):
            raise ValueError(f"tags[{position}] = {tag!r}: expected 'O', 'B-<type>' or 'I-<type>'.")
        continues = tag.startswith("I-") and tag[2:] == label
        if label is not None and not continues:  # the open entity ends before this position
            found.append(Entity(label, start, position))
            label = None
        if tag != "O" and not continues:  # B-X, or an I-X that cannot continue, opens one
            label, start = tag[2:], position
    return found


def _prf(correct: int, predicted: int, true: int) -> dict[str, float]:
    """Precision, recall and F1 from counts; 0.0 where a count is zero (seqeval with zero_division=0).

    Taught in 08_token_classification.
    """
    precision = correct / predicted if predicted else 0.0
    recall = correct / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": true}


def entity_scores(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Entity-level micro precision, recall and F1 over N sentences (type and both ends must match), + `per_type`.

    `true_tags`, `pred_tags`: N lists of BIO tags, one per word. Scores are fractions in [0, 1]; with no entity
    on a side the ratios it divides by are 0.0 (as seqeval with zero_division=0). Raises ValueError when no
    sentence is given or the two sides do not line up. Same counts as seqeval's default (conlleval) mode.
    Taught in 08_token_classification.
    """
    if len(true_tags) == 0 or len(true_tags) != len(pred_tags):
        raise ValueError(f"true_tags has {len(true_tags)} sentences, pred_tags {len(pred_tags)}: pass the same number, ≥ 1.")
    gold, pred = set(), set()
    for i, (t, p) in enumerate(zip(true_tags, pred_tags)):
        if len(t) != len(p):
            raise ValueError(f"sentence {i}: {len(t)} true tags but {len(p)} predicted tags.")
        gold.update((i, e) for e in entities(t))
        pred.update((i, e) for e in entities(p))
    scores = _prf(len(gold & pred), len(pred), len(gold))
    count = lambda found, kind: sum(e.label == kind for _, e in found)  # noqa: E731
    scores["per_type"] = {kind: _prf(count(gold & pred, kind), count(pred, kind), count(gold, kind))
                          for kind in sorted({e.label for _, e in gold | pred})}
    return scores


def word_predictions(token_label_ids: Sequence[int], word_ids: Sequence[int | None]) -> list[int]:
    """Per-word label ids (W,) from per-token ones (T,): each word takes the prediction of its first piece.

    The inverse of `align_labels` for scoring: tokens whose word id is None ([CLS], [SEP], padding) are skipped.
    Raises ValueError when the two sequences differ in length. Taught in 08_token_classification.
    """
    if len(token_label_ids) != len(word_ids):
        raise ValueError(f"token_label_ids has {len(token_label_ids)} entries but word_ids {len(word_ids)}: "
                         "pass one prediction per token.")
    by_word: dict[int, int] = {}
    for label, word in zip(token_label_ids, word_ids):
        if word is not None and word not in by_word:
            by_word[word] = int(label)
    return [by_word[w] for w in sorted(by_word)]


def _check_aligned(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> None:
    """Raise ValueError unless both sides have the same number of sentences and of tags in each sentence."""
    if len(true_tags) != len(pred_tags):
        raise ValueError(f"true_tags has {len(true_tags)} sentences but pred_tags {len(pred_tags)}.")
    for i, (t, p) in enumerate(zip(true_tags, pred_tags)):
        if len(t) != len(p):
            raise ValueError(f"sentence {i}: {len(t)} true tags but {len(p)} predicted tags.")


def error_analysis(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> Counter:
    """Count each true entity as correct / wrong type / boundary / boundary+type / missed, plus spurious predictions.

    Raises ValueError when the two sides do not line up (sentence count or tags per sentence).
    """
    _check_aligned(true_tags, pred_tags)
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
    """Word-level confusion of entity types, B/I merged: rows true, columns predicted, order `["O", *types]`.

    Raises ValueError when the sides do not line up or a tag's type is not in `types`.
    """
    _check_aligned(true_tags, pred_tags)
    order = ["O", *types]
    index = {name: i for i, name in enumerate(order)}
    unknown = {tag[2:] for s in [*true_tags, *pred_tags] for tag in s if tag != "O"} - set(types)
    if unknown:
        raise ValueError(f"types={list(types)} lacks {sorted(unknown)}, found in the tags.")
    matrix = [[0] * len(order) for _ in order]
    for t, p in zip(true_tags, pred_tags):
        for a, b in zip(t, p):
            matrix[index[a[2:] or "O"]][index[b[2:] or "O"]] += 1
    return matrix


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
    """Plain-text view of entities in CoNLL markup style: `[PER John Smith] lives in [LOC Paris]`.

    Raises ValueError unless there is one tag per word.
    """
    if len(words) != len(tags):
        raise ValueError(f"{len(words)} words but {len(tags)} tags: pass one tag per word.")
    pieces = list(words)
    for e in reversed(entities(tags)):
        pieces[e.start:e.end] = [f"[{e.label} {' '.join(words[e.start:e.end])}]"]
    return " ".join(pieces)


def entities_html(words: Sequence[str], tags: Sequence[str], title: str | None = None) -> str:
    """Entities as coloured spans with their type, words HTML-escaped, inline CSS only (no scripts).

    Raises ValueError unless there is one tag per word.
    """
    if len(words) != len(tags):
        raise ValueError(f"{len(words)} words but {len(tags)} tags: pass one tag per word.")
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
    view, message = widgets.HTML(), widgets.HTML()

    def refresh(_: Any = None) -> None:
        words = split_words(box.value)
        if not words:
            message.value = "<i>Type a sentence with some names in it.</i>"
            return
        try:
            tags, cut = predict_tags(model, tokenizer, words, max_length)
        except Exception as exc:  # keep the last good view and say what went wrong
            message.value = f"<span style='color:#a33'>Could not tag this text: {html.escape(str(exc))}</span>"
            return
        note = f"<span style='color:#a33'>Only the first {max_length} tokens fit: {cut} words left as O.</span>"
        view.value, message.value = entities_html(words, tags), note if cut else ""

    box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([box, view, message])
