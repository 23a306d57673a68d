/**
 * The world map of the workspace's regions: land outlines from Natural Earth (the `world-atlas`
 * package's 110m land TopoJSON, bundled into the script — the report never fetches anything),
 * projected with d3-geo; one bubble per region, its area proportional to the dependencies there
 * and its colour the most severe finding; dashed spokes from each global service to the region
 * that hosts its control plane, and great-circle arcs from the other regions whose code uses it;
 * AWS Health events as warning marks. During a simulated outage each bubble becomes a pie of
 * failing, surviving and unaffected dependencies.
 *
 * Colours come from CSS classes (so the map follows the editor theme); {@link serializeMap}
 * copies the computed colours into attributes for the exported SVG and PNG.
 */
import { geoGraticule10, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-110m.json';
import { SEVERITIES } from '../core/model';
import { formatCount, plural, svg } from './dom';
import { statusOf, type ControlPlaneLink, type RegionFigure, type ReportModel, type Simulation } from './reportModel';

export const MAP_WIDTH = 960;
const MIN_RADIUS = 6;
const MAX_RADIUS = 30;
const MARGIN = 8;

const topology = landTopology as unknown as Topology<{ land: GeometryCollection }>;
let landCache: GeoPermissibleObjects | undefined;
/** The land polygons, converted from TopoJSON once. */
function land(): GeoPermissibleObjects {
  landCache ??= feature(topology, topology.objects.land);
  return landCache;
}

/**
 * The frame the map is fitted to: the whole width of the world, from 58°S (below Cape Horn and
 * Tasmania, above Antarctica, where no region is) to 84°N. Points along both parallels, because a
 * GeoJSON polygon's edges would be great circles, not parallels.
 */
const FRAME = {
  type: 'MultiPoint' as const,
  coordinates: Array.from({ length: 37 }, (_, i) => -180 + i * 10).flatMap((lon) => [
    [lon, -58],
    [lon, 84],
  ]),
};
const projection = geoNaturalEarth1().fitWidth(MAP_WIDTH - 2 * MARGIN, FRAME);
const frameBounds = geoPath(projection).bounds(FRAME);
projection.translate([projection.translate()[0] + MARGIN - frameBounds[0][0], projection.translate()[1] + MARGIN - frameBounds[0][1]]);
export const MAP_HEIGHT = Math.ceil(frameBounds[1][1] - frameBounds[0][1] + 2 * MARGIN);
projection.clipExtent([
  [0, 0],
  [MAP_WIDTH, MAP_HEIGHT],
]);
const path = geoPath(projection);

export interface MapCallbacks {
  /** a bubble was chosen (click, Enter or Space) */
  onRegion(region: string): void;
}

function radius(dependencies: number, max: number): number {
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(dependencies / Math.max(1, max));
}

function point(f: RegionFigure): [number, number] | null {
  if (!f.coordinates) return null;
  const p = projection(f.coordinates);
  return p ? [p[0], p[1]] : null;
}

/** An SVG arc path of a pie slice from angle a0 to a1 (radians, 0 = up, clockwise). */
function slice(cx: number, cy: number, r: number, a0: number, a1: number): string {
  if (a1 - a0 >= 2 * Math.PI - 1e-9) return `M${cx},${cy - r}A${r},${r} 0 1 1 ${cx - 0.001},${cy - r}Z`;
  const x0 = cx + r * Math.sin(a0);
  const y0 = cy - r * Math.cos(a0);
  const x1 = cx + r * Math.sin(a1);
  const y1 = cy - r * Math.cos(a1);
  return `M${cx},${cy}L${x0.toFixed(2)},${y0.toFixed(2)}A${r},${r} 0 ${a1 - a0 > Math.PI ? 1 : 0} 1 ${x1.toFixed(2)},${y1.toFixed(2)}Z`;
}

function regionStatusCounts(model: ReportModel, simulation: Simulation, region: string): Record<'failing' | 'surviving' | 'unaffected', number> {
  const out = { failing: 0, surviving: 0, unaffected: 0 };
  for (const row of model.dependencyRows) {
    if (row.region !== region || row.kind === 'region-config') continue;
    const s = statusOf(simulation, row.id);
    if (s === 'failing' || s === 'surviving') out[s]++;
    else out.unaffected++;
  }
  return out;
}

function bubbleLabel(f: RegionFigure, simulation: Simulation | null, counts: ReturnType<typeof regionStatusCounts> | null): string {
  const parts = [`${f.region} (${f.location})`, plural(f.dependencies, 'dependency', 'dependencies'), plural(f.findings, 'finding', 'findings')];
  if (f.worst) parts.push(`most severe: ${f.worst}`);
  if (f.viaGlobalControlPlanes) parts.push(`${formatCount(f.viaGlobalControlPlanes)} through global control planes`);
  if (f.health.length) parts.push(plural(f.health.length, 'AWS Health event', 'AWS Health events'));
  if (simulation && counts) parts.push(`outage of ${simulation.target.value}: ${formatCount(counts.failing)} failing, ${formatCount(counts.surviving)} surviving`);
  return parts.join(', ');
}

/** Draws the map into a fresh SVG element. */
export function drawMap(model: ReportModel, simulation: Simulation | null, callbacks: MapCallbacks): SVGSVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`,
    class: 'world-map',
    role: 'group',
    'aria-labelledby': 'map-title',
    'aria-describedby': 'map-desc',
    'data-outage': simulation?.target.value,
  });
  const located = model.regions.filter((f) => f.coordinates);
  root.append(
    svg('title', { id: 'map-title' }, 'AWS regions the workspace depends on'),
    svg(
      'desc',
      { id: 'map-desc' },
      located.length
        ? `${located.map((f) => `${f.region}: ${plural(f.dependencies, 'dependency', 'dependencies')}`).join('; ')}. The table "Regions" below lists the same figures.`
        : 'No dependency has a known region.',
    ),
    svg('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }),
    svg('path', { class: 'graticule', d: path(geoGraticule10()) ?? '' }),
    svg('path', { class: 'land', d: path(land()) ?? '' }),
  );

  const max = Math.max(1, ...model.regions.map((f) => f.dependencies));
  const byRegion = new Map(model.regions.map((f) => [f.region, f]));
  const links = svg('g', { class: 'links' });
  const bubbles = svg('g', { class: 'bubbles' });
  const marks = svg('g', { class: 'marks' });
  root.append(links, bubbles, marks);

  drawControlPlanes(links, model.controlPlanes, byRegion, max, simulation);
  const drawn = located.flatMap((f) => {
    const p = point(f);
    return p ? [{ cx: p[0], cy: p[1], r: radius(f.dependencies, max) }] : [];
  });
  const placeLabel = labelPlacer(drawn);

  // Larger bubbles first, so that a small region next to a large one stays visible and clickable.
  for (const f of [...located].sort((a, b) => b.dependencies - a.dependencies)) {
    const p = point(f);
    if (!p) continue;
    const [cx, cy] = p;
    const r = radius(f.dependencies, max);
    const counts = simulation ? regionStatusCounts(model, simulation, f.region) : null;
    const outage = simulation?.target.region === f.region;
    const group = svg('g', {
      class: `bubble ${f.worst ? `sev-${f.worst}` : 'sev-none'}${outage ? ' outage' : ''}`,
      'data-region': f.region,
      'data-dependencies': f.dependencies,
      'data-worst': f.worst ?? 'none',
      'data-failing': counts?.failing,
      tabindex: 0,
      role: 'button',
      'aria-label': `${bubbleLabel(f, simulation, counts)}. Show in the tables.`,
    });
    group.append(svg('title', {}, bubbleLabel(f, simulation, counts)));
    if (counts) {
      const total = counts.failing + counts.surviving + counts.unaffected || 1;
      let angle = 0;
      for (const status of ['failing', 'surviving', 'unaffected'] as const) {
        if (!counts[status]) continue;
        const next = angle + (2 * Math.PI * counts[status]) / total;
        group.append(svg('path', { class: `slice ${status}`, d: slice(cx, cy, r, angle, next) }));
        angle = next;
      }
      group.append(svg('circle', { class: 'bubble-ring', cx, cy, r }));
      if (outage) group.append(svg('circle', { class: 'outage-ring', cx, cy, r: r + 5 }));
    } else {
      group.append(svg('circle', { class: 'bubble-disc', cx, cy, r }));
    }
    const label = placeLabel(cx, cy, r, f.region);
    if (label.leader) group.append(svg('line', { class: 'leader', x1: label.leader[0], y1: label.leader[1], x2: label.leader[2], y2: label.leader[3] }));
    group.append(svg('text', { class: 'bubble-label', x: label.x, y: label.y, 'text-anchor': label.anchor }, f.region));
    if (r >= 13) group.append(svg('text', { class: 'bubble-count', x: cx, y: cy + 4, 'text-anchor': 'middle' }, formatCount(f.dependencies)));
    group.addEventListener('click', () => callbacks.onRegion(f.region));
    group.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        callbacks.onRegion(f.region);
      }
    });
    bubbles.append(group);

    const open = f.health.filter((e) => e.statusCode !== 'closed');
    if (open.length) {
      const hx = cx + r * 0.75;
      const hy = cy - r * 0.75 - 4;
      const upcomingOnly = open.every((e) => e.statusCode === 'upcoming');
      marks.append(
        svg(
          'g',
          { class: `health-mark ${upcomingOnly ? 'upcoming' : 'open'}`, 'data-region': f.region, 'data-events': open.length },
          svg('title', {}, open.map((e) => `AWS Health (${e.statusCode}): ${e.eventTypeCode} — ${e.service}${e.availabilityZone ? ` in ${e.availabilityZone}` : ''}${e.region === 'global' ? ' (a global event affecting this region\'s dependencies)' : ''}`).join('\n')),
          svg('path', { d: `M${hx},${hy - 10}L${hx + 10},${hy + 8}L${hx - 10},${hy + 8}Z` }),
          svg('text', { x: hx, y: hy + 6, 'text-anchor': 'middle' }, open.length > 9 ? '9+' : String(open.length)),
        ),
      );
    }
  }
  root.append(drawLegend(simulation, marks.childElementCount > 0));
  return root;
}

interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** a line from the bubble's edge to the label, when the label had to move away from its bubble */
  leader?: [number, number, number, number];
}

type Box = [number, number, number, number];

/**
 * Places region labels one after the other (largest bubble first): below the bubble, else above,
 * right or left — the first spot inside the map that overlaps no label placed before and no
 * bubble. When all four are taken (us-east-1, us-east-2 and ca-central-1; the ap-northeast
 * cluster), the label moves out along rings of increasing distance and a leader line joins it to
 * its bubble, so labels never print over each other.
 */
function labelPlacer(bubbles: readonly { cx: number; cy: number; r: number }[]): (cx: number, cy: number, r: number, text: string) => LabelPlace {
  const placed: Box[] = [];
  // Bold 12px text: about 7.2px per character, 13px high with the baseline 11px down.
  const box = (p: LabelPlace, width: number): Box => {
    const x0 = p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - width : p.x - width / 2;
    return [x0 - 1, p.y - 12, x0 + width + 1, p.y + 4];
  };
  const overlaps = (a: Box) => placed.some((b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]);
  const coversBubble = (a: Box, own: { cx: number; cy: number }) =>
    bubbles.some((b) => !(b.cx === own.cx && b.cy === own.cy) && distance(a, b) < b.r);
  const inside = (a: Box) => a[0] >= 2 && a[2] <= MAP_WIDTH - 2 && a[1] >= 2 && a[3] <= MAP_HEIGHT - 2;
  return (cx, cy, r, text) => {
    const width = text.length * 7.2;
    const near: LabelPlace[] = [
      { x: cx, y: cy + r + 13, anchor: 'middle' },
      { x: cx, y: cy - r - 5, anchor: 'middle' },
      { x: cx + r + 4, y: cy + 4, anchor: 'start' },
      { x: cx - r - 4, y: cy + 4, anchor: 'end' },
    ];
    const far: LabelPlace[] = [];
    for (const step of [22, 40, 58, 76]) {
      for (let k = 0; k < 12; k++) {
        const angle = (k * Math.PI) / 6 + Math.PI / 2;
        const ex = cx + (r + step) * Math.cos(angle);
        const ey = cy + (r + step) * Math.sin(angle);
        const anchor = Math.abs(Math.cos(angle)) < 0.3 ? 'middle' : Math.cos(angle) > 0 ? 'start' : 'end';
        far.push({ x: ex, y: ey + 4, anchor, leader: [cx + r * Math.cos(angle), cy + r * Math.sin(angle), ex - (anchor === 'start' ? 1 : anchor === 'end' ? -1 : 0), ey + (anchor === 'middle' ? (Math.sin(angle) > 0 ? -9 : 6) : 0)] });
      }
    }
    const own = { cx, cy };
    const free = (c: LabelPlace) => inside(box(c, width)) && !overlaps(box(c, width));
    const choice = near.find((c) => free(c) && !coversBubble(box(c, width), own)) ?? far.find((c) => free(c) && !coversBubble(box(c, width), own)) ?? near.find(free) ?? far.find(free) ?? (near[0] as LabelPlace);
    placed.push(box(choice, width));
    return choice;
  };
}

/** Distance from a circle's centre to the nearest point of a box. */
function distance(a: Box, b: { cx: number; cy: number }): number {
  const dx = Math.max(a[0] - b.cx, 0, b.cx - a[2]);
  const dy = Math.max(a[1] - b.cy, 0, b.cy - a[3]);
  return Math.hypot(dx, dy);
}

function drawControlPlanes(layer: SVGGElement, links: ControlPlaneLink[], byRegion: Map<string, RegionFigure>, max: number, simulation: Simulation | null): void {
  const byHome = new Map<string, ControlPlaneLink[]>();
  for (const link of links) byHome.set(link.home, [...(byHome.get(link.home) ?? []), link]);
  for (const [home, group] of byHome) {
    const f = byRegion.get(home);
    const p = f && point(f);
    if (!f || !p) continue;
    const [hx, hy] = p;
    const r = radius(f.dependencies, max);
    const failing = simulation?.target.region === home && simulation.target.az === null;
    // Great-circle arcs from the regions whose code uses the global service.
    for (const link of group) {
      for (const origin of link.origins) {
        const o = byRegion.get(origin);
        if (!o?.coordinates || !f.coordinates) continue;
        layer.append(
          svg(
            'path',
            { class: `arc${failing ? ' failing' : ''}`, 'data-service': link.service, 'data-from': origin, 'data-to': home, d: path({ type: 'LineString', coordinates: [o.coordinates, f.coordinates] }) ?? '' },
            svg('title', {}, `${origin} depends on ${link.service}, whose control plane is in ${home}`),
          ),
        );
      }
    }
    // One node per global service, fanned out beside the home region, with a spoke to it.
    const centre = (f.coordinates?.[0] ?? 0) < 20 ? (20 * Math.PI) / 180 : (160 * Math.PI) / 180;
    const spread = (24 * Math.PI) / 180;
    group.forEach((link, i) => {
      const angle = centre + (i - (group.length - 1) / 2) * spread;
      const distance = r + 52;
      const nx = hx + distance * Math.cos(angle);
      const ny = hy + distance * Math.sin(angle);
      const ex = hx + r * Math.cos(angle);
      const ey = hy + r * Math.sin(angle);
      const anchor = Math.cos(angle) >= 0 ? 'start' : 'end';
      layer.append(
        svg(
          'g',
          { class: `control-plane${failing ? ' failing' : ''}`, 'data-service': link.service, 'data-home': home },
          svg('title', {}, `${link.service} (${plural(link.count, 'dependency', 'dependencies')}): ${link.note}`),
          svg('line', { class: 'spoke', x1: nx, y1: ny, x2: ex, y2: ey }),
          svg('path', { class: 'service-node', d: `M${nx},${ny - 6}L${nx + 6},${ny}L${nx},${ny + 6}L${nx - 6},${ny}Z` }),
          svg('text', { class: 'service-label', x: nx + (anchor === 'start' ? 9 : -9), y: ny + 4, 'text-anchor': anchor }, `${link.service} ×${link.count}`),
        ),
      );
    });
  }
}

function drawLegend(simulation: Simulation | null, health: boolean): SVGGElement {
  const extra = health ? 15 : 0;
  const legend = svg('g', { class: 'legend', transform: `translate(14 ${MAP_HEIGHT - (simulation ? 96 : 118) - extra})` });
  legend.append(svg('rect', { class: 'legend-box', x: -6, y: -14, width: 236, height: (simulation ? 90 : 112) + extra, rx: 4 }));
  const entries: [string, string][] = simulation
    ? [
        ['slice failing', 'failing'],
        ['slice surviving', 'surviving (replicated)'],
        ['slice unaffected', 'unaffected'],
      ]
    : [...SEVERITIES.filter((s) => s !== 'info').map((s): [string, string] => [`swatch sev-${s}`, `most severe finding: ${s}`]), ['swatch sev-none', 'no finding, or info only']];
  entries.forEach(([cls, text], i) => {
    legend.append(svg('circle', { class: cls, cx: 4, cy: i * 15 - 4, r: 5 }), svg('text', { class: 'legend-text', x: 14, y: i * 15 }, text));
  });
  const y = entries.length * 15;
  legend.append(
    svg('line', { class: 'spoke', x1: -1, y1: y - 4, x2: 10, y2: y - 4 }),
    svg('text', { class: 'legend-text', x: 14, y }, 'global service → its control plane'),
    svg('text', { class: 'legend-text', x: -1, y: y + 15 }, 'area: dependencies in the region'),
  );
  if (health) {
    // The same triangle as the marks: open issues red, upcoming changes blue, the number of events inside.
    const hy = y + 30;
    legend.append(
      svg('g', { class: 'health-mark open legend-health' }, svg('path', { d: `M4,${hy - 11}L11,${hy + 1}L-3,${hy + 1}Z` })),
      svg('text', { class: 'legend-text', x: 14, y: hy }, 'AWS Health event affecting dependencies here'),
    );
  }
  return legend;
}

/** SVG presentation properties copied from the computed style, so that an exported map looks like the page. */
const PAINT_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'paint-order', 'stroke-linejoin', 'visibility'] as const;

/**
 * The map as a standalone SVG document: computed colours written as presentation attributes
 * (classes and CSS variables mean nothing outside the page), a background of the page's colour,
 * explicit size. Used for the SVG download and as the source of the PNG.
 */
export function serializeMap(map: SVGSVGElement, background: string): string {
  const copy = map.cloneNode(true) as SVGSVGElement;
  const originals = [map, ...map.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const target = copies[i];
    if (!target) return;
    const style = getComputedStyle(original);
    for (const property of PAINT_PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value) target.setAttribute(property, value);
    }
    for (const attribute of ['class', 'tabindex', 'role', 'aria-label', 'aria-labelledby', 'aria-describedby']) target.removeAttribute(attribute);
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(MAP_WIDTH));
  copy.setAttribute('height', String(MAP_HEIGHT));
  const backdrop = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT, fill: background })) backdrop.setAttribute(k, String(v));
  copy.insertBefore(backdrop, copy.querySelector('path'));
  return new XMLSerializer().serializeToString(copy);
}

/** Renders SVG text to a PNG data URL at `scale` times the map's size. */
export async function pngFromSvg(svgText: string, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = MAP_WIDTH * scale;
    canvas.height = MAP_HEIGHT * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
