/**
 * The parent-process half every framework adapter shares: spawn the framework's app file in a
 * child process (see child.ts) and describe it to the suite as a Target.
 */
import { fileURLToPath } from "node:url";
import { CONTROL_ROUTES, COUNTER_PATTERN, PAGE_PATHS } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { httpClock } from "../httpClock.ts";
import { connectionOf, endingsFromOutput, spawnServer } from "../spawned.ts";
import type { Adapter, Target } from "../target.ts";

/** What differs between the framework adapters; the page contract is the same for all. */
export interface FrameworkApp {
  /** The adapter's and the target's name, e.g. `express-session`. */
  name: string;
  /** The app file, a .ts module that imports ./child.ts first (its .js twin when compiled). */
  app: URL;
  cookieName: string;
  sessionTimeoutSeconds: number;
  uidPattern: RegExp;
  /** The page asking to be told of its session's end; only for a framework with a real hook. */
  notify?: string;
  /** Extra environment for the child (SESSION_TIMEOUT_SECONDS is always passed). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Compiled (the package's dist/), the app runs as JavaScript; from the sources, through tsx, a
 * devDependency resolved here, not from the cwd. The frameworks themselves are devDependencies:
 * where they are not installed, the app's start fails in one line naming the missing package.
 */
const COMPILED = import.meta.url.endsWith(".js");

/** An Adapter that starts `spec.app` on 127.0.0.1 with a free port and a fake clock. */
export function frameworkAdapter(spec: FrameworkApp): Adapter {
  return {
    name: spec.name,
    async start(): Promise<Target> {
      // A throwaway certificate for this run: the app serves HTTPS beside HTTP, as deployed.
      const tls = await makeTlsIdentity();
      const env = {
        ...spec.env,
        SESSION_TIMEOUT_SECONDS: String(spec.sessionTimeoutSeconds),
        TLS_CERT: tls.cert,
        TLS_KEY: tls.key,
      };
      const app = fileURLToPath(COMPILED ? spec.app.href.replace(/\.ts$/, ".js") : spec.app);
      const args = COMPILED ? [app] : ["--import", import.meta.resolve("tsx"), app];
      const server = await spawnServer(process.execPath, args, { name: spec.name, env });
      const baseUrl = new URL(`http://127.0.0.1:${server.ready.port}`);
      return {
        name: spec.name,
        version: server.ready.version,
        connection: connectionOf(server.ready, tls.cert),
        pages: {
          paths: { ...PAGE_PATHS, notify: spec.notify },
          uidPattern: spec.uidPattern,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: spec.sessionTimeoutSeconds,
          cookieName: spec.cookieName,
        },
        capabilities: {
          clock: httpClock(baseUrl, CONTROL_ROUTES.clockAdvance),
          endings: spec.notify ? endingsFromOutput(server, baseUrl) : undefined,
        },
        stop: () => server.stop(),
      };
    },
  };
}
