/**
 * The CloudFormation/SAM scanner. A template is recognised by its content, not its name: an
 * `AWSTemplateFormatVersion`, the SAM transform, or a top-level `Resources` mapping of
 * `Type: AWS::…` entries, in YAML or JSON. Every resource becomes an `iac-resource` whose region
 * is the stack's deploy region (settled later from samconfig, a workflow, or left a parameter);
 * ARNs and endpoints anywhere in the template become `arn`/`endpoint` dependencies.
 *
 * `serverless.yml` files are the Serverless scanner's: it reuses {@link scanResources} for their
 * `resources:` section.
 */
import type { DeployUnit, Problem } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type ScanOutput, type Scanner } from '../types';
import { parseJsonTemplate } from './jsonTemplate';
import { scanResources } from './resources';
import { scanStringValues } from './stringValues';
import { getValue, literalString, type ParsedTemplate, type TemplateNode } from './templateTree';
import { parseYamlTemplate } from './yamlTemplate';

export { scanResources, type ResourceScanContext } from './resources';
export { scanStringValues } from './stringValues';
export { parseYamlTemplate } from './yamlTemplate';
export { parseJsonTemplate } from './jsonTemplate';

const TEMPLATE_EXTENSION = /\.(ya?ml|json|template)$/i;
const SERVERLESS_NAME = /(^|\/)serverless\.(ya?ml|json)$/i;
/** Cheap structural signs of a template, in YAML or JSON form. */
// Horizontal whitespace only after the line break: `\s*` would rescan a run of newlines from every position (quadratic).
const TEMPLATE_SIGN = /(^|[\n{,])[ \t\r]*["']?(AWSTemplateFormatVersion|Resources|Transform)["']?\s*:/;
/** A Serverless Framework service: top-level `service:` and `provider:`. */
const SERVERLESS_SIGN = /(^|\n)["']?service["']?\s*:/;
const PROVIDER_SIGN = /(^|\n)["']?provider["']?\s*:/;

/** Whether a file is a Serverless Framework service file (the Serverless scanner's, not ours). */
export function looksLikeServerless(file: string, text: string): boolean {
  if (SERVERLESS_NAME.test(file)) return true;
  return SERVERLESS_SIGN.test(text) && PROVIDER_SIGN.test(text) && !/AWSTemplateFormatVersion/.test(text);
}

function isJsonText(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
}

/** Whether a parsed document is a CloudFormation template. */
export function isTemplate(root: TemplateNode | undefined): boolean {
  if (!root || root.kind !== 'map') return false;
  if (getValue(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const transform = getValue(root, 'Transform');
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  if (transforms.some((t) => /^AWS::/.test(literalString(t) ?? ''))) return true;
  const resources = getValue(root, 'Resources');
  if (resources?.kind !== 'map') return false;
  return resources.pairs.some((p) => p.key.startsWith('Fn::ForEach::') || /^[A-Za-z0-9]+::[A-Za-z0-9]+::/.test(literalString(getValue(p.value, 'Type')) ?? ''));
}

export function scanCloudFormation(file: string, text: string): ScanOutput {
  const json = isJsonText(file, text);
  const parsed: ParsedTemplate = json ? parseJsonTemplate(text) : parseYamlTemplate(text);
  const builder = new DependencyBuilder(file, text);
  const problems: Problem[] = [];
  const deployUnits: DeployUnit[] = [];
  const template = isTemplate(parsed.root);
  // Syntax problems matter only in a file that is a template (or that accepts() judged one and
  // that is too broken to tell): a YAML file of another kind is not ours to complain about.
  if (template || !parsed.root) {
    for (const p of parsed.problems) problems.push({ file, ...builder.lines.position(p.offset), reason: p.message, severity: 'partial' });
  }
  const root = parsed.root;
  if (!template || !root || root.kind !== 'map') return { ...emptyOutput(), problems, suppressions: json ? [] : findSuppressions(file, text, 'hash') };

  const globals = getValue(root, 'Globals');
  scanResources(getValue(root, 'Resources'), { builder, file, stackFile: file, globals, parameters: getValue(root, 'Parameters'), problems, deployUnits });
  for (const section of root.pairs) {
    // Resources were scanned above; top-level Metadata and Description are documentation.
    if (section.key === 'Resources' || section.key === 'Metadata' || section.key === 'Description' || section.merged) continue;
    scanStringValues(section.value, section.key, undefined, { builder, stackFile: file, origin: 'cloudformation' });
  }
  const out: ScanOutput = {
    dependencies: builder.dependencies,
    problems,
    suppressions: json ? [] : findSuppressions(file, text, 'hash'),
  };
  if (deployUnits.length) out.deployUnits = deployUnits;
  return out;
}

export const cloudFormationScanner: Scanner = {
  id: 'cloudformation',
  accepts(file: string, text: string): boolean {
    if (!TEMPLATE_EXTENSION.test(file) || !text.includes('::')) return false;
    if (!text.includes('AWS::') && !/"?Type"?\s*:\s*["']?[A-Za-z0-9]+::/.test(text)) return false;
    if (!TEMPLATE_SIGN.test(text)) return false;
    return !looksLikeServerless(file, text);
  },
  scan(file: string, text: string): ScanOutput {
    return scanCloudFormation(file, text);
  },
};
