// The review page's script: renders the summary, then one input page at a
// time from the embedded JSON (so a 10,000-page run opens fast), keeps the
// reviewer's verdicts and edits in localStorage, and exports them as the
// corrections CSV that `pledges eval --corrections` reads.
//
// Routes (location.hash): #page=N (1-based), #row=ID (jump to a row),
// #flagged (flagged rows only, from the first page that has one),
// #selftest (drives the real UI once and writes what it saw into
// a <pre> with id selftest-result, for the headless-browser test).
"use strict";

const SCRIPT_START = performance.now();
const DATA = JSON.parse(document.getElementById("data").textContent);
const MEANING = Object.fromEntries(DATA.flags);
const STORE = "pledges-review:" + DATA.run + ":" + DATA.fingerprint;
const ROW_AT = new Map(); // id -> [page index, row index]
DATA.pages.forEach((p, pi) => p.rows.forEach((r, ri) => ROW_AT.set(r.id, [pi, ri])));

const state = { page: 0, flaggedOnly: false, verdicts: loadVerdicts() };
const $ = (id) => document.getElementById(id);

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// Neighbouring rows get far-apart hues, so a cut in the wrong place shows.
function tint(ri) {
  return `hsl(${(ri * 67) % 360} 75% 88%)`;
}

const isFlagged = (r) => r.flags.length > 0;
const pageFlagged = (p) => p.rows.filter(isFlagged).length;

// ------------------------------------------------------------------ verdicts

function loadVerdicts() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || "{}");
  } catch (e) {
    return {}; // storage refused (private mode, some file:// setups): verdicts live in the page only
  }
}

function saveVerdicts() {
  try {
    localStorage.setItem(STORE, JSON.stringify(state.verdicts));
  } catch (e) {
    /* see loadVerdicts */
  }
  refreshExport();
}

// An edit means the row as extracted was wrong.
function setVerdict(id, verdict) {
  const v = state.verdicts[id] || {};
  if (v.verdict === verdict && !v.target && !v.deadline) delete state.verdicts[id];
  else state.verdicts[id] = { ...v, verdict };
  saveVerdicts();
  paintCard(id);
}

function setEdit(id, field, value) {
  const [pi, ri] = ROW_AT.get(id);
  const row = DATA.pages[pi].rows[ri];
  const v = { ...(state.verdicts[id] || {}) };
  if (value === row[field]) delete v[field];
  else v[field] = value;
  if (v.target !== undefined || v.deadline !== undefined) v.verdict = "wrong";
  if (v.verdict || v.target !== undefined || v.deadline !== undefined) state.verdicts[id] = v;
  else delete state.verdicts[id];
  saveVerdicts();
  paintCard(id);
}

