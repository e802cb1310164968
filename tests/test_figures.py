"""The static figures are readable: text of at least 8 pt, dpi of at least 100, a colourbar beside every heatmap."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from bertviz_lite.attention_plots import (  # noqa: E402
    MIN_FONT_SIZE,
    plot_head_lines,
    plot_head_statistics,
    plot_heads,
    plot_model_grid,
)
from bertviz_lite.head_stats import head_statistics  # noqa: E402

TOKENS = ["[CLS]"] + [f"w{i}" for i in range(20)] + ["[SEP]"]  # 22 tokens: more than max_labels


def attention(layers: int = 6, heads: int = 12) -> tuple[torch.Tensor, ...]:
    g = torch.Generator().manual_seed(0)
    return tuple(torch.softmax(torch.randn(1, heads, len(TOKENS), len(TOKENS), generator=g), -1) for _ in range(layers))


FIGURES = {
    "plot_heads": lambda: plot_heads(attention(), TOKENS, layer=5, heads=range(4)),
    "plot_model_grid": lambda: plot_model_grid(attention(), TOKENS),
    "plot_head_statistics": lambda: plot_head_statistics(head_statistics(attention(), TOKENS)),
    "plot_head_lines": lambda: plot_head_lines(attention(), TOKENS, layer=0, head=0),
}


def visible_texts(fig: plt.Figure) -> list[matplotlib.text.Text]:
    fig.canvas.draw()
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_text_is_at_least_8_points_and_dpi_at_least_100(name: str) -> None:
    fig = FIGURES[name]()
    small = sorted({(t.get_fontsize(), t.get_text()[:12]) for t in visible_texts(fig) if t.get_fontsize() < MIN_FONT_SIZE})
    assert not small, f"{name}: text below {MIN_FONT_SIZE} pt: {small[:5]}"
    assert fig.dpi >= 100
    assert fig.get_size_inches()[0] <= 8
    plt.close(fig)


@pytest.mark.parametrize("name", ["plot_heads", "plot_model_grid", "plot_head_statistics"])
def test_every_heatmap_figure_has_a_colourbar(name: str) -> None:
    fig = FIGURES[name]()
    images = [ax for ax in fig.axes if any(isinstance(a, AxesImage) for a in ax.get_children())]
    colourbars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert images and colourbars, f"{name}: heatmaps need a colourbar"
    plt.close(fig)


def test_token_labels_are_thinned_not_shrunk() -> None:
    fig = plot_heads(attention(), TOKENS, layer=0, heads=[0], max_labels=8)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert 1 < len(labels) <= 8 and labels[0] == "[CLS]"
    plt.close(fig)
