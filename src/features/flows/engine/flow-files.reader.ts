import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBuiltFolder } from '../../../platform/built-folder.js';
import { RegularsError } from '../../../platform/errors.js';
import { type FlowDefinition, parseFlowDefinition } from './flow-definition.js';

/**
 * Flows as files ("retention as code", docs/flows.md): a folder of `<name>.json` definitions that
 * a store keeps in version control beside its templates, loads into the database, and dry-runs
 * against its history before enabling. The built-in definitions are `flows/` at the package root.
 */
export interface FlowFile {
  readonly definition: FlowDefinition;
  /** The file it was read from (or 'built-in'). */
  readonly source: string;
}

/**
 * The built-in definitions: `dist/flows/`, which the build assembles from each flow's folder
 * (src/features/flows/<flow>/<flow>.json), found from dist/src/ (an install) or from src/ (tests).
 */
export function builtInFlowsDir(): string {
  const dir = findBuiltFolder(path.dirname(fileURLToPath(import.meta.url)), 'flows', 'win-back.json');
  if (dir === null) throw new Error('the built-in flows (dist/flows/) are missing: run npm run build');
  return dir;
}

/** Every `*.json` of the folder, parsed; a bad file is INVALID_FLOW naming it, a name used twice too. */
export async function readFlowFolder(dir: string, options: { readonly builtIn?: boolean } = {}): Promise<FlowFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read the flows folder ${dir}: ${(error as Error).message}`, {
      file: dir,
    });
  }
  const files: FlowFile[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new RegularsError('INVALID_FLOW', `${file}: not valid JSON: ${(error as Error).message}`, {
        field: '',
        where: file,
      });
    }
    const definition = parseFlowDefinition(value, file);
    const earlier = seen.get(definition.name);
    if (earlier !== undefined)
      throw new RegularsError('INVALID_FLOW', `${file}: the flow name ${definition.name} is also used by ${earlier}`, {
        field: 'name',
        where: file,
      });
    seen.set(definition.name, file);
    files.push({ definition, source: options.builtIn === true ? 'built-in' : file });
  }
  return files;
}

export function readBuiltInFlows(): Promise<FlowFile[]> {
  return readFlowFolder(builtInFlowsDir(), { builtIn: true });
}
