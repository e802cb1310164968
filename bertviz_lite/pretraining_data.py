"""Pretraining data: 80/10/10 masked-LM masking, next-sentence pairs, pair truncation and padded, masked batches.

Taught in 04_pretraining_mlm_nsp (each function here is a copy of the notebook cell that writes it).
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import torch

__all__ = [
    "split_documents", "corpus_tokenizer", "mask_tokens", "masking_counts", "NSPPair", "make_nsp_pairs",
    "truncate_pair", "encode_pair", "make_batch", "PretrainingBatches",
]


def split_documents(documents: Sequence[Sequence[str]], heldout_every: int = 10) -> tuple[list, list]:
    """Documents → (train, held out): every `heldout_every`-th document is held out, never trained on.

    Raises ValueError if `heldout_every` < 2 (nothing, or everything, would be held out).
    """
    if heldout_every < 2:
        raise ValueError(f"heldout_every must be at least 2, got {heldout_every}.")
    train = [list(d) for i, d in enumerate(documents) if i % heldout_every != heldout_every - 1]
    heldout = [list(d) for i, d in enumerate(documents) if i % heldout_every == heldout_every - 1]
    return train, heldout


def corpus_tokenizer(tokenizer: Any, sentences: Sequence[str]) -> Any:
    """The same uncased WordPiece with a smaller vocabulary: the pieces `sentences` use, every single character, specials.

    Greedy longest-match-first then splits every one of `sentences` exactly as `tokenizer` does.
    """
    from transformers import BertTokenizer

    if not len(sentences):
        raise ValueError("sentences is empty: give the corpus sentences the smaller vocabulary should cover.")
    vocab = tokenizer.get_vocab()
    used = {i for row in tokenizer(list(sentences), add_special_tokens=False)["input_ids"] for i in row}
    keep = used | set(tokenizer.all_special_ids) | {i for t, i in vocab.items() if len(t.removeprefix("##")) == 1}
    pieces = [t for t, i in sorted(vocab.items(), key=lambda item: item[1]) if i in keep]  # original order
    return BertTokenizer(vocab={t: n for n, t in enumerate(pieces)}, do_lower_case=True,
                         model_max_length=tokenizer.model_max_length)


def mask_tokens(input_ids: torch.Tensor, special_tokens_mask: torch.Tensor, mask_token_id: int, vocab_size: int,
                mlm_probability: float = 0.15, mask_replace_prob: float = 0.8, random_replace_prob: float = 0.1,
                generator: torch.Generator | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, T) ids → (masked ids, labels), both (B, T); labels are -100 except at the selected tokens.

    BERT paper §3.1 (Devlin et al. 2019): select `mlm_probability` of the non-special tokens; replace 80 % of them
    by [MASK], 10 % by a random token, keep 10 %. `special_tokens_mask` (B, T) is True (or 1) at [CLS], [SEP] and
    [PAD]. Raises ValueError for a probability outside [0, 1] or replacement shares summing above 1, as
    `transformers.DataCollatorForLanguageModeling` does. Taught in 04_pretraining_mlm_nsp.
    """
    for name, value in (("mlm_probability", mlm_probability), ("mask_replace_prob", mask_replace_prob),
                        ("random_replace_prob", random_replace_prob)):
        if not 0.0 <= value <= 1.0:  # also rejects NaN
            raise ValueError(f"{name} must be in [0, 1], got {value}.")
    if mask_replace_prob + random_replace_prob > 1.0:
        raise ValueError("mask_replace_prob + random_replace_prob must be at most 1 (the rest stays unchanged), "
                         f"got {mask_replace_prob} + {random_replace_prob}.")
    special = special_tokens_mask.bool()
    # 1. select each real token with probability mlm_probability
    selected = (torch.rand(input_ids.shape, generator=generator) < mlm_probability) & ~special
    # 2. one uniform draw per token decides between [MASK], random token and unchanged
    u = torch.rand(input_ids.shape, generator=generator)
    to_mask = selected & (u < mask_replace_prob)
    to_random = selected & (u >= mask_replace_prob) & (u < mask_replace_prob + random_replace_prob)
    masked = input_ids.clone()
    masked[to_mask] = mask_token_id
    masked[to_random] = torch.randint(vocab_size, input_ids.shape, generator=generator)[to_random]
    # 3. the loss looks only at the selected tokens: CrossEntropyLoss ignores -100
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    return masked, labels


