/**
 * docs/benchmark-ratios.svg: three bar charts from one run. Each server's requests per second
 * as a share of bare node:http's; the reference's throughput as a multiple of each other
 * server's, with the goal marked on each bar; and each server's CPU time per request.
 */
import { NO_PIPELINING_GOAL, ratio } from "./goals.ts";
import type { BenchResults } from "./results.ts";
import type { ServerName } from "./servers/spawn.ts";

interface Bar {
  label: string;
  value: number;
  note: string;
  colour: string;
  goal?: number;
}

const WIDTH = 780;
const LABEL = 170;
const PLOT = 430;
const ROW = 26;
const GOALS: Partial<Record<ServerName, number>> = {
  "node:http": 0.85,
  "express-session": 5,
  "fastify-session": 2.5,
  twisted: 3,
};
const REFERENCE = "#2b6cb0";
const OTHER = "#a0aec0";
const HELD = "#2f855a";
const MISSED = "#c05621";

/** The SVG text of the chart, or undefined when the run has no throughput figures. */
export function ratioChart(results: BenchResults): string | undefined {
  const servers = results.throughput;
  if (!servers || servers.length === 0) return undefined;
  const bare = servers[0]!.median;
  const share: Bar[] = servers.map((s) => ({
    label: s.name,
    value: s.median / bare,
    note: `${(s.median / bare).toFixed(2)} (${Math.round(s.median).toLocaleString("en-US")} req/s)`,
    colour: s.name === "reference" ? REFERENCE : OTHER,
  }));
  const multiple: Bar[] = servers
    .filter((s) => s.name !== "reference")
    .map((s) => {
      const value = ratio(results, s.name)!;
      const goal = GOALS[s.name];
      return {
        label: s.name === "node:http" ? "÷ node:http, pipelined" : `÷ ${s.name}`,
        value,
        goal,
        note: `${value.toFixed(2)}×${goal ? ` (goal ${goal}×)` : ""}`,
        colour: goal === undefined || value >= goal ? HELD : MISSED,
      };
    });
  const one = ratio(results, "node:http", results.noPipelining?.servers);
  if (one !== undefined)
    multiple.unshift({
      label: "÷ node:http, wrk",
      value: one,
      goal: NO_PIPELINING_GOAL,
      note: `${one.toFixed(2)}× without pipelining (goal ${NO_PIPELINING_GOAL}×)`,
      colour: one >= NO_PIPELINING_GOAL ? HELD : MISSED,
    });
  const cpu: Bar[] = servers.map((s) => ({
    label: s.name,
    value: s.cpuMicrosPerRequest,
    note: `${s.cpuMicrosPerRequest.toFixed(1)} µs`,
    colour: s.name === "reference" ? REFERENCE : OTHER,
  }));
  const top = 40;
  const second = top + share.length * ROW + 50;
  const third = second + multiple.length * ROW + 50;
  const height = third + cpu.length * ROW + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    heading(
      20,
      `Requests/s with a valid session cookie, as a share of bare node:http (${results.machine.cpus} cores, same run)`,
    ),
    ...panel(share, top, 1),
    heading(second - 20, "The reference's requests/s as a multiple of each other server's; goal marked"),
    ...panel(multiple, second),
    heading(
      third - 20,
      "Server CPU time per request (user + system), lower is better; independent of the load generator",
    ),
    ...panel(cpu, third),
    `</svg>`,
    "",
  ].join("\n");
}

function heading(y: number, text: string): string {
  return `<text x="10" y="${y}" font-weight="bold">${escapeText(text)}</text>`;
}

/** Rows of bars on one scale, with a dashed line at `reference` when given. */
function panel(bars: Bar[], top: number, reference?: number): string[] {
  const max = Math.max(...bars.map((b) => Math.max(b.value, b.goal ?? 0)), reference ?? 0) * 1.1;
  const x = (value: number) => LABEL + (value / max) * PLOT;
  const out: string[] = [];
  bars.forEach((bar, i) => {
    const y = top + i * ROW;
    out.push(`<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end">${escapeText(bar.label)}</text>`);
    out.push(
      `<rect x="${LABEL}" y="${y + 4}" width="${(x(bar.value) - LABEL).toFixed(1)}" height="${ROW - 8}" fill="${bar.colour}"/>`,
    );
    out.push(
      `<text x="${(x(Math.max(bar.value, bar.goal ?? 0, reference ?? 0)) + 6).toFixed(1)}" y="${y + 17}">${escapeText(bar.note)}</text>`,
    );
    if (bar.goal !== undefined)
      out.push(
        `<line x1="${x(bar.goal).toFixed(1)}" x2="${x(bar.goal).toFixed(1)}" y1="${y + 1}" y2="${y + ROW - 1}" stroke="#1a202c" stroke-width="2"/>`,
      );
  });
  if (reference !== undefined) {
    const rx = x(reference).toFixed(1);
    out.push(
      `<line x1="${rx}" x2="${rx}" y1="${top}" y2="${top + bars.length * ROW}" stroke="#1a202c" stroke-dasharray="4 3"/>`,
    );
  }
  return out;
}

function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
