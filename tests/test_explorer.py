"""The explorer: `analyze` never raises, says what it did to odd input, and the dashboard shows user text inert."""
from __future__ import annotations

import copy
import statistics
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from bertviz_lite.explorer import MASK_HINT, Analysis, Explorer, clean_text, mask_word, pca_2d
from bertviz_lite.explorer_app import KEPT_NOTE, ExplorerApp
from bertviz_lite.explorer_render import (
    attention_frame,
    export_html,
    export_link,
    predictions_html,
    projection_svg,
    stats_html,
)

WORDS = ["the", "cat", "sat", "on", "mat", "dog", "ran", "it", "was", "big", "red", "##s", "##ing", "script", "img",
         "src", "alert", "東", "京"]
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("abcdefghijklmnopqrstuvwxyz.,!?<>/=()'\"") + WORDS
HOSTILE = {
    "empty": ("", "empty"),
    "blank": ("   \n\t ", "empty"),
    "emoji": ("the cat 😀 sat", "[UNK]"),
    "cjk": ("東京 is big", "CJK ideograph"),
    "right-to-left marks": ("the \u200fcat\u202e sat", "direction"),
    "control characters": ("the\x07 cat\x1b sat\x00", "control"),
    "html": ("<b>the cat</b>", "HTML"),
    "script": ("</script><img src=x onerror=alert(1)>", "HTML"),
    "no mask": ("the cat sat on the mat", "[MASK]"),
    "far too long": ("the cat sat on the mat " * 200, "truncated"),
}


@pytest.fixture(scope="module")
def tiny() -> Explorer:
    """An explorer on a tiny random BERT (vocab ~80, hidden 32, 2 layers, 2 heads) with a tiny MLM."""
    from transformers import BertConfig, BertForMaskedLM, BertModel, BertTokenizerFast

    tokenizer = BertTokenizerFast(vocab={token: i for i, token in enumerate(VOCAB)}, do_lower_case=True)
    config = BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, attn_implementation="eager")
    torch.manual_seed(0)
    mlm = BertForMaskedLM(config).eval()
    return Explorer(model=BertModel(config).eval(), tokenizer=tokenizer, mlm=(mlm, tokenizer, "tiny MLM"), top_k=3)


def test_clean_text_drops_invisible_characters_and_normalises_mask() -> None:
    cleaned, notes = clean_text("a\u200fb\x07 [mask] c\td")
    assert cleaned == "ab [MASK] c d"
    assert any("direction" in n for n in notes)
    assert clean_text(None) == ("", clean_text("")[1]) and "empty" in clean_text("  ")[1][0]


def test_mask_word_replaces_one_whole_word_case_insensitively() -> None:
    assert mask_word("The cat sat on the cats.", "CAT") == "The [MASK] sat on the cats."
    assert mask_word("東京 is big", "京") == "東[MASK] is big"
    assert mask_word("The cat sat.", "dog") is None
    assert mask_word("The cat sat.", "  ") is None


def test_pca_2d_matches_scikit_learn_up_to_sign() -> None:
    from sklearn.decomposition import PCA

    x = np.random.default_rng(0).normal(size=(9, 16))
    coords, ratio = pca_2d(torch.tensor(x))
    expected = PCA(n_components=2).fit(x)
    reference = expected.transform(x)
    assert coords.shape == (9, 2)
    np.testing.assert_allclose(np.abs(coords), np.abs(reference), atol=1e-8)
    np.testing.assert_allclose(ratio, expected.explained_variance_ratio_, atol=1e-8)
    assert coords[np.argmax(np.abs(coords[:, 0])), 0] > 0, "signs are fixed: the largest coordinate is positive"


def test_pca_2d_of_a_single_token_is_zero_and_refuses_bad_shapes() -> None:
    coords, ratio = pca_2d(np.ones((1, 4)))
    assert coords.shape == (1, 2) and not coords.any() and not ratio.any()
    with pytest.raises(ValueError, match="needs a"):
        pca_2d(np.ones(4))


def test_analyze_returns_tokens_attention_projection_and_statistics(tiny: Explorer) -> None:
    result = tiny.analyze("the cat sat on the mat")
    expected = tiny.tokenizer("the cat sat on the mat")["input_ids"]
    assert result.ids == expected and result.tokens == tiny.tokenizer.convert_ids_to_tokens(expected)
    t = len(expected)
    assert result.attentions.shape == (2, 2, t, t)
    np.testing.assert_allclose(result.attentions.sum(-1), 1.0, atol=1e-5)
    assert result.projection.shape == (t, 2) and result.stats.entropy.shape == (2, 2)
    assert result.ok and result.sentence_b_start is None and MASK_HINT in result.messages


