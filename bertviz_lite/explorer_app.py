"""The explorer dashboard: HTML renderers and static figures for an `Analysis`, and the thin ipywidgets layer.

Taught in 11_explorer. Every string the user typed reaches the page escaped (tokens, words, messages); the
attention views run inside sandboxed iframes (`srcdoc`, scripts allowed, no same-origin access), so they work in
JupyterLab and in Voilà alike, and nothing in them can touch the page around them. Callbacks never raise.
"""
from __future__ import annotations

import html
import re
import time
from typing import Any

import numpy as np

from .explorer import Analysis, Explorer

__all__ = ["STATISTICS", "messages_html", "projection_svg", "stats_html", "predictions_html", "attention_frame",
           "plot_projection", "plot_predictions", "ExplorerApp"]

STATISTICS = {"entropy (bits)": "entropy", "weight on [CLS]": "to_cls", "weight on [SEP]": "to_sep",
              "mean distance (tokens)": "distance"}
NO_MASK_CHOICE = "(use the [MASK] in the text)"
_EMPTY = '<div style="color:#777">Nothing to show yet: type a sentence above.</div>'


def messages_html(messages: list[str], seconds: float | None = None) -> str:
    """The notes of an analysis as escaped HTML lines (plus the time it took)."""
    lines = [f'<div style="color:#8a4b00">⚠ {html.escape(m)}</div>' for m in messages]
    if seconds is not None:
        lines.append(f'<div style="color:#555">updated in {seconds * 1000:.0f} ms</div>')
    return '<div class="bvl-status">' + "".join(lines) + "</div>"


