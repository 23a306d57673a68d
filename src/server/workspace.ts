/**
 * The server's view of the workspace: one {@link WorkspaceIndex} per workspace folder, built in
 * the background with progress, overlaid with the editor's open documents and kept current by
 * document and file events; after each change it re-analyses and pushes diagnostics.
 *
 * Keystrokes are debounced per file (~150 ms); a change that arrives while the previous one is
 * still waiting supersedes it, and an analysis whose file changed again in the meantime is
 * dropped. Only the changed file is rescanned; the cross-file analysis then runs over the cached
 * per-file results, and the changed file's diagnostics are pushed before the rest.
 *
 * It reaches the editor only through {@link EditorPort}, which tests replace.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig, type OutageRadarConfig } from '../core/config';
import { parseConfigFile } from '../core/configFile';
import type { DependencyMap, Problem } from '../core/model';
import { RULES } from '../core/rules';
import { prepareMoves } from '../core/incremental/positions';
import { isCandidatePath } from '../core/scanners/candidates';
import { deployContextOf, WorkspaceIndex } from '../node/workspaceIndex';
import { CONFIG_FILE_NAMES, loadWorkspaceConfig } from '../node/workspaceConfig';
import { DEFAULT_IGNORED_DIRECTORIES } from '../node/workspaceFiles';
import type { HealthState, StatusParams } from '../shared/protocol';
import { mergeViewSummaries, type ViewSummary } from '../core/summary';
import { applySettings, defaultSettings, type OutageRadarSettings } from '../shared/settings';
import { DiagnosticsPublisher, diagnosticsByFile, type DiagnosticsSink } from './diagnostics';
import { NO_HEALTH, type HealthMonitor, type WorkspaceHealthEvent } from './health';
import { fileInFolder, pathOfUri, uriOfFile, type FolderLocation } from './locations';
import { viewOf, type MapView } from './mapView';

/** Debounce of analyses after a keystroke. */
export const CHANGE_DEBOUNCE_MS = 150;

export interface ProgressHandle {
  report(done: number, total: number): void;
  done(): void;
}

/** Everything the workspace needs from the editor connection; tests pass a recorder. */
export interface EditorPort extends DiagnosticsSink {
  sendStatus(status: StatusParams): void;
  log(message: string): void;
  error(message: string): void;
  refreshCodeLenses(): void;
  beginProgress(title: string): Promise<ProgressHandle>;
}

/** An open document as the workspace needs it (the server's TextDocuments provide these). */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface OpenDocuments {
  get(uri: string): OpenDocument | undefined;
  all(): OpenDocument[];
}

/** A file event, as `workspace/didChangeWatchedFiles` sends it (1 created, 2 changed, 3 deleted). */
export interface FileChange {
  uri: string;
  type: 1 | 2 | 3;
}

class FolderState implements FolderLocation {
  index: WorkspaceIndex;
  fileConfig: OutageRadarConfig;
  configProblems: Problem[] = [];
  config: OutageRadarConfig;
  /** settles when the current build (and the overlay of open documents) is done */
  ready: Promise<void> = Promise.resolve();
  building = false;
  abort: AbortController | undefined;
  /** open documents already analysed ahead of the current build (see `publishOpenFilesFirst`) */
  readonly previewed = new Set<string>();
  private ignoreMatcher: ((file: string) => boolean) | undefined;

  constructor(
    readonly root: string,
    readonly uri: string,
    /** a folder made up for files opened outside every workspace folder: only open files are scanned */
    readonly looseFiles: boolean,
    settings: OutageRadarSettings,
  ) {
    this.fileConfig = defaultConfig();
    this.config = applySettings(this.fileConfig, settings);
    this.index = new WorkspaceIndex(root, { config: this.config });
  }

