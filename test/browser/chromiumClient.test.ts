import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { referenceAdapter } from "../../adapters/reference.ts";
import type { Target } from "../../adapters/target.ts";
import { ChromiumBrowse, chromiumAvailable, startChromium, stopChromium } from "../../steps/clients/chromium/index.ts";
import { needChromium, Wire } from "./support.ts";

const uid = (body: string) => /Your session id is: (\S+)/.exec(body)?.[1];

/** A page that sets a lasting and a session cookie, a redirect, and a barrier for parallel visits. */
function testPages(parallel: number) {
  const waiting: ServerResponse[] = [];
  const seen: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push(request.url ?? "");
    if (request.url === "/set")
      return void response
        .writeHead(200, { "set-cookie": ["LASTING=1; Path=/; Max-Age=60", "SESSION=1; Path=/"] })
        .end("set");
    if (request.url === "/moved")
      return void response.writeHead(302, { location: "/elsewhere", "set-cookie": "MOVED=1; Path=/" }).end();
    if (!request.url?.startsWith("/barrier")) return void response.end(`cookie=${request.headers.cookie ?? ""}`);
    // Each answer waits until every visit has arrived: visits made one after another would never finish.
    waiting.push(response);
    if (waiting.length === parallel) for (const held of waiting.splice(0)) held.end("all arrived");
  });
  return { server, seen };
}

describe("the Chromium client", { timeout: 120_000 }, () => {
  let reference: Target;
  const pages = testPages(3);
  let pagesUrl: URL;

  before(async () => {
    if (!(await chromiumAvailable())) return;
    reference = await referenceAdapter().start();
    await new Promise<void>((resolve) => pages.server.listen(0, "127.0.0.1", resolve));
    pagesUrl = new URL(`http://127.0.0.1:${(pages.server.address() as AddressInfo).port}`);
    await startChromium({ trust: [reference.connection.tlsCa] });
  });
  after(async () => {
    await stopChromium();
    await reference?.stop();
    pages.server.close();
  });

  it("keeps the session across visits, forgets it on flush, and takes it back on restore", async (t) => {
    if (!(await needChromium(t))) return;
    const wire = new Wire();
    const alice = await ChromiumBrowse.create({
      actor: "Alice",
      record: wire.record,
      tlsCa: reference.connection.tlsCa,
    });
    const bob = await ChromiumBrowse.create({ actor: "Bob", record: wire.record, tlsCa: reference.connection.tlsCa });
    try {
      for (const base of [reference.connection.nodes[0].http, reference.connection.nodes[0].https!]) {
        await alice.flushCookies(); // the HTTP cookie would ride along to HTTPS: cookies know no ports
        const show = new URL("/", base);
        const first = await alice.visit(show);
        assert.equal(first.sentCookie, undefined, `${wire}`);
        assert.equal(first.setCookies.length, 1, `${wire}`);
        const again = await alice.visit(show);
        assert.equal(uid(again.body), uid(first.body), `${wire}`);
        assert.match(again.sentCookie ?? "", /^TWISTED_(SECURE_)?SESSION=/, `${wire}`);
        const kept = await alice.cookies(show);
        assert.equal(kept.length, 1, `${wire}`);
        assert.equal(kept[0]?.httpOnly, true);
        assert.deepEqual(await bob.cookies(show), [], "each actor has its own jar");
        await alice.flushCookies();
        const flushed = await alice.visit(show);
        assert.equal(flushed.sentCookie, undefined, `${wire}`);
        assert.notEqual(uid(flushed.body), uid(first.body));
        await alice.flushCookies();
        await alice.restoreCookies(kept, show);
        assert.equal(uid((await alice.visit(show)).body), uid(first.body), `restored cookie not sent:\n${wire}`);
      }
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it("judges a cookie's lifetime at the target's time, stops at redirects and visits in parallel", async (t) => {
    if (!(await needChromium(t))) return;
    const wire = new Wire();
    const alice = await ChromiumBrowse.create({ actor: "Alice", record: wire.record });
    try {
      const set = await alice.visit(new URL("/set", pagesUrl));
      assert.deepEqual(set.setCookies, ["LASTING=1; Path=/; Max-Age=60", "SESSION=1; Path=/"]);
      await alice.clockMoved(59);
      assert.deepEqual((await alice.cookies(pagesUrl)).map((c) => c.name).sort(), ["LASTING", "SESSION"]);
      await alice.clockMoved(2);
      assert.deepEqual(
        (await alice.cookies(pagesUrl)).map((c) => c.name),
        ["SESSION"],
      );
      assert.equal((await alice.visit(new URL("/", pagesUrl))).sentCookie, "SESSION=1", `${wire}`);

      const moved = await alice.visit(new URL("/moved", pagesUrl));
      assert.equal(moved.status, 302);
      assert.deepEqual(moved.setCookies, ["MOVED=1; Path=/"]);
      assert.equal(moved.headers.location, "/elsewhere");
      assert.ok(!pages.seen.includes("/elsewhere"), "the redirect was followed");

      const barrier = [1, 2, 3].map((n) => new URL(`/barrier?${n}`, pagesUrl));
      const all = await alice.visitAll(barrier);
      assert.deepEqual(
        all.map((page) => page.body),
        ["all arrived", "all arrived", "all arrived"],
      );
      assert.ok(
        all.every((page) => page.sentCookie?.includes("MOVED=1")),
        `${wire}`,
      );
    } finally {
      await alice.close();
    }
  });
});
