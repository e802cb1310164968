"""Degenerate and boundary inputs of bertviz_lite.pretraining: a defined value or a ValueError naming the parameter."""
from __future__ import annotations

import math

import pytest
import torch

from bertviz_lite import pretraining as pt

WORDS = "the cat sat on a mat dog ran far away".split()


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import BertTokenizer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", *WORDS]
    return BertTokenizer(vocab={token: i for i, token in enumerate(vocab)}, do_lower_case=True)


@pytest.fixture(scope="module")
def tiny(tokenizer):
    """The smallest BertForPreTraining of the issue report: vocab 16, hidden 16."""
    from transformers import BertForPreTraining

    torch.manual_seed(0)
    config = pt.tiny_bert_config(len(tokenizer), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                 max_position_embeddings=32)
    return BertForPreTraining(config).eval()


def ids_and_special():
    ids = torch.tensor([[2, 6, 7, 8, 3, 0], [2, 9, 10, 3, 0, 0]])
    return ids, (ids == 0) | (ids == 2) | (ids == 3)


@pytest.mark.parametrize("kwargs,name", [
    ({"mlm_probability": 1.5}, "mlm_probability"),
    ({"mlm_probability": -0.1}, "mlm_probability"),
    ({"mlm_probability": math.nan}, "mlm_probability"),
    ({"mask_replace_prob": -0.5}, "mask_replace_prob"),
    ({"random_replace_prob": 1.2}, "random_replace_prob"),
    ({"mlm_probability": 1.0, "mask_replace_prob": 0.9, "random_replace_prob": 0.2}, r"mask_replace_prob \+ random"),
])
def test_masking_knobs_outside_their_range_are_refused(kwargs, name):
    ids, special = ids_and_special()
    with pytest.raises(ValueError, match=name):
        pt.mask_tokens(ids, special, 4, 16, **kwargs)


@pytest.mark.parametrize("kwargs", [
    {"mlm_probability": 0.0}, {"mlm_probability": 1.0}, {"mask_replace_prob": 1.0, "random_replace_prob": 0.0},
    {"mask_replace_prob": 0.0, "random_replace_prob": 1.0}, {"mask_replace_prob": 0.5, "random_replace_prob": 0.5},
])
def test_masking_knobs_at_their_limits_are_accepted(kwargs):
    ids, special = ids_and_special()
    masked, labels = pt.mask_tokens(ids, special, 4, 16, generator=torch.Generator().manual_seed(0), **kwargs)
    assert torch.equal(masked[special], ids[special]) and (labels[special] == -100).all()


@pytest.mark.parametrize("call,name", [
    (lambda: pt.make_nsp_pairs([["a .", "b ."]], random_prob=1.5), "random_prob"),
    (lambda: pt.make_nsp_pairs([["a .", "b ."]], segment_sentences=0), "segment_sentences"),
    (lambda: pt.make_nsp_pairs([]), "no pair"),
    (lambda: pt.make_nsp_pairs([[], []]), "no pair"),
    (lambda: pt.make_nsp_pairs([["only one sentence ."]]), "no pair"),
    (lambda: pt.truncate_pair([1, 2], [3], -1), "max_tokens"),
    (lambda: pt.encode_pair([1, 2], [3], 2, 101, 102), "max_length"),
    (lambda: pt.split_documents([["a ."]], heldout_every=1), "heldout_every"),
    (lambda: pt.PretrainingBatches([["a .", "b ."]], None, batch_size=0), "batch_size"),
    (lambda: pt.plot_pretraining_curves([1.0], [0.7], window=0), "window"),
])
def test_parameter_edges_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_empty_documents_are_skipped_as_partners_and_truncation_to_zero_is_defined():
    pairs = pt.make_nsp_pairs([["a .", "b .", "c ."], [], ["d .", "e ."]], seed=0, random_prob=1.0)
    assert all(p.b for p in pairs) and {p.doc_b for p in pairs if p.label == 1} <= {0, 2}
    assert pt.make_nsp_pairs([["a .", "b ."]], random_prob=1.0)[0].label == 0  # no other document: IsNext
    assert pt.truncate_pair([1, 2], [3, 4], 0) == ([], [])
    assert pt.encode_pair([1, 2], [3], 3, 101, 102)["input_ids"] == [101, 102, 102]


