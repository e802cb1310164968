"""Exercise checks of 08 and 09 accept a right answer, reject the typical mistakes, and their private references
agree with the libraries (seqeval's strict mode and macro average, the fast tokenizer's windows)."""
from __future__ import annotations

import math
from collections import Counter

import pytest
import torch

from bertviz_lite import checks
from bertviz_lite.checks import nb08, nb09

# ---------------------------------------------------------------- 8.1 last-piece alignment


def align_last(word_ids, word_labels):
    labels = []
    for i, word in enumerate(word_ids):
        nxt = word_ids[i + 1] if i + 1 < len(word_ids) else None
        labels.append(-100 if word is None or nxt == word else word_labels[word])
    return labels


def align_first(word_ids, word_labels):  # the rule of the lesson, not the exercise
    labels, previous = [], None
    for word in word_ids:
        labels.append(-100 if word is None or word == previous else word_labels[word])
        previous = word
    return labels


def align_last_specials_zero(word_ids, word_labels):
    return [0 if w is None else x for w, x in zip(word_ids, align_last(word_ids, word_labels))]


def align_every_piece(word_ids, word_labels):
    return [-100 if w is None else word_labels[w] for w in word_ids]


def test_8_1_accepts_the_last_piece_rule() -> None:
    assert checks.ex8_1(align_last)


@pytest.mark.parametrize("mistake", [align_first, align_last_specials_zero, align_every_piece,
                                     lambda w, lab: None, lambda w, lab: align_last(w, lab)[:-1]])
def test_8_1_rejects_typical_mistakes(mistake) -> None:
    assert not checks.ex8_1(mistake)


# ---------------------------------------------------------------- 8.2 strict entities


def strict_entities(tags):
    found, label, start = [], None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        if label is not None and tag != "I-" + label:
            found.append((label, start, i))
            label = None
        if tag.startswith("B-"):
            label, start = tag[2:], i
    return found


def lenient_entities(tags):
    return sorted(nb08._lenient_entities(tags), key=lambda e: e[1])


def strict_but_inclusive_end(tags):
    return [(t, s, e - 1) for t, s, e in strict_entities(tags)]


def strict_forgets_last(tags):
    found, label, start = [], None, 0
    for i, tag in enumerate(tags):
        if label is not None and tag != "I-" + label:
            found.append((label, start, i))
            label = None
        if tag.startswith("B-"):
            label, start = tag[2:], i
    return found


def test_8_2_accepts_strict_entities() -> None:
    assert checks.ex8_2(strict_entities)


@pytest.mark.parametrize("mistake", [lenient_entities, strict_but_inclusive_end, strict_forgets_last])
def test_8_2_rejects_typical_mistakes(mistake) -> None:
    assert not checks.ex8_2(mistake)


def test_8_2_reference_equals_seqeval_strict_mode() -> None:
    from seqeval.scheme import IOB2, Entities

    for tags in nb08._TAG_CASES:
        theirs = sorted((e.tag, e.start, e.end) for e in Entities([tags], IOB2, suffix=False).entities[0])
        assert sorted(nb08._strict_entities(tags)) == theirs, tags


# ---------------------------------------------------------------- 8.3 macro F1


def macro_f1(true_tags, pred_tags):
    gold = {(i, *e) for i, t in enumerate(true_tags) for e in nb08._lenient_entities(t)}
    pred = {(i, *e) for i, p in enumerate(pred_tags) for e in nb08._lenient_entities(p)}
    types = {e[1] for e in gold | pred}
    f1s = [2 * len({e for e in gold & pred if e[1] == k}) / (sum(e[1] == k for e in gold) + sum(e[1] == k for e in pred))
           for k in types]
    return sum(f1s) / len(f1s) if f1s else 0.0


def micro_f1(true_tags, pred_tags):
    gold = {(i, *e) for i, t in enumerate(true_tags) for e in nb08._lenient_entities(t)}
    pred = {(i, *e) for i, p in enumerate(pred_tags) for e in nb08._lenient_entities(p)}
    return 2 * len(gold & pred) / (len(gold) + len(pred)) if gold & pred else 0.0


def macro_over_gold_types_only(true_tags, pred_tags):
    gold = {(i, *e) for i, t in enumerate(true_tags) for e in nb08._lenient_entities(t)}
    pred = {(i, *e) for i, p in enumerate(pred_tags) for e in nb08._lenient_entities(p)}
    types = {e[1] for e in gold}
    f1s = [2 * len({e for e in gold & pred if e[1] == k}) / (sum(e[1] == k for e in gold) + sum(e[1] == k for e in pred))
           for k in types]
    return sum(f1s) / len(f1s) if f1s else 0.0


def support_weighted(true_tags, pred_tags):
    gold = {(i, *e) for i, t in enumerate(true_tags) for e in nb08._lenient_entities(t)}
    pred = {(i, *e) for i, p in enumerate(pred_tags) for e in nb08._lenient_entities(p)}
    support = Counter(e[1] for e in gold)
    total = sum(support.values())
    return sum(n / total * 2 * len({e for e in gold & pred if e[1] == k}) /
               (n + sum(e[1] == k for e in pred)) for k, n in support.items())


