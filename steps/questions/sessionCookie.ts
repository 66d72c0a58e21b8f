import { parseSetCookie } from "cookie";
import { headerList } from "../../lib/headers.ts";
import type { Exchange } from "../abilities/browse.ts";
import { fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { readSetCookie, type SetCookieReading } from "./setCookie.ts";

/** The session cookie's name on the run's transport, when the target names it. */
export function declaredCookieName(world: SessionWorld): string | undefined {
  const { cookieName, secureCookieName } = world.target.pages;
  return world.transport === "https" ? (secureCookieName ?? cookieName) : cookieName;
}

/**
 * The raw Set-Cookie headers among `setCookies` that set the session cookie: the one the target
 * names or, when it names none, every cookie set.
 */
export function sessionSetCookies(world: SessionWorld, setCookies: readonly string[]): string[] {
  const name = declaredCookieName(world);
  return name ? setCookies.filter((header) => parseSetCookie(header).name === name) : [...setCookies];
}

/** The raw Set-Cookie headers of one recorded exchange. */
export function setCookiesOf(exchange: Exchange | undefined): string[] {
  return headerList(exchange?.responseHeaders?.["set-cookie"]);
}

/** The session cookie(s) `name`'s first visit was given, read from the raw headers. */
export function givenSessionCookies(world: SessionWorld, name: string): SetCookieReading[] {
  const first = world.transcript.of(name)[0];
  const headers = sessionSetCookies(world, setCookiesOf(first));
  if (headers.length === 0)
    fail(
      "a first visit sets the session cookie",
      declaredCookieName(world) ?? "a Set-Cookie header",
      setCookiesOf(first).join(" | ") || "none",
    );
  return headers.map(readSetCookie);
}

/**
 * The session cookie(s) a fresh browser is given on a first visit, as name and value. The probe
 * is an actor of its own, so nobody else's memory changes.
 */
export async function issuedSessionCookies(world: SessionWorld): Promise<Array<{ name: string; value: string }>> {
  const probe = world.actor("a probe");
  await probe.browse.flushCookies();
  const page = await probe.browse.visit(world.url("show"));
  const session = sessionSetCookies(world, page.setCookies).map((header) => parseSetCookie(header));
  if (session.length === 0)
    fail(
      "a first visit sets the session cookie",
      declaredCookieName(world) ?? "a Set-Cookie header",
      page.setCookies.join(" | ") || "none",
    );
  return session.map((c) => ({ name: c.name, value: c.value ?? "" }));
}

/** The session cookie's name: the one the target names, else the first one a first visit sets. */
export async function sessionCookieName(world: SessionWorld): Promise<string> {
  return declaredCookieName(world) ?? (await issuedSessionCookies(world))[0]!.name;
}
