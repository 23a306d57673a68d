/**
 * The risk report page: header and scores, the region map with its outage simulation, the
 * charts, the simulation's lists, and the drill-down tables. It builds its DOM once per data
 * update and redraws the parts a simulation changes (map, charts, lists, the tables' verdict
 * column). Everything the user sets — the simulated outage, the table tab, sorting, filters, page —
 * is kept in the host's state, so a reloaded webview (or a reloaded HTML file) looks the same.
 */
import { SEVERITIES } from '../core/model';
import type { ReportData, ReportHealthEvent } from '../core/render/reportData';
import type { SimulatedDependency } from '../core/simulate';
import { UNRESOLVED_REGION, headline, regionChoicePhrase } from '../core/summary';
import { isFollowableLink } from '../shared/reportMessages';
import { barChart, dependencyBars, ruleBars, scoreCards, severityBars } from './charts';
import { formatCount, html, plural, replaceChildren, type Child } from './dom';
import type { ReportHost, TableState, ViewState } from './host';
import { buildReportModel, simulate, statusOf, type DependencyRow, type FindingRow, type OutageTarget, type ReportModel, type Simulation } from './reportModel';
import { DataTable, type Column } from './table';
import { drawMap, pngFromSvg, serializeMap } from './worldMap';

/** Entries listed per verdict in the simulation's lists; the dependencies table holds the rest. */
const LIST_LIMIT = 200;

export class Report {
  private model: ReportModel | null = null;
  private simulation: Simulation | null = null;
  private state: ViewState;
  private findingsTable: DataTable<FindingRow> | null = null;
  private dependenciesTable: DataTable<DependencyRow> | null = null;
  private readonly mapHolder = html('div', { class: 'map-holder' });
  private readonly chartsHolder = html('div', { class: 'charts' });
  private readonly simulationHolder = html('div', { class: 'simulation-result', id: 'simulation-result' });
  private readonly regionTableHolder = html('div', { class: 'region-table' });

  constructor(
    private readonly root: HTMLElement,
    private readonly host: ReportHost,
    private readonly announce: (text: string) => void,
  ) {
    this.state = host.getState();
  }

  showError(message: string): void {
    replaceChildren(this.root, html('h1', {}, 'Outage Radar risk report'), html('p', { class: 'error', role: 'alert' }, message));
  }

  /** Shows new data (the first, or a newer analysis); the user's choices carry over where they still apply. */
  show(data: ReportData): void {
    const model = buildReportModel(data);
    this.model = model;
    const target = this.targets().find((t) => t.value === this.state.outage);
    this.simulation = target ? simulate(model, target) : null;
    if (!target && this.state.outage) this.saveState({ outage: '' });
    this.render(model);
  }

  private targets(): OutageTarget[] {
    return this.model ? [...this.model.outageRegions, ...this.model.outageZones] : [];
  }

  private saveState(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.host.setState(this.state);
  }

  private saveTable(id: string, table: TableState): void {
    this.saveState({ tables: { ...(this.state.tables ?? {}), [id]: table } });
  }

