import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Agent, request } from "undici";
import { makeTlsIdentity } from "../../lib/tls.ts";
import { ManualClock } from "../../reference/clock.ts";
import { exampleSite } from "../../reference/examples/exampleSite.ts";
import { ClockAdvance, EndingsPage } from "../../reference/examples/testHooks.ts";
import { MemorySessionStore } from "../../reference/memoryStore.ts";
import type { Request } from "../../reference/request.ts";
import { Resource } from "../../reference/resource.ts";
import { type Listening, listen } from "../../reference/server.ts";
import type { Session } from "../../reference/session.ts";
import { Site } from "../../reference/site.ts";
import type { SessionStore } from "../../reference/store.ts";

const UID = /Your session id is: ([0-9a-f]{64})/;

async function get(url: URL, options: { cookie?: string; method?: "GET" | "HEAD" | "POST"; dispatcher?: Agent } = {}) {
  const response = await request(url, {
    method: options.method ?? "GET",
    headers: options.cookie ? { cookie: options.cookie } : {},
    dispatcher: options.dispatcher,
  });
  const body = await response.body.text();
  const setCookie = response.headers["set-cookie"];
  return {
    status: response.statusCode,
    headers: response.headers,
    body,
    setCookie: setCookie === undefined ? [] : ([] as string[]).concat(setCookie),
  };
}

describe("the example site over HTTP", () => {
  const logged: string[] = [];
  const clock = new ManualClock(0);
  const endings: string[] = [];
  let site: Site;
  let http: Listening;

  before(async () => {
    site = exampleSite({
      clock,
      sessionTimeout: 60,
      onEnding: (line) => endings.push(line),
      log: (line) => logged.push(line),
    });
    const clockPages = new Resource();
    clockPages.putChild("advance", new ClockAdvance(clock, site));
    site.resource.putChild("_clock", clockPages);
    site.resource.putChild("_endings", new EndingsPage(endings));
    site.resource.putChild(
      "boom",
      new (class extends Resource {
        render_GET(): string {
          throw new Error("render failed");
        }
      })(),
    );
    http = await listen(site);
  });
  after(async () => {
    site.stopSweeping();
    await http.close();
  });

  it("sets the session cookie once, with Path=/, HttpOnly and SameSite=Lax, and keeps pages out of caches", async () => {
    const first = await get(http.url);
    assert.equal(first.status, 200);
    const uid = UID.exec(first.body)![1]!;
    assert.deepEqual(first.setCookie, [`TWISTED_SESSION=${uid}; Path=/; HttpOnly; SameSite=Lax`]);
    assert.equal(first.headers["cache-control"], "no-store");
    const again = await get(http.url, { cookie: `TWISTED_SESSION=${uid}` });
    assert.equal(UID.exec(again.body)![1], uid);
    assert.deepEqual(again.setCookie, []);
  });

  it("answers 404 for unknown paths, 405 without a session for unsupported methods, and HEAD like GET", async () => {
    assert.equal((await get(new URL("/nowhere", http.url))).status, 404);
    const post = await get(http.url, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, "GET, HEAD");
    assert.deepEqual(post.setCookie, []);
    const head = await get(http.url, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body, "");
    assert.equal(head.setCookie.length, 1);
  });

  it("answers 400 to a path that is not valid percent-encoding, and 500 when a page throws", async () => {
    assert.equal((await get(new URL("/%zz", http.url))).status, 400);
    assert.equal((await get(new URL("/boom", http.url))).status, 500);
    assert.match(logged.join("\n"), /render failed/);
  });

  it("gives a malformed or forged cookie a fresh session", async () => {
    for (const cookie of ['TWISTED_SESSION="%%;;==', `TWISTED_SESSION=${"a".repeat(64)}`, "TWISTED_SESSION=", "=;=;"]) {
      const page = await get(http.url, { cookie });
      assert.equal(page.status, 200, cookie);
      assert.equal(page.setCookie.length, 1, cookie);
    }
  });

  it("lets a test move the clock and read the endings", async () => {
    assert.equal((await get(new URL("/_clock/advance?seconds=-1", http.url), { method: "POST" })).status, 400);
    const first = await get(http.url);
    const cookie = first.setCookie[0]!.split(";")[0]!;
    await get(new URL("/logme", http.url), { cookie });
    assert.equal((await get(new URL("/_clock/advance?seconds=61", http.url), { method: "POST" })).body, "ok");
    const uid = cookie.split("=")[1];
    assert.match((await get(new URL("/_endings", http.url))).body, new RegExp(`^Session ${uid} has expired.$`, "m"));
  });
});

