/** The figures of a run as tables, rendered as aligned text for the console or as Markdown. */
import { judgeGoals, ratio } from "./goals.ts";
import type { BenchResults } from "./results.ts";

export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const fixed = (n: number | undefined, digits: number) => (n === undefined ? "-" : n.toFixed(digits));

/** Every table the run has figures for, in the order, goals last. */
export function tables(results: BenchResults): Table[] {
  const out: Table[] = [];
  const { config } = results;
  if (results.throughput) {
    const t = config.throughput;
    out.push({
      title: `1. Throughput with a valid session cookie, pipelined (autocannon): ${t.connections} connections × ${t.pipelining} pipelined, ${t.seconds} s runs, median of ${t.rounds} interleaved round(s)`,
      headers: ["server", "req/s", "each round", "÷ node:http", "reference ÷ it", "server CPU µs/req", "version"],
      rows: results.throughput.map((s) => [
        s.name,
        int(s.median),
        s.rounds.map(int).join(" / "),
        fixed(s.median / results.throughput![0]!.median, 2),
        s.name === "reference" ? "-" : fixed(ratio(results, s.name), 2),
        fixed(s.cpuMicrosPerRequest, 1),
        s.version,
      ]),
    });
  }
  const one = results.noPipelining;
  if (one) {
    const n = config.noPipelining;
    const pinned = one.pinning
      ? `wrk pinned to CPU ${one.pinning.client}, each server to CPU ${one.pinning.server}`
      : "not pinned (a single CPU)";
    out.push({
      title: `1b. Throughput with a valid session cookie, no pipelining (wrk): ${n.connections} connections, one request at a time each, ${n.seconds} s runs, ${pinned}, median of ${n.rounds} interleaved round(s); one-minute load average ${one.loadAverage.map((l) => l.toFixed(2)).join("–")}`,
      headers: ["server", "req/s", "each round", "÷ node:http", "server CPU µs/req", "version"],
      rows: one.servers.map((s) => [
        s.name,
        int(s.median),
        s.rounds.map(int).join(" / "),
        fixed(s.median / one.servers[0]!.median, 3),
        fixed(s.cpuMicrosPerRequest, 1),
        s.version,
      ]),
    });
  }
  if (results.memoryInProcess || results.memoryOverHttp) {
    const rows: string[][] = [];
    const m = results.memoryInProcess;
    if (m)
      rows.push([
        `reference, Site.makeSession() in a dedicated process`,
        int(m.sessions),
        int(m.rssPerSession),
        int(m.heapPerSession),
      ]);
    for (const h of results.memoryOverHttp ?? [])
      rows.push([
        `${h.name}, over HTTP`,
        int(h.sessions),
        int(h.rssPerSession),
        h.heapPerSession === undefined ? "-" : int(h.heapPerSession),
      ]);
    out.push({
      title: "2. Memory per live session, after a full collection, minus the baseline",
      headers: ["server", "sessions", "bytes/session (RSS)", "bytes/session (V8 heap)"],
      rows,
    });
  }
  const expiryRows: string[][] = [];
  for (const [label, result] of [
    ["expire: all time out at once", results.expire],
    ["alive: all re-filed at their deadline, under load", results.alive],
  ] as const) {
    if (!result) continue;
    const r = result.median;
    expiryRows.push([
      label,
      int(r.sessions),
      int(r.cpuMs),
      int(r.workMs),
      fixed(r.maxDelayMs, 1),
      result.runs.map((run) => fixed(run.maxDelayMs, 1)).join(" / "),
      fixed(r.p99DelayMs, 1),
      int(r.cpuWaitMs),
      r.requestsPerSecond === undefined ? "-" : `${int(r.requestsPerSecond)} req/s, p99 ${r.latencyP99Ms} ms`,
    ]);
  }
  if (expiryRows.length > 0) {
    out.push({
      title: "3. A million sessions on a ManualClock (figures of the run with the median worst delay)",
      headers: [
        "scenario",
        "sessions",
        "CPU ms",
        "wall ms",
        "worst loop delay ms",
        "worst, each run",
        "p99 delay ms",
        "waited for a CPU ms",
        "load served",
      ],
      rows: expiryRows,
    });
  }
  if (results.suite) {
    const s = results.suite;
    out.push({
      title: "4. Whole conformance suite against the embedded reference, cold start included",
      headers: ["command", "median s", "each run s", "result"],
      rows: [
        ["node bin/session-conformance.js", fixed(s.median, 2), s.runs.map((r) => fixed(r, 2)).join(" / "), s.summary],
      ],
    });
  }
  if (results.redis) {
    const { throughput, bytesPerSession, restart } = results.redis;
    out.push({
      title: `5. Sessions in Redis: the same load (${config.throughput.connections} connections × ${config.throughput.pipelining} pipelined, split over the nodes), median of ${config.throughput.rounds} round(s); Redis ${fixed(bytesPerSession.bytes, 1)} B per session at ${int(bytesPerSession.sessions)} sessions; a Redis restart under load: ${int(restart.answered)} answered, ${int(restart.unavailable)} 503, ${restart.wrong} wrong sessions (down ${int(restart.downMs)} ms of ${restart.seconds} s)`,
      headers: ["setup", "req/s", "each round", "÷ express + connect-redis"],
      rows: throughput.map((t) => [
        t.setup,
        int(t.median),
        t.rounds.map(int).join(" / "),
        fixed(t.median / throughput[2]!.median, 2),
      ]),
    });
  }
  out.push({
    title: "Goals (ratios and figures from this run)",
    headers: ["goal", "measured", "verdict"],
    rows: judgeGoals(results).map((g) => [g.goal, g.measured, g.verdict]),
  });
  return out;
}

/** Aligned plain text, numbers right-aligned. */
export function renderText(table: Table): string {
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i]!.length)));
  const numeric = table.headers.map((_, i) => table.rows.every((r) => /^[-\d.,]+$/.test(r[i]!)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [table.title, line(table.headers), ...table.rows.map(line)].join("\n");
}

/** A Markdown pipe table under a bold title. */
export function renderMarkdown(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  const numeric = table.headers.map((_, i) => table.rows.every((r) => /^[-\d.,]+$/.test(r[i]!)));
  return [
    `| ${table.headers.map(escapeCell).join(" | ")} |`,
    `|${numeric.map((n) => (n ? "---:" : "---")).join("|")}|`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}
