import { Then, When } from "@cucumber/cucumber";
import { expectNoServerError } from "../questions/serverErrors.ts";
import { judgeCases, recordCases } from "../tasks/cases.ts";
import { sendDuplicateSessionCookies } from "../tasks/duplicateCookies.ts";
import { visitWithMalformedCookies } from "../tasks/malformedCookies.ts";
import { headLikeGet, sendUnsupportedMethods } from "../tasks/methods.ts";
import { sendOversizedCookies } from "../tasks/oversizedCookie.ts";
import type { SessionWorld } from "../world/world.ts";

When("{actor} visits the site with each malformed cookie in turn", async function (this: SessionWorld, name: string) {
  recordCases(this, this.actor(name), await visitWithMalformedCookies(this, this.actor(name)));
});

When(
  "{actor} sends her session cookie twice or beside others of its name, while {actor} keeps visiting",
  async function (this: SessionWorld, name: string, other: string) {
    recordCases(this, this.actor(name), await sendDuplicateSessionCookies(this, this.actor(name), this.actor(other)));
  },
);

When(
  "{actor} sends an oversized cookie several times while {actor} visits the site",
  async function (this: SessionWorld, name: string, bystander: string) {
    const { results, answers } = await sendOversizedCookies(this, this.actor(name), this.actor(bystander));
    recordCases(this, this.actor(name), results);
    this.measure(
      `${answers.length} Cookie headers of ${this.thresholds.oversizedCookieBytes} bytes at once: answered ${answers.join(", ")}`,
    );
  },
);

When("{actor} reloads the page asking for its head only", async function (this: SessionWorld, name: string) {
  recordCases(this, this.actor(name), await headLikeGet(this, this.actor(name), "ROBUST-4.1"));
});

When(
  "{actor} visits the site for the first time asking for its head only",
  async function (this: SessionWorld, name: string) {
    recordCases(this, this.actor(name), await headLikeGet(this, this.actor(name), "ROBUST-4.2"));
  },
);

When("{actor} asks to change, replace or delete the page", async function (this: SessionWorld, name: string) {
  recordCases(this, this.actor(name), await sendUnsupportedMethods(this, this.actor(name)));
});

Then("{actor} never got a server error", function (this: SessionWorld, name: string) {
  expectNoServerError(this, this.actor(name));
});

Then("each of those visits gave {actor} a working new session", function (this: SessionWorld, name: string) {
  judgeCases(this.actor(name), "a malformed cookie gets a fresh session, never an error");
});

Then(
  "each of those cookie headers gave {actor} one session, the same every time",
  function (this: SessionWorld, name: string) {
    judgeCases(this.actor(name), "duplicate session cookies lead to one session, the same every time");
  },
);

Then(
  "{actor} was refused with a client error or given a new session each time",
  function (this: SessionWorld, name: string) {
    judgeCases(this.actor(name), "an oversized cookie is refused with a 4xx or ignored");
  },
);

Then(
  "each head-only answer {actor} got matched the full answer but for the body",
  function (this: SessionWorld, name: string) {
    judgeCases(this.actor(name), "HEAD is answered as GET is, without a body (RFC 9110 9.3.2)");
  },
);

Then(
  "each of those requests was refused as not allowed, and {actor} was given no session",
  function (this: SessionWorld, name: string) {
    judgeCases(this.actor(name), "a method the page does not support gets 405 and makes no session (RFC 9110 15.5.6)");
  },
);
