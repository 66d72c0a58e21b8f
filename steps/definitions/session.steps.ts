import { Given, Then, When } from "@cucumber/cucumber";
import * as ids from "../questions/sessionIds.ts";
import { FORGED_COOKIE, keepCopy, replayKept, visitWithForgedCookie } from "../tasks/cookies.ts";
import { expireSession, visitShow } from "../tasks/visits.ts";
import type { SessionWorld } from "../world/world.ts";

Given("{actor} has visited the site", async function (this: SessionWorld, name: string) {
  await visitShow(this, this.actor(name));
});

When(/^([A-Z][a-z]+) visits the site(?: for the first time)?$/, async function (this: SessionWorld, name: string) {
  await visitShow(this, this.actor(name));
});

When("{actor} reloads the page {int} times", async function (this: SessionWorld, name: string, times: number) {
  for (let i = 0; i < times; i++) await visitShow(this, this.actor(name));
});

When("{actor} visits the expire page", async function (this: SessionWorld, name: string) {
  await expireSession(this, this.actor(name));
});

When("{actor} flushes the browser's cookies", async function (this: SessionWorld, name: string) {
  await this.actor(name).browse.flushCookies();
});

Given("{actor} keeps a copy of the session cookie", async function (this: SessionWorld, name: string) {
  await keepCopy(this, this.actor(name));
});

When(
  "{actor} visits the site with {actor}'s kept session cookie",
  async function (this: SessionWorld, name: string, owner: string) {
    await replayKept(this, this.actor(name), this.actor(owner));
  },
);

When(
  "{actor} visits the site with a session cookie the server never issued",
  async function (this: SessionWorld, name: string) {
    await visitWithForgedCookie(this, this.actor(name));
  },
);

Then("{actor} is given a session cookie", function (this: SessionWorld, name: string) {
  ids.expectSessionCookieGiven(this, this.actor(name));
});

Then("{actor}'s page shows a session id", function (this: SessionWorld, name: string) {
  ids.expectUidShown(this.actor(name));
});

Then("{actor} sees the same session id every time", function (this: SessionWorld, name: string) {
  ids.expectSameUid(this.actor(name));
});

Then("{actor} has a new session id", function (this: SessionWorld, name: string) {
  ids.expectNewUid(this.actor(name));
});

Then("{actor} does not get {actor}'s old session id", function (this: SessionWorld, name: string, owner: string) {
  ids.expectNotOld(this.actor(name), this.actor(owner));
});

Then("{actor} and {actor} have different session ids", function (this: SessionWorld, a: string, b: string) {
  ids.expectDifferent(this.actor(a), this.actor(b));
});

Then("{actor} is given a new session id, not the forged one", function (this: SessionWorld, name: string) {
  ids.expectNotForged(this.actor(name), this.actor(name).recall(FORGED_COOKIE));
});

Then("{actor} never gets {actor}'s session", function (this: SessionWorld, name: string, owner: string) {
  ids.expectNeverTheirs(this.actor(name), this.actor(owner));
});