def masking_counts(original: torch.Tensor, masked: torch.Tensor, labels: torch.Tensor,
                   special_tokens_mask: torch.Tensor, mask_token_id: int) -> dict[str, tuple[int, int]]:
    """What a masker did to (B, T) ids, as (count, out of): selected/real tokens, then [MASK]/random/kept/selected."""
    real = ~special_tokens_mask.bool()
    selected = labels != -100
    n_selected = int(selected.sum())
    as_mask = selected & (masked == mask_token_id)
    kept = selected & (masked == original)
    as_random = selected & ~as_mask & ~kept
    return {"selected": (n_selected, int(real.sum())), "[MASK]": (int(as_mask.sum()), n_selected),
            "random": (int(as_random.sum()), n_selected), "unchanged": (int(kept.sum()), n_selected)}


@dataclass(frozen=True)
class NSPPair:
    """One next-sentence example: B follows A (label 0, IsNext) or comes from another document (label 1, NotNext).

    `doc_a`, `doc_b`: indices of the documents A and B come from. Taught in 04_pretraining_mlm_nsp.
    """

    a: str
    b: str
    label: int
    doc_a: int
    doc_b: int


def make_nsp_pairs(documents: Sequence[Sequence[str]], seed: int = 0, random_prob: float = 0.5,
                   segment_sentences: int = 1) -> list[NSPPair]:
    """One pair per position of A: B is the true continuation (label 0) or text of another document (label 1).

    A and B are `segment_sentences` consecutive sentences each (BERT's "sentences" are spans of text); BERT paper
    §3.1 and its create_pretraining_data.py. Raises ValueError for `random_prob` outside [0, 1],
    `segment_sentences` < 1, or documents too short to give one pair. Taught in 04_pretraining_mlm_nsp.
    """
    if not 0.0 <= random_prob <= 1.0:
        raise ValueError(f"random_prob must be in [0, 1], got {random_prob}.")
    if segment_sentences < 1:
        raise ValueError(f"segment_sentences must be at least 1, got {segment_sentences}.")
    rng, k = random.Random(seed), segment_sentences
    pairs: list[NSPPair] = []
    for d, doc in enumerate(documents):
        others = [j for j, other in enumerate(documents) if j != d and other]  # documents with text
        for i in range(len(doc) - k):
            a = " ".join(doc[i:i + k])
            if rng.random() < random_prob and others:  # 2. NotNext: a span of another document
                other = rng.choice(others)
                start = rng.randrange(max(1, len(documents[other]) - k + 1))
                pairs.append(NSPPair(a, " ".join(documents[other][start:start + k]), 1, d, other))
            else:  # 1. IsNext: the span that really follows
                pairs.append(NSPPair(a, " ".join(doc[i + k:i + 2 * k]), 0, d, d))
    if not pairs:
        raise ValueError(f"no pair: every document needs more than segment_sentences={k} sentences.")
    return pairs


