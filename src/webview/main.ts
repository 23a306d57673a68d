/**
 * Entry of the risk report's script (bundled by esbuild into `dist/webview.js`, an IIFE for the
 * browser). The same script runs in VS Code's webview and inlined in the exported HTML file; the
 * host decides where the data comes from and where actions go.
 */
import { html } from './dom';
import { detectHost } from './host';
import { Report } from './report';

function start(): void {
  const app = document.getElementById('app') ?? document.body.appendChild(html('main', { id: 'app' }));
  const live = html('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announcer' });
  const toast = html('div', { class: 'toast', 'aria-hidden': 'true' });
  document.body.append(live, toast);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string) => {
    live.textContent = text;
    toast.textContent = text;
    toast.classList.add('visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.classList.remove('visible'), 2500);
  };
  const host = detectHost(announce);
  document.body.classList.add(`host-${host.kind}`);
  const report = new Report(app, host, announce);
  host.start(
    (data) => report.show(data),
    (message) => report.showError(message),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
