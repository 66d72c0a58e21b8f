/**
 * The suite's self-test: every requirement must be failed, for the right reason, by a server
 * broken in the way it guards against; correct servers of several designs must pass every
 * requirement they implement. Runs go to a few worker processes (pool.ts).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Level, RequirementResult, Verdict } from "../../runner/requirements.ts";
import type { RunOutcome as Outcome } from "../../runner/run.ts";
import { CONTROLS, lacksAllOf } from "./controls.ts";
import {
  AWAITING_SUITE_FIX,
  DETECTIONS,
  type Detection,
  FUTURE_REQUIREMENTS,
  HARNESS_FAULT,
  REASONS,
} from "./expectations.ts";
import { FLAW_SETUP, FLAWS, type Flaw } from "./flaws.ts";
import { runAll, type WorkerReply } from "./pool.ts";
import { type MiniRun, makeTlsIdentity, tagsOf, tripped } from "./selfTest.ts";

// Two workers keep both cores busy while two others wait out the real-time runs' timeouts.
const WORKERS = Number(process.env.SELFTEST_WORKERS ?? 4);
const RUNS: MiniRun[] = [
  ...Object.entries(CONTROLS).map(([label, control]) => ({
    label,
    flaws: [],
    options: control.options,
    tags: control.tags,
  })),
  ...(Object.keys(FLAWS) as Flaw[]).map((flaw) => ({
    label: flaw,
    flaws: [flaw],
    options: FLAW_SETUP[flaw]?.options ?? {},
    tags: FLAW_SETUP[flaw]?.tags,
  })),
];

let replies = new Map<string, WorkerReply>();
let wallMs = 0;

before(async () => {
  const started = performance.now();
  // Real-time runs wait whole timeouts: they go first, so the others fill the wait.
  replies = await runAll(RUNS, await makeTlsIdentity(), WORKERS, (run) => run.options.realTime === true);
  wallMs = performance.now() - started;
});

function outcomeOf(label: string): Outcome {
  const reply = replies.get(label);
  assert.ok(reply, `no run of ${label}`);
  if ("error" in reply) assert.fail(`the run against ${label} stopped: ${reply.error}`);
  return reply.outcome;
}

/** The one verdict a detection may get: a failure at the requirement's own level. */
const FAILED_AT: Record<Level, Verdict> = { MUST: "fail", SHOULD: "fail-should", MAY: "fail-may" };

/** Why `result` is not the detection expected, or undefined when it is. */
function missed(id: string, detection: Detection, result: RequirementResult | undefined): string | undefined {
  if (!result)
    return FUTURE_REQUIREMENTS[id]
      ? `${id}: requirement unknown to the suite (issue 9: ${FUTURE_REQUIREMENTS[id]})`
      : `${id} did not run`;
  const reason = result.reason ?? "";
  if (result.verdict !== FAILED_AT[result.level])
    return `${id} was ${result.verdict}, not ${FAILED_AT[result.level]}${reason ? `: ${reason}` : ""}`;
  if (HARNESS_FAULT.test(reason)) return `${id} failed, but the reason says the run could not judge: ${reason}`;
  const pattern = detection.reason ?? REASONS[id]!;
  return pattern.test(reason) ? undefined : `${id} failed, but its reason does not match ${pattern}: ${reason}`;
}

/** Why control `label` did not pass `result`, or undefined when it did (or failed only as allowed). */
function falseFailure(label: string, result: RequirementResult): string | undefined {
  const control = CONTROLS[label]!;
  const allowed = control.except?.[result.id];
  if (result.verdict === "pass" || allowed?.verdict === result.verdict) return undefined;
  // Not applicable for want of something the control does not offer (HTTPS, a second node) is right.
  if (result.verdict === "not-applicable" && lacksAllOf(control, result.reason)) return undefined;
  return `${result.id} ${result.verdict}: ${result.reason ?? ""}`;
}
const awaiting = (subject: string, id: string) => AWAITING_SUITE_FIX[`${subject} → ${id}`];
const firstLine = (text = "") => text.split("\n").slice(0, 3).join(" ").replace(/\s+/g, " ").slice(0, 160);

