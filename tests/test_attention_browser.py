"""The views render in a real headless Chromium from a plain HTML file (as an exported notebook would).

Skipped where Chromium (Debian package `chromium`) or the `playwright` package is missing.
"""
from __future__ import annotations

import importlib.util
import shutil

import pytest
import torch

from bertviz_lite import head_view, model_view

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None or importlib.util.find_spec("playwright") is None,
                                reason="needs the chromium browser and the playwright package")
EVIL = "</script><img src=x onerror=alert(1)>"


def test_two_views_on_one_page_render_and_stay_inert(tmp_path) -> None:
    from playwright.sync_api import sync_playwright

    g = torch.Generator().manual_seed(0)
    attention = tuple(torch.softmax(torch.randn(1, 3, 5, 5, generator=g), -1) for _ in range(2))
    tokens = ["[CLS]", EVIL, "b", "c", "[SEP]"]
    body = (head_view(attention, tokens, sentence_b_start=2, html_action="return").data
            + model_view(attention, tokens, html_action="return").data)
    page_file = tmp_path / "views.html"
    page_file.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                     "--disable-dev-shm-usage"])
        page = browser.new_page()
        page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        page.on("dialog", lambda d: (problems.append("a token ran code"), d.dismiss()))
        page.goto(page_file.as_uri())
        page.wait_for_timeout(500)
        head, model = page.query_selector_all("div[id^=bvl-]")
        shown = head.evaluate("r => Array.from(r.querySelectorAll('.bvl-tok')).map(t => t.textContent)")
        thumbs = model.query_selector_all("canvas.bvl-thumb")
        thumbs[0].click()  # enlarge layer 0, head 0
        enlarged = model.evaluate("r => r.querySelectorAll('.bvl-tok').length")
        head.query_selector("input[type=checkbox]").click()  # hide [CLS]/[SEP]
        hidden = head.evaluate("r => Array.from(r.querySelectorAll('.bvl-tok')).map(t => t.textContent)")
        images = page.evaluate("document.querySelectorAll('img').length")
        browser.close()
    assert problems == []
    assert shown.count(EVIL) == 2 and len(shown) == 10, "left and right columns show every token as text"
    assert len(thumbs) == 2 * 3 and enlarged == 10
    assert "[CLS]" not in hidden and "[SEP]" not in hidden and len(hidden) == 6
    assert images == 0, "the token's <img> never became an element"
