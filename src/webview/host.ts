/**
 * Where the report runs: inside VS Code's webview (data and actions go through `postMessage` to
 * the extension) or as a standalone HTML file in any browser (data embedded in the page, actions
 * done in the page itself). The rest of the report talks to a {@link ReportHost} and does not
 * care which.
 */
import { REPORT_DATA_ELEMENT_ID, readReportData, type ReportData } from '../core/render/reportData';
import { isFollowableLink, parseExtensionMessage, type MapExportFormat, type WebviewToExtensionMessage } from '../shared/reportMessages';

/** The part of the UI that survives a reload of the webview (VS Code keeps it with the panel). */
export interface ViewState {
  /** the simulated outage (`us-east-1`, `us-east-1a`), '' for none */
  outage?: string;
  tab?: 'findings' | 'dependencies';
  tables?: Record<string, TableState>;
}

export interface TableState {
  sort?: string;
  descending?: boolean;
  page?: number;
  filters?: Record<string, string>;
}

export interface ReportHost {
  kind: 'vscode' | 'standalone';
  /** calls `onData` with the first data and every later update */
  start(onData: (data: ReportData) => void, onError: (message: string) => void): void;
  openLocation(file: string, line: number, column: number): void;
  /** the label of the location action: "Open" in the editor, "Copy" in a browser */
  locationAction: 'open' | 'copy';
  exportMap(format: MapExportFormat, data: string, fileName: string): void;
  openLink(href: string): void;
  getState(): ViewState;
  setState(state: ViewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

function isViewState(v: unknown): v is ViewState {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function vscodeHost(api: VsCodeApi): ReportHost {
  const post = (message: WebviewToExtensionMessage) => api.postMessage(message);
  return {
    kind: 'vscode',
    locationAction: 'open',
    start(onData) {
      window.addEventListener('message', (event: MessageEvent) => {
        // Whoever sent it, a message is read only through the validating parser.
        const message = parseExtensionMessage(event.data);
        if (message) onData(message.data);
      });
      post({ type: 'ready' });
    },
    openLocation: (file, line, column) => post({ type: 'openLocation', file, line, column }),
    exportMap: (format, data) => post({ type: 'exportMap', format, data }),
    openLink: (href) => {
      if (isFollowableLink(href)) post({ type: 'openLink', href });
    },
    getState: () => {
      const state = api.getState();
      return isViewState(state) ? state : {};
    },
    setState: (state) => api.setState(state),
  };
}

function standaloneHost(announce: (text: string) => void): ReportHost {
  let state: ViewState = {};
  try {
    // The fragment keeps the UI state across reloads of the file (no storage permission needed).
    const saved = decodeURIComponent(location.hash.slice(1));
    if (saved.startsWith('{')) {
      const parsed: unknown = JSON.parse(saved);
      if (isViewState(parsed)) state = parsed;
    }
  } catch {
    state = {};
  }
  return {
    kind: 'standalone',
    locationAction: 'copy',
    start(onData, onError) {
      const element = document.getElementById(REPORT_DATA_ELEMENT_ID);
      let data: ReportData | null = null;
      try {
        data = readReportData(JSON.parse(element?.textContent ?? 'null'));
      } catch {
        data = null;
      }
      if (data) onData(data);
      else onError('This report contains no readable dependency map.');
    },
    openLocation(file, line) {
      const text = `${file}:${line}`;
      copyText(text).then(
        () => announce(`Copied ${text}`),
        () => announce(`Select and copy: ${text}`),
      );
    },
    exportMap(format, data, fileName) {
      const blob = format === 'svg' ? new Blob([data], { type: 'image/svg+xml' }) : dataUrlToBlob(data);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    openLink(href) {
      if (isFollowableLink(href)) window.open(href, '_blank', 'noopener');
    },
    getState: () => state,
    setState(next) {
      state = next;
      history.replaceState(null, '', `#${encodeURIComponent(JSON.stringify(next))}`);
    },
  };
}

function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body] = dataUrl.split(',', 2);
  const bytes = atob(body ?? '');
  const buffer = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
  return new Blob([buffer], { type: /^data:([^;]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream' });
}

/** Copies text; the async clipboard API first, the selection-based command where it is unavailable (file: pages). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('copy refused');
  }
}

export function detectHost(announce: (text: string) => void): ReportHost {
  return typeof acquireVsCodeApi === 'function' ? vscodeHost(acquireVsCodeApi()) : standaloneHost(announce);
}
