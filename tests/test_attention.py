"""Specification of the offline attention views: bertviz signatures, safety, size, clear errors, live script."""
from __future__ import annotations

import base64
import inspect
import json
import re
import shutil
import subprocess

import numpy as np
import pytest
import torch

from bertviz_lite import head_view, model_view
from bertviz_lite.attention import script_json, stack_attention, trim_padding, view_assets

EVIL = "</script><img src=x onerror=alert(1)>"

HEAD_VIEW_PARAMS = [  # bertviz 1.4 head_view, in order, with defaults
    ("attention", None), ("tokens", None), ("sentence_b_start", None), ("prettify_tokens", True), ("layer", None),
    ("heads", None), ("encoder_attention", None), ("decoder_attention", None), ("cross_attention", None),
    ("encoder_tokens", None), ("decoder_tokens", None), ("include_layers", None), ("html_action", "view")]
MODEL_VIEW_PARAMS = [
    ("attention", None), ("tokens", None), ("sentence_b_start", None), ("prettify_tokens", True),
    ("display_mode", "dark"), ("encoder_attention", None), ("decoder_attention", None), ("cross_attention", None),
    ("encoder_tokens", None), ("decoder_tokens", None), ("include_layers", None), ("include_heads", None),
    ("html_action", "view")]


def fake_attention(layers: int = 2, heads: int = 2, t: int = 4, seed: int = 0) -> tuple[torch.Tensor, ...]:
    """What a model returns with output_attentions=True: layers x (1, heads, T, T), rows summing to 1."""
    g = torch.Generator().manual_seed(seed)
    return tuple(torch.softmax(torch.randn(1, heads, t, t, generator=g), dim=-1) for _ in range(layers))


def params_of(html: str) -> dict:
    """The JSON parameters embedded in the view's script (escapes decoded by the JSON parser)."""
    match = re.search(r"var P = (\{.*?\});\n", html, re.S)
    assert match, "the script embeds its parameters as `var P = {...};`"
    return json.loads(match.group(1))


@pytest.mark.parametrize(("view", "expected"), [(head_view, HEAD_VIEW_PARAMS), (model_view, MODEL_VIEW_PARAMS)])
def test_signatures_match_bertviz(view, expected) -> None:
    got = [(p.name, p.default) for p in inspect.signature(view).parameters.values()]
    assert got == expected


def test_return_gives_an_html_object_and_view_displays_it(capsys) -> None:
    html = head_view(fake_attention(), ["[CLS]", "a", "b", "[SEP]"], html_action="return")
    assert isinstance(html.data, str) and '<div id="bvl-' in html.data
    assert html.data.index("</style>") < html.data.index('<div id="bvl-'), "the script empties the root, not the CSS"
    assert head_view(fake_attention(), ["[CLS]", "a", "b", "[SEP]"]) is None  # 'view' displays, returns nothing
    with pytest.raises(ValueError, match="html_action"):
        model_view(fake_attention(), list("abcd"), html_action="save")


def test_self_contained_no_network_and_unique_ids() -> None:
    a = model_view(fake_attention(), list("abcd"), html_action="return").data
    b = model_view(fake_attention(), list("abcd"), html_action="return").data
    for html in (a, b):
        assert not re.search(r"https?:|//cdn|require\(|src=", html), "no remote or external resources"
        assert html.count("<script>") == 1
    id_a, id_b = (re.search(r'id="(bvl-[0-9a-f]+)"', h).group(1) for h in (a, b))
    assert id_a != id_b and a.count(id_a) >= 2 and f"#{id_a}" in a, "scoped CSS and script use the unique id"


def test_tokens_cannot_break_out_of_the_script() -> None:
    tokens = ["[CLS]", EVIL, "a & b", "[SEP]"]
    for view in (head_view, model_view):
        html = view(fake_attention(), tokens, html_action="return").data
        assert "<img" not in html and "</script><" not in html and html.count("</script>") == 1
        assert "\\u003c/script\\u003e" in html
        assert params_of(html)["sources"][0]["left"] == tokens, "the text survives exactly (decoded by JSON)"
    assert script_json(["<>&\u2028"]) == '["\\u003c\\u003e\\u0026\\u2028"]'


def test_the_script_inserts_text_with_textcontent_only() -> None:
    _, SCRIPT = view_assets()
    assert "innerHTML" not in SCRIPT and "outerHTML" not in SCRIPT and "insertAdjacentHTML" not in SCRIPT
    assert "document.write" not in SCRIPT and "eval(" not in SCRIPT and "textContent" in SCRIPT