def truncate_pair(ids_a: Sequence[int], ids_b: Sequence[int], max_tokens: int) -> tuple[list[int], list[int]]:
    """Cut the longer side first until len(a) + len(b) <= max_tokens (the tokenizer's `"longest_first"` rule).

    When both sides must be cut, the shorter keeps max_tokens // 2 and the longer the rest. Raises ValueError if
    `max_tokens` < 0. Taught in 04_pretraining_mlm_nsp.
    """
    if max_tokens < 0:
        raise ValueError(f"max_tokens must be at least 0, got {max_tokens}.")
    a, b = list(ids_a), list(ids_b)
    if len(a) + len(b) <= max_tokens:
        return a, b
    a_is_short = len(a) <= len(b)
    short, long_ = (a, b) if a_is_short else (b, a)
    keep_short = min(len(short), max_tokens // 2)
    short, long_ = short[:keep_short], long_[:max_tokens - keep_short]
    return (short, long_) if a_is_short else (long_, short)


def encode_pair(ids_a: Sequence[int], ids_b: Sequence[int], max_length: int, cls_id: int,
                sep_id: int) -> dict[str, list[int]]:
    """[CLS] A [SEP] B [SEP] with token_type_ids 0…0 1…1, at most `max_length` ids (3 of them special).

    Raises ValueError if `max_length` < 3. Taught in 04_pretraining_mlm_nsp.
    """
    if max_length < 3:
        raise ValueError(f"max_length must be at least 3 ([CLS] and two [SEP]), got {max_length}.")
    a, b = truncate_pair(ids_a, ids_b, max_length - 3)
    return {"input_ids": [cls_id, *a, sep_id, *b, sep_id], "token_type_ids": [0] * (len(a) + 2) + [1] * (len(b) + 1)}


def make_batch(pairs: Sequence[NSPPair], tokenizer: Any, max_length: int = 64, mlm_probability: float = 0.15,
               generator: torch.Generator | None = None) -> dict[str, torch.Tensor]:
    """NSP pairs → a padded, masked batch for `BertForPreTraining`.

    Returns input_ids, token_type_ids, attention_mask, labels (B, T) and next_sentence_label (B,). Padding and
    special tokens are never masked. Raises ValueError for no pairs. Taught in 04_pretraining_mlm_nsp.
    """
    if not pairs:
        raise ValueError("pairs is empty: a batch needs at least one NSP pair.")
    enc = tokenizer([p.a for p in pairs], [p.b for p in pairs], truncation="longest_first", max_length=max_length,
                    padding=True, return_special_tokens_mask=True, return_tensors="pt")
    special = enc.pop("special_tokens_mask").bool() | (enc["attention_mask"] == 0)  # (B, T)
    enc["input_ids"], enc["labels"] = mask_tokens(enc["input_ids"], special, tokenizer.mask_token_id,
                                                  len(tokenizer), mlm_probability, generator=generator)
    return {**enc, "next_sentence_label": torch.tensor([p.label for p in pairs])}


class PretrainingBatches:
    """Batches for a training loop: new NSP partners and order every epoch, new masks in every batch.

    An iterable with a length (batches per epoch), like a DataLoader. `generator` draws everything random; a
    loop that reseeds it (as `training.fit` does) gets the same batches on every run. Raises ValueError for
    `batch_size` < 1. Taught in 04_pretraining_mlm_nsp.
    """

    def __init__(self, documents: Sequence[Sequence[str]], tokenizer: Any, batch_size: int = 32,
                 max_length: int = 128, mlm_probability: float = 0.15, segment_sentences: int = 1,
                 seed: int = 0) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
        self.documents, self.tokenizer, self.batch_size = documents, tokenizer, batch_size
        self.max_length, self.mlm_probability, self.segment_sentences = max_length, mlm_probability, segment_sentences
        self.generator = torch.Generator().manual_seed(seed)
        self.n_pairs = len(make_nsp_pairs(documents, seed, segment_sentences=segment_sentences))

    def __len__(self) -> int:
        return math.ceil(self.n_pairs / self.batch_size)

    def __iter__(self) -> Iterator[dict[str, torch.Tensor]]:
        epoch_seed = int(torch.randint(2**31, (1,), generator=self.generator))  # 1. new partners, new order
        pairs = make_nsp_pairs(self.documents, epoch_seed, segment_sentences=self.segment_sentences)
        random.Random(epoch_seed).shuffle(pairs)
        for i in range(0, len(pairs), self.batch_size):  # 2. new masks for every batch
            yield make_batch(pairs[i:i + self.batch_size], self.tokenizer, self.max_length, self.mlm_probability,
                             self.generator)
