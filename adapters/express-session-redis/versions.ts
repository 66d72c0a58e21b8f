import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** `express 5.3.0 + express-session 1.19.0 + …`, read from the installed package.json files. */
export function packageVersions(names: string[]): string {
  const require = createRequire(import.meta.url);
  return names
    .map((name) => {
      const dir = (require.resolve.paths(name) ?? [])
        .map((d) => join(d, name))
        .find((d) => existsSync(join(d, "package.json")));
      return dir
        ? `${name} ${(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version}`
        : `${name} ?`;
    })
    .join(" + ");
}
