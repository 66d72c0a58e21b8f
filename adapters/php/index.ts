import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { COUNTER_PATTERN, PAGE_PATHS_WITHOUT_NOTIFY } from "../../lib/pages.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

const PHP = "/usr/bin/php";
const HERE = fileURLToPath(new URL(".", import.meta.url));

/**
 * The idle timeout, in real seconds: PHP's session GC reads the system clock and file times,
 * which nothing outside the process can move, so the suite waits for it in real time.
 */
export const PHP_SESSION_TIMEOUT_SECONDS = 3;

/** Settings passed with -d; NOTES.md says why each differs from Debian's php.ini. */
function iniSettings(savePath: string): string[] {
  return [
    `session.save_path=${savePath}`,
    `session.gc_maxlifetime=${PHP_SESSION_TIMEOUT_SECONDS}`,
    // Debian leaves GC to a cron job over /var/lib/php/sessions only; this sweeps on every start.
    "session.gc_probability=1",
    "session.gc_divisor=1",
  ].flatMap((setting) => ["-d", setting]);
}

let available: Promise<string | undefined> | undefined;

/** PHP's version when Debian's php-cli 8.2 is installed, else undefined. */
function phpVersion(): Promise<string | undefined> {
  available ??= new Promise((resolve) =>
    execFile(PHP, ["-r", "echo PHP_VERSION;"], (error, stdout) => resolve(error ? undefined : stdout.trim())),
  );
  return available;
}

/** PHP's built-in server prints this on stderr once it listens (one line per worker). */
const STARTED = /Development Server \(http:\/\/127\.0\.0\.1:(\d+)\) started/;

/**
 * Start `php -S 127.0.0.1:0 router.php` and read the port it
 * took from its start line (the built-in server prints no other sign of readiness).
 */
async function startPhp(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<{ port: number; child: ChildProcess }> {
  // A group of its own: PHP_CLI_SERVER_WORKERS forks workers, which must stop with the server.
  const child = spawn(PHP, args, {
    cwd: HERE,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let last = "";
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      stopServer(child);
      reject(new TargetUnavailableError(`php: ${why}${last ? ` (${last})` : ""}`));
    };
    const timer = setTimeout(() => fail(`no start line within ${timeoutMs} ms`), timeoutMs);
    child.once("error", (error) => fail(`cannot run ${PHP}: ${error.message}`));
    child.once("exit", (code, signal) => fail(`exited before it was ready (${signal ?? `code ${code}`})`));
    createInterface({ input: child.stderr! }).on("line", (line) => {
      last = line;
      const started = STARTED.exec(line);
      if (!started) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve(Number(started[1]));
    });
  });
  child.stderr!.resume(); // keep draining the access log so the server never blocks on it
  return { port, child };
}

/** SIGTERM (the server's workers exit with it), SIGKILL if it is still there two seconds later. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 2000);
  await exited;
  clearTimeout(timer);
  child.stderr?.destroy();
}

/**
 * PHP 8.2's native sessions (files handler) behind its built-in web server, with four workers
 * so requests overlap and PHP's per-session file lock is exercised. HTTP only: `php -S` has no
 * TLS. PHP has no hook for a session's end, and no clock to move.
 */
export const phpAdapter: Adapter = {
  name: "php",
  async start(): Promise<Target> {
    const version = await phpVersion();
    if (!version) throw new TargetUnavailableError("php: not available: install php-cli (apt-get install php-cli)");
    const savePath = await mkdtemp(join(tmpdir(), "php-sessions-"));
    let server: { port: number; child: ChildProcess };
    try {
      server = await startPhp([...iniSettings(savePath), "-S", "127.0.0.1:0", "router.php"], {
        PHP_CLI_SERVER_WORKERS: "4",
      });
    } catch (error) {
      await rm(savePath, { recursive: true, force: true });
      throw error;
    }
    return {
      name: "php",
      version: `PHP ${version} (built-in server)`,
      connection: { nodes: [{ http: new URL(`http://127.0.0.1:${server.port}`) }] },
      pages: {
        paths: { ...PAGE_PATHS_WITHOUT_NOTIFY },
        // session.sid_length 26, session.sid_bits_per_character 5: 0-9 and a-v.
        uidPattern: /Your session id is: ([0-9a-v]+)/,
        counterPattern: COUNTER_PATTERN,
        sessionTimeoutSeconds: PHP_SESSION_TIMEOUT_SECONDS,
        cookieName: "PHPSESSID",
      },
      capabilities: {},
      async stop() {
        await stopServer(server.child);
        await rm(savePath, { recursive: true, force: true });
      },
    };
  },
};
