import { Given, Then, When } from "@cucumber/cucumber";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

async function visitCounter(this: SessionWorld, name: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await this.visitCounter(name);
}

When("{actor} visits the counter page {int} time(s)", visitCounter);
Given("{actor} has visited the counter page {int} time(s)", visitCounter);

Then("{actor}'s counter reads {numbers}", function (this: SessionWorld, name: string, expected: number[]) {
  const counts = (this.counts.get(name) ?? []).join(", ");
  check(counts === expected.join(", "), "the counter stored in the session counts as the session lives", expected.join(", "), counts);
});
