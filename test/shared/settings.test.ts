/**
 * Editor settings as the server reads them: whatever shape an editor sends, and how they lay over
 * `.outage-radar.yaml` (settings win; defaults do not override the file).
 */
import assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/config';
import { applySettings, defaultSettings, normaliseSettings } from '../../src/shared/settings';

describe('editor settings', () => {
  it('defaults everything when the editor sends nothing or garbage', () => {
    for (const raw of [undefined, null, 42, 'x', [], { tier: 'Extreme', health: { source: 'satellite', pollIntervalSeconds: 'soon' }, ignore: 'legacy/**' }]) {
      assert.deepEqual(normaliseSettings(raw), defaultSettings());
    }
    const d = defaultSettings();
    assert.equal(d.tier, '');
    assert.equal(d.health.source, 'auto');
    assert.equal(d.health.pollIntervalSeconds, 300);
    assert.equal(d.codeLens.enabled, true);
    assert.equal(d.sources.terraform, true);
  });

  it('reads VS Code nested objects and flat dotted keys alike', () => {
    const nested = normaliseSettings({ tier: 'Critical', regions: { primary: 'eu-west-1', secondary: ['eu-central-1'] }, sources: { terraform: false }, codeLens: { enabled: false } });
    const flat = normaliseSettings({ tier: 'Critical', 'regions.primary': 'eu-west-1', 'regions.secondary': ['eu-central-1'], 'sources.terraform': false, 'codeLens.enabled': false });
    assert.deepEqual(nested, flat);
    assert.equal(nested.regions.primary, 'eu-west-1');
    assert.equal(nested.sources.terraform, false);
    assert.equal(nested.sources.python, true);
  });

  it('keeps valid rule overrides and drops malformed ones', () => {
    const s = normaliseSettings({ rules: { 'sdk-literal-region': 'off', 'kms-key-single-region': { severity: 'high' }, 'secret-not-replicated': 'low', bad: { severity: 'catastrophic' }, worse: 7 } });
    assert.deepEqual(s.rules, { 'sdk-literal-region': 'off', 'kms-key-single-region': { severity: 'high' }, 'secret-not-replicated': { severity: 'low' }, bad: {} });
  });

  it('never polls Health more often than once a minute', () => {
    assert.equal(normaliseSettings({ health: { pollIntervalSeconds: 5 } }).health.pollIntervalSeconds, 60);
    assert.equal(normaliseSettings({ health: { pollIntervalSeconds: 900 } }).health.pollIntervalSeconds, 900);
  });

  it('lays settings over the config file: set values win, defaults leave the file alone', () => {
    const file = { ...defaultConfig(), tier: 'MissionCritical' as const, regions: { primary: 'us-east-1', secondary: ['us-west-2'] }, rules: { 'sdk-literal-region': 'off' as const }, ignore: ['legacy/**'], file: '.outage-radar.yaml' };
    assert.deepEqual(applySettings(file, defaultSettings()), { ...file, disabledSources: [] });
    const merged = applySettings(file, normaliseSettings({ tier: 'NonCritical', regions: { secondary: ['eu-west-1'] }, rules: { 'kms-key-single-region': { severity: 'high' } }, ignore: ['vendor/**', 'legacy/**'], sources: { dotenv: false } }));
    assert.equal(merged.tier, 'NonCritical');
    assert.deepEqual(merged.regions, { primary: 'us-east-1', secondary: ['eu-west-1'] });
    assert.deepEqual(merged.rules, { 'sdk-literal-region': 'off', 'kms-key-single-region': { severity: 'high' } });
    assert.deepEqual(merged.ignore, ['legacy/**', 'vendor/**']);
    assert.deepEqual(merged.disabledSources, ['dotenv']);
    // includeTests: either the file or the setting turns test findings on; the default leaves the file's value.
    assert.equal(applySettings({ ...file, includeTests: true }, defaultSettings()).includeTests, true);
    assert.equal(applySettings(file, normaliseSettings({ includeTests: true })).includeTests, true);
    assert.equal(merged.includeTests, undefined);
  });
});
