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
