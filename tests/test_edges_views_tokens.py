"""Degenerate and boundary inputs of the tokens, views, statistics, figures, models and runtime helpers.

Every public function gets at least one degenerate call (empty, zero, out of range) and one boundary call (the
smallest or largest input that is still valid); each must answer with the listed value or a clear ValueError
that names the parameter.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from transformers import BertModel, BertTokenizer  # noqa: E402

from bertviz_lite import attention, attention_inputs, attention_plots, basic_tokenizer, head_stats, models, runtime, tokens  # noqa: E402  # noqa: E402
from bertviz_lite.doctor import diagnose  # noqa: E402

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "a", "##a", "b"]
TOK = BertTokenizer(vocab={piece: i for i, piece in enumerate(VOCAB)}, model_max_length=16)


def attn(layers: int = 1, heads: int = 1, t: int = 1) -> tuple[torch.Tensor, ...]:
    """layers x (1, heads, t, t), rows summing to 1."""
    return tuple(torch.softmax(torch.randn(1, heads, t, t, generator=torch.Generator().manual_seed(k)), -1)
                 for k in range(layers))


def stats_1x1() -> Any:
    return head_stats.head_statistics(attn(t=1), ["[CLS]"])


# (id, call, check): check is a predicate on the result, or (ExceptionType, regex the message must match).
CASES: list[tuple[str, Callable[[], Any], Any]] = [
    # basic_tokenizer
    ("clean_text empty", lambda: basic_tokenizer.clean_text(""), lambda r: r == ""),
    ("clean_text only removable", lambda: basic_tokenizer.clean_text("\x00\ufffd\u200b\x07"), lambda r: r == ""),
    ("clean_text whitespace kinds", lambda: basic_tokenizer.clean_text("\t\n\r\u00a0"), lambda r: r == "    "),
    ("is_cjk empty", lambda: basic_tokenizer.is_cjk(""), (ValueError, "one character")),
    ("is_cjk two chars", lambda: basic_tokenizer.is_cjk("東京"), (ValueError, "one character")),
    ("is_cjk first of block", lambda: basic_tokenizer.is_cjk("\u4e00"), lambda r: r is True),
    ("is_cjk last supplement", lambda: basic_tokenizer.is_cjk("\U0002fa1f"), lambda r: r is True),
    ("is_cjk past supplement", lambda: basic_tokenizer.is_cjk("\U0002fa20"), lambda r: r is False),
    ("is_cjk hiragana", lambda: basic_tokenizer.is_cjk("\u3041"), lambda r: r is False),
    ("is_cjk katakana", lambda: basic_tokenizer.is_cjk("\u30ff"), lambda r: r is False),
    ("is_cjk hangul", lambda: basic_tokenizer.is_cjk("\uac00"), lambda r: r is False),
    ("space_cjk empty", lambda: basic_tokenizer.space_cjk(""), lambda r: r == ""),
    ("space_cjk one ideograph", lambda: basic_tokenizer.space_cjk("東"), lambda r: r == " 東 "),
    # tokens
    ("token_views empty", lambda: tokens.token_views([], []), lambda r: r == []),
    ("token_views mismatch", lambda: tokens.token_views(["a"], [1, 2]), (ValueError, "input_ids has 2 entries")),
    ("word_groups empty", lambda: tokens.word_groups([]), lambda r: r == []),
    ("word_groups one", lambda: tokens.word_groups(tokens.token_views(["a"], [1], word_ids=[0])), lambda r: r == [[0]]),
    ("text_notes empty", lambda: tokens.text_notes(""), lambda r: r == []),
    ("text_notes control", lambda: tokens.text_notes("a\x07b"), lambda r: "U+0007" in r[0] and "removed" in r[0]),
    ("text_notes mixed scripts", lambda: tokens.text_notes("pаypal"), lambda r: "Cyrillic and Latin" in r[0]),
    ("text_notes hangul", lambda: tokens.text_notes("한국"), lambda r: "Hangul is not in BERT's CJK ranges" in r[0]),
    ("unknown_word_notes none", lambda: tokens.unknown_word_notes(TOK, []), lambda r: r == []),
    ("unknown_word_notes 100 chars", lambda: tokens.unknown_word_notes(TOK, ["a" * 100]), lambda r: r == []),
    ("unknown_word_notes 101 chars", lambda: tokens.unknown_word_notes(TOK, ["a" * 101]),
     lambda r: "101 characters" in r[0] and "max_input_chars_per_word (100)" in r[0]),
    ("unknown_word_notes missing char", lambda: tokens.unknown_word_notes(TOK, ["cat🤗"]),
     lambda r: "'🤗' (U+1F917)" in r[0]),
    ("encode empty", lambda: tokens.encode_for_display(TOK, ""), lambda r: len(r.views) == 2 and "empty" in r.notes[0]),
    ("encode None", lambda: tokens.encode_for_display(TOK, None), lambda r: len(r.views) == 2),
    ("encode max_length too small", lambda: tokens.encode_for_display(TOK, "cat", max_length=2), (ValueError, "max_length")),
    ("encode pair max_length too small", lambda: tokens.encode_for_display(TOK, "cat", "the", max_length=3),
     (ValueError, "at least 4")),
    ("encode max_length smallest", lambda: tokens.encode_for_display(TOK, "the cat", max_length=3),
     lambda r: [v.token for v in r.views] == ["[CLS]", "the", "[SEP]"] and "truncated" in r.notes[0]),
    ("encode long word", lambda: tokens.encode_for_display(TOK, "a" * 101),
     lambda r: [v.token for v in r.views] == ["[CLS]", "[UNK]", "[SEP]"] and "max_input_chars_per_word" in r.notes[0]),
    ("encode word at the limit", lambda: tokens.encode_for_display(TOK, "a" * 100),
     lambda r: "[UNK]" not in [v.token for v in r.views] and r.notes == ()),
    ("encode control chars only", lambda: tokens.encode_for_display(TOK, "\x07\u200b"),
     lambda r: len(r.views) == 2 and any("removed" in n for n in r.notes)),
    ("tokens_html empty", lambda: tokens.tokens_html([]), lambda r: r.startswith("<div") and "position 0" not in r),
    ("tokens_text empty", lambda: tokens.tokens_text([]), lambda r: r.split() == ["pos", "token", "id", "type", "mask", "word"]),
    ("show_tokens empty", lambda: tokens.show_tokens(TOK, ""), lambda r: "empty" in r.data),
    ("playground max_length", lambda: tokens.playground(TOK, max_length=3), (ValueError, "max_length")),
    # attention_inputs
    ("stack empty tuple", lambda: attention_inputs.stack_attention(()), (ValueError, "non-empty")),
    ("stack zero heads", lambda: attention_inputs.stack_attention((torch.ones(1, 0, 2, 2),)), (ValueError, "0 heads")),
    ("stack one token", lambda: attention_inputs.stack_attention(attn(t=1)), lambda r: r.shape == (1, 1, 1, 1)),
    ("stack include_heads empty", lambda: attention_inputs.stack_attention(attn(), include_heads=[]), (ValueError, "include_heads")),
    ("as_stacked not square", lambda: attention_inputs.as_stacked((torch.ones(1, 1, 2, 3),)), (ValueError, "square")),
    ("as_stacked 4-D one token", lambda: attention_inputs.as_stacked(torch.ones(1, 1, 1, 1)), lambda r: r.shape == (1, 1, 1, 1)),
    ("prettify empty", lambda: attention_inputs.prettify([]), lambda r: r == []),
    ("trim_padding all padding", lambda: attention_inputs.trim_padding(attn(t=2), ["[PAD]", "[PAD]"], torch.zeros(1, 2)),
     (ValueError, "no real token")),
    ("trim_padding no padding", lambda: attention_inputs.trim_padding(attn(t=2), ["a", "b"], torch.ones(1, 2)),
     lambda r: r[1] == ["a", "b"] and r[0][0].shape == (1, 1, 2, 2)),
    # attention (views)
    ("head_view 0 tokens", lambda: attention.head_view((torch.ones(1, 1, 0, 0),), [], html_action="return"),
     (ValueError, "must not be empty")),
    ("head_view 1 token", lambda: attention.head_view(attn(t=1), ["[CLS]"], html_action="return"), lambda r: "bvl-" in r.data),
    ("head_view mismatched tokens", lambda: attention.head_view(attn(t=3), ["a", "b"], html_action="return"),
     (ValueError, "covers 3 positions but got 2 tokens")),
    ("head_view pair of 1 token", lambda: attention.head_view(attn(t=1), ["a"], sentence_b_start=1, html_action="return"),
     (ValueError, "sentence_b_start")),
    ("model_view 0 tokens", lambda: attention.model_view((torch.ones(1, 1, 0, 0),), ["a"], html_action="return"),
     (ValueError, "0 tokens")),
    ("model_view 1 token", lambda: attention.model_view(attn(t=1), ["a"], html_action="return"), lambda r: "bvl-" in r.data),
    ("model_view mismatched layers", lambda: attention.model_view((torch.ones(1, 1, 2, 2), torch.ones(1, 2, 2, 2)), ["a", "b"],
                                                                 html_action="return"), (ValueError, "layer 1 has shape")),
    ("quantize empty", lambda: attention.quantize(np.zeros(0)), lambda r: r == ""),
    ("quantize extremes", lambda: attention.quantize(np.array([0.0, 1.0])), lambda r: r == "AP8="),
    ("script_json empty", lambda: attention.script_json(""), lambda r: r == '""'),
    ("view_html bad kind", lambda: attention.view_html("grid", [{}], [{}], [0], [0]), (ValueError, "kind")),
    ("view_html nothing", lambda: attention.view_html("head", [], [], [], []), (ValueError, "at least one")),
    ("view_assets", attention.view_assets, lambda r: "#ROOT" in r[0] and "__BVL_PARAMS__" in r[1]),
    # head_stats
    ("head_statistics 0 tokens", lambda: head_stats.head_statistics((torch.ones(1, 1, 0, 0),), []), (ValueError, "0 tokens")),
    ("head_statistics 1 token", stats_1x1,
     lambda r: r.entropy[0, 0] == 0 and r.to_cls[0, 0] == 1 and r.distance[0, 0] == 0 and r.max_entropy == 0),
    ("head_statistics mismatch", lambda: head_stats.head_statistics(attn(t=2), ["a"]), (ValueError, "2 x 2 positions")),
    ("head_statistics no specials", lambda: head_stats.head_statistics(attn(t=2), ["a", "b"]),
     lambda r: r.to_cls[0, 0] == 0 and r.to_sep[0, 0] == 0),
    # attention_plots
    ("plot_heads no heads", lambda: attention_plots.plot_heads(attn(), ["a"], layer=0, heads=[]), (ValueError, "heads")),
    ("plot_heads 1 token", lambda: attention_plots.plot_heads(attn(), ["a"], layer=0), lambda r: len(r.axes) == 2),
    ("plot_heads max_labels 0", lambda: attention_plots.plot_heads(attn(t=2), ["a", "b"], 0, max_labels=0), (ValueError, "max_labels")),
    ("plot_model_grid no layers", lambda: attention_plots.plot_model_grid(attn(), include_layers=[]), (ValueError, "include_layers")),
    ("plot_model_grid 1 token", lambda: attention_plots.plot_model_grid(attn(), ["a"]), lambda r: len(r.axes) == 2),
    ("plot_head_lines bad min_weight", lambda: attention_plots.plot_head_lines(attn(), ["a"], 0, 0, min_weight=1.5),
     (ValueError, "min_weight")),
    ("plot_head_lines bad head", lambda: attention_plots.plot_head_lines(attn(), ["a"], 0, 1), (ValueError, "head in 0..0")),
    ("plot_head_lines 1 token", lambda: attention_plots.plot_head_lines(attn(), ["a"], 0, 0), lambda r: r.axes[0].get_title()),
    ("plot_head_statistics 1x1", lambda: attention_plots.plot_head_statistics(stats_1x1()), lambda r: len(r.axes) == 8),
    # models
    ("hub_reachable timeout 0", lambda: models.hub_reachable(timeout=0), (ValueError, "timeout")),
    ("resolve blank name", lambda: models.resolve_checkpoint("   "), lambda r: r == models.default_checkpoint()),
    ("describe default", lambda: models.describe_checkpoint(""), lambda r: r.startswith("all-MiniLM-L6-v2")),
    ("load_model not a class", lambda: models.load_model(int), (ValueError, "model_class")),
    ("load_model unhashable", lambda: models.load_model(BertModel, foo=[1]), (ValueError, "cache=False")),
    ("load_tokenizer missing folder", lambda: models.load_tokenizer("./no/such/folder"), (models.CheckpointUnavailable, "does not exist")),
    # runtime
    ("seed negative", lambda: runtime.seed_everything(-1), (ValueError, "seed")),
    ("seed largest", lambda: runtime.seed_everything(2**32 - 1), lambda r: r is None),
    ("seed float", lambda: runtime.seed_everything(1.5), (ValueError, "seed")),
    ("by_mode same", lambda: runtime.by_mode(1, 1), lambda r: r == 1),
    ("headline empty name", lambda: runtime.headline(" ", 1.0), (ValueError, "name")),
    ("headline NaN", lambda: runtime.headline("x", math.nan), (ValueError, "finite")),
    ("headline zero", lambda: runtime.headline("edge test", 0.0), lambda r: r == 0.0 and runtime.headlines()["edge test"] == 0.0),
    ("version_line", runtime.version_line, lambda r: r.startswith("python ")),
    # doctor
    ("diagnose missing folder", lambda: diagnose("./no/such/folder"), lambda r: "does not exist" in r["error"]),
]


@pytest.mark.parametrize(("call", "check"), [(c, k) for _, c, k in CASES], ids=[name for name, _, _ in CASES])
def test_edge_inputs(call: Callable[[], Any], check: Any) -> None:
    if isinstance(check, tuple):
        error, pattern = check
        with pytest.raises(error, match=pattern):
            call()
    else:
        result = call()
        assert check(result), result
    plt.close("all")


class Flaky:
    """The tiny tokenizer, except that it raises on the text 'boom' (a stand-in for any unexpected failure)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(TOK, name)

    def __call__(self, text: Any, *args: Any, **kwargs: Any) -> Any:
        if text == "boom":
            raise RuntimeError("tokenizer exploded")
        return TOK(text, *args, **kwargs)


def test_playground_shows_the_error_and_keeps_the_last_good_view() -> None:
    pytest.importorskip("ipywidgets")
    first, _, message, view = tokens.playground(Flaky(), text="the cat").children
    good = view.value
    first.value = "boom"
    assert view.value == good and "tokenizer exploded" in message.value
    first.value = "cat"
    assert message.value == "" and view.value != good
