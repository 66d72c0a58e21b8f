import { After, Before, Status, setDefaultTimeout } from "@cucumber/cucumber";
import { NOT_APPLICABLE, TRANSCRIPT } from "../../lib/attachments.ts";
import { anyServerError, failOnUncheckedServerErrors } from "../questions/serverErrors.ts";
import type { SessionWorld } from "./world.ts";

// Requests answer in milliseconds; only steps that wait for a real-time timeout set their own.
setDefaultTimeout(30_000);

/** Tags that switch a scenario off, with the reason, when the target lacks what it needs. */
const CAPABILITY_TAGS: Record<string, (world: SessionWorld) => string | undefined> = {
  "@counter": (w) => (w.target.pages.paths.counter ? undefined : "the target has no counter page (paths.counter)"),
  "@endings": (w) =>
    w.target.pages.paths.notify && w.target.capabilities.endings
      ? undefined
      : "the target offers no way to observe session endings",
  "@slow": (w) =>
    w.target.pages.paths.slow ? undefined : "the target has no slow page (paths.slow) to hold a session while it ends",
  "@multi-node": (w) => (w.target.connection.nodes.length > 1 ? undefined : "the target declares a single node"),
  "@restart": (w) => (w.target.capabilities.restartNode ? undefined : "the target cannot restart a node"),
  // Samples and bursts are costly and say the same over either transport: run them once.
  "@http-only": (w) =>
    w.transport === "http"
      ? undefined
      : "checked over plain HTTP only: the server's ids and its handling of overlapping requests do not depend on the transport",
  "@https": (w) => (w.transport === "https" ? undefined : "an HTTPS requirement, checked when the target serves HTTPS"),
};

Before(function (this: SessionWorld, { pickle }) {
  const reasons = pickle.tags.flatMap((tag) => CAPABILITY_TAGS[tag.name]?.(this) ?? []);
  if (reasons.length === 0) return;
  this.attach(reasons.join("; "), NOT_APPLICABLE);
  return "skipped";
});

After(async function (this: SessionWorld, { result }) {
  await this.tearDown();
  if (result?.status === Status.FAILED || anyServerError(this)) this.attach(this.transcript.toString(), TRANSCRIPT);
  if (result?.status === Status.PASSED) failOnUncheckedServerErrors(this);
});