  setConfig(fileConfig: OutageRadarConfig, problems: Problem[], settings: OutageRadarSettings): void {
    this.fileConfig = fileConfig;
    this.configProblems = problems;
    this.config = applySettings(fileConfig, settings);
    this.ignoreMatcher = this.config.ignore.length ? picomatch(this.config.ignore, { dot: true }) : undefined;
  }

  /** Whether a file is never scanned: not a candidate, in a default-ignored folder, or matched by `ignore`. */
  isIgnored(file: string): boolean {
    if (!isCandidatePath(file)) return true;
    if (file.split('/').slice(0, -1).some((segment) => DEFAULT_IGNORED_DIRECTORIES.has(segment))) return true;
    return this.ignoreMatcher?.(file) ?? false;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
}

export interface WorkspaceOptions {
  trusted: boolean;
  health?: HealthMonitor;
  debounceMs?: number;
  /** the persistent scan cache's folder; undefined: no cache */
  cacheDirectory?: string;
}

export class ServerWorkspace {
  private folders: FolderState[] = [];
  private settings: OutageRadarSettings = defaultSettings();
  private readonly publisher: DiagnosticsPublisher;
  private readonly pending = new Map<string, { timer: NodeJS.Timeout }>();
  /** URIs of open documents seen at least once (their first content event is the open itself) */
  private readonly seen = new Set<string>();
  private readonly health: HealthMonitor;
  private trusted: boolean;
  /** the user's answer to the one-time Health prompt (CONTRACTS.md "Health sources and privacy") */
  private healthConsented = false;
  private disposed = false;
  /** file events waiting for the batch being applied (see {@link filesChanged}) */
  private queuedChanges: FileChange[] = [];
  private applyingChanges: Promise<void> | undefined;
  private settingsArrived: () => void = () => undefined;
  /** settles with the first settings (builds wait for it) */
  private readonly settingsLoaded = new Promise<void>((resolve) => {
    this.settingsArrived = resolve;
  });

  constructor(private readonly port: EditorPort, private readonly documents: OpenDocuments, private readonly options: WorkspaceOptions) {
    this.publisher = new DiagnosticsPublisher(port);
    this.trusted = options.trusted;
    this.health = options.health ?? NO_HEALTH;
    this.health.onDidChange(() => this.republishAll());
  }

  get currentSettings(): OutageRadarSettings {
    return this.settings;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  // ── folders ────────────────────────────────────────────────────────────────────────────────

  /** Adds workspace folders (by URI) and starts indexing them in the background. */
  addFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const root = pathOfUri(uri);
      if (!root || this.folders.some((f) => f.root === root && !f.looseFiles)) continue;
      const folder = new FolderState(root, uri, false, this.settings);
      // Files opened outside every folder that now lie inside this one belong to it.
      for (const loose of this.folders.filter((f) => f.looseFiles && (f.root === root || fileInFolder(folder, f.root) !== undefined))) this.removeLooseFolder(loose);
      this.folders.push(folder);
      this.startBuild(folder);
    }
  }

  removeFolders(uris: readonly string[]): void {
    for (const uri of uris) {
      const root = pathOfUri(uri);
      const folder = this.folders.find((f) => f.root === root && !f.looseFiles);
      if (!folder) continue;
      folder.abort?.abort();
      this.folders = this.folders.filter((f) => f !== folder);
      this.publisher.clear((u) => this.folderOfUri(u) === folder || (this.folderOfUri(u) === undefined && isInside(folder.root, u)));
    }
    this.sendStatus();
  }

