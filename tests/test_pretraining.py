"""Specification of bertviz_lite.pretraining (data, heads, course-MLM cache): masking, NSP pairs, losses, evaluation."""
from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F

from bertviz_lite import pretraining as pt

WORDS = ("the cat sat on a mat dog ran far away sun rose over hill river ran fast rain fell all day bird sang "
         "tree grew tall boat sailed sea").split()


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import BertTokenizer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", *sorted(set(WORDS))]
    return BertTokenizer(vocab={token: i for i, token in enumerate(vocab)}, do_lower_case=True)


@pytest.fixture(scope="module")
def documents():
    stories = (["the cat sat on a mat .", "the dog ran far away .", "the bird sang all day ."],
               ["the sun rose over the hill .", "rain fell all day .", "the river ran fast ."],
               ["the boat sailed the sea .", "the tree grew tall .", "the dog sat on a boat ."])
    return [stories[i % 3][i % 2:] + stories[i % 3][: i % 2] for i in range(12)]  # learnable, repetitive text


def tiny_model(tokenizer, **kwargs):
    from transformers import BertForPreTraining

    torch.manual_seed(0)
    return BertForPreTraining(pt.tiny_bert_config(len(tokenizer), hidden_size=32, num_attention_heads=2, **kwargs))


def big_masking_case(n=300, t=100, vocab=100):
    g = torch.Generator().manual_seed(1)
    ids = torch.randint(5, vocab, (n, t), generator=g)
    ids[:, 0], ids[:, -1] = 2, 3
    ids[: n // 2, -20:] = 0  # padding at the end of half the rows
    return ids, (ids == 0) | (ids == 2) | (ids == 3)


def test_corpus_tokenizer_keeps_used_pieces_characters_and_specials_and_splits_alike():
    from transformers import BertTokenizer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "c", "a", "t", "s", "##a", "##t", "##s", "cat", "##s",
             "cats", "dog", "dogs", "sat"]
    full = BertTokenizer(vocab={t: i for i, t in enumerate(dict.fromkeys(vocab))}, do_lower_case=True)
    small = pt.corpus_tokenizer(full, ["cats sat", "cat"])
    assert set(small.get_vocab()) == {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "c", "a", "t", "s", "##a", "##t",
                                      "##s", "cat", "cats", "sat"}
    assert small.tokenize("cats sat cat") == full.tokenize("cats sat cat")
    assert small.tokenize("sats") == full.tokenize("sats") == ["sat", "##s"]  # a new word, spelled from pieces
    assert small.tokenize("dogs") == ["[UNK]"]  # pieces the corpus never used are gone
    assert small.pad_token_id == 0 and small.mask_token_id == 4


def test_masking_never_touches_special_tokens_and_labels_the_rest_minus_100():
    ids, special = big_masking_case()
    masked, labels = pt.mask_tokens(ids, special, 4, 100, generator=torch.Generator().manual_seed(0))
    assert torch.equal(masked[special], ids[special])
    assert (labels[special] == -100).all()
    selected = labels != -100
    assert torch.equal(labels[selected], ids[selected])
    assert torch.equal(masked[~selected], ids[~selected])


def test_masking_follows_15_percent_then_80_10_10():
    ids, special = big_masking_case()
    masked, labels = pt.mask_tokens(ids, special, 4, 100, generator=torch.Generator().manual_seed(0))
    counts = pt.masking_counts(ids, masked, labels, special, mask_token_id=4)
    share = {name: k / n for name, (k, n) in counts.items()}
    assert abs(share["selected"] - 0.15) < 0.01
    assert abs(share["[MASK]"] - 0.8) < 0.03
    # a random token equal to the original counts as "unchanged": 1 % of random draws with vocab 100
    assert abs(share["random"] - 0.1) < 0.02 and abs(share["unchanged"] - 0.1) < 0.02


def test_masking_is_reproducible_with_a_generator_and_honours_the_knobs():
    ids, special = big_masking_case(20, 30)
    first = pt.mask_tokens(ids, special, 4, 100, generator=torch.Generator().manual_seed(5))
    second = pt.mask_tokens(ids, special, 4, 100, generator=torch.Generator().manual_seed(5))
    assert all(torch.equal(a, b) for a, b in zip(first, second))
    nothing, labels = pt.mask_tokens(ids, special, 4, 100, mlm_probability=0.0)
    assert torch.equal(nothing, ids) and (labels == -100).all()
    all_mask, labels = pt.mask_tokens(ids, special, 4, 100, mlm_probability=1.0, mask_replace_prob=1.0,
                                      random_replace_prob=0.0)
    assert (all_mask[~special] == 4).all() and torch.equal(labels[~special], ids[~special])


