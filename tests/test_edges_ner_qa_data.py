"""Degenerate and boundary inputs of `ner`, `qa` and the SQuAD/SST-2 loaders: a defined value or a clear error."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from transformers import BertTokenizer

from bertviz_lite import data, ner, qa

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "who", "wrote", "?", "ada", "love", "##lace", "."]


@pytest.fixture(scope="module")
def tokenizer() -> BertTokenizer:
    return BertTokenizer(vocab={piece: i for i, piece in enumerate(VOCAB)}, model_max_length=64)


# ------------------------------------------------------------------ defined values


@pytest.mark.parametrize("call,expected", [
    (lambda: ner.entities([]), []),
    (lambda: ner.entities(["O", "O"]), []),
    (lambda: ner.align_labels([], []), []),
    (lambda: ner.align_labels([None, None], []), [-100, -100]),
    (lambda: ner.word_predictions([], []), []),
    (lambda: ner.word_predictions([3, 4], [None, None]), []),
    # sentences with no entity on either side: every ratio divides by zero → 0.0, as seqeval(zero_division=0)
    (lambda: {k: v for k, v in ner.entity_scores([["O"]], [["O"]]).items()},
     {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0, "per_type": {}}),
    (lambda: ner.entity_scores([["O", "O"]], [["B-PER", "O"]])["precision"], 0.0),
    (lambda: ner.error_analysis([[]], [[]]), {"spurious": 0}),
    (lambda: ner.entities_text([], []), ""),
    (lambda: qa.best_spans(torch.zeros(3), torch.zeros(3), [None, None, None]), []),
    (lambda: qa.first_words_baseline("", k=3), ""),
    (lambda: qa.overlap_baseline("Who?", ""), ""),
    (lambda: qa.f1("", ["Ada"]), 0.0),
    (lambda: qa.exact_match("", ["Ada"]), 0.0),
], ids=lambda x: "" if callable(x) else None)
def test_degenerate_inputs_give_a_defined_value(call, expected) -> None:
    assert call() == expected


def test_unanswerable_question_points_at_cls(tokenizer: BertTokenizer) -> None:
    """Issue 16, item 2: answers with empty lists (SQuAD 2.0 style) give start = end = 0, no IndexError."""
    f = qa.prepare_features(tokenizer, ["Who?"], ["Ada wrote."], [{"text": [], "answer_start": []}])
    assert f["start_positions"] == [0] and f["end_positions"] == [0]


def test_decode_answers_without_any_valid_span_gives_an_empty_answer(tokenizer: BertTokenizer) -> None:
    f = qa.prepare_features(tokenizer, ["Who wrote?"], ["Ada Lovelace wrote."])
    length = len(f["input_ids"][0])
    answers = qa.decode_answers(["Ada Lovelace wrote."], f, [torch.zeros(length)], [torch.zeros(length)],
                                max_answer_length=1, n_best=2)
    assert len(answers[0]) == 2 and all(a.text and " " not in a.text for a in answers[0])  # one token each
    f["offset_mapping"][0] = [None] * length  # a window without context tokens
    assert qa.decode_answers(["x"], f, [torch.zeros(length)], [torch.zeros(length)]) == [[qa.Answer("", 0.0, 0, 0)]]


# ------------------------------------------------------------------ clear errors


@pytest.mark.parametrize("call,match", [
    (lambda: ner.align_labels([None, 0, 1, None], [3]), "word_labels"),
    (lambda: ner.entities(["B-PER", "PER"]), r"tags\[1\]"),
    (lambda: ner.entities(["B-"]), r"tags\[0\]"),
    (lambda: ner.entity_scores([], []), "true_tags"),
    (lambda: ner.entity_scores([["O"]], []), "pred_tags"),
    (lambda: ner.entity_scores([["O", "O"]], [["O"]]), "sentence 0"),
    (lambda: ner.word_predictions([1, 2], [None]), "token_label_ids"),
    (lambda: ner.error_analysis([["O"]], [["O"], ["O"]]), "pred_tags"),
    (lambda: ner.type_confusion([["B-PER"]], [["B-XYZ"]], ["PER"]), "XYZ"),
    (lambda: ner.entities_html(["Ada"], []), "one tag per word"),
    (lambda: qa.answer_token_span([(0, 0)], [None], 5, 5), "start_char"),
    (lambda: qa.best_spans(torch.zeros(3), torch.zeros(3), [(0, 1)] * 3, n_best=0), "n_best=0"),
    (lambda: qa.best_spans(torch.zeros(3), torch.zeros(3), [(0, 1)] * 3, max_answer_length=0), "max_answer_length=0"),
    (lambda: qa.best_spans(torch.zeros(3), torch.zeros(4), [(0, 1)] * 4), "end_logits"),
    (lambda: qa.squad_scores([], []), "predictions"),
    (lambda: qa.squad_scores(["a"], [["a"], ["b"]]), "reference"),
    (lambda: qa.f1("Ada", []), "references"),
    (lambda: qa.exact_match("Ada", []), "references"),
    (lambda: qa.first_words_baseline("Ada wrote", k=0), "k=0"),
    (lambda: qa.overlap_baseline("Who?", "Ada wrote", window=-1), "window=-1"),
])
def test_bad_inputs_raise_a_value_error_naming_the_parameter(call, match) -> None:
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("max_length,stride,match", [
    (4, 0, "max_length=4"),  # [CLS] who wrote ? [SEP] ... [SEP] leaves no context token
    (6, 0, "max_length=6"),
    (12, 6, "stride=6"),  # room is 12 - 3 - 3 = 6 context tokens: stride must be below it
    (12, 12, "stride=12"),  # stride >= max_length
    (12, -1, "stride=-1"),
])
def test_window_parameters_no_window_can_satisfy(tokenizer, max_length, stride, match) -> None:
    with pytest.raises(ValueError, match=match):
        qa.prepare_features(tokenizer, ["Who wrote?"], ["Ada Lovelace wrote. " * 5], max_length=max_length,
                            stride=stride)


def test_window_room_is_the_context_a_full_window_holds(tokenizer: BertTokenizer) -> None:
    room = qa.window_room(tokenizer, ["Who wrote?"], max_length=12, stride=2)
    f = qa.prepare_features(tokenizer, ["Who wrote?"], ["Ada Lovelace wrote. " * 5], max_length=12, stride=2)
    assert room == 6 and max(sum(o is not None for o in offsets) for offsets in f["offset_mapping"]) == room


def test_decode_answers_wants_one_logit_row_per_window(tokenizer: BertTokenizer) -> None:
    f = qa.prepare_features(tokenizer, ["Who wrote?"], ["Ada wrote."])
    with pytest.raises(ValueError, match="one row per window"):
        qa.decode_answers(["Ada wrote."], f, [], [])


# ------------------------------------------------------------------ loaders


def _squad_file(folder: Path, context: str, text: str, start: int) -> Path:
    payload = {"data": [{"title": "t", "paragraphs": [{"context": context, "qas": [
        {"id": "q-ok", "question": "Which?", "answers": [{"text": context.split()[0], "answer_start": context.index(
            context.split()[0])}]},
        {"id": "q-bad", "question": "What?", "answers": [{"text": text, "answer_start": start}]}]}]}]}
    path = folder / "dev-v1.1.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def test_misaligned_squad_answer_names_file_question_and_what_is_there(tmp_path: Path) -> None:
    """Issue 16, item 3: context "  Pure Land Buddhism …", text "Pure Land", answer_start 3."""
    path = _squad_file(tmp_path, "  Pure Land Buddhism spread east.", "Pure Land", 3)
    with pytest.raises(data.DataFormatError, match=r"dev-v1\.1\.json.*'q-bad'.*'Pure Land'.*3.*'ure Land '"):
        data.load_squad(path)
    frame = data.load_squad(path, misaligned="skip")
    assert frame["id"].tolist() == ["q-ok"]
    with pytest.raises(ValueError, match="misaligned='ignore'"):
        data.load_squad(path, misaligned="ignore")


@pytest.mark.parametrize("start", [-1, 200])
def test_answer_offsets_outside_the_context_are_reported(tmp_path: Path, start: int) -> None:
    path = _squad_file(tmp_path, "Ada wrote notes.", "notes", start)
    with pytest.raises(data.DataFormatError, match="'q-bad'"):
        data.load_squad(path)


def test_glue_unlabelled_sst2_test_file_loads_with_label_minus_one(tmp_path: Path) -> None:
    """Issue 16, item 4: GLUE's public test.tsv has an `index<TAB>sentence` header and no labels."""
    (tmp_path / "test.tsv").write_text("index\tsentence\n0\tuneasy mishmash of styles\n1\ta gorgeous film .\n",
                                       encoding="utf-8")
    frame = data.load_sst2(tmp_path, split="test")
    assert frame["sentence"].tolist() == ["uneasy mishmash of styles", "a gorgeous film ."]
    assert frame["label"].tolist() == [-1, -1]


def test_glue_unlabelled_file_with_a_broken_line_names_it(tmp_path: Path) -> None:
    (tmp_path / "test.tsv").write_text("index\tsentence\n0\tfine .\nno tab here\n", encoding="utf-8")
    with pytest.raises(data.DataFormatError, match=r"test\.tsv:3: expected 'index<TAB>sentence'"):
        data.load_sst2(tmp_path, split="test")