def projection_svg(result: Analysis, width: int = 620, height: int = 380) -> str:
    """Inline SVG scatter of the (T, 2) projection, one escaped label per token (grey squares: special tokens)."""
    if result.projection is None:
        return _EMPTY
    xy = np.asarray(result.projection, dtype=float)
    pad, lo, hi = 40, xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    px = pad + (xy[:, 0] - lo[0]) / span[0] * (width - 2 * pad - 60)
    py = height - pad - (xy[:, 1] - lo[1]) / span[1] * (height - 2 * pad)
    ratio = result.explained if result.explained is not None else np.zeros(2)
    parts = [f'<svg class="bvl-projection" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="2-D projection of the token vectors" style="font:11px sans-serif">',
             f'<text x="{width / 2:.0f}" y="14" text-anchor="middle" font-weight="bold">Last-layer token vectors '
             f'(PCA): PC 1 {ratio[0]:.0%}, PC 2 {ratio[1]:.0%} of variance</text>',
             f'<line x1="{pad}" y1="{height - pad + 8}" x2="{width - pad}" y2="{height - pad + 8}" stroke="#aaa"/>',
             f'<text x="{width / 2:.0f}" y="{height - 6}" text-anchor="middle">PC 1</text>',
             f'<text x="10" y="{height / 2:.0f}" transform="rotate(-90 10 {height / 2:.0f})">PC 2</text>']
    for (x, y), token, view in zip(zip(px, py), result.tokens, result.token_views):
        special = view.word is None
        mark = (f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#999"/>' if special
                else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#4C72B0"/>')
        parts.append(mark + f'<text x="{x + 5:.1f}" y="{y - 4:.1f}">{html.escape(token)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stats_html(result: Analysis, statistic: str = "entropy") -> str:
    """A layers x heads table of one head statistic, cells shaded by value (darker = larger)."""
    if result.stats is None:
        return _EMPTY
    values = result.stats.as_dict()[statistic]  # (layers, heads)
    top = float(values.max()) or 1.0
    head_cells = "".join(f"<th>H{h}</th>" for h in range(values.shape[1]))
    rows = []
    for layer, row in enumerate(values):
        cells = "".join(f'<td title="layer {layer}, head {h}" style="background:rgba(76,114,176,{v / top:.2f});'
                        f'color:{"#fff" if v / top > 0.6 else "#000"};padding:2px 4px">{v:.2f}</td>'
                        for h, v in enumerate(row))
        rows.append(f"<tr><th>L{layer}</th>{cells}</tr>")
    name = next(k for k, v in STATISTICS.items() if v == statistic)
    lo = np.unravel_index(np.argmin(values), values.shape)
    hi = np.unravel_index(np.argmax(values), values.shape)
    return (f'<div style="font:11px monospace"><b>{html.escape(name)}</b> per head (rows: layers, columns: heads). '
            f"Lowest: layer {lo[0]} head {lo[1]}; highest: layer {hi[0]} head {hi[1]}.</div>"
            f'<table class="bvl-stats" style="border-collapse:collapse;font:11px monospace"><tr><th></th>{head_cells}'
            f"</tr>{''.join(rows)}</table>")


def predictions_html(result: Analysis) -> str:
    """The [MASK] guesses as an escaped HTML table: one column per [MASK], best guess first."""
    if not result.predictions:
        return _EMPTY if not result.ok else '<div style="color:#777">No guesses: see the note above.</div>'
    header = "".join(f"<th>[MASK] at position {p.position}</th>" for p in result.predictions)
    rows = []
    for rank in range(max(len(p.candidates) for p in result.predictions)):
        cells = []
        for pred in result.predictions:
            word, prob = pred.candidates[rank] if rank < len(pred.candidates) else ("", 0.0)
            cells.append(f'<td style="padding:2px 8px">{html.escape(word)} <span style="color:#777">'
                         f"{prob:.1%}</span></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    masked = html.escape(result.masked_text or "")
    return (f'<div style="font:12px sans-serif">Guesses of {html.escape(result.mlm_name)} for: <i>{masked}</i></div>'
            f'<table class="bvl-predictions" style="font:12px monospace"><tr>{header}</tr>{"".join(rows)}</table>')


def attention_frame(result: Analysis, kind: str = "head", max_tokens: int = 64) -> tuple[str, str | None]:
    """A sandboxed iframe with the head or model view of the first `max_tokens` tokens, plus a note if cut."""
    from .attention import head_view, model_view

    if result.attentions is None:
        return _EMPTY, None
    t = min(len(result.tokens), max_tokens)
    note = None if t == len(result.tokens) else (f"The attention views show the first {t} of {len(result.tokens)} "
                                                 "tokens to stay light; the statistics use all of them.")
    attention = result.attentions[:, None, :, :t, :t]  # (layers, 1, heads, t, t)
    b = result.sentence_b_start if result.sentence_b_start is not None and result.sentence_b_start < t else None
    draw = head_view if kind == "head" else model_view
    doc = draw(attention, result.tokens[:t], sentence_b_start=b, html_action="return").data
    style = re.search(r"<style>.*?</style>", doc, re.S)  # the view's script clears its root, <style> included:
    head = style.group(0) if style else ""  # keep a copy in the frame's <head> so the view stays styled
    layers = result.attentions.shape[0]
    height = 90 + 18 * t if kind == "head" else 110 + 78 * (layers + 1) + 18 * t
    return (f'<iframe class="bvl-frame bvl-{kind}" title="attention {kind} view" sandbox="allow-scripts" '
            f'style="width:100%;height:{min(height, 1100)}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(f"<!doctype html><meta charset=utf-8>{head}<body style=margin:0>" + doc, quote=True)}">'
            "</iframe>"), note


def plot_projection(result: Analysis, title: str | None = None) -> Any:
    """Scatter of the (T, 2) projection with every token written next to its point; returns the Figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    if result.projection is None:
        ax.text(0.5, 0.5, "nothing to project: " + " ".join(result.messages[:1]), ha="center", wrap=True)
    else:
        special = np.array([v.word is None for v in result.token_views])
        xy = result.projection
        ax.scatter(*xy[~special].T, s=30, color="#4C72B0", label="word piece")
        ax.scatter(*xy[special].T, s=30, color="#999999", marker="s", label="special token")
        for (x, y), token in zip(xy, result.tokens):
            ax.annotate(token, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=8)
        ax.legend(loc="best", fontsize=8)
    ratio = result.explained if result.explained is not None else np.zeros(2)
    ax.set(title=title or "Last-layer token vectors, first two principal components",
           xlabel=f"PC 1 ({ratio[0]:.0%} of variance)", ylabel=f"PC 2 ({ratio[1]:.0%} of variance)")
    fig.tight_layout()
    return fig


def plot_predictions(result: Analysis) -> Any:
    """Horizontal bars of the top guesses for each [MASK] (probability); returns the Figure."""
    import matplotlib.pyplot as plt

    n = max(1, len(result.predictions))
    fig, axes = plt.subplots(1, n, figsize=(min(8, 3.6 * n), 2.6), squeeze=False)
    for ax, pred in zip(axes[0], result.predictions):
        words = [w for w, _ in pred.candidates][::-1]
        ax.barh(words, [p for _, p in pred.candidates][::-1], color="#55A868", label="probability")
        top = max(p for _, p in pred.candidates)
        ax.set(title=f"[MASK] at position {pred.position}", xlabel="probability", ylabel="guess",
               xlim=(0, min(1.0, 1.25 * top) or 1.0))
        ax.legend(loc="lower right", fontsize=7)
    if not result.predictions:
        axes[0, 0].text(0.5, 0.5, "no [MASK] to guess", ha="center")
        axes[0, 0].set(title="Masked-word guesses", xlabel="probability", ylabel="guess")
    fig.suptitle(f"Masked-word guesses of {result.mlm_name or 'the MLM'}", fontsize=10)
    fig.tight_layout()
    return fig


class ExplorerApp:
    """The dashboard: text boxes, a status line and tabs (tokens, projection, attention, statistics, mask, LR)."""

    def __init__(self, explorer: Explorer, text: str = "", text_pair: str = "", max_view_tokens: int = 64) -> None:
        """Build the widgets and analyse `text` once."""
        import ipywidgets as w

        self.explorer, self.max_view_tokens, self.result = explorer, max_view_tokens, None
        self._muted, self._schedule_loaded = True, False
        wide = w.Layout(width="95%")
        self.text = w.Textarea(value=text, description="sentence", continuous_update=False, layout=wide)
        self.pair = w.Text(value=text_pair, description="pair (opt.)", continuous_update=False, layout=wide)
        self.button = w.Button(description="Analyze", button_style="primary")
        self.status = w.HTML()
        self.tokens = w.HTML()
        self.projection = w.HTML()
        self.kind = w.ToggleButtons(options=[("head view", "head"), ("model view", "model")], value="head")
        self.attention = w.HTML()
        self.statistic = w.Dropdown(options=list(STATISTICS.items()), value="entropy", description="statistic")
        self.stats = w.HTML()
        self.mask = w.Dropdown(options=[NO_MASK_CHOICE], value=NO_MASK_CHOICE, description="mask word")
        self.predictions = w.HTML()
        self.schedule = w.VBox([w.HTML("Open this tab to load the learning-rate schedule explorer.")])
        self.tabs = w.Tab(children=[self.tokens, self.projection, w.VBox([self.kind, self.attention]),
                                    w.VBox([self.statistic, self.stats]), w.VBox([self.mask, self.predictions]),
                                    self.schedule],
                          titles=("Tokens", "Projection", "Attention", "Head statistics", "Mask a word", "LR schedule"))
        self.widget = w.VBox([self.text, self.pair, w.HBox([self.button, self.status]), self.tabs])
        self.widget.add_class("bvl-explorer")  # stable handles for styling and browser tests
        for widget, name in ((self.text, "text"), (self.pair, "pair"), (self.status, "status"), (self.tokens, "tokens"),
                             (self.attention, "attention"), (self.predictions, "predictions")):
            widget.add_class(f"bvl-explorer-{name}")
        self._muted = False
        for box in (self.text, self.pair):
            box.observe(lambda _: self._changed(), names="value")
        self.button.on_click(lambda _: self.update())
        self.kind.observe(lambda _: self._safely(self._render_attention), names="value")
        self.statistic.observe(lambda _: self._safely(self._render_stats), names="value")
        self.mask.observe(lambda _: self._changed(keep_mask=True), names="value")
        self.tabs.observe(lambda _: self._safely(self._load_schedule), names="selected_index")
        self.update()

    def update(self, text: str | None = None, text_pair: str | None = None, keep_mask: bool = False) -> Analysis | None:
        """Analyse the boxes' text (or `text`/`text_pair`, written into the boxes) and redraw every view; never raises."""
        self._muted = True
        try:
            if text is not None:
                self.text.value = str(text)
            if text_pair is not None:
                self.pair.value = str(text_pair)
        finally:
            self._muted = False
        start = time.perf_counter()
        word = self.mask.value if keep_mask and self.mask.value != NO_MASK_CHOICE else None
        if not self._safely(lambda: self._analyze(word)):
            return None
        self.result.seconds = time.perf_counter() - start
        self.status.value = messages_html(self.result.messages, self.result.seconds)
        return self.result

    def _changed(self, keep_mask: bool = False) -> None:
        if not self._muted:
            self.update(keep_mask=keep_mask)

    def _analyze(self, word: str | None) -> None:
        from .tokens import tokens_html

        r = self.result = self.explorer.analyze(self.text.value, self.pair.value, mask=word)
        self.tokens.value = tokens_html(r.token_views, (), title=f"{len(r.tokens)} tokens") if r.ok else _EMPTY
        self.projection.value = projection_svg(r)
        self._render_attention()
        self._render_stats()
        choices = [NO_MASK_CHOICE] + Explorer.words(r)
        if list(self.mask.options) != choices:
            self._muted = True
            try:
                self.mask.options = choices
                self.mask.value = word if word in choices else NO_MASK_CHOICE
            finally:
                self._muted = False
        self.predictions.value = predictions_html(r)

    def _render_attention(self) -> None:
        if self.result is None:
            return
        frame, note = attention_frame(self.result, self.kind.value, self.max_view_tokens)
        self.attention.value = frame
        if note and note not in self.result.messages:
            self.result.messages.append(note)

    def _render_stats(self) -> None:
        if self.result is not None:
            self.stats.value = stats_html(self.result, self.statistic.value)

    def _load_schedule(self) -> None:
        import ipywidgets as w

        if self.tabs.selected_index != 5 or self._schedule_loaded:
            return
        self._schedule_loaded = True
        try:
            from . import schedules
        except ImportError:
            self.schedule.children = [w.HTML("The schedule explorer comes with bertviz_lite.schedules (notebook 06).")]
            return
        make = getattr(schedules, "schedule_explorer", None)
        self.schedule.children = [make() if make else w.HTML("This version of bertviz_lite.schedules has no explorer.")]

    def _safely(self, action: Any) -> bool:
        """Run a callback; any error becomes a message in the status line instead of a traceback."""
        try:
            action()
        except Exception as exc:  # a widget must never raise into the page
            self.status.value = messages_html([f"Something went wrong ({type(exc).__name__}: {exc}). "
                                               "Try a shorter or simpler text."])
            return False
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
