"""Checks for the exercises of 05_feature_extraction."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect_close


def _padded_cases() -> list[tuple[Any, Any, str]]:
    """(hidden (B, T, H), mask (B, T), description) with padding, a single token and all-negative values."""
    import torch

    generator = torch.Generator().manual_seed(5)
    hidden = torch.randn(3, 5, 4, generator=generator)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]])
    negative = -hidden.abs() - 1.0  # every real value below zero: padding (0 after a naive mask) must not win
    hidden[1, 2:] = 100.0  # large padding values: they must never reach the result
    return [(hidden, mask, "a batch with padding"), (negative, mask, "all-negative values with padding")]


@exercise("5.1")
def ex5_1(masked_mean: Callable[[Any, Any], Any]) -> str:
    """`masked_mean(hidden, attention_mask)` averages over real tokens only: (B, T, H), (B, T) → (B, H)."""
    from ..features import pool

    for hidden, mask, what in _padded_cases():
        got = masked_mean(hidden.clone(), mask.clone())
        if got is None:
            raise NotSolved("your function returned None: return a tensor of shape (B, H).")
        expect_close(got, pool(hidden, mask, "mean"), f"masked mean on {what}")
    return "padding positions are ignored, as in features.pool(..., 'mean')."


@exercise("5.2")
def ex5_2(masked_max: Callable[[Any, Any], Any]) -> str:
    """`masked_max(hidden, attention_mask)` takes the max over real tokens only: (B, T, H), (B, T) → (B, H)."""
    from ..features import pool

    for hidden, mask, what in _padded_cases():
        got = masked_max(hidden.clone(), mask.clone())
        if got is None:
            raise NotSolved("your function returned None: return a tensor of shape (B, H).")
        expect_close(got, pool(hidden, mask, "max"), f"masked max on {what}")
    return "padding never wins the max, even against negative values."


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
