import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { COUNTER_PATTERN, PAGE_PATHS_WITHOUT_NOTIFY } from "../../lib/pages.ts";
import { haveRedis, type RunningRedis, startRedis } from "../reference-cluster/redisServer.ts";
import { type SpawnedServer, spawnServer } from "../spawned.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";

const TSX = import.meta.resolve("tsx");
const APP = fileURLToPath(new URL("./app.ts", import.meta.url));
/** Real seconds: Redis's expiry cannot be moved from outside, so the suite waits it out. */
// Real time (Redis expires keys on its own clock): long enough that a node restarts within one cookie life.
const TIMEOUT_SECONDS = 6;

/**
 * Two Express nodes with express-session and connect-redis on one Redis, each in a child
 * process: the setup a user of express-session picks to run more than one node. No clock
 * capability (Redis expires on its real clock) and no endings (express-session has no hook).
 */
export const expressSessionRedisAdapter: Adapter = {
  name: "express-session-redis",
  async start(): Promise<Target> {
    if (!(await haveRedis()))
      throw new TargetUnavailableError(
        "express-session-redis: redis-server is not installed (apt-get install redis-server)",
      );
    const redis = await startRedis();
    const env = {
      REDIS_URL: redis.url,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      SESSION_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
    };
    const spawnNode = (port = 0) =>
      spawnServer(process.execPath, ["--import", TSX, APP], {
        name: "express-session-redis",
        env: { ...env, PORT: String(port) },
      });
    const servers: SpawnedServer[] = [];
    try {
      servers.push(await spawnNode(), await spawnNode());
    } catch (error) {
      await stopAll(servers, redis);
      throw error;
    }
    const [first, ...others] = servers.map((s) => ({ http: new URL(`http://127.0.0.1:${s.ready.port}`) }));
    return {
      name: "express-session-redis",
      version: `${servers[0]!.ready.version}, 2 nodes on Redis`,
      connection: { nodes: [first!, ...others] },
      pages: {
        paths: { ...PAGE_PATHS_WITHOUT_NOTIFY },
        // uid-safe: 24 random bytes in base64url.
        uidPattern: /Your session id is: ([A-Za-z0-9_-]+)/,
        counterPattern: COUNTER_PATTERN,
        sessionTimeoutSeconds: TIMEOUT_SECONDS,
        cookieName: "connect.sid",
      },
      capabilities: {
        async restartNode(index) {
          const old = servers[index];
          if (!old) throw new Error(`there is no node ${index}`);
          await old.stop();
          servers[index] = await spawnNode(old.ready.port);
        },
      },
      stop: () => stopAll(servers, redis),
    };
  },
};

async function stopAll(servers: SpawnedServer[], redis: RunningRedis): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  await redis.stop();
}
