/**
 * Writes `contributes.configuration` and the restricted settings of Workspace Trust into
 * package.json from the settings' source of truth (src/shared/settings.ts). `npm run sync-manifest`;
 * test/client/manifest.test.ts fails when package.json and the source of truth differ.
 * Only those two keys are touched; the rest of package.json is kept as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configurationContribution, restrictedSettingKeys } from '../src/shared/settings';

const file = path.resolve(__dirname, '..', 'package.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.contributes = { ...(manifest.contributes ?? {}), configuration: configurationContribution() };
const trust = manifest.capabilities?.untrustedWorkspaces;
if (trust) trust.restrictedConfigurations = restrictedSettingKeys();
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`package.json: ${Object.keys(configurationContribution().properties as object).length} settings, ${restrictedSettingKeys().length} restricted in untrusted workspaces`);
