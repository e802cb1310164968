"""Static matplotlib twins of the attention views and of the per-head statistics (for exports and headless runs).

Taught in 03_self_attention. Every function takes attention as the model returns it (layers x (1, heads, T, T))
or stacked (layers, heads, T, T) and returns a matplotlib Figure (no printing, no files). Text is at least 8 pt
and every heatmap has a colourbar.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .attention_inputs import as_stacked

if TYPE_CHECKING:
    from .head_stats import HeadStats

__all__ = ["MIN_FONT_SIZE", "plot_head_statistics", "plot_heads", "plot_model_grid", "plot_head_lines"]

MIN_FONT_SIZE = 8  # points: the smallest text any figure of this module draws


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    """Code points the default matplotlib font can draw."""
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont

    return frozenset(ft2font.FT2Font(findfont(FontProperties())).get_charmap())


def _labels(tokens: Sequence[str]) -> list[str]:
    """Token texts safe as matplotlib labels: '$' escaped (mathtext), glyphs the font lacks shown as '□'."""
    chars = _font_chars()
    return ["".join(ch if ord(ch) in chars else "□" for ch in str(t)).replace("$", r"\$") for t in tokens]


def _check_tokens(tokens: Sequence[str] | None, t: int) -> None:
    if tokens is not None and len(tokens) != t:
        raise ValueError(f"the attention covers {t} positions but got {len(tokens)} tokens.")


def plot_head_statistics(stats: HeadStats, title: str = "Per-head attention statistics") -> Any:
    """Four heatmaps (layers x heads) with colourbars: entropy, weight on [CLS], weight on [SEP], mean distance."""
    import matplotlib.pyplot as plt

    panels = [("entropy (bits)", stats.entropy, "viridis", (0, stats.max_entropy)),
              ("weight on [CLS]", stats.to_cls, "magma", (0, 1)), ("weight on [SEP]", stats.to_sep, "magma", (0, 1)),
              ("mean distance (tokens)", stats.distance, "cividis", (0, None))]
    layers, heads = np.shape(stats.entropy)
    fig, axes = plt.subplots(1, 4, figsize=(8, 1.2 + 0.3 * layers), sharey=True, dpi=100)
    for ax, (name, values, cmap, (lo, hi)) in zip(axes, panels, strict=True):
        im = ax.imshow(values, cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("head", fontsize=9)
        ax.set_xticks(range(0, heads, max(1, heads // 4)))
        ax.set_yticks(range(layers))
        ax.tick_params(labelsize=MIN_FONT_SIZE)
        bar = fig.colorbar(im, ax=ax, fraction=0.08, pad=0.03)
        bar.ax.tick_params(labelsize=MIN_FONT_SIZE)
    axes[0].set_ylabel("layer", fontsize=9)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def plot_heads(attention: Any, tokens: Sequence[str], layer: int, heads: Sequence[int] | None = None,
               max_labels: int = 16) -> Any:
    """Grid of heatmaps (query rows x key columns), one per head of `layer`, one colourbar: the head view, static.

    At most `max_labels` token labels per axis (every k-th token beyond that). Raises ValueError for a layer or
    head outside the attention, or tokens that do not match it.
    """
    import matplotlib.pyplot as plt

    a = as_stacked(attention)
    _check_tokens(tokens, a.shape[-1])
    if not 0 <= layer < a.shape[0]:
        raise ValueError(f"layer must be in 0..{a.shape[0] - 1}, got {layer}.")
    heads = list(range(a.shape[1])) if heads is None else [int(h) for h in heads]
    if not heads or any(not 0 <= h < a.shape[1] for h in heads):
        raise ValueError(f"heads must list indices in 0..{a.shape[1] - 1}, got {heads}.")
    if max_labels < 1:
        raise ValueError(f"max_labels must be at least 1, got {max_labels}.")
    cols = min(4, len(heads))
    rows = -(-len(heads) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8, 2.3 * rows + 0.6), squeeze=False, dpi=100)
    labels = _labels(tokens)
    step = math.ceil(len(labels) / max_labels)
    ticks = list(range(0, len(labels), step))
    for ax in axes.flat[len(heads):]:
        ax.axis("off")
    for ax, h in zip(axes.flat, heads):
        image = ax.imshow(a[layer, h], cmap="Blues", vmin=0, vmax=1)
        ax.set_title(f"head {h}", fontsize=9)
        ax.set_xlabel("key", fontsize=MIN_FONT_SIZE)
        ax.set_ylabel("query", fontsize=MIN_FONT_SIZE)
        ax.set_xticks(ticks, [labels[k] for k in ticks], rotation=90, fontsize=MIN_FONT_SIZE)
        ax.set_yticks(ticks, [labels[k] for k in ticks], fontsize=MIN_FONT_SIZE)
    fig.suptitle(f"Attention of layer {layer} (row: query token, column: key token)", fontsize=10)
    fig.tight_layout()
    bar = fig.colorbar(image, ax=axes.ravel().tolist(), fraction=0.02, pad=0.02, label="attention weight")
    bar.ax.tick_params(labelsize=MIN_FONT_SIZE)
    return fig


def plot_model_grid(attention: Any, tokens: Sequence[str] | None = None, include_layers: Sequence[int] | None = None,
                    include_heads: Sequence[int] | None = None) -> Any:
    """Layers x heads grid of small heatmaps with one colourbar: the model view, static."""
    import matplotlib.pyplot as plt

    a = as_stacked(attention)
    _check_tokens(tokens, a.shape[-1])
    layers = list(range(a.shape[0])) if include_layers is None else [int(k) for k in include_layers]
    heads = list(range(a.shape[1])) if include_heads is None else [int(k) for k in include_heads]
    for name, chosen, size in (("include_layers", layers, a.shape[0]), ("include_heads", heads, a.shape[1])):
        if not chosen or any(not 0 <= k < size for k in chosen):
            raise ValueError(f"{name} must list indices in 0..{size - 1}, got {chosen}.")
    size = min(7.0 / len(heads), 0.9)
    fig, axes = plt.subplots(len(layers), len(heads), figsize=(8, size * len(layers) + 0.9), squeeze=False, dpi=100)
    for r, layer in enumerate(layers):
        for c, head in enumerate(heads):
            ax = axes[r, c]
            image = ax.imshow(a[layer, head], cmap="Blues", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            if r == len(layers) - 1:
                ax.set_xlabel(f"H{head}", fontsize=MIN_FONT_SIZE)
            if c == 0:
                ax.set_ylabel(f"L{layer}", fontsize=MIN_FONT_SIZE)
    fig.suptitle("Every head (H) of every layer (L); rows: queries, columns: keys", fontsize=10)
    fig.subplots_adjust(wspace=0.05, hspace=0.05, right=0.88)
    bar = fig.colorbar(image, ax=axes.ravel().tolist(), fraction=0.02, pad=0.02)
    bar.set_label("weight", fontsize=MIN_FONT_SIZE)
    bar.ax.tick_params(labelsize=MIN_FONT_SIZE)
    return fig


def plot_head_lines(attention: Any, tokens: Sequence[str], layer: int, head: int, min_weight: float = 0.02) -> Any:
    """bertviz-style lines from each query token (left) to the key tokens (right), opacity = weight."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    stacked = as_stacked(attention)
    if not (0 <= layer < stacked.shape[0] and 0 <= head < stacked.shape[1]):
        raise ValueError(f"layer must be in 0..{stacked.shape[0] - 1} and head in 0..{stacked.shape[1] - 1}, "
                         f"got layer {layer}, head {head}.")
    if not 0 <= min_weight <= 1:
        raise ValueError(f"min_weight must be in [0, 1], got {min_weight}.")
    a = stacked[layer, head]  # (T, T)
    t = a.shape[0]
    _check_tokens(tokens, t)
    i, j = np.nonzero(a >= min_weight)
    segments = [[(0, -q), (1, -k)] for q, k in zip(i, j)]
    colors = [(0.13, 0.4, 0.8, float(min(1.0, w))) for w in a[i, j]]
    fig, ax = plt.subplots(figsize=(4, max(2.0, 0.22 * t)), dpi=100)
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=1.5))
    for k, tok in enumerate(_labels(tokens)):
        ax.text(-0.03, -k, tok, ha="right", va="center", fontsize=MIN_FONT_SIZE)
        ax.text(1.03, -k, tok, ha="left", va="center", fontsize=MIN_FONT_SIZE)
    ax.set(xlim=(-0.6, 1.6), ylim=(-t + 0.5, 0.5), title=f"Layer {layer}, head {head}",
           xlabel="query token → key token (opacity = weight)", ylabel="position")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    return fig
