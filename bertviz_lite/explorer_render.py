"""What the explorer shows for an `Analysis`: HTML pieces, a self-contained export, and static matplotlib twins.

Taught in 11_explorer. Pure functions (no widgets, no file writes): each returns a string or a Figure. Every string
the user typed reaches the page escaped (tokens, words, messages); the attention views run inside sandboxed iframes
(`srcdoc`, scripts allowed, no same-origin access), so they work in JupyterLab and in Voilà alike and nothing in
them can touch the page around them. Import direction: explorer → explorer_render → explorer_app.
"""
from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .explorer import Analysis, Explorer

__all__ = ["STATISTICS", "CHANGE_MODEL", "header_html", "messages_html", "projection_svg", "statistic_values",
           "statistic_labels", "stats_html", "predictions_html", "view_document", "attention_frame", "export_html",
           "export_link", "plot_projection", "plot_predictions"]

STATISTICS = {"entropy (bits)": "entropy", "weight on [CLS]": "to_cls", "weight on [SEP]": "to_sep",
              "mean distance (tokens)": "distance"}
CHANGE_MODEL = "BERT_LAB_CHECKPOINT=bert-base-uncased make explorer"
_EMPTY = '<div style="color:#777">Nothing to show yet: type a sentence above.</div>'
Statistic = Callable[[np.ndarray], Any]  # attention (layers, heads, T, T) -> values (layers, heads)


def header_html(explorer: Explorer, title: str = "BERT explorer") -> str:
    """The app's title and one line naming the model in use and how to change it (escaped)."""
    return (f'<div class="bvl-explorer-header"><h2 style="margin:4px 0">{html.escape(title)}</h2>'
            f'<div class="bvl-explorer-model" style="font-size:13px;color:#333;white-space:nowrap;overflow-x:auto">'
            f"Model: <b>{html.escape(explorer.describe())}</b> · change it (Hub name or folder): "
            f"<code>{html.escape(CHANGE_MODEL)}</code></div></div>")


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


def statistic_values(result: Analysis, statistic: str | Statistic) -> np.ndarray:
    """(layers, heads) values of a built-in statistic (a value of STATISTICS) or of a function of the attention.

    A function gets the (layers, heads, T, T) attention and must return finite numbers of shape (layers, heads);
    raises ValueError naming what it returned otherwise, and for an unknown statistic name.
    """
    if callable(statistic):
        values = np.asarray(statistic(result.attentions), dtype=float)
        expected = result.attentions.shape[:2]
        if values.shape != expected or not np.isfinite(values).all():
            raise ValueError(f"the statistic must return finite numbers of shape (layers, heads) = {expected}, "
                             f"got shape {values.shape}.")
        return values
    if result.stats is None:
        raise ValueError("this analysis has no attention statistics: analyse a non-empty text first.")
    table = result.stats.as_dict()
    if statistic not in table:
        raise ValueError(f"statistic must be one of {sorted(table)} or a function, got {statistic!r}.")
    return np.asarray(table[statistic], dtype=float)


def stats_html(result: Analysis, statistic: str | Statistic = "entropy", label: str | None = None) -> str:
    """A layers x heads table of one head statistic, cells shaded by value (darker = larger)."""
    if result.stats is None or result.attentions is None:
        return _EMPTY
    values = statistic_values(result, statistic)
    scale = float(np.abs(values).max()) or 1.0
    head_cells = "".join(f"<th>H{h}</th>" for h in range(values.shape[1]))
    rows = []
    for layer, row in enumerate(values):
        cells = "".join(f'<td title="layer {layer}, head {h}" style="background:rgba(76,114,176,{abs(v) / scale:.2f});'
                        f'color:{"#fff" if abs(v) / scale > 0.6 else "#000"};padding:2px 4px">{v:.2f}</td>'
                        for h, v in enumerate(row))
        rows.append(f"<tr><th>L{layer}</th>{cells}</tr>")
    name = label or next((k for k, v in STATISTICS.items() if v == statistic), getattr(statistic, "__name__", "statistic"))
    lo = np.unravel_index(np.argmin(values), values.shape)
    hi = np.unravel_index(np.argmax(values), values.shape)
    return (f'<div style="font:12px monospace"><b>{html.escape(name)}</b> per head (rows: layers, columns: heads). '
            f"Lowest: layer {lo[0]} head {lo[1]}; highest: layer {hi[0]} head {hi[1]}.</div>"
            f'<table class="bvl-stats" style="border-collapse:collapse;font:12px monospace"><tr><th></th>{head_cells}'
            f"</tr>{''.join(rows)}</table>")


def predictions_html(result: Analysis, source: str = "") -> str:
    """The [MASK] guesses as an escaped HTML table (one column per [MASK], best first), under `source`: one line on
    where the guesses come from."""
    top = f'<div class="bvl-mask-source" style="font:12px sans-serif;margin-bottom:4px">{html.escape(source)}</div>'
    if not result.predictions:
        note = "No guesses: see the note above." if result.ok else "Nothing to show yet: type a sentence above."
        return top + f'<div style="color:#777">{note}</div>'
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
    return (top + f'<div style="font:12px sans-serif">Guesses of {html.escape(result.mlm_name)} for: <i>{masked}</i></div>'
            f'<table class="bvl-predictions" style="font:12px monospace"><tr>{header}</tr>{"".join(rows)}</table>')


