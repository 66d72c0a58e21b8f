import { constants } from "node:fs";
import { access } from "node:fs/promises";

/**
 * Debian's Chromium builds, cheapest first: the headless shell (package chromium-headless-shell)
 * has the same network stack and Blink as the full browser at about a fifth of the CPU per
 * actor. SESSION_CONFORMANCE_CHROMIUM names another binary.
 */
export const CHROMIUM_PATHS = process.env.SESSION_CONFORMANCE_CHROMIUM
  ? [process.env.SESSION_CONFORMANCE_CHROMIUM]
  : ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/** The one line a machine without Chromium gets. */
export const CHROMIUM_MISSING = `chromium: not available: none of ${CHROMIUM_PATHS.join(", ")} is installed (apt-get install chromium-headless-shell)`;

/** The first Chromium binary there is to run, if any. */
export async function chromiumPath(): Promise<string | undefined> {
  for (const path of CHROMIUM_PATHS)
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  return undefined;
}

export async function chromiumAvailable(): Promise<boolean> {
  return (await chromiumPath()) !== undefined;
}
