import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../reference/clock.ts";
import { ComponentRegistry, InterfaceKey } from "../../reference/components.ts";
import { MemorySessionStore } from "../../reference/memoryStore.ts";
import { Resource } from "../../reference/resource.ts";
import { Session } from "../../reference/session.ts";
import { Site } from "../../reference/site.ts";

/** A Site on a ManualClock with no periodic sweep, its sessions in a store the test holds. */
function makeSite(sessionTimeout = 100) {
  const clock = new ManualClock(1000);
  const store = new MemorySessionStore();
  const site = new Site(new Resource(), { clock, store, sessionTimeout });
  site.stopSweeping();
  return { clock, store, site };
}

describe("MemorySessionStore", () => {
  it("finds, counts and forgets sessions by uid, whatever characters the uid has", () => {
    const { store, site } = makeSite();
    const uids = ["", "z", "ZZ-top", "é€", "0".repeat(64), "f".repeat(64)];
    const sessions = uids.map((uid) => new Session(site, uid));
    for (const session of sessions) store.add(session);
    assert.equal(store.size(), uids.length);
    for (const session of sessions) assert.equal(store.get(session.uid), session);
    store.remove(sessions[0]!);
    store.remove(sessions[0]!);
    assert.equal(store.get(""), undefined);
    assert.equal(store.size(), uids.length - 1);
  });

  it("does not forget a newer session that took over an ended one's uid", () => {
    const { store, site } = makeSite();
    const old = new Session(site, "a".repeat(64));
    const newer = new Session(site, "a".repeat(64));
    store.add(old);
    store.add(newer);
    store.remove(old);
    assert.equal(store.get(newer.uid), newer);
    assert.equal(store.size(), 1);
  });

  it("hands out due sessions in batches of the limit, and nothing before their time", async () => {
    const { clock, store, site } = makeSite(100);
    for (let i = 0; i < 5000; i++) site.makeSession();
    assert.deepEqual(await store.takeDue(clock.seconds() + 99, 2000), []);
    clock.advance(100);
    const sizes: number[] = [];
    for (
      let batch = await store.takeDue(clock.seconds(), 2000);
      batch.length > 0;
      batch = await store.takeDue(clock.seconds(), 2000)
    ) {
      sizes.push(batch.length);
      for (const session of batch) session.expire();
    }
    assert.deepEqual(sizes, [2000, 2000, 1000]);
    assert.equal(store.size(), 0);
  });

  it("re-files a large bucket of live sessions over several turns, ending none and leaving the loop free", async () => {
    const { clock, store, site } = makeSite(100);
    const sessions = Array.from({ length: 10_000 }, () => site.makeSession());
    clock.advance(50);
    for (const session of sessions) site.touchSession(session);
    clock.advance(50);
    let turns = 0;
    let other = true;
    const otherWork = () => {
      turns++;
      if (other) setImmediate(otherWork);
    };
    setImmediate(otherWork);
    const due = await store.takeDue(clock.seconds(), 2000);
    other = false;
    assert.deepEqual(due, []);
    assert.ok(turns >= 4, `other work ran ${turns} times while the bucket was re-filed`);
    assert.equal(store.size(), 10_000);
    clock.advance(50);
    assert.equal((await store.takeDue(clock.seconds(), 20_000)).length, 10_000);
  });

  it("re-checks the sessions it holds across a turn: one used meanwhile is re-filed, one ended is dropped", async () => {
    const { clock, store, site } = makeSite(100);
    const idle = Array.from({ length: 10 }, () => site.makeSession());
    clock.advance(1);
    const live = Array.from({ length: 5000 }, () => site.makeSession());
    clock.advance(59);
    for (const session of live) site.touchSession(session);
    clock.advance(50);
    // The idle ones are taken first; the live ones' bucket then needs more than this turn.
    const pending = store.takeDue(clock.seconds(), 2000);
    assert.ok(pending instanceof Promise, "the work did not fit in one turn");
    site.touchSession(idle[0]!);
    idle[1]!.expire();
    const due = await pending;
    assert.ok(!due.includes(idle[0]!) && !due.includes(idle[1]!));
    assert.equal(due.length, 8);
    assert.equal(store.get(idle[0]!.uid), idle[0]);
  });
});

describe("Session fields", () => {
  it("uses its Site's adapter registry without keeping one of its own", () => {
    const registry = new ComponentRegistry();
    const ICount = new InterfaceKey<{ n: number }>("ICount");
    registry.registerAdapter(() => ({ n: 7 }), Session, ICount);
    const site = new Site(new Resource(), { clock: new ManualClock(0), registry });
    site.stopSweeping();
    const session = site.makeSession();
    assert.equal(session.getComponent(ICount)?.n, 7);
    assert.deepEqual(
      Object.keys(session).filter((key) => /registry/i.test(key)),
      [],
    );
  });

  it("ignores callbacks registered after it ended", () => {
    const { site } = makeSite();
    const session = site.makeSession();
    session.expire();
    let ran = false;
    session.notifyOnExpire(() => (ran = true));
    session.expire();
    assert.equal(ran, false);
    assert.equal(session.isExpired, true);
  });
});
