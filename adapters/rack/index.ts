import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { COUNTER_PATTERN, PAGE_PATHS_WITHOUT_NOTIFY } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { connectionOf, type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

const PUMA = "/usr/bin/puma";
const RUBY = "/usr/bin/ruby";
const app = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface RackOptions {
  /** Rack::Session::Pool's expire_after in seconds (default 4; real time, see NOTES.md). */
  sessionTimeout?: number;
  /** Serve HTTPS beside HTTP with a throwaway certificate (default true). */
  https?: boolean;
}

let available: Promise<boolean> | undefined;

/** Whether Debian's ruby can load rack and puma. */
function rackAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) =>
    execFile(RUBY, ["-e", 'require "rack"; require "puma"'], (error) => resolve(!error)),
  );
  return available;
}

/**
 * Debian's ruby-rack 2.2 with Rack::Session::Pool (server-side sessions in memory), run by
 * Debian's puma from config.ru as its users run it. Pool keeps no clock of its own (only the
 * cookie's Expires uses Time.now), so the timeout is short and real.
 */
export function createRackAdapter(options: RackOptions = {}): Adapter {
  const sessionTimeout = options.sessionTimeout ?? 4;
  return {
    name: "rack",
    async start(): Promise<Target> {
      if (!(await rackAvailable()))
        throw new TargetUnavailableError(
          "rack: not available: install ruby-rack and puma (apt-get install ruby-rack puma)",
        );
      // One thread: with several, Pool's lost updates under overlapping requests show in some runs only (see NOTES.md).
      const args = ["-C", app("./puma.rb"), "-t", "1:1", "-b", "tcp://127.0.0.1:0"];
      const tls = options.https === false ? undefined : await makeTlsIdentity();
      const dir = tls && (await mkdtemp(join(tmpdir(), "rack-tls-")));
      let server: SpawnedServer;
      try {
        if (tls && dir) {
          await writeFile(join(dir, "cert.pem"), tls.cert);
          await writeFile(join(dir, "key.pem"), tls.key, { mode: 0o600 });
          args.push("-b", `ssl://127.0.0.1:0?key=${join(dir, "key.pem")}&cert=${join(dir, "cert.pem")}`);
        }
        args.push(app("./config.ru"));
        server = await spawnServer(PUMA, args, {
          name: "rack",
          env: { SESSION_TIMEOUT_SECONDS: String(sessionTimeout) },
          startTimeoutMs: 30_000,
        });
      } finally {
        // The key lives on disk only until puma has read it.
        if (dir) await rm(dir, { recursive: true, force: true });
      }
      const { version } = server.ready;
      return {
        name: "rack",
        version,
        connection: connectionOf(server.ready, tls?.cert),
        pages: {
          paths: { ...PAGE_PATHS_WITHOUT_NOTIFY },
          // SessionId#public_id: SecureRandom.hex(sidbits / 4), 32 bytes as 64 lower-case hex digits.
          uidPattern: /Your session id is: ([0-9a-f]+)/,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: sessionTimeout,
          cookieName: "rack.session",
        },
        capabilities: {},
        stop: () => server.stop(),
      };
    },
  };
}

export const rackAdapter: Adapter = createRackAdapter();
