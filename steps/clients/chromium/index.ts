/** The Chromium client: one shared browser per run, one context per actor. */
export { ChromiumBrowse } from "./browse.ts";
export {
  CHROMIUM_MISSING,
  ChromiumUnavailableError,
  chromiumAvailable,
  chromiumPath,
  INSECURE_LOOPBACK_NAME,
  startChromium,
  stopChromium,
} from "./launcher.ts";
