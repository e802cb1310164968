"""Specification of `bertviz_lite.ner`: label alignment, BIO entities, entity-level scores, errors, safe HTML."""
from __future__ import annotations

import random

import pytest
import torch
from transformers import BertConfig, BertForTokenClassification, BertTokenizer

from bertviz_lite import ner

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "ada", "love", "##lace", "lives", "in", "lon", "##don",
         ".", "<", ">", "script"]
LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
LABEL2ID = {t: i for i, t in enumerate(LABELS)}


@pytest.fixture(scope="module")
def tokenizer() -> BertTokenizer:
    """A tiny uncased WordPiece tokenizer (16 pieces)."""
    return BertTokenizer(vocab={piece: i for i, piece in enumerate(VOCAB)}, model_max_length=16)


def test_first_piece_gets_the_word_label_and_the_rest_is_ignored() -> None:
    word_ids = [None, 0, 1, 1, 2, None]
    assert ner.align_labels(word_ids, [1, 2, 0]) == [-100, 1, 2, -100, 0, -100]


def test_label_all_copies_the_label_and_turns_b_into_i_on_continuations() -> None:
    word_ids = [None, 0, 0, 1, 1, None]
    assert ner.align_labels(word_ids, [1, 3], label_all=True) == [-100, 1, 1, 3, 3, -100]
    assert ner.align_labels(word_ids, [1, 3], label_all=True, continuation_ids={1: 2, 3: 4}) == [-100, 1, 2, 3, 4, -100]


def test_tokenize_and_align_on_a_real_tokenizer(tokenizer: BertTokenizer) -> None:
    out = ner.tokenize_and_align(tokenizer, [["Ada", "Lovelace", "lives", "in", "London", "."]],
                                 [["B-PER", "I-PER", "O", "O", "B-LOC", "O"]], LABEL2ID)
    assert tokenizer.convert_ids_to_tokens(out["input_ids"][0]) == [
        "[CLS]", "ada", "love", "##lace", "lives", "in", "lon", "##don", ".", "[SEP]"]
    assert out["labels"][0] == [-100, 1, 2, -100, 0, 0, 3, -100, 0, -100]
    all_pieces = ner.tokenize_and_align(tokenizer, [["Lovelace", "London"]], [["I-PER", "B-LOC"]], LABEL2ID,
                                        label_all=True)
    assert all_pieces["labels"][0] == [-100, 2, 2, 3, 4, -100]


def test_entities_follow_bio_and_conlleval_rules() -> None:
    E = ner.Entity
    assert ner.entities(["B-PER", "I-PER", "O", "B-LOC"]) == [E("PER", 0, 2), E("LOC", 3, 4)]
    assert ner.entities(["B-PER", "B-PER"]) == [E("PER", 0, 1), E("PER", 1, 2)]
    assert ner.entities(["O", "I-ORG", "I-ORG"]) == [E("ORG", 1, 3)]  # I- after O opens an entity
    assert ner.entities(["B-PER", "I-LOC"]) == [E("PER", 0, 1), E("LOC", 1, 2)]
    assert ner.entities(["O", "O"]) == []


def test_entity_scores_by_hand() -> None:
    true = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "I-PER", "O", "O"], ["B-ORG", "B-LOC"]]
    scores = ner.entity_scores(true, pred)  # 2 correct of 3 predicted, of 3 true
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["per_type"]["LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert ner.entity_scores(true, [["O"] * 4, ["O"] * 2])["f1"] == 0.0


def test_entity_scores_reject_misaligned_input() -> None:
    with pytest.raises(ValueError, match="sentence 0"):
        ner.entity_scores([["O", "O"]], [["O"]])


def test_entity_scores_equal_seqeval_on_random_tags() -> None:
    seqeval = pytest.importorskip("seqeval.metrics")
    rng = random.Random(0)
    tags = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG"]
    true = [[rng.choice(tags) for _ in range(rng.randint(1, 12))] for _ in range(200)]
    pred = [[t if rng.random() < 0.7 else rng.choice(tags) for t in s] for s in true]
    ours = ner.entity_scores(true, pred)
    assert ours["precision"] == pytest.approx(seqeval.precision_score(true, pred))
    assert ours["recall"] == pytest.approx(seqeval.recall_score(true, pred))
    assert ours["f1"] == pytest.approx(seqeval.f1_score(true, pred))


def test_error_analysis_names_each_kind_of_mistake() -> None:
    true = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O", "O"]]
    pred = [["B-PER", "O", "O", "B-ORG", "O", "O", "O", "B-MISC"]]
    counts = ner.error_analysis(true, pred)
    assert counts == {"boundary": 1, "wrong type": 1, "missed": 1, "spurious": 1}
    assert ner.error_analysis(true, true) == {"correct": 3, "spurious": 0}


def test_type_confusion_merges_b_and_i() -> None:
    matrix = ner.type_confusion([["B-PER", "I-PER", "O"]], [["B-PER", "B-LOC", "O"]], ["PER", "LOC"])
    assert matrix == [[1, 0, 0], [0, 1, 1], [0, 0, 0]]


def test_word_predictions_take_the_first_piece() -> None:
    assert ner.word_predictions([0, 1, 2, 9, 3, 0], [None, 0, 1, 1, 2, None]) == [1, 2, 3]


def test_split_words_keeps_punctuation_apart() -> None:
    assert ner.split_words("Dr. O'Neil visited São Paulo, 東京!") == [
        "Dr", ".", "O'Neil", "visited", "São", "Paulo", ",", "東京", "!"]
    assert ner.split_words("   ") == []


def test_predict_tags_with_a_tiny_model(tokenizer: BertTokenizer) -> None:
    config = BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=16, num_labels=len(LABELS),
                        id2label=dict(enumerate(LABELS)), label2id=LABEL2ID)
    torch.manual_seed(0)
    model = BertForTokenClassification(config).eval()
    words = ["Ada", "Lovelace", "lives", "in", "London"]
    tags, cut = ner.predict_tags(model, tokenizer, words)
    assert len(tags) == len(words) and cut == 0 and set(tags) <= set(LABELS)
    tags, cut = ner.predict_tags(model, tokenizer, words * 4, max_length=16)
    assert len(tags) == 20 and cut > 0 and tags[-cut:] == ["O"] * cut
    assert ner.predict_tags(model, tokenizer, []) == ([], 0)


def test_entity_views_escape_html_and_show_types() -> None:
    words = ["<script>", "met", "Ada", "&", "Co"]
    tags = ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG"]
    page = ner.entities_html(words, tags, title="<b>x</b>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert "Ada &amp; Co" in page and page.count("<sub") == 2
    assert ner.entities_text(words, tags) == "[PER <script>] met [ORG Ada & Co]"
