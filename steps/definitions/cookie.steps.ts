import { Then } from "@cucumber/cucumber";
import * as attributes from "../questions/cookieAttributes.ts";
import * as effects from "../questions/cookieEffects.ts";
import type { SessionWorld } from "../world/world.ts";

// A browser shows a behaviour by its effect; the default client reads the attributes that cause it.

Then(
  "the session cookie {actor} was given has the path {string}",
  async function (this: SessionWorld, name: string, path: string) {
    await attributes.expectPath(this, this.actor(name), path);
  },
);

Then(
  "the session cookie {actor} was given is hidden from page scripts",
  async function (this: SessionWorld, name: string) {
    const actor = this.actor(name);
    await (actor.browse.scriptVisibleCookies
      ? effects.expectHiddenFromScripts(this, actor)
      : attributes.expectHttpOnly(this, actor));
  },
);

Then(
  "the session cookie {actor} was given is not sent on cross-site requests",
  async function (this: SessionWorld, name: string) {
    const actor = this.actor(name);
    await (actor.browse.crossSiteRequests
      ? effects.expectNotSentCrossSite(this, actor)
      : attributes.expectSameSite(this, actor));
  },
);

Then(
  "the session cookie {actor} was given never travels in clear text",
  async function (this: SessionWorld, name: string) {
    const actor = this.actor(name);
    await (actor.browse.secureCookieOverPlainHttp
      ? effects.expectNotSentInClear(this, actor)
      : attributes.expectSecure(this, actor));
  },
);

Then("the session cookie {actor} was given fits in 4096 bytes", function (this: SessionWorld, name: string) {
  attributes.expectFits(this, this.actor(name));
});

Then("the session cookie was set on {actor}'s first visit only", function (this: SessionWorld, name: string) {
  attributes.expectSetOnFirstVisitOnly(this, this.actor(name));
});