after(() => {
  const lines: string[] = [`\nself-test: ${RUNS.length} runs on ${WORKERS} workers in ${(wallMs / 1000).toFixed(1)} s`];
  const slowest = [...replies.values()].sort((a, b) => b.ms - a.ms).slice(0, 5);
  lines.push(`slowest runs: ${slowest.map((r) => `${r.label} ${(r.ms / 1000).toFixed(1)} s`).join(", ")}`);
  const flipped: string[] = [];
  lines.push("\nverdicts awaiting the suite's fix (issue 9), as the suite gives them now:");
  for (const [key, item] of Object.entries(AWAITING_SUITE_FIX)) {
    const [subject, id] = key.split(" → ") as [string, string];
    const reply = replies.get(subject);
    const result = reply && "outcome" in reply ? reply.outcome.requirements.find((r) => r.id === id) : undefined;
    const detection = DETECTIONS[id]?.find((d) => d.flaw === subject);
    const holds = detection ? !missed(id, detection, result) : result !== undefined && !falseFailure(subject, result);
    if (holds) flipped.push(key);
    lines.push(
      `  ${holds ? "HOLDS  " : "pending"} ${key.padEnd(40)} ${result ? `${result.verdict} ${firstLine(result.reason)}` : "requirement unknown to the suite"}   [${item}]`,
    );
  }
  if (flipped.length) lines.push(`\nnow holding, take off AWAITING_SUITE_FIX: ${flipped.join("; ")}`);
  lines.push("\nbroken server -> requirements it tripped");
  for (const flaw of Object.keys(FLAWS)) {
    const reply = replies.get(flaw);
    lines.push(
      `  ${flaw.padEnd(32)} ${reply && "outcome" in reply ? tripped(reply.outcome).join(", ") || "nothing" : `stopped: ${reply?.error.split("\n")[0]}`}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
});

describe("self-test", () => {
  describe("correct servers of other designs pass every requirement they implement", () => {
    for (const [label, control] of Object.entries(CONTROLS)) {
      it(`${label}: ${control.about}`, () => {
        const outcome = outcomeOf(label);
        const wrong = outcome.requirements
          .filter((r) => !awaiting(label, r.id))
          .flatMap((r) => falseFailure(label, r) ?? []);
        assert.deepEqual(wrong, []);
        const tags = tagsOf(RUNS.find((run) => run.label === label)!);
        const tagged = new Set([...(tags ?? "").matchAll(/@([A-Z]+-\d+)/g)].map((m) => m[1]));
        const expected = outcomeOf("mini server")
          .requirements.map((r) => r.id)
          .filter((id) => !tags || tagged.has(id));
        assert.deepEqual(
          outcome.requirements.map((r) => r.id),
          expected,
          "every requirement it implements ran",
        );
      });
    }
    for (const key of Object.keys(AWAITING_SUITE_FIX).filter((k) => k.split(" → ")[0]! in CONTROLS)) {
      const [label, id] = key.split(" → ") as [string, string];
      it(`${label} passes ${id}`, { todo: `awaiting issue 9: ${AWAITING_SUITE_FIX[key]}` }, () => {
        const result = outcomeOf(label).requirements.find((r) => r.id === id);
        assert.ok(result, `${id} did not run`);
        assert.equal(falseFailure(label, result), undefined);
      });
    }
  });

  it("maps every requirement of the suite to at least one broken server", () => {
    const ids = outcomeOf("mini server").requirements.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id) => (DETECTIONS[id]?.length ?? 0) === 0),
      [],
      "requirements no broken server is meant to trip",
    );
    const unknown = Object.keys(DETECTIONS).filter((id) => !ids.includes(id) && !FUTURE_REQUIREMENTS[id]);
    assert.deepEqual(unknown, [], "mapped requirements the suite does not have");
  });

  describe("each requirement is failed, for its reason, by the broken servers it guards against", () => {
    for (const [id, detections] of Object.entries(DETECTIONS)) {
      for (const detection of detections) {
        const item =
          awaiting(detection.flaw, id) ?? (FUTURE_REQUIREMENTS[id] && "the requirement is not in the suite yet");
        it(`${id} is failed by a server that ${FLAWS[detection.flaw]} (${detection.flaw})`, {
          todo: item ? `awaiting issue 9: ${item}` : undefined,
        }, () => {
          const problem = missed(
            id,
            detection,
            outcomeOf(detection.flaw).requirements.find((r) => r.id === id),
          );
          assert.equal(problem, undefined);
        });
      }
    }
  });

  describe("no broken server passes", () => {
    for (const flaw of Object.keys(FLAWS) as Flaw[]) {
      const pending = Object.entries(DETECTIONS).every(([id, ds]) =>
        ds.every((d) => d.flaw !== flaw || awaiting(flaw, id) || FUTURE_REQUIREMENTS[id]),
      );
      it(`a server that ${FLAWS[flaw]} (${flaw})`, {
        todo: pending ? "awaiting issue 9: every requirement it must fail is awaiting a fix" : undefined,
      }, () => {
        assert.notDeepEqual(tripped(outcomeOf(flaw)), []);
      });
    }
  });
});
