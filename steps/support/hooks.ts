import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from "@cucumber/cucumber";
import { activeTarget, useTarget } from "../../adapters/active.ts";
import { adapterFor } from "../../adapters/index.ts";
import type { Target } from "../../adapters/target.ts";
import { NOT_APPLICABLE, TRANSCRIPT } from "./outcomes.ts";
import type { SessionWorld } from "./world.ts";

// Requests answer in milliseconds; only steps that wait for a real-time timeout set their own.
setDefaultTimeout(30_000);

let ownTarget: Target | undefined;

// The runner hands over a started target; plain `cucumber-js` starts one from the environment.
BeforeAll(async function () {
  if (activeTarget()) return;
  ownTarget = await (await adapterFor(process.env.SESSION_CONFORMANCE_TARGET ?? "reference")).start();
  useTarget(ownTarget);
});

AfterAll(async function () {
  if (!ownTarget) return;
  await ownTarget.stop();
  useTarget((ownTarget = undefined));
});

function notApplicable(world: SessionWorld, reason: string): "skipped" {
  world.attach(reason, NOT_APPLICABLE);
  return "skipped";
}

Before({ tags: "@counter" }, function (this: SessionWorld) {
  if (!this.target.paths.counter) return notApplicable(this, "the target has no counter page (paths.counter)");
});

Before({ tags: "@endings" }, function (this: SessionWorld) {
  if (!this.target.paths.notify || !this.target.endings) return notApplicable(this, "the target offers no way to observe session endings");
});

Before({ tags: "@slow" }, function (this: SessionWorld) {
  if (!this.target.paths.slow) return notApplicable(this, "the target has no slow page (paths.slow) to hold a session while it ends");
});

// Samples and bursts of requests are costly and say the same over either transport: run them once.
Before({ tags: "@once" }, function (this: SessionWorld) {
  if (this.transport !== "http") return notApplicable(this, "checked over plain HTTP only: the server's ids and its handling of overlapping requests do not depend on the transport");
});

Before({ tags: "@https" }, function (this: SessionWorld) {
  if (this.transport !== "https") return notApplicable(this, "an HTTPS requirement, checked when the target serves HTTPS (httpsBaseUrl)");
});

After(async function (this: SessionWorld, { result }) {
  await this.close();
  const serverErrors = this.serverErrorsChecked ? [] : this.transcript.serverErrors();
  if (result?.status === Status.FAILED || serverErrors.length > 0) this.attach(this.transcript.toString(), TRANSCRIPT);
  if (serverErrors.length > 0 && result?.status === Status.PASSED) {
    throw new Error(`the server answered ${serverErrors.map((e) => `${e.status} to ${e.method} ${e.url}`).join(", ")}`);
  }
});