def test_analyze_marks_where_the_second_sentence_starts(tiny: Explorer) -> None:
    result = tiny.analyze("the cat sat", "it ran")
    assert result.tokens[result.sentence_b_start - 1] == "[SEP]" and result.tokens[result.sentence_b_start] == "it"


def test_predictions_are_the_softmax_of_the_mlm_at_each_mask(tiny: Explorer) -> None:
    result = tiny.analyze("the [MASK] sat on the [mask]")
    found = tiny.mlm()
    mlm, tokenizer = found.model, found.tokenizer
    batch = tokenizer("the [MASK] sat on the [MASK]", return_tensors="pt")
    with torch.no_grad():
        probs = mlm(**batch).logits[0].softmax(-1)
    assert [p.position for p in result.predictions] == [2, 6]
    for pred in result.predictions:
        top = probs[pred.position].topk(3)
        assert [w for w, _ in pred.candidates] == tokenizer.convert_ids_to_tokens(top.indices.tolist())
        np.testing.assert_allclose([p for _, p in pred.candidates], top.values.numpy(), rtol=1e-5)
    assert result.mlm_name == "tiny MLM"


def test_a_chosen_word_is_masked_when_the_text_has_no_mask(tiny: Explorer) -> None:
    result = tiny.analyze("the cat sat", mask="cat")
    assert result.masked_text == "the [MASK] sat" and len(result.predictions) == 1
    missing = tiny.analyze("the cat sat", mask="dog")
    assert not missing.predictions and any("not in the first sentence" in m for m in missing.messages)


def test_without_an_mlm_the_explorer_says_so(tiny: Explorer) -> None:
    bare = Explorer(model=tiny.model, tokenizer=tiny.tokenizer, mlm=False)
    result = bare.analyze("the [MASK] sat")
    assert result.ok and not result.predictions and any("switched off" in m for m in result.messages)
    assert "switched off" in bare.mask_source()


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_bad_input_never_raises_and_gets_a_message(tiny: Explorer, case: str) -> None:
    text, keyword = HOSTILE[case]
    result = tiny.analyze(text)
    assert isinstance(result, Analysis)
    assert any(keyword in m for m in result.messages), result.messages
    assert len(result.ids) <= tiny.max_length


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_the_widget_callback_survives_bad_input(tiny: Explorer, case: str) -> None:
    text, keyword = HOSTILE[case]
    app = ExplorerApp(tiny, "the cat sat")
    result = app.update(text)
    assert result is not None and app.text.value == text
    assert keyword.split()[0] in app.status.value or keyword in result.messages[0]
    assert "Something went wrong" not in app.status.value


def test_user_text_reaches_the_page_escaped(tiny: Explorer) -> None:
    hostile = "</script><img src=x onerror=alert(1)> [MASK]"
    app = ExplorerApp(tiny, )
    result = app.update(hostile)
    assert result.ok and result.predictions
    pages = [app.tokens.value, app.projection.value, app.status.value, app.predictions.value, app.stats.value,
             predictions_html(result), projection_svg(result), stats_html(result, "to_sep")]
    for page in pages:
        assert "<img" not in page and "</script><" not in page
    frame, _ = attention_frame(result, "model")
    srcdoc = frame.split('srcdoc="', 1)[1]
    assert "<" not in srcdoc.split('"', 1)[0], "the whole view is escaped inside the srcdoc attribute"
    assert 'sandbox="allow-scripts"' in frame


def test_long_inputs_keep_the_views_light(tiny: Explorer) -> None:
    result = tiny.analyze("the cat sat on the mat " * 200)
    frame, note = attention_frame(result, "head", max_tokens=16)
    assert len(result.ids) == 64 and "first 16 of 64" in note and len(frame) < 60_000


