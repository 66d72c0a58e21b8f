/**
 * The load generator: autocannon's CLI in its own process, so the server under test never
 * shares an event loop with the client. Every run is bounded by a duration or a request count,
 * and killed if it overruns.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const AUTOCANNON = fileURLToPath(import.meta.resolve("autocannon/autocannon.js"));

export interface LoadOptions {
  url: URL;
  /** `name=value`, sent as the Cookie header of every request. */
  cookie?: string;
  connections: number;
  /** Requests each connection sends before waiting for answers (HTTP pipelining; default 1). */
  pipelining?: number;
  /** Run for this many seconds … */
  seconds?: number;
  /** … or until this many requests have been answered. */
  amount?: number;
  /** At most this many requests per second over all connections (default: as fast as answered). */
  rate?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  seconds: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

/** What autocannon --json prints, as far as we read it. */
interface AutocannonJson {
  requests: { total: number };
  latency: { p99: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * Load `url` with autocannon and give back its throughput.
 * @throws Error when autocannon fails, or any request errors, times out or is answered non-2xx
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const args = [AUTOCANNON, "--json", "--no-progress", "-c", String(options.connections)];
  if (options.amount !== undefined) args.push("-a", String(options.amount));
  else args.push("-d", String(options.seconds ?? 1));
  if (options.pipelining !== undefined) args.push("-p", String(options.pipelining));
  if (options.rate !== undefined) args.push("-R", String(options.rate));
  if (options.cookie) args.push("-H", `cookie: ${options.cookie}`);
  args.push(options.url.href);
  const limitMs = options.amount !== undefined ? 300_000 : Math.ceil(((options.seconds ?? 1) + 30) * 1000);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { timeout: limitMs, maxBuffer: 16 << 20 }, (error, out, err) =>
      error ? reject(new Error(`autocannon ${options.url.href} failed: ${error.message} ${err.trim()}`)) : resolve(out),
    ),
  );
  const json = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as AutocannonJson;
  const failed = json.errors + json.timeouts + json.non2xx;
  if (failed > 0)
    throw new Error(
      `autocannon ${options.url.href}: ${json.errors} errors, ${json.timeouts} timeouts, ${json.non2xx} non-2xx answers`,
    );
  return {
    requestsPerSecond: json.requests.total / json.duration,
    requests: json.requests.total,
    seconds: json.duration,
    latencyP99Ms: json.latency.p99,
    latencyMaxMs: json.latency.max,
  };
}
