import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  type IRunConfiguration,
  type IRunOptions,
  type ISupportCodeLibrary,
  loadConfiguration,
  loadSupport,
  runCucumber,
} from "@cucumber/cucumber/api";
import type { Envelope } from "@cucumber/messages";
import { adapterFor } from "../adapters/index.ts";
import { register, release } from "../adapters/running.ts";
import { originOf, type Target } from "../adapters/target.ts";
import { CHROMIUM_MISSING, chromiumAvailable } from "../lib/chromium.ts";
import { type Thresholds, thresholdsFor } from "../lib/thresholds.ts";
import { HarnessError } from "./exitCodes.ts";
import { OutcomeRecorder } from "./outcomeRecorder.ts";
import {
  type ClientDisagreement,
  disagreements,
  judge,
  type RequirementResult,
  type ScenarioOutcome,
} from "./requirements.ts";

/** Where the features, steps and cucumber.json live, wherever the suite is run from. */
export const SUITE_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface RunOptions {
  /** A built-in target name (`reference`, …) or a target file. */
  target: string;
  /** A cucumber tag expression selecting requirements, e.g. `@MUST and not @BASIC-7`. */
  tags?: string;
  /** Folder for the cucumber HTML reports (one per transport); none when undefined. */
  htmlDir?: string;
  /** Raise the sample sizes of the measured requirements (SEC, CONC): slower, more certain. */
  thorough?: boolean;
  /** Explicit sample sizes and thresholds, over the defaults (and `thorough`'s). */
  thresholds?: Partial<Thresholds>;
  /** The browser-like client the steps drive: undici with a cookie jar (`default`) or Chromium. */
  client?: "default" | "chromium";
  /** Told of every cucumber message and its transport as the run goes: for a progress display. */
  onMessage?: (envelope: Envelope, transport: string) => void;
}

export interface RunOutcome {
  target: {
    name: string;
    version?: string;
    baseUrl: string;
    httpsBaseUrl?: string;
    nodes: number;
    /** Servers started for the run, when more than one: a browser run's HTTPS pass gets its own. */
    instances?: number;
  };
  client: "default" | "chromium";
  transports: string[];
  startedAt: Date;
  durationMs: number;
  scenarios: ScenarioOutcome[];
  requirements: RequirementResult[];
  /** Requirements the default client judged otherwise than the run's browser, with both verdicts. */
  clientDisagreements: ClientDisagreement[];
  /** The sample sizes and thresholds the run used. */
  parameters?: Thresholds;
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

let support: { configuration: IRunConfiguration; library: ISupportCodeLibrary } | undefined;

/** Load cucumber's configuration and the step code once per process; reruns reuse them. */
async function loadSuite(): Promise<NonNullable<typeof support>> {
  if (!support) {
    const environment = { cwd: SUITE_ROOT, stderr: process.stderr };
    const { runConfiguration } = await loadConfiguration({ profiles: ["default"] }, environment);
    const library = await loadSupport(runConfiguration, environment);
    support = { configuration: runConfiguration, library };
  }
  return support;
}

/**
 * Start the target, run every selected scenario over each transport it serves (HTTP, then
 * HTTPS), stop the target, and judge each requirement.
 * @throws TargetUnavailableError, TargetFileError or HarnessError; the CLI reports each in one line
 */
export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const client = options.client ?? "default";
  if (client === "chromium" && !(await chromiumAvailable())) throw new HarnessError(CHROMIUM_MISSING);
  const startedAt = new Date();
  const adapter = await adapterFor(options.target);
  // A browser run waits on the browser more than on the CPU: where the adapter can start the
  // server twice, its HTTPS pass runs beside the HTTP one, each on a server of its own.
  const lanes = client !== "default" && adapter.separateStarts ? 2 : 1;
  // The targets start while cucumber loads the steps: the embedded reference in a thread of its own.
  const [loaded, ...started] = await Promise.allSettled([
    loadSuite(),
    ...Array.from({ length: lanes }, () => adapter.start()),
  ]);
  const targets = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = [loaded, ...started].find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(targets.map((t) => t.stop()));
    throw failed.reason;
  }
  const suite = (loaded as PromiseFulfilledResult<NonNullable<typeof support>>).value;
  const target = targets[0]!;
  const transports = originOf(target, "https") ? ["http", "https"] : ["http"];
  // Without HTTPS there is one pass per client, and nothing for a second server to do.
  if (transports.length === 1) await Promise.all(targets.splice(1).map((t) => t.stop()));
  const parameters = thresholdsFor(options.thorough, options.thresholds);
  // A browser's verdicts are checked against the default client's on the same target: any
  // difference is a finding about the suite (a client disagreement).
  const passes: Pass[] = transports.map((transport) => ({ transport, client }));
  if (client !== "default") passes.push(...transports.map((transport) => ({ transport, client: "default" })));
  const handles = targets.map(register);
  let outcomes: ScenarioOutcome[][];
  try {
    // One browser serves every pass and lane, so it is started trusting every target's certificate.
    if (client === "chromium")
      await (await import("../steps/clients/chromium/index.ts")).startChromium({
        trust: targets.map((t) => t.connection.tlsCa),
      });
    outcomes = await runLanes(passes, handles, (pass, handle) =>
      runTransport(
        suite,
        { handle, ...pass },
        pass.client === client ? options : { ...options, htmlDir: undefined, onMessage: undefined },
        parameters,
      ),
    );
  } finally {
    // A browser run's one browser served every transport (steps/world/chromiumHooks.ts); it ends here.
    if (client === "chromium") await (await import("../steps/clients/chromium/index.ts")).stopChromium();
    handles.forEach(release);
    await Promise.all(targets.map((t) => t.stop()));
  }
  const scenarios = passes.flatMap((pass, i) => (pass.client === client ? outcomes[i]! : []));
  const compared = passes.flatMap((pass, i) => (pass.client === client ? [] : outcomes[i]!));
  const requirements = judge(scenarios);
  return {
    target: describeTarget(targets),
    client,
    transports,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    scenarios,
    requirements,
    clientDisagreements: client === "default" ? [] : disagreements(requirements, judge(compared), client),
    parameters,
  };
}

