/**
 * The AWS Health commands of the palette: "Enable AWS Health" (the way back after "Not now" on
 * the consent prompt) and "Select AWS Profile" (the profile the Health API is called with). The
 * consent is remembered per workspace; the profile is a user setting, since profile names belong
 * to the developer's machine, not to the repository. In a restricted workspace neither turns
 * polling on: the server polls only once the workspace is trusted.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { HealthConsentNotification } from '../shared/protocol';
import { SETTINGS_SECTION } from '../shared/settings';

export const HEALTH_CONSENT_KEY = 'outageRadar.healthConsent';

/** "Outage Radar: Enable AWS Health": records the consent and tells the server, whatever was answered before. */
export async function enableHealth(context: vscode.ExtensionContext, languageClient: LanguageClient): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showInformationMessage('Outage Radar: AWS Health needs a trusted workspace (it calls AWS with your credentials).', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  if (settings.get<string>('health.source') === 'off') {
    const choice = await vscode.window.showInformationMessage('Outage Radar: the setting outageRadar.health.source is "off".', 'Use "auto"');
    if (!choice) return;
    await settings.update('health.source', 'auto', vscode.ConfigurationTarget.Global);
  }
  await context.workspaceState.update(HEALTH_CONSENT_KEY, true);
  if (languageClient.state === State.Running) await languageClient.sendNotification(HealthConsentNotification, { consented: true });
  void vscode.window.showInformationMessage('Outage Radar: AWS Health is on for this workspace.');
}

/** Profile names in the shared config and credentials files (`[profile x]`, `[x]`), as the SDK reads them. */
export function awsProfiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = os.homedir();
  const files = [env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')];
  const names = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm)) if (m[1] !== 'sso-session' && !m[0].includes('sso-session')) names.add(m[1]);
  }
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/** "Outage Radar: Select AWS Profile": picks the profile for the Health API (user setting `outageRadar.aws.profile`). */
export async function selectAwsProfile(): Promise<void> {
  const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const current = settings.get<string>('aws.profile') ?? '';
  const profiles = awsProfiles();
  const items: vscode.QuickPickItem[] = [
    { label: '$(circle-slash) No profile', description: 'the SDK default: AWS_PROFILE, then "default"', picked: current === '' },
    ...profiles.map((p) => ({ label: p, description: p === current ? 'current' : undefined })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Outage Radar: Select AWS Profile',
    placeHolder: profiles.length ? 'The profile AWS Health is read with' : 'No profile found in ~/.aws/config or ~/.aws/credentials',
  });
  if (!picked) return;
  const profile = picked.label.startsWith('$(') ? '' : picked.label;
  await settings.update('aws.profile', profile, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Outage Radar: AWS Health uses ${profile ? `the profile "${profile}"` : 'the default profile'}.`);
}
