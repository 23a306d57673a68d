/**
 * Compose files (`docker-compose*.yml`, `compose*.yaml`): the `environment:` of each service, in
 * both forms Compose accepts (a map, or a list of `KEY=value` strings). AWS region variables
 * become runtime `region-config`s scoped to the service: the folder of its local `build.context`
 * (the code it runs), else the compose file's folder, with `environment` = the service name.
 * `${AWS_REGION:-us-east-1}` is interpolated from the host at `docker compose up`, so its default
 * is a candidate, not the region. `env_file:` is not followed (the env file scanner reads it).
 * Endpoints and ARNs anywhere (an ECR image URI, an endpoint override) are dependencies too.
 */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { emitEnvAssignment, joinFolder, resolveShellValue } from './envAssignments';
import { emitYamlStrings, entries, entryRange, items, nodeRange, parseYaml, scalarText, valueOf } from './yamlPositions';
import { folderOf } from '../../paths';

const ID = 'docker-compose';
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/i;
/** Build contexts that are not folders of the workspace: git URLs and remote archives. */
const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

export const dockerComposeScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    return COMPOSE_NAME.test(file.slice(file.lastIndexOf('/') + 1)) && /aws_|amazonaws|arn:aws|region/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const yaml = parseYaml(file, text, 'Compose file', builder.lines);
    out.problems.push(...yaml.problems);
    for (const doc of yaml.documents) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const consumed = new Set<Node>();
      for (const service of servicesOf(root, doc)) {
        const scope: RegionScope = { directory: serviceFolder(file, service.value, doc), environment: service.key, appliesTo: 'runtime' };
        scanEnvironment(builder, doc, valueOf(service.value, doc, 'environment'), scope, consumed);
      }
      emitYamlStrings(builder, doc, consumed, ID);
    }
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

/** `services:` entries; files of the legacy v1 format put services at the top level. */
function servicesOf(root: Node, doc: Document): Array<{ key: string; value: Node }> {
  const services = valueOf(root, doc, 'services');
  const source = isMap(services) ? entries(services, doc) : entries(root, doc).filter((e) => isMap(e.value) && (valueOf(e.value, doc, 'image') || valueOf(e.value, doc, 'build')));
  return source.filter((e) => !e.merged && isMap(e.value)).map((e) => ({ key: e.key, value: e.value as Node }));
}

function serviceFolder(file: string, service: Node, doc: Document): string {
  const here = folderOf(file);
  const build = valueOf(service, doc, 'build');
  const context = isScalar(build) ? scalarText(build) : scalarText(valueOf(build, doc, 'context'));
  if (context === undefined || REMOTE_CONTEXT.test(context)) return here;
  return joinFolder(here, context) ?? here;
}

/**
 * Both forms of `environment:`. Entries reached through an alias or a `<<` merge are emitted for
 * this service at the place they are written: each service that uses them gets the setting.
 */
function scanEnvironment(builder: DependencyBuilder, doc: Document, env: Node | null, scope: RegionScope, consumed: Set<Node>): void {
  const ctx = { origin: ID, scope, resolve: (value: string) => resolveShellValue(value, () => undefined) };
  for (const e of entries(env, doc)) {
    const value = scalarText(e.value);
    if (value === undefined || !e.value) continue; // `AWS_REGION:` with no value passes the host's through
    const [start, end] = entryRange(e);
    const [valueStart, valueEnd] = nodeRange(e.value);
    const before = builder.dependencies.length;
    emitEnvAssignment(builder, { name: e.key, value, start, end, valueStart, valueEnd }, ctx);
    if (builder.dependencies.length > before) consumed.add(e.value);
  }
  for (const item of items(env, doc)) {
    const raw = scalarText(item);
    if (raw === undefined || !isScalar(item)) continue;
    const eq = raw.indexOf('=');
    if (eq <= 0) continue; // `- AWS_REGION` passes the host's value through
    let [start, end] = nodeRange(item);
    if (item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE') {
      start += 1;
      end -= 1;
    }
    // Plain and single-quoted scalars are the source text; offsets inside them are exact.
    const valueStart = start + eq + 1;
    const before = builder.dependencies.length;
    emitEnvAssignment(builder, { name: raw.slice(0, eq), value: raw.slice(eq + 1), start, end, valueStart, valueEnd: end }, ctx);
    if (builder.dependencies.length > before) consumed.add(item);
  }
}
