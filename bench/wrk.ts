/**
 * wrk (Debian's `wrk`, C) as the load generator for requests one at a time per connection: it
 * spends so little CPU per request that, pinned to a core of its own, the server is the
 * bottleneck without pipelining, which autocannon (JavaScript) cannot manage on two cores.
 * Also CPU pinning with taskset, so the generator and the server never share a core.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";

export interface WrkOptions {
  url: URL;
  /** `name=value`, sent as the Cookie header of every request. */
  cookie?: string;
  connections: number;
  /** Whole seconds: wrk takes no fraction of a second. */
  seconds: number;
  /** The CPU wrk runs on (taskset -c), or anywhere when undefined. */
  cpu?: number;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
}

/** What wrk 4 prints, as far as we read it. */
export interface WrkOutput extends WrkResult {
  /** Answers with a status outside 2xx and 3xx (wrk counts them together). */
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

const TIME_UNITS: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * Read wrk's report.
 * @throws Error when the lines every report has (`N requests in T`, `Requests/sec:`) are missing
 */
export function parseWrkOutput(text: string): WrkOutput {
  const total = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h),/m.exec(text);
  const rate = /^Requests\/sec:\s+([\d.]+)\s*$/m.exec(text);
  if (!total || !rate) throw new Error(`wrk printed no report: ${JSON.stringify(text.trim().slice(0, 300))}`);
  const errors = /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$/m.exec(text);
  return {
    requests: Number(total[1]),
    seconds: Number(total[2]) * TIME_UNITS[total[3]!]!,
    requestsPerSecond: Number(rate[1]),
    non2xx: Number(/^\s*Non-2xx or 3xx responses: (\d+)\s*$/m.exec(text)?.[1] ?? 0),
    socketErrors: {
      connect: Number(errors?.[1] ?? 0),
      read: Number(errors?.[2] ?? 0),
      write: Number(errors?.[3] ?? 0),
      timeout: Number(errors?.[4] ?? 0),
    },
  };
}

/**
 * Load `url` with wrk: one thread, `connections` connections, one request at a time on each.
 * @throws Error when wrk fails, any request errors or is answered outside 2xx/3xx, or none is answered
 */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  if (!Number.isInteger(options.seconds) || options.seconds < 1)
    throw new Error(`wrk runs whole seconds, not ${options.seconds}`);
  const wrk = ["wrk", "-t1", `-c${options.connections}`, `-d${options.seconds}s`];
  if (options.cookie) wrk.push("-H", `Cookie: ${options.cookie}`);
  wrk.push(options.url.href);
  const [command, ...args] = options.cpu === undefined ? wrk : ["taskset", "-c", String(options.cpu), ...wrk];
  const text = await new Promise<string>((resolve, reject) =>
    execFile(command!, args, { timeout: (options.seconds + 30) * 1000 }, (error, out, err) =>
      error ? reject(new Error(`wrk ${options.url.href} failed: ${error.message} ${err.trim()}`)) : resolve(out),
    ),
  );
  const output = parseWrkOutput(text);
  const { connect, read, write, timeout } = output.socketErrors;
  if (output.non2xx + connect + read + write + timeout > 0 || output.requests === 0)
    throw new Error(
      `wrk ${options.url.href}: ${output.requests} answered, ${output.non2xx} non-2xx/3xx, socket errors: connect ${connect}, read ${read}, write ${write}, timeout ${timeout}`,
    );
  return { requests: output.requests, seconds: output.seconds, requestsPerSecond: output.requestsPerSecond };
}

/** Whether a program can be started here (it exists on the PATH); its exit code does not matter. */
export function canRun(command: string, args: string[] = ["--version"]): Promise<boolean> {
  return new Promise((resolve) =>
    execFile(command, args, { timeout: 10_000 }, (error) =>
      resolve(!(error && (error as NodeJS.ErrnoException).code === "ENOENT")),
    ),
  );
}

/** The CPUs a process may run on, from /proc (Linux): "0-1" or "0,2-3" as a list of numbers. */
export async function allowedCpus(pid: number | "self" = "self"): Promise<number[]> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const list = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1];
  if (!list) throw new Error(`no Cpus_allowed_list for ${pid}`);
  return list.split(",").flatMap((range) => {
    const [from, to = from] = range.split("-").map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/**
 * Run every thread of a process on `cpus` only (taskset -a -p), as the next turn of a load
 * test needs, and give back a function that puts its old CPUs back.
 * @throws Error when taskset fails
 */
export async function pinProcess(pid: number, cpus: number[]): Promise<() => Promise<void>> {
  const before = await allowedCpus(pid);
  await taskset(pid, cpus);
  return () => taskset(pid, before);
}

function taskset(pid: number, cpus: number[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile("taskset", ["-a", "-pc", cpus.join(","), String(pid)], { timeout: 10_000 }, (error, _out, err) =>
      error ? reject(new Error(`taskset ${cpus.join(",")} ${pid} failed: ${error.message} ${err.trim()}`)) : resolve(),
    ),
  );
}
