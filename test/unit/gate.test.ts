/** The divergence gate on synthetic results: every verdict other than the declared ones is news. */
import assert from "node:assert/strict";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type Divergence, DivergenceFileError, divergencesFor, readDivergences } from "../../runner/divergences.ts";
import { ExitCode } from "../../runner/exitCodes.ts";
import { gate, gatedExitCode } from "../../runner/gate.ts";
import type { RequirementResult, ScenarioStatus, Verdict } from "../../runner/requirements.ts";

const STATUS: Record<Verdict, ScenarioStatus> = {
  pass: "passed",
  fail: "failed",
  "fail-should": "failed",
  "fail-may": "failed",
  "not-applicable": "not-applicable",
  error: "error",
};

/** One requirement's result; over HTTP only unless `transports` says otherwise. */
function result(
  id: string,
  verdict: Verdict,
  transports: Record<string, ScenarioStatus> = { http: STATUS[verdict] },
): RequirementResult {
  const level = verdict === "fail-should" ? "SHOULD" : verdict === "fail-may" ? "MAY" : "MUST";
  const entries = Object.entries(transports).map(([t, status]) => [t, { status }]);
  return {
    id,
    title: id,
    level,
    verdict,
    reason: verdict === "pass" ? undefined : `why ${id}`,
    transports: Object.fromEntries(entries),
    measurements: [],
    cases: [],
  };
}

const run = (...requirements: RequirementResult[]) => ({ requirements });
const declare = (...divergences: Divergence[]) => ({ divergences });
const unexpectedIds = (outcome: ReturnType<typeof gate>) =>
  outcome.unexpected.map((u) => `${u.id}: ${u.expected} → ${u.actual}`);

describe("gate", () => {
  it("passes when undeclared requirements pass or do not apply and declared ones fail as declared", () => {
    const outcome = gate(
      run(result("BASIC-1", "pass"), result("END-1", "not-applicable"), result("BASIC-7", "fail")),
      declare({ id: "BASIC-7", verdict: "fail", reason: "r" }),
    );
    assert.equal(outcome.passed, true);
    assert.deepEqual(outcome.unexpected, []);
  });

  it("fails on an undeclared failure at any level, even MAY", () => {
    const outcome = gate(run(result("COOKIE-5", "fail-may")), declare());
    assert.equal(outcome.passed, false);
    assert.deepEqual(unexpectedIds(outcome), ["COOKIE-5: pass or not-applicable → fail-may"]);
    assert.equal(outcome.unexpected[0]!.detail, "why COOKIE-5");
  });

  it("fails when a declared failure now passes (the list must follow a fix)", () => {
    const outcome = gate(run(result("BASIC-7", "pass")), declare({ id: "BASIC-7", verdict: "fail", reason: "r" }));
    assert.deepEqual(unexpectedIds(outcome), ["BASIC-7: fail → pass"]);
  });

  it("fails when a declared failure no longer applies", () => {
    const outcome = gate(
      run(result("END-1", "not-applicable")),
      declare({ id: "END-1", verdict: "fail", reason: "r" }),
    );
    assert.deepEqual(unexpectedIds(outcome), ["END-1: fail → not-applicable"]);
  });

  it("fails when the verdict differs from the declared one", () => {
    const outcome = gate(
      run(result("COOKIE-3", "fail-should")),
      declare({ id: "COOKIE-3", verdict: "fail", reason: "r" }),
    );
    assert.deepEqual(unexpectedIds(outcome), ["COOKIE-3: fail → fail-should"]);
  });

  it("expects a declared failure over every transport the requirement ran over", () => {
    const both = result("BASIC-7", "fail", { http: "failed", https: "failed" });
    const httpOnly = result("BASIC-7", "fail", { http: "failed", https: "passed" });
    const declared = declare({ id: "BASIC-7", verdict: "fail", reason: "r" });
    assert.equal(gate(run(both), declared).passed, true);
    assert.deepEqual(unexpectedIds(gate(run(httpOnly), declared)), [
      "BASIC-7: fail over HTTP and HTTPS → fail over HTTP",
    ]);
  });

  it("ignores transports a requirement does not apply to", () => {
    const httpsOnly = result("COOKIE-4", "fail", { http: "not-applicable", https: "failed" });
    assert.equal(gate(run(httpsOnly), declare({ id: "COOKIE-4", verdict: "fail", reason: "r" })).passed, true);
  });

  it("honours a divergence declared for one transport only", () => {
    const declared = declare({ id: "COOKIE-2", verdict: "fail-should", reason: "r", transports: ["https"] });
    assert.equal(
      gate(run(result("COOKIE-2", "fail-should", { http: "passed", https: "failed" })), declared).passed,
      true,
    );
    assert.equal(
      gate(run(result("COOKIE-2", "fail-should", { http: "failed", https: "failed" })), declared).passed,
      false,
    );
  });

  it("reports a declared requirement that did not run, unless the run was narrowed by tags", () => {
    const declared = declare({ id: "STORE-9", verdict: "fail", reason: "r" });
    assert.deepEqual(unexpectedIds(gate(run(result("BASIC-1", "pass")), declared)), ["STORE-9: fail → did not run"]);
    assert.equal(gate(run(result("BASIC-1", "pass")), declared, { partial: true }).passed, true);
  });

  it("turns the outcome into an exit code, keeping 3 when nothing ran", () => {
    const passed = gate(run(result("BASIC-7", "fail")), declare({ id: "BASIC-7", verdict: "fail", reason: "r" }));
    const failed = gate(run(result("BASIC-7", "fail")), declare());
    assert.equal(gatedExitCode(passed, ExitCode.NotConformant), ExitCode.Conformant);
    assert.equal(gatedExitCode(failed, ExitCode.Conformant), ExitCode.NotConformant);
    assert.equal(gatedExitCode(passed, ExitCode.NothingRan), ExitCode.NothingRan);
  });

  it("exits 4 when the only unexpected verdicts are error, 1 when anything else moved too", () => {
    const declared = declare({ id: "BASIC-7", verdict: "fail", reason: "r" });
    const onlyErrors = gate(run(result("BASIC-7", "fail"), result("SEC-5", "error")), declared);
    const errorAndFail = gate(
      run(result("BASIC-7", "fail"), result("SEC-5", "error"), result("BASIC-1", "fail")),
      declared,
    );
    const declaredNowError = gate(run(result("BASIC-7", "error")), declared);
    assert.equal(gatedExitCode(onlyErrors, ExitCode.CouldNotJudge), ExitCode.CouldNotJudge);
    assert.equal(gatedExitCode(declaredNowError, ExitCode.CouldNotJudge), ExitCode.CouldNotJudge);
    assert.equal(gatedExitCode(errorAndFail, ExitCode.NotConformant), ExitCode.NotConformant);
  });
});