  private render(model: ReportModel): void {
    const { map } = model;
    const root = map.root ? map.root.replace(/[/\\]+$/, '').split(/[/\\]/).pop() : '';
    const header = html(
      'header',
      { class: 'report-header' },
      html('h1', {}, 'Outage Radar risk report', root ? html('span', { class: 'workspace' }, ` — ${root}`) : null),
      html(
        'p',
        { class: 'meta' },
        headline(map.summary),
        model.unresolved ? ` · ${plural(model.unresolved, 'dependency', 'dependencies')} with an unknown region` : null,
        map.problems.length ? ` · ${plural(map.problems.length, 'file', 'files')} only partly understood` : null,
      ),
      this.headline(model),
    );

    const scores = html('section', { class: 'scores', 'aria-labelledby': 'scores-title' }, html('h2', { id: 'scores-title' }, 'Risk at a glance'), scoreCards(model));

    const select = html('select', { id: 'outage-select', 'aria-describedby': 'outage-help' });
    select.append(html('option', { value: '' }, 'No outage'));
    if (model.outageRegions.length) select.append(html('optgroup', { label: 'Regions' }, ...model.outageRegions.map((t) => html('option', { value: t.value }, `${t.value} (${regionChoicePhrase({ dependencies: t.dependencies, possible: t.possible ?? 0 })})`))));
    if (model.outageZones.length) select.append(html('optgroup', { label: 'Availability zones' }, ...model.outageZones.map((t) => html('option', { value: t.value }, `${t.value} (${plural(t.dependencies, 'resource', 'resources')})`))));
    select.value = this.simulation?.target.value ?? '';
    select.addEventListener('change', () => this.setOutage(select.value));

    const exportSvg = html('button', { type: 'button', class: 'secondary', 'data-action': 'export-svg' }, 'Export map as SVG');
    const exportPng = html('button', { type: 'button', class: 'secondary', 'data-action': 'export-png' }, 'Export map as PNG');
    exportSvg.addEventListener('click', () => this.exportMap('svg'));
    exportPng.addEventListener('click', () => void this.exportMap('png'));

    const mapSection = html(
      'section',
      { class: 'map-section', 'aria-labelledby': 'map-section-title' },
      html('h2', { id: 'map-section-title' }, 'Where the workspace runs'),
      html(
        'div',
        { class: 'toolbar' },
        html('label', { for: 'outage-select', class: 'outage-label' }, 'Simulate an outage of'),
        select,
        html('span', { id: 'outage-help', class: 'hint' }, 'The same computation as outage-radar simulate.'),
        html('span', { class: 'spacer' }),
        exportSvg,
        exportPng,
      ),
      this.mapHolder,
      this.regionTableHolder,
      this.healthSection(model),
    );

    const simulationSection = html('section', { class: 'simulation-section', 'aria-labelledby': 'simulation-title' }, html('h2', { id: 'simulation-title' }, 'Outage simulation'), this.simulationHolder);
    const chartsSection = html('section', { class: 'charts-section', 'aria-labelledby': 'charts-title' }, html('h2', { id: 'charts-title' }, 'Charts'), this.chartsHolder);

    replaceChildren(this.root, header, scores, mapSection, simulationSection, chartsSection, this.drillDown(model), this.footer());
    this.renderSimulationViews();
  }

  /** One sentence: how concentrated the workspace is, and what an outage of its main region would do. */
  private headline(model: ReportModel): Child {
    const c = model.map.risk?.concentration;
    const top = c?.region ? model.outageRegions.find((t) => t.value === c.region) : undefined;
    if (!c || !top) return null;
    const r = simulate(model, top).result;
    return html(
      'p',
      { class: 'headline' },
      `${Math.round(c.share * 100)}% of the dependencies whose region is known are in ${top.region}: an outage there breaks ${plural(r.failing.length, 'dependency', 'dependencies')}`,
      r.surviving.length ? `, ${formatCount(r.surviving.length)} survive on replicas` : '',
      r.unknown.length ? `, ${formatCount(r.unknown.length)} cannot be known` : '',
      '.',
    );
  }

  private footer(): HTMLElement {
    return html(
      'footer',
      { class: 'report-footer' },
      html('p', {}, 'Generated by Outage Radar from the workspace’s source code. Land outlines: Natural Earth (public domain), via the world-atlas package. Region locations are the metro areas AWS names its regions after.'),
    );
  }

  private setOutage(value: string): void {
    const target = this.targets().find((t) => t.value === value) ?? null;
    if (!this.model) return;
    this.simulation = target ? simulate(this.model, target) : null;
    this.saveState({ outage: target?.value ?? '' });
    this.renderSimulationViews();
    const r = this.simulation?.result;
    this.announce(r ? `Outage of ${target?.value}: ${r.failing.length} failing, ${r.surviving.length} surviving, ${r.unknown.length} unknown.` : 'No outage simulated.');
  }

