// kg's query page: the library's queries as tabs, their parameters as fields, answers as a table.
// Everything comes from this server; the page builds its DOM with textContent only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const ENTITY_BASE = "https://w3id.org/kg-news/id/";
  const MAX_ROWS = 1000;
  const FREE = { name: "sparql", description: "任意 SPARQL 查询（库中的前缀已声明）。Any SPARQL query; the project's prefixes are declared.",
                 params: [], text: "SELECT ?person ?name WHERE {\n  ?person a kg:Person ; rdfs:label ?name .\n}\nORDER BY ?name\nLIMIT 20\n" };
  let library = { prefixes: {}, queries: [] };
  let current = null;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function status(text, isError) {
    $("kg-status").textContent = text;
    $("kg-status").className = isError ? "error" : "";
  }

  function shorten(iri) {
    for (const [p, ns] of Object.entries(library.prefixes)) {
      if (ns !== ENTITY_BASE && iri.startsWith(ns)) return p + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function entityName(iri) {  // kgr:Person/林晓东 → 林晓东
    const local = iri.slice(ENTITY_BASE.length);
    try { return decodeURIComponent(local.slice(local.indexOf("/") + 1)); } catch (e) { return local; }
  }

  function select(query, values) {
    current = query;
    for (const b of $("kg-tabs").children) b.setAttribute("aria-selected", b.dataset.name === query.name ? "true" : "false");
    $("kg-name").textContent = query.name;
    $("kg-description").textContent = query.description;
    const params = $("kg-params");
    params.replaceChildren();
    for (const p of query.params) {
      const label = el("label", {}, p.name + (p.required ? " *" : ""));
      const input = el("input", { name: p.name, "data-param": p.name, type: "text" });
      if (p.required) input.required = true;
      if (values && values[p.name]) input.value = values[p.name];
      label.appendChild(input);
      label.appendChild(el("span", { class: "help" }, p.help));
      params.appendChild(label);
    }
    $("kg-sparql").value = query.text;
    $("kg-sparql").readOnly = query.name !== "sparql";
    $("kg-results").replaceChildren();
    $("kg-notes").replaceChildren();
    status("");
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      if (term.value.startsWith(ENTITY_BASE)) {
        const a = el("a", { href: "#entity=" + encodeURIComponent(term.value), class: "kg-entity", title: term.value }, entityName(term.value));
        td.appendChild(a);
        td.appendChild(el("a", { href: "/view#" + encodeURIComponent(entityName(term.value)), class: "kg-in-view", target: "_blank", rel: "noopener" }, "图"));
      } else {
        td.textContent = shorten(term.value);
        td.title = term.value;
      }
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function show(doc) {
    const out = $("kg-results");
    out.replaceChildren();
    if ("boolean" in doc) { status(doc.boolean ? "yes (true)" : "no (false)"); return; }
    const vars = doc.head.vars, rows = doc.results.bindings;
    const table = el("table", { id: "kg-table" });
    const head = el("tr");
    for (const v of vars) head.appendChild(el("th", {}, v));
    table.appendChild(el("thead")).appendChild(head);
    const body = table.appendChild(el("tbody"));
    for (const row of rows.slice(0, MAX_ROWS)) {
      const tr = el("tr");
      for (const v of vars) tr.appendChild(cell(row[v]));
      body.appendChild(tr);
    }
    out.appendChild(table);
    status(rows.length > MAX_ROWS ? `${rows.length} 行，显示前 ${MAX_ROWS} 行` : `${rows.length} 行 (rows)`);
  }

  async function answer(response) {
    const text = await response.text();
    if (!response.ok) { status(text.trim() || `HTTP ${response.status}`, true); return null; }
    return JSON.parse(text);
  }

  async function run(extra) {
    status("运行中…");
    $("kg-results").replaceChildren();
    $("kg-notes").replaceChildren();
    try {
      if (current.name === "sparql") {
        const r = await fetch("/query", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
                                          body: new URLSearchParams({ query: $("kg-sparql").value }) });
        const doc = await answer(r);
        if (doc) show(doc);
        return;
      }
      const args = new URLSearchParams(extra || {});
      for (const input of $("kg-params").querySelectorAll("input")) if (input.value) args.set(input.dataset.param, input.value);
      const r = await fetch("/library/" + encodeURIComponent(current.name) + "?" + args, { headers: { Accept: "application/json" } });
      const doc = await answer(r);
      if (!doc) return;
      $("kg-sparql").value = doc.sparql;
      for (const note of doc.notes) $("kg-notes").appendChild(el("li", {}, note));
      show(doc.results);
    } catch (e) {
      status("查询失败: " + e, true);
    }
  }

  function route() {
    const hash = location.hash.slice(1);
    const args = new URLSearchParams(hash);
    if (args.has("entity")) {
      const entity = library.queries.find((q) => q.name === "entity");
      if (!entity) return;
      select(entity);
      run({ "iri.entity": args.get("entity") });
      return;
    }
    if (args.has("q")) {
      const q = library.queries.find((x) => x.name === args.get("q")) || (args.get("q") === "sparql" ? FREE : null);
      if (q) {
        const values = Object.fromEntries(args);
        select(q, values);
        if (q.params.some((p) => values[p.name])) run();
      }
    }
  }

  async function start() {
    $("kg-endpoint").textContent = location.origin + "/query";
    library = await (await fetch("/library.json")).json();
    $("kg-prefixes").textContent = Object.keys(library.prefixes).map((p) => p + ":").join(" ");
    for (const q of [...library.queries, FREE]) {
      const b = el("button", { type: "button", role: "tab", "data-name": q.name, title: q.description }, q.name);
      b.addEventListener("click", () => { history.replaceState(null, "", "#q=" + encodeURIComponent(q.name)); select(q); });
      $("kg-tabs").appendChild(b);
    }
    $("kg-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
    window.addEventListener("hashchange", route);
    select(library.queries.find((q) => q.name === "attendance") || library.queries[0]);
    route();
    window.__kgReady = true;
  }

  start().catch((e) => status("无法读取查询库: " + e, true));
})();
