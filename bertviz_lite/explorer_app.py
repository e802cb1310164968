"""The explorer dashboard: the thin ipywidgets layer over `Explorer.analyze` and `explorer_render`.

Taught in 11_explorer; served alone by `make explorer` (notebooks/app/bert_explorer.ipynb under Voilà). Callbacks
never raise: a problem becomes a message in the status line, and the views keep the last input that could be
analysed. Import direction: explorer → explorer_render → explorer_app.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .explorer import Analysis, Explorer
from .explorer_render import (
    _EMPTY,
    Statistic,
    attention_frame,
    export_link,
    header_html,
    messages_html,
    predictions_html,
    projection_svg,
    statistic_labels,
    stats_html,
)

__all__ = ["NO_MASK_CHOICE", "TAB_TITLES", "KEPT_NOTE", "ExplorerApp", "dashboard"]

NO_MASK_CHOICE = "(use the [MASK] in the text)"
TAB_TITLES = ("Tokens", "Projection", "Attention", "Head statistics", "Mask a word", "LR schedule")
KEPT_NOTE = "The views below still show the last text that could be analysed."
PAIR_HINT = ("With a sentence B, the view's <b>Attention</b> menu shows one direction only "
             "(A → A, B → B, A → B, B → A).")


class ExplorerApp:
    """The dashboard: title and model line, two text boxes (sentence A, optional sentence B), a status line and
    six tabs (tokens, projection, attention with export, head statistics, masked-word guesses, LR schedule)."""

    def __init__(self, explorer: Explorer, text: str = "", text_pair: str = "", max_view_tokens: int = 64,
                 statistics: Mapping[str, Statistic] | None = None, title: str = "BERT explorer") -> None:
        """Build the widgets and analyse `text` once. `statistics`: extra head statistics by label, each a function
        attention (layers, heads, T, T) → (layers, heads), offered next to the built-in four."""
        import ipywidgets as w

        self.explorer, self.max_view_tokens, self.result = explorer, max_view_tokens, None
        self._muted, self._schedule_loaded = True, False
        wide = w.Layout(width="98%")
        self.header = w.HTML(header_html(explorer, title))
        self.text = w.Textarea(value=text, description="sentence A", continuous_update=False,
                               layout=w.Layout(width="98%", height="3.2em"))
        self.pair = w.Text(value=text_pair, description="sentence B", placeholder="optional: a second sentence",
                           continuous_update=False, layout=wide)
        self.button = w.Button(description="Analyze", button_style="primary")
        self.status = w.HTML()
        self.tokens = w.HTML(_EMPTY)
        self.projection = w.HTML(_EMPTY)
        self.kind = w.ToggleButtons(options=[("head view", "head"), ("model view", "model")], value="head")
        self.export = w.HTML()
        self.attention = w.HTML(_EMPTY)
        self.statistic = w.Dropdown(options=statistic_labels(statistics), value="entropy", description="statistic")
        self.stats = w.HTML(_EMPTY)
        self.mask = w.Dropdown(options=[NO_MASK_CHOICE], value=NO_MASK_CHOICE, description="mask word")
        self.predictions = w.HTML(predictions_html(Analysis(""), explorer.mask_source()))
        self.schedule = w.VBox([w.HTML("Open this tab to load the learning-rate schedule explorer.")])
        attention_box = w.VBox([w.HBox([self.kind, self.export]), w.HTML(PAIR_HINT), self.attention])
        self.tabs = w.Tab(children=[self.tokens, self.projection, attention_box, w.VBox([self.statistic, self.stats]),
                                    w.VBox([self.mask, self.predictions]), self.schedule], titles=TAB_TITLES)
        self.widget = w.VBox([self.header, self.text, self.pair, w.HBox([self.button, self.status]), self.tabs],
                             layout=w.Layout(max_width="1200px"))
        self.widget.add_class("bvl-explorer")  # stable handles for styling and browser tests
        for widget, name in ((self.text, "text"), (self.pair, "pair"), (self.status, "status"), (self.tokens, "tokens"),
                             (self.attention, "attention"), (self.predictions, "predictions"), (self.export, "export"),
                             (self.stats, "stats")):
            widget.add_class(f"bvl-explorer-{name}")
        self._muted = False
        for box in (self.text, self.pair):
            box.observe(lambda _: self._changed(), names="value")
        self.button.on_click(lambda _: self.update())
        self.kind.observe(lambda _: self._safely(self._render_attention), names="value")
        self.statistic.observe(lambda _: self._safely(self._render_stats), names="value")
        self.mask.observe(lambda _: self._changed(keep_mask=True), names="value")
        self.tabs.observe(lambda _: self._safely(self._load_schedule), names="selected_index")
        self.update()

    def update(self, text: str | None = None, text_pair: str | None = None, keep_mask: bool = False) -> Analysis | None:
        """Analyse the boxes' text (or `text`/`text_pair`, written into the boxes) and redraw every view.

        Never raises. Returns the new `Analysis`; when it has nothing to show (empty text) or the analysis failed,
        the views keep the last good one, the status line says why, and the return value is the rejected
        analysis (or None after an error).
        """
        self._muted = True
        try:
            if text is not None:
                self.text.value = str(text)
            if text_pair is not None:
                self.pair.value = str(text_pair)
        finally:
            self._muted = False
        start = time.perf_counter()
        word = self.mask.value if keep_mask and self.mask.value != NO_MASK_CHOICE else None
        outcome: list[Analysis] = []
        if not self._safely(lambda: outcome.append(self.explorer.analyze(self.text.value, self.pair.value, mask=word))):
            return None
        candidate = outcome[0]
        candidate.seconds = time.perf_counter() - start
        if not candidate.ok:  # rejected input: say why, keep the views of the last good text
            kept = [KEPT_NOTE] if self.result is not None else []
            self.status.value = messages_html(candidate.messages + kept)
            return candidate
        previous = self.result
        self.result = candidate
        if not self._safely(lambda: self._render(word)):
            self.result = previous
            return None
        self.result.seconds = time.perf_counter() - start
        self.status.value = messages_html(self.result.messages, self.result.seconds)
        return self.result

    def _changed(self, keep_mask: bool = False) -> None:
        if not self._muted:
            self.update(keep_mask=keep_mask)

    def _render(self, word: str | None) -> None:
        from .tokens import tokens_html

        r = self.result
        self.tokens.value = tokens_html(r.token_views, (), title=f"{len(r.tokens)} tokens")
        self.projection.value = projection_svg(r)
        self._render_attention()
        self._render_stats()
        choices = [NO_MASK_CHOICE] + Explorer.words(r)
        if list(self.mask.options) != choices:
            self._muted = True
            try:
                self.mask.options = choices
                self.mask.value = word if word in choices else NO_MASK_CHOICE
            finally:
                self._muted = False
        self.predictions.value = predictions_html(r, self.explorer.mask_source())

    def _render_attention(self) -> None:
        if self.result is None:
            return
        frame, note = attention_frame(self.result, self.kind.value, self.max_view_tokens)
        self.attention.value = frame
        self.export.value = export_link(self.result, self.kind.value, self.explorer.describe(), self.max_view_tokens)
        if note and note not in self.result.messages:
            self.result.messages.append(note)

    def _render_stats(self) -> None:
        if self.result is None:
            self.stats.value = _EMPTY
            return
        label = next(k for k, v in self.statistic.options if v is self.statistic.value or v == self.statistic.value)
        self.stats.value = stats_html(self.result, self.statistic.value, label)

    def _load_schedule(self) -> None:
        if self.tabs.selected_index != TAB_TITLES.index("LR schedule") or self._schedule_loaded:
            return
        self._schedule_loaded = True
        from .schedules import schedule_explorer

        self.schedule.children = [schedule_explorer()]
        self.schedule.children[0].add_class("bvl-explorer-schedule")

    def _safely(self, action: Any) -> bool:
        """Run a callback; any error becomes a message in the status line (the views keep what they showed)."""
        try:
            action()
        except Exception as exc:  # a widget must never raise into the page
            kept = [KEPT_NOTE] if self.result is not None else []
            self.status.value = messages_html([f"Something went wrong ({type(exc).__name__}: {exc})."] + kept)
            return False
        return True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def dashboard(name: str | None = None, text: str = "The river bank was muddy after the [MASK].", text_pair: str = "",
              **kwargs: Any) -> ExplorerApp:
    """The explorer dashboard on checkpoint `name` (None: `$BERT_LAB_CHECKPOINT` or the packaged default).

    What `make explorer` serves and notebook 11 embeds; display the returned app (or its `.widget`). Raises what
    `models.load_model` raises for a checkpoint that cannot be found. Taught in 11_explorer.
    """
    return ExplorerApp(Explorer(name), text, text_pair, **kwargs)
