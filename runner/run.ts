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
  // The target starts while cucumber loads the steps: the embedded reference in a thread of its own.
  const [loaded, started] = await Promise.allSettled([loadSuite(), adapter.start()]);
  if (started.status === "rejected") throw started.reason;
  const target = started.value;
  if (loaded.status === "rejected") {
    await target.stop();
    throw loaded.reason;
  }
  const suite = loaded.value;
  const transports = originOf(target, "https") ? ["http", "https"] : ["http"];
  const parameters = thresholdsFor(options.thorough, options.thresholds);
  const scenarios: ScenarioOutcome[] = [];
  // A browser's verdicts are checked against the default client's on the same target: any
  // difference is a finding about the suite (a client disagreement).
  const compared: ScenarioOutcome[] = [];
  const handle = register(target);
  try {
    for (const transport of transports)
      scenarios.push(...(await runTransport(suite, { handle, transport, client }, options, parameters)));
    if (client !== "default") {
      const quiet = { ...options, htmlDir: undefined, onMessage: undefined };
      for (const transport of transports)
        compared.push(...(await runTransport(suite, { handle, transport, client: "default" }, quiet, parameters)));
    }
  } finally {
    // A browser run's one browser served every transport (steps/world/chromiumHooks.ts); it ends here.
    if (client === "chromium") await (await import("../steps/clients/chromium/index.ts")).stopChromium();
    release(handle);
    await target.stop();
  }
  const requirements = judge(scenarios);
  return {
    target: describeTarget(target),
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

function describeTarget(target: Target): RunOutcome["target"] {
  const nodes = target.connection.nodes;
  return {
    name: target.name,
    version: target.version,
    baseUrl: nodes[0].http.href,
    httpsBaseUrl: nodes[0].https?.href,
    nodes: nodes.length,
  };
}
