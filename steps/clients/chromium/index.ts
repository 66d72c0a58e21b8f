/** The Chromium client: one shared browser per run, one context per actor. */
export { ChromiumBrowse } from "./browse.ts";
export type { PlainHttpProbe } from "./evidence.ts";
export { CHROMIUM_PATH, ChromiumUnavailableError, chromiumAvailable, INSECURE_LOOPBACK_NAME, startChromium, stopChromium } from "./launcher.ts";
