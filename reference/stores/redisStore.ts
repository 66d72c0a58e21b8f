import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { createClient, createCluster, type RedisClientType, type RedisClusterType } from "redis";
import type { Session } from "../session.ts";
import type { Site } from "../site.ts";
import { type SessionStore, SessionStoreError } from "../store.ts";
import { SCRIPTS, type ScriptName } from "./redisScripts.ts";
import { StoredSession } from "./storedSession.ts";

export { StoredSession } from "./storedSession.ts";

export interface RedisStoreOptions {
  /** `redis://HOST:PORT` for one instance, `redis-cluster://HOST:PORT,HOST:PORT,…` for a cluster. */
  url: string;
  /**
   * 32 bytes every node shares: it encrypts the uid kept for ending listeners, so a dump of
   * Redis shows no live cookie. Without it each store makes its own, and an ending taken by
   * another node cannot be reported.
   */
  secret?: Buffer;
  /** Seconds ending listeners outlive their session in Redis, for nodes that were all down (default 3600). */
  graceSeconds?: number;
  /** Prefix of every key, to share a Redis with other data (default none). */
  prefix?: string;
  log?: (line: string) => void;
}

/** One reply of Redis, as node-redis gives it with RESP2. */
type Reply = string | number | null | Reply[];

/**
 * Sessions in Redis or Redis Cluster, for any number of nodes.
 *
 * Keys come from the uid by SHA-256, so a dump shows no cookie: `s{h}` holds the counter (a
 * session exists while it does; its PX expiry is the sliding idle timeout) and, for a session
 * that asked to be told of its end, `n{h}` holds the listener names and the uid, encrypted.
 * `{h}` keeps both in one cluster slot, so one Lua script sees both atomically. The set
 * `endings` lists the sessions with listeners; every node sweeps it each second. The script
 * that ends a session reads and deletes `n{h}` in one step, so whether it ran for `expire()`
 * or for a sweep, on whichever node, exactly one caller gets the listeners to run.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: RedisClientType | RedisClusterType;
  private readonly secret: Buffer;
  private readonly graceMs: number;
  private readonly prefix: string;
  private readonly log: (line: string) => void;
  private readonly shas = new Map<ScriptName, string>();
  private site: Site | undefined;
  private sweepCursor = "0";
  private reachable = true;

  constructor(options: RedisStoreOptions) {
    this.secret = options.secret ?? randomBytes(32);
    if (this.secret.length !== 32) throw new Error("the store secret must be 32 bytes");
    this.graceMs = (options.graceSeconds ?? 3600) * 1000;
    this.prefix = options.prefix ?? "";
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    // No offline queue: while Redis is away a command fails at once (503) instead of waiting;
    // node-redis never re-sends a command whose answer was lost, so none is applied twice.
    const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) };
    const [scheme, hosts] = options.url.split("://", 2);
    if (scheme === "redis") this.redis = createClient({ url: options.url, disableOfflineQueue: true, socket });
    else if (scheme === "redis-cluster" && hosts) {
      // Several HOST:PORT after one scheme, which the URL class does not parse.
      const rootNodes = hosts
        .replace(/\/.*$/, "")
        .split(",")
        .map((host) => ({ url: `redis://${host}` }));
      this.redis = createCluster({ rootNodes, defaults: { disableOfflineQueue: true, socket } }) as RedisClusterType;
    } else
      throw new Error(
        `a Redis store's URL is redis://HOST:PORT or redis-cluster://HOST:PORT,HOST:PORT,…, not ${options.url}`,
      );
    this.redis.on("error", (error: Error) => this.down(error));
  }

  /** Connect, waiting at most `timeoutMs`; afterwards the client reconnects by itself. */
  async connect(timeoutMs = 5000): Promise<this> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new SessionStoreError(`Redis unreachable at start within ${timeoutMs} ms`)),
          timeoutMs,
        )),
    );
    try {
      await Promise.race([this.redis.connect(), late]);
    } finally {
      clearTimeout(timer);
    }
    for (const [name, script] of Object.entries(SCRIPTS))
      this.shas.set(name as ScriptName, createHash("sha1").update(script).digest("hex"));
    return this;
  }

  async close(): Promise<void> {
    this.redis.destroy();
  }

  /** Called by the Site: new sessions must be StoredSessions, whose components live in Redis. */
  bind(site: Site): void {
    this.site = site;
    site.sessionFactory = (s, uid) => new StoredSession(s, uid);
  }

  async get(uid: string): Promise<Session | undefined> {
    const found = await this.call(this.key("s", uid), ["GET", this.key("s", uid)]);
    return found === null ? undefined : new StoredSession(this.bound(), uid);
  }

  async add(session: Session): Promise<void> {
    await this.call(this.key("s", session.uid), [
      "SET",
      this.key("s", session.uid),
      "0",
      "PX",
      String(this.ttl(session)),
    ]);
  }

  async touched(session: Session): Promise<void> {
    // Returns 0 when the session ended meanwhile: a late write leaves it ended.
    await this.script("touch", session.uid, [String(this.ttl(session)), String(this.graceMs)]);
  }

  async remove(session: Session): Promise<readonly string[]> {
    if (session instanceof StoredSession && session.takenListeners) return session.takenListeners;
    const taken = await this.script("end", session.uid, ["expire"]);
    const names = listenerNames(taken);
    if (names.length > 0) await this.call(this.indexKey(), ["SREM", this.indexKey(), this.hash(session.uid)]);
    return names;
  }

  async listen(session: Session, listener: string): Promise<void> {
    // Indexed first: a crash between the two leaves a stray index entry, which a sweep drops.
    await this.call(this.indexKey(), ["SADD", this.indexKey(), this.hash(session.uid)]);
    await this.script("listen", session.uid, [
      String(this.ttl(session) + this.graceMs),
      this.seal(session.uid),
      `l:${listener}`,
    ]);
  }

  /** The counter's new value, or 1 when the session ended meanwhile (a visit counted nowhere). */
  async increment(session: Session): Promise<number> {
    const value = await this.script("increment", session.uid, []);
    return value === null ? 1 : Number(value);
  }

  /** One page of the endings index: the sessions among it that timed out and this node took. */
  async takeDue(_now: number, limit: number): Promise<Session[]> {
    const due: Session[] = [];
    for (let pages = 0; pages < 10 && due.length < limit; pages++) {
      const [cursor, hashes] = (await this.call(this.indexKey(), [
        "SSCAN",
        this.indexKey(),
        this.sweepCursor,
        "COUNT",
        "200",
      ])) as [string, string[]];
      this.sweepCursor = cursor;
      const taken = await Promise.all(hashes.map((h) => this.scriptByHash("end", h, ["sweep"])));
      for (const [i, reply] of taken.entries()) {
        if (reply === null) continue; // still alive
        await this.call(this.indexKey(), ["SREM", this.indexKey(), hashes[i]!]);
        const ending = this.opened(hashes[i]!, reply);
        if (ending) due.push(ending);
      }
      if (cursor === "0") break;
    }
    return due;
  }

  async size(): Promise<number> {
    if (!("masters" in this.redis)) return Number(await this.redis.dbSize());
    const cluster = this.redis;
    const sizes = await Promise.all(cluster.masters.map(async (master) => (await cluster.nodeClient(master)).dbSize()));
    return sizes.reduce((a, b) => a + Number(b), 0);
  }

  /** The key of a session's part: `s{h}` or `n{h}`, h from the uid by SHA-256, 120 bits. */
  key(part: "s" | "n", uid: string): string {
    return `${this.prefix}${part}{${this.hash(uid)}}`;
  }

  private hash(uid: string): string {
    return createHash("sha256").update(uid).digest().subarray(0, 15).toString("base64url");
  }

  private indexKey(): string {
    return `${this.prefix}endings`;
  }

  private ttl(session: Session): number {
    return Math.max(1, Math.round(session.sessionTimeout * 1000));
  }

  private bound(): Site {
    if (!this.site) throw new Error("the Redis store is used by no Site");
    return this.site;
  }

  /** A session the sweep took, with its listeners; undefined when it had none or its uid cannot be read. */
  private opened(hash: string, reply: Reply): StoredSession | undefined {
    const fields = Array.isArray(reply) ? (reply as string[]) : [];
    const names = listenerNames(fields);
    const sealed = fields[fields.indexOf("u") + 1];
    if (names.length === 0 || fields.indexOf("u") === -1 || !sealed) return undefined;
    const uid = this.unseal(sealed, hash);
    if (!uid)
      return void this.log(
        `an ending of session key ${hash} cannot be reported: its uid was sealed with another secret`,
      );
    const session = new StoredSession(this.bound(), uid);
    session.takenListeners = names;
    return session;
  }

  /** AES-256-GCM of the uid, bound to its key's hash: iv, tag, ciphertext in base64. */
  private seal(uid: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.secret, iv).setAAD(Buffer.from(this.hash(uid)));
    const body = Buffer.concat([cipher.update(uid, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  private unseal(sealed: string, hash: string): string | undefined {
    try {
      const raw = Buffer.from(sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", this.secret, raw.subarray(0, 12))
        .setAAD(Buffer.from(hash))
        .setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      return undefined;
    }
  }

  private script(name: ScriptName, uid: string, args: string[]): Promise<Reply> {
    return this.scriptByHash(name, this.hash(uid), args);
  }

  /** EVALSHA on the session's two keys, loading the script once per Redis node as needed. */
  private async scriptByHash(name: ScriptName, hash: string, args: string[]): Promise<Reply> {
    const keys = [`${this.prefix}s{${hash}}`, `${this.prefix}n{${hash}}`];
    try {
      return await this.call(keys[0]!, ["EVALSHA", this.shas.get(name)!, "2", ...keys, ...args]);
    } catch (error) {
      if (!String(error).includes("NOSCRIPT")) throw error;
      return this.call(keys[0]!, ["EVAL", SCRIPTS[name], "2", ...keys, ...args]);
    }
  }

  /** Send one command, routed by `key` on a cluster; any failure is a SessionStoreError. */
  private async call(key: string, args: string[]): Promise<Reply> {
    try {
      const reply = (await ("masters" in this.redis
        ? this.redis.sendCommand(key, false, args)
        : this.redis.sendCommand(args))) as Reply;
      this.up();
      return reply;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.includes("NOSCRIPT")) throw error;
      throw new SessionStoreError(`session store (Redis) unavailable: ${message.split("\n")[0]}`);
    }
  }

  /** Log the moment Redis goes away and the moment it is back, not every failed attempt. */
  private down(error: Error): void {
    if (!this.reachable) return;
    this.reachable = false;
    this.log(`Redis unreachable: ${error.message}; answering 503 to requests that need a session until it is back`);
  }

  private up(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.log("Redis reachable again");
  }
}

/** The listener names in an `n{h}` hash as HGETALL lists it: fields `l:<name>`. */
function listenerNames(reply: Reply): string[] {
  if (!Array.isArray(reply)) return [];
  const names: string[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    const field = reply[i];
    if (typeof field === "string" && field.startsWith("l:")) names.push(field.slice(2));
  }
  return names;
}
