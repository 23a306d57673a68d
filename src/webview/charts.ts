/**
 * The report's charts, plain SVG: horizontal bar charts (dependencies by region and by service,
 * findings by severity and by rule) and the two score cards (concentration, resilience) with the
 * risk model's own one-sentence explanations. During a simulated outage the dependency charts
 * stack each bar by verdict (failing, surviving, unknown, unaffected).
 *
 * Each chart is a `<figure>` whose SVG carries a text alternative listing every value; a bar is a
 * button that filters the drill-down tables.
 */
import { SEVERITIES, type Severity } from '../core/model';
import { formatCount, html, plural, svg } from './dom';
import { SIMULATION_STATUSES, statusOf, type ReportModel, type Simulation, type SimulationStatus } from './reportModel';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** CSS class of the bar (severity colours) */
  tone?: string;
  segments?: Partial<Record<SimulationStatus, number>>;
}

export interface BarChartOptions {
  id: string;
  title: string;
  /** what one unit is: "dependency" */
  unit: [one: string, many: string];
  bars: Bar[];
  /** bars beyond this are summed into "N more" */
  limit?: number;
  /** what choosing a bar does, for its accessible name ("Show us-east-1 in the tables") */
  action?: (bar: Bar) => string;
  onBar?: (bar: Bar) => void;
}

const BAR_WIDTH = 260;
const ROW = 22;
/** Label column bounds (SVG units): wide enough for the longest label, up to a rule id such as `s3-bucket-no-cross-region-replication`. */
const MIN_LABEL_WIDTH = 120;
const MAX_LABEL_CHARS = 48;
/** An upper bound of a 12px sans-serif character's advance, so a label never runs into its bar. */
const CHAR_WIDTH = 7.2;

export function barChart(options: BarChartOptions): HTMLElement {
  const limit = options.limit ?? 12;
  const shown = options.bars.slice(0, limit);
  const rest = options.bars.slice(limit);
  const max = Math.max(1, ...shown.map((b) => b.value));
  // The label column fits the longest label (a label was cut at 28 characters: "s3-bucket-no-cross-region-r…");
  // only labels beyond MAX_LABEL_CHARS are shortened, and every bar's <title> has the whole label.
  const longest = Math.min(MAX_LABEL_CHARS, Math.max(0, ...shown.map((b) => b.label.length)));
  const LABEL_WIDTH = Math.max(MIN_LABEL_WIDTH, Math.ceil(longest * CHAR_WIDTH) + 16);
  const height = Math.max(1, shown.length + (rest.length ? 1 : 0)) * ROW + 6;
  const chart = svg('svg', {
    viewBox: `0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${height}`,
    class: 'bar-chart',
    role: 'group',
    'aria-label': `${options.title}: ${shown.map((b) => `${b.label} ${formatCount(b.value)}`).join(', ')}${rest.length ? `, and ${rest.length} more` : ''}`,
    'data-chart': options.id,
  });
  shown.forEach((bar, i) => {
    const y = i * ROW + 3;
    const width = Math.max(bar.value ? 2 : 0, (BAR_WIDTH * bar.value) / max);
    const group = svg('g', {
      class: `bar${bar.tone ? ` ${bar.tone}` : ''}`,
      'data-key': bar.key,
      'data-value': bar.value,
      tabindex: options.onBar ? 0 : undefined,
      role: options.onBar ? 'button' : undefined,
      'aria-label': `${bar.label}: ${plural(bar.value, ...options.unit)}${describeSegments(bar)}${options.action ? `. ${options.action(bar)}` : ''}`,
    });
    group.append(
      svg('title', {}, `${bar.label}: ${plural(bar.value, ...options.unit)}${describeSegments(bar)}`),
      svg('text', { class: 'bar-label', x: LABEL_WIDTH - 8, y: y + 13, 'text-anchor': 'end' }, truncate(bar.label, MAX_LABEL_CHARS)),
    );
    if (bar.segments) {
      let x = LABEL_WIDTH;
      for (const status of SIMULATION_STATUSES) {
        const n = bar.segments[status] ?? 0;
        if (!n) continue;
        const w = (width * n) / Math.max(1, bar.value);
        group.append(svg('rect', { class: `bar-rect segment ${status}`, x, y, width: w, height: ROW - 6, 'data-status': status, 'data-count': n }));
        x += w;
      }
    } else {
      group.append(svg('rect', { class: 'bar-rect', x: LABEL_WIDTH, y, width, height: ROW - 6 }));
    }
    group.append(svg('text', { class: 'bar-value', x: LABEL_WIDTH + width + 6, y: y + 13 }, formatCount(bar.value)));
    if (options.onBar) {
      const activate = () => options.onBar?.(bar);
      group.addEventListener('click', activate);
      group.addEventListener('keydown', (event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          activate();
        }
      });
    }
    chart.append(group);
  });
  if (rest.length) {
    const y = shown.length * ROW + 3;
    const total = rest.reduce((n, b) => n + b.value, 0);
    chart.append(svg('text', { class: 'bar-label more', x: LABEL_WIDTH - 8, y: y + 13, 'text-anchor': 'end' }, `${rest.length} more`), svg('text', { class: 'bar-value', x: LABEL_WIDTH, y: y + 13 }, formatCount(total)));
  }
  const figure = html('figure', { class: 'chart', id: `chart-${options.id}` }, html('figcaption', {}, options.title));
  figure.append(options.bars.length ? chart : html('p', { class: 'empty' }, 'Nothing to show.'));
  return figure;
}