function csvField(s) {
  s = s === undefined ? "" : String(s);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// id,verdict,target,deadline: one line per judged row, in run order;
// target/deadline only where edited.
function exportCsv() {
  const lines = ["id,verdict,target,deadline"];
  for (const p of DATA.pages) {
    for (const r of p.rows) {
      const v = state.verdicts[r.id];
      if (!v || !v.verdict) continue;
      lines.push([r.id, v.verdict, v.target, v.deadline].map(csvField).join(","));
    }
  }
  return lines.join("\n") + "\n";
}

let exportUrl = null;
function refreshExport() {
  const csv = exportCsv();
  if (exportUrl) URL.revokeObjectURL(exportUrl);
  exportUrl = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  $("export").href = exportUrl;
  $("export").download = "corrections-" + DATA.run + ".csv";
  const n = Object.values(state.verdicts).filter((v) => v.verdict).length;
  $("verdict-count").textContent = n + " row(s) judged";
}

// ------------------------------------------------------------------ summary

function renderSummary() {
  const rows = DATA.pages.reduce((n, p) => n + p.rows.length, 0);
  const flagged = DATA.pages.reduce((n, p) => n + pageFlagged(p), 0);
  const leftovers = DATA.pages.reduce((n, p) => n + p.leftovers.length, 0);
  const byFlag = new Map(DATA.flags.map(([f]) => [f, []]));
  for (const p of DATA.pages) for (const r of p.rows) for (const f of r.flags) byFlag.get(f).push(r.id);
  const link = (id) => `<a href="#row=${encodeURIComponent(id)}" data-row="${esc(id)}">${esc(id)}</a>`;
  let html = `<h1>${esc(document.title)}</h1><p class="stats">
    <span><b>${DATA.pages_read}</b> pages read</span>
    <span><b>${DATA.pages_with_tables}</b> with tables</span>
    <span><b>${DATA.pages_unreadable}</b> unreadable</span>
    <span><b>${rows}</b> rows</span>
    <span><b id="flagged-total">${flagged}</b> flagged</span>
    <span><b>${leftovers}</b> leftover lines</span></p>`;
  const used = [...byFlag].filter(([, ids]) => ids.length);
  if (used.length) {
    html += `<table><tr><th>flag</th><th>rows</th><th>meaning</th><th>rows carrying it</th></tr>`;
    for (const [flag, ids] of used) {
      html += `<tr><td class="flagname">${esc(flag)}</td><td class="n">${ids.length}</td><td>${esc(MEANING[flag])}</td>
        <td><details><summary>${ids.length} link(s)</summary><div class="links">${ids.map(link).join(" ")}</div></details></td></tr>`;
    }
    html += `</table>`;
  }
  const withLeftovers = DATA.pages.map((p, pi) => [p, pi]).filter(([p]) => p.leftovers.length);
  if (withLeftovers.length) {
    html += `<p>Pages with leftover lines: <span class="links">${withLeftovers
      .map(([p, pi]) => `<a href="#page=${pi + 1}" data-page="${pi}">${esc(p.source)} (${p.leftovers.length})</a>`)
      .join(" ")}</span></p>`;
  }
  $("summary").innerHTML = html;
  $("summary").addEventListener("click", (e) => {
    const a = e.target.closest("a[data-row], a[data-page]");
    if (!a) return;
    e.preventDefault(); // navigate now, not on a later hashchange
    if (a.dataset.row !== undefined) goToRow(a.dataset.row);
    else showPage(Number(a.dataset.page));
    history.replaceState(null, "", a.getAttribute("href"));
  });
}

// ------------------------------------------------------------------ page select

function visiblePages() {
  return DATA.pages.map((p, pi) => pi).filter((pi) => !state.flaggedOnly || pageFlagged(DATA.pages[pi]) > 0);
}

function renderSelect() {
  const sel = $("page-select");
  sel.innerHTML = visiblePages()
    .map((pi) => {
      const p = DATA.pages[pi];
      const label = `${pi + 1}/${DATA.pages.length} · ${p.issue_date} p${p.page} · ${p.source} · ${p.rows.length} rows, ${pageFlagged(p)} flagged, ${p.leftovers.length} leftovers`;
      return `<option value="${pi}">${esc(label)}</option>`;
    })
    .join("");
  sel.value = String(state.page);
}

function step(delta) {
  const pages = visiblePages();
  const at = pages.indexOf(state.page);
  const next = at < 0 ? pages.find((pi) => pi > state.page) ?? pages[pages.length - 1] : pages[at + delta];
  if (next !== undefined) showPage(next);
}

// ------------------------------------------------------------------ one page

function showPage(pi) {
  if (pi < 0 || pi >= DATA.pages.length) return;
  state.page = pi;
  $("page-select").value = String(pi);
  const p = DATA.pages[pi];
  let html = `<section class="page"><h2>${esc(p.source)} — ${esc(p.issue_date || "date unknown")} p${esc(p.page || "?")} — ${
    p.rows.length
  } rows, ${pageFlagged(p)} flagged, ${p.leftovers.length} leftover lines</h2>`;
  if (!p.lines) html += `<p class="note">Input lines not shown: ${esc(p.note)}</p>`;
  html += boxesMap(p);
  html += `<div class="sheet${state.flaggedOnly ? " flagged-only" : ""}" id="sheet">${p.lines ? sheetWithLines(p) : sheetWithoutLines(p)}</div></section>`;
  $("page").innerHTML = html;
  for (const r of p.rows) paintCard(r.id);
}

function card(r, ri) {
  const flags = r.flags.length
    ? `<ul class="flags">${r.flags.map((f) => `<li><span class="flagname">${esc(f)}</span>: ${esc(MEANING[f] || f)}</li>`).join("")}</ul>`
    : "";
  const boxes = r.boxes.length
    ? `<div class="boxes">position ${r.boxes.map((b) => `p${b[0]}: ${b.slice(1).join(", ")}`).join("; ")}</div>`
    : "";
  return `<div class="card${isFlagged(r) ? " flagged" : ""}" data-id="${esc(r.id)}" style="--tint:${tint(ri)}">
    <div class="head"><span class="id" title="${esc(r.id)}">${esc(shortId(r.id))}</span> · ${esc(r.department || "?")} · ${esc(r.category || "?")} · ${esc(r.seq)} · lines ${esc(r.source_lines || "–")}
      <span class="verdict"><button class="right" aria-pressed="false" title="the row is right as extracted">✓ right</button><button class="wrong" aria-pressed="false" title="the row is wrong">✗ wrong</button><span class="edited-mark"></span></span></div>
    <div class="target">${esc(r.target)}</div>
    <div class="deadline">${esc(r.deadline)}${r.deadline_date ? " → " + esc(r.deadline_date) : ""}
      <details class="edit"><summary>✎ edit</summary>
        <label>target <textarea class="e-target" rows="2">${esc(r.target)}</textarea></label>
        <label>deadline <input class="e-deadline" value="${esc(r.deadline)}"></label>
      </details></div>
    ${flags}${boxes}</div>`;
}

// `#12` for `<this page's source>#12`: the page header names the source.
function shortId(id) {
  const source = DATA.pages[ROW_AT.get(id)[0]].source;
  return id.startsWith(source + "#") ? id.slice(source.length) : id;
}

function cardOf(id) {
  return [...document.querySelectorAll("#page .card")].find((c) => c.dataset.id === id) || null;
}

// Shows a row's verdict and edits on its card.
function paintCard(id) {
  const c = cardOf(id);
  if (!c) return;
  const v = state.verdicts[id] || {};
  c.querySelector("button.right").setAttribute("aria-pressed", String(v.verdict === "right"));
  c.querySelector("button.wrong").setAttribute("aria-pressed", String(v.verdict === "wrong"));
  c.classList.toggle("v-right", v.verdict === "right");
  c.classList.toggle("v-wrong", v.verdict === "wrong");
  const edited = ["target", "deadline"].filter((f) => v[f] !== undefined);
  c.querySelector(".edited-mark").textContent = edited.length ? "edited: " + edited.join(", ") : "";
  if (v.target !== undefined) c.querySelector(".e-target").value = v.target;
  if (v.deadline !== undefined) c.querySelector(".e-deadline").value = v.deadline;
}

function lineHtml(no, text) {
  return `<div class="ln"><span class="no">${no}</span><span class="tx">${esc(text)}</span></div>`;
}

// Long runs of lines that belong to no row fold, keeping their ends in view.
function linesHtml(p, from, to) {
  const all = [];
  for (let no = from; no <= to; no++) all.push(lineHtml(no, p.lines[no - 1]));
  const keep = 3; // lines kept in view at each end of a folded run
  if (all.length <= 3 * keep) return all.join("");
  const hidden = all.slice(keep, -keep);
  return (
    all.slice(0, keep).join("") +
    `<details class="more"><summary>… ${hidden.length} more lines</summary>${hidden.join("")}</details>` +
    all.slice(-keep).join("")
  );
}

// The input's lines in order; each run of a row's lines sits beside the
// row's card, leftovers beside their reason, other lines beside nothing.
function sheetWithLines(p) {
  const n = p.lines.length;
  const owner = new Array(n + 2).fill(-1);
  // With the filter on, the lines of rows not shown fold like other lines.
  const listed = (r) => !state.flaggedOnly || isFlagged(r);
  p.rows.forEach((r, ri) => {
    if (listed(r)) for (const [a, b] of r.spans) for (let no = a; no <= Math.min(b, n); no++) owner[no] = ri;
  });
  const leftover = new Map(p.leftovers.map(([no, text, reason]) => [no, reason]));
  const shown = new Set();
  let html = "";
  let no = 1;
  while (no <= n) {
    const ri = owner[no];
    let end = no;
    if (ri >= 0) {
      while (end + 1 <= n && owner[end + 1] === ri) end++;
      const r = p.rows[ri];
      const side = shown.has(ri) ? `<div class="cont">↑ ${esc(r.id)}, carried on</div>` : card(r, ri);
      shown.add(ri);
      html += `<div class="block row${isFlagged(r) ? " flagged" : ""}" style="--tint:${tint(ri)}"><div class="src">${linesHtml(p, no, end)}</div><div class="side">${side}</div></div>`;
    } else if (leftover.has(no)) {
      html += `<div class="block leftover"><div class="src">${lineHtml(no, p.lines[no - 1])}</div><div class="side">leftover: ${esc(leftover.get(no))}</div></div>`;
    } else {
      while (end + 1 <= n && owner[end + 1] < 0 && !leftover.has(end + 1)) end++;
      html += `<div class="block other"><div class="src">${linesHtml(p, no, end)}</div><div class="side"></div></div>`;
    }
    no = end + 1;
  }
  // Rows whose lines lie outside the input as read now (no target lines, or a changed file).
  p.rows.forEach((r, ri) => {
    if (listed(r) && !shown.has(ri)) html += `<div class="block row" style="--tint:${tint(ri)}"><div class="src"></div><div class="side">${card(r, ri)}</div></div>`;
  });
  return html;
}

function sheetWithoutLines(p) {
  let html = p.rows.map((r, ri) => !state.flaggedOnly || isFlagged(r) ?  `<div class="block row" style="--tint:${tint(ri)}"><div class="src"></div><div class="side">${card(r, ri)}</div></div>` : "").join("");
  for (const [no, text, reason] of p.leftovers) {
    html += `<div class="block leftover"><div class="src">${lineHtml(no, text)}</div><div class="side">leftover: ${esc(reason)}</div></div>`;
  }
  return html;
}

// Positioned input: each row's box drawn on its page, tinted like its card.
function boxesMap(p) {
  const boxes = p.rows.flatMap((r, ri) => r.boxes.map((b) => [r, ri, b]));
  if (!boxes.length) return "";
  const first = boxes[0][2][0];
  const on = boxes.filter(([, , b]) => b[0] === first);
  const x0 = Math.min(...on.map(([, , b]) => b[1])), y0 = Math.min(...on.map(([, , b]) => b[2]));
  const x1 = Math.max(...on.map(([, , b]) => b[3])), y1 = Math.max(...on.map(([, , b]) => b[4]));
  const pad = 4;
  const rects = on
    .map(([r, ri, b]) => `<rect class="${isFlagged(r) ? "flagged" : ""}" data-id="${esc(r.id)}" style="--tint:${tint(ri)}" x="${b[1]}" y="${b[2]}" width="${b[3] - b[1]}" height="${b[4] - b[2]}"><title>${esc(r.id + " " + r.target)}</title></rect>`)
    .join("");
  return `<svg class="boxes-map" viewBox="${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}">${rects}</svg>`;
}

function goToRow(id) {
  const at = ROW_AT.get(id);
  if (!at) return null;
  if (state.page !== at[0] || !cardOf(id)) showPage(at[0]);
  const c = cardOf(id);
  document.querySelectorAll("#page .card.focus").forEach((e) => e.classList.remove("focus"));
  c.classList.add("focus");
  c.scrollIntoView({ block: "center" });
  return c;
}

function setFlaggedOnly(on) {
  state.flaggedOnly = on;
  $("flagged-only").checked = on;
  renderSelect();
  if (on && pageFlagged(DATA.pages[state.page]) === 0) step(1);
  else showPage(state.page);
  $("page-select").value = String(state.page);
}

function visibleCards() {
  return [...document.querySelectorAll("#page .card")].filter((c) => getComputedStyle(c).display !== "none");
}

// ------------------------------------------------------------------ wiring

function wire() {
  $("prev").addEventListener("click", () => step(-1));
  $("next").addEventListener("click", () => step(1));
  $("page-select").addEventListener("change", (e) => showPage(Number(e.target.value)));
  $("flagged-only").addEventListener("change", (e) => setFlaggedOnly(e.target.checked));
  $("clear").addEventListener("click", () => {
    if (!confirm("Forget every verdict and edit of this run?")) return;
    state.verdicts = {};
    saveVerdicts();
    showPage(state.page);
  });
  $("page").addEventListener("click", (e) => {
    const b = e.target.closest(".card button.right, .card button.wrong");
    if (b) setVerdict(b.closest(".card").dataset.id, b.classList.contains("right") ? "right" : "wrong");
    const rect = e.target.closest("svg rect[data-id]");
    if (rect) goToRow(rect.dataset.id);
  });
  $("page").addEventListener("change", (e) => {
    const field = e.target.classList.contains("e-target") ? "target" : e.target.classList.contains("e-deadline") ? "deadline" : null;
    if (field) setEdit(e.target.closest(".card").dataset.id, field, e.target.value);
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, select")) return;
    if (e.key === "ArrowLeft") step(-1);
    if (e.key === "ArrowRight") step(1);
  });
  window.addEventListener("hashchange", route);
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith("row=")) goToRow(hash.slice(4));
  else if (hash.startsWith("page=")) showPage(Number(hash.slice(5)) - 1);
  else if (hash === "flagged") setFlaggedOnly(true);
}

