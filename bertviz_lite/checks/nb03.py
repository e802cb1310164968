"""Checks for the exercises of 03_self_attention."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import CheckFailed, NotSolved, exercise, expect, expect_close


@exercise("3.1")
def ex3_1(causal_mask: Callable[[int], Any]) -> str:
    """`causal_mask(T)` is the additive (T, T) mask of a decoder: 0 where key j <= query i, very negative above."""
    import torch

    for t in (1, 4, 7):
        got = causal_mask(t)
        if got is None:
            raise NotSolved("your function returned None: return a (T, T) float tensor.")
        got = torch.as_tensor(got, dtype=torch.float32)
        expect(tuple(got.shape) == (t, t), f"causal_mask({t}): expected shape ({t}, {t}), got {tuple(got.shape)}.")
        allowed = torch.tril(torch.ones(t, t, dtype=torch.bool))
        expect(bool((got[allowed] == 0).all()), f"causal_mask({t}): the diagonal and below must be 0 "
                                                "(a token sees itself and the past).")
        expect(bool((got[~allowed] <= -1e9).all()), f"causal_mask({t}): above the diagonal must be -inf or a "
                                                   "huge negative number (e.g. torch.finfo(torch.float32).min).")
    g = torch.Generator().manual_seed(3)
    q, k, v = (torch.randn(2, 3, 6, 4, generator=g) for _ in range(3))  # (B, H, T, d)
    weights = (q @ k.transpose(-2, -1) / 2 + causal_mask(6)).softmax(-1)
    expect_close(weights @ v, torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True),
                 "attention with your mask compared with scaled_dot_product_attention(is_causal=True)")
    return "your mask hides the future exactly like is_causal=True."


@exercise("3.2")
def ex3_2(split_heads: Callable[[Any, int], Any], merge_heads: Callable[[Any], Any]) -> str:
    """`split_heads(x, heads)`: (B, T, heads*d) -> (B, heads, T, d); `merge_heads` undoes it."""
    import torch

    x = torch.arange(2 * 3 * 8, dtype=torch.float32).reshape(2, 3, 8)  # (B, T, hidden)
    got = split_heads(x, 4)
    if got is None:
        raise NotSolved("split_heads returned None: return a tensor.")
    expect(tuple(got.shape) == (2, 4, 3, 2), f"split_heads: expected shape (2, 4, 3, 2), got {tuple(got.shape)}.")
    want = x.view(2, 3, 4, 2).transpose(1, 2)
    if not torch.equal(got, want):
        raise CheckFailed("split_heads: right shape, wrong order: head h must hold features h*d .. (h+1)*d - 1 "
                          "(view as (B, T, heads, d), then swap T and heads).")
    back = merge_heads(got)
    if back is None:
        raise NotSolved("merge_heads returned None: return a tensor.")
    expect(tuple(back.shape) == (2, 3, 8), f"merge_heads: expected shape (2, 3, 8), got {tuple(back.shape)}.")
    expect(torch.equal(back, x), "merge_heads(split_heads(x)) must give x back exactly.")
    return "heads split and merge back exactly, as in BertSelfAttention."


@exercise("3.3")
def ex3_3(attended_distance: Callable[[Any], Any]) -> str:
    """`attended_distance(weights)`: weights (layers, heads, T, T) -> mean |i - j| weighted by attention, (layers, heads)."""
    import torch

    from ..models import load_model, load_tokenizer

    toy = torch.zeros(1, 2, 3, 3)
    toy[0, 0] = torch.eye(3)  # every token looks at itself: distance 0
    toy[0, 1, :, 0] = 1  # every token looks at position 0: distances 0, 1, 2 -> mean 1
    got = attended_distance(toy)
    if got is None:
        raise NotSolved("your function returned None: return a (layers, heads) tensor or array.")
    expect_close(got, [[0.0, 1.0]], "toy heads (one looks at itself, one at position 0)")
    tokenizer, model = load_tokenizer(), load_model()
    batch = tokenizer("Attention heads differ in how far they look.", return_tensors="pt")
    with torch.no_grad():
        weights = torch.cat(model(**batch, output_attentions=True).attentions)  # (layers, heads, T, T)
    expect_close(got := attended_distance(weights), _reference_distance(weights),
                 "distances of the real model's heads", atol=1e-4)
    return (f"right on the real model too: its heads' mean distances range from {float(torch.as_tensor(got).min()):.2f} "
            f"to {float(torch.as_tensor(got).max()):.2f} tokens.")


def _reference_distance(weights: Any) -> Any:
    """The check's own answer: mean over queries i of sum_j w[i, j] |i - j|, shape (layers, heads)."""
    import torch

    w = torch.as_tensor(weights, dtype=torch.float64)
    positions = torch.arange(w.shape[-1], dtype=torch.float64)
    return (w * (positions[:, None] - positions[None, :]).abs()).sum(-1).mean(-1)