def test_8_3_accepts_macro_f1() -> None:
    assert checks.ex8_3(macro_f1)


@pytest.mark.parametrize("mistake", [micro_f1, macro_over_gold_types_only, support_weighted])
def test_8_3_rejects_typical_mistakes(mistake) -> None:
    assert not checks.ex8_3(mistake)


def test_8_3_reference_equals_seqeval_macro_average() -> None:
    from seqeval.metrics import f1_score

    true, pred = nb08._tag_corpus(8)
    only_per = [["B-PER" if t == "B-PER" else "O" for t in s] for s in true]
    for p in (pred, true, only_per):
        assert nb08._macro_f1(true, p) == pytest.approx(f1_score(true, p, average="macro", zero_division=0))
    no_misc = [[t if "MISC" not in t else "O" for t in s] for s in true]
    extra_misc = [[t if t != "O" or j % 4 else "B-MISC" for j, t in enumerate(s)] for s in no_misc]
    assert nb08._macro_f1(no_misc, extra_misc) == pytest.approx(
        f1_score(no_misc, extra_misc, average="macro", zero_division=0))


# ---------------------------------------------------------------- 9.1 number of windows


def num_windows(q, c, max_length, stride):
    room = max_length - q - 3
    return 1 if c <= room else 1 + math.ceil((c - room) / (room - stride))


def windows_without_specials(q, c, max_length, stride):
    room = max_length - q
    return 1 if c <= room else 1 + math.ceil((c - room) / (room - stride))


def windows_step_is_room(q, c, max_length, stride):
    room = max_length - q - 3
    return math.ceil(c / room) if c else 1


def windows_floor(q, c, max_length, stride):
    room = max_length - q - 3
    return 1 if c <= room else 1 + (c - room) // (room - stride)


def test_9_1_accepts_the_window_count() -> None:
    assert checks.ex9_1(num_windows)


@pytest.mark.parametrize("mistake", [windows_without_specials, windows_step_is_room, windows_floor])
def test_9_1_rejects_typical_mistakes(mistake) -> None:
    assert not checks.ex9_1(mistake)


def test_9_1_reference_equals_the_fast_tokenizer() -> None:
    from bertviz_lite.models import load_tokenizer

    tokenizer = load_tokenizer()
    for q, c, max_length, stride in nb09._WINDOW_CASES:
        question, context = " ".join(["what"] * q), " ".join(["river"] * c)
        enc = tokenizer(question, context, truncation="only_second", max_length=max_length, stride=stride,
                        return_overflowing_tokens=True)
        assert len(enc["input_ids"]) == nb09._num_windows(q, c, max_length, stride), (q, c, max_length, stride)


# ---------------------------------------------------------------- 9.2 answer or abstain


def answer_or_null(start, end, in_context, max_len, threshold=0.0):
    pairs = [(i, j) for i in range(len(in_context)) for j in range(i, min(i + max_len, len(in_context)))
             if in_context[i] and in_context[j]]
    best = max(pairs, key=lambda ij: float(start[ij[0]] + end[ij[1]]))
    null = float(start[0] + end[0])
    return None if null - float(start[best[0]] + end[best[1]]) > threshold else best


def always_answers(start, end, in_context, max_len, threshold=0.0):
    return answer_or_null(start, end, in_context, max_len, threshold=math.inf)


def threshold_sign_flipped(start, end, in_context, max_len, threshold=0.0):
    return answer_or_null(start, end, in_context, max_len, threshold=-threshold)


def cls_as_a_candidate(start, end, in_context, max_len, threshold=0.0):
    allowed = [True] + list(in_context[1:])
    best = answer_or_null(start, end, allowed, max_len, threshold=math.inf)
    return None if best == (0, 0) else best


def test_9_2_accepts_the_squad2_rule() -> None:
    assert checks.ex9_2(answer_or_null)


@pytest.mark.parametrize("mistake", [always_answers, threshold_sign_flipped, cls_as_a_candidate])
def test_9_2_rejects_typical_mistakes(mistake) -> None:
    assert not checks.ex9_2(mistake)


def test_9_2_reference_agrees_with_best_spans_when_it_answers() -> None:
    from bertviz_lite import qa

    generator = torch.Generator().manual_seed(1)
    in_context = [4 <= i < 11 for i in range(12)]
    offsets = [(i, i + 1) if ok else None for i, ok in enumerate(in_context)]
    for _ in range(20):
        start, end = torch.randn(12, generator=generator), torch.randn(12, generator=generator)
        ours = nb09._answer_or_null(start.tolist(), end.tolist(), in_context, 3, math.inf)
        top = qa.best_spans(start, end, offsets, max_answer_length=3, n_best=1)[0]
        assert ours == (top.start, top.end)


def test_checks_do_not_use_the_package_helpers_as_answer_keys() -> None:
    import ast
    import inspect

    for module in (nb08, nb09):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").endswith(("ner", "qa")), f"{module.__name__} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.endswith((".ner", ".qa")) for a in node.names)