def test_nsp_pairs_are_true_successors_or_from_another_document(documents):
    pairs = pt.make_nsp_pairs(documents, seed=0)
    assert len(pairs) == sum(len(d) - 1 for d in documents)
    for pair in pairs:
        if pair.label == 0:
            doc = documents[pair.doc_a]
            assert pair.doc_b == pair.doc_a and doc[doc.index(pair.a) + 1] == pair.b
        else:
            assert pair.doc_b != pair.doc_a and pair.b in documents[pair.doc_b]
    many = pt.make_nsp_pairs(documents * 20, seed=1)
    assert 0.4 < sum(p.label for p in many) / len(many) < 0.6
    assert pt.make_nsp_pairs(documents, seed=0) == pairs


def test_truncation_cuts_the_longer_side_first_like_the_tokenizer(tokenizer):
    assert pt.truncate_pair([1] * 10, [2] * 3, 8) == ([1] * 5, [2] * 3)
    assert pt.truncate_pair([1] * 3, [2] * 3, 10) == ([1] * 3, [2] * 3)
    rng = random.Random(0)
    for _ in range(300):
        a = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
        b = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
        max_length = rng.randint(5, 40)
        ids_a, ids_b = (tokenizer(s, add_special_tokens=False)["input_ids"] for s in (a, b))
        mine = pt.encode_pair(ids_a, ids_b, max_length, tokenizer.cls_token_id, tokenizer.sep_token_id)
        theirs = tokenizer(a, b, truncation="longest_first", max_length=max_length)
        assert mine["input_ids"] == theirs["input_ids"]
        assert mine["token_type_ids"] == theirs["token_type_ids"]


def test_tiny_config_reads_its_arguments():
    config = pt.tiny_bert_config(100, hidden_size=32, num_hidden_layers=3, num_attention_heads=2)
    assert (config.vocab_size, config.hidden_size, config.num_hidden_layers, config.num_attention_heads,
            config.intermediate_size) == (100, 32, 3, 2, 128)


def test_make_batch_masks_and_labels_a_padded_pair_batch(tokenizer, documents):
    pairs = pt.make_nsp_pairs(documents)[:6]
    batch = pt.make_batch(pairs, tokenizer, max_length=16, generator=torch.Generator().manual_seed(0))
    assert set(batch) == {"input_ids", "token_type_ids", "attention_mask", "labels", "next_sentence_label"}
    assert batch["input_ids"].shape == batch["labels"].shape and batch["input_ids"].shape[1] <= 16
    assert batch["next_sentence_label"].tolist() == [p.label for p in pairs]
    assert (batch["labels"][batch["attention_mask"] == 0] == -100).all()


def test_gathered_losses_equal_the_models_own_loss(tokenizer, documents):
    model = tiny_model(tokenizer).eval()
    batch = pt.make_batch(pt.make_nsp_pairs(documents)[:8], tokenizer, mlm_probability=0.3,
                          generator=torch.Generator().manual_seed(0))
    mlm, nsp = pt.pretraining_losses(model, batch)
    out = model(**batch)
    torch.testing.assert_close(mlm + nsp, out.loss)
    by_hand = F.cross_entropy(out.seq_relationship_logits, batch["next_sentence_label"])
    torch.testing.assert_close(nsp, by_hand)


@pytest.fixture
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: threads only add overhead, and a lot of it on a busy machine
    yield
    torch.set_num_threads(threads)


