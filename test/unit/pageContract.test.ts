import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { CONTROL_ROUTES, EXPIRED_TEXT, MAX_SLOW_MS, SHOW_PREFIX } from "../../lib/pages.ts";

const adapters = new URL("../../adapters/", import.meta.url);
/** Apps in other languages, which cannot import lib/pages.ts and so restate it. */
const FOREIGN = /\.(py|php|rb|ru|go|jsp|java)$/;

async function foreignApps(): Promise<Array<{ path: string; text: string }>> {
  const apps = [];
  for (const entry of await readdir(adapters, { recursive: true })) {
    if (FOREIGN.test(entry))
      apps.push({ path: `adapters/${entry}`, text: await readFile(new URL(entry, adapters), "utf8") });
  }
  return apps;
}

/** A path of a control route, without its method and query. */
const routePath = (route: string) => route.replace(/^[A-Z]+\s+/, "").replace(/\?.*$/, "");

describe("the page contract in apps the suite cannot import it into", async () => {
  const apps = await foreignApps();

  it("finds them (Twisted's serve.py at least)", () => {
    assert.ok(
      apps.some((a) => a.path.endsWith("twisted/serve.py")),
      apps.map((a) => a.path).join(", "),
    );
  });

  for (const app of apps.filter(
    (a) => /show|session id/i.test(a.text) && a.text.includes(SHOW_PREFIX.trim().slice(0, 10)),
  )) {
    describe(app.path, () => {
      it("prints the show page's and the expire page's texts exactly", () => {
        assert.ok(app.text.includes(SHOW_PREFIX), `no "${SHOW_PREFIX}"`);
        assert.ok(app.text.includes(EXPIRED_TEXT), `no "${EXPIRED_TEXT}"`);
      });

      it("prints the counter page's text around the count", () => {
        if (!/Visit #/.test(app.text)) return;
        assert.ok(app.text.includes("for you!"), 'no "for you!"');
      });

      it("serves the control routes at the contract's paths", () => {
        for (const route of Object.values(CONTROL_ROUTES).map(routePath)) {
          const segments = route.split("/").filter(Boolean);
          if (!app.text.includes(segments[0]!)) continue;
          // Twisted builds a path from its segments: putChild(b"_clock", …), putChild(b"advance", …).
          const spelled = app.text.includes(route) || segments.every((segment) => app.text.includes(`b"${segment}"`));
          assert.ok(spelled, `${route} spelled otherwise`);
        }
      });

      it("caps the slow page at the contract's limit", () => {
        if (!/slow/i.test(app.text)) return;
        assert.match(
          app.text,
          new RegExp(`${MAX_SLOW_MS}|${MAX_SLOW_MS.toLocaleString("en").replace(",", "_")}|10\\.0|10 \\* 1000`),
          `no cap of ${MAX_SLOW_MS} ms`,
        );
      });
    });
  }
});
