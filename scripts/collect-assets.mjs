// Assembles the built-in message templates and flow definitions, which live beside the code of the
// flow that uses them (src/features/flows/<flow>/templates/<name>/, <flow>.json), into the two flat
// folders the product reads and a store copies: dist/templates/ and dist/flows/. Run by
// `npm run build` after tsc, and by the tests' global setup.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const features = join(root, 'src', 'features');
const templatesOut = join(root, 'dist', 'templates');
const flowsOut = join(root, 'dist', 'flows');

/** Every folder under src/features named `templates`, the shared layout's first. */
function templateFolders(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'templates') found.push(path);
    else templateFolders(path, found);
  }
  return found.sort((a, b) => Number(b.includes('messaging')) - Number(a.includes('messaging')) || a.localeCompare(b));
}

function collectTemplates() {
  rmSync(templatesOut, { recursive: true, force: true });
  mkdirSync(templatesOut, { recursive: true });
  const origin = new Map();
  for (const folder of templateFolders(features)) {
    for (const name of readdirSync(folder)) {
      const from = join(folder, name);
      // Two templates of one name would silently replace each other in the flat folder.
      if (origin.has(name)) throw new Error(`template ${name} is defined twice: ${origin.get(name)} and ${from}`);
      origin.set(name, from);
      cpSync(from, join(templatesOut, name), { recursive: statSync(from).isDirectory() });
    }
  }
  return origin.size;
}

function collectFlows() {
  rmSync(flowsOut, { recursive: true, force: true });
  mkdirSync(flowsOut, { recursive: true });
  let count = 0;
  const flowsDir = join(features, 'flows');
  for (const flow of readdirSync(flowsDir).sort()) {
    const definition = join(flowsDir, flow, `${flow}.json`);
    if (!existsSync(definition)) continue;
    cpSync(definition, join(flowsOut, `${flow}.json`));
    count++;
  }
  return count;
}

const templates = collectTemplates();
const flows = collectFlows();
if (process.argv.includes('--verbose'))
  console.log(`collected ${templates} template entries and ${flows} flow definitions into dist/`);
