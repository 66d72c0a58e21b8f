/**
 * What a person sees while and after the suite runs: a live progress line on a terminal (plain
 * lines under CI or a pipe), then, for every requirement that did not pass, one line to act on
 * and the path of the wire transcript of each scenario that failed.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { type Envelope, TestStepResultStatus } from "@cucumber/messages";
import type { RunOutcome } from "./run.ts";

/** Whether `stream` gets the live progress line: a terminal, and not a CI job. */
export function isLiveTerminal(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  return stream.isTTY === true && !ci;
}

const ID_TAG = /^@([A-Z]+-\d+)$/;
const FAILING = new Set<string>([
  TestStepResultStatus.FAILED,
  TestStepResultStatus.UNDEFINED,
  TestStepResultStatus.AMBIGUOUS,
]);

/**
 * Follows cucumber's messages (RunOptions.onMessage). Live, it redraws one line per finished
 * scenario: `https 12/35, 1 failed: BASIC-4 …`. Plain, it writes one line per transport.
 * It only displays; the verdicts come from the recorded outcomes.
 */
export class Progress {
  private readonly names = new Map<string, string>();
  private readonly pickleOf = new Map<string, string>();
  private readonly caseOf = new Map<string, string>();
  private readonly failedCases = new Set<string>();
  private total = 0;
  private done = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { columns?: number },
    private readonly live: boolean,
  ) {}

  readonly onMessage = (envelope: Envelope, transport: string): void => {
    if (envelope.testRunStarted) [this.total, this.done] = [0, 0];
    else if (envelope.pickle) {
      const id = envelope.pickle.tags.map((t) => ID_TAG.exec(t.name)?.[1]).find(Boolean);
      this.names.set(envelope.pickle.id, `${id ?? "?"} ${envelope.pickle.name}`);
    } else if (envelope.testCase) {
      this.total++;
      this.pickleOf.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted)
      this.caseOf.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    else if (envelope.testStepFinished && FAILING.has(envelope.testStepFinished.testStepResult.status))
      this.failedCases.add(envelope.testStepFinished.testCaseStartedId);
    else if (envelope.testCaseFinished) {
      this.done++;
      if (this.live) this.draw(transport, envelope.testCaseFinished.testCaseStartedId);
    } else if (envelope.testRunFinished) this.finishTransport(transport);
  };

  private draw(transport: string, startedId: string): void {
    const name = this.names.get(this.pickleOf.get(this.caseOf.get(startedId) ?? "") ?? "") ?? "";
    const failed = this.failedCases.size ? `, ${this.failedCases.size} failed` : "";
    const line = `${transport} ${this.done}/${this.total}${failed}: ${name}`;
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    this.out.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }

  private finishTransport(transport: string): void {
    if (this.live) this.out.write("\r\x1b[2K");
    else this.out.write(`${transport}: ${this.done} scenario${this.done === 1 ? "" : "s"} run\n`);
    this.failedCases.clear();
  }
}

/** Where a scenario's transcript goes: `<report dir>/transcripts/<ID>-<transport>.txt`. */
export function transcriptPath(reportDir: string, id: string, transport: string): string {
  return join(reportDir, "transcripts", `${id}-${transport}.txt`);
}

/**
 * Write the transcript of every scenario that has one (the failed ones), after removing the
 * last run's, so the folder never shows a stale failure.
 * @returns the paths written, by `<ID>-<transport>`
 */
export async function writeTranscripts(
  outcome: Pick<RunOutcome, "scenarios">,
  reportDir: string,
): Promise<Map<string, string>> {
  await rm(join(reportDir, "transcripts"), { recursive: true, force: true });
  const written = new Map<string, string>();
  for (const scenario of outcome.scenarios) {
    if (!scenario.transcript) continue;
    const file = transcriptPath(reportDir, scenario.id, scenario.transport);
    if (written.size === 0) await mkdir(join(reportDir, "transcripts"), { recursive: true });
    await writeFile(
      file,
      `${scenario.id} ${scenario.level} over ${scenario.transport.toUpperCase()}: ${scenario.title}\n${scenario.reason ?? ""}\n\n${scenario.transcript}\n`,
    );
    written.set(`${scenario.id}-${scenario.transport}`, file);
  }
  return written;
}

/**
 * One block per requirement that did not pass or apply: id, level, verdict, the first line of
 * its reason, and the transcript of each transport it failed over (paths relative to `cwd`).
 */
export function actionLines(
  outcome: Pick<RunOutcome, "requirements">,
  transcripts: Map<string, string>,
  cwd = process.cwd(),
): string[] {
  const failing = outcome.requirements.filter((r) => r.verdict !== "pass" && r.verdict !== "not-applicable");
  if (failing.length === 0) return [];
  const lines = failing.flatMap((r) => {
    const files = Object.keys(r.transports).flatMap((t) => transcripts.get(`${r.id}-${t}`) ?? []);
    const reason = r.reason?.split("\n")[0] ?? "(no reason given)";
    return [
      `  ${r.id} ${r.level} ${r.verdict}: ${reason}`,
      ...files.map((f) => `    transcript: ${shortPath(f, cwd)}`),
    ];
  });
  return [`to act on (${failing.length}):`, ...lines];
}

function shortPath(file: string, cwd: string): string {
  const inside = relative(cwd, file);
  return inside && !inside.startsWith("..") ? inside : file;
}