  /** Redraws what depends on the simulated outage. */
  private renderSimulationViews(): void {
    const model = this.model;
    if (!model) return;
    const simulation = this.simulation;
    replaceChildren(this.mapHolder, drawMap(model, simulation, { onRegion: (region) => this.focusRegion(region) }));
    const unlocated = model.regions.filter((f) => !f.coordinates);
    if (unlocated.length || model.unresolved) {
      this.mapHolder.append(
        html(
          'p',
          { class: 'map-note' },
          unlocated.length ? `Not drawn (location unknown): ${unlocated.map((f) => `${f.region} (${formatCount(f.dependencies)})`).join(', ')}. ` : '',
          model.unresolved ? `${plural(model.unresolved, 'dependency has', 'dependencies have')} no known region and ${model.unresolved === 1 ? 'is' : 'are'} not on the map.` : '',
        ),
      );
    }
    replaceChildren(this.regionTableHolder, this.regionTable(model, simulation));
    const regionAction = (bar: { key: string }) => `Show ${bar.key} in the tables`;
    replaceChildren(
      this.chartsHolder,
      barChart({ id: 'by-region', title: simulation ? `Dependencies by region — outage of ${simulation.target.value}` : 'Dependencies by region', unit: ['dependency', 'dependencies'], bars: dependencyBars(model, simulation, (r) => r.region), action: regionAction, onBar: (bar) => this.focusRegion(bar.key) }),
      barChart({ id: 'by-service', title: simulation ? `Dependencies by service — outage of ${simulation.target.value}` : 'Dependencies by service', unit: ['dependency', 'dependencies'], bars: dependencyBars(model, simulation, (r) => (r.service === '*' ? null : r.service)), action: (bar) => `Show ${bar.key} dependencies`, onBar: (bar) => this.filterDependencies('service', bar.key) }),
      barChart({ id: 'by-severity', title: 'Findings by severity', unit: ['finding', 'findings'], bars: severityBars(model), action: (bar) => `Show ${bar.key} findings`, onBar: (bar) => this.filterFindings('severity', bar.key) }),
      barChart({ id: 'by-rule', title: 'Findings by rule', unit: ['finding', 'findings'], bars: ruleBars(model), action: (bar) => `Show ${bar.key} findings`, onBar: (bar) => this.filterFindings('rule', bar.key) }),
    );
    replaceChildren(this.simulationHolder, ...this.simulationLists(simulation));
    this.dependenciesTable?.setRows(model.dependencyRows);
  }

  private regionTable(model: ReportModel, simulation: Simulation | null): HTMLElement {
    const unresolvedRow = model.map.summary.regions.find((r) => r.region === UNRESOLVED_REGION && (r.dependencies > 0 || r.findings.total > 0));
    const rows = model.regions.map((f) => {
      let verdict: Child = null;
      if (simulation) {
        const failing = model.dependencyRows.filter((r) => r.region === f.region && r.kind !== 'region-config' && statusOf(simulation, r.id) === 'failing').length;
        const surviving = model.dependencyRows.filter((r) => r.region === f.region && r.kind !== 'region-config' && statusOf(simulation, r.id) === 'surviving').length;
        verdict = html('td', {}, failing || surviving ? `${formatCount(failing)} failing, ${formatCount(surviving)} surviving` : 'unaffected');
      }
      return html(
        'tr',
        { 'data-region': f.region },
        html('th', { scope: 'row' }, f.region),
        html('td', {}, f.location),
        html('td', { class: 'num' }, formatCount(f.dependencies)),
        html('td', { class: 'num', title: f.notes ? `${plural(f.notes, 'note', 'notes')} (info) besides` : undefined }, formatCount(f.findings)),
        html('td', {}, f.worst ? html('span', { class: `severity sev-${f.worst}` }, f.worst) : '—'),
        html('td', { class: 'num' }, formatCount(f.viaGlobalControlPlanes)),
        html('td', { class: 'num' }, formatCount(f.health.filter((e) => e.statusCode !== 'closed').length)),
        verdict,
      );
    });
    return html(
      'details',
      { class: 'regions', open: true },
      html('summary', {}, html('h3', { id: 'regions-title' }, 'Regions (the map as a table)')),
      html(
        'table',
        { class: 'data-table compact', 'aria-labelledby': 'regions-title' },
        html(
          'thead',
          {},
          html(
            'tr',
            {},
            ...['Region', 'Location', 'Dependencies', 'Findings', 'Most severe', 'Via global control planes', 'Open Health events'].map((h) => html('th', { scope: 'col', class: /^(Dependencies|Findings|Via|Open)/.test(h) ? 'num' : undefined }, h)),
            simulation ? html('th', { scope: 'col' }, `Outage of ${simulation.target.value}`) : null,
          ),
        ),
        html('tbody', {}, ...rows),
        unresolvedRow ? html('tfoot', {}, html('tr', { 'data-region': UNRESOLVED_REGION }, html('th', { scope: 'row' }, UNRESOLVED_REGION), html('td', {}, 'region unknown'), html('td', { class: 'num' }, formatCount(unresolvedRow.dependencies)), html('td', { class: 'num' }, formatCount(unresolvedRow.findings.problems)), html('td', { colspan: simulation ? 4 : 3 }, ''))) : null,
      ),
    );
  }

