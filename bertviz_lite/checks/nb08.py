"""Checks for the exercises of 08_token_classification."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from . import CheckFailed, NotSolved, exercise, expect

_ALIGN_CASES = [
    ([None, 0, 1, 1, 2, None], [3, 0, 5]),
    ([None, 0, 0, 0, None], [1]),
    ([None, 0, 1, 2, None, None], [0, 0, 7]),  # padding after [SEP]
    ([None, 0, 1, 1, None, 2, 3, 3, None], [2, 2, 4, 4]),  # a pair of sequences: word ids restart in the second
]

_TAG_CASES = [
    ["B-PER", "I-PER", "O", "B-LOC"],
    ["O", "I-ORG", "I-ORG", "O"],
    ["B-PER", "B-PER", "I-PER"],
    ["B-MISC", "I-LOC", "O"],
    ["O", "O", "O"],
    ["I-LOC"],
]


@exercise("8.1")
def ex8_1(align: Callable[[Sequence[int | None], Sequence[int]], list[int]]) -> str:
    """`align(word_ids, word_labels)` labels the first piece of each word and puts -100 everywhere else."""
    from ..ner import align_labels

    for word_ids, word_labels in _ALIGN_CASES:
        got = align(word_ids, word_labels)
        if got is None:
            raise NotSolved("your function returned None: return a list with one label per token.")
        expected = align_labels(word_ids, word_labels)
        expect(len(got) == len(word_ids), f"word_ids={word_ids}: expected {len(word_ids)} labels (one per token), "
                                          f"got {len(got)}.")
        if list(map(int, got)) != expected:
            raise CheckFailed(f"word_ids={word_ids}, word_labels={word_labels}: expected {expected}, got {list(got)}.")
    return "special tokens and continuation pieces get -100, first pieces carry the word's label."


@exercise("8.2")
def ex8_2(bio_entities: Callable[[Sequence[str]], list[tuple[str, int, int]]]) -> str:
    """`bio_entities(tags)` returns (type, start, end-exclusive) for every entity, conlleval-style."""
    from ..ner import entities

    for tags in _TAG_CASES:
        got = bio_entities(tags)
        if got is None:
            raise NotSolved("your function returned None: return a list of (type, start, end) tuples.")
        expected = [tuple(e) for e in entities(tags)]
        if [tuple(e) for e in got] != expected:
            raise CheckFailed(f"tags {tags}: expected {expected}, got {list(got)} (end is exclusive; an I- tag after "
                              "O or after another type opens a new entity).")
    return "your entities match the conlleval rules on every case."


@exercise("8.3")
def ex8_3(entity_f1: Callable[[Sequence[Sequence[str]], Sequence[Sequence[str]]], float]) -> str:
    """`entity_f1(true_tags, pred_tags)` is the micro entity-level F1 over all sentences."""
    import random

    from ..ner import entity_scores

    rng = random.Random(8)
    vocab = ["O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC"]
    true = [[rng.choice(vocab) for _ in range(rng.randint(2, 9))] for _ in range(40)]
    pred = [[t if rng.random() < 0.75 else rng.choice(vocab) for t in s] for s in true]
    cases = [(true, pred), (true, true), (true, [["O"] * len(s) for s in true])]
    for i, (t, p) in enumerate(cases):
        got = entity_f1(t, p)
        if got is None:
            raise NotSolved("your function returned None: return a float between 0 and 1.")
        expected = entity_scores(t, p)["f1"]
        name = ["random predictions", "perfect predictions", "all-O predictions"][i]
        expect(abs(float(got) - expected) < 1e-9, f"{name}: expected F1 {expected:.4f}, got {float(got):.4f}.")
    return "your entity-level F1 matches on random, perfect and all-O predictions."
