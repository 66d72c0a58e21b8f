import { AfterAll, BeforeAll } from "@cucumber/cucumber";
import { targetFor } from "../../adapters/running.ts";
import { deferredBrowse } from "../clients/deferred.ts";
import { registerClient, type SuiteParameters } from "./world.ts";

// Chromium and Playwright load only for a run that asked for them (`--client chromium`): one
// shared browser per run, trusting this target's certificate only, a context per actor.
let chromium: typeof import("../clients/chromium/index.ts") | undefined;

BeforeAll(async function () {
  const parameters = this.parameters as unknown as SuiteParameters;
  if (parameters.client !== "chromium") return;
  chromium = await import("../clients/chromium/index.ts");
  await chromium.startChromium({ trust: [targetFor(parameters.target).connection.tlsCa] });
  const client = chromium;
  registerClient("chromium", (options) => deferredBrowse(client.ChromiumBrowse.create(options), "chromium"));
});

AfterAll(async () => {
  await chromium?.stopChromium();
  chromium = undefined;
});
