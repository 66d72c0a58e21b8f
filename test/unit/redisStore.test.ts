import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { type RunningRedis, startRedis } from "../../adapters/reference-cluster/redisServer.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { ICounter } from "../../reference/examples/sessionStore.ts";
import type { Site } from "../../reference/site.ts";
import { RedisSessionStore, StoredSession } from "../../reference/stores/redisStore.ts";
import { redisSkip } from "../support/redis.ts";

const skip = await redisSkip();

describe("the Redis session store", { skip }, () => {
  let redis: RunningRedis;
  let inspect: ReturnType<typeof createClient>;
  const sites: Site[] = [];
  const stores: RedisSessionStore[] = [];
  const secret = Buffer.alloc(32, 7);

  /** A node: a Site on its own store (its own connection), sharing Redis and the secret. */
  async function node(sessionTimeout = 60, lines: string[] = []): Promise<Site> {
    const store = await new RedisSessionStore({ url: redis.url, secret }).connect();
    const site = exampleSite({ store, sessionTimeout, onEnding: (line) => lines.push(line), log: () => undefined });
    site.stopSweeping(); // the tests sweep when they mean to
    stores.push(store);
    sites.push(site);
    return site;
  }

  /** A session made on `site` and written to Redis before this returns (no sleeping on a write). */
  async function made(site: Site, listener?: string): Promise<StoredSession> {
    const session = site.sessionFactory(site, randomBytes(32).toString("hex")) as StoredSession;
    await site.store.add(session);
    if (listener) await (site.store as RedisSessionStore).listen(session, listener);
    return session;
  }

  before(async () => {
    redis = await startRedis();
    inspect = createClient({ url: redis.url });
    await inspect.connect();
  });
  after(async () => {
    for (const store of stores) await store.close();
    inspect?.destroy();
    await redis?.stop();
  });

  it("keys sessions by a one-way hash: a dump of Redis shows no session id", async () => {
    const site = await node();
    const sessions = [await made(site, "ExpirationLogger"), ...(await Promise.all([1, 2, 3, 4].map(() => made(site))))];
    const keys = await inspect.keys("*");
    const read = async (key: string) => {
      const type = await inspect.type(key);
      if (type === "hash") return JSON.stringify(await inspect.hGetAll(key));
      if (type === "set") return (await inspect.sMembers(key)).join(" ");
      return String(await inspect.get(key));
    };
    const values = await Promise.all(keys.map(read));
    const dump = keys.join(" ") + values.join(" ");
    for (const { uid } of sessions) assert.equal(dump.includes(uid) || dump.includes(uid.slice(0, 16)), false);
    assert.ok(keys.length >= 5);
  });

  it("finds a session from any node, and slides its Redis expiry when it is touched", async () => {
    const [a, b] = [await node(5), await node(5)];
    const session = await made(a);
    const key = (a.store as RedisSessionStore).key("s", session.uid);
    const found = await b.getSession(session.uid);
    assert.ok(found instanceof StoredSession);
    const before = await inspect.pExpireTime(key);
    await sleep(400);
    await b.store.touched(found);
    // Read on Redis's own clock: the deadline moved by at least the time slept.
    assert.ok((await inspect.pExpireTime(key)) - before >= 400);
  });

  it("counts parallel increments from two nodes, each once, with distinct values", async () => {
    const [a, b] = [await node(), await node()];
    const session = await made(a);
    const onB = (await b.getSession(session.uid))!;
    const counters = [session.getComponent(ICounter)!, onB.getComponent(ICounter)!];
    const values = await Promise.all(Array.from({ length: 200 }, (_, i) => counters[i % 2]!.increment()));
    assert.deepEqual(
      [...values].sort((x, y) => x - y),
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
  });

  it("never brings back an ended session by a late write", async () => {
    const [a, b] = [await node(), await node()];
    const session = await made(a);
    const late = (await b.getSession(session.uid))!;
    await a.store.remove(session);
    await b.store.touched(late);
    assert.equal(await late.getComponent(ICounter)!.increment(), 1);
    assert.equal(await inspect.exists((a.store as RedisSessionStore).key("s", session.uid)), 0);
    assert.equal(await b.getSession(session.uid), undefined);
  });

  it("hands an ended session's listeners to one caller only, whichever nodes expire and sweep it", async () => {
    const [a, b] = [await node(), await node()];
    const session = await made(a, "ExpirationLogger");
    await (b.store as RedisSessionStore).listen((await b.getSession(session.uid))!, "ExpirationLogger");
    const [onA, onB, sweptA, sweptB] = await Promise.all([
      a.store.remove(session),
      b.store.remove(session),
      a.store.takeDue(0, 100),
      b.store.takeDue(0, 100),
    ]);
    assert.deepEqual(
      [onA, onB].flatMap((names) => names ?? []),
      ["ExpirationLogger"],
    );
    assert.deepEqual([...sweptA, ...sweptB], []);
  });

  it("reports a timed-out session once, however many nodes sweep at once", async () => {
    const lines: string[] = [];
    const nodes = [await node(0.2, lines), await node(0.2, lines), await node(0.2, lines)];
    const sessions = await Promise.all(Array.from({ length: 20 }, () => made(nodes[0]!, "ExpirationLogger")));
    await sleep(300); // past every session's 200 ms on Redis's clock, however late they were written
    await Promise.all(nodes.map((n) => n.sweep()));
    assert.deepEqual([...lines].sort(), sessions.map((s) => `Session ${s.uid} has expired.`).sort());
  });
});
