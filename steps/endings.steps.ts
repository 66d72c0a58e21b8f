import { Given, Then } from "@cucumber/cucumber";
import { check } from "./support/verify.ts";
import type { SessionWorld } from "./support/world.ts";

Given("{actor} has visited the notify page", async function (this: SessionWorld, name: string) {
  const page = await this.visit(name, "notify");
  check(page.status < 400, "the notify page asks to be told when the session ends", "a 2xx or 3xx answer", `status ${page.status}`);
});

Then("the end of {actor}'s session is reported exactly once", async function (this: SessionWorld, name: string) {
  const [uid, reported] = await this.endingsOf(name);
  check(reported === 1, "a session's end is notified exactly once, naming its uid", `one line "Session ${uid} has expired."`, `${reported} such lines`);
});

Then("the end of {actor}'s session is not reported", async function (this: SessionWorld, name: string) {
  const [uid, reported] = await this.endingsOf(name);
  check(reported === 0, "a session kept active does not end", `no line "Session ${uid} has expired."`, `${reported} such lines`);
});
