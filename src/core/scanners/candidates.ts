/**
 * Which file names can hold a dependency at all, decided from the path alone so that the host
 * never reads the files that dominate real repositories (images, lock files, docs, CSS …).
 * Every scanner's `accepts` is narrower than this; this is only the first, cheapest cut.
 */

const EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx',
  'py',
  'yaml', 'yml', 'json', 'template',
  'tf', 'tfvars', 'hcl',
  'toml', 'env', 'ini', 'cfg', 'conf', 'properties', 'aws-config',
]);

const NAMES = /^(?:dockerfile(?:\..+)?|.+\.dockerfile|\.env(?:\..+)?|config|credentials|\.gitlab-ci\.yml)$/i;

export function isCandidatePath(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base.endsWith('.d.ts') || base.endsWith('.min.js') || base.endsWith('.map') || base === 'package-lock.json' || base === 'yarn.lock' || base === 'pnpm-lock.yaml' || base === 'tsconfig.json') return false;
  if (NAMES.test(base)) return true;
  const dot = base.lastIndexOf('.');
  return dot >= 0 && EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}

/**
 * The shared trigger words: every file of a general-purpose type (code, JSON, YAML) that some
 * scanner accepts contains one of them, case as written — the JavaScript scanner's markers
 * (`aws-sdk`, `@aws-sdk`, `aws-cdk`, `@pulumi/aws`, `amazonaws`, `arn:aws`, `.on.aws`,
 * `arn:${`, `new AWS.`), the Python scanner's (`boto3`, `botocore`, `amazonaws`, `arn:aws`),
 * the `::` of every CloudFormation resource type, and the `name: aws` of a Serverless service
 * under another file name. A scanner that starts to accept files on other words must add them
 * here (test/core/scanners/prefilter.test.ts checks every scanner against this list).
 *
 * The words are ASCII, so the host can test them on the raw UTF-8 bytes before decoding, and
 * they are case-sensitive on purpose: one case-sensitive alternation runs several times faster
 * than a case-insensitive one, and rejecting most files cheaply is this list's whole point.
 */
export const TRIGGER_WORDS: readonly string[] = ['aws', 'AWS', 'boto', 'arn:', '::'];
export const TRIGGER_PATTERN = /aws|AWS|boto|arn:|::/;

/** The general-purpose file types whose text must hold a trigger word to matter. */
const GENERAL_TYPE = /\.(?:[cm]?[jt]s|[jt]sx|pyw?|json|ya?ml|template)$/i;

/**
 * Names that a scanner reads whatever the text holds, or tests with words of its own (often
 * case-insensitive: `region`, `deploy`…): Terraform JSON, SAM and Serverless settings, CDK and
 * Pulumi settings, Compose files, GitHub Actions workflows and actions, GitLab CI, Dockerfile
 * variants and `.env` files. They are rare, so they skip the trigger test and go to the scanners.
 */
const SCANNED_BY_NAME = /(?:^|\/)(?:[^/]*\.tf(?:vars)?\.json|samconfig[^/]*|serverless\.(?:ya?ml|json)|cdk(?:\.context)?\.json|pulumi[^/]*\.ya?ml|(?:docker-)?compose[^/]*\.ya?ml|action\.ya?ml|[^/]*gitlab-ci\.ya?ml|dockerfile[^/]*|\.env[^/]*)$|(?:^|\/)\.github\/workflows\/[^/]+$|(?:^|\/)\.gitlab\//i;

/**
 * Whether the file must go to the scanners at all: decided by its name alone for files that are
 * not of a general-purpose type or that a scanner knows by name, else by the trigger words. A
 * `false` means that no scanner's `accepts` would say yes.
 */
export function mayHoldDependency(file: string, text: string): boolean {
  return needsNoTrigger(file) || TRIGGER_PATTERN.test(text);
}

/** True when the file's name alone sends it to the scanners (the trigger words are not tested). */
export function needsNoTrigger(file: string): boolean {
  return !GENERAL_TYPE.test(file) || SCANNED_BY_NAME.test(file);
}