FAKE_DOM = r"""
const texts = [], made = [];
function node(tag) {
  const n = {tagName: tag, children: [], style: {}, listeners: {}, className: "", _text: "",
    appendChild(c) { this.children.push(c); c.parentNode = this; return c; },
    addEventListener(t, f) { this.listeners[t] = f; },
    querySelector(sel) { return sel === "#" + ROOT_ID ? rootNode : null; },
    getContext() { return {clearRect() {}, beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}}; },
    set textContent(v) { this._text = v; if (v !== "") texts.push(v); this.children = []; },
    get textContent() { return this._text; },
    set innerHTML(v) { throw new Error("innerHTML used with: " + v); } };
  made.push(n);
  return n;
}
const rootNode = node("div"), host = node("div");
const document = {
  currentScript: {parentNode: host},
  createElement: node,
  createTextNode(t) { texts.push(t); return node("#text"); },
  getElementById(id) { return id === ROOT_ID ? rootNode : null; },
};
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the view's script")
@pytest.mark.parametrize("view", [head_view, model_view])
def test_live_script_renders_tokens_as_text(view, tmp_path) -> None:
    tokens = ["[CLS]", EVIL, "ok", "[SEP]"]
    html = view(fake_attention(), tokens, sentence_b_start=2, html_action="return").data
    root_id = re.search(r'id="(bvl-[0-9a-f]+)"', html).group(1)
    script = html.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    tail = "for (const c of made) if (c.listeners.click) { c.listeners.click(); break; }\n" \
           "for (const c of made) if (c.listeners.mouseenter) { c.listeners.mouseenter(); break; }\n" \
           "console.log(JSON.stringify({texts: texts, root: rootNode.children.length}));"
    program = f"const ROOT_ID = {json.dumps(root_id)};\n{FAKE_DOM}\n{script}\n{tail}"
    (tmp_path / "view.js").write_text(program, encoding="utf-8")
    run = subprocess.run(["node", str(tmp_path / "view.js")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert EVIL in result["texts"], "the token is shown, as plain text, through textContent"
    assert result["root"] == 2, "the script replaced the placeholder with its toolbar and body"


def test_model_view_of_128_tokens_6_layers_12_heads_stays_under_2_mb() -> None:
    attention = fake_attention(layers=6, heads=12, t=128)
    html = model_view(attention, [f"w{i}" for i in range(128)], html_action="return").data
    size = len(html.encode("utf-8"))
    assert size <= 2_000_000, f"{size:,} bytes"
    head = head_view(attention, [f"w{i}" for i in range(128)], sentence_b_start=64, html_action="return").data
    assert len(head.encode("utf-8")) <= 2_000_000, "pair filters reuse one copy of the weights"


def test_weights_are_quantised_to_bytes_within_half_a_step() -> None:
    attention = fake_attention(layers=2, heads=3, t=5)
    source = params_of(head_view(attention, list("abcde"), html_action="return").data)["sources"][0]
    q = np.frombuffer(base64.b64decode(source["data"]), dtype=np.uint8).reshape(2, 3, 5, 5)
    exact = torch.stack([a[0] for a in attention]).numpy()
    assert np.abs(q / 255 - exact).max() <= 0.5 / 255 + 1e-7


def test_sentence_pair_filters_are_row_and_column_ranges() -> None:
    html = head_view(fake_attention(t=5), list("abcde"), sentence_b_start=2, html_action="return").data
    filters = {f["name"]: (f["rows"], f["cols"]) for f in params_of(html)["filters"]}
    assert filters == {"All": ([0, 5], [0, 5]), "Sentence A -> Sentence A": ([0, 2], [0, 2]),
                       "Sentence B -> Sentence B": ([2, 5], [2, 5]), "Sentence A -> Sentence B": ([0, 2], [2, 5]),
                       "Sentence B -> Sentence A": ([2, 5], [0, 2])}


def test_include_layers_and_heads_select_what_is_shown() -> None:
    html = model_view(fake_attention(layers=3, heads=4), list("abcd"), include_layers=[2], include_heads=[1, 3],
                      html_action="return").data
    p = params_of(html)
    assert (p["layer_ids"], p["head_ids"]) == ([2], [1, 3])
    assert (p["sources"][0]["layers"], p["sources"][0]["heads"]) == (1, 2)
    with pytest.raises(ValueError, match="not among the layers"):
        head_view(fake_attention(layers=3), list("abcd"), layer=0, include_layers=[1, 2])


def test_prettify_tokens_drops_subword_markers() -> None:
    html = head_view(fake_attention(t=3), ["Ġthe", "▁cat", "sat</w>"], html_action="return").data
    assert params_of(html)["sources"][0]["left"] == [" the", " cat", "sat"]


@pytest.mark.parametrize(("attention", "tokens", "message"), [
    (None, ["a"], "output_attentions=True"),
    ((None, None), ["a"], "attn_implementation='eager'"),
    ((), ["a"], "non-empty"),
    ((torch.ones(2, 2, 4),), list("abcd"), r"expected shape \(batch=1, heads, T, T\)"),
    ((torch.ones(3, 2, 4, 4),), list("abcd"), "batch of 1"),
    (fake_attention(t=4), list("abc"), "covers 4 positions but got 3 tokens"),
    (fake_attention(t=4), [], "must not be empty"),
    ((torch.ones(1, 2, 0, 0),), ["a"], "empty input"),
    ((torch.ones(1, 2, 3, 4),), list("abc"), "must be square"),
    ((torch.ones(1, 2, 4, 4), torch.ones(1, 2, 5, 5)), list("abcd"), "layer 1 has shape"),
])
def test_bad_input_raises_a_clear_value_error(attention, tokens, message) -> None:
    for view in (head_view, model_view):
        with pytest.raises(ValueError, match=message):
            view(attention, tokens, html_action="return")


def test_bad_sentence_b_start_and_missing_encoder_tokens() -> None:
    with pytest.raises(ValueError, match="sentence_b_start"):
        head_view(fake_attention(), list("abcd"), sentence_b_start=4, html_action="return")
    with pytest.raises(ValueError, match="encoder_tokens"):
        head_view(encoder_attention=fake_attention(), html_action="return")


def test_encoder_decoder_views_get_one_source_each() -> None:
    cross = tuple(torch.softmax(torch.randn(1, 2, 3, 4), -1) for _ in range(2))
    html = model_view(encoder_attention=fake_attention(t=4), decoder_attention=fake_attention(t=3),
                      cross_attention=cross, encoder_tokens=list("abcd"), decoder_tokens=list("xyz"),
                      html_action="return").data
    p = params_of(html)
    assert [f["name"] for f in p["filters"]] == ["Encoder", "Decoder", "Cross"]
    assert [(s["rows"], s["cols"]) for s in p["sources"]] == [(4, 4), (3, 3), (3, 4)]


def test_trim_padding_keeps_the_unpadded_positions_of_one_example() -> None:
    attention = tuple(torch.softmax(torch.randn(2, 2, 5, 5), -1) for _ in range(3))
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    tokens = [["[CLS]", "a", "b", "c", "[SEP]"], ["[CLS]", "d", "[SEP]", "[PAD]", "[PAD]"]]
    trimmed, kept = trim_padding(attention, tokens, mask, index=1)
    assert kept == ["[CLS]", "d", "[SEP]"]
    assert [tuple(a.shape) for a in trimmed] == [(1, 2, 3, 3)] * 3
    torch.testing.assert_close(trimmed[0][0], attention[0][1, :, :3, :3])
    assert stack_attention(trimmed).shape == (3, 2, 3, 3)
    with pytest.raises(ValueError, match="attention_mask"):
        trim_padding(attention, tokens, mask, index=2)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the view's script")
@pytest.mark.parametrize(("width", "heads", "expected"), [(1400, 12, 72), (700, 12, 48), (400, 12, 24), (700, 2, 72)])
def test_model_view_thumbnails_fit_the_available_width(tmp_path, width: int, heads: int, expected: int) -> None:
    """Thumbnail side = (width - labels - gaps) / heads, clamped to 24..72 px; below that the root scrolls (CSS)."""
    html = model_view(fake_attention(layers=6, heads=heads), list("abcd"), html_action="return").data
    root_id = re.search(r'id="(bvl-[0-9a-f]+)"', html).group(1)
    script = html.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    tail = ("const thumbs = made.filter(n => n.className === 'bvl-thumb');\n"
            "console.log(JSON.stringify({n: thumbs.length, sizes: [...new Set(thumbs.map(t => t.width))]}));")
    program = f"const ROOT_ID = {json.dumps(root_id)};\n{FAKE_DOM}\nrootNode.clientWidth = {width};\n{script}\n{tail}"
    (tmp_path / "fit.js").write_text(program, encoding="utf-8")
    run = subprocess.run(["node", str(tmp_path / "fit.js")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["n"] == 6 * heads and result["sizes"] == [expected]
    fits = 12 + 30 + 4 * (heads + 1) + heads * (expected + 2) <= width
    assert fits or expected == 24, "thumbnails fit, or sit at the minimum size inside a scrolling frame"
    assert "overflow-x:auto" in html.split("</style>", 1)[0], "the view scrolls inside its own frame when needed"
