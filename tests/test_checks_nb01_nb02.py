"""The exercise checks of 01_tokenization and 02_embeddings accept the reference, reject common mistakes."""
from __future__ import annotations

from typing import Any

import pytest
import torch

from bertviz_lite import checks
from bertviz_lite.models import load_model, load_tokenizer


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    return load_tokenizer()


@pytest.fixture(scope="module")
def model() -> Any:
    return load_model()


def test_stubs_are_not_solved_and_say_so() -> None:
    def stub(*args: object) -> None:
        return None

    def raising(*args: object) -> None:
        raise NotImplementedError

    for check in (checks.ex1_1, checks.ex1_2, checks.ex1_3, checks.ex2_1, checks.ex2_2, checks.ex2_3):
        for body in (stub, raising):
            result = check(body)
            assert not result and ("None" in result.message or "NotImplementedError" in result.message)


def test_token_texts_must_keep_the_original_characters(tokenizer: Any) -> None:
    lowered = checks.ex1_1(lambda text: [t.removeprefix("##") for t in tokenizer.tokenize(text)])
    assert not lowered and "Naïve" in lowered.message


def test_merge_pieces_must_glue_continuations() -> None:
    assert not checks.ex1_2(lambda tokens: list(tokens))
    assert not checks.ex1_2(lambda tokens: "".join(tokens).split("##"))


def test_longest_first_one_token_at_a_time_is_not_the_fast_rule() -> None:
    def one_at_a_time(len_a: int, len_b: int, max_length: int) -> tuple[int, int]:
        while len_a + len_b > max_length - 3:
            len_a, len_b = (len_a - 1, len_b) if len_a > len_b else (len_a, len_b - 1)
        return len_a, len_b

    result = checks.ex1_3(one_at_a_time)
    assert not result and "the tokenizer keeps" in result.message


def test_mean_pair_similarity_must_skip_the_diagonal() -> None:
    def with_diagonal(vectors: torch.Tensor) -> float:
        unit = torch.nn.functional.normalize(vectors, dim=-1)
        return (unit @ unit.T).mean().item()

    assert not checks.ex2_1(with_diagonal)


def test_embed_may_not_call_the_module_and_needs_all_three_tables(model: Any) -> None:
    called = checks.ex2_2(lambda ids, types: model.embeddings(input_ids=ids, token_type_ids=types))
    assert not called and "model.embeddings(...)" in called.message
    no_positions = checks.ex2_2(lambda ids, types: model.embeddings.LayerNorm(
        model.embeddings.word_embeddings(ids) + model.embeddings.token_type_embeddings(types)))
    assert not no_positions
    assert model.embeddings(input_ids=torch.tensor([[101, 102]])).shape[:2] == (1, 2), "forward is restored"


def test_contextual_vector_must_drop_the_batch_dimension(tokenizer: Any, model: Any) -> None:
    def batched(sentence: str, word: str) -> torch.Tensor:
        batch = tokenizer(sentence, return_tensors="pt")
        position = batch["input_ids"][0].tolist().index(tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word))[0])
        with torch.no_grad():
            return model(**batch).last_hidden_state[:, position]

    result = checks.ex2_3(batched)
    assert not result and "batch dimension" in result.message
    assert checks.ex2_3(lambda sentence, word: batched(sentence, word)[0])
