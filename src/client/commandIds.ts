/**
 * The palette commands' ids, in a module without the `vscode` import so that the manifest test
 * can check them against package.json. Every id is `outageRadar.*` under the "Outage Radar"
 * category (STYLE.md habit 9).
 */
export const Commands = {
  showReport: 'outageRadar.showReport',
  rescan: 'outageRadar.rescan',
  simulateOutage: 'outageRadar.simulateOutage',
  exportReport: 'outageRadar.exportReport',
  showOutput: 'outageRadar.showOutput',
  enableHealth: 'outageRadar.enableHealth',
  refreshHealth: 'outageRadar.refreshHealth',
  selectAwsProfile: 'outageRadar.selectAwsProfile',
} as const;

/** The id of the "Cloud Dependencies" tree view. */
export const DEPENDENCY_VIEW_ID = 'outageRadar.dependencies';
