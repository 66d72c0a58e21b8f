import { Then } from "@cucumber/cucumber";
import { sameSiteOf } from "./support/setCookie.ts";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

Then("the session cookie {actor} was given has the path {string}", async function (this: SessionWorld, name: string, path: string) {
  for (const c of this.givenSessionCookies(name)) {
    check(c.wire.path === path && c.jar?.path === path, "the session cookie covers the whole site (RFC 6265 5.2.4)", `Path=${path}`, c.raw);
    const deep = new URL("/any/deeper/page", this.origin);
    const sent = (await this.actor(name).cookiesFor(deep)).some((jarCookie) => jarCookie.key === c.wire.name);
    check(sent, "the browser sends the session cookie to every page of the site", `sent to ${deep.pathname}`, "not sent");
  }
});

Then("the session cookie {actor} was given is marked HttpOnly", function (this: SessionWorld, name: string) {
  for (const c of this.givenSessionCookies(name)) {
    check(c.wire.httpOnly === true && c.jar?.httpOnly === true, "the session cookie is HttpOnly (ASVS 5.0 3.3.4)", "an HttpOnly attribute", c.raw);
  }
});

Then("the session cookie {actor} was given has SameSite Lax or Strict", function (this: SessionWorld, name: string) {
  for (const c of this.givenSessionCookies(name)) {
    const sameSite = sameSiteOf(c);
    check(sameSite === "lax" || sameSite === "strict", "the session cookie has SameSite Lax or Strict (ASVS 5.0 3.3.2)", "SameSite=Lax or SameSite=Strict", c.raw);
  }
});

Then("the session cookie {actor} was given is marked Secure", function (this: SessionWorld, name: string) {
  for (const c of this.givenSessionCookies(name)) {
    check(c.wire.secure === true && c.jar?.secure === true, "over HTTPS the session cookie is Secure (ASVS 5.0 3.3.1)", "a Secure attribute", c.raw);
  }
});

Then("the session cookie {actor} was given fits in 4096 bytes", function (this: SessionWorld, name: string) {
  for (const c of this.givenSessionCookies(name)) {
    const size = Buffer.byteLength(c.wire.name) + Buffer.byteLength(c.wire.value ?? "");
    check(size <= 4096, "the cookie's name and value fit in 4096 bytes (ASVS 5.0 3.3.5, RFC 6265 6.1)", "at most 4096 bytes", `${size} bytes`);
  }
});

Then("the session cookie was set on {actor}'s first visit only", function (this: SessionWorld, name: string) {
  const [first, ...later] = this.transcript.exchanges.filter((e) => e.actor === name).map((e) => this.sessionSetCookies(setCookiesOf(e.responseHeaders)));
  check((first?.length ?? 0) > 0, "the session cookie is set when the session is made", "a Set-Cookie on the first visit", "none");
  const again = later.filter((headers) => headers.length > 0).length;
  check(again === 0, "the session cookie is not set again on reloads", "no Set-Cookie on the reloads", `set again on ${again} of ${later.length} reloads`);
});

function setCookiesOf(headers: Record<string, string | string[]> | undefined): string[] {
  const value = headers?.["set-cookie"];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
