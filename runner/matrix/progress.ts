/**
 * What the matrix shows while it runs: on a terminal, one line rewritten in place (each
 * running column with its scenarios done, then the finished ones); elsewhere, plain lines.
 */
import type { MatrixEvent } from "./runMatrix.ts";

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A watcher for runMatrix's events that writes to `out`; call `end()` when the matrix is done. */
export function matrixProgress(
  out: Stream,
  targets: string[],
  now: () => number = Date.now,
): { onEvent: (event: MatrixEvent) => void; end: () => void } {
  const started = now();
  const state = new Map<string, string>(targets.map((t) => [t, "waiting"]));
  const elapsed = () => `${Math.round((now() - started) / 1000)} s`;
  let lastDraw = 0;
  const draw = (force: boolean) => {
    if (!force && now() - lastDraw < 200) return;
    lastDraw = now();
    const running = [...state].filter(([, s]) => s !== "waiting" && !s.startsWith("done")).map(([t, s]) => `${t} ${s}`);
    const done = [...state].filter(([, s]) => s.startsWith("done")).length;
    const line = `matrix ${elapsed()}: ${done}/${targets.length} done${running.length ? ` | ${running.join(" | ")}` : ""}`;
    out.write(`\r\x1b[2K${line.slice(0, (out.columns ?? 120) - 1)}`);
  };
  const onEvent = (event: MatrixEvent) => {
    if (event.type === "start") state.set(event.target, "starting");
    else if (event.type === "progress") state.set(event.target, `${event.transport} ${event.done}/${event.total}`);
    else state.set(event.target, "done");
    if (out.isTTY) {
      // A finished column's line stays above the one that is rewritten.
      if (event.type === "done") out.write(`\r\x1b[2K${event.line}\n`);
      draw(event.type !== "progress");
    } else if (event.type === "start") out.write(`${event.target}: started (${elapsed()})\n`);
    else if (event.type === "done") out.write(`${event.line} (finished at ${elapsed()})\n`);
    else if (event.done === event.total && event.done > 0)
      out.write(`${event.target}: ${event.transport} ${event.done}/${event.total} scenarios\n`);
  };
  return { onEvent, end: () => out.isTTY && out.write(`\r\x1b[2K`) };
}
