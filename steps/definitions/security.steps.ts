import { Then, When } from "@cucumber/cucumber";
import { expectCachesKeptOut } from "../questions/caching.ts";
import { expectEnoughEntropy, expectNoStructure } from "../questions/idRandomness.ts";
import { expectAllDifferent } from "../questions/sessionIds.ts";
import { CROWD, collectSample, describeCollection, ISSUED } from "../tasks/crowd.ts";
import { visitWithIdInAddress } from "../tasks/idInAddress.ts";
import { expireDuringSlowVisit, finishSlowVisit, replayWhileLoading, startSlowVisit } from "../tasks/slowRequest.ts";
import type { SessionWorld } from "../world/world.ts";

// A slow server makes a thousand sessions in tens of seconds; a missed bound is an `error`, never a fail.
When("many visitors each visit the site for the first time", { timeout: 180_000 }, async function (this: SessionWorld) {
  this.measure(describeCollection(await collectSample(this, this.actor(CROWD))));
});

Then("no two of them were given the same session id", function (this: SessionWorld) {
  expectAllDifferent(this, this.actor(CROWD).recall(ISSUED));
});

Then("the session ids carry at least the required bits of entropy", function (this: SessionWorld) {
  expectEnoughEntropy(this, this.actor(CROWD).recall(ISSUED));
});

Then("the session ids pass the randomness tests", function (this: SessionWorld) {
  expectNoStructure(this, this.actor(CROWD).recall(ISSUED));
});

When(
  "{actor} visits the site with {actor}'s session id in the address",
  async function (this: SessionWorld, name: string, owner: string) {
    const urls = await visitWithIdInAddress(this, this.actor(name), this.actor(owner));
    this.measure(
      `offered ${owner}'s session id in ${urls.length} addresses: ${urls.map((u) => `${u.pathname}${u.search}`.replace(/=[^&;]+/g, "=…")).join(" ")}`,
    );
  },
);

Then(
  "every answer that set {actor}'s session cookie kept caches from storing it",
  function (this: SessionWorld, name: string) {
    expectCachesKeptOut(this, this.actor(name));
  },
);

When("{actor} starts loading the slow page", function (this: SessionWorld, name: string) {
  startSlowVisit(this, this.actor(name), this.thresholds.slowMs);
  this.measure(`the slow page holds the session for ${this.thresholds.slowMs} ms; it is expired after a fifth of that`);
});

When(
  "{actor} visits the expire page while the slow page is loading",
  async function (this: SessionWorld, name: string) {
    await expireDuringSlowVisit(this, this.actor(name));
  },
);

When(
  "{actor} replays {actor}'s kept session cookie while the slow page is loading",
  async function (this: SessionWorld, name: string, owner: string) {
    this.measure(
      `${await replayWhileLoading(this, this.actor(name), this.actor(owner))} replays of the old cookie while the slow page loaded`,
    );
  },
);

When("{actor}'s slow page has finished loading", async function (this: SessionWorld, name: string) {
  this.measure(`the slow page answered ${await finishSlowVisit(this.actor(name))}`);
});
