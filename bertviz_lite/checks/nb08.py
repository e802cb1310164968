"""Checks for the exercises of 08_token_classification.

Each check compares the learner's function with a private reference written here (never with `bertviz_lite.ner`,
which the learner could import as the answer) on fixed cases that separate the right rule from common mistakes.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from . import NotSolved, exercise, expect

_ALIGN_CASES = [
    ([None, 0, 1, 1, 2, None], [3, 0, 5]),
    ([None, 0, 0, 0, None], [1]),
    ([None, 0, 1, 2, None, None], [0, 0, 7]),  # padding after [SEP]
    ([None, 0, 0, 1, 2, 2, 2, None], [1, 0, 5]),
    ([None, 0, 1, 1, None, 2, 3, 3, None], [2, 2, 4, 4]),  # word ids restart after a [SEP]
]

_TAG_CASES = [
    ["B-PER", "I-PER", "O", "B-LOC"],
    ["O", "I-ORG", "I-ORG", "O"],
    ["B-PER", "B-PER", "I-PER"],
    ["B-MISC", "I-LOC", "O"],
    ["B-PER", "I-PER", "I-LOC", "I-LOC"],
    ["O", "O", "O"],
    ["I-LOC"],
    ["B-ORG", "I-ORG", "I-ORG"],
]


def _last_piece(word_ids: Sequence[int | None], word_labels: Sequence[int]) -> list[int]:
    """Reference for 8.1: the word's label on its last piece, -100 elsewhere."""
    labels = []
    for i, word in enumerate(word_ids):
        following = word_ids[i + 1] if i + 1 < len(word_ids) else None
        labels.append(-100 if word is None or following == word else int(word_labels[word]))
    return labels


def _strict_entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Reference for 8.2: IOB2 strict, an entity is B-X followed by I-X only; stray I- tags are no entity."""
    found, label, start = [], None, 0
    for i, tag in enumerate([*tags, "O"]):
        if label is not None and tag != "I-" + label:
            found.append((label, start, i))
            label = None
        if tag.startswith("B-"):
            label, start = tag[2:], i
    return found


def _lenient_entities(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    found, label, start = set(), None, 0
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == label
        if label is not None and not continues:
            found.add((label, start, i))
            label = None
        if tag != "O" and not continues:
            label, start = tag[2:], i
    return found


def _macro_f1(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> float:
    """Reference for 8.3: the unweighted mean of per-type entity F1 over every type in gold or predictions."""
    gold = {(i, *e) for i, t in enumerate(true_tags) for e in _lenient_entities(t)}
    pred = {(i, *e) for i, p in enumerate(pred_tags) for e in _lenient_entities(p)}
    types = sorted({e[1] for e in gold | pred})
    scores = []
    for kind in types:
        g, p = {e for e in gold if e[1] == kind}, {e for e in pred if e[1] == kind}
        scores.append(2 * len(g & p) / (len(g) + len(p)))
    return sum(scores) / len(scores) if scores else 0.0


def _tag_corpus(seed: int) -> tuple[list[list[str]], list[list[str]]]:
    rng = random.Random(seed)
    vocab = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC"]
    true = [[rng.choice(vocab) for _ in range(rng.randint(2, 9))] for _ in range(40)]
    pred = [[t if rng.random() < 0.7 else rng.choice(vocab) for t in s] for s in true]
    return true, pred


@exercise("8.1")
def ex8_1(align_last: Callable[[Sequence[int | None], Sequence[int]], list[int]]) -> str:
    """`align_last(word_ids, word_labels)` labels the LAST piece of each word and puts -100 everywhere else."""
    for word_ids, word_labels in _ALIGN_CASES:
        got = align_last(word_ids, word_labels)
        if got is None:
            raise NotSolved("your function returned None: return a list with one label per token.")
        expected = _last_piece(word_ids, word_labels)
        expect(len(got) == len(word_ids), f"word_ids={word_ids}: expected {len(word_ids)} labels (one per token), "
                                          f"got {len(got)}.")
        expect([int(x) for x in got] == expected,
               f"word_ids={word_ids}, word_labels={word_labels}: expected {expected}, got {list(got)} (the label goes "
               "on the piece whose NEXT token belongs to another word; specials stay -100).")
    return "the last piece of each word carries its label; the others and the specials are ignored."


@exercise("8.2")
def ex8_2(strict_entities: Callable[[Sequence[str]], list[tuple[str, int, int]]]) -> str:
    """`strict_entities(tags)`: (type, start, end-exclusive) of every B-X I-X* run; a stray I- tag is no entity."""
    for tags in _TAG_CASES:
        got = strict_entities(tags)
        if got is None:
            raise NotSolved("your function returned None: return a list of (type, start, end) tuples.")
        expected = _strict_entities(tags)
        expect([tuple(e) for e in got] == expected,
               f"tags {tags}: expected {expected}, got {list(got)} (strict: only B-X opens an entity, I-X continues "
               "an open X, anything else closes it; end is exclusive).")
    return "your strict entities match IOB2 strict mode on every case."


@exercise("8.3")
def ex8_3(macro_f1: Callable[[Sequence[Sequence[str]], Sequence[Sequence[str]]], float]) -> str:
    """`macro_f1(true_tags, pred_tags)`: the mean of per-type entity F1 (each type counts the same)."""
    true, pred = _tag_corpus(8)
    only_per = [["B-PER" if t == "B-PER" else "O" for t in s] for s in true]
    no_misc = [[t if "MISC" not in t else "O" for t in s] for s in true]
    extra_misc = [[t if t != "O" or j % 4 else "B-MISC" for j, t in enumerate(s)] for s in no_misc]
    cases = {"random predictions": (true, pred), "perfect predictions": (true, true),
             "only PER predicted": (true, only_per), "no entity predicted": (true, [["O"] * len(s) for s in true]),
             "a type predicted that gold lacks": (no_misc, extra_misc)}
    for name, (t, p) in cases.items():
        got = macro_f1(t, p)
        if got is None:
            raise NotSolved("your function returned None: return a float between 0 and 1.")
        expected = _macro_f1(t, p)
        expect(abs(float(got) - expected) < 1e-9,
               f"{name}: expected macro F1 {expected:.4f}, got {float(got):.4f} (one F1 per type, over every type in "
               "gold or predictions, then their plain mean).")
    return "your macro F1 matches on random, perfect, one-type and empty predictions."
