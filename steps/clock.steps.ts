import { Given, When } from "@cucumber/cucumber";
import type { SessionWorld } from "./support/world.ts";

// Without a target clock these steps wait in real time, bounded by the target file's timeout
// (at most 120 s, so at most 4 minutes for the longest step).
const REAL_TIME = { timeout: 5 * 60_000 };

When("the idle timeout passes without a visit", REAL_TIME, async function (this: SessionWorld) {
  await this.passTimeout();
});

Given("the idle timeout has passed without a visit", REAL_TIME, async function (this: SessionWorld) {
  await this.passTimeout();
});

When("{actor} visits the site every half timeout until twice the timeout has passed", REAL_TIME, async function (this: SessionWorld, name: string) {
  for (let i = 0; i < 4; i++) {
    await this.passTime(this.target.sessionTimeoutSeconds / 2);
    await this.visitShow(name);
  }
});
