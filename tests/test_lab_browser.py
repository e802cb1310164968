"""The course in JupyterLab as a learner uses it: a real (headless) Chromium runs the notebooks' cells and moves
their widgets. One JupyterLab server on a temporary copy of the notebooks serves the tests (03, 06, 11, and a
12-layer x 12-head model view written into the copy, the size of bert-base).

Skipped with the reason where Debian's chromium or playwright is missing. Loopback only; each wait is bounded.
Screenshots: tests/browser/artifacts/lab_*.png.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.support import (
    artifact,
    browser_page,
    fit_report,
    jupyter_lab,
    needs_chromium,
    open_notebook,
    run_all,
    run_cells,
)

pytestmark = [needs_chromium, pytest.mark.notebook]
NOTEBOOKS = ["03_self_attention.ipynb", "06_optimization.ipynb", "11_explorer.ipynb"]


# bert-base-sized attention (12 layers x 12 heads) on a sentence of 14 tokens: the grid the original report saw spill
BIG_MODEL_VIEW = """import numpy as np
from bertviz_lite.attention import model_view

rng = np.random.default_rng(0)
scores = rng.normal(size=(12, 1, 12, 14, 14))
attention = list(np.exp(scores) / np.exp(scores).sum(-1, keepdims=True))
tokens = ["[CLS]", *"the river bank was muddy after the long heavy spring rain".split(), ".", "[SEP]"]
model_view(attention, tokens)"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import nbformat

    folder = tmp_path_factory.mktemp("lab")
    with jupyter_lab(folder, NOTEBOOKS) as base:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BIG_MODEL_VIEW)])
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nbformat.write(nb, folder / "course" / "model_view_12x12.ipynb")
        yield base


def views_after_running(lab: str, notebook: str, screenshot: str) -> tuple[list[dict], float]:
    """Open `notebook`, run all its cells, and return each attention view's fit report and the run time; every
    view must stay inside its output area and keep its thumbnails inside its frame (or scroll inside it)."""
    with browser_page(width=1400) as page:
        open_notebook(page, lab, notebook)
        ran = run_all(page)
        page.wait_for_selector(".jp-OutputArea-output div[id^=bvl-] canvas.bvl-thumb", timeout=30_000)
        views = fit_report(page)
        page.locator(".jp-OutputArea-output canvas.bvl-thumb").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact(screenshot)))
        assert page.problems == []
    for view in views:
        assert view["rootInside"], f"a view spills out of its output area: {view}"
        assert view["outside"] == 0 or view["scrolls"], f"thumbnails spill out of the view's frame: {view}"
    return views, ran


def test_03_head_and_model_views_render_and_fit_their_frame(lab: str) -> None:
    start = time.monotonic()
    views, ran = views_after_running(lab, "03_self_attention.ipynb", "lab_03_model_view.png")
    heads = [v for v in views if v["thumbs"] == 0]
    models = [v for v in views if v["thumbs"] > 0]
    assert heads and all(v["tokens"] > 0 for v in heads), f"no head view drew its tokens: {views}"
    assert models, f"no model view drew its thumbnails: {views}"
    print(f"03: run all {ran:.1f} s, {len(heads)} head / {len(models)} model views, thumbnails "
          f"{sorted({v['thumb'] for v in models})} px, test {time.monotonic() - start:.1f} s")


def test_a_12_layer_12_head_model_view_fits_jupyterlab(lab: str) -> None:
    start = time.monotonic()
    views, _ = views_after_running(lab, "model_view_12x12.ipynb", "lab_model_view_12x12.png")
    assert len(views) == 1 and views[0]["thumbs"] == 144, f"expected one 12 x 12 grid: {views}"
    print(f"12 x 12 model view: {views[0]['thumbs']} thumbnails of {views[0]['thumb']} px in a {views[0]['width']} px "
          f"frame, test {time.monotonic() - start:.1f} s")


