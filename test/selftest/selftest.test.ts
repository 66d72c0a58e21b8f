/**
 * The suite's self-test: every requirement must be failed by a server broken in the way it
 * guards against, and the same server unbroken must pass every requirement.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunOutcome } from "../../runner/run.ts";
import { FLAWS, TRIPPED_BY, type Flaw } from "./flaws.ts";
import { makeTlsIdentity, runAgainstMiniServer, tripped } from "./selfTest.ts";
import type { TlsIdentity } from "../../lib/tls.ts";

let tls: TlsIdentity;
let control: RunOutcome;
const runs = new Map<Flaw, RunOutcome>();

before(async () => {
  tls = await makeTlsIdentity();
  control = await runAgainstMiniServer([], tls);
  for (const flaw of Object.keys(FLAWS) as Flaw[]) runs.set(flaw, await runAgainstMiniServer([flaw], tls));
});

after(() => {
  const rows = Object.entries(TRIPPED_BY).map(([id, flaws]) => `  ${id.padEnd(10)} ${flaws.join(", ")}`);
  const collateral = [...runs].map(([flaw, run]) => `  ${flaw.padEnd(26)} trips ${tripped(run).join(", ") || "nothing"}`);
  process.stdout.write(`\nrequirement -> broken servers that must trip it\n${rows.join("\n")}\n\nbroken server -> requirements it tripped\n${collateral.join("\n")}\n`);
});

describe("self-test", () => {
  it("the unbroken mini server passes every requirement", () => {
    const notPassing = control.requirements.filter((r) => r.verdict !== "pass").map((r) => `${r.id} ${r.verdict}: ${r.reason}`);
    assert.deepEqual(notPassing, []);
  });

  it("maps every requirement of the suite to at least one broken server", () => {
    const ids = control.requirements.map((r) => r.id);
    const unmapped = ids.filter((id) => (TRIPPED_BY[id]?.length ?? 0) === 0);
    assert.deepEqual(unmapped, [], "requirements no broken server is meant to trip");
    const unknown = Object.keys(TRIPPED_BY).filter((id) => !ids.includes(id));
    assert.deepEqual(unknown, [], "mapped requirements the suite does not have");
  });

  for (const [id, flaws] of Object.entries(TRIPPED_BY)) {
    for (const flaw of flaws) {
      it(`${id} is failed by a server that ${FLAWS[flaw]} (${flaw})`, () => {
        const result = runs.get(flaw)!.requirements.find((r) => r.id === id);
        assert.ok(result, `${id} did not run`);
        assert.match(result.verdict, /^fail/, `${id} was ${result.verdict}`);
      });
    }
  }

  for (const flaw of Object.keys(FLAWS) as Flaw[]) {
    it(`a server that ${FLAWS[flaw]} does not pass (${flaw})`, () => {
      assert.notDeepEqual(tripped(runs.get(flaw)!), []);
    });
  }
});
