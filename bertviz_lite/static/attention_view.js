// Offline attention views (bertviz_lite.attention): vanilla JavaScript, no network, text nodes only.
// The marker after "var P =" below is replaced by the parameters as JSON that is safe inside a script element.
// Tokens reach the page through textContent only, so any token text stays inert.
(function () {
  "use strict";
  var P = __BVL_PARAMS__;
  var me = document.currentScript, root = null;
  if (me && me.parentNode && me.parentNode.querySelector) { root = me.parentNode.querySelector("#" + P.id); }
  if (!root) { root = document.getElementById(P.id); }
  if (!root) { return; }
  var dark = P.mode === "dark", fg = dark ? "#e8e8e8" : "#222222";
  var SPECIAL = {"[CLS]": 1, "[SEP]": 1, "<s>": 1, "</s>": 1};
  var state = {filter: 0, layer: P.layer, heads: P.heads.slice(), hide: false, detail: null};

  function decode(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { a[i] = s.charCodeAt(i); }
    return a;
  }
  P.sources.forEach(function (src) { src.w = decode(src.data); });
  function weight(src, l, h, i, j) { return src.w[((l * src.heads + h) * src.rows + i) * src.cols + j]; }
  function color(h, n) { return "hsl(" + Math.round(h * 360 / Math.max(n, 1)) + ",75%," + (dark ? "60%" : "45%") + ")"; }
  function el(tag, parent, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function positions(src, range, tokens) {
    var out = [];
    for (var i = range[0]; i < range[1]; i++) { if (!(state.hide && SPECIAL[tokens[i]])) { out.push(i); } }
    return out;
  }
  // Lines from rows (left, x=0) to cols (right, x=W), grouped into 16 opacity buckets: one stroke per bucket.
  function drawLines(ctx, W, H, src, l, heads, rows, cols, only) {
    ctx.clearRect(0, 0, W, H);
    var yl = H / Math.max(rows.length, 1), yr = H / Math.max(cols.length, 1);
    heads.forEach(function (h) {
      var buckets = [];
      for (var b = 0; b < 16; b++) { buckets.push([]); }
      rows.forEach(function (i, a) {
        if (only && only.side === "left" && only.k !== a) { return; }
        cols.forEach(function (j, c) {
          if (only && only.side === "right" && only.k !== c) { return; }
          var q = weight(src, l, h, i, j);
          if (q >= 3) { buckets[q >> 4].push((a + 0.5) * yl, (c + 0.5) * yr); }
        });
      });
      ctx.strokeStyle = color(h, src.heads);
      buckets.forEach(function (ys, b) {
        if (!ys.length) { return; }
        ctx.globalAlpha = (b + 1) / 16;
        ctx.beginPath();
        for (var k = 0; k < ys.length; k += 2) { ctx.moveTo(0, ys[k]); ctx.lineTo(W, ys[k + 1]); }
        ctx.stroke();
      });
    });
    ctx.globalAlpha = 1;
  }
  // A head-view panel: token column, canvas of lines, token column. Hover a token to see only its lines.
  function panel(box, src, f, l, heads) {
    box.textContent = "";
    var rows = positions(src, f.rows, src.left), cols = positions(src, f.cols, src.right);
    var n = Math.max(rows.length, cols.length, 1), H = n * 18, W = 160;
    var wrap = el("div", box, "bvl-panel");
    var left = el("div", wrap), cv = el("canvas", wrap), right = el("div", wrap);
    cv.width = W; cv.height = H; cv.style.height = H + "px";
    var ctx = cv.getContext("2d");
    ctx.lineWidth = 2;
    function tokenColumn(parent, list, tokens, side, align) {
      return list.map(function (p, k) {
        var d = el("div", parent, "bvl-tok", tokens[p]);
        d.style.textAlign = align;
        d.style.height = (H / list.length) + "px";
        d.addEventListener("mouseenter", function () { show({side: side, k: k}); });
        d.addEventListener("mouseleave", function () { show(null); });
        return d;
      });
    }
    var lt = tokenColumn(left, rows, src.left, "left", "right");
    var rt = tokenColumn(right, cols, src.right, "right", "left");
    function show(only) {
      drawLines(ctx, W, H, src, l, heads, rows, cols, only);
      lt.concat(rt).forEach(function (d) { d.style.background = "transparent"; });
      if (!only) { return; }
      var other = only.side === "left" ? rt : lt;
      other.forEach(function (d, k) {
        var best = 0;
        heads.forEach(function (h) {
          var q = only.side === "left" ? weight(src, l, h, rows[only.k], cols[k]) : weight(src, l, h, rows[k], cols[only.k]);
          best = Math.max(best, q);
        });
        d.style.background = "rgba(120,160,255," + (best / 255).toFixed(3) + ")";
      });
    }
    show(null);
  }

  // Thumbnails fit the width the notebook gives the view: (width - row labels - gaps) / heads, clamped to
  // [MIN_THUMB, MAX_THUMB] pixels. Below the minimum the root scrolls sideways inside its own frame (CSS).
  var MAX_THUMB = 72, MIN_THUMB = 24, LABEL = 30, GAP = 4;
  function available() {
    var w = root.clientWidth || 0;
    for (var p = root.parentNode; !w && p; p = p.parentNode) { w = p.clientWidth || 0; }
    if (!w && typeof window !== "undefined") { w = window.innerWidth || 0; }
    return w > 0 ? w : 800;
  }
  function thumbSize(heads) {
    var s = Math.floor((available() - 12 - LABEL - GAP * (heads + 1)) / Math.max(heads, 1)) - 2;
    return Math.max(MIN_THUMB, Math.min(MAX_THUMB, s));
  }
  var bar = el("div", null, "bvl-bar"), body = el("div"), f0 = P.filters[0];
  root.textContent = "";
  root.appendChild(bar);
  root.appendChild(body);
  function select(label, options, value, onchange) {
    var lab = el("label", bar, null, label + " "), s = el("select", lab);
    options.forEach(function (o, i) { var opt = el("option", s, null, o); opt.value = String(i); });
    s.value = String(value);
    s.addEventListener("change", function () { onchange(parseInt(s.value, 10)); });
  }
  if (P.kind === "head") {
    select("Layer:", P.layer_ids.map(String), state.layer, function (v) { state.layer = v; render(); });
  }
  if (P.filters.length > 1) {
    select("Attention:", P.filters.map(function (f) { return f.name; }), 0, function (v) { state.filter = v; render(); });
  }
  var hideLab = el("label", bar), hide = el("input", hideLab);
  hide.type = "checkbox";
  hideLab.appendChild(document.createTextNode(" hide [CLS]/[SEP]"));
  hide.addEventListener("change", function () { state.hide = !!hide.checked; render(); });
  var swatches = el("span", bar);

  function renderSwatches(src) {
    swatches.textContent = "";
    if (P.kind !== "head") { return; }
    P.head_ids.forEach(function (id, h) {
      var s = el("span", swatches, "bvl-swatch");
      s.title = "head " + id + " (click: toggle, double-click: only this head)";
      s.style.background = color(h, src.heads);
      s.style.opacity = state.heads.indexOf(h) >= 0 ? "1" : "0.2";
      s.addEventListener("click", function () {
        var at = state.heads.indexOf(h);
        if (at >= 0) { state.heads.splice(at, 1); } else { state.heads.push(h); }
        render();
      });
      s.addEventListener("dblclick", function () { state.heads = [h]; render(); });
    });
  }
  function render() {
    var f = P.filters[state.filter] || f0, src = P.sources[f.source];
    renderSwatches(src);
    body.textContent = "";
    if (P.kind === "head") { panel(el("div", body), src, f, state.layer, state.heads); return; }
    var size = thumbSize(P.head_ids.length);
    var grid = el("div", body, "bvl-grid");
    grid.style.gridTemplateColumns = "auto repeat(" + src.heads + ", auto)";
    el("div", grid);
    P.head_ids.forEach(function (id) { el("div", grid, null, "H" + id); });
    var rows = positions(src, f.rows, src.left), cols = positions(src, f.cols, src.right);
    P.layer_ids.forEach(function (lid, l) {
      el("div", grid, null, "L" + lid);
      P.head_ids.forEach(function (hid, h) {
        var cv = el("canvas", grid, "bvl-thumb");
        cv.width = size; cv.height = size;
        cv.title = "layer " + lid + ", head " + hid + ": click to enlarge";
        var ctx = cv.getContext("2d");
        ctx.lineWidth = 1;
        drawLines(ctx, size, size, src, l, [h], rows, cols, null);
        cv.addEventListener("click", function () { state.detail = [l, h]; render(); });
      });
    });
    var detail = el("div", body);
    if (state.detail) {
      el("div", detail, "bvl-note", "Layer " + P.layer_ids[state.detail[0]] + ", head " + P.head_ids[state.detail[1]]);
      panel(el("div", detail), src, f, state.detail[0], [state.detail[1]]);
    } else {
      el("div", detail, "bvl-note", "Click a thumbnail to enlarge it; hover a token to follow its lines.");
    }
  }
  root.style.color = fg;
  render();
  if (P.kind === "model" && typeof ResizeObserver !== "undefined") {  // the frame was resized: fit again
    var lastSize = thumbSize(P.head_ids.length);
    new ResizeObserver(function () {
      var now = thumbSize(P.head_ids.length);
      if (now !== lastSize) { lastSize = now; render(); }
    }).observe(root);
  }
})();
