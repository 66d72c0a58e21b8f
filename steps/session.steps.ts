import { Given, Then, When } from "@cucumber/cucumber";
import type { SessionWorld } from "./support/world.ts";
import { check } from "./support/verify.ts";
import { forgedValueLike } from "./support/forgery.ts";

Given("{actor} has visited the site", async function (this: SessionWorld, name: string) {
  await this.visitShow(name);
});

When("{actor} visits the site", async function (this: SessionWorld, name: string) {
  await this.visitShow(name);
});

When("{actor} visits the site for the first time", async function (this: SessionWorld, name: string) {
  await this.visitShow(name);
});

When("{actor} reloads the page {int} times", async function (this: SessionWorld, name: string, times: number) {
  for (let i = 0; i < times; i++) await this.visitShow(name);
});

When("{actor} visits the expire page", async function (this: SessionWorld, name: string) {
  await this.expire(name);
});

When("{actor} flushes the browser's cookies", async function (this: SessionWorld, name: string) {
  await this.actor(name).flushCookies();
});

Given("{actor} keeps a copy of the session cookie", async function (this: SessionWorld, name: string) {
  this.kept.set(name, await this.actor(name).cookiesFor(this.origin));
});

When("{actor} visits the site with {actor}'s kept session cookie", async function (this: SessionWorld, name: string, owner: string) {
  await this.actor(name).restoreCookies(this.kept.get(owner) ?? [], this.origin);
  await this.visitShow(name);
});

When("{actor} visits the site with a session cookie the server never issued", async function (this: SessionWorld, name: string) {
  const issued = await this.issuedCookies();
  const forged = issued.map((c) => `${c.key}=${forgedValueLike(c.value)}`).join("; ");
  this.forgedCookieHeader = forged;
  await this.visitShow(name, { cookieHeader: forged });
});

Then("{actor} is given a session cookie", function (this: SessionWorld, name: string) {
  const first = this.transcript.exchanges.find((e) => e.actor === name);
  const setCookie = first?.responseHeaders?.["set-cookie"];
  check(setCookie !== undefined, "a first visit sets a session cookie", "a Set-Cookie header on the first response", "no Set-Cookie header");
});

Then("{actor}'s page shows a session id", function (this: SessionWorld, name: string) {
  const [uid] = this.uidsOf(name);
  check(uid !== undefined && uid.length > 0, "the page shows a non-empty session id", "a non-empty session id", JSON.stringify(uid));
});

Then("{actor} sees the same session id every time", function (this: SessionWorld, name: string) {
  const uids = this.uidsOf(name);
  check(new Set(uids).size === 1, "the session id stays the same", `${uids.length} times ${uids[0]}`, uids.join(", "));
});

Then("{actor} has a new session id", function (this: SessionWorld, name: string) {
  const uids = this.uidsOf(name);
  const latest = uids.at(-1)!;
  check(!uids.slice(0, -1).includes(latest), "the visit starts a new session", `a session id other than ${uids.slice(0, -1).join(", ")}`, latest);
});

Then("{actor} does not get {actor}'s old session id", function (this: SessionWorld, name: string, owner: string) {
  const old = this.uidsOf(owner);
  const got = this.uidsOf(name).at(-1)!;
  check(!old.includes(got), "an ended session id is never accepted again", `a session id other than ${old.join(", ")}`, got);
});

Then("{actor} and {actor} have different session ids", function (this: SessionWorld, a: string, b: string) {
  const [uidA, uidB] = [this.uidsOf(a).at(-1), this.uidsOf(b).at(-1)];
  check(uidA !== uidB, "two visitors get different sessions", "two different session ids", `${a}: ${uidA}, ${b}: ${uidB}`);
});

Then("{actor} is given a new session id, not the forged one", function (this: SessionWorld, name: string) {
  const got = this.uidsOf(name).at(-1)!;
  const forged = this.forgedCookieHeader ?? "";
  check(!forged.includes(got), "a session id the server never issued is not adopted", `a session id not in ${forged}`, got);
});
