"""Checks for the exercises of 05_feature_extraction (private reference answers, no package helper as key)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect_close


def _reference_content_mean(hidden: Any, attention_mask: Any, special_tokens_mask: Any) -> Any:
    """Private reference: mean over positions that are real (mask 1) and not special (special 0)."""
    keep = (attention_mask.bool() & ~special_tokens_mask.bool()).unsqueeze(-1).to(hidden.dtype)  # (B, T, 1)
    return (hidden * keep).sum(dim=1) / keep.sum(dim=1)


def _cases() -> list[tuple[Any, Any, Any, str]]:
    """(hidden (B, T, H), attention_mask, special_tokens_mask, description): padding, specials, one word."""
    import torch

    generator = torch.Generator().manual_seed(5)
    hidden = torch.randn(3, 6, 4, generator=generator)
    hidden[:, 0] += 50.0  # a loud [CLS]: averaging it in is visible
    attention = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 0, 0]])
    special = torch.tensor([[1, 0, 0, 0, 0, 1], [1, 0, 1, 1, 1, 1], [1, 0, 0, 1, 1, 1]])  # [CLS] … [SEP] [PAD]…
    hidden[1, 3:] = 100.0  # large padding values must never reach the result
    return [(hidden, attention, special, "a batch with [CLS], [SEP] and padding")]


@exercise("5.1")
def ex5_1(content_mean: Callable[[Any, Any, Any], Any]) -> str:
    """`content_mean(hidden, attention_mask, special_tokens_mask)`: mean over real, non-special tokens → (B, H)."""
    for hidden, attention, special, what in _cases():
        got = content_mean(hidden.clone(), attention.clone(), special.clone())
        if got is None:
            raise NotSolved("your function returned None: return a tensor of shape (B, H).")
        expect_close(got, _reference_content_mean(hidden, attention, special), f"content mean on {what}")
    return "[CLS], [SEP] and padding are all left out of the average."


@exercise("5.2")
def ex5_2(mcnemar_p: Callable[[Any, Any], float]) -> str:
    """`mcnemar_p(correct_a, correct_b)`: exact two-sided McNemar p-value from per-example correctness flags."""
    from scipy.stats import binomtest

    cases = [([1, 1, 0, 0, 1, 1, 1, 0], [1, 0, 0, 1, 0, 0, 0, 0]), ([1] * 30 + [0] * 10, [1] * 25 + [0] * 15),
             ([1, 0, 1, 0], [1, 0, 1, 0]), ([1] * 20 + [0] * 5, [0] * 20 + [1] * 5)]
    for a, b in cases:
        a_only = sum(x and not y for x, y in zip(a, b))
        b_only = sum(y and not x for x, y in zip(a, b))
        expected = 1.0 if a_only + b_only == 0 else binomtest(a_only, a_only + b_only, 0.5).pvalue
        got = mcnemar_p(list(a), list(b))
        if got is None:
            raise NotSolved("your function returned None: return the p-value, a float in [0, 1].")
        if abs(float(got) - expected) > 1e-9:
            hint = " Only examples where the models disagree count." if a_only + b_only < len(a) else ""
            raise CheckFailed(f"A right on {a_only} examples B gets wrong, B right on {b_only} A gets wrong: "
                              f"expected p = {expected:.4f}, got {float(got):.4f}.{hint}")
    return "the paired test the pooling ladder uses: only the disagreements carry evidence."


@exercise("5.3")
def ex5_3(majority_accuracy: Callable[[Any, Any], float]) -> str:
    """`majority_accuracy(train_labels, eval_labels)`: accuracy of always predicting the train majority label."""
    cases = [([1, 1, 0], [1, 0, 0, 0], 0.25), ([0, 0, 1], [0, 1], 0.5), ([0, 1], [1, 1, 0], 1 / 3),
             ([2, 2, 1, 0], [2, 2, 2, 0], 0.75)]
    for train, evaluation, expected in cases:
        got = majority_accuracy(train, evaluation)
        if got is None:
            raise NotSolved("your function returned None: return a float between 0 and 1.")
        if abs(float(got) - expected) > 1e-9:
            raise CheckFailed(f"train labels {train}, eval labels {evaluation}: expected {expected:.3f}, got {float(got):.3f}"
                              + (" (ties go to the smaller label)" if train == [0, 1] else "") + ".")
    return "the majority-class baseline, the first number to beat."
