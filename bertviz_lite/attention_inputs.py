"""Attention as the model returns it, checked and reshaped for the views, the statistics and the static figures.

Taught in 03_self_attention. A model run with `output_attentions=True` returns one tensor per layer of shape
(batch, heads, T_query, T_key); the views and statistics take one example: layers x (1, heads, T, T).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["EAGER_HINT", "stack_attention", "as_stacked", "prettify", "trim_padding"]

EAGER_HINT = ("run the model with output_attentions=True (load it with attn_implementation='eager', as "
              "bertviz_lite.models.load_model does) and pass outputs.attentions")


def _as_numpy(x: Any) -> np.ndarray:
    """A float32 NumPy copy of a torch tensor or array-like."""
    if hasattr(x, "detach"):
        x = x.detach().to("cpu").float().numpy()
    return np.asarray(x, dtype=np.float32)


def stack_attention(attention: Any, include_layers: Sequence[int] | None = None,
                    include_heads: Sequence[int] | None = None) -> np.ndarray:
    """Check and stack per-layer attention (1, heads, Tq, Tk) into one array (layers, heads, Tq, Tk).

    Raises ValueError (naming the fix) for None, an empty tuple, a batch larger than 1, layers of different shapes,
    0 positions, or `include_layers` / `include_heads` outside the available range.
    """
    if attention is None:
        raise ValueError(f"no attention given: {EAGER_HINT}.")
    if hasattr(attention, "ndim") and attention.ndim == 5:  # already stacked (layers, 1, heads, Tq, Tk)
        attention = list(attention)
    if not isinstance(attention, (list, tuple)) or len(attention) == 0:
        raise ValueError(f"attention must be a non-empty tuple with one tensor per layer: {EAGER_HINT}.")
    layers = []
    for i, layer in enumerate(attention):
        if layer is None:
            raise ValueError(f"layer {i} has no attention weights (None): {EAGER_HINT}.")
        a = _as_numpy(layer)
        if a.ndim != 4:
            raise ValueError(f"layer {i}: expected shape (batch=1, heads, T, T), got {tuple(a.shape)}; {EAGER_HINT}.")
        if a.shape[0] != 1:
            raise ValueError(f"layer {i}: expected a batch of 1, got {a.shape[0]}; pick one example, e.g. "
                             "trim_padding(outputs.attentions, tokens, batch['attention_mask'], index=0).")
        if layers and a.shape[1:] != layers[0].shape:
            raise ValueError(f"layer {i} has shape {tuple(a.shape)} but layer 0 has {(1, *layers[0].shape)}.")
        layers.append(a[0])
    stacked = np.stack(layers)  # (layers, heads, Tq, Tk)
    if stacked.shape[1] == 0:
        raise ValueError("the attention has 0 heads; pass the model's attentions unchanged.")
    if stacked.shape[2] == 0 or stacked.shape[3] == 0:
        raise ValueError("empty input: the attention covers 0 tokens; give at least one token.")
    for name, chosen, size in (("include_layers", include_layers, stacked.shape[0]),
                               ("include_heads", include_heads, stacked.shape[1])):
        if chosen is not None and (not len(chosen) or any(not 0 <= int(k) < size for k in chosen)):
            raise ValueError(f"{name} must list indices in 0..{size - 1}, got {list(chosen)}.")
    if include_layers is not None:
        stacked = stacked[[int(k) for k in include_layers]]
    if include_heads is not None:
        stacked = stacked[:, [int(k) for k in include_heads]]
    return stacked


def as_stacked(attention: Any) -> np.ndarray:
    """Self-attention as one float32 array (layers, heads, T, T).

    Accepts a tuple of (1, heads, T, T) tensors (what the model returns) or an already stacked 4-D array.
    Raises ValueError as `stack_attention` does, and when the matrices are not square (T_query != T_key).
    """
    if hasattr(attention, "ndim") and attention.ndim == 4:
        attention = [a[None] for a in attention]
    stacked = stack_attention(attention)
    if stacked.shape[2] != stacked.shape[3]:
        raise ValueError(f"self-attention must be square (T, T), got {stacked.shape[2:]}.")
    return stacked


def prettify(tokens: Sequence[str]) -> list[str]:
    """Tokens with byte-level/SentencePiece markers made readable ('Ġ', '▁' -> space, '</w>' dropped)."""
    return [str(t).replace("Ġ", " ").replace("▁", " ").replace("</w>", "") for t in tokens]


def trim_padding(attention: Any, tokens: Sequence[str], attention_mask: Any, index: int = 0) -> tuple[tuple, list[str]]:
    """Example `index` of a padded batch: attention (1, heads, t, t) per layer and tokens without padding.

    attention: layers x (B, heads, T, T); tokens: T strings (or B lists of T); attention_mask: (B, T) or (T,).
    Raises ValueError when `index` is outside the batch, the lengths disagree or the example has no real token.
    """
    mask = _as_numpy(attention_mask)
    if mask.ndim == 1:
        mask = mask[None]
    if mask.ndim != 2 or not 0 <= index < mask.shape[0]:
        raise ValueError(f"attention_mask must be (batch, T) with index < batch; got {tuple(mask.shape)}, index {index}.")
    if tokens and not isinstance(tokens[0], str):  # a list of token lists, one per example
        tokens = tokens[index]
    if len(tokens) != mask.shape[1]:
        raise ValueError(f"got {len(tokens)} tokens for an attention_mask of length {mask.shape[1]}.")
    keep = [int(k) for k in np.flatnonzero(mask[index] > 0)]
    if not keep:
        raise ValueError(f"example {index} has no real token: its attention_mask is all 0.")
    if attention is None or not len(attention) or any(a is None for a in attention):
        raise ValueError(f"no attention given: {EAGER_HINT}.")
    trimmed = tuple(layer[index:index + 1][:, :, keep][:, :, :, keep] for layer in attention)
    return trimmed, [tokens[k] for k in keep]
