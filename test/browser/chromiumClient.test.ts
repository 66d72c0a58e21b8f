import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { referenceAdapter } from "../../adapters/reference.ts";
import type { Target } from "../../adapters/target.ts";
import { ChromiumBrowse, chromiumAvailable, startChromium, stopChromium } from "../../steps/clients/chromium/index.ts";
import { DISABLED_FEATURES } from "../../steps/clients/chromium/launcher.ts";
import { closeSpares } from "../../steps/clients/chromium/pool.ts";
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

/** The command lines of this process's descendants (Linux /proc), by pid. */
async function descendants(): Promise<Map<number, string[]>> {
  const parents = new Map<number, number>();
  const lines = new Map<number, string[]>();
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      lines.set(pid, (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0"));
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = (pid: number): boolean =>
    pid === process.pid || (parents.has(pid) && pid > 1 && ours(parents.get(pid)!));
  return new Map([...lines].filter(([pid]) => pid !== process.pid && ours(pid)));
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

  it("starts Chromium with Playwright's disabled features and RenderDocument, in the one --disable-features it reads", async (t) => {
    if (!(await needChromium(t))) return;
    const browsers = [...(await descendants()).values()].filter(
      (args) => args.includes("--remote-debugging-pipe") && !args.some((a) => a.startsWith("--type=")),
    );
    // The browser process, and the shell of Debian's wrapper script when it runs one, with the same switches.
    assert.ok(browsers.length >= 1, "no Chromium browser process among this process's children");
    for (const args of browsers) {
      const lists = args.filter((a) => a.startsWith("--disable-features=")).map((a) => a.split("=")[1]!.split(","));
      // Chromium takes the last --disable-features only: it must hold Playwright's (the first) too.
      const effective = lists.at(-1) ?? [];
      for (const feature of [...lists.flat(), "RenderDocument"])
        assert.ok(effective.includes(feature), `${feature} is enabled: ${args.join(" ")}`);
      assert.deepEqual(effective, DISABLED_FEATURES);
    }
  });

  it("opens an actor's context only when the actor first browses", async (t) => {
    if (!(await needChromium(t))) return;
    const browser = await startChromium({ trust: [reference.connection.tlsCa] });
    await closeSpares();
    const before = browser.contexts().length;
    const idle = await ChromiumBrowse.create({ actor: "Carol", record: () => undefined });
    await idle.clockMoved(5);
    await idle.close();
    assert.equal(browser.contexts().length, before, "an actor who never browsed opened a context");
    const active = await ChromiumBrowse.create({ actor: "Dave", record: () => undefined });
    await active.visit(new URL("/", pagesUrl));
    assert.ok(browser.contexts().length > before, "a visit opened no context");
    await active.close();
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
