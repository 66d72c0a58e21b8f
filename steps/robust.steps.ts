import { Then, When } from "@cucumber/cucumber";
import { headLikeGet, sendDuplicateSessionCookies, sendOversizedCookies, sendUnsupportedMethods, visitWithMalformedCookies } from "./support/robustness.ts";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

When("{actor} visits the site with each malformed cookie in turn", async function (this: SessionWorld, name: string) {
  this.serverErrorsChecked = true;
  this.deviations.push(...(await visitWithMalformedCookies(this, name)));
});

When("{actor} sends her session cookie twice or beside others of its name, while {actor} keeps visiting", async function (this: SessionWorld, name: string, other: string) {
  this.serverErrorsChecked = true;
  this.deviations.push(...(await sendDuplicateSessionCookies(this, name, other)));
});

When("{actor} sends an oversized cookie several times while {actor} visits the site", async function (this: SessionWorld, name: string, bystander: string) {
  const { deviations, answers } = await sendOversizedCookies(this, name, bystander);
  this.deviations.push(...deviations);
  this.measure(`${answers.length} Cookie headers of ${this.thresholds.oversizedCookieBytes} bytes at once: answered ${answers.join(", ")}`);
});

When("{actor} reloads the page asking for its head only", async function (this: SessionWorld, name: string) {
  this.deviations.push(...(await headLikeGet(this, name)));
});

When("{actor} visits the site for the first time asking for its head only", async function (this: SessionWorld, name: string) {
  this.deviations.push(...(await headLikeGet(this, name)));
});

When("{actor} asks to change, replace or delete the page", async function (this: SessionWorld, name: string) {
  this.deviations.push(...(await sendUnsupportedMethods(this, name)));
});

Then("{actor} never got a server error", function (this: SessionWorld, name: string) {
  const errors = this.transcript.exchanges.filter((e) => e.actor === name && (e.status ?? 0) >= 500);
  check(errors.length === 0, "bad input never causes a server error", "no 5xx answer", errors.map((e) => `${e.status} to Cookie: ${e.requestHeaders.cookie ?? "(none)"}`).join("; "));
});

Then("each of those visits gave {actor} a working new session", function (this: SessionWorld, _name: string) {
  this.checkDeviations("a malformed cookie gets a fresh session, never an error");
});

Then("each of those cookie headers gave {actor} one session, the same every time", function (this: SessionWorld, _name: string) {
  this.checkDeviations("duplicate session cookies lead to one session, the same every time");
});

Then("{actor} was refused with a client error or given a new session each time", function (this: SessionWorld, _name: string) {
  this.checkDeviations("an oversized cookie is refused with a 4xx or ignored");
});

Then("each head-only answer matched the full answer but for the body", function (this: SessionWorld) {
  this.checkDeviations("HEAD is answered as GET is, without a body (RFC 9110 9.3.2)");
});

Then("each of those requests was refused as not allowed, and {actor} was given no session", function (this: SessionWorld, _name: string) {
  this.checkDeviations("a method the page does not support gets 405 and makes no session (RFC 9110 15.5.6)");
});