def test_06_schedule_sliders_redraw_the_curve(lab: str) -> None:
    start = time.monotonic()
    with browser_page(width=1400) as page:
        open_notebook(page, lab, "06_optimization.ipynb")
        ran = run_cells(page, ["schedule_explorer("])  # the imports, then the widget cell
        slider = page.locator(".widget-slider", has_text="warmup").first
        slider.scroll_into_view_if_needed()
        box = slider.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][1]")
        image = box.locator(".widget-output img").first
        image.wait_for(timeout=30_000)
        before = image.get_attribute("src")
        handle = slider.locator(".noUi-handle").first
        handle.focus()
        for _ in range(10):  # 10 steps of 10: warmup 100 -> 200
            handle.press("ArrowRight")
        page.wait_for_function("([el, old]) => { const i = el.querySelector('.widget-output img'); "
                               "return i && i.getAttribute('src') !== old; }", arg=[box.element_handle(), before],
                               timeout=30_000)
        readout = slider.locator(".widget-readout").inner_text()
        after_warmup = image.get_attribute("src")
        total = page.locator(".widget-slider", has_text="total steps").first.locator(".noUi-handle").first
        total.focus()
        total.press("PageDown")
        page.wait_for_function("([el, old]) => el.querySelector('.widget-output img').getAttribute('src') !== old",
                               arg=[box.element_handle(), after_warmup], timeout=30_000)
        page.screenshot(path=str(artifact("lab_06_schedule.png")))
        assert page.problems == []
    assert readout.strip() == "200", f"the warmup slider reads {readout!r} after ten steps right"
    print(f"06: imports + widget cell {ran:.1f} s, both sliders redrew the curve, test {time.monotonic() - start:.1f} s")


def test_11_the_dashboard_answers_in_jupyterlab(lab: str, tmp_path: Path) -> None:
    start = time.monotonic()
    with browser_page(width=1400) as page:
        open_notebook(page, lab, "11_explorer.ipynb")
        ran = run_all(page)
        app = page.locator(".bvl-explorer")
        app.locator(".bvl-explorer-text textarea").fill("A quiet lake at dawn.")  # not the opening text
        app.locator(".bvl-explorer-pair input").fill("She sat on the bank.")
        app.locator("button", has_text="Analyze").click()
        tokens = app.locator(".bvl-explorer-tokens")
        tokens.get_by_text("she", exact=True).first.wait_for(timeout=30_000)  # sentence B arrived too
        assert "lake" in tokens.inner_text()
        app.locator(".lm-TabBar-tab", has_text="Attention").click()
        frame = page.frame_locator("iframe.bvl-head")
        frame.locator(".bvl-tok", has_text="lake").first.wait_for(timeout=30_000)
        options = frame.locator("select").nth(1).locator("option").all_inner_texts()
        assert "Sentence A -> Sentence B" in options, options
        app.locator(".widget-toggle-button", has_text="model view").click()
        model = page.frame_locator("iframe.bvl-model")
        model.locator("canvas.bvl-thumb").first.wait_for(timeout=30_000)
        inside = page.locator("iframe.bvl-model").element_handle().content_frame()
        views = fit_report(inside, container=None)
        with page.expect_download(timeout=30_000) as download:
            app.locator("a.bvl-export").click()
        saved = tmp_path / "view.html"
        download.value.save_as(saved)
        page.screenshot(path=str(artifact("lab_11_dashboard.png")))
        before = tokens.inner_text()
        box, status = app.locator(".bvl-explorer-text textarea"), app.locator(".bvl-explorer-status")
        box.fill("   ")
        box.press("Tab")  # leave the box: the widget sends its new value on change
        app.locator("button", has_text="Analyze").click()
        try:
            status.get_by_text("still show the last text").wait_for(timeout=60_000)
        except Exception as exc:  # say what the status line showed instead
            raise AssertionError(f"no kept-view note after an empty box; status: {status.inner_text()!r}") from exc
        assert tokens.inner_text() == before, "an empty box kept the last good view"
        assert page.problems == []
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "https://" not in text and "lake" in text
    assert views and views[0]["thumbs"] > 0 and (views[0]["outside"] == 0 or views[0]["scrolls"]), views
    print(f"11: run all {ran:.1f} s, dashboard used (pair, filters, model view, export, empty box), "
          f"test {time.monotonic() - start:.1f} s")
