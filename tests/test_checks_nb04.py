"""The exercise checks of 04 accept the reference solutions and reject typical mistakes."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from bertviz_lite import checks


def _eighty_ten_ten(input_ids, selected, mask_token_id, vocab_size, generator):
    u = torch.rand(input_ids.shape, generator=generator)
    masked = input_ids.clone()
    masked[selected & (u < 0.8)] = mask_token_id
    to_random = selected & (u >= 0.8) & (u < 0.9)
    masked[to_random] = torch.randint(vocab_size, input_ids.shape, generator=generator)[to_random]
    return masked, torch.where(selected, input_ids, -100)


def exact(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    real = ~special_tokens_mask.bool()
    scores = torch.rand(input_ids.shape, generator=generator).masked_fill(~real, 2.0)  # specials rank last
    n_pick = (real.sum(1) * 0.15).round().clamp(min=1)                                # (B,)
    selected = scores.argsort(1).argsort(1) < n_pick[:, None]
    return _eighty_ten_ten(input_ids, selected, mask_token_id, vocab_size, generator)


def bernoulli(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    selected = (torch.rand(input_ids.shape, generator=generator) < 0.15) & ~special_tokens_mask.bool()
    return _eighty_ten_ten(input_ids, selected, mask_token_id, vocab_size, generator)


def no_floor_of_one(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    real = ~special_tokens_mask.bool()
    scores = torch.rand(input_ids.shape, generator=generator).masked_fill(~real, 2.0)
    selected = scores.argsort(1).argsort(1) < (real.sum(1) * 0.15).round()[:, None]
    return _eighty_ten_ten(input_ids, selected, mask_token_id, vocab_size, generator)


def specials_too(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    scores = torch.rand(input_ids.shape, generator=generator)
    n_pick = ((~special_tokens_mask.bool()).sum(1) * 0.15).round().clamp(min=1)
    selected = scores.argsort(1).argsort(1) < n_pick[:, None]
    return _eighty_ten_ten(input_ids, selected, mask_token_id, vocab_size, generator)


def labels_zero(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    masked, labels = exact(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator)
    return masked, labels.clamp(min=0)


def all_mask(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    masked, labels = exact(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator)
    return torch.where(labels != -100, mask_token_id, input_ids), labels


def in_place(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator):
    masked, labels = exact(input_ids, special_tokens_mask, mask_token_id, vocab_size, generator)
    input_ids.copy_(masked)
    return input_ids, labels


def test_exact_count_masking_check() -> None:
    assert checks.ex4_1(exact)
    for mistake in (bernoulli, no_floor_of_one, specials_too, labels_zero, all_mask, in_place):
        assert not checks.ex4_1(mistake), mistake.__name__
    assert "not solved" in repr(checks.ex4_1(lambda *args: None))


def test_nsp_loss_check() -> None:
    assert checks.ex4_2(lambda logits, labels: F.cross_entropy(logits, labels))
    assert checks.ex4_2(lambda logits, labels: -logits.log_softmax(-1).gather(1, labels[:, None]).mean())
    buggy = lambda logits, labels: -(logits.log_softmax(-1)[:, 1] * labels).sum() / len(labels)  # noqa: E731
    assert not checks.ex4_2(buggy)
    assert not checks.ex4_2(lambda logits, labels: F.cross_entropy(logits, labels, reduction="sum"))
    assert not checks.ex4_2(lambda logits, labels: F.cross_entropy(logits, 1 - labels))  # labels swapped
    assert "not solved" in repr(checks.ex4_2(lambda logits, labels: None))


def test_tying_savings_check() -> None:
    assert checks.ex4_3(lambda config: config.vocab_size * (config.hidden_size + 1))
    assert not checks.ex4_3(lambda config: config.vocab_size * config.hidden_size)  # forgets the bias
    assert not checks.ex4_3(lambda config: 2 * config.vocab_size * config.hidden_size)
    assert "not solved" in repr(checks.ex4_3(lambda config: None))
