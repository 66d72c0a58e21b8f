import { randomBytes } from "node:crypto";
import { COUNTER_PATTERN, PAGE_PATHS, UID_PATTERN } from "../../lib/pages.ts";
import { makeTlsIdentity, type TlsIdentity } from "../../lib/tls.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { type Listening, listen } from "../../reference/server.ts";
import type { Site } from "../../reference/site.ts";
import { RedisSessionStore } from "../../reference/stores/redisStore.ts";
import { REFERENCE_VERSION } from "../../reference/version.ts";
import { type Adapter, type Target, TargetUnavailableError } from "../target.ts";
import { haveRedis, type RunningRedis, startRedis, startRedisCluster } from "./redisServer.ts";

export interface ReferenceClusterOptions {
  /** One Redis instance instead of a three-master Redis Cluster: starts faster. */
  quick?: boolean;
  /** Idle timeout in real seconds (default 2). */
  sessionTimeout?: number;
}

/**
 * Two reference nodes in this process, each a Site of its own with its own Redis client, on one
 * Redis (a three-master Redis Cluster, or one instance when quick), over HTTP and HTTPS.
 *
 * The clock: Redis expires keys on its own real clock, which nothing outside can move, so this
 * target offers no clock capability and uses a short real idle timeout instead; the suite waits
 * it out. The nodes' Sites run on the real clock too, so both agree with Redis.
 */
export function referenceClusterAdapter(options: ReferenceClusterOptions = {}): Adapter {
  const name = options.quick ? "reference-cluster-quick" : "reference-cluster";
  return {
    name,
    async start(): Promise<Target> {
      if (!(await haveRedis()))
        throw new TargetUnavailableError(`${name}: redis-server is not installed (apt-get install redis-server)`);
      const redis = options.quick ? await startRedis() : await startRedisCluster(3);
      const cluster = new Cluster(redis, options.sessionTimeout ?? 2, await makeTlsIdentity());
      try {
        await cluster.startNode(0);
        await cluster.startNode(1);
      } catch (error) {
        await cluster.stop();
        throw error;
      }
      const [first, ...others] = cluster.nodes.map((n) => ({ http: n.http.url, https: n.https.url }));
      return {
        name,
        version: `session-conformance reference ${REFERENCE_VERSION}, 2 nodes on ${options.quick ? "Redis" : "Redis Cluster (3 masters)"}`,
        connection: { nodes: [first!, ...others], tlsCa: cluster.tls.cert },
        pages: {
          paths: { ...PAGE_PATHS },
          uidPattern: UID_PATTERN,
          counterPattern: COUNTER_PATTERN,
          sessionTimeoutSeconds: cluster.timeout,
          cookieName: "TWISTED_SESSION",
          secureCookieName: "TWISTED_SECURE_SESSION",
        },
        capabilities: {
          endings: { lines: async () => [...cluster.endings] },
          restartNode: (index) => cluster.restartNode(index),
        },
        stop: () => cluster.stop(),
      };
    },
  };
}

interface Node {
  site: Site;
  store: RedisSessionStore;
  http: Listening;
  https: Listening;
}

/** The nodes and what they share: Redis, the secret that seals uids, the TLS identity, the ending lines. */
class Cluster {
  readonly nodes: Node[] = [];
  readonly endings: string[] = [];
  private readonly secret = randomBytes(32);

  constructor(
    private readonly redis: RunningRedis,
    readonly timeout: number,
    readonly tls: TlsIdentity,
  ) {}

  /** Start node `index`, on the ports it had before when it is restarted. */
  async startNode(index: number, ports?: { http: number; https: number }): Promise<void> {
    const store = await new RedisSessionStore({ url: this.redis.url, secret: this.secret }).connect();
    const site = exampleSite({ store, sessionTimeout: this.timeout, onEnding: (line) => this.endings.push(line) });
    const http = await listen(site, { port: ports?.http ?? 0 });
    const https = await listen(site, { port: ports?.https ?? 0, tls: this.tls });
    this.nodes[index] = { site, store, http, https };
  }

  async restartNode(index: number): Promise<void> {
    const node = this.nodes[index];
    if (!node) throw new Error(`there is no node ${index}`);
    await stopNode(node);
    await this.startNode(index, { http: Number(node.http.url.port), https: Number(node.https.url.port) });
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map(stopNode));
    await this.redis.stop();
  }
}

async function stopNode(node: Node): Promise<void> {
  node.site.stopSweeping();
  await Promise.all([node.http.close(), node.https.close()]);
  await node.store.close();
}