  private healthSection(model: ReportModel): Child {
    const events = model.data.health;
    if (!events) return null;
    const row = (e: ReportHealthEvent) =>
      html(
        'tr',
        { class: `health-${e.statusCode}` },
        html('td', {}, e.availabilityZone ?? e.region),
        html('td', {}, e.service),
        html('td', {}, e.statusCode),
        html('td', {}, e.eventTypeCode),
        html('td', {}, e.startTime ?? '—'),
        html('td', {}, e.summary ?? e.description.split('\n')[0] ?? ''),
      );
    return html(
      'section',
      { class: 'health', 'aria-labelledby': 'health-title' },
      html('h3', { id: 'health-title' }, `AWS Health events (${formatCount(events.length)})`),
      events.length
        ? html(
            'table',
            { class: 'data-table compact', 'aria-labelledby': 'health-title' },
            html('thead', {}, html('tr', {}, ...['Where', 'Service', 'Status', 'Event', 'Started', 'Description'].map((h) => html('th', { scope: 'col' }, h)))),
            html('tbody', {}, ...events.map(row)),
          )
        : html('p', {}, 'No AWS Health event is open.'),
      model.otherHealth.length ? html('p', { class: 'hint' }, `${plural(model.otherHealth.length, 'event affects', 'events affect')} nothing in this workspace and ${model.otherHealth.length === 1 ? 'is' : 'are'} not marked on the map.`) : null,
    );
  }

  private simulationLists(simulation: Simulation | null): Child[] {
    if (!simulation) return [html('p', { class: 'hint' }, 'Choose a region or an availability zone above: the map, the charts and the tables then show what would fail, what would survive and what cannot be known.')];
    const r = simulation.result;
    const list = (title: string, status: 'failing' | 'surviving' | 'unknown', entries: SimulatedDependency[]) => {
      const byComponent = new Map<string, SimulatedDependency[]>();
      for (const e of entries.slice(0, LIST_LIMIT)) byComponent.set(e.component, [...(byComponent.get(e.component) ?? []), e]);
      const more = entries.length - LIST_LIMIT;
      return html(
        'details',
        { class: `verdict ${status}`, open: status !== 'surviving' || entries.length <= 20, 'data-status': status },
        html('summary', {}, html('h3', {}, `${title} (${formatCount(entries.length)})`)),
        entries.length
          ? html(
              'ul',
              { class: 'components' },
              ...[...byComponent].map(([component, items]) =>
                html(
                  'li',
                  {},
                  html('span', { class: 'component' }, component),
                  html(
                    'ul',
                    {},
                    ...items.map((e) =>
                      html('li', { class: 'entry', 'data-file': e.file, 'data-line': e.line, 'data-service': e.service }, this.locationButton(e.file, e.line, 1), ` ${e.service} · ${e.reason}: ${e.detail}`),
                    ),
                  ),
                ),
              ),
            )
          : html('p', { class: 'empty' }, 'None.'),
        more > 0 ? this.showAllButton(status, more) : null,
      );
    };
    return [
      html('p', { class: 'simulation-summary', 'data-failing': r.failing.length, 'data-surviving': r.surviving.length, 'data-unknown': r.unknown.length }, `Outage of ${simulation.target.value}: `, html('strong', { class: 'failing' }, `${formatCount(r.failing.length)} failing`), ', ', html('strong', { class: 'surviving' }, `${formatCount(r.surviving.length)} surviving`), ', ', html('strong', { class: 'unknown' }, `${formatCount(r.unknown.length)} unknown`), '.'),
      list('Failing', 'failing', r.failing),
      list('Surviving', 'surviving', r.surviving),
      list('Unknown', 'unknown', r.unknown),
    ];
  }

