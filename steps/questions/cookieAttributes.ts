import type { Actor } from "../actors/actor.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { givenSessionCookies, sessionSetCookies, setCookiesOf } from "./sessionCookie.ts";
import { sameSiteOf } from "./setCookie.ts";

/**
 * The default client's evidence: the attributes of the session cookie a first visit was given,
 * read from the raw header by jshttp/cookie and by tough-cookie, which must agree.
 */

export async function expectPath(world: SessionWorld, actor: Actor, path: string): Promise<void> {
  for (const c of givenSessionCookies(world, actor.name)) {
    check(
      c.wire.path === path && c.jar?.path === path,
      "the session cookie covers the whole site (RFC 6265 5.2.4)",
      `Path=${path}`,
      c.raw,
    );
    const deep = new URL("/any/deeper/page", world.url("show"));
    const sent = (await actor.browse.cookies(deep)).some((jarCookie) => jarCookie.name === c.wire.name);
    check(
      sent,
      "the browser sends the session cookie to every page of the site",
      `sent to ${deep.pathname}`,
      "not sent",
    );
  }
}

export function expectHttpOnly(world: SessionWorld, actor: Actor): void {
  for (const c of givenSessionCookies(world, actor.name)) {
    check(
      c.wire.httpOnly === true && c.jar?.httpOnly === true,
      "the session cookie is HttpOnly (ASVS 5.0 3.3.4)",
      "an HttpOnly attribute",
      c.raw,
    );
  }
}

export function expectSameSite(world: SessionWorld, actor: Actor): void {
  for (const c of givenSessionCookies(world, actor.name)) {
    const sameSite = sameSiteOf(c);
    check(
      sameSite === "lax" || sameSite === "strict",
      "the session cookie has SameSite Lax or Strict (ASVS 5.0 3.3.2)",
      "SameSite=Lax or SameSite=Strict",
      c.raw,
    );
  }
}

export function expectSecure(world: SessionWorld, actor: Actor): void {
  for (const c of givenSessionCookies(world, actor.name)) {
    check(
      c.wire.secure === true && c.jar?.secure === true,
      "over HTTPS the session cookie is Secure (ASVS 5.0 3.3.1)",
      "a Secure attribute",
      c.raw,
    );
  }
}

export function expectFits(world: SessionWorld, actor: Actor): void {
  for (const c of givenSessionCookies(world, actor.name)) {
    const size = Buffer.byteLength(c.wire.name) + Buffer.byteLength(c.wire.value ?? "");
    check(
      size <= 4096,
      "the cookie's name and value fit in 4096 bytes (ASVS 5.0 3.3.5, RFC 6265 6.1)",
      "at most 4096 bytes",
      `${size} bytes`,
    );
  }
}

export function expectSetOnFirstVisitOnly(world: SessionWorld, actor: Actor): void {
  const [first, ...later] = world.transcript.of(actor.name).map((e) => sessionSetCookies(world, setCookiesOf(e)));
  check(
    (first?.length ?? 0) > 0,
    "the session cookie is set when the session is made",
    "a Set-Cookie on the first visit",
    "none",
  );
  const again = later.filter((headers) => headers.length > 0).length;
  check(
    again === 0,
    "the session cookie is not set again on reloads",
    "no Set-Cookie on the reloads",
    `set again on ${again} of ${later.length} reloads`,
  );
}
