"""The exercise checks of 03_self_attention accept the reference answers and reject the usual mistakes."""
from __future__ import annotations

import torch

from bertviz_lite import checks


def causal_mask(t: int) -> torch.Tensor:
    return torch.zeros(t, t).masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), 1), float("-inf"))


def split_heads(x: torch.Tensor, heads: int) -> torch.Tensor:
    b, t, hidden = x.shape
    return x.view(b, t, heads, hidden // heads).transpose(1, 2)


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    b, heads, t, d = x.shape
    return x.transpose(1, 2).reshape(b, t, heads * d)


def attended_distance(w: torch.Tensor) -> torch.Tensor:
    pos = torch.arange(w.shape[-1])
    return (w * (pos[:, None] - pos[None, :]).abs()).sum(-1).mean(-1)


def test_reference_answers_pass() -> None:
    assert checks.ex3_1(causal_mask)
    assert checks.ex3_2(split_heads, merge_heads)
    assert checks.ex3_3(attended_distance)


def test_stubs_are_not_solved_yet() -> None:
    def raises(*_):
        raise NotImplementedError

    for result in (checks.ex3_1(raises), checks.ex3_2(lambda x, h: None, lambda x: None),
                   checks.ex3_3(lambda w: None)):
        assert not result and "not solved" in repr(result)


def test_a_mask_that_hides_the_past_is_rejected() -> None:
    result = checks.ex3_1(lambda t: causal_mask(t).T)
    assert not result and "diagonal" in result.message


def test_a_boolean_mask_instead_of_an_additive_one_is_rejected() -> None:
    result = checks.ex3_1(lambda t: torch.tril(torch.ones(t, t)))
    assert not result


def test_a_reshape_without_transpose_is_rejected() -> None:
    result = checks.ex3_2(lambda x, h: x.reshape(x.shape[0], h, x.shape[1], -1), merge_heads)
    assert not result and "wrong order" in result.message


def test_a_signed_distance_is_rejected() -> None:
    def signed(w: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(w.shape[-1])
        return (w * (pos[:, None] - pos[None, :])).sum(-1).mean(-1)

    assert not checks.ex3_3(signed)
