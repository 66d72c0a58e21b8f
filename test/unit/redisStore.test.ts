import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { startRedis, type RunningRedis } from "../../adapters/reference-cluster/redisServer.ts";
import { ICounter } from "../../reference/examples/sessionStore.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
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
    const sessions = Array.from({ length: 5 }, () => site.makeSession());
    sessions[0]!.notifyOnExpireBy("ExpirationLogger");
    await sleep(50);
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
    const [a, b] = [await node(1), await node(1)];
    const session = a.makeSession();
    await sleep(20);
    const key = (a.store as RedisSessionStore).key("s", session.uid);
    const found = await b.getSession(session.uid);
    assert.ok(found instanceof StoredSession);
    await sleep(400);
    const before = await inspect.pTTL(key);
    assert.ok(before > 0 && before <= 650, `PTTL ${before}`);
    b.touchSession(found);
    await sleep(20);
    assert.ok((await inspect.pTTL(key)) > 900);
  });

  it("counts parallel increments from two nodes, each once, with distinct values", async () => {
    const [a, b] = [await node(), await node()];
    const session = a.makeSession();
    await sleep(20);
    const onB = (await b.getSession(session.uid))!;
    const counters = [session.getComponent(ICounter)!, onB.getComponent(ICounter)!];
    const values = await Promise.all(Array.from({ length: 200 }, (_, i) => counters[i % 2]!.increment()));
    assert.deepEqual([...values].sort((x, y) => x - y), Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it("never brings back an ended session by a late write", async () => {
    const [a, b] = [await node(), await node()];
    const session = a.makeSession();
    await sleep(20);
    const late = (await b.getSession(session.uid))!;
    session.expire();
    await sleep(20);
    b.touchSession(late);
    assert.equal(await late.getComponent(ICounter)!.increment(), 1);
    await sleep(20);
    assert.equal(await inspect.exists((a.store as RedisSessionStore).key("s", session.uid)), 0);
    assert.equal(await b.getSession(session.uid), undefined);
  });

  it("reports an expired session once, whichever nodes expire and sweep it", async () => {
    const lines: string[] = [];
    const [a, b] = [await node(60, lines), await node(60, lines)];
    const session = a.makeSession();
    session.notifyOnExpireBy("ExpirationLogger");
    await sleep(20);
    const onB = (await b.getSession(session.uid))!;
    onB.notifyOnExpireBy("ExpirationLogger");
    await sleep(20);
    session.expire();
    onB.expire();
    await Promise.all([a.sweep(), b.sweep()]);
    await sleep(50);
    assert.deepEqual(lines, [`Session ${session.uid} has expired.`]);
  });

  it("reports a timed-out session once, however many nodes sweep at once", async () => {
    const lines: string[] = [];
    const nodes = [await node(0.2, lines), await node(0.2, lines), await node(0.2, lines)];
    const sessions = Array.from({ length: 20 }, () => nodes[0]!.makeSession());
    for (const s of sessions) s.notifyOnExpireBy("ExpirationLogger");
    await sleep(50);
    await Promise.all(nodes.map((n) => n.sweep()));
    assert.deepEqual(lines, []);
    await sleep(300);
    await Promise.all(nodes.map((n) => n.sweep()));
    await sleep(50);
    assert.deepEqual([...lines].sort(), sessions.map((s) => `Session ${s.uid} has expired.`).sort());
  });
});
