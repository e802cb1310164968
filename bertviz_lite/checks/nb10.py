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
def ex10_2(masked_choice_loss: Callable[..., object]) -> str:
    """`masked_choice_loss(logits, choice_mask, labels)`: cross-entropy over the real choices only.

    Questions with fewer endings are padded to C choices; a padded choice (mask 0) must get no probability.
    """
    import torch

    generator = torch.Generator().manual_seed(12)
    logits = torch.randn(3, 4, generator=generator) * 2
    logits[0, 3] = 9.0  # a padded choice with a large score: it must not steal probability
    choice_mask = torch.tensor([[1, 1, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1]])
    labels = torch.tensor([2, 1, 0])
    got = masked_choice_loss(logits.clone(), choice_mask.clone(), labels.clone())
    if got is None:
        raise NotSolved("your function returned None: return a scalar tensor.")
    got = torch.as_tensor(got, dtype=torch.float64)
    expect(got.dim() == 0, f"return one number (the mean over questions), got shape {tuple(got.shape)}.")
    expected = torch.stack([-(logits[i, :k].log_softmax(-1)[labels[i]]) for i, k in enumerate((3, 2, 4))]).mean()
    plain = torch.nn.functional.cross_entropy(logits, labels)
    expect(not torch.isclose(got, plain.double(), atol=1e-5), "the padded choices still count: mask them out "
                                                             "before the softmax (e.g. a very negative logit).")
    expect_close(got, expected, "loss over the real choices", atol=1e-5)
    uniform = torch.zeros(1, 3)
    one_real = masked_choice_loss(uniform, torch.tensor([[1, 0, 0]]), torch.tensor([0]))
    expect_close(one_real, 0.0, "a question with a single real choice (its loss must be 0, not NaN)", atol=1e-6)
    return "padded choices get no probability; one real choice gives loss 0."


def _reference_overlap_pick(context: str, endings: list[str]) -> int:
    """Private reference: the ending sharing the most lower-cased word types with the context (first on ties)."""
    words = set(context.lower().split())
    scores = [len(words & set(e.lower().split())) for e in endings]
    return scores.index(max(scores))


@exercise("10.3")
def ex10_3(overlap_pick: Callable[..., object]) -> str:
    """`overlap_pick(context, endings)` is the word-overlap baseline: index of the ending sharing most words."""
    cases = [
        ("The chef slices onions on a board.", ["He sings a song.", "The chef slices the onions thinly.",
                                                "A dog barks."]),
        ("Rain falls on the city", ["the sun rises", "children play outside", "rain keeps falling on the city"]),
        ("The Dog runs home", ["the dog sleeps", "runs away quickly"]),  # case must not matter
        ("A man opens a door", ["a man waits", "the door opens", "nothing happens at all"]),  # tie: first wins
        ("", ["one", "two"]),
    ]
    for context, endings in cases:
        got = overlap_pick(context, list(endings))
        if got is None:
            raise NotSolved("your function returned None: return the index of the chosen ending.")
        expected = _reference_overlap_pick(context, endings)
        expect(isinstance(got, int), f"return an int index, got {type(got).__name__}.")
        expect(got == expected, f"context {context!r}: expected ending {expected} ({endings[expected]!r}), got {got}. "
                                "Count shared lower-cased words; on a tie keep the first ending.")
    return "your overlap baseline picks like the reference, ties and empty context included."