describe("divergence files", () => {
  const fileWith = async (content: unknown) => {
    const file = join(await mkdtemp(join(tmpdir(), "divergences-")), "divergences.json");
    await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const valid = { id: "BASIC-7", verdict: "fail", reason: "does not touch", upstream: "https://example.org/issue/1" };

  it("reads a valid list", async () => {
    assert.deepEqual(await readDivergences(await fileWith([valid])), [valid]);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["not JSON", "[", /not JSON/],
    ["an object instead of a list", valid, /\(top level\)/],
    ["a malformed id", [{ ...valid, id: "basic 7" }], /0\.id: must be a requirement id/],
    ["a passing verdict", [{ ...valid, verdict: "pass" }], /0\.verdict/],
    ["a reason of two lines", [{ ...valid, reason: "a\nb" }], /0\.reason: must be one line/],
    ["a plain-HTTP upstream link", [{ ...valid, upstream: "http://example.org" }], /0\.upstream/],
    ["an unknown key", [{ ...valid, note: "x" }], /note|Unrecognized/],
    ["the same id twice", [valid, valid], /1\.id: BASIC-7 is listed twice/],
  ];
  for (const [what, content, message] of bad) {
    it(`rejects ${what} in one line naming the problem`, async () => {
      const file = await fileWith(content);
      await assert.rejects(readDivergences(file), (error: Error) => {
        assert.ok(error instanceof DivergenceFileError);
        assert.match(error.message, message);
        assert.ok(error.message.startsWith(file) && !error.message.includes("\n"), error.message);
        return true;
      });
    });
  }

  it("finds none for the reference or a target file, and a built-in adapter's own list", async () => {
    assert.deepEqual(await divergencesFor("reference"), { divergences: [] });
    assert.deepEqual(await divergencesFor("/some/target.json"), { divergences: [] });
    const twisted = await divergencesFor("twisted");
    assert.match(twisted.file!, /adapters\/twisted\/divergences\.json$/);
    assert.ok(twisted.divergences.some((d) => d.id === "BASIC-7"));
  });

  it("validates every shipped adapters/*/divergences.json", async () => {
    const adapters = fileURLToPath(new URL("../../adapters/", import.meta.url));
    const entries = await readdir(adapters, { withFileTypes: true, recursive: true });
    const files = entries.filter((e) => e.name === "divergences.json").map((e) => join(e.parentPath, e.name));
    assert.ok(files.length >= 5, `found ${files.join(", ")}`);
    for (const file of files) await readDivergences(file);
  });
});