def view_document(result: Analysis, kind: str = "head", max_tokens: int = 64) -> tuple[str, str | None]:
    """(HTML body of the head or model view of the first `max_tokens` tokens, a note when the input was cut).

    Raises ValueError for an unknown `kind`, `max_tokens` < 2, or an analysis without attention.
    """
    from .attention import head_view, model_view

    if kind not in ("head", "model"):
        raise ValueError(f"kind must be 'head' or 'model', got {kind!r}.")
    if not isinstance(max_tokens, int) or max_tokens < 2:
        raise ValueError(f"max_tokens must be an int of at least 2, got {max_tokens!r}.")
    if result.attentions is None:
        raise ValueError("this analysis has no attention to show: analyse a non-empty text first.")
    t = min(len(result.tokens), max_tokens)
    note = None if t == len(result.tokens) else (f"The attention views show the first {t} of {len(result.tokens)} "
                                                 "tokens to stay light; the statistics use all of them.")
    attention = result.attentions[:, None, :, :t, :t]  # (layers, 1, heads, t, t)
    b = result.sentence_b_start if result.sentence_b_start is not None and result.sentence_b_start < t else None
    draw = head_view if kind == "head" else model_view
    kwargs = {} if kind == "head" else {"display_mode": "light"}
    doc = draw(attention, result.tokens[:t], sentence_b_start=b, html_action="return", **kwargs).data
    style = re.search(r"<style>.*?</style>", doc, re.S)  # the view's script clears its root, <style> included:
    return (style.group(0) if style else "") + doc, note  # a copy ahead of the root keeps the view styled


def attention_frame(result: Analysis, kind: str = "head", max_tokens: int = 64) -> tuple[str, str | None]:
    """A sandboxed iframe (full width, scrolling inside) with the head or model view, plus a note if cut."""
    if result.attentions is None:
        return _EMPTY, None
    body, note = view_document(result, kind, max_tokens)
    t = min(len(result.tokens), max_tokens)
    layers = result.attentions.shape[0]
    height = 90 + 18 * t if kind == "head" else 110 + 78 * (layers + 1) + 18 * t
    srcdoc = f"<!doctype html><meta charset=utf-8><body style=margin:0>{body}"
    return (f'<iframe class="bvl-frame bvl-{kind}" title="attention {kind} view" sandbox="allow-scripts" '
            f'style="width:100%;height:{min(height, 900)}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(srcdoc, quote=True)}"></iframe>'), note


def export_html(result: Analysis, kind: str = "head", model: str = "", max_tokens: int = 64) -> str:
    """One self-contained HTML file of the current attention view: the sentence(s), the model, and the interactive
    view with its CSS and JavaScript inline (no CDN, no network); every user string escaped. Open it in any
    browser. Raises ValueError as `view_document` does."""
    body, note = view_document(result, kind, max_tokens)
    sentences = html.escape(result.text) + (f" <b>|</b> {html.escape(result.text_pair)}" if result.text_pair else "")
    title = f"Attention {kind} view: {result.text[:60]}"
    extra = f"<p>{html.escape(note)}</p>" if note else ""
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<title>{html.escape(title)}</title></head>"
            '<body style="font-family:sans-serif;max-width:1200px;margin:16px auto">'
            f"<h1 style=font-size:18px>Attention {kind} view (BERT explorer)</h1><p>Text: {sentences}</p>"
            f"<p>Model: {html.escape(model)}</p>{extra}{body}</body></html>")


def export_link(result: Analysis, kind: str = "head", model: str = "", max_tokens: int = 64) -> str:
    """An HTML download link whose target is `export_html(...)` as a data: URL (the browser saves the file; the
    kernel writes nothing to disk)."""
    if result.attentions is None:
        return ""
    page = export_html(result, kind, model, max_tokens).encode("utf-8")
    url = "data:text/html;charset=utf-8;base64," + base64.b64encode(page).decode("ascii")
    return (f'<a class="bvl-export" download="attention_{kind}_view.html" href="{url}" '
            f'style="font:13px sans-serif">⬇ Save this {kind} view as one HTML file ({len(page) / 1e3:.0f} kB, '
            "works offline)</a>")


def plot_projection(result: Analysis, title: str | None = None) -> Any:
    """Scatter of the (T, 2) projection with every token written next to its point; returns the Figure."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.2), dpi=100)
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
    ax.tick_params(labelsize=8)
    fig.tight_layout()
    return fig


def plot_predictions(result: Analysis) -> Any:
    """Horizontal bars of the top guesses for each [MASK] (probability); returns the Figure."""
    import matplotlib.pyplot as plt

    n = max(1, len(result.predictions))
    fig, axes = plt.subplots(1, n, figsize=(min(8, 3.6 * n), 2.6), squeeze=False, dpi=100)
    for ax, pred in zip(axes[0], result.predictions):
        words = [w for w, _ in pred.candidates][::-1]
        ax.barh(words, [p for _, p in pred.candidates][::-1], color="#55A868", label="probability")
        top = max(p for _, p in pred.candidates)
        ax.set(title=f"[MASK] at position {pred.position}", xlabel="probability", ylabel="guess",
               xlim=(0, min(1.0, 1.25 * top) or 1.0))
        ax.tick_params(labelsize=8)
        ax.legend(loc="lower right", fontsize=8)
    if not result.predictions:
        axes[0, 0].text(0.5, 0.5, "no [MASK] to guess", ha="center")
        axes[0, 0].set(title="Masked-word guesses", xlabel="probability", ylabel="guess")
    fig.suptitle(f"Masked-word guesses of {result.mlm_name or 'the MLM'}", fontsize=10)
    fig.tight_layout()
    return fig


def statistic_labels(extra: Mapping[str, Statistic] | None = None) -> list[tuple[str, Any]]:
    """(label, statistic) choices of the Head statistics tab: the built-in four, then `extra` functions."""
    return list(STATISTICS.items()) + list((extra or {}).items())
