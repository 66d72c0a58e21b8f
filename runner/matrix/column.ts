/**
 * One column of the matrix, run in this process: start the target, run the suite, gate the
 * verdicts. The matrix runs each column in a child process of its own (child.ts), because a
 * run drives one active target per process.
 */

import { readFile } from "node:fs/promises";
import type { Envelope } from "@cucumber/messages";
import { TargetUnavailableError } from "../../adapters/target.ts";
import { GATED_STRUCTURE_SIGNIFICANCE } from "../../lib/thresholds.ts";
import { divergencesFor } from "../divergences.ts";
import { gate } from "../gate.ts";
import { runConformance } from "../run.ts";
import type { MatrixColumn } from "./runMatrix.ts";

/** How far a column's run has got: scenarios finished of those started, per transport. */
export interface ColumnProgress {
  transport: string;
  done: number;
  total: number;
}

/** The client a column runs with, and the requirements (a tag expression); all by default. */
export interface ColumnRun {
  client?: "default" | "chromium";
  tags?: string;
}

/** Adapters that share another's folder and notes (koa-session-store is koa-session in store mode). */
const NOTES_FOLDER: Record<string, string> = {
  "koa-session-store": "koa-session",
};

/**
 * Run and gate one target.
 * @throws HarnessError or DivergenceFileError: a bug in the suite or a bad list, not a verdict
 */
export async function runColumn(
  target: string,
  onProgress?: (progress: ColumnProgress) => void,
  run: ColumnRun = {},
): Promise<MatrixColumn> {
  const declared = await divergencesFor(target);
  const notes = await readNotes(target);
  const counts = new Map<string, ColumnProgress>();
  const onMessage = (envelope: Envelope, transport: string) => {
    const progress = counts.get(transport) ?? { transport, done: 0, total: 0 };
    counts.set(transport, progress);
    if (envelope.testCase) progress.total++;
    else if (envelope.testCaseFinished) progress.done++;
    else return;
    onProgress?.({ ...progress });
  };
  try {
    const outcome = await runConformance({
      target,
      onMessage,
      client: run.client,
      tags: run.tags,
      thresholds: { structureSignificance: GATED_STRUCTURE_SIGNIFICANCE },
    });
    const gated = gate(outcome, declared, { partial: run.tags !== undefined });
    return {
      target,
      version: outcome.target.version,
      outcome,
      gate: gated,
      notes,
    };
  } catch (error) {
    if (!(error instanceof TargetUnavailableError)) throw error;
    return {
      target,
      unavailable: unavailableText(target, error.message),
      notes,
    };
  }
}

/** `twisted: not available: install …` → `not available: install …`; other causes get the prefix. */
export function unavailableText(target: string, message: string): string {
  const why = message.startsWith(`${target}: `) ? message.slice(target.length + 2) : message;
  return why.startsWith("not available") ? why : `not available: ${why}`;
}

async function readNotes(target: string): Promise<string | undefined> {
  const url = new URL(`../../adapters/${NOTES_FOLDER[target] ?? target}/NOTES.md`, import.meta.url);
  return readFile(url, "utf8").catch(() => undefined);
}