def test_a_failing_analysis_becomes_a_message_not_a_traceback(tiny: Explorer, monkeypatch: pytest.MonkeyPatch) -> None:
    app = ExplorerApp(tiny, "the cat sat")
    monkeypatch.setattr(tiny, "analyze", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    assert app.update("the dog ran") is None
    assert "Something went wrong (RuntimeError: boom)" in app.status.value


def test_widgets_for_view_statistic_and_mask_redraw_without_errors(tiny: Explorer) -> None:
    app = ExplorerApp(tiny, "the cat sat on the mat")
    app.kind.value = "model"
    app.statistic.value = "distance"
    app.mask.value = "cat"
    assert "bvl-model" in app.attention.value and "mean distance" in app.stats.value
    assert app.result.masked_text == "the [MASK] sat on the mat" and "<table" in app.predictions.value
    app.tabs.selected_index = 5
    assert app.schedule.children, "the LR-schedule tab always shows something"


def test_a_short_sentence_updates_every_view_quickly_with_the_course_model() -> None:
    explorer = Explorer()
    app = ExplorerApp(explorer, "Warm up the [MASK] first.")
    sentences = ["The bank of the river was muddy.", "I deposited money at the bank today.",
                 "She said that [MASK] would come tomorrow.", "Tokenizers split unbelievably rare words.",
                 "A quick brown fox jumps over the lazy dog.", "Paris is the capital of [MASK]."]
    times = []
    for sentence in sentences:
        start = time.perf_counter()
        result = app.update(sentence)
        times.append(time.perf_counter() - start)
        assert result is not None and result.ok and len(result.tokens) <= 32
    assert statistics.median(times) < 2.0, f"median update {statistics.median(times):.2f} s (target 1 s)"


def test_a_checkpoint_with_an_mlm_head_guesses_with_its_own_head(tmp_path: Path) -> None:
    """As with bert-base-uncased: a checkpoint saved from BertForMaskedLM provides the guesses itself."""
    from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast

    tokenizer = BertTokenizerFast(vocab={token: i for i, token in enumerate(VOCAB)}, do_lower_case=True)
    config = BertConfig(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(0)
    BertForMaskedLM(config).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    explorer = Explorer(str(tmp_path))
    result = explorer.analyze("the [MASK] sat")
    assert result.mlm_name == f"the MLM head of local folder '{tmp_path.name}'"
    assert len(result.predictions) == 1 and len(result.predictions[0].candidates) == explorer.top_k


def test_an_mlm_that_fails_to_load_costs_only_the_guesses(tiny: Explorer) -> None:
    broken = Explorer(model=tiny.model, tokenizer=tiny.tokenizer)
    broken._find_mlm = lambda: (_ for _ in ()).throw(FileNotFoundError("no corpus"))
    result = broken.analyze("the [MASK] sat")
    assert result.ok and not result.predictions
    assert any("could not be loaded (FileNotFoundError: no corpus)" in m for m in result.messages)
    assert broken.mlm() is None, "no second attempt on every keystroke"


def test_static_figures_have_titles_labels_legends_and_fit_the_page(tiny: Explorer) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from bertviz_lite.explorer_render import plot_predictions, plot_projection

    with_mask, without = tiny.analyze("the [MASK] sat", "it ran"), tiny.analyze("the cat sat")
    for fig in (plot_projection(with_mask), plot_predictions(with_mask), plot_predictions(without)):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert fig.get_figwidth() <= 8
    assert plot_projection(with_mask).axes[0].get_legend() is not None
    assert "%" in plot_projection(with_mask).axes[0].get_xlabel(), "the axis says how much variance it keeps"


def _previous(attention: np.ndarray) -> np.ndarray:
    if attention.shape[-1] < 2:
        return np.zeros(attention.shape[:2])
    return np.diagonal(attention, offset=-1, axis1=2, axis2=3).mean(-1)


def _cross(attention: np.ndarray, b: int) -> np.ndarray:
    if not 1 <= b <= attention.shape[-1] - 1:
        raise ValueError(f"sentence_b_start must be in 1..{attention.shape[-1] - 1}, got {b}")
    return attention[:, :, :b, b:].sum(-1).mean(-1)


PREVIOUS_MISTAKES = {
    "stub": lambda a: None,
    "next token": lambda a: np.diagonal(a, offset=1, axis1=2, axis2=3).mean(-1),
    "divides by T": lambda a: np.diagonal(a, offset=-1, axis1=2, axis2=3).sum(-1) / a.shape[-1],
    "sum, not mean": lambda a: np.diagonal(a, offset=-1, axis1=2, axis2=3).sum(-1),
    "NaN for one token": lambda a: np.diagonal(a, offset=-1, axis1=2, axis2=3).mean(-1),
    "wrong shape": lambda a: np.diagonal(a, offset=-1, axis1=2, axis2=3).mean(-1).ravel(),
}
CROSS_MISTAKES = {
    "stub": lambda a, b: None,
    "B to A": lambda a, b: a[:, :, b:, :b].sum(-1).mean(-1),
    "mean over keys": lambda a, b: a[:, :, :b, b:].mean(-1).mean(-1),
    "off by one": lambda a, b: a[:, :, :b - 1, b - 1:].sum(-1).mean(-1),
    "all queries": lambda a, b: a[:, :, :, b:].sum(-1).mean(-1),
    "no range check": lambda a, b: a[:, :, :b, b:].sum(-1).mean(-1),
    "message without the name": lambda a, b: (_ for _ in ()).throw(ValueError("bad")) if not 0 < b < a.shape[-1]
    else _cross(a, b),
}


def test_check_11_1_accepts_the_reference_and_rejects_typical_mistakes() -> None:
    from bertviz_lite import checks

    assert checks.ex11_1(_previous)
    for name, wrong in PREVIOUS_MISTAKES.items():
        result = checks.ex11_1(wrong)
        assert not result, name
    assert "NEXT token" in checks.ex11_1(PREVIOUS_MISTAKES["next token"]).message
    assert "not solved" in repr(checks.ex11_1(PREVIOUS_MISTAKES["stub"]))


def test_check_11_2_accepts_the_reference_and_rejects_typical_mistakes() -> None:
    from bertviz_lite import checks

    assert checks.ex11_2(_cross)
    for name, wrong in CROSS_MISTAKES.items():
        assert not checks.ex11_2(wrong), name
    assert "B → A" in checks.ex11_2(CROSS_MISTAKES["B to A"]).message


def test_the_exercise_statistics_run_in_the_dashboard(tiny: Explorer) -> None:
    app = ExplorerApp(tiny, "the cat sat", "it ran", statistics={"weight on previous token": _previous})
    app.statistic.value = _previous
    assert "weight on previous token" in app.stats.value
    b = app.result.sentence_b_start
    np.testing.assert_allclose(_cross(app.result.attentions, b),
                               app.result.attentions[:, :, :b, b:].sum((-1, -2)) / b, atol=1e-6)


def test_top_k_must_be_positive(tiny: Explorer) -> None:
    with pytest.raises(ValueError, match="top_k"):
        Explorer(model=tiny.model, tokenizer=tiny.tokenizer, top_k=0)


def test_course_mlm_summary_reports_what_notebook_04_measured() -> None:
    from bertviz_lite.explorer import course_mlm_summary

    text = course_mlm_summary({"heldout_top1": 0.118, "heldout_top5": 0.27, "heldout_unigram top1": 0.071,
                               "mode": "learner"})
    assert "11.8 % of masked tokens" in text and "top 5: 27.0 %" in text and "7.1 % for always guessing" in text
    assert "fast mode" not in text and "no MLM head" in text
    assert "fast mode" in course_mlm_summary({"heldout_top1": 0.07, "mode": "fast"})
    for info in ({}, {"heldout_top1": "n/a"}, {"heldout_top1": 1.7}, {"heldout_top1": None}):
        assert "tiny model" in course_mlm_summary(info) and "%" not in course_mlm_summary(info)


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder with no course MLM in it (as on a fresh laptop before notebook 04 has run)."""
    monkeypatch.setenv("BERT_LAB_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_missing_course_mlm_says_how_to_build_it_and_never_trains(tiny: Explorer, empty_cache: Path) -> None:
    fresh = Explorer(model=tiny.model, tokenizer=tiny.tokenizer)  # no MLM head: the course MLM is the source
    app = ExplorerApp(fresh, "the [MASK] sat")
    assert app.result.ok and not app.result.predictions
    for shown in (app.status.value, app.predictions.value, fresh.mask_source()):
        assert "04_pretraining_mlm_nsp" in shown and "make execute" in shown, shown
    assert not empty_cache.exists() or not any(empty_cache.rglob("*.safetensors")), "nothing was trained or saved"
    # Once notebook 04 has saved a model, the next analysis finds it (no restart needed) and says how good it is.
    from transformers import BertForMaskedLM

    from bertviz_lite.course_mlm import save_course_mlm

    torch.manual_seed(1)
    save_course_mlm(BertForMaskedLM(copy.deepcopy(tiny.model.config)), tiny.tokenizer,
                    {"mode": "learner", "heldout_top1": 0.25, "heldout_top5": 0.5, "heldout_unigram top1": 0.1})
    result = app.update("the [MASK] sat")
    assert len(result.predictions) == 1 and result.mlm_name == "the course's tiny MLM (notebook 04)"
    assert "25.0 % of masked tokens" in app.predictions.value and "10.0 %" in app.predictions.value


def test_a_rejected_input_keeps_the_last_good_view(tiny: Explorer) -> None:
    app = ExplorerApp(tiny, "the cat sat on the mat")
    views = (app.tokens.value, app.attention.value, app.stats.value, app.projection.value, app.export.value)
    for rejected in ("", "   \n", "\x07\x1b"):
        result = app.update(rejected)
        assert result is not None and not result.ok
        assert (app.tokens.value, app.attention.value, app.stats.value, app.projection.value, app.export.value) == views
        assert KEPT_NOTE in app.status.value and "empty" in app.status.value
        assert app.result.text == "the cat sat on the mat", "the app keeps the last good analysis"
    assert app.update("the dog ran").ok and "dog" in app.tokens.value and KEPT_NOTE not in app.status.value


def test_a_failing_render_keeps_the_last_good_view(tiny: Explorer, monkeypatch: pytest.MonkeyPatch) -> None:
    import bertviz_lite.explorer_app as explorer_app

    app = ExplorerApp(tiny, "the cat sat")
    before = app.tokens.value
    monkeypatch.setattr(explorer_app, "projection_svg", lambda r: (_ for _ in ()).throw(RuntimeError("draw")))
    assert app.update("the dog ran") is None
    assert "Something went wrong (RuntimeError: draw)" in app.status.value and KEPT_NOTE in app.status.value
    assert app.result.text == "the cat sat" and "cat" in before


def test_a_sentence_pair_gets_the_a_b_filters_in_both_views(tiny: Explorer) -> None:
    app = ExplorerApp(tiny, "the cat sat", "it ran")
    assert app.result.sentence_b_start is not None
    for kind in ("head", "model"):
        app.kind.value = kind
        srcdoc = app.attention.value
        for name in ("Sentence A -\\u003e Sentence B", "Sentence B -\\u003e Sentence A"):
            assert name in srcdoc, (kind, name)
    app.update(text_pair="")
    assert "Sentence A" not in app.attention.value, "no filters without a sentence B"


def test_the_export_is_one_self_contained_escaped_file(tiny: Explorer) -> None:
    import base64
    import re

    hostile = "</script><img src=x onerror=alert(1)> the cat"
    result = tiny.analyze(hostile, "it ran")
    for kind in ("head", "model"):
        page = export_html(result, kind, model="tiny <b>model</b>")
        assert page.startswith("<!doctype html>") and page.count("<html") == 1
        assert "<img" not in page and "<b>model</b>" not in page and "&lt;img" in page
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "no CDN or any remote resource"
        assert "http://" not in page and "https://" not in page and "<script src" not in page
        assert page.count("<script>") == 1 and "Sentence A -\\u003e Sentence B" in page
        link = export_link(result, kind, model="tiny <b>model</b>")
        url = re.search(r'href="data:text/html;charset=utf-8;base64,([^"]+)"', link).group(1)
        saved = base64.b64decode(url).decode("utf-8")
        same = re.sub(r"bvl-[0-9a-f]{32}", "ROOT", saved) == re.sub(r"bvl-[0-9a-f]{32}", "ROOT", page)
        assert same and f'download="attention_{kind}_view.html"' in link, "the link carries the export (ids aside)"
    assert export_link(tiny.analyze("")) == ""


def test_an_extra_statistic_joins_the_tab_and_a_bad_one_only_costs_a_message(tiny: Explorer) -> None:
    def previous_token(attention: np.ndarray) -> np.ndarray:
        return np.diagonal(attention, offset=-1, axis1=2, axis2=3).mean(-1)

    app = ExplorerApp(tiny, "the cat sat on the mat", statistics={"weight on previous token": previous_token,
                                                                  "broken": lambda a: a.sum()})
    app.statistic.value = previous_token
    assert "weight on previous token" in app.stats.value and "Lowest: layer" in app.stats.value
    good = app.stats.value
    app.statistic.value = app.statistic.options[-1][1]
    assert "shape (layers, heads)" in app.status.value and app.stats.value == good


def test_the_header_names_the_model_and_how_to_change_it(tiny: Explorer) -> None:
    from bertviz_lite.explorer_render import CHANGE_MODEL, header_html

    page = header_html(tiny)
    assert "2 layers × 2 heads" in page and CHANGE_MODEL in page and "<h2" in page


def test_an_app_that_starts_empty_shows_hints_not_blanks(tiny: Explorer) -> None:
    app = ExplorerApp(tiny, "")
    assert app.result is None and "empty" in app.status.value and KEPT_NOTE not in app.status.value
    for view in (app.tokens, app.projection, app.attention, app.stats):
        assert "type a sentence" in view.value
    assert "Guesses come from tiny MLM" in app.predictions.value
