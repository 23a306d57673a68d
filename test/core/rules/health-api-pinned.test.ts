import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/health-api-pinned';
import { GLOBAL_SERVICES } from '../../../src/core/catalogue/globalServices';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

const note = GLOBAL_SERVICES.health.note;

describe('health-api-pinned', () => {
  describe('over hand-built dependencies (shaped as after the global-service pass)', () => {
    it('reports Health clients whose region the code wrote, and regional Health endpoints', () => {
      const findings = runRulesOn(rule, [
        // `new HealthClient({ region: "us-east-2" })`: the pass records what was configured.
        dep({ kind: 'sdk-client', service: 'health', name: 'HealthClient', origin: 'js-v3', file: 'src/status.ts', line: 3, column: 16, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/status.ts', line: 3, column: 16 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note, configuredRegion: 'us-east-2' })] }),
        // `new HealthClient({ region: "us-east-1" })`: the scanner's step at the literal survives the pass.
        dep({ kind: 'sdk-client', service: 'health', name: 'HealthClient', origin: 'js-v3', file: 'src/pinned.ts', line: 3, column: 16, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/pinned.ts', line: 3, column: 50 }, { kind: 'literal', region: 'us-east-1' }), traceStep({ file: 'src/pinned.ts', line: 3, column: 16 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note })] }),
        // SDK v2 after `AWS.config.update({ region: "eu-west-1" })` in the same file.
        dep({ kind: 'sdk-client', service: 'health', name: 'AWS.Health', origin: 'js-v2', file: 'src/events.ts', line: 4, column: 16, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/events.ts', line: 2, column: 19 }, { kind: 'sdk-global-config' }), traceStep({ file: 'src/events.ts', line: 4, column: 16 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note, configuredRegion: 'eu-west-1' })] }),
        dep({ kind: 'endpoint', service: 'health', text: 'health.us-east-1.amazonaws.com', origin: 'js-v3', file: 'src/events.ts', line: 9, column: 30, region: 'us-east-1', regionSource: 'global-service', global: true }),
      ]);
      assert.deepEqual(located(findings), ['src/events.ts:4:16 low', 'src/events.ts:9:30 low', 'src/pinned.ts:3:16 low', 'src/status.ts:3:16 low']);
      assert.match(findings[3].message, /^HealthClient \(region us-east-2\) pins the AWS Health API to us-east-2/);
      assert.match(findings[2].message, /^HealthClient \(region us-east-1\) pins the AWS Health API to us-east-1/);
      assert.match(findings[0].message, /^AWS\.Health \(region eu-west-1\) pins/);
      assert.match(findings[1].message, /^Endpoint health\.us-east-1\.amazonaws\.com pins/);
    });

    it('leaves Health clients that take the region from the environment, and the global endpoint', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 1, region: 'us-east-1', regionSource: 'global-service', global: true, regionTrace: [traceStep({ file: 'src/a.ts', line: 1 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note })] }),
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 2, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/a.ts', line: 2 }, { kind: 'runtime-env', variable: 'AWS_REGION' }), traceStep({ file: '.env', line: 1 }, { kind: 'env-assignment', variable: 'AWS_REGION', value: 'eu-west-1', form: 'setting', region: 'eu-west-1' }), traceStep({ file: 'src/a.ts', line: 2 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note, configuredRegion: 'eu-west-1' })] }),
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 3, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/a.ts', line: 3, column: 30 }, { kind: 'env-read', variable: 'AWS_REGION' }), traceStep({ file: 'src/a.ts', line: 3, column: 56 }, { kind: 'fallback', region: 'us-east-1', variable: 'AWS_REGION' }), traceStep({ file: 'src/a.ts', line: 3 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note })] }),
        // `const region = target.split(".")[1]`: a constant whose value the file cannot know.
        dep({ kind: 'sdk-client', service: 'health', file: 'src/a.ts', line: 6, region: 'us-east-1', regionSource: 'global-service', global: true,
          regionTrace: [traceStep({ file: 'src/a.ts', line: 5, column: 9 }, { kind: 'value', via: 'const region' }), traceStep({ file: 'src/a.ts', line: 6 }, { kind: 'global-control-plane', service: 'health', region: 'us-east-1', note })] }),
        dep({ kind: 'endpoint', service: 'health', text: 'global.health.amazonaws.com', file: 'src/a.ts', line: 4, region: 'us-east-1', regionSource: 'global-service', global: true }),
        dep({ kind: 'sdk-client', service: 'iam', file: 'src/a.ts', line: 5, region: 'us-east-1', regionSource: 'global-service', global: true, regionTrace: [traceStep({ file: 'src/a.ts', line: 5 }, { kind: 'global-control-plane', service: 'iam', region: 'us-east-1', note: 'IAM …', configuredRegion: 'eu-west-1' })] }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports Health clients pinned to us-east-2 or us-east-1 and a regional Health endpoint, not the global name', async () => {
      const map = await analyseFiles({
        'src/status.ts': [
          'import { HealthClient } from "@aws-sdk/client-health";',
          '',
          'export const health = new HealthClient({ region: "us-east-2" });',
          'export const east = new HealthClient({ region: "us-east-1" });',
          'export const fromEnvironment = new HealthClient({});',
          'export const HEALTH_ENDPOINT = "https://health.us-east-1.amazonaws.com";',
          'export const HEALTH_GLOBAL = "global.health.amazonaws.com";',
          '',
        ].join('\n'),
      });
      assert.deepEqual(locations(findingsOf(map, 'health-api-pinned')), ['src/status.ts:3:23', 'src/status.ts:4:21', 'src/status.ts:6:32']);
    });
  });
});
