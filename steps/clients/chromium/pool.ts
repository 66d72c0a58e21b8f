import type { Browser, BrowserContext } from "playwright-core";
import { openTab, type Tab } from "./tab.ts";

/** A fresh context with its first tab open: what a new actor needs. */
export interface Fresh {
  context: BrowserContext;
  tab: Tab;
}

/** How many fresh contexts are kept made ahead; a new tab costs a renderer process start. */
const SPARES = 1;
const spares: { browser: Browser; fresh: Promise<Fresh | undefined> }[] = [];

async function make(browser: Browser): Promise<Fresh> {
  // No service worker may answer in the server's place.
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    return { context, tab: await openTab(context) };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A never-used context of `browser`, made ahead while the previous actor was busy, and another
 * one started for the next actor. Every context is new: none is ever handed out twice.
 */
export async function freshContext(browser: Browser): Promise<Fresh> {
  let fresh: Fresh | undefined;
  while (!fresh && spares.length > 0) {
    const spare = spares.shift()!;
    const made = await spare.fresh;
    if (spare.browser === browser && made && browser.isConnected()) fresh = made;
    else await made?.context.close().catch(() => undefined);
  }
  fresh ??= await make(browser);
  while (spares.length < SPARES) spares.push({ browser, fresh: make(browser).catch(() => undefined) });
  return fresh;
}

/** Close the contexts made ahead (before the browser stops or restarts). */
export async function closeSpares(): Promise<void> {
  const all = spares.splice(0);
  await Promise.all(all.map(async (spare) => (await spare.fresh)?.context.close().catch(() => undefined)));
}
