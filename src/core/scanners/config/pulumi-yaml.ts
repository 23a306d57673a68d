/**
 * Pulumi project and stack settings: `Pulumi.yaml` and `Pulumi.<stack>.yaml`.
 *
 * - a stack file's `config: aws:region: us-east-1` → a deploy-time `region-config` named
 *   `aws:region` (`config-file`), environment = the stack, directory = the project folder;
 *   an encrypted value (`aws:region: { secure: … }`) is unresolved;
 * - the project file's `config: aws:region` (`{ default: … }`, `{ value: … }` or a plain value)
 *   and `template: config:` defaults → the same with environment `default`;
 * - any other config key whose value is a region literal (`orders:replicaRegion`, nested
 *   objects by key path) → a region-config named by that key, so that the Pulumi program pass
 *   can match `config.require('replicaRegion')`;
 * - endpoints and ARNs in any value (`aws:endpoints`, `aws:assumeRole.roleArn`).
 */
import { isMap, isSeq, type Document, type Node } from 'yaml';
import type { RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { literalSet, OPEN_SET, regionFields, type RegionSet } from './envAssignments';
import { emitYamlStrings, entries, entryRange, items, nodeRange, parseYaml, scalarText, valueAt, valueOf, type MapEntry } from './yamlPositions';
import { folderOf } from '../../paths';

const ID = 'pulumi-yaml';
const PULUMI_NAME = /^Pulumi(?:\.([^/]+))?\.ya?ml$/;

export const pulumiYamlScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    const m = PULUMI_NAME.exec(file.slice(file.lastIndexOf('/') + 1));
    return m !== null && /aws:|amazonaws|arn:aws|region/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const stack = PULUMI_NAME.exec(file.slice(file.lastIndexOf('/') + 1))?.[1];
    const yaml = parseYaml(file, text, 'Pulumi settings', builder.lines);
    out.problems.push(...yaml.problems);
    for (const doc of yaml.documents) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const consumed = new Set<Node>();
      const scope: RegionScope = { directory: folderOf(file), environment: stack ?? 'default', appliesTo: 'deploy' };
      const configs = stack ? [valueOf(root, doc, 'config')] : [valueOf(root, doc, 'config'), valueAt(root, doc, ['template', 'config'])];
      for (const config of configs) {
        for (const e of entries(config, doc)) {
          if (!e.merged) scanConfigEntry(builder, doc, e, [e.key], scope, consumed, stack === undefined);
        }
      }
      emitYamlStrings(builder, doc, consumed, ID);
    }
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

/**
 * The region a config value sets. Project files declare `{ type, default, value, description }`;
 * stack files hold the value itself, or `{ secure: … }` when it is encrypted.
 */
function configValue(doc: Document, value: Node | null, isProject: boolean): { set: RegionSet; text: string } | undefined {
  const plain = scalarText(value);
  if (plain !== undefined) return { set: literalSet(plain), text: plain };
  if (!isMap(value)) return undefined;
  const secure = scalarText(valueOf(value, doc, 'secure'));
  if (secure !== undefined) return { set: OPEN_SET, text: 'secure' };
  if (isProject) {
    for (const key of ['value', 'default']) {
      const v = scalarText(valueOf(value, doc, key));
      if (v !== undefined) return { set: literalSet(v), text: v };
    }
  }
  return undefined;
}

function scanConfigEntry(builder: DependencyBuilder, doc: Document, e: MapEntry, path: string[], scope: RegionScope, consumed: Set<Node>, isProject: boolean): void {
  if (path.length > 16) return;
  const name = path.join('.');
  const setting = configValue(doc, e.value, isProject);
  if (setting && (name === 'aws:region' || setting.set.regions.length > 0)) {
    const [start, end] = entryRange(e, builder.text);
    builder.add({
      kind: 'region-config',
      service: '*',
      name,
      text: setting.text,
      origin: ID,
      ...regionFields(setting.set, 'config-file'),
      scope,
    }, start, end);
    if (e.value) consumed.add(e.value);
    return;
  }
  if (setting || !e.value) return;
  // A structured value: regions at any depth, named by their key path.
  if (isMap(e.value)) {
    for (const child of entries(e.value, doc)) if (!child.merged) scanConfigEntry(builder, doc, child, [...path, child.key], scope, consumed, false);
  } else if (isSeq(e.value)) {
    items(e.value, doc).forEach((item, i) => {
      const v = scalarText(item);
      if (v !== undefined && literalSet(v).regions.length > 0) {
        const [start, end] = nodeRange(item);
        builder.add({ kind: 'region-config', service: '*', name: `${name}.${i}`, text: v, origin: ID, ...regionFields(literalSet(v), 'config-file'), scope }, start, end);
        consumed.add(item);
      }
    });
  }
}
