import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { type RunningRedis, startRedis } from "../../adapters/reference-cluster/redisServer.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { type Listening, listen } from "../../reference/server.ts";
import type { Site } from "../../reference/site.ts";
import { RedisSessionStore } from "../../reference/stores/redisStore.ts";
import { redisSkip } from "../support/redis.ts";

const skip = await redisSkip();
const UID = /Your session id is: ([0-9a-f]{64})/;

/** A node on Redis: a Site, its store and its HTTP listener. */
interface Node {
  site: Site;
  store: RedisSessionStore;
  http: Listening;
  logged: string[];
}

async function startNode(redis: RunningRedis, port = 0): Promise<Node> {
  const logged: string[] = [];
  const store = await new RedisSessionStore({
    url: redis.url,
    secret: Buffer.alloc(32, 1),
    log: (line) => logged.push(line),
  }).connect();
  const site = exampleSite({ store, sessionTimeout: 60, onEnding: () => undefined, log: (line) => logged.push(line) });
  return { site, store, logged, http: await listen(site, { port }) };
}

async function stopNode(node: Node): Promise<void> {
  node.site.stopSweeping();
  await node.http.close();
  await node.store.close();
}

const agent = new Agent({ connections: 32 });
async function get(url: URL, cookie?: string) {
  const response = await request(url, {
    headers: cookie ? { cookie } : {},
    dispatcher: agent,
    headersTimeout: 5000,
    bodyTimeout: 5000,
  });
  const body = await response.body.text();
  const setCookie = response.headers["set-cookie"];
  return {
    status: response.statusCode,
    body,
    uid: UID.exec(body)?.[1],
    newCookie: setCookie === undefined ? undefined : String(setCookie).split(";")[0],
  };
}

describe("the reference on Redis when things break", { skip }, () => {
  let redis: RunningRedis;
  let node: Node;
  before(async () => {
    redis = await startRedis();
    node = await startNode(redis);
  });
  after(async () => {
    if (node) await stopNode(node);
    await redis?.stop();
    await agent.close();
  });

  it("answers 503 with a one-line reason while Redis is down, stays up, and serves again when it is back", async () => {
    const first = await get(node.http.url);
    const cookie = first.newCookie!;
    await redis.instances[0]!.kill();
    for (const answer of [
      await get(node.http.url, cookie),
      await get(node.http.url),
      await get(new URL("/counter", node.http.url), cookie),
    ]) {
      assert.equal(answer.status, 503);
      assert.match(answer.body, /^Service Unavailable: session store \(Redis\) unavailable: [^\n]+\n$/);
      assert.equal(answer.newCookie, undefined);
    }
    // A page that needs no session is still served: the process is up.
    assert.equal((await get(new URL("/nowhere", node.http.url))).status, 404);
    await redis.instances[0]!.start();
    let back = await get(node.http.url);
    for (const deadline = Date.now() + 5000; back.status !== 200 && Date.now() < deadline; await sleep(50))
      back = await get(node.http.url);
    assert.equal(back.status, 200);
    assert.ok(back.uid && back.newCookie);
    assert.match(node.logged.join("\n"), /Redis unreachable: .*\n(.*\n)*Redis reachable again/);
  });

  it("keeps every session when a node restarts", async () => {
    const visitors = await Promise.all(Array.from({ length: 10 }, () => get(node.http.url)));
    const port = Number(node.http.url.port);
    await stopNode(node);
    node = await startNode(redis, port);
    for (const visitor of visitors) {
      const again = await get(node.http.url, visitor.newCookie);
      assert.equal(again.uid, visitor.uid);
      assert.equal(again.newCookie, undefined);
    }
  });

  it("gives no visitor another's session while Redis goes down and comes back under load", async () => {
    const visitors = await Promise.all(Array.from({ length: 8 }, () => get(node.http.url)));
    const owned = new Set(visitors.map((v) => v.uid));
    const counts = { ok: 0, unavailable: 0, wrong: 0 };
    let running = true;
    const load = visitors.map(async (visitor) => {
      for (let i = 0; running && i < 2000; i++) {
        const answer = await get(node.http.url, visitor.newCookie);
        if (answer.status === 503) counts.unavailable++;
        else if (answer.uid === visitor.uid || (answer.newCookie && !owned.has(answer.uid))) counts.ok++;
        else counts.wrong++;
      }
    });
    await sleep(150);
    await redis.instances[0]!.kill();
    assert.equal((await get(node.http.url, visitors[0]!.newCookie)).status, 503);
    await sleep(300);
    await redis.instances[0]!.start();
    await sleep(500);
    running = false;
    await Promise.all(load);
    assert.equal(counts.wrong, 0);
    assert.ok(counts.ok > 0, JSON.stringify(counts));
  });
});
