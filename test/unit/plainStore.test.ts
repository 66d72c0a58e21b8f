import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../reference/clock.ts";
import { Resource } from "../../reference/resource.ts";
import { Site } from "../../reference/site.ts";
import { PlainSessionStore } from "../../reference/stores/plainStore.ts";

describe("the plain store", () => {
  it("keeps sessions, slides their timeout and sweeps those that timed out, once", async () => {
    const clock = new ManualClock(0);
    const site = new Site(new Resource(), { clock, store: new PlainSessionStore(), sessionTimeout: 10 });
    const [kept, left] = [site.makeSession(), site.makeSession()];
    const ended: string[] = [];
    for (const s of [kept, left]) s.notifyOnExpire(() => ended.push(s.uid));
    clock.advance(6);
    await site.sweep(); // the sweep the clock started; a sweep in flight is shared
    site.touchSession(kept);
    clock.advance(6);
    await site.sweep();
    assert.deepEqual(ended, [left.uid]);
    assert.equal(await site.getSession(kept.uid), kept);
    assert.equal(await site.store.size(), 1);
    site.stopSweeping();
  });
});