  /** Every folder's first build (tests and the dependency-map request wait for it). */
  async whenReady(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.ready));
  }

  /** The folder a URI belongs to: the innermost workspace folder that contains it. */
  private folderOfUri(uri: string): FolderState | undefined {
    const absolute = pathOfUri(uri);
    if (!absolute) return undefined;
    let best: FolderState | undefined;
    for (const f of this.folders) {
      if (fileInFolder(f, absolute) === undefined) continue;
      if (!best || f.root.length > best.root.length || (best.looseFiles && !f.looseFiles)) best = f;
    }
    return best;
  }

  /** The folder and workspace-relative file of a URI; files outside every folder get a folder of their own. */
  locate(uri: string, createLoose = false): { folder: FolderState; file: string } | undefined {
    const absolute = pathOfUri(uri);
    if (!absolute) return undefined;
    let folder = this.folderOfUri(uri);
    if (!folder && createLoose) {
      const root = path.dirname(absolute);
      folder = new FolderState(root, uriOfFile({ root }, ''), true, this.settings);
      folder.setConfig(folder.fileConfig, [], this.settings);
      this.folders.push(folder);
    }
    if (!folder) return undefined;
    const file = fileInFolder(folder, absolute);
    return file === undefined ? undefined : { folder, file };
  }

  /** The URIs of the folder's open documents by file: diagnostics are published under the editor's own URI. */
  private openUris(folder: FolderState): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const at = this.locate(doc.uri);
      if (at?.folder === folder) out.set(at.file, doc.uri);
    }
    return out;
  }

  // ── building ───────────────────────────────────────────────────────────────────────────────

  private startBuild(folder: FolderState): Promise<void> {
    folder.abort?.abort();
    const abort = new AbortController();
    folder.abort = abort;
    folder.building = true;
    folder.previewed.clear();
    const previous = folder.ready;
    folder.ready = (async () => {
      await previous.catch(() => undefined);
      // The folders are known at `initialize`, the settings (switched-off sources, ignores) only
      // after it; nothing is sent to the client before then.
      await this.settingsLoaded;
      this.sendStatus();
      try {
        await this.build(folder, abort.signal);
      } catch (error) {
        this.port.error(`Indexing ${folder.root} failed: ${describe(error)}`);
      } finally {
        if (folder.abort === abort) {
          folder.building = false;
          folder.abort = undefined;
        }
      }
      if (!abort.signal.aborted) this.analyseAndPublish(folder);
    })();
    return folder.ready;
  }

  private async build(folder: FolderState, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    if (!folder.looseFiles) {
      const loaded = await loadWorkspaceConfig(folder.root);
      folder.setConfig(loaded.config, loaded.problems, this.settings);
    }
    if (!folder.looseFiles) await this.publishOpenFilesFirst(folder, signal);
    if (signal.aborted) return;
    const index = new WorkspaceIndex(folder.root, { config: folder.config, configProblems: folder.configProblems, cacheDirectory: folder.looseFiles ? undefined : this.options.cacheDirectory });
    if (!folder.looseFiles) {
      const progress = await this.port.beginProgress('Outage Radar: indexing');
      try {
        await index.build({ signal, onProgress: (done, total) => progress.report(done, total) });
      } finally {
        progress.done();
      }
    }
    if (signal.aborted) return;
    // Open documents win over the disk: their text is what the user sees.
    for (const doc of this.documents.all()) {
      const at = this.locate(doc.uri);
      if (at?.folder === folder && !folder.isIgnored(at.file)) await index.updateText(at.file, doc.getText());
    }
    if (signal.aborted) return;
    folder.index = index;
    this.port.log(`Indexed ${folder.root}: ${index.fileCount} files in ${Math.round(performance.now() - started)} ms`);
  }

  /**
   * Before the whole folder is indexed, the open documents and what decides their region (the
   * deploy configs and templates beside and above them, the CI workflows) are scanned and analysed
   * on their own, and the open documents' diagnostics published: the files the user looks at get
   * their squiggles in the time of a few files, not of the workspace. The full build that follows
   * publishes everything, correcting whatever needed the rest of the workspace (a finding about
   * the whole workspace, code deployed from a stack further away).
   */
  private async publishOpenFilesFirst(folder: FolderState, signal: AbortSignal, only?: ReadonlySet<string>): Promise<void> {
    // Each open document is analysed first once per build, whether it was open when the build
    // started or opened while it runs.
    const open = [...this.openUris(folder)].filter(([file, uri]) => (!only || only.has(uri)) && !folder.previewed.has(uri) && !folder.isIgnored(file) && !this.isConfigFile(folder, file));
    if (open.length === 0) return;
    for (const [, uri] of open) folder.previewed.add(uri);
    try {
      const context = (await deployContextOf(folder.root, open.map(([file]) => file))).filter((file) => !folder.isIgnored(file));
      const preview = new WorkspaceIndex(folder.root, { config: folder.config, configProblems: folder.configProblems, workers: false });
      await preview.build({ paths: context, signal });
      if (signal.aborted) return;
      for (const [file, uri] of open) {
        const doc = this.documents.get(uri);
        if (doc) await preview.updateText(file, doc.getText());
      }
      // Once the build is done its own publication is newer than this one.
      if (signal.aborted || this.disposed || !folder.building) return;
      const map = preview.analyse();
      const byFile = diagnosticsByFile(viewOf(map), folder, this.healthEvents(map), folder.fileConfig.file ?? folder.configProblems[0]?.file, new Set(open.map(([file]) => file)));
      const uriOf = new Map(open);
      this.publisher.publishOnly(new Map([...byFile].map(([file, ds]) => [uriOf.get(file) ?? uriOfFile(folder, file), ds])), uriOf.values());
    } catch (error) {
      // The full build follows: a failure here only delays the first diagnostics.
      this.port.log(`Analysing the open files of ${folder.root} first failed: ${describe(error)}`);
    }
  }

  private async publishOpenedDuringBuild(folder: FolderState, signal: AbortSignal, uri: string): Promise<void> {
    // Nothing is sent before the settings have arrived (they decide what is scanned).
    await this.settingsLoaded;
    if (!signal.aborted) await this.publishOpenFilesFirst(folder, signal, new Set([uri]));
  }

  /** Rebuilds every folder from disk with the configuration re-read; resolves when all are analysed. */
  async rescan(): Promise<void> {
    await Promise.all(this.folders.filter((f) => !f.looseFiles).map((f) => this.startBuild(f)));
  }

  // ── analysis and publication ──────────────────────────────────────────────────────────────

  /**
   * Analyses a folder and publishes its diagnostics. After an edit (`edited`), only what the edit
   * changed is published: nothing when the file's facts did not change, the files whose positions
   * moved when only lines moved, everything otherwise.
   */
  private analyseAndPublish(folder: FolderState, first: string[] = [], edited = false): void {
    if (this.disposed || !this.folders.includes(folder)) return;
    let map: DependencyMap;
    try {
      map = folder.index.analyse();
    } catch (error) {
      this.port.error(`Analysis of ${folder.root} failed: ${describe(error)}`);
      return;
    }
    const change = folder.index.takeChanges();
    if (edited && change.kind === 'unchanged') return;
    const only = edited && change.kind === 'moved' ? change.files : undefined;
    const view = viewOf(map);
    const byFile = diagnosticsByFile(view, folder, this.healthEvents(map), folder.fileConfig.file ?? folder.configProblems[0]?.file, only);
    const open = this.openUris(folder);
    const byUri = new Map<string, ReturnType<typeof byFile.get> & object>();
    for (const [file, diagnostics] of byFile) byUri.set(open.get(file) ?? uriOfFile(folder, file), diagnostics);
    if (only) {
      this.publisher.publishOnly(byUri, [...only].map((file) => open.get(file) ?? uriOfFile(folder, file)));
      this.port.refreshCodeLenses();
      return;
    }
    // Open documents first: the file just edited, then the others the user has open.
    this.publisher.publish(byUri, (u) => this.folderOfUri(u) === folder, [...first, ...open.values()]);
    // When idle, ready the map for the next keystroke's early cutoff.
    setTimeout(() => prepareMoves(map), 0).unref?.();
    this.sendStatus();
    this.port.refreshCodeLenses();
  }

  private republishAll(): void {
    for (const folder of this.folders) if (!folder.building) this.analyseAndPublish(folder);
  }

  private healthEvents(map: DependencyMap): WorkspaceHealthEvent[] {
    if (!this.trusted) return [];
    try {
      return this.health.eventsFor(map);
    } catch (error) {
      this.port.error(`AWS Health events could not be matched: ${describe(error)}`);
      return [];
    }
  }

  /** The current analysis of the folder holding a URI, after its build and its pending edits. */
  async analysisFor(uri: string): Promise<{ folder: FolderState; file: string; view: MapView; events: WorkspaceHealthEvent[] } | undefined> {
    await this.flush(uri);
    const at = this.locate(uri);
    if (!at) return undefined;
    await at.folder.ready;
    const map = at.folder.index.analyse();
    return { ...at, view: viewOf(map), events: this.healthEvents(map) };
  }

  /** The dependency map of a folder (by URI; default the first workspace folder), once built. */
  async dependencyMap(folderUri?: string): Promise<DependencyMap | null> {
    const folder = folderUri ? this.folders.find((f) => f.uri === folderUri || f.root === pathOfUri(folderUri)) : this.folders.find((f) => !f.looseFiles) ?? this.folders[0];
    if (!folder) return null;
    await Promise.all([...this.pending.keys()].filter((u) => this.folderOfUri(u) === folder).map((u) => this.flush(u)));
    await this.applyingChanges;
    await folder.ready;
    return folder.index.analyse();
  }

  /** The open AWS Health events with the places of a folder's map they affect ([] when Health is off or untrusted). */
  async healthEventsOf(folderUri?: string): Promise<WorkspaceHealthEvent[]> {
    const map = await this.dependencyMap(folderUri);
    return map ? this.healthEvents(map) : [];
  }

  // ── document and file events ──────────────────────────────────────────────────────────────

  /** A document was opened or its content changed: re-analyse after the debounce (at once when just opened). */
  documentChanged(uri: string): void {
    const at = this.locate(uri, true);
    if (!at || (at.folder.isIgnored(at.file) && !this.isConfigFile(at.folder, at.file))) return;
    const delay = this.seen.has(uri) ? this.options.debounceMs ?? CHANGE_DEBOUNCE_MS : 0;
    // A document opened while its folder is indexed gets its diagnostics before the index is done.
    if (!this.seen.has(uri) && at.folder.building && at.folder.abort && !at.folder.looseFiles) void this.publishOpenedDuringBuild(at.folder, at.folder.abort.signal, uri);
    this.seen.add(uri);
    this.schedule(uri, delay);
  }

  private schedule(uri: string, delay: number): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous.timer);
    this.pending.set(uri, { timer: setTimeout(() => void this.runPending(uri), delay) });
  }

  /** Runs a file's pending analysis now (before a hover or a code action on it). */
  async flush(uri: string): Promise<void> {
    if (this.pending.has(uri)) await this.runPending(uri);
  }

  private async runPending(uri: string): Promise<void> {
    const entry = this.pending.get(uri);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(uri);
    try {
      const doc = this.documents.get(uri);
      const at = this.locate(uri);
      if (!doc || !at) return;
      await at.folder.ready;
      if (this.isConfigFile(at.folder, at.file)) {
        await this.configChanged(at.folder, doc.getText());
        return;
      }
      await at.folder.index.updateText(at.file, doc.getText());
      // A newer change is already waiting: its own run analyses; this one is superseded.
      if (this.pending.has(uri) || at.folder.building) return;
      this.analyseAndPublish(at.folder, [uri], true);
    } catch (error) {
      this.port.error(`Updating ${uri} failed: ${describe(error)}`);
    }
  }

  /** A document was closed: the file on disk is the truth again (unsaved edits are gone). */
  async documentClosed(uri: string): Promise<void> {
    const entry = this.pending.get(uri);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(uri);
    this.seen.delete(uri);
    const at = this.locate(uri);
    if (!at) return;
    await at.folder.ready;
    if (at.folder.looseFiles) {
      at.folder.index.remove(at.file);
      this.analyseAndPublish(at.folder);
      if (at.folder.index.fileCount === 0) this.removeLooseFolder(at.folder);
      return;
    }
    if (this.isConfigFile(at.folder, at.file)) return void (await this.configChanged(at.folder));
    if (at.folder.isIgnored(at.file)) return;
    await at.folder.index.refreshFromDisk(at.file);
    this.analyseAndPublish(at.folder);
  }

  private removeLooseFolder(folder: FolderState): void {
    this.folders = this.folders.filter((f) => f !== folder);
    this.publisher.clear((u) => isInside(folder.root, u) && this.folderOfUri(u) === undefined);
  }

  /**
   * Files created, changed or deleted outside the editor (or saved by it). Events are coalesced:
   * those that arrive while a batch is being applied (a checkout, a build writing hundreds of
   * files, each in its own notification) are applied together afterwards, with one analysis per
   * batch rather than one per notification. Resolves when every queued event is applied.
   */
  filesChanged(changes: readonly FileChange[]): Promise<void> {
    this.queuedChanges.push(...changes);
    this.applyingChanges ??= (async () => {
      try {
        // Let the rest of a burst already on the wire arrive before the first batch.
        await new Promise((resolve) => setImmediate(resolve));
        while (this.queuedChanges.length) {
          const latest = new Map<string, FileChange>();
          for (const change of this.queuedChanges.splice(0)) {
            // The last event of a file decides (created then deleted is deleted), in arrival order.
            latest.delete(change.uri);
            latest.set(change.uri, change);
          }
          try {
            await this.applyFileChanges([...latest.values()]);
          } catch (error) {
            // One failed batch must not strand the events queued behind it.
            this.port.error(`Applying file events failed: ${describe(error)}`);
          }
        }
      } finally {
        this.applyingChanges = undefined;
      }
    })();
    return this.applyingChanges;
  }

  private async applyFileChanges(changes: readonly FileChange[]): Promise<void> {
    const touched = new Set<FolderState>();
    for (const change of changes) {
      const at = this.locate(change.uri);
      if (!at || at.folder.looseFiles) continue;
      const { folder, file } = at;
      await folder.ready;
      if (this.isConfigFile(folder, file)) {
        await this.configChanged(folder);
        continue;
      }
      // An open document's text is newer than the disk's; its close brings the disk back.
      if (change.type !== 3 && this.documents.get(change.uri)) continue;
      if (change.type === 3) {
        const prefix = `${file}/`;
        for (const f of folder.index.files()) if (f === file || f.startsWith(prefix)) folder.index.remove(f);
      } else if (!folder.isIgnored(file)) {
        await folder.index.refreshFromDisk(file);
      } else continue;
      touched.add(folder);
    }
    for (const folder of touched) if (!folder.building) this.analyseAndPublish(folder);
  }

  private isConfigFile(folder: FolderState, file: string): boolean {
    return !folder.looseFiles && CONFIG_FILE_NAMES.includes(file);
  }

  // ── configuration ─────────────────────────────────────────────────────────────────────────

  /**
   * `.outage-radar.yaml` changed (its editor text, or on disk). A change of what is scanned
   * (`ignore`, switched-off sources) rebuilds the folder; anything else only re-analyses.
   */
  private async configChanged(folder: FolderState, text?: string): Promise<void> {
    const loaded = text === undefined ? await loadWorkspaceConfig(folder.root) : parseConfigFile(text, CONFIG_FILE_NAMES[0], new Set(RULES.map((r) => r.meta.id)));
    this.applyFolderConfig(folder, loaded.config, loaded.problems);
  }

  private applyFolderConfig(folder: FolderState, fileConfig: OutageRadarConfig, problems: Problem[]): void {
    const before = folder.config;
    folder.setConfig(fileConfig, problems, this.settings);
    if (!sameList(before.ignore, folder.config.ignore) || !sameList(before.disabledSources, folder.config.disabledSources)) {
      void this.startBuild(folder);
      return;
    }
    folder.index.setConfig(folder.config, folder.configProblems);
    if (!folder.building) this.analyseAndPublish(folder);
  }

  /** New editor settings: laid over each folder's config file; Health is reconfigured. */
  updateSettings(settings: OutageRadarSettings): void {
    this.settings = settings;
    this.settingsArrived();
    for (const folder of this.folders) this.applyFolderConfig(folder, folder.fileConfig, folder.configProblems);
    this.configureHealth();
    this.port.refreshCodeLenses();
  }

  /** Workspace Trust was granted: network-related settings and Health polling become available. */
  trustGranted(): void {
    this.trusted = true;
    this.configureHealth();
    this.republishAll();
  }

  setHealthConsent(consented: boolean): void {
    this.healthConsented = consented;
    this.configureHealth();
    this.sendStatus();
  }

  private configureHealth(): void {
    try {
      this.health.configure({
        source: this.settings.health.source,
        pollIntervalSeconds: this.settings.health.pollIntervalSeconds,
        profile: this.settings.aws.profile,
        consented: this.healthConsented,
        trusted: this.trusted,
        log: (m) => this.port.log(m),
      });
    } catch (error) {
      this.port.error(`AWS Health could not be configured: ${describe(error)}`);
    }
  }

  /** "Refresh AWS Health": polls now; false when Health is not being polled. */
  async refreshHealth(): Promise<boolean> {
    return this.health.refresh();
  }

  private healthState(): HealthState {
    if (!this.health.supported) return 'unsupported';
    if (!this.trusted) return 'restricted';
    if (this.settings.health.source === 'off') return 'off';
    return this.healthConsented ? 'on' : 'not-consented';
  }

  // ── status ────────────────────────────────────────────────────────────────────────────────

  status(): StatusParams {
    const summaries: ViewSummary[] = [];
    let healthEvents = 0;
    let healthEventsAffectingWorkspace = 0;
    let healthIssuesAffectingWorkspace = 0;
    let filesIndexed = 0;
    for (const folder of this.folders) {
      filesIndexed += folder.index.fileCount;
      if (folder.building && folder.index.fileCount === 0) continue;
      const map = folder.index.analyse();
      summaries.push(map.summary);
      const events = this.healthEvents(map);
      healthEvents += events.length;
      healthEventsAffectingWorkspace += events.filter((e) => e.affected.length > 0).length;
      healthIssuesAffectingWorkspace += events.filter((e) => e.affected.length > 0 && e.category === 'issue' && e.statusCode === 'open').length;
    }
    // The engine's summary (src/core/summary.ts) is what the status bar renders: no count here.
    const summary = mergeViewSummaries(summaries);
    const state = this.folders.length === 0 ? 'ready' : this.folders.some((f) => f.building) ? 'indexing' : 'ready';
    return {
      state,
      topRegion: summary.topRegion?.region ?? null,
      topRegionDependencies: summary.topRegion?.dependencies ?? 0,
      dependencies: summary.awsDependencies,
      findings: summary.findings.problems,
      findingsIncludingInfo: summary.findings.total,
      healthEvents,
      healthEventsAffectingWorkspace,
      healthIssuesAffectingWorkspace,
      filesIndexed,
      summary,
      health: this.healthState(),
    };
  }

  private sendStatus(): void {
    try {
      this.port.sendStatus(this.status());
    } catch (error) {
      this.port.error(`Status could not be computed: ${describe(error)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    for (const folder of this.folders) folder.abort?.abort();
    this.health.dispose();
  }
}

function isInside(root: string, uri: string): boolean {
  const absolute = pathOfUri(uri);
  return absolute !== undefined && fileInFolder({ root }, absolute) !== undefined;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
