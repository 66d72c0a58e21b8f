import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { request } from "undici";
import { COUNTER_PATTERN, PAGE_PATHS } from "../../lib/pages.ts";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { connectionOf, endingsFromOutput, type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

const run = promisify(execFile);
const CATALINA_HOME = "/usr/share/tomcat10";
const DEBIAN_CONF = "/etc/tomcat10";
const JAVAC = "/usr/bin/javac";
const JARS = ["servlet-api", "catalina", "coyote", "util", "juli", "api"].map(
  (jar) => `/usr/share/java/tomcat10-${jar}.jar`,
);
const HERE = fileURLToPath(new URL(".", import.meta.url));

export interface TomcatOptions {
  /** Each session's idle timeout in seconds, set by EndingsListener (default 2: Tomcat's clock is real). */
  sessionTimeout?: number;
  /** Serve HTTPS on a second connector with a throwaway certificate (default true). */
  https?: boolean;
}

/**
 * Debian's Tomcat 10.1 (`catalina.sh run`) with a private CATALINA_BASE in a temporary folder,
 * serving the page contract as servlets on Tomcat's own HttpSession. Its clock is real, so the
 * timeout is short and timeout scenarios wait in real time.
 */
export function createTomcatAdapter(options: TomcatOptions = {}): Adapter {
  const sessionTimeout = options.sessionTimeout ?? 2;
  return {
    name: "tomcat",
    async start(): Promise<Target> {
      if (!existsSync(join(CATALINA_HOME, "bin/catalina.sh")) || !existsSync(join(DEBIAN_CONF, "server.xml"))) {
        throw new TargetUnavailableError("tomcat: not available: install tomcat10 (apt-get install tomcat10)");
      }
      if (!existsSync(JAVAC))
        throw new TargetUnavailableError(
          "tomcat: javac not found: install default-jdk-headless (apt-get install default-jdk-headless)",
        );
      const classes = await compiledClasses();
      const base = await mkdtemp(join(tmpdir(), "tomcat-base-"));
      let server: SpawnedServer | undefined;
      try {
        const tls = options.https === false ? undefined : await makeTlsIdentity();
        await makeBase(base, classes, sessionTimeout, tls);
        const env = { CATALINA_HOME, CATALINA_BASE: base, CATALINA_TMPDIR: join(base, "temp") };
        server = await spawnServer(join(CATALINA_HOME, "bin/catalina.sh"), ["run"], {
          name: "tomcat",
          env,
          startTimeoutMs: 60_000,
        });
        // The key lives on disk only until Tomcat has read it.
        await rm(join(base, "tls"), { recursive: true, force: true });
        const { port, httpsPort, version } = server.ready;
        if (port <= 0) throw new TargetUnavailableError("tomcat: the HTTP connector did not start (see its logs)");
        if (tls && httpsPort === undefined)
          throw new TargetUnavailableError("tomcat: the HTTPS connector did not start (see its logs)");
        const baseUrl = new URL(`http://127.0.0.1:${port}`);
        await warmUp(baseUrl);
        const running = server;
        return {
          name: "tomcat",
          // ServerInfo: "Apache Tomcat/10.1.60 (Debian)".
          version: version?.replace(/^Apache Tomcat\/(\S+).*$/, "Tomcat $1"),
          connection: connectionOf(server.ready, tls?.cert),
          pages: {
            paths: { ...PAGE_PATHS },
            // Tomcat's StandardSessionIdGenerator: 16 random bytes in upper-case hex.
            uidPattern: /Your session id is: ([0-9A-F]+)/,
            counterPattern: COUNTER_PATTERN,
            sessionTimeoutSeconds: sessionTimeout,
            cookieName: "JSESSIONID",
          },
          capabilities: { endings: endingsFromOutput(running, baseUrl) },
          async stop() {
            await running.stop();
            await rm(base, { recursive: true, force: true });
          },
        };
      } catch (error) {
        await server?.stop();
        await rm(base, { recursive: true, force: true });
        throw error;
      }
    },
  };
}

/** The servlets and listeners, compiled once per source version into a shared cache folder. */
async function compiledClasses(): Promise<string> {
  const sourceDir = join(HERE, "java/sessionconformance");
  const sources = (await readdir(sourceDir)).filter((file) => file.endsWith(".java")).sort();
  const hash = createHash("sha256");
  for (const file of sources) hash.update(file).update(await readFile(join(sourceDir, file)));
  const cache = join(tmpdir(), `session-conformance-tomcat-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(join(cache, "sessionconformance/ReadyListener.class"))) return cache;
  const building = await mkdtemp(`${cache}-building-`);
  try {
    await run(JAVAC, [
      "-nowarn",
      "--release",
      "17",
      "-cp",
      JARS.join(":"),
      "-d",
      building,
      ...sources.map((file) => join(sourceDir, file)),
    ]);
    await rename(building, cache).catch(async () => {
      // Another run filled the cache first: use its copy.
      await rm(building, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw new TargetUnavailableError(`tomcat: cannot compile the servlets: ${(error as Error).message.split("\n")[0]}`);
  }
  return cache;
}

/** CATALINA_BASE: Debian's /etc/tomcat10 as conf/ with server.xml adjusted, the app in webapps/ROOT. */
async function makeBase(
  base: string,
  classes: string,
  sessionTimeout: number,
  tls: { cert: string; key: string } | undefined,
): Promise<void> {
  await cp(DEBIAN_CONF, join(base, "conf"), { recursive: true });
  for (const dir of ["logs", "temp", "work", "lib/sessionconformance"])
    await mkdir(join(base, dir), { recursive: true });
  await cp(
    join(classes, "sessionconformance/ReadyListener.class"),
    join(base, "lib/sessionconformance/ReadyListener.class"),
  );
  const root = join(base, "webapps/ROOT");
  await cp(join(HERE, "webapp"), root, { recursive: true });
  await cp(join(classes, "sessionconformance"), join(root, "WEB-INF/classes/sessionconformance"), {
    recursive: true,
    filter: (source) => !source.endsWith("ReadyListener.class"),
  });
  const webXml = join(root, "WEB-INF/web.xml");
  await writeFile(
    webXml,
    (await readFile(webXml, "utf8")).replace("@SESSION_TIMEOUT_SECONDS@", String(sessionTimeout)),
  );
  let httpsConnector = "";
  if (tls) {
    await mkdir(join(base, "tls"), { mode: 0o700 });
    await writeFile(join(base, "tls/cert.pem"), tls.cert);
    await writeFile(join(base, "tls/key.pem"), tls.key, { mode: 0o600 });
    httpsConnector = `
    <Connector port="0" address="127.0.0.1" protocol="org.apache.coyote.http11.Http11NioProtocol"
               SSLEnabled="true" scheme="https" secure="true" maxParameterCount="1000">
      <SSLHostConfig><Certificate certificateFile="${base}/tls/cert.pem" certificateKeyFile="${base}/tls/key.pem" /></SSLHostConfig>
    </Connector>`;
  }
  const serverXml = join(base, "conf/server.xml");
  const edits: [RegExp, (match: string) => string][] = [
    // Announce the ports once every connector listens.
    [
      /<Server port="-1" shutdown="SHUTDOWN">/,
      (m) => `${m}\n  <Listener className="sessionconformance.ReadyListener" />`,
    ],
    // Loopback only, on a port the OS picks; the HTTPS connector beside it.
    [
      /<Connector port="8080" protocol="HTTP\/1\.1"/,
      () => `<Connector port="0" address="127.0.0.1" protocol="HTTP/1.1"`,
    ],
    [/(<Connector port="0" address="127\.0\.0\.1" protocol="HTTP\/1\.1"[^>]*\/>)/, (m) => `${m}${httpsConnector}`],
    // The background thread (session expiry) every second instead of every 10 s: see NOTES.md.
    [
      /<Engine name="Catalina" defaultHost="localhost">/,
      () => `<Engine name="Catalina" defaultHost="localhost" backgroundProcessorDelay="1">`,
    ],
  ];
  let xml = await readFile(serverXml, "utf8");
  for (const [pattern, edit] of edits) {
    if (!pattern.test(xml))
      throw new TargetUnavailableError(
        `tomcat: ${serverXml} no longer matches ${pattern} (Debian changed its server.xml)`,
      );
    xml = xml.replace(pattern, edit);
  }
  await writeFile(serverXml, xml);
}

/** First requests load classes and JIT-compile; make them before the suite times anything. */
async function warmUp(baseUrl: URL): Promise<void> {
  for (const path of ["/", "/counter", "/slow?ms=0"]) {
    const response = await request(new URL(path, baseUrl), { headersTimeout: 30_000, bodyTimeout: 30_000 });
    await response.body.dump();
    if (response.statusCode !== 200)
      throw new TargetUnavailableError(`tomcat: ${path} answered ${response.statusCode} while warming up`);
  }
  const sync = await request(new URL("/_endings/sync", baseUrl), {
    method: "POST",
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  await sync.body.dump();
}

export const tomcatAdapter: Adapter = createTomcatAdapter();
