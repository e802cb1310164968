"""features: sentences → pooled, layer-concatenated feature matrices from a frozen BERT (tiny model here)."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from transformers import BertConfig, BertModel, BertTokenizerFast

from bertviz_lite import features

WORDS = ["the", "film", "is", "good", "bad", "very", "a", "plot", "dull", "fun", "!", "."]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[BertModel, BertTokenizerFast]:
    """A 2-layer, hidden-32, 2-head BERT with a 17-token vocabulary."""
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    path = tmp_path_factory.mktemp("vocab") / "vocab.txt"
    path.write_text("\n".join(vocab) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=str(path), do_lower_case=True)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64)
    return BertModel(config).eval(), tokenizer


TEXTS = ["the film is good .", "bad !", "a very very dull plot , the film is bad .", "fun"]


def run(tiny, texts=TEXTS, **kwargs):
    model, tokenizer = tiny
    return features.encode(texts, model=model, tokenizer=tokenizer, progress=False, **kwargs)


def test_shape_is_texts_by_hidden_times_layers(tiny) -> None:
    assert run(tiny).shape == (4, 32)
    assert run(tiny, layers=(-1, -2, 0)).shape == (4, 96)
    assert run(tiny, pooling="mean", layers=-1).shape == (4, 32)
    assert run(tiny, texts="one sentence").shape == (1, 32)


def test_cls_is_the_first_token_of_the_chosen_layer(tiny) -> None:
    model, tokenizer = tiny
    batch = tokenizer(TEXTS[0], return_tensors="pt")
    with torch.no_grad():
        states = model(**batch, output_hidden_states=True).hidden_states
    got = run(tiny, texts=[TEXTS[0]], layers=(-1, 1))
    np.testing.assert_allclose(got[0, :32], states[-1][0, 0].numpy(), atol=1e-5)
    np.testing.assert_allclose(got[0, 32:], states[1][0, 0].numpy(), atol=1e-5)


@pytest.mark.parametrize("pooling", ["cls", "mean", "max"])
def test_padding_never_changes_a_sentence_vector(tiny, pooling: str) -> None:
    alone = np.concatenate([run(tiny, texts=[t], pooling=pooling, layers=(-1, -2)) for t in TEXTS])
    batched = run(tiny, pooling=pooling, layers=(-1, -2), batch_size=4)  # padded to the longest sentence
    np.testing.assert_allclose(batched, alone, atol=1e-5)


def test_mean_and_max_ignore_padding_positions() -> None:
    hidden = torch.tensor([[[1.0, 2.0], [3.0, 4.0], [100.0, 100.0]]])  # (1, 3, 2), last position is padding
    mask = torch.tensor([[1, 1, 0]])
    torch.testing.assert_close(features.pool(hidden, mask, "mean"), torch.tensor([[2.0, 3.0]]))
    torch.testing.assert_close(features.pool(hidden, mask, "max"), torch.tensor([[3.0, 4.0]]))
    torch.testing.assert_close(features.pool(hidden, mask, "cls"), torch.tensor([[1.0, 2.0]]))
    with pytest.raises(ValueError, match="unknown pooling"):
        features.pool(hidden, mask, "median")


def test_order_is_restored_after_sorting_by_length(tiny) -> None:
    forward = run(tiny, batch_size=2)
    backward = run(tiny, texts=TEXTS[::-1], batch_size=2)
    np.testing.assert_allclose(forward, backward[::-1], atol=1e-5)


def test_long_inputs_are_truncated_with_a_note(tiny) -> None:
    long_text = " ".join(["good"] * 40)
    feats, notes = run(tiny, texts=[long_text, "fun"], max_length=16, return_notes=True)
    assert feats.shape == (2, 32)
    assert len(notes) == 1 and "1 of 2 texts" in notes[0] and "max_length=16" in notes[0]
    with pytest.warns(features.TruncationNote, match="max_length=16"):
        run(tiny, texts=[long_text], max_length=16)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert run(tiny, return_notes=True)[1] == []  # short inputs: no note


def test_bad_inputs_give_clear_errors(tiny) -> None:
    with pytest.raises(ValueError, match="no texts"):
        run(tiny, texts=[])
    with pytest.raises(ValueError, match="layer 5 does not exist"):
        run(tiny, layers=(5,))
    with pytest.raises(ValueError, match="unknown pooling"):
        run(tiny, pooling="sum")
    with pytest.raises(TypeError, match="item 1"):
        run(tiny, texts=["ok", 3])


def test_resolve_layers_counts_embeddings_as_zero() -> None:
    assert features.resolve_layers((-1, -2, 0), num_hidden_layers=6) == [6, 5, 0]
    assert features.resolve_layers(-7, num_hidden_layers=6) == [0]


def test_best_classifier_is_a_standardised_logistic_regression() -> None:
    clf = features.best_classifier()
    steps = ["standardscaler", "logisticregression"] if features.BEST_STANDARDISE else ["logisticregression"]
    assert [name for name, _ in clf.steps] == steps
    assert clf.named_steps["logisticregression"].C == features.BEST_C
    search = features.best_classifier(C=None, cv=3)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8))
    y = (x[:, 0] > 0).astype(int)
    assert search.fit(x, y).best_estimator_.score(x, y) > 0.9
    assert set(features.BEST_RECIPE) <= {"pooling", "layers", "max_length", "batch_size"}


def test_pool_matches_sentence_transformers_pooling() -> None:
    import warnings as _w

    with _w.catch_warnings():
        _w.simplefilter("ignore", DeprecationWarning)
        from sentence_transformers.sentence_transformer.modules import Pooling
    generator = torch.Generator().manual_seed(0)
    hidden = torch.randn(3, 5, 4, generator=generator) - 2.0  # all negative: padding zeros must not win the max
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]])
    for mode in ("cls", "mean", "max"):
        library = Pooling(4, mode)({"token_embeddings": hidden, "attention_mask": mask})["sentence_embedding"]
        torch.testing.assert_close(features.pool(hidden, mask, mode), library)


@pytest.mark.parametrize(("hidden_shape", "mask", "pooling", "message"), [
    ((2, 3, 4), [[1, 1, 0], [0, 0, 0]], "mean", r"attention_mask rows \[1\] have no real token"),
    ((2, 3, 4), [[0, 0, 0], [0, 0, 0]], "max", r"rows \[0, 1\] have no real token"),
    ((2, 3, 4), [[1, 1, 0]], "mean", "need hidden .batch, tokens, hidden_size."),
    ((3, 4), [[1, 1, 1, 0]] * 3, "cls", "need hidden"),
    ((2, 3, 4), [[1, 1, 0], [1, 0, 0]], "sum", "unknown pooling 'sum'"),
])
def test_pool_edges_raise_naming_the_parameter(hidden_shape, mask, pooling: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        features.pool(torch.zeros(hidden_shape), torch.tensor(mask), pooling)


def test_pool_boundaries_have_defined_values() -> None:
    hidden = torch.arange(24.0).reshape(2, 3, 4)
    empty_row = torch.tensor([[1, 1, 1], [0, 0, 0]])
    torch.testing.assert_close(features.pool(hidden, empty_row, "cls"), hidden[:, 0])  # [CLS] needs no mask
    one_token = torch.tensor([[1, 0, 0], [1, 0, 0]])
    for mode in ("mean", "max"):  # a single real token: its own vector
        torch.testing.assert_close(features.pool(hidden, one_token, mode), hidden[:, 0])


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"texts": []}, ValueError, "no texts"),
    ({"texts": ()}, ValueError, "no texts"),
    ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
    ({"max_length": 1}, ValueError, "max_length must be >= 2"),
    ({"layers": ()}, ValueError, "layers is empty"),
    ({"layers": (-4,)}, ValueError, "layer -4 does not exist"),
    ({"texts": [None]}, TypeError, "item 0"),
])
def test_encode_edges(tiny, kwargs, error, message: str) -> None:
    with pytest.raises(error, match=message):
        run(tiny, **kwargs)


def test_encode_boundaries(tiny) -> None:
    assert run(tiny, texts=[""]).shape == (1, 32)  # empty string: [CLS] [SEP] only, still a vector
    assert run(tiny, texts=TEXTS, batch_size=1).shape == (4, 32)
    assert run(tiny, texts=["good"], max_length=2, pooling="mean", return_notes=True)[0].shape == (1, 32)


@pytest.mark.parametrize("C", [0, -1.0, float("inf"), float("nan")])
def test_make_classifier_refuses_bad_c(C) -> None:
    with pytest.raises(ValueError, match="C must be a finite float > 0"):
        features.make_classifier(C)
    with pytest.raises(ValueError, match="cv must be >= 2"):
        features.best_classifier(C=None, cv=1)
