import { BeforeAll } from "@cucumber/cucumber";
import { targetFor } from "../../adapters/running.ts";
import { deferredBrowse } from "../clients/deferred.ts";
import { registerClient, type SuiteParameters } from "./world.ts";

// Chromium and Playwright load only for a run that asked for them (`--client chromium`): one
// shared browser per run, trusting this target's certificate only, a context per actor. The
// browser outlives a transport's pass: the runner stops it after the last one (runner/run.ts).
BeforeAll(async function () {
  const parameters = this.parameters as unknown as SuiteParameters;
  if (parameters.client !== "chromium") return;
  const chromium = await import("../clients/chromium/index.ts");
  await chromium.startChromium({ trust: [targetFor(parameters.target).connection.tlsCa] });
  registerClient("chromium", (options) => deferredBrowse(chromium.ChromiumBrowse.create(options), "chromium"));
});
