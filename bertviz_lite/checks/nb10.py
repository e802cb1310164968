"""Checks for the exercises of 10_multiple_choice."""
from __future__ import annotations

from collections.abc import Callable

from . import CheckFailed, NotSolved, exercise, expect, expect_close


def _choice_batch(batch_size: int = 2, num_choices: int = 3, seq_len: int = 5) -> dict:
    import torch

    generator = torch.Generator().manual_seed(10)
    ids = torch.randint(5, 100, (batch_size, num_choices, seq_len), generator=generator)
    return {"input_ids": ids, "attention_mask": torch.ones_like(ids), "token_type_ids": torch.zeros_like(ids),
            "labels": torch.tensor([1, 2])[:batch_size]}


@exercise("10.1")
def ex10_1(flatten_choices: Callable[..., object]) -> str:
    """`flatten_choices(batch)` turns (B, C, T) tensors into (B·C, T) and drops `labels`."""
    batch = _choice_batch()
    got = flatten_choices({k: v.clone() for k, v in batch.items()})
    if got is None:
        raise NotSolved("your function returned None: return a dict of tensors.")
    expect(isinstance(got, dict), f"return a dict, got {type(got).__name__}.")
    expect("labels" not in got, "leave `labels` out: they stay (B,), one per question.")
    missing = {"input_ids", "attention_mask", "token_type_ids"} - set(got)
    expect(not missing, f"keep every input tensor; missing {sorted(missing)}.")
    for key in ("input_ids", "attention_mask", "token_type_ids"):
        expected = batch[key].reshape(-1, batch[key].shape[-1])
        if tuple(got[key].shape) != tuple(expected.shape):
            raise CheckFailed(f"{key}: expected shape {tuple(expected.shape)}, got {tuple(got[key].shape)}.")
        expect(bool((got[key] == expected).all()), f"{key}: right shape but the rows are in the wrong order.")
    return "(2, 3, 5) → (6, 5), question by question, choice by choice."


@exercise("10.2")
def ex10_2(choice_loss: Callable[..., object]) -> str:
    """`choice_loss(scores, num_choices, labels)` is cross-entropy over the reshaped (B, C) scores."""
    import torch
    import torch.nn.functional as F

    generator = torch.Generator().manual_seed(11)
    for batch_size, num_choices in ((2, 4), (3, 2), (1, 16)):
        scores = torch.randn(batch_size * num_choices, 1, generator=generator) * 3
        labels = torch.randint(0, num_choices, (batch_size,), generator=generator)
        got = choice_loss(scores.clone(), num_choices, labels.clone())
        if got is None:
            raise NotSolved("your function returned None: return a scalar tensor.")
        expected = F.cross_entropy(scores.view(batch_size, num_choices), labels)
        expect_close(got, expected, f"batch {batch_size} × {num_choices} choices", atol=1e-5)
    return "your loss matches BertForMultipleChoice's for 2, 4 and 16 choices."


@exercise("10.3")
def ex10_3(choice_accuracy: Callable[..., object]) -> str:
    """`choice_accuracy(logits, labels)` is the fraction of rows whose argmax is the label."""
    import torch

    cases = [(torch.tensor([[0.1, 2.0, 0.3, 0.0], [3.0, 0.0, 0.0, 1.0]]), torch.tensor([1, 3]), 0.5),
             (torch.tensor([[5.0, 1.0], [0.0, 1.0], [2.0, -1.0]]), torch.tensor([0, 1, 0]), 1.0),
             (torch.tensor([[0.0, 1.0, 2.0]]), torch.tensor([0]), 0.0)]
    for logits, labels, expected in cases:
        got = choice_accuracy(logits.clone(), labels.clone())
        if got is None:
            raise NotSolved("your function returned None: return a float.")
        expect(isinstance(got, float), f"return a Python float, got {type(got).__name__}.")
        expect(abs(got - expected) < 1e-6, f"logits {logits.tolist()}, labels {labels.tolist()}: "
                                           f"expected {expected}, got {got}.")
    return "accuracy over choices is right, including 0 % and 100 %."
