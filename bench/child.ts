/**
 * Runs one measurement in a dedicated Node process (its own heap, its own event loop) and
 * reads the one JSON line it prints last.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const TSX = import.meta.resolve("tsx");

/**
 * Run `script` (a .ts file) under tsx with `nodeFlags`, wait at most `timeoutMs`.
 * @returns the JSON value on the last line of its standard output
 * @throws Error when it exits non-zero, overruns or prints no JSON
 */
export function runJsonChild<T>(script: URL, args: string[], nodeFlags: string[], timeoutMs: number): Promise<T> {
  const argv = [...nodeFlags, "--import", TSX, fileURLToPath(script), ...args];
  return new Promise<T>((resolve, reject) =>
    execFile(process.execPath, argv, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const name = fileURLToPath(script).split("/").slice(-2).join("/");
      if (error)
        return reject(
          new Error(`${name} ${args.join(" ")} failed: ${firstError(stderr) ?? error.message.split("\n")[0]}`),
        );
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T);
      } catch {
        reject(new Error(`${name} printed no JSON result: ${stdout.slice(-200)}`));
      }
    }),
  );
}

/** The line of a child's standard error that names what was thrown. */
function firstError(stderr: string): string | undefined {
  return stderr
    .split("\n")
    .find((line) => /^\w*(Error|Exception)\b/.test(line.trim()))
    ?.trim();
}

/** The V8 garbage collector, exposed by `--expose-gc`; a full collection, three times over. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  for (let i = 0; i < 3; i++) gc();
}
