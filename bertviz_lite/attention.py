"""Offline attention views with bertviz's signatures: `head_view` and `model_view`.

Taught in 03_self_attention. Attention is what a model returns with `output_attentions=True`: one tensor per
layer of shape (batch=1, heads, T, T). A view is one self-contained HTML block: the CSS and vanilla JavaScript in
`bertviz_lite/static/` (read with importlib.resources, no network) and the weights quantised to bytes, so that
128 tokens x 6 layers x 12 heads stay under 2 MB. The thumbnails of `model_view` are sized from the width the
notebook gives the view (and the view scrolls inside its own frame below a minimum size).
"""
from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from .attention_inputs import EAGER_HINT, prettify, stack_attention, trim_padding

__all__ = [
    "EAGER_HINT",
    "PARAMS_MARKER",
    "stack_attention",
    "prettify",
    "trim_padding",
    "view_assets",
    "quantize",
    "script_json",
    "view_html",
    "head_view",
    "model_view",
]

PARAMS_MARKER = "__BVL_PARAMS__"


@lru_cache(maxsize=1)
def view_assets() -> tuple[str, str]:
    """(CSS, JavaScript) of the views, read once from `bertviz_lite/static/attention_view.{css,js}`."""
    static = resources.files("bertviz_lite") / "static"
    css = (static / "attention_view.css").read_text(encoding="utf-8")
    script = (static / "attention_view.js").read_text(encoding="utf-8")
    return css, script


def quantize(stacked: np.ndarray) -> str:
    """Weights in [0, 1] (any shape) as base64 text of bytes round(255 * w), in C order; values outside [0, 1]
    are clipped to it. Raises ValueError for NaN or infinite weights."""
    if not np.isfinite(stacked).all():
        raise ValueError("attention weights must be finite: NaN or inf found (did a softmax overflow?).")
    q = np.clip(np.rint(stacked * 255.0), 0, 255).astype(np.uint8)
    return base64.b64encode(q.tobytes()).decode("ascii")


def script_json(obj: Any) -> str:
    """JSON safe inside a <script> block: <, >, & and U+2028/9 become \\u escapes, so text cannot close it."""
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source(stacked: np.ndarray, left: list[str], right: list[str]) -> dict[str, Any]:
    layers, heads, rows, cols = stacked.shape
    if rows != len(left) or cols != len(right):
        square = left is right and rows == cols
        covers, got = (f"{rows}", f"{len(left)}") if square else (f"{rows} x {cols}", f"{len(left)} x {len(right)}")
        raise ValueError(f"the attention covers {covers} positions but got {got} tokens; "
                         "pass the tokens of the same input, e.g. tokenizer.convert_ids_to_tokens(input_ids[0]) "
                         "(and drop padding with trim_padding).")
    return {"layers": layers, "heads": heads, "rows": rows, "cols": cols, "left": left, "right": right,
            "data": quantize(stacked)}


def _collect(attention: Any, tokens: Any, sentence_b_start: int | None, prettify_tokens: bool,
             encoder_attention: Any, decoder_attention: Any, cross_attention: Any, encoder_tokens: Any,
             decoder_tokens: Any, include_layers: Any, include_heads: Any) -> tuple[list, list, int, int]:
    """Sources (weights + tokens) and filters (named row/col ranges) shared by both views."""
    fix = prettify if prettify_tokens else (lambda ts: [str(t) for t in ts])
    encdec = (encoder_attention, decoder_attention, cross_attention, encoder_tokens, decoder_tokens)
    sources: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = []
    if attention is not None:
        if any(x is not None for x in encdec):
            raise ValueError("pass either attention (self-attention models) or encoder/decoder arguments, not both.")
        if tokens is None or len(tokens) == 0:
            raise ValueError("tokens are required and must not be empty: tokenizer.convert_ids_to_tokens(input_ids[0]).")
        stacked = stack_attention(attention, include_layers, include_heads)
        if stacked.shape[2] != stacked.shape[3]:
            raise ValueError(f"self-attention must be square (T, T), got {stacked.shape[2:]}; for cross-attention "
                             "use cross_attention=, encoder_tokens=, decoder_tokens=.")
        toks = fix(tokens)
        sources.append(_source(stacked, toks, toks))
        n = len(toks)
        filters.append({"name": "All", "source": 0, "rows": [0, n], "cols": [0, n]})
        if sentence_b_start is not None:
            b = int(sentence_b_start)
            if not 0 < b < n:
                raise ValueError(f"sentence_b_start must be between 1 and {n - 1} (first token of sentence B), got {b}.")
            for name, r, c in (("Sentence A -> Sentence A", [0, b], [0, b]), ("Sentence B -> Sentence B", [b, n], [b, n]),
                               ("Sentence A -> Sentence B", [0, b], [b, n]), ("Sentence B -> Sentence A", [b, n], [0, b])):
                filters.append({"name": name, "source": 0, "rows": r, "cols": c})
    elif any(x is not None for x in encdec[:3]):
        parts = (("Encoder", encoder_attention, encoder_tokens, encoder_tokens, "encoder_tokens"),
                 ("Decoder", decoder_attention, decoder_tokens, decoder_tokens, "decoder_tokens"),
                 ("Cross", cross_attention, decoder_tokens, encoder_tokens, "encoder_tokens and decoder_tokens"))
        for name, att, left, right, needed in parts:
            if att is None:
                continue
            if left is None or right is None:
                raise ValueError(f"{needed} required when {name.lower()}_attention is given.")
            stacked = stack_attention(att, include_layers, include_heads)
            sources.append(_source(stacked, fix(left), fix(right)))
            filters.append({"name": name, "source": len(sources) - 1, "rows": [0, len(left)], "cols": [0, len(right)]})
    else:
        raise ValueError(f"no attention given: {EAGER_HINT}.")
    return sources, filters, sources[0]["layers"], sources[0]["heads"]


