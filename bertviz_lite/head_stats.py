"""Per-head attention statistics: entropy, weight on [CLS] and [SEP], mean attended distance.

Taught in 03_self_attention (the notebook writes `HeadStats` and `head_statistics` in a cell; this is the copy
that 11_explorer and later notebooks use). The static figures live in `bertviz_lite.attention_plots`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .attention_inputs import as_stacked

__all__ = ["HeadStats", "as_stacked", "head_statistics"]


@dataclass(frozen=True)
class HeadStats:
    """Statistics of every head, each an array (layers, heads). Taught in 03_self_attention."""

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
    """Entropy (bits), weight on [CLS], weight on [SEP] and mean attended distance (tokens) of every head.

    attention: layers x (1, heads, T, T) as the model returns it, or stacked (layers, heads, T, T); tokens: T
    strings. Every statistic is averaged over the T queries and returned as an array (layers, heads). Raises
    ValueError when the tokens do not match the attention. Taught in 03_self_attention.
    """
    a = as_stacked(attention).astype(np.float64)  # (L, H, T, T): row i = where query i looks
    t = a.shape[-1]
    if len(tokens) != t:
        raise ValueError(f"the attention covers {t} x {t} positions but got {len(tokens)} tokens.")
    p_log_p = a * np.log2(np.where(a > 0, a, 1.0))  # 0 · log 0 counts as 0
    entropy = -p_log_p.sum(-1).mean(-1)  # (L, H), bits
    is_cls = np.array([token == cls_token for token in tokens])  # (T,)
    is_sep = np.array([token == sep_token for token in tokens])  # (T,)
    positions = np.arange(t)
    gap = np.abs(positions[:, None] - positions[None, :])  # (T, T): |i - j|
    return HeadStats(entropy=entropy, to_cls=a[..., is_cls].sum(-1).mean(-1), to_sep=a[..., is_sep].sum(-1).mean(-1),
                     distance=(a * gap).sum(-1).mean(-1), max_entropy=float(np.log2(t)))