// ------------------------------------------------------------------ self-test

// Drives the real controls the way a reviewer would and records what the
// page then shows; the browser test reads the record from the DOM.
function selfTest() {
  const out = {};
  state.verdicts = {};
  saveVerdicts();
  const flagged = DATA.pages.flatMap((p) => p.rows).find(isFlagged);
  out.flagged_id = flagged ? flagged.id : null;
  if (flagged) {
    document.querySelector(`#summary a[data-row="${CSS.escape(flagged.id)}"]`).click();
    const c = cardOf(flagged.id);
    out.page = state.page + 1;
    out.flagged_found = !!c && c.classList.contains("flagged") && c.classList.contains("focus");
    out.flagged_meaning = c ? c.querySelector(".flags li").textContent : null;
    out.rows_on_page = DATA.pages[state.page].rows.length;
    out.rows_shown = visibleCards().length;
    c.querySelector("button.wrong").click();
    const others = DATA.pages[state.page].rows.filter((r) => r.id !== flagged.id);
    if (others.length) {
      const e = cardOf(others[0].id);
      e.querySelector("details.edit").open = true;
      const box = e.querySelector(".e-target");
      box.value = others[0].target + "（已核）";
      box.dispatchEvent(new Event("change", { bubbles: true }));
      out.edited_id = others[0].id;
      out.edited_marked_wrong = e.querySelector("button.wrong").getAttribute("aria-pressed") === "true";
    }
    if (others.length > 1) {
      cardOf(others[1].id).querySelector("button.right").click();
      out.right_id = others[1].id;
    }
    $("flagged-only").click();
    out.rows_shown_flagged_only = visibleCards().length;
    out.flagged_on_page = pageFlagged(DATA.pages[state.page]);
    out.pages_listed_flagged_only = $("page-select").options.length;
  }
  out.pages_total = DATA.pages.length;
  out.export_csv = exportCsv();
  out.export_is_blob = $("export").href.startsWith("blob:");
  out.stored = loadVerdicts();
  const pre = document.createElement("pre");
  pre.id = "selftest-result";
  pre.textContent = JSON.stringify(out, null, 1);
  document.body.appendChild(pre);
  window.scrollTo(0, 0); // headless screenshots of a scrolled page come out blank
}

// ------------------------------------------------------------------ start

function start() {
  renderSummary();
  renderSelect();
  wire();
  refreshExport();
  showPage(0);
  route();
  if (location.hash === "#selftest") selfTest();
  // Load figures for the README: since navigation start, and in this script.
  document.documentElement.dataset.renderMs = String(Math.round(performance.now()));
  document.documentElement.dataset.scriptMs = String(Math.round(performance.now() - SCRIPT_START));
}

start();
