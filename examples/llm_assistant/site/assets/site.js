// mlsd design site: pan and zoom, search, live reload. Vanilla JS, nothing loaded from the network.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // ---- Pan and zoom: each diagram's viewBox is moved and scaled. ----
  function setupDiagram(fig) {
    var svg = fig.querySelector("svg");
    if (!svg) return;
    var vb = (svg.getAttribute("viewBox") || "0 0 100 100").split(/\s+/).map(Number);
    var home = vb.slice();
    // The background rectangle tells a light diagram (turned dark in a dark page by CSS).
    var bg = svg.querySelector(":scope > rect");
    var fill = bg ? bg.getAttribute("fill") || "" : "";
    var rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
    if (rgb) {
      var lum = 0.2126 * parseInt(rgb[1], 16) + 0.7152 * parseInt(rgb[2], 16) + 0.0722 * parseInt(rgb[3], 16);
      if (lum > 128) svg.classList.add("mlsd-light");
    }
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    function apply() { svg.setAttribute("viewBox", vb.join(" ")); }
    function toSvg(clientX, clientY) {
      var r = svg.getBoundingClientRect();
      var s = Math.max(vb[2] / r.width, vb[3] / r.height);
      var ox = vb[0] + (vb[2] - r.width * s) / 2, oy = vb[1] + (vb[3] - r.height * s) / 2;
      return [ox + (clientX - r.left) * s, oy + (clientY - r.top) * s];
    }
    function zoom(f, cx, cy) {
      var nw = vb[2] * f, nh = vb[3] * f;
      if (nw < 20 || nw > home[2] * 20) return;
      vb = [cx - (cx - vb[0]) * f, cy - (cy - vb[1]) * f, nw, nh];
      apply();
    }
    function zoomCenter(f) { zoom(f, vb[0] + vb[2] / 2, vb[1] + vb[3] / 2); }
    fig.querySelector(".fit").addEventListener("click", function () { vb = home.slice(); apply(); });
    fig.querySelector(".zoom-in").addEventListener("click", function () { zoomCenter(0.8); });
    fig.querySelector(".zoom-out").addEventListener("click", function () { zoomCenter(1.25); });
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, { passive: false });
    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vb: vb.slice() };
      moved = false;
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) { moved = true; fig.querySelector(".viewport").classList.add("dragging"); }
      var r = svg.getBoundingClientRect();
      var s = Math.max(drag.vb[2] / r.width, drag.vb[3] / r.height);
      vb = [drag.vb[0] - dx * s, drag.vb[1] - dy * s, drag.vb[2], drag.vb[3]];
      apply();
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      fig.querySelector(".viewport").classList.remove("dragging");
    });
    // A drag is not a click: it must not follow the link under the pointer.
    svg.addEventListener("click", function (e) {
      if (moved) { e.preventDefault(); e.stopPropagation(); moved = false; }
    }, true);
  }
  Array.prototype.forEach.call(document.querySelectorAll("figure.diagram"), setupDiagram);

  // ---- Search: highlight matching nodes in every diagram of the page, list the views. ----
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  function nodeText(g) {
    var t = g.querySelector("title");
    return ((g.id || "").replace(/^node-/, "") + " " + (t ? t.textContent : "")).toLowerCase();
  }
  function highlight(q) {
    q = q.trim().toLowerCase();
    var hits = 0;
    Array.prototype.forEach.call(document.querySelectorAll("figure.diagram svg"), function (svg) {
      svg.classList.toggle("mlsd-searching", q.length > 0);
      Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (g) {
        var hit = q.length > 0 && nodeText(g).indexOf(q) >= 0;
        g.classList.toggle("mlsd-hit", hit);
        if (hit) hits++;
      });
    });
    document.body.setAttribute("data-hits", String(hits));
    return hits;
  }
  function list(q) {
    while (results.firstChild) results.removeChild(results.firstChild);
    q = q.trim().toLowerCase();
    var index = window.MLSD_INDEX || [];
    var shown = 0;
    if (q) {
      for (var i = 0; i < index.length && shown < 20; i++) {
        var n = index[i];
        if ((n.id + " " + n.label).toLowerCase().indexOf(q) < 0) continue;
        shown++;
        var li = document.createElement("li");
        var name = document.createElement("div");
        name.textContent = n.label;
        li.appendChild(name);
        var views = document.createElement("div");
        views.className = "views";
        n.pages.forEach(function (p) {
          var a = document.createElement("a");
          a.href = root + p + "#q=" + encodeURIComponent(n.id);
          a.textContent = p.replace(/^diagrams\//, "").replace(/\.html$/, "");
          views.appendChild(a);
        });
        li.appendChild(views);
        results.appendChild(li);
      }
    }
    results.hidden = shown === 0;
  }
  if (input) {
    input.addEventListener("input", function () { highlight(input.value); list(input.value); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; highlight(""); list(""); }
    });
  }
  function fromHash() {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (!m || !input) return;
    input.value = decodeURIComponent(m[1]);
    highlight(input.value);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // ---- Live reload under `mlsd watch --serve`: the server marks the page. ----
  var live = document.body.getAttribute("data-live");
  if (live && window.EventSource) {
    var generation = null;
    var es = new EventSource(live);
    es.onmessage = function (e) {
      var s;
      try { s = JSON.parse(e.data); } catch (err) { return; }
      if (generation === null) { generation = s.generation; return; }
      // A good build since this page loaded: show it (a failed one keeps the page).
      if (s.generation !== generation && !(s.errors && s.errors.length)) location.reload();
    };
  }
})();
