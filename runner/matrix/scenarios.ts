import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SUITE_ROOT } from "../run.ts";

/** Where a requirement's scenario is written: `features/basic.feature` and its `Scenario:` line. */
export interface ScenarioPlace {
  file: string;
  line: number;
}

const ID_TAG = /(?:^|\s)@([A-Z]+-\d+)(?=\s|$)/;

/**
 * Each requirement id's scenario in the feature files, found from its id tag: the first
 * `Scenario` line after the tag line.
 */
export async function scenarioPlaces(root: string = SUITE_ROOT): Promise<Map<string, ScenarioPlace>> {
  const places = new Map<string, ScenarioPlace>();
  const dir = join(root, "features");
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".feature")).sort()) {
    const lines = (await readFile(join(dir, name), "utf8")).split("\n");
    let pending: string | undefined;
    lines.forEach((text, i) => {
      const tag = text.trim().startsWith("@") ? ID_TAG.exec(text.trim())?.[1] : undefined;
      if (tag) pending = tag;
      else if (pending && /^\s*Scenario( Outline)?:/.test(text)) {
        if (!places.has(pending)) places.set(pending, { file: `features/${name}`, line: i + 1 });
        pending = undefined;
      }
    });
  }
  return places;
}