  private showAllButton(status: string, more: number): HTMLElement {
    const button = html('button', { type: 'button', class: 'secondary' }, `${formatCount(more)} more: show them in the dependencies table`);
    button.addEventListener('click', () => this.filterDependencies('outage', status));
    return button;
  }

  private locationButton(file: string, line: number, column: number): HTMLButtonElement {
    const verb = this.host.locationAction === 'open' ? 'Open' : 'Copy';
    // A path may wrap only after a '/', never at the hyphens inside a name (`notifications-service/…`).
    const segments = `${file}:${line}`.split('/');
    const parts = segments.flatMap((segment, i) => (i < segments.length - 1 ? [html('span', { class: 'path-segment' }, `${segment}/`), html('wbr', {})] : [html('span', { class: 'path-segment' }, segment)]));
    const button = html('button', { type: 'button', class: 'location', title: `${verb} ${file}:${line}`, 'aria-label': `${verb} ${file}:${line}` }, ...parts);
    button.addEventListener('click', () => this.host.openLocation(file, line, column));
    return button;
  }

  /** A bubble or a region bar was chosen: both tables show that region. */
  private focusRegion(region: string): void {
    this.findingsTable?.clearFilters();
    this.findingsTable?.setFilter('region', region);
    this.dependenciesTable?.clearFilters();
    this.dependenciesTable?.setFilter('region', region);
    this.announce(`Tables filtered to ${region}: ${plural(this.findingsTable?.rowCount ?? 0, 'finding', 'findings')}, ${plural(this.dependenciesTable?.rowCount ?? 0, 'dependency', 'dependencies')}.`);
    document.getElementById('drilldown')?.scrollIntoView({ block: 'start' });
  }

  private filterFindings(filter: string, value: string): void {
    this.selectTab('findings');
    this.findingsTable?.clearFilters();
    this.findingsTable?.setFilter(filter, value);
    this.announce(`Findings filtered to ${value}: ${formatCount(this.findingsTable?.rowCount ?? 0)}.`);
    document.getElementById('drilldown')?.scrollIntoView({ block: 'start' });
  }

  private filterDependencies(filter: string, value: string): void {
    this.selectTab('dependencies');
    this.dependenciesTable?.clearFilters();
    this.dependenciesTable?.setFilter(filter, value);
    this.announce(`Dependencies filtered to ${value}: ${formatCount(this.dependenciesTable?.rowCount ?? 0)}.`);
    document.getElementById('drilldown')?.scrollIntoView({ block: 'start' });
  }

  private selectTab(tab: 'findings' | 'dependencies'): void {
    this.saveState({ tab });
    for (const name of ['findings', 'dependencies'] as const) {
      const selected = name === tab;
      const button = document.getElementById(`tab-${name}`);
      button?.setAttribute('aria-selected', String(selected));
      button?.setAttribute('tabindex', selected ? '0' : '-1');
      const panel = document.getElementById(`panel-${name}`);
      if (panel) panel.hidden = !selected;
    }
  }

