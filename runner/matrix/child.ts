/**
 * A matrix column in a child process: `node --import tsx child.ts TARGET`. Reports progress
 * and then the column over the IPC channel to the parent (runMatrix.ts), then exits.
 */
import { type ColumnRun, runColumn } from "./column.ts";

/** What a column's child process tells its parent. */
export type ChildMessage =
  | { type: "progress"; transport: string; done: number; total: number }
  | { type: "column"; column: import("./runMatrix.ts").MatrixColumn }
  | { type: "error"; message: string };

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const target = process.argv[2];
if (!target || !process.send) throw new Error("usage: a child of runMatrix, given one target");
try {
  const run = JSON.parse(process.argv[3] ?? "{}") as ColumnRun;
  const column = await runColumn(target, (progress) => void send({ type: "progress", ...progress }), run);
  await send({ type: "column", column });
} catch (error) {
  await send({
    type: "error",
    message: error instanceof Error ? error.message : String(error),
  });
}
process.exit(0); // the target is stopped; nothing else of this run is worth waiting for
