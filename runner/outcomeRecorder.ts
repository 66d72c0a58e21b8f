import {
  type Attachment,
  type Envelope,
  type Pickle,
  type TestStepResult,
  TestStepResultStatus,
} from "@cucumber/messages";
import { CASE, MEASUREMENT, NOT_APPLICABLE, TRANSCRIPT } from "../lib/attachments.ts";
import { requirement } from "../lib/catalogue.ts";
import { HarnessError } from "./exitCodes.ts";
import { type CaseOutcome, LEVELS, type Level, type ScenarioOutcome } from "./requirements.ts";

const ID_TAG = /^@([A-Z]+-\d+)$/;

/** Reads cucumber's messages and turns each finished scenario into a ScenarioOutcome. */
export class OutcomeRecorder {
  readonly outcomes: ScenarioOutcome[] = [];
  /** Scenarios the suite itself got wrong (missing tags); the runner fails the run on them. */
  readonly problems: string[] = [];
  private readonly pickles = new Map<string, Pickle>();
  private readonly pickleOfTestCase = new Map<string, string>();
  private readonly runs = new Map<string, { pickleId: string; results: TestStepResult[]; attachments: Attachment[] }>();

  constructor(private readonly transport: string) {}

  /** Feed one message; call for every message of a run. */
  readonly onMessage = (envelope: Envelope): void => {
    if (envelope.pickle) this.addPickle(envelope.pickle);
    else if (envelope.testCase) this.pickleOfTestCase.set(envelope.testCase.id, envelope.testCase.pickleId);
    else if (envelope.testCaseStarted) {
      const pickleId = this.pickleOfTestCase.get(envelope.testCaseStarted.testCaseId)!;
      this.runs.set(envelope.testCaseStarted.id, {
        pickleId,
        results: [],
        attachments: [],
      });
    } else if (envelope.testStepFinished)
      this.runs
        .get(envelope.testStepFinished.testCaseStartedId)
        ?.results.push(envelope.testStepFinished.testStepResult);
    else if (envelope.attachment?.testCaseStartedId)
      this.runs.get(envelope.attachment.testCaseStartedId)?.attachments.push(envelope.attachment);
    else if (envelope.testCaseFinished) this.finish(envelope.testCaseFinished.testCaseStartedId);
  };

  private addPickle(pickle: Pickle): void {
    try {
      requirementOf(pickle);
      this.pickles.set(pickle.id, pickle);
    } catch (error) {
      this.problems.push((error as Error).message);
    }
  }

  private finish(startedId: string): void {
    const run = this.runs.get(startedId)!;
    this.runs.delete(startedId);
    const pickle = this.pickles.get(run.pickleId);
    if (!pickle) return;
    const { id, level } = requirementOf(pickle);
    const cases = attached(run.attachments, CASE).map((body) => JSON.parse(body) as CaseOutcome);
    const base = {
      id,
      title: pickle.name,
      level,
      transport: this.transport,
      measurements: attached(run.attachments, MEASUREMENT),
      cases,
    };
    const notApplicable = attached(run.attachments, NOT_APPLICABLE);
    const bad = run.results.find(
      (r) => r.status !== TestStepResultStatus.PASSED && r.status !== TestStepResultStatus.SKIPPED,
    );
    const transcript = attached(run.attachments, TRANSCRIPT).join("\n\n") || undefined;
    // Only a ConformanceFailure is the server's fault; anything else means the run could not judge.
    if (bad)
      this.outcomes.push({
        ...base,
        status: isConformanceFailure(bad) ? "failed" : "error",
        reason: describe(bad),
        transcript,
      });
    else if (notApplicable.length > 0)
      this.outcomes.push({
        ...base,
        status: "not-applicable",
        reason: notApplicable.join("; "),
      });
    else if (run.results.some((r) => r.status === TestStepResultStatus.SKIPPED)) {
      // A skip that gives no reason would hide a failure.
      this.outcomes.push({
        ...base,
        status: "error",
        reason: "a step was skipped without saying why the requirement does not apply (a bug in the suite)",
      });
    } else this.outcomes.push({ ...base, status: "passed" });
  }
}

/**
 * The requirement id and level tags of a scenario.
 * @throws HarnessError when a scenario lacks exactly one of each: the feature files are wrong
 */
export function requirementOf(pickle: Pickle): { id: string; level: Level } {
  const tags = pickle.tags.map((t) => t.name);
  const ids = tags.flatMap((t) => ID_TAG.exec(t)?.[1] ?? []);
  const levels = tags.map((t) => t.slice(1)).filter((t): t is Level => (LEVELS as string[]).includes(t));
  if (ids.length !== 1 || levels.length !== 1) {
    throw new HarnessError(
      `scenario "${pickle.name}" (${pickle.uri}) needs exactly one id tag and one level tag, has ${tags.join(" ") || "none"}`,
    );
  }
  const [id, level] = [ids[0]!, levels[0]!];
  const known = requirement(id);
  if (!known)
    throw new HarnessError(
      `scenario "${pickle.name}" (${pickle.uri}) is tagged @${id}, which is not in the requirement catalogue (lib/catalogue.ts)`,
    );
  if (known.level !== level)
    throw new HarnessError(
      `scenario "${pickle.name}" (${pickle.uri}) is tagged @${level}, but the catalogue makes ${id} a ${known.level}`,
    );
  return { id, level };
}

function isConformanceFailure(result: TestStepResult): boolean {
  return result.status === TestStepResultStatus.FAILED && result.exception?.type === "ConformanceFailure";
}

function attached(attachments: Attachment[], mediaType: string): string[] {
  return attachments.filter((a) => a.mediaType === mediaType).map((a) => a.body);
}

/** The error of a step without the stack trace. */
function describe(result: TestStepResult): string {
  if (result.status === TestStepResultStatus.UNDEFINED) return "a step has no definition (a bug in the suite)";
  if (result.status === TestStepResultStatus.AMBIGUOUS)
    return "a step matches several definitions (a bug in the suite)";
  const text = result.exception?.message ?? result.message ?? result.status;
  return text
    .split("\n")
    .filter((line) => !/^\s+at /.test(line))
    .join("\n")
    .trim();
}