function describeSegments(bar: Bar): string {
  if (!bar.segments) return '';
  const parts = SIMULATION_STATUSES.filter((s) => bar.segments?.[s]).map((s) => `${formatCount(bar.segments?.[s] ?? 0)} ${s}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Bars of dependency counts grouped by `key`, stacked by verdict when an outage is simulated. */
export function dependencyBars(model: ReportModel, simulation: Simulation | null, key: (row: ReportModel['dependencyRows'][number]) => string | null): Bar[] {
  const bars = new Map<string, Bar>();
  for (const row of model.dependencyRows) {
    if (row.kind === 'region-config') continue;
    const k = key(row);
    if (k === null) continue;
    let bar = bars.get(k);
    if (!bar) {
      bar = { key: k, label: k, value: 0, segments: simulation ? {} : undefined };
      bars.set(k, bar);
    }
    bar.value++;
    if (bar.segments) {
      const status = statusOf(simulation, row.id);
      bar.segments[status] = (bar.segments[status] ?? 0) + 1;
    }
  }
  return [...bars.values()].sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
}

export function severityBars(model: ReportModel): Bar[] {
  return SEVERITIES.map((s: Severity) => ({ key: s, label: s, value: model.bySeverity[s], tone: `sev-${s}` }));
}

export function ruleBars(model: ReportModel): Bar[] {
  return Object.entries(model.byRule)
    .map(([rule, n]) => ({ key: rule, label: rule, value: n }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
}

/** A score with a meter and its one-sentence explanation. */
function scoreCard(id: string, title: string, value: string, fraction: number, tone: string, explanation: string): HTMLElement {
  const meter = svg(
    'svg',
    { class: 'meter', viewBox: '0 0 200 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    svg('rect', { class: 'meter-track', x: 0, y: 0, width: 200, height: 10, rx: 5 }),
    svg('rect', { class: `meter-fill ${tone}`, x: 0, y: 0, width: Math.max(0, Math.min(1, fraction)) * 200, height: 10, rx: 5 }),
  );
  return html('section', { class: 'score-card', id: `score-${id}`, 'aria-labelledby': `score-${id}-title` }, html('h3', { id: `score-${id}-title` }, title), html('p', { class: 'score-value', 'data-value': value }, value), meter, html('p', { class: 'score-explanation' }, explanation));
}

export function scoreCards(model: ReportModel): HTMLElement {
  const risk = model.map.risk;
  const cards = html('div', { class: 'score-cards' });
  if (!risk) {
    cards.append(html('p', { class: 'empty' }, 'This dependency map carries no risk model (it was produced without one).'));
    return cards;
  }
  const c = risk.concentration;
  const share = Math.round(c.share * 100);
  cards.append(
    scoreCard('concentration', 'Concentration', c.region ? `${share}% in ${c.region}` : 'No known region', c.share, c.share >= 0.8 ? 'bad' : c.share >= 0.5 ? 'fair' : 'good', c.explanation || 'The share of the dependencies whose region is known that sit in the largest region.'),
  );
  const s = risk.resilienceScore;
  cards.append(scoreCard('resilience', 'Resilience score', `${s.score} / 100`, s.score / 100, s.score < 50 ? 'bad' : s.score < 80 ? 'fair' : 'good', s.explanation || 'No findings that cost points.'));
  const hidden = risk.hiddenDependencies.reduce((n, h) => n + h.count, 0);
  cards.append(
    scoreCard(
      'hidden',
      'Hidden dependencies',
      formatCount(hidden),
      model.map.summary.dependencies ? hidden / model.map.summary.dependencies : 0,
      hidden ? 'fair' : 'good',
      hidden
        ? `${plural(hidden, 'dependency sits', 'dependencies sit')} in a region only because a global service's control plane lives there (${risk.hiddenDependencies.map((h) => `${h.service} in ${h.region}`).join(', ')}).`
        : 'No dependency reaches a region through a global service’s control plane.',
    ),
  );
  return cards;
}
