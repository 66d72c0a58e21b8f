import { Given, Then, When } from "@cucumber/cucumber";
import { expectCounts } from "../questions/counter.ts";
import { visitCounter } from "../tasks/visits.ts";
import type { SessionWorld } from "../world/world.ts";

async function visitCounterTimes(this: SessionWorld, name: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await visitCounter(this, this.actor(name));
}

When("{actor} visits the counter page {int} time(s)", visitCounterTimes);
Given("{actor} has visited the counter page {int} time(s)", visitCounterTimes);

Then("{actor}'s counter reads {numbers}", function (this: SessionWorld, name: string, expected: number[]) {
  expectCounts(this.actor(name), expected);
});
