/**
 * The parent-process half of the Python framework adapters (django, flask): start the app under
 * Debian's gunicorn, once for HTTP and once for HTTPS (gunicorn 20 puts TLS on every socket it
 * binds, so one process cannot serve both), sharing one clock file and one secret key.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONTROL_ROUTES, COUNTER_PATTERN, PAGE_PATHS_WITHOUT_NOTIFY } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { httpClock } from "../httpClock.ts";
import { type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

/** Debian's interpreter: the `python3` on PATH may be another one without Debian's packages. */
export const PYTHON = "/usr/bin/python3";
const HERE = fileURLToPath(new URL(".", import.meta.url));

export interface GunicornApp {
  /** The adapter's and the target's name. */
  name: string;
  /** For the version line: `Django`, and the module whose `__version__` it reads. */
  label: string;
  module: string;
  /** The folder holding the app module, and `module:callable` in it. */
  appDir: URL;
  wsgi: string;
  /** The Debian packages to name when an import fails. */
  packages: string[];
  cookieName: string;
  /** The idle timeout the framework enforces with its defaults, in seconds. */
  sessionTimeoutSeconds: number;
  uidPattern: RegExp;
  /** Run once before the servers start (Django: create the session table), with their environment. */
  prepare?: (env: NodeJS.ProcessEnv, dir: string) => Promise<void>;
  /** Extra environment for both servers, given the run's private folder. */
  env?: (dir: string) => NodeJS.ProcessEnv;
}

/** Whether Debian's python3 imports the framework and gunicorn; cached per module. */
const available = new Map<string, Promise<boolean>>();
function importable(module: string): Promise<boolean> {
  if (!available.has(module))
    available.set(
      module,
      new Promise((resolve) => execFile(PYTHON, ["-c", `import ${module}, gunicorn`], (error) => resolve(!error))),
    );
  return available.get(module)!;
}

/** Run `python3 <args>` in the app's folder with `env`; throws with its last stderr line. */
export async function runPython(app: GunicornApp, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await promisify(execFile)(PYTHON, args, {
      cwd: fileURLToPath(app.appDir),
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "")
      .trim()
      .split("\n")
      .at(-1);
    throw new TargetUnavailableError(`${app.name}: ${PYTHON} ${args.join(" ")} failed${stderr ? ` (${stderr})` : ""}`);
  }
}

/** An Adapter serving `app` under gunicorn over HTTP and HTTPS on 127.0.0.1, with a movable clock. */
export function gunicornAdapter(app: GunicornApp): Adapter {
  return {
    name: app.name,
    async start(): Promise<Target> {
      if (!(await importable(app.module))) {
        throw new TargetUnavailableError(
          `${app.name}: not available: install ${app.packages.join(" and ")} (apt-get install ${app.packages.join(" ")})`,
        );
      }
      // Private (mode 0700): the clock file, the app's data, and the TLS key.
      const dir = await mkdtemp(join(tmpdir(), `${app.name}-`));
      const servers: SpawnedServer[] = [];
      const stop = async () => {
        await Promise.all(servers.map((s) => s.stop()));
        await rm(dir, { recursive: true, force: true });
      };
      try {
        const env: NodeJS.ProcessEnv = {
          ...app.env?.(dir),
          SC_CLOCK_FILE: join(dir, "clock-offset"),
          SC_SECRET_KEY: randomBytes(32).toString("hex"), // fresh per run, shared by both servers
          SC_FRAMEWORK_MODULE: app.module,
          SC_FRAMEWORK_LABEL: app.label,
          PYTHONPATH: HERE, // control.py, for the app and for prepare()
        };
        await app.prepare?.(env, dir);
        // gunicorn 20.1 reopens the key file on every TLS connection (ssl.wrap_socket with file
        // names), so the key stays on disk, in the private folder, until the target stops.
        const tls = await makeTlsIdentity();
        await writeFile(join(dir, "cert.pem"), tls.cert);
        await writeFile(join(dir, "key.pem"), tls.key, { mode: 0o600 });
        const args = [
          "-m",
          "gunicorn",
          "-c",
          join(HERE, "conf.py"),
          "--chdir",
          fileURLToPath(app.appDir),
          "-b",
          "127.0.0.1:0",
        ];
        const start = (extra: string[]) =>
          spawnServer(PYTHON, [...args, ...extra, app.wsgi], { name: app.name, env, startTimeoutMs: 30_000 });
        const started = await Promise.allSettled([
          start([]),
          start(["--certfile", join(dir, "cert.pem"), "--keyfile", join(dir, "key.pem")]),
        ]);
        for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
        const failed = started.find((s) => s.status === "rejected");
        if (failed) throw failed.reason;
        const [http, https] = servers;
        const baseUrl = new URL(`http://127.0.0.1:${http!.ready.port}`);
        return {
          name: app.name,
          version: http!.ready.version,
          connection: {
            nodes: [{ http: baseUrl, https: new URL(`https://127.0.0.1:${https!.ready.port}`) }],
            tlsCa: tls.cert,
          },
          pages: {
            paths: { ...PAGE_PATHS_WITHOUT_NOTIFY },
            uidPattern: app.uidPattern,
            counterPattern: COUNTER_PATTERN,
            sessionTimeoutSeconds: app.sessionTimeoutSeconds,
            cookieName: app.cookieName,
          },
          // One clock file for both servers: advancing through either moves the site's clock.
          capabilities: { clock: httpClock(baseUrl, CONTROL_ROUTES.clockAdvance) },
          stop,
        };
      } catch (error) {
        await stop();
        throw error;
      }
    },
  };
}
