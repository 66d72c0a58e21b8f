import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONTROL_ROUTES, COUNTER_PATTERN, PAGE_PATHS } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { httpClock } from "../httpClock.ts";
import { connectionOf, endingsFromOutput, type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

/** Debian's interpreter: the `python3` on PATH may be another one without Twisted. */
const PYTHON = "/usr/bin/python3";
const SERVE = fileURLToPath(new URL("./serve.py", import.meta.url));

export interface TwistedOptions {
  /** Session.sessionTimeout in seconds (default 900, Twisted's own). */
  sessionTimeout?: number;
  /** Serve HTTPS beside HTTP with a throwaway certificate (default true). */
  https?: boolean;
}

let available: Promise<boolean> | undefined;

/** Whether /usr/bin/python3 can import twisted.web. */
export function twistedAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) =>
    execFile(PYTHON, ["-c", "import twisted.web.server"], (error) => resolve(!error)),
  );
  return available;
}

/**
 * The real Twisted Web in a child process, serving its docs' three session examples
 * (serve.py), with its sessions on a fake clock the suite moves over HTTP.
 */
export function createTwistedAdapter(options: TwistedOptions = {}): Adapter {
  const sessionTimeout = options.sessionTimeout ?? 900;
  return {
    name: "twisted",
    async start(): Promise<Target> {
      if (!(await twistedAvailable()))
        throw new TargetUnavailableError(
          "twisted: not available: install python3-twisted (apt-get install python3-twisted)",
        );
      const args = [SERVE, "--timeout", String(sessionTimeout)];
      // The key lives on disk only until the server has read it.
      const tls = options.https === false ? undefined : await makeTlsIdentity();
      const dir = tls && (await mkdtemp(join(tmpdir(), "twisted-tls-")));
      let server: SpawnedServer;
      try {
        if (tls && dir) {
          await writeFile(join(dir, "cert.pem"), tls.cert);
          await writeFile(join(dir, "key.pem"), tls.key, { mode: 0o600 });
          args.push("--tls-cert", join(dir, "cert.pem"), "--tls-key", join(dir, "key.pem"));
        }
        server = await spawnServer(PYTHON, args, { name: "twisted" });
      } finally {
        if (dir) await rm(dir, { recursive: true, force: true });
      }
      const { port, version } = server.ready;
      const baseUrl = new URL(`http://127.0.0.1:${port}`);
      return {
        name: "twisted",
        version: `Twisted ${version ?? "unknown"}`,
        connection: connectionOf(server.ready, tls?.cert),
        pages: {
          paths: { ...PAGE_PATHS },
          uidPattern: /Your session id is: ([0-9a-f]+)/,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: sessionTimeout,
          cookieName: "TWISTED_SESSION",
          secureCookieName: "TWISTED_SECURE_SESSION",
        },
        capabilities: {
          clock: httpClock(baseUrl, CONTROL_ROUTES.clockAdvance),
          endings: endingsFromOutput(server, baseUrl),
        },
        stop: () => server.stop(),
      };
    },
  };
}

export const twistedAdapter: Adapter = createTwistedAdapter();
