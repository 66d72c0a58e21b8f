/**
 * Steps of features/multi.feature. Tiny on purpose, on the current SessionWorld: the lead moves
 * them onto the actors (the browse ability alternates nodes; these name the node outright).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Before, Given, When, defineParameterType } from "@cucumber/cucumber";
import type { TargetPaths } from "../../adapters/target.ts";
import { NOT_APPLICABLE } from "../support/outcomes.ts";
import { rawBurst } from "../support/rawHttp.ts";
import { fail } from "../support/verify.ts";
import type { SessionWorld } from "../support/world.ts";

defineParameterType({ name: "node", regexp: /first|second/, transformer: (word: string) => (word === "first" ? 0 : 1) });

const REAL_TIME = { timeout: 5 * 60_000 };

Before({ tags: "@multi-node" }, function (this: SessionWorld) {
  if ((this.target.nodes?.length ?? 1) < 2) return notApplicable(this, "the target runs one node (nodes)");
});

Before({ tags: "@restart" }, function (this: SessionWorld) {
  if (!this.target.restartNode) return notApplicable(this, "the target cannot restart a node (restartNode)");
});

function notApplicable(world: SessionWorld, reason: string): "skipped" {
  world.attach(reason, NOT_APPLICABLE);
  return "skipped";
}

/** `page` on node `index`, over the run's transport. */
function onNode(world: SessionWorld, index: number, page: keyof TargetPaths): URL {
  const node = world.target.nodes![index]!;
  const origin = world.transport === "https" ? node.httpsBaseUrl : node.baseUrl;
  if (!origin) throw new Error(`node ${index + 1} serves no ${world.transport.toUpperCase()}`);
  return new URL(world.target.paths[page]!, origin);
}

async function visitShow(this: SessionWorld, name: string, node: number): Promise<void> {
  this.noteUid(name, await this.actor(name).visit(onNode(this, node, "show")));
}
Given("{actor} has visited the site on the {node} node", visitShow);
When("{actor} visits the site on the {node} node", visitShow);

When("{actor} visits the expire page on the {node} node", async function (this: SessionWorld, name: string, node: number) {
  const page = await this.actor(name).visit(onNode(this, node, "expire"));
  if (page.status >= 400) fail("the expire page ends the session", "a 2xx or 3xx answer", `status ${page.status}`);
});

Given("{actor} has visited the notify page on the {node} node", async function (this: SessionWorld, name: string, node: number) {
  const page = await this.actor(name).visit(onNode(this, node, "notify"));
  if (page.status >= 400) fail("the notify page asks to be told when the session ends", "a 2xx or 3xx answer", `status ${page.status}`);
  await visitShow.call(this, name, node); // so the ending can be matched to the session id
});

async function visitCounter(this: SessionWorld, name: string, node: number): Promise<void> {
  this.noteCount(name, await this.actor(name).visit(onNode(this, node, "counter")));
}
Given("{actor} has visited the counter page on the {node} node", visitCounter);
When("{actor} visits the counter page on the {node} node", visitCounter);

When("{actor} visits each node in turn every half timeout until twice the timeout has passed", REAL_TIME, async function (this: SessionWorld, name: string) {
  for (let i = 0; i < 4; i++) {
    await this.passTime(this.target.sessionTimeoutSeconds / 2);
    await visitShow.call(this, name, (i + 1) % 2);
  }
});

When("{actor} visits the counter page {int} times at the same instant, half on each node", async function (this: SessionWorld, name: string, times: number) {
  const cookie = await this.actor(name).jar.getCookieString(onNode(this, 0, "counter").href);
  const halves = [0, 1].map((node) => rawBurst(onNode(this, node, "counter"), cookie, node === 0 ? Math.ceil(times / 2) : Math.floor(times / 2), this.target.tlsCa));
  for (const outcome of (await Promise.all(halves)).flat()) {
    if ("error" in outcome) fail("every counter visit is answered", "an HTTP answer", outcome.error);
    this.noteCount(name, { status: outcome.status, headers: outcome.headers, setCookies: [], body: outcome.body });
  }
  this.measure(`${times} counter visits at the same instant with ${name}'s cookie, half on each node`);
});

// Visits every half timeout keep the session alive however long the restart takes.
When("the {node} node restarts while {actor} keeps visiting the {node} node", REAL_TIME, async function (this: SessionWorld, node: number, name: string, other: number) {
  let done = false;
  const restarting = this.target.restartNode!(node).finally(() => (done = true));
  while (!done) {
    await Promise.race([restarting, sleep((this.target.sessionTimeoutSeconds * 1000) / 2)]);
    if (!done) await visitShow.call(this, name, other);
  }
  await restarting;
});
