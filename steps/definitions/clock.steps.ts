import { Given, When } from "@cucumber/cucumber";
import { keepVisiting, passTimeout } from "../tasks/time.ts";
import type { SessionWorld } from "../world/world.ts";

// Without a target clock these steps wait in real time, bounded by the target file's timeout
// (at most 120 s, so at most 4 minutes for the longest step).
const REAL_TIME = { timeout: 5 * 60_000 };

When("the idle timeout passes without a visit", REAL_TIME, async function (this: SessionWorld) {
  await passTimeout(this);
});

Given("the idle timeout has passed without a visit", REAL_TIME, async function (this: SessionWorld) {
  await passTimeout(this);
});

When(
  "{actor} visits the site every half timeout until twice the timeout has passed",
  REAL_TIME,
  async function (this: SessionWorld, name: string) {
    await keepVisiting(this, this.actor(name));
  },
);
