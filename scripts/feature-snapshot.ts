// Writes every feature and diagnostic of the reference cases (brain1 and brain2, study settings with and
// without 1 mm resampling) to one JSON file, numbers as their shortest round-trip strings. Two snapshots
// taken before and after a change that should not move any value are compared with `cmp`: the check that a
// speed change kept every result bit for bit.
// Usage: npx tsx scripts/feature-snapshot.ts OUT.json
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromFiles, loadParams } from '../src/radiomics/index.js';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';

const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx scripts/feature-snapshot.ts OUT.json');
const snapshot: Record<string, Record<string, string>> = {};
for (const settings of ['study', 'study_noresample']) {
  const params = await loadParams(join(PYRADIOMICS_DATA, 'paper_config', `${settings}.yaml`));
  for (const name of ['brain1', 'brain2']) {
    const result = await extractFromFiles(join(PYRADIOMICS_DATA, `${name}_image.nrrd`), join(PYRADIOMICS_DATA, `${name}_label.nrrd`), params);
    const entries: Record<string, string> = {};
    for (const [key, value] of result.diagnostics) entries[key] = String(value);
    for (const [key, value] of result.features) entries[key] = String(value);
    snapshot[`${name} ${settings}`] = entries;
  }
}
writeFileSync(out, JSON.stringify(snapshot, null, 1));
console.log(`${out}: ${Object.values(snapshot).map((s) => Object.keys(s).length).join(', ')} entries`);
