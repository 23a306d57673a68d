/**
 * Test support: runs the real AWS SDK in a sealed environment. Every AWS_* variable of the
 * developer's shell is set aside, the instance metadata service is disabled
 * (`AWS_EC2_METADATA_DISABLED=true`), and the shared config and credentials files point at files
 * in a temporary folder, so no test reads the developer's profiles or probes 169.254.169.254.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_ACCESS_KEY_ID = 'AKIAOUTAGERADARTEST1';
export const TEST_SECRET_ACCESS_KEY = 'oRt3st/Secret+Key/NeverPrint/ab12CD34ef56GH78';

export interface SealedAwsEnvironment {
  dir: string;
  /** writes the shared credentials file (INI text) */
  writeCredentials(text: string): void;
  /** sets the static test credentials in process.env */
  useStaticCredentials(): void;
  restore(): void;
}

export function sealAwsEnvironment(): SealedAwsEnvironment {
  const saved: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('AWS_') || key.startsWith('OUTAGE_RADAR_')) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-aws-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  writeFileSync(config, '');
  writeFileSync(credentials, '');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
  return {
    dir,
    writeCredentials: (text) => writeFileSync(credentials, text),
    useStaticCredentials: () => {
      process.env.AWS_ACCESS_KEY_ID = TEST_ACCESS_KEY_ID;
      process.env.AWS_SECRET_ACCESS_KEY = TEST_SECRET_ACCESS_KEY;
    },
    restore: () => {
      for (const key of Object.keys(process.env)) {
        if (key.startsWith('AWS_') || key.startsWith('OUTAGE_RADAR_')) delete process.env[key];
      }
      for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
