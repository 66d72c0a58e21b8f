import { setTimeout as sleep } from "node:timers/promises";
import type { Cookie } from "tough-cookie";
import { idInAddress } from "./badInput.ts";
import type { Exchange } from "./transcript.ts";
import { fail } from "./verify.ts";
import type { PendingVisit, SessionWorld } from "./world.ts";

/**
 * Visit the show page as `name`, with a browser cleared before each visit, once for each
 * address that offers `owner`'s session id (both the cookie's value and the uid, when they
 * differ) outside the cookie (SEC-3).
 * @returns the addresses tried
 */
export async function visitWithIdInAddress(world: SessionWorld, name: string, owner: string): Promise<URL[]> {
  const cookieName = await world.learnSessionCookieName();
  const cookie = (await world.actor(owner).cookiesFor(world.origin)).find((c) => c.key === cookieName);
  const ids = new Set([cookie?.value, world.uidsOf(owner).at(-1)].filter((id): id is string => Boolean(id)));
  const urls = [...ids].flatMap((id) => idInAddress(world.url("show"), cookieName, id));
  for (const url of urls) {
    await world.actor(name).flushCookies();
    await world.tryVisit(name, url);
  }
  return urls;
}

/** The exchanges of `name` whose answer set the session cookie. */
export function cookieSettingAnswers(world: SessionWorld, name: string): Exchange[] {
  return world.transcript.exchanges.filter((e) => e.actor === name && world.sessionSetCookies(listOf(e.responseHeaders?.["set-cookie"])).length > 0);
}

/**
 * Whether a Cache-Control header keeps shared caches from storing the answer: `no-store`, or
 * `private` (RFC 9111 5.2.2.3 and 5.2.2.7; ASVS 5.0 14.3.2).
 */
export function keepsCachesOut(cacheControl: string | string[] | undefined): boolean {
  const directives = listOf(cacheControl).flatMap((value) => value.split(",").map((d) => d.trim().split("=")[0]!.toLowerCase()));
  return directives.includes("no-store") || directives.includes("private");
}

/** Start loading the target's slow page as `name`, asking it to hold the session `ms` milliseconds; do not wait. */
export function startSlowVisit(world: SessionWorld, name: string, ms: number): PendingVisit {
  const url = new URL(world.target.paths.slow!.replaceAll("{ms}", String(ms)), world.origin);
  const pending: PendingVisit = { ms, response: world.actor(name).visit(url) };
  pending.response.then(() => (pending.finishedAt = performance.now())).catch(() => (pending.finishedAt = performance.now()));
  return pending;
}

/**
 * Expire `name`'s session a fifth into the slow page's wait, and make sure the slow page was
 * still loading when the expire page answered: else the scenario tests no race at all.
 */
export async function expireDuring(world: SessionWorld, name: string, slow: PendingVisit): Promise<void> {
  await sleep(slow.ms / 5);
  await world.expire(name);
  if (slow.finishedAt !== undefined) {
    fail("the slow page still holds the session when it is expired", `the slow page still loading (it was asked to take ${slow.ms} ms)`, "it had already answered");
  }
}

/**
 * Replay `kept` cookies as `name`, again and again, until the slow page has answered.
 * @returns how many replays were made
 */
export async function replayWhileLoading(world: SessionWorld, name: string, kept: Cookie[], slow: PendingVisit): Promise<number> {
  const cookieHeader = kept.map((c) => c.cookieString()).join("; ");
  let replays = 0;
  do {
    await world.tryVisit(name, world.url("show"), { cookieHeader });
    replays++;
    await sleep(slow.ms / 10);
  } while (slow.finishedAt === undefined);
  return replays;
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
