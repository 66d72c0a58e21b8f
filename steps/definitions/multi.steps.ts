import { Given, When } from "@cucumber/cucumber";
import * as nodes from "../tasks/nodes.ts";
import type { SessionWorld } from "../world/world.ts";

// Without a target clock these steps wait in real time (a cluster on Redis has none).
const REAL_TIME = { timeout: 5 * 60_000 };

async function visitShow(this: SessionWorld, name: string, node: number): Promise<void> {
  await nodes.visitShowOn(this, this.actor(name), node);
}
Given("{actor} has visited the site on the {node} node", visitShow);
When("{actor} visits the site on the {node} node", visitShow);

async function visitCounter(this: SessionWorld, name: string, node: number): Promise<void> {
  await nodes.visitCounterOn(this, this.actor(name), node);
}
Given("{actor} has visited the counter page on the {node} node", visitCounter);
When("{actor} visits the counter page on the {node} node", visitCounter);

When(
  "{actor} visits the expire page on the {node} node",
  async function (this: SessionWorld, name: string, node: number) {
    await nodes.visitFineOn(this, this.actor(name), "expire", node, "the expire page ends the session");
  },
);

Given(
  "{actor} has visited the notify page on the {node} node",
  async function (this: SessionWorld, name: string, node: number) {
    await nodes.visitFineOn(
      this,
      this.actor(name),
      "notify",
      node,
      "the notify page asks to be told when the session ends",
    );
    await nodes.visitShowOn(this, this.actor(name), node); // so the ending can be matched to the session id
  },
);

When(
  "{actor} visits each node in turn every half timeout until twice the timeout has passed",
  REAL_TIME,
  async function (this: SessionWorld, name: string) {
    await nodes.keepVisitingNodes(this, this.actor(name));
  },
);

When(
  "{actor} visits the counter page {int} times at the same instant, half on each node",
  async function (this: SessionWorld, name: string, times: number) {
    await nodes.counterBurstOnBothNodes(this, this.actor(name), times);
    this.measure(`${times} counter visits at the same instant with ${name}'s cookie, half on each node`);
  },
);

When(
  "the {node} node restarts while {actor} keeps visiting the {node} node",
  REAL_TIME,
  async function (this: SessionWorld, node: number, name: string, other: number) {
    await nodes.restartWhileVisiting(this, node, this.actor(name), other);
  },
);
