/**
 * An adapter's gate on a real run: Twisted when it is installed (under CI it must be), else
 * express-session. With its declared divergences the gate passes; with one taken out it fails
 * and names that requirement.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { twistedAvailable } from "../../adapters/twisted/index.ts";
import { type DeclaredDivergences, divergencesFor } from "../../runner/divergences.ts";
import { gate } from "../../runner/gate.ts";
import { underCi } from "../../runner/matrix/runMatrix.ts";
import { type RunOutcome, runConformance } from "../../runner/run.ts";
import { cli } from "../support/cli.ts";

describe("an adapter's conformance gate", () => {
  let target: string;
  let outcome: RunOutcome;
  let declared: DeclaredDivergences;

  before(async () => {
    const twisted = await twistedAvailable();
    // The project rule: under CI a missing real part is a failure, never a silent skip.
    if (underCi()) assert.ok(twisted, "under CI, Twisted must be installed (apt-get install python3-twisted)");
    target = twisted ? "twisted" : "express-session";
    declared = await divergencesFor(target);
    outcome = await runConformance({ target });
  });

  it("passes with the adapter's declared divergences", () => {
    assert.ok(declared.divergences.length > 0, `${target} declares divergences`);
    const result = gate(outcome, declared);
    assert.deepEqual(result.unexpected, []);
    assert.equal(result.passed, true);
  });

  it("fails, naming the requirement, when one declared divergence is removed", () => {
    const [removed, ...rest] = declared.divergences;
    const result = gate(outcome, { divergences: rest });
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.unexpected.map((u) => [u.id, u.expected, u.actual]),
      [[removed!.id, "pass or not-applicable", removed!.verdict]],
    );
  });

  it("makes the CLI exit 1 and print the unexpected verdict under --divergences", async () => {
    const dir = await mkdtemp(join(tmpdir(), "adapter-gate-"));
    const [removed, ...rest] = declared.divergences;
    await writeFile(join(dir, "divergences.json"), JSON.stringify(rest));
    // Only the removed requirement runs: the other declared ones are then not reported.
    const run = await cli([
      "--target",
      target,
      "--divergences",
      join(dir, "divergences.json"),
      "--tags",
      `@${removed!.id}`,
      "--report",
      dir,
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `gate: FAILED: 1 unexpected verdict[^\\n]*\\n  ${removed!.id}: expected pass or not-applicable, got ${removed!.verdict}`,
      ),
    );
    const results = JSON.parse(await readFile(join(dir, "results.json"), "utf8"));
    assert.equal(results.gate.passed, false);
    assert.deepEqual(results.gate.divergences, rest);
  });
});