describe("the example site over HTTPS", () => {
  let site: Site;
  let http: Listening;
  let https: Listening;
  let dispatcher: Agent;

  before(async () => {
    site = exampleSite({ clock: new ManualClock(0) });
    const tls = await makeTlsIdentity();
    http = await listen(site);
    https = await listen(site, { tls });
    dispatcher = new Agent({ connect: { ca: tls.cert } });
  });
  after(async () => {
    site.stopSweeping();
    await Promise.all([http.close(), https.close(), dispatcher.close()]);
  });

  it("sets a Secure cookie under its own name, TWISTED_SECURE_SESSION", async () => {
    const page = await get(https.url, { dispatcher });
    assert.match(page.setCookie[0]!, /^TWISTED_SECURE_SESSION=[0-9a-f]{64}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it("does not carry a session made over HTTP to HTTPS: a client moving to HTTPS gets a new one", async () => {
    const plain = await get(http.url);
    const uid = UID.exec(plain.body)![1]!;
    const secure = await get(https.url, { cookie: `TWISTED_SESSION=${uid}`, dispatcher });
    assert.notEqual(UID.exec(secure.body)![1], uid);
    assert.match(secure.setCookie[0]!, /^TWISTED_SECURE_SESSION=/);
  });
});

/** A store that answers every call later, as a networked store (Redis) would. */
class LaterStore implements SessionStore {
  private readonly inner = new MemorySessionStore();
  writes = 0;
  private later<T>(value: () => T | Promise<T>): Promise<T> {
    return new Promise((resolve) => setTimeout(() => resolve(value()), 1));
  }
  get(uid: string) {
    return this.later(() => this.inner.get(uid));
  }
  add(session: Session) {
    this.writes++;
    return this.later(() => this.inner.add(session));
  }
  touched(_session: Session) {
    this.writes++;
    return this.later(() => this.inner.touched());
  }
  remove(session: Session) {
    this.writes++;
    return this.later(() => this.inner.remove(session));
  }
  takeDue(now: number, limit: number) {
    return this.later(() => this.inner.takeDue(now, limit));
  }
  size() {
    return this.later(() => this.inner.size());
  }
}

describe("a Site on an asynchronous store", () => {
  it("serves the seed's pages unchanged, waiting for the store", async () => {
    class ShowSession extends Resource {
      render_GET(request: Request): string {
        return "Your session id is: " + request.getSession().uid;
      }
    }
    class ExpireSession extends Resource {
      render_GET(request: Request): string {
        request.getSession().expire();
        return "Your session has been expired.";
      }
    }
    const resource = new ShowSession();
    resource.putChild("expire", new ExpireSession());
    const store = new LaterStore();
    const site = new Site(resource, { store, clock: new ManualClock(0) });
    const http = await listen(site);
    try {
      const first = await get(http.url);
      const uid = UID.exec(first.body)![1]!;
      const cookie = `TWISTED_SESSION=${uid}`;
      assert.equal(UID.exec((await get(http.url, { cookie })).body)![1], uid);
      await get(new URL("/expire", http.url), { cookie });
      assert.notEqual(UID.exec((await get(http.url, { cookie })).body)![1], uid);
      assert.ok(store.writes >= 4);
    } finally {
      site.stopSweeping();
      await http.close();
    }
  });
});
