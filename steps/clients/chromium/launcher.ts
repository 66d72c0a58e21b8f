import { createHash, X509Certificate } from "node:crypto";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_MISSING, CHROMIUM_PATHS, chromiumAvailable, chromiumPath } from "../../../lib/chromium.ts";
import { stopOtherSite } from "./otherSite.ts";

export { CHROMIUM_MISSING, CHROMIUM_PATHS, chromiumAvailable, chromiumPath };

import { closeSpares } from "./pool.ts";

/**
 * A name Chromium resolves to 127.0.0.1. Chromium treats http://127.0.0.1 and http://localhost
 * as secure for cookies (it sends Secure cookies to them over plain HTTP), so COOKIE-4's
 * plain-HTTP visit goes to this name instead, which is an ordinary insecure origin.
 */
export const INSECURE_LOOPBACK_NAME = "conformance.test";

/** Thrown when the Chromium binary is missing; the CLI prints its message in one line, exit 2. */
export class ChromiumUnavailableError extends Error {
  override name = "ChromiumUnavailableError";
}

export interface ChromiumOptions {
  /** PEM certificates the run's HTTPS targets present; trusted for this browser only. */
  trust?: readonly (string | undefined)[];
}

/**
 * Playwright's own --disable-features list (playwright-core 1.65, chromiumSwitches.ts). Chromium
 * reads only the last --disable-features, so ours repeats it; test/browser checks it still does.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * RenderDocument gives every page load a new frame in the renderer, where Chromium before it kept
 * the frame for a load of the same site: a third of a visit's cost, with no bearing on cookies,
 * which the network stack handles.
 */
export const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES, "RenderDocument"];

const FLAGS = [
  // Required as root, and keep Chromium's own background connections off the closed network.
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  `--disable-features=${DISABLED_FEATURES.join(",")}`,
  // No network beyond loopback: every other name or address fails to resolve.
  `--host-resolver-rules=MAP ${INSECURE_LOOPBACK_NAME} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
];

let shared: { browser: Browser; spkis: Set<string> } | undefined;
let starting: Promise<Browser> | undefined;

/** The base64 SHA-256 of a certificate's public key, as --ignore-certificate-errors-spki-list wants it. */
export function spkiHash(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

/**
 * Start the run's one browser (BeforeAll). Trusting a certificate is fixed at launch, so the
 * run's test certificates are given here; a later actor needing another one restarts the
 * browser when no actor is using it.
 */
export async function startChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const wanted = new Set(options.trust?.filter((pem): pem is string => !!pem).map(spkiHash));
  while (starting) await starting.catch(() => undefined);
  if (shared && [...wanted].every((spki) => shared!.spkis.has(spki))) return shared.browser;
  if (shared) {
    await closeSpares();
    const busy = shared.browser.contexts().length > 0;
    if (busy)
      throw new Error(
        "chromium: an actor needs a certificate the running browser was not started to trust; pass every target's tlsCa to startChromium",
      );
    for (const spki of shared.spkis) wanted.add(spki);
    await stopChromium();
  }
  starting = launch(wanted);
  try {
    return await starting;
  } finally {
    starting = undefined;
  }
}

async function launch(spkis: Set<string>): Promise<Browser> {
  const executablePath = await chromiumPath();
  if (!executablePath) throw new ChromiumUnavailableError(CHROMIUM_MISSING);
  // Only the run's own certificates are accepted despite their errors; any other bad certificate still fails.
  const trust = spkis.size > 0 ? [`--ignore-certificate-errors-spki-list=${[...spkis].join(",")}`] : [];
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...FLAGS, ...trust],
    timeout: 30_000,
  });
  shared = { browser, spkis };
  return browser;
}

/** Stop the shared browser and the other site's page server (AfterAll); harmless when none runs. */
export async function stopChromium(): Promise<void> {
  const current = shared;
  shared = undefined;
  await closeSpares();
  await Promise.all([current?.browser.close(), stopOtherSite()]);
}
