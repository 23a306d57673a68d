/**
 * When the language server crashes, restart it after a growing delay (1 s, 2 s, 4 s … at most
 * 30 s), tell the user once, and give up — saying so — after too many crashes in a short time:
 * a server that crashes on start would otherwise restart in a tight loop and flood the output.
 * Pure (no `vscode`), so the policy is tested on its own.
 */

export interface RestartDecision {
  restart: boolean;
  /** milliseconds to wait before restarting */
  delayMs: number;
  /** what to tell the user, only the first time and when giving up */
  message?: string;
}

export const MAX_CRASHES = 5;
export const CRASH_WINDOW_MS = 3 * 60_000;
export const MAX_DELAY_MS = 30_000;

export class RestartPolicy {
  private crashes: number[] = [];
  private told = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** Called when the connection to the server closed without the client asking for it. */
  onCrash(): RestartDecision {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < CRASH_WINDOW_MS), t];
    const n = this.crashes.length;
    if (n > MAX_CRASHES) {
      return { restart: false, delayMs: 0, message: `The Outage Radar language server stopped ${n} times in ${CRASH_WINDOW_MS / 60_000} minutes and will not be restarted. Run "Outage Radar: Show Output" for details, then reload the window.` };
    }
    const delayMs = Math.min(MAX_DELAY_MS, 1000 * 2 ** (n - 1));
    const first = !this.told;
    this.told = true;
    return { restart: true, delayMs, message: first ? 'The Outage Radar language server stopped unexpectedly and is being restarted. Details are in "Outage Radar: Show Output".' : undefined };
  }
}