  private drillDown(model: ReportModel): HTMLElement {
    const tables = this.state.tables ?? {};
    const findingColumns: Column<FindingRow>[] = [
      { id: 'severity', label: 'Severity', sortValue: (r) => r.severityRank, cell: (r) => html('span', { class: `severity sev-${r.severity}` }, r.severity) },
      {
        id: 'rule',
        label: 'Rule',
        sortValue: (r) => r.ruleId,
        cell: (r) => (r.helpUri && isFollowableLink(r.helpUri) ? this.ruleLink(r.ruleId, r.helpUri) : html('code', {}, r.ruleId)),
      },
      { id: 'message', label: 'Message', sortValue: (r) => r.message, cell: (r) => html('span', { class: 'message' }, r.message, r.finding.suppressed ? html('span', { class: 'badge' }, ' suppressed') : null), className: 'wide' },
      { id: 'location', label: 'Location', sortValue: (r) => [r.file, r.line], cell: (r) => this.locationButton(r.file, r.line, r.column) },
      { id: 'region', label: 'Region', sortValue: (r) => r.regions.join(', '), cell: (r) => r.regions.join(', ') },
    ];
    this.findingsTable = new DataTable<FindingRow>({
      id: 'findings',
      caption: 'Findings',
      columns: findingColumns,
      filters: [
        { id: 'text', label: 'Search', kind: 'search', test: (r, v) => contains([r.message, r.ruleId, r.file, r.regions.join(' ')], v) },
        { id: 'severity', label: 'Severity', kind: 'choice', choices: (rows) => SEVERITIES.filter((s) => rows.some((r) => r.severity === s)), test: (r, v) => r.severity === v },
        { id: 'rule', label: 'Rule', kind: 'choice', choices: (rows) => unique(rows.map((r) => r.ruleId)), test: (r, v) => r.ruleId === v },
        { id: 'region', label: 'Region', kind: 'choice', choices: (rows) => unique(rows.flatMap((r) => r.regions)), test: (r, v) => r.regions.includes(v) },
      ],
      rowKey: (r) => r.key,
      rowClass: (r) => `sev-row-${r.severity}`,
      rowAction: (r) => `${this.host.locationAction === 'open' ? 'Open' : 'Copy'} ${r.file}:${r.line}`,
      onActivate: (r) => this.host.openLocation(r.file, r.line, r.column),
      state: tables.findings ?? {},
      onStateChange: (s) => this.saveTable('findings', s),
      defaultSort: 'severity',
    });
    this.findingsTable.setRows(model.findingRows);

    const dependencyColumns: Column<DependencyRow>[] = [
      { id: 'region', label: 'Region', sortValue: (r) => r.region, cell: (r) => r.region },
      { id: 'service', label: 'Service', sortValue: (r) => r.service, cell: (r) => r.service },
      { id: 'kind', label: 'Kind', sortValue: (r) => r.kind, cell: (r) => r.kind },
      { id: 'name', label: 'Name', sortValue: (r) => r.label, cell: (r) => html('code', {}, r.label), className: 'wide' },
      { id: 'component', label: 'Component', sortValue: (r) => r.component, cell: (r) => r.component },
      { id: 'location', label: 'Location', sortValue: (r) => [r.file, r.line], cell: (r) => this.locationButton(r.file, r.line, r.column) },
      { id: 'source', label: 'Region from', sortValue: (r) => r.regionSource, cell: (r) => r.regionSource },
      { id: 'findings', label: 'Findings', sortValue: (r) => r.findings, cell: (r) => formatCount(r.findings), className: 'num' },
      {
        id: 'outage',
        label: 'Outage',
        sortValue: (r) => ['failing', 'unknown', 'surviving', 'unaffected'].indexOf(statusOf(this.simulation, r.id)),
        cell: (r) => {
          if (!this.simulation) return '—';
          const status = statusOf(this.simulation, r.id);
          const entry = this.simulation.entry.get(r.id);
          return html('span', { class: `verdict-badge ${status}`, title: entry ? `${entry.reason}: ${entry.detail}` : undefined }, status);
        },
      },
    ];
    this.dependenciesTable = new DataTable<DependencyRow>({
      id: 'dependencies',
      caption: 'Dependencies',
      columns: dependencyColumns,
      filters: [
        { id: 'text', label: 'Search', kind: 'search', test: (r, v) => contains([r.label, r.file, r.service, r.region, r.component, r.dependency.text ?? ''], v) },
        { id: 'region', label: 'Region', kind: 'choice', choices: (rows) => unique(rows.map((r) => r.region)), test: (r, v) => r.region === v },
        { id: 'service', label: 'Service', kind: 'choice', choices: (rows) => unique(rows.map((r) => r.service)), test: (r, v) => r.service === v },
        { id: 'kind', label: 'Kind', kind: 'choice', choices: (rows) => unique(rows.map((r) => r.kind)), test: (r, v) => r.kind === v },
        { id: 'outage', label: 'Outage', kind: 'choice', choices: () => (this.simulation ? ['failing', 'surviving', 'unknown', 'unaffected'] : []), test: (r, v) => !this.simulation || statusOf(this.simulation, r.id) === v },
      ],
      rowKey: (r) => r.id,
      rowClass: (r) => (this.simulation ? `outage-${statusOf(this.simulation, r.id)}` : ''),
      rowAction: (r) => `${this.host.locationAction === 'open' ? 'Open' : 'Copy'} ${r.file}:${r.line}`,
      onActivate: (r) => this.host.openLocation(r.file, r.line, r.column),
      state: tables.dependencies ?? {},
      onStateChange: (s) => this.saveTable('dependencies', s),
      defaultSort: 'region',
    });
    this.dependenciesTable.setRows(model.dependencyRows);

    const tab = this.state.tab === 'dependencies' ? 'dependencies' : 'findings';
    const tabButton = (name: 'findings' | 'dependencies', label: string) => {
      const button = html('button', { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `panel-${name}`, 'aria-selected': String(tab === name), tabindex: tab === name ? 0 : -1 }, label);
      button.addEventListener('click', () => this.selectTab(name));
      button.addEventListener('keydown', (event: KeyboardEvent) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const other = name === 'findings' ? 'dependencies' : 'findings';
        this.selectTab(other);
        document.getElementById(`tab-${other}`)?.focus();
      });
      return button;
    };
    return html(
      'section',
      { class: 'drilldown', id: 'drilldown', 'aria-labelledby': 'drilldown-title' },
      html('h2', { id: 'drilldown-title' }, 'Findings and dependencies'),
      html('p', { class: 'hint' }, this.host.locationAction === 'open' ? 'Choose a row to open the file at the line.' : 'Choose a row to copy its file:line.'),
      html('div', { role: 'tablist', 'aria-label': 'Drill-down' }, tabButton('findings', `Findings (${formatCount(model.findingRows.length)})`), tabButton('dependencies', `Dependencies (${formatCount(model.dependencyRows.length)})`)),
      html('div', { role: 'tabpanel', id: 'panel-findings', 'aria-labelledby': 'tab-findings', hidden: tab !== 'findings' }, this.findingsTable.element),
      html('div', { role: 'tabpanel', id: 'panel-dependencies', 'aria-labelledby': 'tab-dependencies', hidden: tab !== 'dependencies' }, this.dependenciesTable.element),
    );
  }

  private ruleLink(ruleId: string, href: string): HTMLAnchorElement {
    const link = html('a', { href, class: 'rule-link', target: '_blank', rel: 'noopener noreferrer', title: `Documentation of ${ruleId}` }, ruleId);
    if (this.host.kind === 'vscode') {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.host.openLink(href);
      });
    }
    return link;
  }

  private async exportMap(format: 'svg' | 'png'): Promise<void> {
    const map = this.mapHolder.querySelector('svg');
    if (!map) return;
    const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
    const text = serializeMap(map, background);
    const name = `outage-radar-map${this.simulation ? `-outage-${this.simulation.target.value}` : ''}.${format}`;
    try {
      this.host.exportMap(format, format === 'svg' ? text : await pngFromSvg(text), name);
      this.announce(`Map exported as ${format.toUpperCase()}.`);
    } catch (error) {
      this.announce(`The map could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function contains(fields: string[], query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || fields.some((f) => f.toLowerCase().includes(q));
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
