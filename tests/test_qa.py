"""Specification of `bertviz_lite.qa`: answer labels from characters, windows, best-span decoding, SQuAD metrics."""
from __future__ import annotations

import pytest
import torch
from transformers import BertTokenizer

from bertviz_lite import qa

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "who", "built", "it", "?", "the", "canal", "was", "by",
         "ada", "love", "##lace", "in", "1850", ".", "a", "b", "c", "d"]


@pytest.fixture(scope="module")
def tokenizer() -> BertTokenizer:
    """A tiny uncased WordPiece tokenizer (23 pieces)."""
    return BertTokenizer(vocab={piece: i for i, piece in enumerate(VOCAB)}, model_max_length=64)


CONTEXT = "The canal was built by Ada Lovelace in 1850."
ANSWER = {"text": ["Ada Lovelace"], "answer_start": [CONTEXT.index("Ada")]}


def test_answer_characters_become_token_positions(tokenizer: BertTokenizer) -> None:
    f = qa.prepare_features(tokenizer, ["Who built it?"], [CONTEXT], [ANSWER])
    tokens = tokenizer.convert_ids_to_tokens(f["input_ids"][0])
    start, end = f["start_positions"][0], f["end_positions"][0]
    assert tokens[start:end + 1] == ["ada", "love", "##lace"]
    offsets = f["offset_mapping"][0]
    assert CONTEXT[offsets[start][0]:offsets[end][1]] == "Ada Lovelace"
    assert offsets[:6] == [None] * 6  # [CLS] who built it ? [SEP] are not context


def test_long_context_overflows_into_overlapping_windows(tokenizer: BertTokenizer) -> None:
    f = qa.prepare_features(tokenizer, ["Who built it?"], [CONTEXT], [ANSWER], max_length=12, stride=2)
    assert len(f["input_ids"]) > 1 and set(f["overflow_to_sample_mapping"]) == {0}
    assert all(len(ids) <= 12 for ids in f["input_ids"])
    for s, e, offsets in zip(f["start_positions"], f["end_positions"], f["offset_mapping"]):
        if (s, e) == (0, 0):  # this window does not hold the whole answer: point at [CLS]
            covered = "".join(CONTEXT[o[0]:o[1]] for o in offsets if o)
            assert "Lovelace" not in covered or "Ada" not in covered
        else:
            assert CONTEXT[offsets[s][0]:offsets[e][1]] == "Ada Lovelace"
    assert any((s, e) == (0, 0) for s, e in zip(f["start_positions"], f["end_positions"]))
    assert any(s > 0 for s in f["start_positions"])


def test_answer_token_span_outside_the_window_is_cls() -> None:
    offsets = [(0, 0), (0, 3), (0, 0), (0, 3), (4, 9)]
    sequence_ids = [None, 0, None, 1, 1]
    assert qa.answer_token_span(offsets, sequence_ids, 4, 9) == (4, 4)
    assert qa.answer_token_span(offsets, sequence_ids, 10, 12) == (0, 0)


def test_best_span_respects_order_context_and_length() -> None:
    offsets = [None, (0, 3), (4, 7), (8, 11), (12, 15)]
    start = torch.tensor([9.0, 0.0, 1.0, 5.0, 0.0])
    end = torch.tensor([9.0, 0.0, 4.0, 0.0, 1.0])
    assert qa.argmax_span(start, end) == (0, 0)  # the naive decoder picks [CLS]
    best = qa.best_spans(start, end, offsets, max_answer_length=30, n_best=3)
    assert (best[0].start, best[0].end) == (3, 4) and best[0].score == pytest.approx(6.0)
    assert (best[0].start_char, best[0].end_char) == (8, 15)
    assert [s.score for s in best] == sorted((s.score for s in best), reverse=True)
    short = qa.best_spans(start, end, offsets, max_answer_length=1, n_best=1)[0]
    assert short.start == short.end == 3
    assert qa.best_spans(start, end, [None] * 5) == []


def test_decode_answers_picks_the_best_window_and_maps_to_characters(tokenizer: BertTokenizer) -> None:
    f = qa.prepare_features(tokenizer, ["Who built it?"], [CONTEXT], max_length=12, stride=2)
    starts, ends = [], []
    for offsets in f["offset_mapping"]:
        s, e = torch.zeros(len(offsets)), torch.zeros(len(offsets))
        for i, o in enumerate(offsets):
            if o and CONTEXT[o[0]:o[1]] == "1850":
                s[i], e[i] = 5.0, 5.0
        starts.append(s)
        ends.append(e)
    answers = qa.decode_answers([CONTEXT], f, starts, ends, n_best=2)
    best = answers[0][0]
    assert best.text == "1850" and best.score == pytest.approx(10.0) and len(answers[0]) == 2
    assert CONTEXT[best.start_char:best.end_char] == "1850"


def test_normalisation_and_scores_follow_squad() -> None:
    assert qa.normalize_answer("The  Eiffel-Tower!") == "eiffeltower"
    assert qa.normalize_answer("an apple, a pear") == "apple pear"
    assert qa.exact_match("the Matterhorn", ["Matterhorn", "a mountain"]) == 1.0
    assert qa.f1("Ada Lovelace in 1850", ["Ada Lovelace"]) == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert qa.f1("in 1850", ["Ada Lovelace", "1850"]) == pytest.approx(2 / 3)
    assert qa.f1("the", ["a"]) == 0.0 and qa.exact_match("the", ["a"]) == 1.0  # v1.1: both normalise to ""
    scores = qa.squad_scores(["Matterhorn", "nothing"], [["the Matterhorn"], ["something"]])
    assert scores == {"exact_match": 50.0, "f1": 50.0}


def test_baseline_and_html_view() -> None:
    assert qa.first_words_baseline("The canal was built", k=2) == "The canal"
    page = qa.answer_html("x <b>y</b> z", [(2, 10, "<gold>")], question="<script>?")
    assert "<b>y" not in page and "&lt;b&gt;y&lt;/b&gt;" in page and "&lt;script&gt;" in page
    assert "&lt;gold&gt;" in page


def test_answer_question_runs_a_tiny_model_over_every_window(tokenizer: BertTokenizer) -> None:
    from transformers import BertConfig, BertForQuestionAnswering

    config = BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(0)
    model = BertForQuestionAnswering(config).eval()
    long_context = " ".join([CONTEXT] * 6)  # about 70 tokens: needs several 24-token windows
    answers = qa.answer_question(model, tokenizer, "Who built it?", long_context, max_length=24, stride=8, n_best=3)
    assert 1 <= len(answers) <= 3 and answers[0].score >= answers[-1].score
    for a in answers:
        assert long_context[a.start_char:a.end_char] == a.text and a.text