/** One run of the selected scenarios: over one transport, with one client. */
interface Pass {
  transport: string;
  client: string;
}

/**
 * Run `passes` over the targets' handles: with one target in order; with two, each transport's
 * passes on a target of its own, the two at once. A pass runs alone on its target, since a
 * clock move or an expiry would reach another pass's sessions.
 * @returns each pass's outcomes, in the order of `passes`
 */
async function runLanes(
  passes: Pass[],
  handles: string[],
  run: (pass: Pass, handle: string) => Promise<ScenarioOutcome[]>,
): Promise<ScenarioOutcome[][]> {
  const transports = [...new Set(passes.map((p) => p.transport))];
  const laneOf = (pass: Pass) => transports.indexOf(pass.transport) % handles.length;
  const outcomes: ScenarioOutcome[][] = [];
  const lanes = await Promise.allSettled(
    handles.map(async (handle, lane) => {
      for (const [i, pass] of passes.entries()) if (laneOf(pass) === lane) outcomes[i] = await run(pass, handle);
    }),
  );
  const failed = lanes.find((l) => l.status === "rejected");
  if (failed) throw failed.reason;
  return outcomes;
}

async function runTransport(
  suite: NonNullable<typeof support>,
  run: { handle: string; transport: string; client: string },
  options: RunOptions,
  thresholds: Thresholds,
): Promise<ScenarioOutcome[]> {
  const { handle, transport, client } = run;
  const recorder = new OutcomeRecorder(transport);
  const files: Record<string, string> = {};
  if (options.htmlDir) {
    await mkdir(options.htmlDir, { recursive: true });
    files[resolve(options.htmlDir, `cucumber-${transport}.html`)] = "html";
  }
  const configuration: IRunOptions = {
    ...suite.configuration,
    sources: {
      ...suite.configuration.sources,
      tagExpression: options.tags ?? "",
    },
    support: suite.library,
    runtime: {
      ...suite.configuration.runtime,
      worldParameters: { target: handle, transport, client, thresholds },
    },
    formats: {
      ...suite.configuration.formats,
      stdout: "summary",
      files,
      publish: false,
    },
  };
  const onMessage = (envelope: Envelope) => {
    recorder.onMessage(envelope);
    options.onMessage?.(envelope, transport);
  };
  await runCucumber(configuration, { cwd: SUITE_ROOT, stdout: discard(), stderr: process.stderr }, onMessage);
  if (recorder.problems.length > 0) throw new HarnessError(recorder.problems[0]!);
  return recorder.outcomes;
}

/** The first target, with the HTTPS origin of the one that served the HTTPS pass (runLanes). */
function describeTarget(targets: Target[]): RunOutcome["target"] {
  const [first, last] = [targets[0]!, targets[targets.length - 1]!];
  return {
    name: first.name,
    version: first.version,
    baseUrl: first.connection.nodes[0].http.href,
    httpsBaseUrl: originOf(last, "https")?.href,
    nodes: first.connection.nodes.length,
    ...(targets.length > 1 ? { instances: targets.length } : {}),
  };
}
