import type { RunOutcome } from "../run.ts";

/** The per-requirement table printed at the end of a run, then the reason of each non-pass. */
export function verdictTable(outcome: RunOutcome): string {
  const rows = outcome.requirements.map((r) => [r.id, r.level, r.verdict, r.title]);
  const header = ["id", "level", "verdict", "requirement"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  const details = outcome.requirements
    .filter((r) => r.verdict !== "pass" && r.reason)
    .map((r) => `${r.id} ${r.verdict}: ${r.reason!.replaceAll("\n", "\n    ")}`);
  const measured = outcome.requirements
    .filter((r) => r.measurements.length > 0)
    .map((r) => `${r.id}: ${r.measurements.join("; ")}`);
  return [
    line(header),
    ...rows.map(line),
    ...(details.length ? ["", ...details] : []),
    ...(measured.length ? ["", ...measured] : []),
  ].join("\n");
}
