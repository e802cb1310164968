"""Specification of the per-head statistics and the static attention figures."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from bertviz_lite.attention_plots import (  # noqa: E402
    plot_head_lines,
    plot_head_statistics,
    plot_heads,
    plot_model_grid,
)
from bertviz_lite.head_stats import head_statistics  # noqa: E402

TOKENS = ["[CLS]", "the", "cat", "sat", "[SEP]"]


def two_heads() -> tuple[torch.Tensor, ...]:
    """One layer: head 0 attends uniformly, head 1 puts everything on [CLS]; layer 2: head 0 looks at itself."""
    t = len(TOKENS)
    uniform = torch.full((t, t), 1 / t)
    to_cls = torch.zeros(t, t)
    to_cls[:, 0] = 1
    own = torch.eye(t)
    return torch.stack([uniform, to_cls])[None], torch.stack([own, uniform])[None]


def test_statistics_of_known_heads() -> None:
    s = head_statistics(two_heads(), TOKENS)
    assert s.entropy.shape == s.to_cls.shape == s.to_sep.shape == s.distance.shape == (2, 2)
    np.testing.assert_allclose(s.entropy, [[np.log2(5), 0], [0, np.log2(5)]], atol=1e-9)
    np.testing.assert_allclose(s.to_cls, [[0.2, 1], [0.2, 0.2]])
    np.testing.assert_allclose(s.to_sep, [[0.2, 0], [0.2, 0.2]])
    # head "to [CLS]": query i is i tokens away from position 0, so the mean distance is mean(0..4) = 2
    np.testing.assert_allclose(s.distance[0, 1], 2.0)
    np.testing.assert_allclose(s.distance[1, 0], 0.0)
    assert s.max_entropy == pytest.approx(np.log2(5))
    assert set(s.as_dict()) == {"entropy", "to_cls", "to_sep", "distance"}


def test_stacked_input_gives_the_same_statistics() -> None:
    stacked = torch.cat(two_heads())  # (layers, heads, T, T)
    np.testing.assert_allclose(head_statistics(stacked, TOKENS).entropy, head_statistics(two_heads(), TOKENS).entropy)


def test_token_count_must_match() -> None:
    with pytest.raises(ValueError, match="5 x 5 positions but got 4 tokens"):
        head_statistics(two_heads(), TOKENS[:4])


@pytest.mark.parametrize("make", [
    lambda: plot_heads(two_heads(), TOKENS, layer=0),
    lambda: plot_model_grid(two_heads(), TOKENS),
    lambda: plot_head_statistics(head_statistics(two_heads(), TOKENS)),
    lambda: plot_head_lines(two_heads(), TOKENS, layer=0, head=1),
])
def test_figures_have_titles_labels_and_fit_in_8_inches(make) -> None:
    fig = make()
    assert fig.get_size_inches()[0] <= 8
    titled = [ax for ax in fig.axes if ax.get_title()] or ([fig] if fig._suptitle else [])
    assert titled, "a title"
    labelled = [ax for ax in fig.axes if ax.get_xlabel() or ax.get_ylabel()]
    assert labelled, "axis labels"


def test_plot_heads_rejects_a_missing_layer() -> None:
    with pytest.raises(ValueError, match="layer must be in 0..1"):
        plot_heads(two_heads(), TOKENS, layer=2)


def test_odd_tokens_plot_without_warnings() -> None:
    import warnings

    tokens = ["[CLS]", "東", "$x$", "<b>", "[SEP]"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a mathtext error would fail here
        plot_head_lines(two_heads(), tokens, layer=0, head=0).canvas.draw()
        plot_heads(two_heads(), tokens, layer=1).canvas.draw()
