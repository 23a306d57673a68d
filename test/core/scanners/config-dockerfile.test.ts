import { strict as assert } from 'node:assert';
import { dockerfileScanner } from '../../../src/core/scanners/config/dockerfile';
import { fixture, scanFixture } from './config-fixture';

describe('dockerfile scanner', () => {
  it('accepts Dockerfile, Dockerfile.<name> and <name>.Dockerfile that mention AWS or a region', () => {
    const text = 'FROM node:20\nENV AWS_REGION=us-east-1\n';
    for (const file of ['Dockerfile', 'services/api/Dockerfile', 'Dockerfile.prod', 'docker/worker.Dockerfile', 'dockerfile']) {
      assert.equal(dockerfileScanner.accepts(file, text), true, file);
    }
    for (const file of ['Dockerfile.dockerignore', 'docs/Dockerfile.md.txt/readme', 'k8s/deployment.yaml']) {
      assert.equal(dockerfileScanner.accepts(file, text), false, file);
    }
    assert.equal(dockerfileScanner.accepts('Dockerfile.plain', fixture('dockerfile/Dockerfile.plain')), false);
  });

  it('reads ENV in both forms, ARG defaults that ENV re-exports, continuation lines and endpoints (services/api/Dockerfile)', () => {
    const file = 'services/api/Dockerfile';
    const out = scanFixture(dockerfileScanner, 'dockerfile/services/api/Dockerfile', file);
    const scope = { directory: 'services/api', appliesTo: 'runtime' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION=eu-central-1', line: 11, column: 5, endLine: 11, endColumn: 28, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'eu-central-1', origin: 'dockerfile', region: 'eu-central-1', regionSource: 'env', scope, setsEnv: 'AWS_REGION' },
      { at: 'AWS_REGION=${AWS_REGION}', line: 12, column: 5, endLine: 12, endColumn: 29, kind: 'region-config', service: '*', name: 'AWS_REGION', text: '${AWS_REGION}', origin: 'dockerfile', region: 'eu-central-1', regionSource: 'env', regionTrace: [{ file, line: 11, reason: 'ARG AWS_REGION=eu-central-1' }], scope, setsEnv: 'AWS_REGION' },
      { at: 'AWS_DEFAULT_REGION eu-central-1', line: 13, column: 5, endLine: 13, endColumn: 36, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: 'eu-central-1', origin: 'dockerfile', region: 'eu-central-1', regionSource: 'env', scope, setsEnv: 'AWS_DEFAULT_REGION' },
      { at: 'AWS_STS_REGIONAL_ENDPOINTS=legacy', line: 15, column: 5, endLine: 15, endColumn: 38, kind: 'endpoint', service: 'sts', name: 'AWS_STS_REGIONAL_ENDPOINTS', text: 'sts.amazonaws.com', origin: 'dockerfile', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'https://orders-config.s3.eu-central-1.amazonaws.com', line: 16, column: 23, endLine: 16, endColumn: 74, kind: 'endpoint', service: 's3', text: 'orders-config.s3.eu-central-1.amazonaws.com', origin: 'dockerfile', region: 'eu-central-1', regionSource: 'literal', name: 'CONFIG_BUCKET_URL' },
      { at: 's3.amazonaws.com', line: 19, column: 24, endLine: 19, endColumn: 40, kind: 'endpoint', service: 's3', text: 's3.amazonaws.com', origin: 'dockerfile', region: 'us-east-1', regionSource: 'global-service', global: true },
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('skips here-documents, reports unknown instructions, and substitutes values from before the instruction (worker.Dockerfile)', () => {
    const out = scanFixture(dockerfileScanner, 'dockerfile/worker.Dockerfile', 'worker.Dockerfile');
    const scope = { directory: '', appliesTo: 'runtime' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION="ca-central-1"', line: 7, column: 5, endLine: 7, endColumn: 30, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'ca-central-1', origin: 'dockerfile', region: 'ca-central-1', regionSource: 'env', scope, setsEnv: 'AWS_REGION' },
      { at: 'AWS_DEFAULT_REGION=$AWS_REGION', line: 7, column: 31, endLine: 7, endColumn: 61, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: '$AWS_REGION', origin: 'dockerfile', region: null, regionSource: 'unresolved', scope, setsEnv: 'AWS_DEFAULT_REGION' },
    ]);
    assert.deepEqual(out.problems, [{ file: 'worker.Dockerfile', line: 6, reason: 'Dockerfile: unknown instruction "COPYY"; the line was skipped', severity: 'partial' }]);
  });

  it('honours the escape directive and brings a global ARG into a stage only when the stage declares it', () => {
    const text = [
      '# escape=`',
      'ARG REGION=sa-east-1',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'ENV AWS_REGION=$REGION',
      'ARG REGION',
      'ENV AWS_DEFAULT_REGION=$REGION `',
      '    APP_HOME=C:\\app',
      '',
    ].join('\n');
    const out = dockerfileScanner.scan('win/Dockerfile', text, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.column, d.endColumn, d.name, d.region, d.regionSource]), [
      [2, 5, 21, 'REGION', 'sa-east-1', 'env'],
      [4, 5, 23, 'AWS_REGION', null, 'unresolved'],
      [6, 5, 31, 'AWS_DEFAULT_REGION', 'sa-east-1', 'env'],
    ]);
  });
});
