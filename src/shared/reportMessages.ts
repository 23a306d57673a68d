/**
 * The messages between the extension and the risk report's webview (STYLE.md habit 7: declared
 * once, imported by both sides), and their validation. Neither side trusts the other's message:
 * a webview is a web page, and anything running in its frame can call `postMessage`. Each parser
 * returns null for anything that is not exactly one of the documented shapes.
 *
 * This module is pure (no `vscode`, no DOM) so that the extension, the webview bundle and the
 * tests import the same code.
 */
import { readReportData, type ReportData } from '../core/render/reportData';

/** The map image formats the report exports. */
export const MAP_EXPORT_FORMATS = ['svg', 'png'] as const;
export type MapExportFormat = (typeof MAP_EXPORT_FORMATS)[number];

/** Sent by the webview once its script runs: the extension answers with an `update`. */
export interface ReadyMessage {
  type: 'ready';
}

/** Sent by the webview when a row of the drill-down table is chosen: open the file at that place. */
export interface OpenLocationMessage {
  type: 'openLocation';
  /** workspace-relative POSIX path, as in the dependency map */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based UTF-16 column */
  column: number;
}

/**
 * Sent by the webview's "Export map" buttons. A webview cannot download files, so it renders the
 * image and the extension asks where to save it. `data` is the SVG document for `svg`, a
 * `data:image/png;base64,…` URL for `png`.
 */
export interface ExportMapMessage {
  type: 'exportMap';
  format: MapExportFormat;
  data: string;
}

/** Sent by the webview when a rule's documentation link is followed (links do not navigate inside a webview). */
export interface OpenLinkMessage {
  type: 'openLink';
  /** a `https:` or `file:` URL from a finding's `helpUri` */
  href: string;
}

export type WebviewToExtensionMessage = ReadyMessage | OpenLocationMessage | ExportMapMessage | OpenLinkMessage;

/** Sent by the extension: the data to show (after `ready`, and after every analysis). */
export interface UpdateMessage {
  type: 'update';
  data: ReportData;
}

export type ExtensionToWebviewMessage = UpdateMessage;

/** Upper bound of an exported image sent through postMessage (a 4× PNG of the map is far smaller). */
export const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
const MAX_PATH_LENGTH = 4096;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/**
 * A workspace-relative POSIX path that stays inside the workspace: no absolute path, no drive
 * letter, no `..` segment, no scheme. The extension joins it to the folder's URI, so anything
 * else could open a file outside the workspace.
 */
export function isWorkspaceRelativePath(file: string): boolean {
  if (!file || file.length > MAX_PATH_LENGTH || file.startsWith('/') || file.includes('\\') || file.includes('\0')) return false;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(file)) return false;
  return file.split('/').every((segment) => segment !== '..' && segment !== '');
}

/** A documentation link the report may follow: `https:` anywhere, `file:` for the docs shipped with Outage Radar. */
export function isFollowableLink(href: string): boolean {
  return /^https:\/\/[^\s]+$/.test(href) || /^file:\/\/\/[^\s]+$/.test(href);
}

/** What the extension accepts from the webview. */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | null {
  if (!isObject(value)) return null;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLocation': {
      const { file, line, column } = value;
      if (typeof file !== 'string' || !isWorkspaceRelativePath(file) || !isPositiveInteger(line)) return null;
      return { type: 'openLocation', file, line, column: isPositiveInteger(column) ? column : 1 };
    }
    case 'exportMap': {
      const { format, data } = value;
      if (typeof data !== 'string' || data.length > MAX_EXPORT_BYTES) return null;
      if (format === 'svg' && /^<svg[\s>]/.test(data)) return { type: 'exportMap', format, data };
      if (format === 'png' && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(data)) return { type: 'exportMap', format, data };
      return null;
    }
    case 'openLink':
      return typeof value.href === 'string' && isFollowableLink(value.href) ? { type: 'openLink', href: value.href } : null;
    default:
      return null;
  }
}

/** What the webview accepts from the extension; the report data is rebuilt by {@link readReportData}. */
export function parseExtensionMessage(value: unknown): ExtensionToWebviewMessage | null {
  if (!isObject(value) || value.type !== 'update') return null;
  const data = readReportData(value.data);
  return data ? { type: 'update', data } : null;
}
