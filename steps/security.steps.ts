import { Then, When } from "@cucumber/cucumber";
import { describeCollection, repeatedIds, sharedSample } from "./support/crowd.ts";
import { describeBattery, describeEstimate, estimateEntropy, randomnessBattery } from "./support/randomness.ts";
import { cookieSettingAnswers, expireDuring, keepsCachesOut, replayWhileLoading, startSlowVisit, visitWithIdInAddress } from "./support/security.ts";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

When("many visitors each visit the site for the first time", async function (this: SessionWorld) {
  const collection = await sharedSample(this, this.thresholds.entropySamples, this.thresholds.collectParallelism);
  this.issued = collection.uids;
  this.measure(describeCollection(collection));
});

Then("no two of them were given the same session id", function (this: SessionWorld) {
  const repeated = repeatedIds(this.issued);
  this.measure(`${this.issued.length} session ids, ${repeated.length} of them handed out more than once`);
  check(repeated.length === 0, "every new session gets an id of its own", `${this.issued.length} different session ids`, `${repeated.length} ids handed out more than once, e.g. ${repeated[0]}`);
});

Then("the session ids carry at least the required bits of entropy", function (this: SessionWorld) {
  const { minEntropyBits, significance } = this.thresholds;
  const estimate = estimateEntropy(this.issued, significance);
  this.measure(describeEstimate(estimate, minEntropyBits, significance));
  check(estimate.bits >= minEntropyBits, "session ids carry at least 128 bits of entropy (ASVS 5.0 7.2.3)", `at least ${minEntropyBits} bits per id`, `${estimate.bits.toFixed(1)} bits per id`);
});

Then("the session ids pass the randomness tests", function (this: SessionWorld) {
  const battery = randomnessBattery(this.issued, this.thresholds.significance);
  for (const line of describeBattery(battery)) this.measure(line);
  const failed = battery.tests.filter((t) => !t.passed).map((t) => `${t.name} (${t.statistic})`);
  check(battery.passed, "session ids show no structure", `every test at its share of α = ${battery.significance}`, `failed: ${failed.join("; ")}`);
});

When("{actor} visits the site with {actor}'s session id in the address", async function (this: SessionWorld, name: string, owner: string) {
  const urls = await visitWithIdInAddress(this, name, owner);
  this.measure(`offered ${owner}'s session id in ${urls.length} addresses: ${urls.map((u) => `${u.pathname}${u.search}`.replace(/=[^&;]+/g, "=…")).join(" ")}`);
});

Then("{actor} never gets {actor}'s session", function (this: SessionWorld, name: string, owner: string) {
  const theirs = this.uidsOf(owner);
  const taken = this.uidsOf(name).filter((uid) => theirs.includes(uid));
  check(taken.length === 0, `a visitor never gets another visitor's session`, `${name} never shown ${theirs.join(" or ")}`, `${taken.length} of ${name}'s ${this.uidsOf(name).length} visits showed ${owner}'s session ${taken[0]}`);
});

Then("every answer that set {actor}'s session cookie kept caches from storing it", function (this: SessionWorld, name: string) {
  const answers = cookieSettingAnswers(this, name);
  this.measure(`Cache-Control of the ${answers.length} answers that set the session cookie: ${answers.map((e) => e.responseHeaders?.["cache-control"] ?? "(none)").join(" | ")}`);
  const stored = answers.filter((e) => !keepsCachesOut(e.responseHeaders?.["cache-control"]));
  check(answers.length > 0 && stored.length === 0, "an answer that sets the session cookie is kept out of caches (ASVS 5.0 14.3.2)", "Cache-Control: no-store (or private) on each", `${stored.length} of ${answers.length} without: ${stored.map((e) => e.responseHeaders?.["cache-control"] ?? "no Cache-Control").join(", ")}`);
});

When("{actor} starts loading the slow page", function (this: SessionWorld, name: string) {
  this.slowVisit = startSlowVisit(this, name, this.thresholds.slowMs);
  this.measure(`the slow page holds the session for ${this.thresholds.slowMs} ms; it is expired after a fifth of that`);
});

When("{actor} visits the expire page while the slow page is loading", async function (this: SessionWorld, name: string) {
  await expireDuring(this, name, this.slowVisit!);
});

When("{actor} replays {actor}'s kept session cookie while the slow page is loading", async function (this: SessionWorld, name: string, owner: string) {
  const replays = await replayWhileLoading(this, name, this.kept.get(owner) ?? [], this.slowVisit!);
  this.measure(`${replays} replays of the old cookie while the slow page loaded`);
});

When("{actor}'s slow page has finished loading", async function (this: SessionWorld, _name: string) {
  const page = await this.slowVisit!.response;
  check(page.status < 400, "the slow page answers", "a 2xx or 3xx answer", `status ${page.status}`);
});
