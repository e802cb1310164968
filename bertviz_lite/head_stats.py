"""Per-head attention statistics and static matplotlib views (fallbacks for the interactive views).

Taught in 03_self_attention. Every function takes attention as the model returns it (layers x (1, heads, T, T))
or already stacked (layers, heads, T, T), and returns arrays or a matplotlib Figure (no printing, no files).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .attention import stack_attention

__all__ = ["HeadStats", "as_stacked", "head_statistics", "plot_head_statistics", "plot_heads", "plot_model_grid",
           "plot_head_lines"]


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


def as_stacked(attention: Any) -> np.ndarray:
    """(layers, heads, T, T) float array from a tuple of (1, heads, T, T) tensors or a 4-D stacked array."""
    if hasattr(attention, "ndim") and attention.ndim == 4:
        attention = [a[None] for a in attention]
    return stack_attention(attention)


@dataclass(frozen=True)
class HeadStats:
    """Statistics of every head, each an array (layers, heads)."""

    entropy: np.ndarray  # mean row entropy in bits (0 = looks at one token, log2 T = uniform)
    to_cls: np.ndarray  # mean weight a query gives to [CLS]
    to_sep: np.ndarray  # mean weight a query gives to [SEP] tokens
    distance: np.ndarray  # mean |query - key| position distance, weighted by attention
    max_entropy: float  # log2 T, the entropy of uniform attention

    def as_dict(self) -> dict[str, np.ndarray]:
        """The four (layers, heads) arrays by name."""
        return {"entropy": self.entropy, "to_cls": self.to_cls, "to_sep": self.to_sep, "distance": self.distance}


def head_statistics(attention: Any, tokens: Sequence[str], cls_token: str = "[CLS]",
                    sep_token: str = "[SEP]") -> HeadStats:
    """Entropy, weight on [CLS], weight on [SEP] and mean attended distance of each head: arrays (layers, heads)."""
    a = as_stacked(attention).astype(np.float64)  # (L, H, T, T)
    t = a.shape[-1]
    if len(tokens) != t or a.shape[-2] != t:
        raise ValueError(f"the attention covers {a.shape[-2]} x {t} positions but got {len(tokens)} tokens.")
    plogp = np.where(a > 0, a * np.log2(np.where(a > 0, a, 1.0)), 0.0)
    entropy = -plogp.sum(-1).mean(-1)
    is_cls = np.array([tok == cls_token for tok in tokens])
    is_sep = np.array([tok == sep_token for tok in tokens])
    idx = np.arange(t)
    gap = np.abs(idx[:, None] - idx[None, :])  # (T, T)
    return HeadStats(entropy=entropy, to_cls=a[..., is_cls].sum(-1).mean(-1), to_sep=a[..., is_sep].sum(-1).mean(-1),
                     distance=(a * gap).sum(-1).mean(-1), max_entropy=float(np.log2(t)))


def plot_head_statistics(stats: HeadStats, title: str = "Per-head attention statistics") -> Any:
    """Four heatmaps (layers x heads): entropy, weight on [CLS], weight on [SEP], mean distance."""
    import matplotlib.pyplot as plt

    panels = [("entropy (bits)", stats.entropy, "viridis", (0, stats.max_entropy)),
              ("weight on [CLS]", stats.to_cls, "magma", (0, 1)), ("weight on [SEP]", stats.to_sep, "magma", (0, 1)),
              ("mean distance (tokens)", stats.distance, "cividis", (0, None))]
    fig, axes = plt.subplots(1, 4, figsize=(8, 2.6), sharey=True)
    for ax, (name, values, cmap, (lo, hi)) in zip(axes, panels):
        im = ax.imshow(values, cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
        ax.set(title=name, xlabel="head")
        fig.colorbar(im, ax=ax, fraction=0.08, pad=0.03)
    axes[0].set_ylabel("layer")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_heads(attention: Any, tokens: Sequence[str], layer: int, heads: Sequence[int] | None = None,
               max_labels: int = 24) -> Any:
    """Grid of heatmaps (query rows x key columns), one per head of `layer`: the head view, static."""
    import matplotlib.pyplot as plt

    a = as_stacked(attention)
    if not 0 <= layer < a.shape[0]:
        raise ValueError(f"layer must be in 0..{a.shape[0] - 1}, got {layer}.")
    heads = list(range(a.shape[1])) if heads is None else list(heads)
    cols = min(4, len(heads))
    rows = -(-len(heads) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(8, 2.1 * rows + 0.4), squeeze=False)
    labels = len(tokens) <= max_labels
    tokens = _labels(tokens)
    for ax in axes.flat[len(heads):]:
        ax.axis("off")
    for ax, h in zip(axes.flat, heads):
        ax.imshow(a[layer, h], cmap="Blues", vmin=0, vmax=1)
        ax.set_title(f"head {h}", fontsize=9)
        ax.set_xlabel("key", fontsize=8)
        ax.set_ylabel("query", fontsize=8)
        if labels:
            ax.set_xticks(range(len(tokens)), tokens, rotation=90, fontsize=6)
            ax.set_yticks(range(len(tokens)), tokens, fontsize=6)
        else:
            ax.tick_params(labelsize=6)
    fig.suptitle(f"Attention of layer {layer} (row: query token, column: key token)")
    fig.tight_layout()
    return fig


def plot_model_grid(attention: Any, tokens: Sequence[str] | None = None, include_layers: Sequence[int] | None = None,
                    include_heads: Sequence[int] | None = None) -> Any:
    """Layers x heads grid of small heatmaps: the model view, static."""
    import matplotlib.pyplot as plt

    a = as_stacked(attention)
    layers = list(range(a.shape[0])) if include_layers is None else list(include_layers)
    heads = list(range(a.shape[1])) if include_heads is None else list(include_heads)
    if tokens is not None and len(tokens) != a.shape[-1]:
        raise ValueError(f"the attention covers {a.shape[-1]} positions but got {len(tokens)} tokens.")
    size = min(8.0 / len(heads), 0.9)
    fig, axes = plt.subplots(len(layers), len(heads), figsize=(8, size * len(layers) + 0.6), squeeze=False)
    for r, layer in enumerate(layers):
        for c, head in enumerate(heads):
            ax = axes[r, c]
            ax.imshow(a[layer, head], cmap="Blues", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
            if r == len(layers) - 1:
                ax.set_xlabel(f"head {head}", fontsize=7)
            if c == 0:
                ax.set_ylabel(f"layer {layer}", fontsize=7)
    fig.suptitle("Every head of every layer (rows: queries, columns: keys)")
    fig.subplots_adjust(wspace=0.05, hspace=0.05)
    return fig


def plot_head_lines(attention: Any, tokens: Sequence[str], layer: int, head: int, min_weight: float = 0.02) -> Any:
    """bertviz-style lines from each query token (left) to the key tokens (right), opacity = weight."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    a = as_stacked(attention)[layer, head]  # (T, T)
    t = a.shape[0]
    if len(tokens) != t:
        raise ValueError(f"the attention covers {t} positions but got {len(tokens)} tokens.")
    i, j = np.nonzero(a >= min_weight)
    segments = [[(0, -q), (1, -k)] for q, k in zip(i, j)]
    colors = [(0.13, 0.4, 0.8, float(min(1.0, w))) for w in a[i, j]]
    fig, ax = plt.subplots(figsize=(4, max(2.0, 0.22 * t)))
    ax.add_collection(LineCollection(segments, colors=colors, linewidths=1.5))
    for k, tok in enumerate(_labels(tokens)):
        ax.text(-0.03, -k, tok, ha="right", va="center", fontsize=8)
        ax.text(1.03, -k, tok, ha="left", va="center", fontsize=8)
    ax.set(xlim=(-0.6, 1.6), ylim=(-t + 0.5, 0.5), title=f"Layer {layer}, head {head}",
           xlabel="query token → key token (opacity = weight)", ylabel="position")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    return fig
