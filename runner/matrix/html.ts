import { adapterNotes, disagreementLines, footnoteText, introduction, notesBody } from "./markdown.ts";
import type { Matrix } from "./runMatrix.ts";
import { type Cell, matrixTable } from "./table.ts";

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 96em; padding: 0 1em; color: #222; }
.scroll { overflow: auto; max-height: 85vh; border: 1px solid #ccc; }
table { border-collapse: separate; border-spacing: 0; font-size: 14px; }
th, td { border-right: 1px solid #ddd; border-bottom: 1px solid #ddd; padding: .35em .6em; vertical-align: top; }
thead th { position: sticky; top: 0; z-index: 2; background: #f4f4f4; font-weight: normal; text-align: left; min-width: 9em; }
thead th strong { display: block; }
th[scope=row] { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; font-weight: normal; min-width: 18em; }
thead th:first-child { left: 0; z-index: 3; }
th[scope=row] a { font-weight: bold; text-decoration: none; }
tbody tr:hover th, tbody tr:hover td { filter: brightness(0.95); }
td[title] { cursor: help; }
.pass { background: #e6f4ea; } .fail { background: #fbe3e3; } .fail-should { background: #fdf0dc; }
.fail-may { background: #fcf8dc; } .not-applicable { background: #f1f1f1; color: #555; }
.unexpected { outline: 3px solid #c00; outline-offset: -3px; font-weight: bold; }
.disagreement { outline: 3px dashed #80c; outline-offset: -3px; font-weight: bold; }
.gate-failed { color: #c00; font-weight: bold; }
.legend span { display: inline-block; padding: 0 .6em; margin-right: .4em; border: 1px solid #ddd; }
sup a { text-decoration: none; }
code { background: #f4f4f4; padding: 0 .2em; }`;

/** `docs/conformance-matrix.html`: the same page as the Markdown, self-contained. */
export function matrixHtml(matrix: Matrix): string {
  const table = matrixTable(matrix);
  const head = table.headers.map(
    (h) =>
      `<th scope="col"><strong>${esc(h.target)}</strong>${esc(h.detail)}${h.transports ? `<br>${esc(h.transports)}` : ""}</th>`,
  );
  const body = table.rows.map((r) => {
    const id = r.href
      ? `<a href="${esc(r.href)}" title="the scenario">${esc(r.id)}</a>`
      : `<strong>${esc(r.id)}</strong>`;
    return `<tr id="${esc(r.id)}"><th scope="row">${id} ${esc(r.title)}</th>${r.cells.map(cellHtml).join("")}</tr>`;
  });
  const gateRow = table.headers
    .map((h) => `<td${h.gatePassed === false ? ' class="gate-failed"' : ""}>${esc(h.gate)}</td>`)
    .join("");
  const title = table.browser ? `Conformance matrix in ${table.browser}` : "Conformance matrix";
  // A browser's matrix: each column's client disagreements, in a row and a section of their own.
  const disagreementRow = table.browser
    ? `\n<tr><th scope="row"><strong>client disagreements</strong></th>${table.headers
        .map((h) => {
          const none = h.disagreements === undefined || h.disagreements === "no client disagreement";
          return `<td${none ? "" : ' class="disagreement"'}>${esc(h.disagreements ?? "not run")}</td>`;
        })
        .join("")}</tr>`
    : "";
  const disagreementSection = table.browser
    ? `<h2>Client disagreements</h2>\n${
        table.disagreements.length
          ? `<ul>\n${disagreementLines(table)
              .map((line) => `<li>${esc(line)}</li>`)
              .join("\n")}\n</ul>`
          : `<p>${esc(disagreementLines(table)[0]!)}</p>`
      }\n`
    : "";
  const footnotes = table.footnotes.map(
    (f) =>
      `<li id="note-${f.n}" value="${f.n}">${esc(footnoteText(f))}${f.upstream ? ` (<a href="${esc(f.upstream)}">upstream</a>)` : ""}</li>`,
  );
  const notes = adapterNotes(matrix).map(
    (n) =>
      `<section><h3>${esc(n.heading)}</h3>\n${n.sameAs ? `<p>The same adapter as ${esc(n.sameAs)}: see its notes above.</p>` : markdownHtml(notesBody(n.notes))}</section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>session-conformance: ${esc(title.toLowerCase())}</title>
<style>${STYLE}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${introduction(matrix, table)
  .map((p) => `<p>${inline(p)}</p>`)
  .join("\n")}
<p class="legend">${legend(table.browser !== undefined)}</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">requirement</th>${head.join("")}</tr></thead>
<tbody>
${body.join("\n")}
<tr><th scope="row"><strong>gate</strong></th>${gateRow}</tr>${disagreementRow}
</tbody>
</table>
</div>
${disagreementSection}<h2>Footnotes</h2>
<ol>
${footnotes.join("\n")}
</ol>
${notes.length ? `<h2>Adapter notes</h2>\n<p>How each adapter sets its implementation up, and what it had to fix (from <code>adapters/&lt;target&gt;/NOTES.md</code>).</p>\n${notes.join("\n")}` : ""}
</body>
</html>
`;
}

/** The colours and marks of the cells; a client disagreement only shows on a browser's matrix. */
function legend(browser: boolean): string {
  return [
    ["pass", "pass"],
    ["fail", "fail (MUST)"],
    ["fail-should", "fail (SHOULD)"],
    ["fail-may", "fail (MAY)"],
    ["not-applicable", "not applicable"],
    ["unexpected", "not what the gate expected"],
    ...(browser ? [["disagreement", "a client disagreement (≠)"]] : []),
  ]
    .map(([verdict, text]) => `<span class="${verdict}">${text}</span>`)
    .concat("Point at a cell for its footnote; a requirement's id opens its scenario.")
    .join(" ");
}

function cellHtml(cell: Cell): string {
  const classes = [cell.verdict ?? "", cell.unexpected ? "unexpected" : "", cell.disagreement ? "disagreement" : ""]
    .filter(Boolean)
    .join(" ");
  const mark = cell.footnote ? `<sup><a href="#note-${cell.footnote}">${cell.footnote}</a></sup>` : "";
  const hover = [cell.unexpected, cell.disagreement && `≠ ${cell.disagreement}`, cell.note].filter(Boolean).join(" — ");
  const title = hover ? ` title="${esc(hover)}"` : "";
  const warning = cell.unexpected ? `<br>⚠ ${esc(cell.unexpected)}` : "";
  const other = cell.disagreement ? `<br>≠ ${esc(cell.disagreement)}` : "";
  return `<td${classes ? ` class="${classes}"` : ""}${title}>${esc(cell.label)}${mark}${warning}${other}</td>`;
}

/** Enough Markdown for the adapters' NOTES.md: headings, bullet lists, paragraphs, inline code. */
export function markdownHtml(markdown: string): string {
  const out: string[] = [];
  let list = false;
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    const bullet = /^[-*] (.*)$/.exec(line);
    if (list && !bullet) out.push("</ul>");
    if (bullet && !list) out.push("<ul>");
    list = Boolean(bullet);
    if (heading)
      out.push(`<h${Math.max(heading[1]!.length, 4)}>${inline(heading[2]!)}</h${Math.max(heading[1]!.length, 4)}>`);
    else if (bullet) out.push(`<li>${inline(bullet[1]!)}</li>`);
    else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  if (list) out.push("</ul>");
  return out.join("\n");
}

/** Escape, then `code`, **bold** and [text](https://…). */
function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
