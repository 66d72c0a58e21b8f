import { Given, Then } from "@cucumber/cucumber";
import { expectEndingsReported } from "../questions/endings.ts";
import { visitFine } from "../tasks/visits.ts";
import type { SessionWorld } from "../world/world.ts";

Given("{actor} has visited the notify page", async function (this: SessionWorld, name: string) {
  await visitFine(this, this.actor(name), "notify", "the notify page asks to be told when the session ends");
});

Then("the end of {actor}'s session is reported exactly once", async function (this: SessionWorld, name: string) {
  await expectEndingsReported(this, this.actor(name), 1);
});

Then("the end of {actor}'s session is not reported", async function (this: SessionWorld, name: string) {
  await expectEndingsReported(this, this.actor(name), 0);
});
