/**
 * The gate and the `error` verdict (issue 9): a run that could not judge a requirement is never
 * taken for a pass, whatever the divergence list says about other requirements.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gate } from "../../runner/gate.ts";
import type { RequirementResult } from "../../runner/requirements.ts";

const errored: RequirementResult = {
  id: "SEC-5",
  title: "A slow request that outlives its session does not bring it back",
  level: "MUST",
  verdict: "error",
  reason: "the slow page answered before the expire: the race was not run",
  transports: {},
  measurements: [],
  cases: [],
};

describe("the gate and the error verdict", () => {
  it("reports an undeclared error as unexpected, naming it", () => {
    const result = gate({ requirements: [errored] }, { divergences: [] });
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.unexpected.map((u) => [u.id, u.expected, u.actual]),
      [["SEC-5", "pass or not-applicable", "error"]],
    );
  });

  it("does not take an error for a declared failure", () => {
    const result = gate(
      { requirements: [errored] },
      { divergences: [{ id: "SEC-5", verdict: "fail", reason: "express-session #632" }] },
    );
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.unexpected.map((u) => [u.id, u.expected, u.actual]),
      [["SEC-5", "fail", "error"]],
    );
  });
});
