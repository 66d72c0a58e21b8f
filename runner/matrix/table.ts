/**
 * The matrix as rows and cells, shared by the Markdown and HTML pages: one row per requirement,
 * one column per target, footnotes for declared divergences and for reasons a cell does not apply.
 */
import { compareIds, type Level, type Verdict } from "../requirements.ts";
import type { Matrix, MatrixColumn } from "./runMatrix.ts";

export interface Footnote {
  n: number;
  /** The cells it explains, e.g. `koa-session BASIC-7`; none for a reason a requirement does not apply. */
  subjects: string[];
  text: string;
  upstream?: string;
}

export interface Cell {
  /** Undefined when the column has no run. */
  verdict?: Verdict;
  /** E.g. `fail (MUST)`, `not applicable (MUST)`, `—`. */
  label: string;
  footnote?: number;
  /** The footnote's text, or the run's reason for an unexpected verdict: the cell's hover text. */
  note?: string;
  /** Set when the gate did not expect this verdict: what was expected instead. */
  unexpected?: string;
  /** Set when the default client judged this requirement otherwise, e.g. `default client: pass (SHOULD)`. */
  disagreement?: string;
}

export interface Row {
  id: string;
  title: string;
  level: Level;
  /** The requirement's scenario, as a link relative to the page (`../features/basic.feature#L11`). */
  href?: string;
  cells: Cell[];
}

export interface Header {
  target: string;
  /** The implementation and version, or why it did not run. */
  detail: string;
  transports?: string;
  gate: string;
  gatePassed?: boolean;
  /** A browser's matrix only: `no client disagreement`, or each requirement the default client judged otherwise. */
  disagreements?: string;
}

/** One requirement a column's browser judged otherwise than the default client did on the same target. */
export interface Disagreement {
  target: string;
  id: string;
  /** Each client's verdict, the browser's first: `chromium`, `error (SHOULD)`, the first line of its reason. */
  verdicts: Array<{ client: string; label: string; reason?: string }>;
}

export interface MatrixTable {
  headers: Header[];
  rows: Row[];
  footnotes: Footnote[];
  /** The browser every column ran in (`chromium`), when it was not the default client. */
  browser?: string;
  /** Every client disagreement, column by column; empty when there is none (or no browser ran). */
  disagreements: Disagreement[];
}

const WORD: Record<Verdict, string> = {
  pass: "pass",
  fail: "fail",
  "fail-should": "fail",
  "fail-may": "fail",
  "not-applicable": "not applicable",
  error: "error",
};

/** Lay the matrix out as a table; footnotes are numbered in reading order, row by row. */
export function matrixTable(matrix: Matrix): MatrixTable {
  const footnotes: Footnote[] = [];
  // Cells with the same reason (two modes of one library, one missing capability) share a footnote.
  const noteFor: NoteFor = (text, upstream, subject) => {
    let note = footnotes.find((f) => f.text === text && f.upstream === upstream);
    if (!note) footnotes.push((note = { n: footnotes.length + 1, subjects: [], text, upstream }));
    if (subject) note.subjects.push(subject);
    return note.n;
  };
  const browser = browserOf(matrix);
  const disagreements = browser ? matrix.columns.flatMap(disagreementsOf) : [];
  const rows = requirementsOf(matrix).map(({ id, title, level }) => ({
    id,
    title,
    level,
    href: matrix.scenarioLinks?.get(id),
    cells: matrix.columns.map((column) => {
      const cell = cellOf(column, id, noteFor);
      const other = disagreements.find((d) => d.target === column.target && d.id === id)?.verdicts[1];
      return other ? { ...cell, disagreement: `${clientName(other.client)}: ${other.label}` } : cell;
    }),
  }));
  const headers = matrix.columns.map((column) => {
    const header = headerOf(column);
    if (!browser || !column.outcome) return header;
    const own = disagreements.filter((d) => d.target === column.target);
    const text = own.map((d) => `${d.id}: ${d.verdicts.map((v) => `${clientName(v.client)} ${v.label}`).join(", ")}`);
    return { ...header, disagreements: text.length ? text.join("; ") : "no client disagreement" };
  });
  return { headers, rows, footnotes, browser, disagreements };
}

/** The client the columns browsed with, when it was not the default one. */
function browserOf(matrix: Matrix): string | undefined {
  const client = matrix.run?.client ?? matrix.columns.find((c) => c.outcome)?.outcome?.client;
  return client && client !== "default" ? client : undefined;
}

/** `default` reads as `default client` in a sentence. */
export function clientName(client: string): string {
  return client === "default" ? "default client" : client;
}

function disagreementsOf(column: MatrixColumn): Disagreement[] {
  const levels = new Map(column.outcome?.requirements.map((r) => [r.id, r.level]));
  return (column.outcome?.clientDisagreements ?? []).map((d) => ({
    target: column.target,
    id: d.id,
    // The browser's verdict first, then the default client's.
    verdicts: Object.entries(d.verdicts)
      .sort(([a], [b]) => Number(a === "default") - Number(b === "default"))
      .map(([client, v]) => ({
        client,
        label: `${WORD[v.verdict]} (${levels.get(d.id) ?? "?"})`,
        reason: v.reason?.split("\n")[0],
      })),
  }));
}

function requirementsOf(matrix: Matrix): Array<{ id: string; title: string; level: Level }> {
  const byId = new Map<string, { id: string; title: string; level: Level }>();
  for (const column of matrix.columns)
    for (const r of column.outcome?.requirements ?? []) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

type NoteFor = (text: string, upstream?: string, subject?: string) => number;

function cellOf(column: MatrixColumn, id: string, noteFor: NoteFor): Cell {
  const result = column.outcome?.requirements.find((r) => r.id === id);
  if (!result) return { label: "—" };
  const label = `${WORD[result.verdict]} (${result.level})`;
  const declared = column.gate?.divergences.find((d) => d.id === id);
  const surprise = column.gate?.unexpected.find((u) => u.id === id);
  const unexpected = surprise ? `unexpected: expected ${surprise.expected}` : undefined;
  const why = surprise?.detail ? `${column.target} ${id}: ${surprise.detail}` : undefined;
  if (declared) {
    const n = noteFor(declared.reason, declared.upstream, `${column.target} ${id}`);
    return {
      verdict: result.verdict,
      label,
      footnote: n,
      note: why ?? `${column.target} ${id}: ${declared.reason}`,
      unexpected,
    };
  }
  if (result.verdict === "not-applicable") {
    const text = `not applicable: ${result.reason ?? "no reason given"}`;
    return {
      verdict: result.verdict,
      label,
      footnote: noteFor(text),
      note: text,
    };
  }
  return { verdict: result.verdict, label, note: why, unexpected };
}

function headerOf(column: MatrixColumn): Header {
  if (!column.outcome || !column.gate)
    return {
      target: column.target,
      detail: column.unavailable ?? "did not run",
      gate: "not run",
    };
  const n = column.gate.divergences.length;
  return {
    target: column.target,
    detail: column.version ?? "version unknown",
    transports: column.outcome.transports.map((t) => t.toUpperCase()).join(" + "),
    gate: column.gate.passed
      ? `passed (${n} declared)`
      : `FAILED: ${column.gate.unexpected.map((u) => u.id).join(", ")}`,
    gatePassed: column.gate.passed,
  };
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 12 → ¹², for footnote marks that read in plain text too. */
export function superscript(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join("");
}