def test_batches_give_new_partners_and_masks_each_epoch_and_repeat_after_reseeding(tokenizer, documents):
    batches = pt.PretrainingBatches(documents, tokenizer, batch_size=5, max_length=24, seed=3)
    n_pairs = sum(len(d) - 1 for d in documents)
    assert len(batches) == -(-n_pairs // 5)
    first, second = list(batches), list(batches)
    assert len(first) == len(batches) and sum(len(b["next_sentence_label"]) for b in first) == n_pairs
    assert not all(torch.equal(a["input_ids"], b["input_ids"]) for a, b in zip(first, second) if
                   a["input_ids"].shape == b["input_ids"].shape)
    batches.generator.manual_seed(3)  # what training.fit does with a loader's generator
    again = list(batches)
    assert all(torch.equal(a["input_ids"], b["input_ids"]) and torch.equal(a["labels"], b["labels"])
               for a, b in zip(first, again))


def test_the_summed_loss_trains_both_heads(tokenizer, documents, one_thread):
    from transformers import get_scheduler

    model = tiny_model(tokenizer).train()
    nsp_head = model.cls.seq_relationship.weight.detach().clone()
    batches = pt.PretrainingBatches(documents, tokenizer, batch_size=16, max_length=32, mlm_probability=0.3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    scheduler = get_scheduler("linear", optimizer, num_warmup_steps=4, num_training_steps=40)
    losses = []
    for _ in range(20):
        for batch in batches:
            loss = pt.pretraining_loss(model, batch)
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(loss.item())
    assert sum(losses[-5:]) / 5 < sum(losses[:5]) / 5 - 0.5
    assert not torch.equal(model.cls.seq_relationship.weight, nsp_head), "the NSP head learns from the sum too"


def test_evaluation_gives_per_token_and_per_pair_results(tokenizer, documents):
    model = tiny_model(tokenizer).eval()
    pairs = pt.make_nsp_pairs(documents, seed=0)
    result = pt.evaluate_pretraining(model, pairs, tokenizer, max_length=32, k=3)
    n = len(result["mlm_target"])
    assert n > 0 and result["mlm_top_k"].shape == (n, 3) and result["mlm_nll"].shape == (n,)
    assert len(result["nsp_label"]) == len(result["nsp_prediction"]) == len(result["nsp_nll"]) == len(pairs)
    assert result["nsp_label"].tolist() == [p.label for p in pairs]
    again = pt.evaluate_pretraining(model, pairs, tokenizer, max_length=32, k=3)  # fixed masks: same answer
    assert all(torch.equal(result[key], again[key]) for key in result)
    untrained_nll = torch.log(torch.tensor(float(len(tokenizer))))
    assert abs(result["mlm_nll"].mean() - untrained_nll) < 1.0


def test_unigram_baseline_ranks_the_most_frequent_tokens(tokenizer):
    top = pt.unigram_top_k(["the cat sat on the mat .", "the dog ran ."], tokenizer, k=3)
    assert tokenizer.convert_ids_to_tokens(top.tolist())[:2] == ["the", "."]
    assert len(pt.unigram_top_k(["cat"], tokenizer, k=5)) == 1  # fewer distinct tokens than k


def test_curves_figure_is_readable():
    fig = pt.plot_pretraining_curves([5.0, 4.0, 3.0], [0.7, 0.69, 0.6], vocab_size=40, window=2)
    assert fig.dpi >= 100 and fig.get_size_inches()[0] <= 8
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
        assert min(label.get_fontsize() for label in ax.get_xticklabels() + ax.get_yticklabels()) >= 8


def test_fill_mask_ranks_tokens_and_explains_bad_input(tokenizer):
    model = tiny_model(tokenizer, max_position_embeddings=16).eval()
    guesses = pt.fill_mask(model, tokenizer, "the cat [MASK] on the mat", k=3)
    assert len(guesses) == 1 and len(guesses[0]) == 3
    assert guesses[0][0][1] >= guesses[0][1][1] >= guesses[0][2][1]
    for text, phrase in (("", "Type a sentence"), ("the cat sat", "No [MASK]"), ("cat " * 30 + "[MASK]", "at most 16")):
        with pytest.raises(ValueError, match=phrase.replace("[", r"\[").replace("]", r"\]")):
            pt.fill_mask(model, tokenizer, text)
    assert 0.0 <= pt.is_next_probability(model, tokenizer, "the cat sat .", "the dog ran .") <= 1.0


def test_course_mlm_round_trips_through_the_cache_folder(tokenizer, tmp_path, monkeypatch):
    from transformers import BertForMaskedLM

    monkeypatch.setenv("BERT_LAB_CACHE", str(tmp_path))
    model = tiny_model(tokenizer).eval()
    assert pt.course_mlm_dir() == tmp_path / "course-mlm"
    assert pt.save_course_mlm(model, tokenizer, {"steps": 0}) is True
    assert pt.save_course_mlm(model, tokenizer, {"steps": 0}, overwrite=False) is False
    loaded, loaded_tokenizer = pt.load_course_mlm()
    assert pt.course_mlm_info() == {"steps": 0}
    assert isinstance(loaded, BertForMaskedLM) and not loaded.training
    assert loaded_tokenizer.get_vocab() == tokenizer.get_vocab()
    batch = tokenizer("the cat [MASK] .", return_tensors="pt")
    with torch.no_grad():
        torch.testing.assert_close(loaded(**batch).logits, model(**batch).prediction_logits)


def test_course_mlm_is_never_trained_on_demand(tmp_path, monkeypatch):
    monkeypatch.setenv("BERT_LAB_CACHE", str(tmp_path))
    with pytest.raises(pt.CourseModelMissing, match="04_pretraining_mlm_nsp") as caught:
        pt.load_course_mlm()
    assert isinstance(caught.value, FileNotFoundError) and pt.BUILD_COMMAND in str(caught.value)
    assert not (tmp_path / "course-mlm").exists()
