/**
 * The one place that decides where rule documentation lives for `helpUri` and
 * `codeDescription.href` (CONTRACTS.md "Rules"): the packaged `docs/rules/` folder next to the
 * bundle (or the source tree), as a file URL, until the project has a public repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Set to the repository's docs URL once there is one; an empty string means "the packaged folder". */
export const PUBLIC_DOCS_BASE_URL = '';

export function docsBaseUrl(): string {
  if (PUBLIC_DOCS_BASE_URL) return PUBLIC_DOCS_BASE_URL;
  for (const candidate of [path.resolve(__dirname, '..', 'docs', 'rules'), path.resolve(__dirname, '..', '..', 'docs', 'rules')]) {
    if (existsSync(candidate)) return `${pathToFileURL(candidate).href}/`;
  }
  return 'docs/rules/';
}
