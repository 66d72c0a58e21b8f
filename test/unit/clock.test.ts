import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock, realClock } from "../../reference/clock.ts";

describe("ManualClock", () => {
  it("moves only when advanced", () => {
    const clock = new ManualClock(100);
    assert.equal(clock.seconds(), 100);
    clock.advance(2.5);
    assert.equal(clock.seconds(), 102.5);
  });

  it("runs due calls in order of their time, and not cancelled ones", () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    clock.callLater(3, () => ran.push("c"));
    clock.callLater(1, () => ran.push("a"));
    clock.callLater(2, () => ran.push("b")).cancel();
    clock.callLater(10, () => ran.push("late"));
    clock.advance(5);
    assert.deepEqual(ran, ["a", "c"]);
  });

  it("refuses to go backwards", () => {
    assert.throws(() => new ManualClock().advance(-1), RangeError);
    assert.throws(() => new ManualClock().advance(Number.NaN), RangeError);
  });
});

describe("realClock", () => {
  it("reads wall time in seconds and runs a call later", async () => {
    assert.ok(Math.abs(realClock.seconds() - Date.now() / 1000) < 1);
    await new Promise<void>((resolve) => realClock.callLater(0.001, resolve));
    realClock.callLater(1, () => assert.fail("cancelled")).cancel();
  });
});
