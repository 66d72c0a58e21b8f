import { Then, When } from "@cucumber/cucumber";
import { collectFirstVisits, describeCollection } from "./support/crowd.ts";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

// Every burst is the same test again, not a retry: all must pass, and more bursts catch rarer races.
When("{actor} loads the site many times at the same instant", async function (this: SessionWorld, name: string) {
  for (const page of await this.burst(name, "show", this.thresholds.parallel)) this.noteUid(name, page);
  this.measure(`${this.thresholds.parallel} requests at the same instant with ${name}'s cookie`);
});

When("{actor} visits the counter page many times at the same instant, again and again", async function (this: SessionWorld, name: string) {
  const { parallel, bursts } = this.thresholds;
  for (let i = 0; i < bursts; i++) for (const page of await this.burst(name, "counter", parallel)) this.noteCount(name, page);
  this.measure(`${bursts} bursts of ${parallel} counter visits at the same instant with ${name}'s cookie`);
});

Then("{actor}'s counter counted every visit", function (this: SessionWorld, name: string) {
  const counts = this.counts.get(name) ?? [];
  const distinct = new Set(counts).size;
  check(counts.at(-1) === counts.length && distinct === counts.length, "every visit is counted, however many overlap", `${counts.length} distinct counts, the last ${counts.length}`, `${distinct} distinct counts, the last ${counts.at(-1)}`);
});

When("many visitors visit the site for the first time at once", async function (this: SessionWorld) {
  const collection = await collectFirstVisits(this, this.thresholds.firstVisits, this.thresholds.firstVisits);
  this.issued = collection.uids;
  this.measure(describeCollection(collection));
});
