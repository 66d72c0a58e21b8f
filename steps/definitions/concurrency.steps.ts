import { Then, When } from "@cucumber/cucumber";
import { expectEveryVisitCounted, noteCount } from "../questions/counter.ts";
import { noteUid } from "../questions/uid.ts";
import { burst, firstVisitsAtOnce } from "../tasks/bursts.ts";
import { CROWD } from "../tasks/crowd.ts";
import type { SessionWorld } from "../world/world.ts";

// Every burst is the same test again, not a retry: all must pass, and more bursts catch rarer races.
When("{actor} loads the site many times at the same instant", async function (this: SessionWorld, name: string) {
  for (const page of await burst(this, this.actor(name), "show", this.thresholds.parallel))
    noteUid(this, this.actor(name), page);
  this.measure(`${this.thresholds.parallel} requests at the same instant with ${name}'s cookie`);
});

When(
  "{actor} visits the counter page many times at the same instant, again and again",
  async function (this: SessionWorld, name: string) {
    const { parallel, bursts } = this.thresholds;
    for (let i = 0; i < bursts; i++)
      for (const page of await burst(this, this.actor(name), "counter", parallel))
        noteCount(this, this.actor(name), page);
    this.measure(`${bursts} bursts of ${parallel} counter visits at the same instant with ${name}'s cookie`);
  },
);

Then("{actor}'s counter counted every visit", function (this: SessionWorld, name: string) {
  expectEveryVisitCounted(this.actor(name));
});

When("many visitors visit the site for the first time at once", async function (this: SessionWorld) {
  const uids = await firstVisitsAtOnce(this, this.actor(CROWD), this.thresholds.firstVisits);
  this.measure(`${uids.length} first visits at the same instant, each on a connection of its own (last-byte sync)`);
});
