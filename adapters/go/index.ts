import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { COUNTER_PATTERN, PAGE_PATHS_WITHOUT_NOTIFY } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { connectionOf, type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

const run = promisify(execFile);
const GO = "/usr/bin/go";
const GOPATH = "/usr/share/gocode";
const PACKAGE = "golang-github-gorilla-sessions-dev";
const APP = fileURLToPath(new URL("./app", import.meta.url));

export type GorillaStore = "cookie" | "filesystem";

export interface GorillaOptions {
  store: GorillaStore;
  /** The store's MaxAge in seconds (default 2; real time, see NOTES.md). */
  sessionTimeout?: number;
  /** Serve HTTPS beside HTTP with a throwaway certificate (default true). */
  https?: boolean;
}

/**
 * Debian's gorilla/sessions with its CookieStore or FilesystemStore, in a Go program built
 * offline against Debian's Go sources (GOPATH mode) and cached by source hash. Its clock is
 * real (securecookie's timestamps), so the timeout is short.
 */
export function createGorillaAdapter(options: GorillaOptions): Adapter {
  const name = `go-${options.store}store`;
  const sessionTimeout = options.sessionTimeout ?? 2;
  return {
    name,
    async start(): Promise<Target> {
      if (!existsSync(GO) || !existsSync(join(GOPATH, "src/github.com/gorilla/sessions"))) {
        throw new TargetUnavailableError(
          `${name}: not available: install golang-go and ${PACKAGE} (apt-get install golang-go ${PACKAGE})`,
        );
      }
      const [binary, version] = await Promise.all([builtApp(name), gorillaVersion()]);
      const work = await mkdtemp(join(tmpdir(), `${name}-`));
      const args = ["-store", options.store, "-timeout", String(sessionTimeout), "-dir", work];
      const tls = options.https === false ? undefined : await makeTlsIdentity();
      let server: SpawnedServer;
      try {
        if (tls) {
          await writeFile(join(work, "cert.pem"), tls.cert);
          await writeFile(join(work, "key.pem"), tls.key, { mode: 0o600 });
          args.push("-tls-cert", join(work, "cert.pem"), "-tls-key", join(work, "key.pem"));
        }
        server = await spawnServer(binary, args, {
          name,
          env: { GORILLA_SESSIONS_VERSION: `gorilla/sessions ${version}` },
        });
      } catch (error) {
        await rm(work, { recursive: true, force: true });
        throw error;
      } finally {
        // The program read the key at start; it lives on disk only until then.
        await rm(join(work, "key.pem"), { force: true });
      }
      return {
        name,
        version: server.ready.version,
        connection: connectionOf(server.ready, tls?.cert),
        pages: {
          paths: { ...PAGE_PATHS_WITHOUT_NOTIFY },
          // Cookie store: the app's 32 random bytes in hex. Filesystem store: gorilla's own
          // session.ID, 32 random bytes in unpadded base32.
          uidPattern:
            options.store === "cookie" ? /Your session id is: ([0-9a-f]+)/ : /Your session id is: ([A-Z2-7]+)/,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: sessionTimeout,
          cookieName: "session",
        },
        capabilities: {},
        async stop() {
          await server.stop();
          await rm(work, { recursive: true, force: true });
        },
      };
    },
  };
}

/** The app, built offline once per source and Go version into a shared cache folder. */
async function builtApp(name: string): Promise<string> {
  const env = {
    ...process.env,
    GO111MODULE: "off",
    GOPATH,
    GOPROXY: "off",
    GOFLAGS: "",
    GOCACHE: join(tmpdir(), "session-conformance-go-build-cache"),
  };
  const hash = createHash("sha256");
  try {
    hash.update((await run(GO, ["version"], { env })).stdout);
  } catch (error) {
    throw new TargetUnavailableError(`${name}: cannot run go: ${(error as Error).message.split("\n")[0]}`);
  }
  for (const file of (await readdir(APP)).filter((f) => f.endsWith(".go")).sort())
    hash.update(file).update(await readFile(join(APP, file)));
  const cached = join(tmpdir(), `session-conformance-gorilla-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(cached)) return cached;
  const building = `${cached}-building-${process.pid}`;
  try {
    await run(GO, ["build", "-o", building, "."], { cwd: APP, env });
    await rename(building, cached);
  } catch (error) {
    await rm(building, { force: true });
    const detail = (error as { stderr?: string }).stderr?.trim().split("\n").slice(-1)[0] ?? (error as Error).message;
    throw new TargetUnavailableError(`${name}: cannot build the app offline against ${GOPATH}: ${detail}`);
  }
  return cached;
}

/** Debian's package version, e.g. 1.2.1 (the library carries no version constant). */
async function gorillaVersion(): Promise<string> {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format, not JavaScript's
    const { stdout } = await run("dpkg-query", ["-W", "-f=${Version}", PACKAGE]);
    return stdout.trim().replace(/-[^-]*$/, "");
  } catch {
    return "unknown";
  }
}

export const goCookieStoreAdapter: Adapter = createGorillaAdapter({ store: "cookie" });
export const goFilesystemStoreAdapter: Adapter = createGorillaAdapter({ store: "filesystem" });
