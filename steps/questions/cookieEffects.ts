import { originOf } from "../../adapters/target.ts";
import type { Actor } from "../actors/actor.ts";
import { CannotJudge, check, precondition } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { sessionCookieName } from "./sessionCookie.ts";

/**
 * A real browser's evidence: what the session cookie does, not what its attributes say. Each
 * question runs only when the actor's client is a browser that can tell.
 */

/** COOKIE-2: page scripts cannot read the session cookie. */
export async function expectHiddenFromScripts(world: SessionWorld, actor: Actor): Promise<void> {
  const name = await sessionCookieName(world);
  const visible = await actor.browse.scriptVisibleCookies!(world.url("show"));
  check(
    !visible.includes(name),
    "page scripts cannot read the session cookie (ASVS 5.0 3.3.4)",
    `document.cookie without ${name}`,
    `document.cookie shows ${visible.join(", ")}`,
  );
}

/** COOKIE-3: no request from another site that SameSite=Lax forbids carries the session cookie (RFC 6265bis 5.6.7.1). */
export async function expectNotSentCrossSite(world: SessionWorld, actor: Actor): Promise<void> {
  const name = await sessionCookieName(world);
  const probes = await actor.browse.crossSiteRequests!(world.url("show"));
  const control = probes.filter((p) => p.laxAllows);
  precondition(
    control.every((p) => p.sentCookieNames.includes(name)),
    `the browser did not send ${name} even on a cross-site request SameSite=Lax allows, so the other probes prove nothing`,
  );
  const carried = probes.filter((p) => !p.laxAllows && p.sentCookieNames.includes(name)).map((p) => p.kind);
  const expected = `${name} on none of: ${probes
    .filter((p) => !p.laxAllows)
    .map((p) => p.kind)
    .join(", ")}`;
  check(
    carried.length === 0,
    "cross-site requests do not carry the session cookie (ASVS 5.0 3.3.2)",
    expected,
    `carried on ${carried.join(", ")}`,
  );
}

/** COOKIE-4: after an HTTPS visit, a plain-HTTP visit to the same host does not carry the cookie set over HTTPS. */
export async function expectNotSentInClear(world: SessionWorld, actor: Actor): Promise<void> {
  const plain = originOf(world.target, "http");
  if (!plain) throw new CannotJudge("the target serves no plain HTTP to try the cookie over");
  const probe = await actor.browse.secureCookieOverPlainHttp!(
    world.url("show"),
    new URL(world.target.pages.paths.show, plain),
  );
  const setOverHttps = probe.overHttps.setCookies.map((line) => line.split("=")[0]!.trim());
  precondition(setOverHttps.length > 0, `the HTTPS visit to ${probe.httpsUrl.origin} set no cookie to follow`);
  const leaked = probe.sentOverHttp.filter((name) => setOverHttps.includes(name));
  const expected = `none of ${setOverHttps.join(", ")} sent to ${probe.httpUrl.origin}`;
  check(
    leaked.length === 0,
    "a cookie set over HTTPS never travels in clear text (ASVS 5.0 3.3.1)",
    expected,
    `sent: ${leaked.join(", ")}`,
  );
}