def view_html(kind: str, sources: list, filters: list, layer_ids: list[int], head_ids: list[int],
              layer: int = 0, heads: list[int] | None = None, display_mode: str = "dark") -> str:
    """One self-contained HTML block (unique root id, scoped CSS, inline script) for a head or model view."""
    if kind not in ("head", "model"):
        raise ValueError(f"kind must be 'head' or 'model', got {kind!r}.")
    if not sources or not filters or not layer_ids or not head_ids:
        raise ValueError("a view needs at least one source, filter, layer and head; build them with head_view/model_view.")
    if display_mode not in ("dark", "light"):
        raise ValueError(f"display_mode must be 'dark' or 'light', got {display_mode!r}.")
    root_id = f"bvl-{uuid.uuid4().hex}"
    params = {"id": root_id, "kind": kind, "mode": display_mode, "sources": sources, "filters": filters,
              "layer_ids": layer_ids, "head_ids": head_ids, "layer": layer,
              "heads": list(range(len(head_ids))) if heads is None else heads}
    css_template, script_template = view_assets()
    css = css_template.replace("#ROOT", f"#{root_id}")
    script = script_template.replace(PARAMS_MARKER, script_json(params), 1)
    # The <style> sits before the root: the script replaces the root's children (the placeholder note).
    return (f'<style>{css}</style><div id="{root_id}" class="bvl-{display_mode}"><div class="bvl-note">'
            'This attention view needs JavaScript: run the cell in Jupyter or VS Code, or '
            'open the exported HTML. A static figure of the same weights sits next to it.</div></div>'
            f"<script>{script}</script>")


def _deliver(html: str, html_action: str) -> Any:
    """Display the HTML (`'view'`) or return an `IPython.display.HTML` whose `.data` is it (`'return'`)."""
    from IPython.display import HTML, display

    if html_action == "view":
        display(HTML(html))
        return None
    if html_action == "return":
        return HTML(html)
    raise ValueError(f"html_action must be 'view' or 'return', got {html_action!r}.")


def head_view(attention: Any = None, tokens: Sequence[str] | None = None, sentence_b_start: int | None = None,
              prettify_tokens: bool = True, layer: int | None = None, heads: Sequence[int] | None = None,
              encoder_attention: Any = None, decoder_attention: Any = None, cross_attention: Any = None,
              encoder_tokens: Sequence[str] | None = None, decoder_tokens: Sequence[str] | None = None,
              include_layers: Sequence[int] | None = None, html_action: str = "view") -> Any:
    """Interactive head view of one layer (bertviz's signature); attention: layers x (1, heads, T, T)."""
    if html_action not in ("view", "return"):
        raise ValueError(f"html_action must be 'view' or 'return', got {html_action!r}.")
    sources, filters, n_layers, n_heads = _collect(
        attention, tokens, sentence_b_start, prettify_tokens, encoder_attention, decoder_attention,
        cross_attention, encoder_tokens, decoder_tokens, include_layers, None)
    layer_ids = list(range(n_layers)) if include_layers is None else [int(k) for k in include_layers]
    if layer is not None and layer not in layer_ids:
        raise ValueError(f"layer {layer} is not among the layers shown: {layer_ids}.")
    if heads is not None and any(not 0 <= int(h) < n_heads for h in heads):
        raise ValueError(f"heads must be indices in 0..{n_heads - 1}, got {list(heads)}.")
    chosen = None if heads is None else [int(h) for h in heads]
    html = view_html("head", sources, filters, layer_ids, list(range(n_heads)),
                     layer=0 if layer is None else layer_ids.index(layer), heads=chosen, display_mode="light")
    return _deliver(html, html_action)


def model_view(attention: Any = None, tokens: Sequence[str] | None = None, sentence_b_start: int | None = None,
               prettify_tokens: bool = True, display_mode: str = "dark", encoder_attention: Any = None,
               decoder_attention: Any = None, cross_attention: Any = None, encoder_tokens: Sequence[str] | None = None,
               decoder_tokens: Sequence[str] | None = None, include_layers: Sequence[int] | None = None,
               include_heads: Sequence[int] | None = None, html_action: str = "view") -> Any:
    """Interactive grid of every layer x head (bertviz's signature); click a cell to enlarge it."""
    if html_action not in ("view", "return"):
        raise ValueError(f"html_action must be 'view' or 'return', got {html_action!r}.")
    sources, filters, n_layers, n_heads = _collect(
        attention, tokens, sentence_b_start, prettify_tokens, encoder_attention, decoder_attention,
        cross_attention, encoder_tokens, decoder_tokens, include_layers, include_heads)
    layer_ids = list(range(n_layers)) if include_layers is None else [int(k) for k in include_layers]
    head_ids = list(range(n_heads)) if include_heads is None else [int(k) for k in include_heads]
    html = view_html("model", sources, filters, layer_ids, head_ids, display_mode=display_mode)
    return _deliver(html, html_action)
