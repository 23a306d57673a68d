/**
 * package.json against its sources of truth: the settings (src/shared/settings.ts, written by
 * `npm run sync-manifest`), the command ids the extension registers, the scanner registry behind
 * `outageRadar.sources.*`, and the manifest conventions (STYLE.md habit 9).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Commands, DEPENDENCY_VIEW_ID } from '../../src/client/commandIds';
import { SCANNERS } from '../../src/core/scanners';
import { configurationContribution, restrictedSettingKeys, SETTINGS, SOURCE_IDS } from '../../src/shared/settings';

const REPO = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('contributes exactly the settings of the source of truth (run `npm run sync-manifest` after changing them)', () => {
    assert.deepEqual(manifest.contributes.configuration, configurationContribution());
  });

  it('lists the network-related settings as restricted in untrusted workspaces', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description.length > 20);
    assert.deepEqual(trust.restrictedConfigurations, restrictedSettingKeys());
    assert.deepEqual(restrictedSettingKeys(), ['outageRadar.health.source', 'outageRadar.health.pollIntervalSeconds', 'outageRadar.aws.profile']);
  });

  it('has a source switch for every scanner in the registry, and no other', () => {
    assert.deepEqual([...SOURCE_IDS].sort(), SCANNERS.map((s) => s.id).sort());
    const sourceKeys = SETTINGS.filter((s) => s.key.startsWith('outageRadar.sources.')).map((s) => s.key.slice('outageRadar.sources.'.length));
    assert.deepEqual(sourceKeys, [...SOURCE_IDS]);
  });

  it('prefixes every setting and gives it a scope and a Markdown description', () => {
    for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties as Record<string, { scope?: string; markdownDescription?: string }>)) {
      assert.match(key, /^outageRadar\./);
      assert.ok(spec.scope, `${key} has no scope`);
      assert.ok(spec.markdownDescription, `${key} has no markdownDescription`);
    }
    for (const key of ['outageRadar.tier', 'outageRadar.regions.primary', 'outageRadar.regions.secondary', 'outageRadar.rules', 'outageRadar.ignore', 'outageRadar.codeLens.enabled', 'outageRadar.health.source', 'outageRadar.health.pollIntervalSeconds', 'outageRadar.aws.profile', 'outageRadar.trace.server']) {
      assert.ok(manifest.contributes.configuration.properties[key], `${key} missing`);
    }
    assert.equal(manifest.contributes.configuration.properties['outageRadar.health.pollIntervalSeconds'].minimum, 60);
    assert.equal(manifest.contributes.configuration.properties['outageRadar.health.source'].default, 'auto');
  });

  it('contributes the palette commands the extension registers, all in the Outage Radar category', () => {
    const contributed = (manifest.contributes.commands as { command: string; category: string; title: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Outage Radar');
      assert.match(c.command, /^outageRadar\.[a-zA-Z]+$/);
    }
    const titles = Object.fromEntries(manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.equal(titles[Commands.showReport], 'Show Risk Report');
    assert.equal(titles[Commands.simulateOutage], 'Simulate Region Outage…');
  });

  it('declares the Cloud Dependencies view with an icon that exists', () => {
    const views = manifest.contributes.views.outageRadar as { id: string; name: string; icon: string }[];
    assert.deepEqual(views.map((v) => [v.id, v.name]), [[DEPENDENCY_VIEW_ID, 'Cloud Dependencies']]);
    readFileSync(path.join(REPO, views[0].icon));
  });

  it('activates narrowly: never on startup, only for AWS-ish workspaces, languages, the command, the view and a restored report', () => {
    const events = manifest.activationEvents as string[];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    for (const e of events) assert.match(e, /^(workspaceContains:|onLanguage:|onCommand:outageRadar\.|onView:outageRadar\.|onWebviewPanel:outageRadar\.)/);
    // VS Code restores the report panel after a reload only if this event activates the extension.
    assert.ok(events.includes('onWebviewPanel:outageRadar.report'));
  });

  it('has a 128×128 PNG icon', () => {
    const png = readFileSync(path.join(REPO, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
