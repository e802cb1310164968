"""The exercise checks of 10 accept the reference solutions and reject typical mistakes."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from bertviz_lite import checks


def test_flatten_check() -> None:
    assert checks.ex10_1(lambda b: {k: v.view(-1, v.shape[-1]) for k, v in b.items() if k != "labels"})
    assert not checks.ex10_1(lambda b: {k: v.transpose(0, 1).reshape(-1, v.shape[-1]) for k, v in b.items()
                                        if k != "labels"})  # choice-major order
    assert not checks.ex10_1(lambda b: {k: v.view(-1, v.shape[-1]) for k, v in b.items() if v.dim() == 3} | {
        "labels": b["labels"]})  # labels kept
    assert "not solved" in repr(checks.ex10_1(lambda b: None))


def masked_choice_loss(logits, choice_mask, labels):
    return F.cross_entropy(logits.masked_fill(choice_mask == 0, float("-inf")), labels)


def test_masked_choice_loss_check() -> None:
    assert checks.ex10_2(masked_choice_loss)
    assert not checks.ex10_2(lambda lg, m, y: F.cross_entropy(lg, y))  # padding ignored
    assert not checks.ex10_2(lambda lg, m, y: F.cross_entropy(lg * m, y))  # zero logit still gets probability
    assert not checks.ex10_2(lambda lg, m, y: F.cross_entropy(lg.masked_fill(m == 0, -1e9), y, reduction="sum"))


def overlap_pick(context, endings):
    words = set(context.lower().split())
    scores = [len(words & set(e.lower().split())) for e in endings]
    return scores.index(max(scores))


def test_overlap_check() -> None:
    assert checks.ex10_3(overlap_pick)
    assert not checks.ex10_3(lambda c, e: max(range(len(e)), key=lambda i: len(e[i])))  # longest ending
    assert not checks.ex10_3(lambda c, e: max(range(len(e)), key=lambda i: len(set(c.split()) & set(e[i].split()))))
    assert not checks.ex10_3(lambda c, e: torch.tensor(0))  # not an int