def test_a_batch_with_nothing_masked_has_mlm_loss_zero_not_nan(tokenizer, tiny):
    pair = [pt.NSPPair("the cat sat .", "the dog ran .", 0, 0, 0)]
    batch = pt.make_batch(pair, tokenizer, mlm_probability=0.0)
    assert (batch["labels"] == -100).all()
    mlm, nsp = pt.pretraining_losses(tiny, batch)
    assert mlm.item() == 0.0 and math.isfinite(nsp.item())
    assert torch.isnan(tiny(**batch).loss), "the library's own loss is NaN here: why we divide by max(count, 1)"
    loss = pt.pretraining_loss(tiny.train(), batch)
    loss.backward()  # still a usable training signal (the NSP part)
    assert all(torch.isfinite(p.grad).all() for p in tiny.parameters() if p.grad is not None)
    tiny.zero_grad(set_to_none=True)
    tiny.eval()


def test_evaluation_on_one_short_pair_is_defined(tokenizer, tiny):
    pair = [pt.NSPPair("cat .", "dog .", 0, 0, 0)]
    for seed in range(5):  # some seeds mask nothing at all
        result = pt.evaluate_pretraining(tiny, pair, tokenizer, max_length=16, seed=seed)
        n = len(result["mlm_target"])
        assert result["mlm_top_k"].shape == (n, 5) and len(result["nsp_label"]) == 1
        assert torch.isfinite(result["mlm_nll"]).all() and torch.isfinite(result["nsp_nll"]).all()
    assert pt.evaluate_pretraining(tiny, pair, tokenizer, k=100)["mlm_top_k"].shape[1] <= len(tokenizer)


@pytest.mark.parametrize("call,name", [
    (lambda tok, model: pt.evaluate_pretraining(model, [], tok), "at least one pair"),
    (lambda tok, model: pt.evaluate_pretraining(model, [pt.NSPPair("a", "b", 0, 0, 0)], tok, k=0), "k"),
    (lambda tok, model: pt.make_batch([], tok), "pairs is empty"),
    (lambda tok, model: pt.unigram_top_k([], tok), "no token"),
    (lambda tok, model: pt.unigram_top_k(["cat"], tok, k=0), "k must"),
    (lambda tok, model: pt.fill_mask(model, tok, "the [MASK] sat", k=0), "k must"),
    (lambda tok, model: pt.fill_mask(model, tok, "   "), "Type a sentence"),
    (lambda tok, model: pt.fill_mask(model, tok, "the cat sat"), "No"),
    (lambda tok, model: pt.fill_mask(model, tok, "cat " * 40 + "[MASK]"), "at most 32"),
])
def test_degenerate_inputs_of_the_heads_raise_clear_errors(tokenizer, tiny, call, name):
    with pytest.raises(ValueError, match=name.replace("[", r"\[")):
        call(tokenizer, tiny)


def test_probabilities_stay_defined_at_the_edges(tokenizer, tiny):
    assert 0.0 <= pt.is_next_probability(tiny, tokenizer, "", "") <= 1.0  # two empty sides: [CLS] [SEP] [SEP]
    long = " ".join(["cat"] * 100)
    assert 0.0 <= pt.is_next_probability(tiny, tokenizer, long, long) <= 1.0  # truncated to the 32 positions
    guesses = pt.fill_mask(tiny, tokenizer, "[MASK] [MASK]", k=100)
    assert len(guesses) == 2 and len(guesses[0]) == len(tokenizer)
