/**
 * Legacy: tests of steps/support/randomness.ts, which SEC-1/SEC-2 use until the lead switches
 * them to steps/randomness/ (tested in randomness.test.ts); delete this file with that module.
 *
 * The statistics behind SEC-1 and SEC-2: the tests give the P-values of NIST SP 800-22's
 * worked examples, a perfect generator passes, and each kind of weak generator fails. Samples
 * come from a hash in counter mode with a fixed seed, so every run sees the same ids.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { chiSquareSurvival, estimateEntropy, layoutOf, monobit, normalTwoSided, randomnessBattery, runs } from "../../steps/support/randomness.ts";

/** `count` ids of `bytes` pseudo-random bytes each, the same on every run. */
function ids(seed: string, count: number, encode: (bytes: Buffer) => string, bytes = 32): string[] {
  return Array.from({ length: count }, (_, i) => encode(createHash("sha512").update(`${seed}:${i}`).digest().subarray(0, bytes)));
}
const hex = (b: Buffer) => b.toString("hex");
const bits = (text: string) => [[...text].map(Number)];
const near = (actual: number, expected: number, digits = 5) => assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

describe("distributions", () => {
  it("should give the normal two-sided tail", () => {
    near(normalTwoSided(1.959963985), 0.05, 8);
    near(normalTwoSided(-3), 0.0026997961, 9);
    assert.equal(normalTwoSided(0), 1);
  });

  it("should give the chi-square upper tail", () => {
    near(chiSquareSurvival(30.5779, 15), 0.01, 5);
    near(chiSquareSurvival(82.5287, 63), 0.05, 5);
    assert.equal(chiSquareSurvival(0, 15), 1);
  });
});

describe("NIST SP 800-22 worked examples", () => {
  const e = "1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000";

  it("should give the monobit P-values of 2.1.4 and 2.1.8", () => {
    near(monobit("monobit", bits("1011010101"), 1, 0.01).p, 0.527089);
    near(monobit("monobit", bits(e), 1, 0.01).p, 0.109599);
  });

  it("should give the runs P-values of 2.3.4 and 2.3.8", () => {
    near(runs(bits("1001101011"), 1, 0.01).p, 0.147232);
    near(runs(bits(e), 1, 0.01).p, 0.500798);
  });

  it("should fail the runs test outright when the ones are too far from half (2.3.4 (3))", () => {
    const result = runs(bits("1111111111111111111111111111110000"), 1, 0.01);
    assert.equal(result.p, 0);
    assert.equal(result.passed, false);
  });
});

describe("layout", () => {
  it("should find the alphabet of varying positions and leave constant ones out", () => {
    const layout = layoutOf(["s:ab-1", "s:cd-2", "s:ef-3"]);
    assert.deepEqual(layout.constant, [0, 1, 4]);
    assert.deepEqual(layout.varying, [2, 3, 5]);
    assert.equal(layout.alphabet.name, "hex");
  });

  it("should pick the smallest standard alphabet that holds every symbol seen", () => {
    assert.equal(layoutOf(ids("a", 200, (b) => b.toString("base64url"), 24)).alphabet.name, "base64url");
    assert.equal(layoutOf(["0123456789abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba9876543210"]).alphabet.name, "base36");
    assert.equal(layoutOf(["0123456789abcdefghijklmnopqrstuv", "vutsrqponmlkjihgfedcba9876543210"]).alphabet.name, "lowercase base32hex");
  });
});

describe("entropy by position (SEC-1)", () => {
  const cases: Array<[string, string[], number]> = [
    ["256-bit hex", ids("a", 1000, hex), 256],
    ["128-bit hex", ids("b", 1000, hex, 16), 128],
    ["192-bit base64url", ids("c", 1000, (b) => b.toString("base64url"), 24), 192],
    ["32-bit hex", ids("d", 1000, hex, 4), 32],
  ];
  for (const [name, sample, bitsPerId] of cases) {
    it(`should credit ${name} ids with ${bitsPerId} bits`, () => {
      assert.equal(estimateEntropy(sample, 0.001).bits, bitsPerId);
    });
  }

  it("should credit a version 4 UUID with its 122 random bits", () => {
    const uuids = ids("e", 1000, (b) => {
      const h = b.toString("hex");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[b[8]! & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    });
    assert.equal(Math.round(estimateEntropy(uuids, 0.001).bits), 122);
  });

  it("should see that a counter carries few bits", () => {
    const counter = Array.from({ length: 1000 }, (_, i) => (5000 + i).toString(16).padStart(64, "0"));
    assert.ok(estimateEntropy(counter, 0.001).bits < 16);
  });

  it("should count ids handed out twice", () => {
    assert.equal(estimateEntropy([...ids("f", 10, hex), ...ids("f", 3, hex)], 0.001).duplicates, 3);
  });
});

describe("randomness battery (SEC-2)", () => {
  it("should pass ids from a good generator", () => {
    const battery = randomnessBattery(ids("g", 1000, hex), 0.001);
    assert.ok(battery.passed, battery.tests.map((t) => `${t.name}: ${t.p}`).join("; "));
    assert.equal(battery.tests.length, 5);
  });

  it("should fail a counter on the XOR of consecutive ids", () => {
    const counter = Array.from({ length: 1000 }, (_, i) => (5000 + i).toString(16).padStart(64, "0"));
    const xor = randomnessBattery(counter, 0.001).tests.find((t) => t.name === "XOR of consecutive ids: monobit")!;
    assert.equal(xor.passed, false);
  });

  it("should fail hex ids that never hold an f, which entropy by position lets pass", () => {
    const biased = ids("h", 1000, (b) => [...b, ...b].map((byte) => "0123456789abcde"[byte % 15]).join(""));
    assert.ok(estimateEntropy(biased, 0.001).bits >= 128);
    const battery = randomnessBattery(biased, 0.001);
    assert.equal(battery.tests.find((t) => t.name === "monobit")!.passed, false);
  });

  it("should fail hashes of a clock that many ids share", () => {
    const clock = Array.from({ length: 1000 }, (_, i) => createHash("sha256").update(String(Math.floor(i / 4))).digest("hex"));
    assert.equal(randomnessBattery(clock, 0.001).passed, false);
  });

  it("should leave out bit tests for an alphabet whose size is no power of two", () => {
    const base36 = ids("i", 1000, (b) => [...b].map((byte) => "0123456789abcdefghijklmnopqrstuvwxyz"[byte % 36]).join(""));
    const names = randomnessBattery(base36, 0.001).tests.map((t) => t.name);
    assert.deepEqual(names, ["chi-square per position", "difference of consecutive ids: chi-square per position"]);
  });

  it("should fail when no position varies", () => {
    assert.equal(randomnessBattery(["same", "same", "same"], 0.001).passed, false);
  });
});
