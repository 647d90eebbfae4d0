// newsgraph viewer: wires the inline SVG drawing to the graph's JSON. No libraries, no network:
// pan and zoom by moving the viewBox, search over names, filter by kind, and a side panel built
// with textContent only (names and sentences are data, never markup).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const svg = document.getElementById("graph");
  const canvas = document.getElementById("canvas");
  const panel = document.getElementById("panel");
  const search = document.getElementById("search");
  const matches = document.getElementById("matches");
  if (!svg) return;

  const byId = new Map();
  data.nodes.forEach((n, i) => {
    n.el = document.getElementById("n" + i);
    n.links = [];
    byId.set(n.id, n);
  });
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  data.edges.forEach((e) => {
    e.el = document.getElementById(e.id);
    e.s = byId.get(e.source);
    e.t = byId.get(e.target);
    if (e.s) e.s.links.push(e);
    if (e.t && e.t !== e.s) e.t.links.push(e);
  });

  // ---- pan and zoom -------------------------------------------------------------------------
  const base = svg.viewBox.baseVal;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  let view = Object.assign({}, home);
  const apply = () => svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  const toSvg = (ev) => {
    const p = svg.createSVGPoint();
    p.x = ev.clientX;
    p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const f = Math.exp(Math.max(-1, Math.min(1, ev.deltaY * 0.0015)));
    const p = toSvg(ev);
    view = { x: p.x - (p.x - view.x) * f, y: p.y - (p.y - view.y) * f, w: view.w * f, h: view.h * f };
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, view: Object.assign({}, view), moved: false };
  });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    canvas.classList.add("panning");
    const scale = svg.getScreenCTM().a;
    view.x = drag.view.x - dx / scale;
    view.y = drag.view.y - dy / scale;
    apply();
  });
  window.addEventListener("pointerup", () => {
    canvas.classList.remove("panning");
    setTimeout(() => { drag = null; }, 0);
  });
  document.getElementById("fit").addEventListener("click", () => { view = Object.assign({}, home); apply(); });
  const centreOn = (n) => {
    const b = n.el.getBBox();
    view.x = b.x + b.width / 2 - view.w / 2;
    view.y = b.y + b.height / 2 - view.h / 2;
    apply();
  };

  // ---- building the panel -------------------------------------------------------------------
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const goto = (text, action) => {
    const a = el("a", text, "go");
    a.tabIndex = 0;
    a.addEventListener("click", action);
    a.addEventListener("keydown", (ev) => { if (ev.key === "Enter") action(); });
    return a;
  };
  const nodeLink = (n) => goto(n.label, () => { selectNode(n); centreOn(n); });
  const titlesOf = (e) => e.titles.map((t) => t.value + (t.lang ? " (" + t.lang + ")" : "")).join(" · ");
  const plural = (k, what) => k + " " + what + (k === 1 ? "" : "s");
  const section = (title) => { panel.appendChild(el("h3", title)); const ul = el("ul"); panel.appendChild(ul); return ul; };
  const articleLine = (iri) => {
    const a = articles.get(iri);
    const p = el("p", null, "source");
    if (a && a.headline) p.appendChild(el("span", a.headline + (a.date ? " (" + a.date + ")" : "") + " — "));
    p.appendChild(el("span", iri, "iri"));
    return p;
  };
  const colourOf = (kind) => {
    const box = document.querySelector('input[data-kind="' + kind + '"] + .swatch');
    return box ? box.style.borderColor : "#666";
  };

  function showNode(n) {
    panel.replaceChildren();
    panel.appendChild(el("h2", n.label));
    const badge = el("span", n.kind, "badge");
    badge.style.borderColor = colourOf(n.kind);
    panel.appendChild(badge);
    panel.appendChild(el("p", n.id, "iri"));
    if (n.qid) {
      const p = el("p", "Wikidata: ");
      const a = el("a", n.qid);
      a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(n.qid);
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      p.appendChild(a);
      panel.appendChild(p);
    }
    if (n.altLabels.length) {
      const ul = section("Also called");
      n.altLabels.forEach((l) => ul.appendChild(el("li", l.value + (l.lang ? " (" + l.lang + ")" : ""))));
    }
    const offices = n.links.filter((e) => e.relation === "holdsPositionIn" && e.s === n);
    if (offices.length) {
      const ul = section("Offices");
      offices.forEach((e) => {
        const li = el("li", (titlesOf(e) || "office") + " — ");
        li.appendChild(nodeLink(e.t));
        ul.appendChild(li);
      });
    }
    const holders = n.links.filter((e) => e.relation === "holdsPositionIn" && e.t === n);
    if (holders.length) {
      const ul = section("Office holders");
      holders.forEach((e) => {
        const li = el("li");
        li.appendChild(nodeLink(e.s));
        li.appendChild(el("span", " — " + (titlesOf(e) || "office")));
        ul.appendChild(li);
      });
    }
    if (n.links.length) {
      const ul = section("Relations (" + n.links.length + ")");
      n.links.forEach((e) => {
        const other = e.s === n ? e.t : e.s;
        const dir = e.symmetric ? " ↔ " : e.s === n ? " → " : " ← ";
        const li = el("li");
        li.appendChild(goto(e.relation, () => selectEdge(e)));
        li.appendChild(el("span", dir));
        li.appendChild(nodeLink(other));
        li.appendChild(el("span", " · " + plural(e.weight, "article")));
        ul.appendChild(li);
      });
    }
    if (n.mentionedIn.length) {
      panel.appendChild(el("h3", "Mentioned in " + plural(n.mentionedIn.length, "article")));
      n.mentionedIn.forEach((iri) => panel.appendChild(articleLine(iri)));
    }
  }

  function showEdge(e) {
    panel.replaceChildren();
    const h = el("h2");
    h.appendChild(nodeLink(e.s));
    h.appendChild(el("span", e.symmetric ? " ↔ " : " → "));
    h.appendChild(nodeLink(e.t));
    panel.appendChild(h);
    panel.appendChild(el("p", e.relation + " · stated by " + plural(e.weight, "article")));
    if (e.titles.length) {
      const ul = section("Title");
      e.titles.forEach((t) => ul.appendChild(el("li", t.value + (t.lang ? " (" + t.lang + ")" : ""))));
    }
    panel.appendChild(el("h3", "Evidence (" + e.evidence.length + ")"));
    if (!e.evidence.length) panel.appendChild(el("p", "No evidence sentence recorded.", "hint"));
    e.evidence.forEach((v) => {
      panel.appendChild(el("blockquote", v.sentence));
      const src = articleLine(v.article);
      const extra = [];
      if (v.rule) extra.push("rule " + v.rule);
      if (v.confidence !== null && v.confidence !== undefined) extra.push("confidence " + v.confidence);
      if (v.date) extra.push("dated " + v.date);
      if (extra.length) src.appendChild(el("span", " · " + extra.join(" · ")));
      panel.appendChild(src);
    });
  }

  // ---- selection, search and filters --------------------------------------------------------
  const all = () => data.nodes.map((n) => n.el).concat(data.edges.map((e) => e.el)).filter(Boolean);
  const clearMarks = () => all().forEach((x) => x.classList.remove("dim", "selected", "match"));
  function selectNode(n) {
    clearMarks();
    const near = new Set([n]);
    n.links.forEach((e) => { near.add(e.s); near.add(e.t); });
    data.nodes.forEach((m) => { if (!near.has(m) && m.el) m.el.classList.add("dim"); });
    data.edges.forEach((e) => { if (e.s !== n && e.t !== n && e.el) e.el.classList.add("dim"); });
    if (n.el) n.el.classList.add("selected");
    showNode(n);
  }
  function selectEdge(e) {
    clearMarks();
    data.nodes.forEach((m) => { if (m !== e.s && m !== e.t && m.el) m.el.classList.add("dim"); });
    data.edges.forEach((f) => { if (f !== e && f.el) f.el.classList.add("dim"); });
    if (e.el) e.el.classList.add("selected");
    showEdge(e);
  }
  data.nodes.forEach((n) => n.el && n.el.addEventListener("click", (ev) => {
    ev.stopPropagation();
    if (!(drag && drag.moved)) selectNode(n);
  }));
  data.edges.forEach((e) => e.el && e.el.addEventListener("click", (ev) => {
    ev.stopPropagation();
    if (!(drag && drag.moved)) selectEdge(e);
  }));
  svg.addEventListener("click", () => { if (!(drag && drag.moved)) clearMarks(); });

  // Case- and accent-insensitive, as `newsgraph export --entity` matches names.
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  let found = [];
  search.addEventListener("input", () => {
    clearMarks();
    const q = fold(search.value);
    found = q ? data.nodes.filter((n) => !n.hidden && [n.label].concat(n.altLabels.map((l) => l.value)).some((s) => fold(s).includes(q))) : [];
    matches.textContent = q ? found.length + (found.length === 1 ? " match" : " matches") : "";
    if (q) {
      const hit = new Set(found);
      data.nodes.forEach((n) => n.el && n.el.classList.add(hit.has(n) ? "match" : "dim"));
      data.edges.forEach((e) => e.el && e.el.classList.add("dim"));
    }
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && found.length) { selectNode(found[0]); centreOn(found[0]); }
    if (ev.key === "Escape") { search.value = ""; search.dispatchEvent(new Event("input")); }
  });

  document.querySelectorAll("#kinds input[data-kind]").forEach((box) => box.addEventListener("change", () => {
    const shown = new Set(Array.from(document.querySelectorAll("#kinds input[data-kind]")).filter((b) => b.checked).map((b) => b.dataset.kind));
    data.nodes.forEach((n) => { n.hidden = !shown.has(n.kind); if (n.el) n.el.style.display = n.hidden ? "none" : ""; });
    data.edges.forEach((e) => { if (e.el) e.el.style.display = (e.s && e.s.hidden) || (e.t && e.t.hidden) ? "none" : ""; });
  }));
})();
