import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../reference/clock.ts";
import { Resource } from "../../reference/resource.ts";
import { Session } from "../../reference/session.ts";
import { Site } from "../../reference/site.ts";

function makeSite(options: { sessionTimeout?: number; log?: (line: string) => void } = {}) {
  const clock = new ManualClock(1000);
  const site = new Site(new Resource(), { clock, ...options });
  return { clock, site };
}

describe("Site sessions", () => {
  it("makes sessions with 256-bit lowercase hex uids, all different", () => {
    const { site } = makeSite();
    const uids = new Set(Array.from({ length: 100 }, () => site.makeSession().uid));
    assert.equal(uids.size, 100);
    for (const uid of uids) assert.match(uid, /^[0-9a-f]{64}$/);
  });

  it("finds a live session by uid and nothing for unknown or malformed uids", async () => {
    const { site } = makeSite();
    const session = site.makeSession();
    assert.equal(await site.getSession(session.uid), session);
    assert.equal(await site.getSession("f".repeat(64)), undefined);
    assert.equal(await site.getSession(session.uid.toUpperCase()), undefined);
    assert.equal(await site.getSession(undefined), undefined);
  });

  it("keeps a session alive until its timeout and ends it at the timeout", async () => {
    const { clock, site } = makeSite({ sessionTimeout: 60 });
    const session = site.makeSession();
    clock.advance(59);
    assert.equal(await site.getSession(session.uid), session);
    clock.advance(1);
    assert.equal(await site.getSession(session.uid), undefined);
    assert.equal(session.isExpired, true);
  });

  it("slides the timeout when the session is touched", async () => {
    const { clock, site } = makeSite({ sessionTimeout: 60 });
    const session = site.makeSession();
    for (let i = 0; i < 5; i++) {
      clock.advance(40);
      site.touchSession(session);
    }
    await site.sweep();
    assert.equal(await site.getSession(session.uid), session);
  });

  it("sweeps timed-out sessions, running their callbacks once, in order, past a throwing one", async () => {
    const lines: string[] = [];
    const { clock, site } = makeSite({ sessionTimeout: 10, log: (line) => lines.push(line) });
    const session = site.makeSession();
    const ran: number[] = [];
    session.notifyOnExpire(() => ran.push(1));
    session.notifyOnExpire(() => {
      throw new Error("boom");
    });
    session.notifyOnExpire(() => ran.push(3));
    clock.advance(11);
    await site.sweep();
    session.expire();
    assert.deepEqual(ran, [1, 3]);
    assert.equal(await site.store.size(), 0);
    assert.match(lines.join("\n"), /notifyOnExpire callback .* failed: Error: boom/);
  });

  it("sweeps a large batch across turns of the event loop", async () => {
    const { clock, site } = makeSite({ sessionTimeout: 10 });
    const ended: string[] = [];
    for (let i = 0; i < 5000; i++) site.makeSession().notifyOnExpire(() => ended.push("x"));
    clock.advance(10);
    await site.sweep();
    assert.equal(ended.length, 5000);
    assert.equal(await site.store.size(), 0);
  });

  it("uses the session factory, as Twisted's Site.sessionFactory", () => {
    class ShortSession extends Session {}
    const site = new Site(new Resource(), {
      clock: new ManualClock(),
      sessionFactory: (s, uid) => new ShortSession(s, uid, 5),
    });
    const session = site.makeSession();
    assert.ok(session instanceof ShortSession);
    assert.equal(session.sessionTimeout, 5);
    site.stopSweeping();
  });

  it("runs its own sweep on the clock", async () => {
    const { clock, site } = makeSite({ sessionTimeout: 5 });
    const session = site.makeSession();
    clock.advance(6);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(session.isExpired, true);
    site.stopSweeping();
  });
});
