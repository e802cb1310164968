"""Specification of `bertviz_lite.tokens`: coloured WordPiece tokens grouped by word, safe HTML, text fallback."""
from __future__ import annotations

import re

import pytest
from transformers import BertTokenizer

from bertviz_lite import tokens as T

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "un", "##believ", "##able",
         "<", ">", "/", "script", "?", "a", "b"]


@pytest.fixture(scope="module")
def tokenizer() -> BertTokenizer:
    """A tiny uncased WordPiece tokenizer (18 pieces) with a 16-token limit."""
    return BertTokenizer(vocab={piece: i for i, piece in enumerate(VOCAB)}, model_max_length=16)


def test_token_views_zip_lists_and_fill_bert_defaults() -> None:
    views = T.token_views(["[CLS]", "cat", "[SEP]"], [2, 6, 3])
    assert [v.token for v in views] == ["[CLS]", "cat", "[SEP]"]
    assert [v.input_id for v in views] == [2, 6, 3]
    assert all(v.token_type_id == 0 and v.attention_mask == 1 for v in views)


def test_token_views_reject_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="attention_mask has 2 entries but there are 3 tokens"):
        T.token_views(["a", "b", "c"], [1, 2, 3], attention_mask=[1, 1])


def test_subwords_of_one_word_share_a_group(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "the unbelievable cat")
    tokens = [v.token for v in encoded.views]
    assert tokens == ["[CLS]", "the", "un", "##believ", "##able", "cat", "[SEP]"]
    assert T.word_groups(encoded.views) == [[0], [1], [2, 3, 4], [5], [6]]


def test_same_word_index_in_the_second_sentence_is_a_new_group(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "cat", "cat")
    assert [v.token_type_id for v in encoded.views] == [0, 0, 0, 1, 1]
    assert T.word_groups(encoded.views) == [[0], [1], [2], [3], [4]]


def test_every_token_is_html_escaped() -> None:
    views = T.token_views(["<script>", "a&b", '"q"'], [1, 2, 3])
    page = T.tokens_html(views, notes=["<b>note</b>"], title="<i>t</i>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "a&amp;b" in page and "&quot;q&quot;" in page
    assert "<b>note</b>" not in page and "<i>t</i>" not in page


def test_html_is_self_contained() -> None:
    page = T.tokens_html(T.token_views(["[CLS]", "cat"], [2, 6]))
    assert not re.search(r"https?:|<script|<link|@import", page)


def test_words_get_palette_colours_and_specials_grey(tokenizer: BertTokenizer) -> None:
    page = T.tokens_html(T.encode_for_display(tokenizer, "the cat").views)
    assert page.count(T.SPECIAL_COLOUR) == 2
    assert T.PALETTE[0] in page and T.PALETTE[1] in page and T.PALETTE[2] not in page


def test_text_fallback_has_one_line_per_token_with_ids_types_and_mask(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "the cat", "sat")
    lines = T.tokens_text(encoded.views).splitlines()
    assert len(lines) == 1 + len(encoded.views)
    assert lines[0].split() == ["pos", "token", "id", "type", "mask", "word"]
    assert lines[4].split() == ["3", "[SEP]", "3", "0", "1", "-"]
    assert lines[5].split() == ["4", "sat", "7", "1", "1", "B0"]


def test_empty_text_gives_a_note_not_an_error(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "   ")
    assert [v.token for v in encoded.views] == ["[CLS]", "[SEP]"]
    assert any("empty" in note for note in encoded.notes)


def test_long_input_is_truncated_with_a_note(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "cat " * 30, "the " * 5, max_length=16)
    assert len(encoded.views) == 16
    assert any("38 tokens" in n and "truncated" in n for n in encoded.notes)  # 30 + 5 words + 3 specials
    assert [v.token for v in encoded.views].count("[SEP]") == 2


def test_unknown_characters_are_reported(tokenizer: BertTokenizer) -> None:
    encoded = T.encode_for_display(tokenizer, "the 🤗 cat")
    assert [v.token for v in encoded.views] == ["[CLS]", "the", "[UNK]", "cat", "[SEP]"]
    assert any("[UNK]" in note for note in encoded.notes)


def test_show_tokens_returns_ipython_html(tokenizer: BertTokenizer) -> None:
    shown = T.show_tokens(tokenizer, "a <b> cat")
    assert type(shown).__name__ == "HTML" and "&lt;" in shown.data


def test_playground_updates_when_the_text_changes(tokenizer: BertTokenizer) -> None:
    pytest.importorskip("ipywidgets")
    box = T.playground(tokenizer, text="the cat")
    first, second, message, view = box.children
    assert "4 tokens" in view.value
    second.value = "sat"
    assert "6 tokens" in view.value
    first.value = ""
    assert "empty" in view.value
