/** junit.xml, parsed back: each verdict lands where a CI system reads it, and `error` is an <error>. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { XMLParser } from "fast-xml-parser";
import { junitXml } from "../../runner/reports/junit.ts";
import type { Level, RequirementResult, Verdict } from "../../runner/requirements.ts";
import type { RunOutcome } from "../../runner/run.ts";

const result = (id: string, level: Level, verdict: Verdict): RequirementResult => ({
  id,
  title: `title of ${id}`,
  level,
  verdict,
  reason: verdict === "pass" ? undefined : `why ${id}`,
  transports: {},
  measurements: [],
  cases: [],
});

const outcome = (...requirements: RequirementResult[]): RunOutcome => ({
  target: { name: "synthetic", baseUrl: "http://127.0.0.1:1", nodes: 1 },
  client: "default",
  transports: ["http"],
  startedAt: new Date(0),
  durationMs: 1500,
  scenarios: [],
  requirements,
  clientDisagreements: [],
});

interface TestCase {
  "@_name": string;
  failure?: { "@_message": string; "@_type": string };
  error?: { "@_message": string; "@_type": string };
  skipped?: unknown;
}

async function testCases(run: RunOutcome, strict: boolean): Promise<Map<string, TestCase>> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "testcase",
  });
  const xml = parser.parse(await junitXml(run, { strict }));
  const suite = xml.testsuites.testsuite;
  // The counts CI systems show before any testcase: an error is not folded into the failures.
  assert.equal(suite["@_errors"], "1");
  assert.equal(suite["@_failures"], strict ? "2" : "1");
  const cases: TestCase[] = suite.testcase;
  return new Map(cases.map((c) => [c["@_name"].split(" ")[0]!, c]));
}

describe("junit.xml", () => {
  const run = outcome(
    result("A-1", "MUST", "pass"),
    result("A-2", "MUST", "fail"),
    result("A-3", "SHOULD", "fail-should"),
    result("A-4", "MUST", "error"),
    result("A-5", "MUST", "not-applicable"),
  );

  it("writes error as a JUnit <error> with its reason, never as a failure", async () => {
    const cases = await testCases(run, false);
    assert.deepEqual(cases.get("A-4")?.error, { "@_message": "why A-4", "@_type": "error" });
    assert.equal(cases.get("A-4")?.failure, undefined);
  });

  it("writes a failure exactly when the verdict fails the exit code", async () => {
    const lenient = await testCases(run, false);
    assert.deepEqual(lenient.get("A-2")?.failure, { "@_message": "why A-2", "@_type": "fail" });
    assert.equal(lenient.get("A-3")?.failure, undefined);
    const strict = await testCases(run, true);
    assert.deepEqual(strict.get("A-3")?.failure, { "@_message": "why A-3", "@_type": "fail-should" });
  });

  it("writes a pass with neither, and not-applicable as skipped", async () => {
    const cases = await testCases(run, false);
    const pass = cases.get("A-1")!;
    assert.equal(pass.failure ?? pass.error ?? pass.skipped, undefined);
    assert.ok("skipped" in cases.get("A-5")!);
  });
});
