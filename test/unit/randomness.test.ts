/**
 * SEC-1 and SEC-2's judgements (steps/randomness/): every perfect generator in the encodings
 * real implementations use passes, every flaw fails for the defect it has. Samples come from
 * SHA-256 in counter mode with a fixed seed, so the verdicts are the same on every run; only
 * the Monte-Carlo false-failure check draws fresh random bytes, and asserts a generous bound.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { affineRank } from "../../steps/randomness/dependence.ts";
import { judgeEntropy, judgeStructure } from "../../steps/randomness/index.ts";
import { bitColumns, decode } from "../../steps/randomness/sample.ts";
import { FLAWED, PERFECT, type Shape, sampleOf, seeded } from "../../steps/randomness/shapes.ts";
import {
  chiSquareCritical,
  chiSquareSurvival,
  noncentralityUpperBound,
  poissonAtLeast,
  poissonMeanLowerBound,
} from "../../steps/randomness/stats.ts";

const options = { minBits: 128, significance: 0.001 };
const sample = (name: string, shape: Shape, count = 1000) => sampleOf(shape, seeded(name), count);
const near = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected} ± ${tolerance}`);

describe("distributions", () => {
  it("should give chi-square tails and their inverse", () => {
    near(chiSquareSurvival(30.5779, 15), 0.01, 1e-5);
    near(chiSquareCritical(0.05, 63), 82.5287, 1e-3);
    near(chiSquareCritical(1e-8, 1), 32.8413, 1e-3);
  });

  it("should give Poisson tails and the exact lower bound on a mean", () => {
    near(poissonAtLeast(1, 0.5), 1 - Math.exp(-0.5), 1e-12);
    near(poissonMeanLowerBound(1, 0.001), -Math.log(0.999), 1e-9);
  });

  it("should bound a chi-square's non-centrality above its excess", () => {
    assert.ok(noncentralityUpperBound(480, 480, 3.09) > 0);
    near(noncentralityUpperBound(1480, 480, 0), 1000, 1e-9);
  });
});

describe("decoding", () => {
  it("should find the alphabet and the symbols each character uses", () => {
    const b64 = decode(sample("a", PERFECT["128-bit base64url (22 chars)"]!))!;
    assert.equal(b64.alphabet.name, "base64url");
    assert.deepEqual([b64.positions[0]!.size, b64.positions.at(-1)!.size], [64, 4]);
    const uuid = decode(sample("b", PERFECT["UUID v4 (koa-session, 122 bits)"]!))!;
    assert.equal(uuid.constant, 5);
    assert.equal(uuid.positions.find((p) => p.index === 19)!.size, 4);
    assert.equal(decode(sample("c", PERFECT["base36, 32 chars (Django)"]!))!.alphabet.name, "base36");
    assert.match(
      decode(sample("d", PERFECT["PHP 8.2 default (32 chars of [0-9a-v], 160 bits)"]!))!.alphabet.name,
      /PHP/,
    );
    assert.equal(decode(sample("e", PERFECT["128-bit upper-case hex (Tomcat)"]!))!.alphabet.binary, true);
  });

  it("should rank repeated bits out, XOR with a constant included", () => {
    const s = decode(sample("f", FLAWED["128 bits, second half = first XOR a constant"]!))!;
    const columns = bitColumns(s);
    assert.deepEqual([columns.length, affineRank(columns, s.count).rank], [128, 64]);
  });
});

describe("perfect generators (n = 1,000)", () => {
  for (const [name, shape] of Object.entries(PERFECT)) {
    const ids = sample(name, shape);
    const uuid = name.startsWith("UUID");
    it(`should ${uuid ? "fail SEC-1 for its 122 bits" : "pass SEC-1"} and pass SEC-2: ${name}`, () => {
      const entropy = judgeEntropy(ids, options);
      assert.equal(entropy.verdict, uuid ? "fail" : "pass", entropy.reason);
      if (uuid) assert.match(entropy.reason, /room for 122\.0 bits only/);
      const structure = judgeStructure(ids, options);
      assert.equal(structure.verdict, "pass", structure.reason);
    });
  }
});

// Each flaw: what SEC-1 must say (a fail unless noted), and SEC-2's verdict and reason.
const FLAWS: Record<string, [RegExp, "pass" | "fail", RegExp]> = {
  "256-bit hex that never holds an f (selftest's biased-id)": [
    /^at least 249\.\d bits per id.*128 required$/,
    "fail",
    /bits are biased \(256 bits, mean P\(1\) = 0\.46/,
  ],
  "64-bit random repeated 4 times": [
    /at least 63\.\d bits.*192\.0 bits repeat or are derived/,
    "fail",
    /positions depend on each other.*linear combinations/,
  ],
  counter: [
    /room for 10\.0 bits only: 3 of 64 characters vary; consecutive ids are related/,
    "fail",
    /consecutive ids are related \(a counter or a clock\)/,
  ],
  "SHA-256 of a millisecond clock, 4 ids per ms": [
    /at most 8\.5 bits.*ids repeat: 1500 equal pairs/,
    "fail",
    /consecutive ids are related.*ids repeat/,
  ],
  "ms clock (48 bits) + 80 random bits, ULID-like": [
    /room for 8\d\.\d bits only.*consecutive ids are related/,
    "fail",
    /consecutive ids are related/,
  ],
  "128-bit hex, one bit per char at P(1) = 0.6": [
    /at least 12[56]\.\d bits.*symbols are biased, costing [12]\.\d bits/,
    "fail",
    /a bit is biased \(bit 1 of character \d+, P\(1\) = 0\.6/,
  ],
  "64-bit hex (short)": [/room for 64\.0 bits only/, "pass", /no structure found/],
  "128 bits, second half = first XOR a constant": [
    /at least 63\.\d bits.*64\.0 bits repeat or are derived from other positions \(bit \d of character 1[7-9]/,
    "fail",
    /linear combinations of bits at other positions/,
  ],
  "fixed 100-bit prefix + 28 random bits": [
    /room for 28\.0 bits only: 7 of 32 characters vary/,
    "pass",
    /no structure found/,
  ],
};

describe("flawed generators (n = 1,000)", () => {
  for (const [name, [entropyReason, structureVerdict, structureReason]] of Object.entries(FLAWS)) {
    const entropyVerdict = name.includes("never holds an f") ? "pass" : "fail";
    it(`should ${entropyVerdict} SEC-1 and ${structureVerdict} SEC-2: ${name}`, () => {
      const ids = sample(name, FLAWED[name]!);
      const entropy = judgeEntropy(ids, options);
      assert.equal(entropy.verdict, entropyVerdict);
      assert.match(entropy.reason, entropyReason);
      const structure = judgeStructure(ids, options);
      assert.equal(structure.verdict, structureVerdict, structure.reason);
      assert.match(structure.reason, structureReason);
    });
  }

  it("should count a 64-bit value repeated 4 times as 64 bits however long the id", () => {
    const ids = sample("g", FLAWED["64-bit random repeated 4 times"]!);
    assert.match(judgeEntropy(ids, { minBits: 64, significance: 0.001 }).reason, /at least 63\.\d bits per id/);
  });
});

describe("samples that cannot say", () => {
  const hex = PERFECT["128-bit hex"]!;
  it("should give an error, never a verdict, for too few ids, one id, or no alphabet", () => {
    assert.match(judgeEntropy(sample("h", hex, 100), options).reason, /100 ids are too few/);
    assert.equal(judgeStructure(sample("h", hex, 100), options).verdict, "error");
    assert.match(judgeEntropy(Array(1000).fill("abc"), options).reason, /all 1000 ids are the same/);
    const wild = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(256 + (i % 300)));
    assert.equal(judgeStructure(wild, options).verdict, "error");
  });

  it("should ask for enough ids for a wide alphabet", () => {
    assert.match(
      judgeEntropy(sample("i", PERFECT["128-bit base64url (22 chars)"]!, 250), options).reason,
      /too few for characters of 64 symbols/,
    );
  });
});

describe("figures", () => {
  it("should state the test, sample, bound, false-failure rate and smallest defect", () => {
    const ids = sample("j", PERFECT["128-bit hex"]!);
    const text = [...judgeEntropy(ids, options).figures, ...judgeStructure(ids, options).figures].join("\n");
    for (const part of [
      /^test: collision entropy/m,
      /1000 ids \(1000 distinct\)/,
      /99\.90% lower bound 127\.\d bits/,
      /false-failure rate on a perfect generator with this layout: \d\.\de-\d+ per run/,
      /smallest defect detected: a loss of 0\.\d bits/,
      /at most 0\.001 per run/,
      /one bit with \|P\(1\) − ½\| ≥ 0\.07\d/,
    ]) {
      assert.match(text, part);
    }
  });
});

describe("Monte-Carlo on fresh random ids (scripts/randomness-rates.ts runs 500 per shape)", () => {
  it("should seldom fail perfect generators in the encodings that used to fail", () => {
    let entropyFails = 0;
    let structureFails = 0;
    const shapes = [
      "128-bit base64url (22 chars)",
      "128-bit base32 (26 chars)",
      "base36, 32 chars (Django)",
      "UUID v4 (koa-session, 122 bits)",
    ];
    for (const name of shapes) {
      for (let run = 0; run < 5; run++) {
        const ids = sampleOf(PERFECT[name]!, randomBytes, 1000);
        if (!name.startsWith("UUID")) entropyFails += judgeEntropy(ids, options).verdict === "fail" ? 1 : 0;
        // At a loose α = 0.05 so the check has something to count; at most 0.05 per run by construction.
        structureFails += judgeStructure(ids, { significance: 0.05 }).verdict === "fail" ? 1 : 0;
      }
    }
    assert.equal(entropyFails, 0);
    assert.ok(structureFails <= 4, `${structureFails} of 20 runs failed SEC-2 at α = 0.05`);
  });
});

describe("speed", () => {
  const cpu = (f: () => unknown) => {
    const start = process.cpuUsage();
    f();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  it("should judge 1,000 ids of 256 bits in under 100 ms and 20,000 in under 2 s (CPU, with slack for a busy machine)", () => {
    const small = sample("k", PERFECT["256-bit hex (reference)"]!);
    judgeStructure(small, options);
    assert.ok(cpu(() => [judgeEntropy(small, options), judgeStructure(small, options)]) < 2 * 200);
    const large = sample("l", PERFECT["256-bit hex (reference)"]!, 20_000);
    let verdicts: string[] = [];
    const ms = cpu(() => (verdicts = [judgeEntropy(large, options).verdict, judgeStructure(large, options).verdict]));
    assert.deepEqual(verdicts, ["pass", "pass"]);
    assert.ok(ms < 2 * 4000, `${ms} ms`);
  });
});
