import * as Plot from '@observablehq/plot';
import type { PlotElement } from '../components/PlotFigure.js';
import { classOf, fmtBool, fmtInt, fmtNum } from '../lib/format.js';
import type { ThresholdRegion } from '../lib/thresholds.js';
import type { ChipRow } from '../lib/types.js';
import { CLASS_COLORS, scaleOf } from './palette.js';

export interface ScatterPoint extends ChipRow {
  tpp: number;
  klass: string;
}

/** Chips the scatter can place: a log axis needs TPP > 0. Those with unknown PD go on a strip below the axis. */
export function plottable(rows: ChipRow[]): ScatterPoint[] {
  return rows.flatMap((r) => (r.tpp !== null && r.tpp > 0 ? [{ ...r, tpp: r.tpp, klass: classOf(r) }] : []));
}

/** Round tick values from 0 to `max`, about `count` of them (steps of 1, 2 or 5 times a power of ten). */
function ticksTo(max: number, count: number): number[] {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

/**
 * TPP (log) against performance density, each chip coloured by its class on the date, with the regions of the
 * 3A090 tests in force drawn behind: each region's edges are the threshold lines. Chips whose PD is unknown sit
 * on a strip under the axis, so their class is still seen; parts not designed for datacenters are hollow (Note 2
 * can exclude them).
 */
export function scatterChart({ points, regions, width, highlighted }: { points: ScatterPoint[]; regions: ThresholdRegion[]; width: number; highlighted: Set<string> }): PlotElement {
  const tppBounds = regions.flatMap((r) => [r.tpp.min, r.tpp.max]).filter((v): v is number => v !== null);
  const pdBounds = regions.flatMap((r) => [r.pd.min, r.pd.max]).filter((v): v is number => v !== null);
  const known = points.filter((p) => p.pd !== null);
  const xMin = Math.min(...points.map((p) => p.tpp), ...tppBounds) / 1.5;
  const xMax = Math.max(...points.map((p) => p.tpp), ...tppBounds) * 1.5;
  const yMax = Math.max(...known.map((p) => p.pd ?? 0), ...pdBounds) * 1.08;
  const strip = yMax * 0.07;
  const placed = points.map((p) => ({ ...p, y: p.pd ?? -strip }));
  const boxes = regions.map((r) => ({ ...r, x1: r.tpp.min ?? xMin, x2: r.tpp.max ?? xMax, y1: r.pd.min ?? 0, y2: r.pd.max ?? yMax }));
  const marked = placed.filter((p) => highlighted.has(p.chip));
  const ticks = ticksTo(yMax, 8);
  const narrow = width < 600;

  return Plot.plot({
    width,
    height: narrow ? 360 : Math.min(540, Math.round(width * 0.5)),
    marginLeft: 48,
    marginRight: 16,
    marginBottom: 44,
    style: { fontSize: '12px' },
    x: { type: 'log', domain: [xMin, xMax], label: 'TPP (log scale) →', labelOffset: 38, tickFormat: '~s' },
    y: { domain: [-strip * 2, yMax], label: '↑ Performance density (TPP per mm²)' },
    color: { ...scaleOf(CLASS_COLORS), legend: true },
    marks: [
      Plot.gridX({ stroke: '#ddd', strokeOpacity: 1 }),
      Plot.gridY(ticks, { stroke: '#ddd', strokeOpacity: 1 }),
      Plot.axisY(ticks),
      Plot.rect([{}], { x1: xMin, x2: xMax, y1: -strip * 2, y2: -strip * 0.2, fill: '#f2f3f4' }),
      Plot.text(['PD\nunknown'], { x: xMin, y: -strip, dx: -6, textAnchor: 'end', fill: '#5d6d7e', fontSize: 10, lineHeight: 1 }),
      Plot.rect(boxes, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'eccn', fillOpacity: 0.06, stroke: 'eccn', strokeOpacity: 0.8, strokeDasharray: '5,3', clip: true }),
      Plot.text(boxes, { x: 'x1', y: 'y2', text: (b: ThresholdRegion) => (narrow ? b.test.replace(/^3A090\./, '') : b.test), dx: 3, dy: 8, textAnchor: 'start', fill: 'eccn', fontWeight: 600, fontSize: 10, clip: true }),
      Plot.dot(
        placed.filter((p) => p.datacenter !== false),
        { x: 'tpp', y: 'y', fill: 'klass', r: 4.5, stroke: 'white', strokeWidth: 0.8 },
      ),
      Plot.dot(
        placed.filter((p) => p.datacenter === false),
        { x: 'tpp', y: 'y', stroke: 'klass', fill: 'white', r: 4, strokeWidth: 2 },
      ),
      Plot.dot(marked, { x: 'tpp', y: 'y', r: 8, stroke: '#111', strokeWidth: 1.5 }),
      Plot.text(marked, { x: 'tpp', y: 'y', text: 'name', dy: -13, fontWeight: 600, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.tip(
        placed,
        Plot.pointer({
          x: 'tpp',
          y: 'y',
          title: (p: ScatterPoint) =>
            `${p.vendor} ${p.name}\nTPP ${fmtInt(p.tpp)} · PD ${p.pd === null ? 'unknown' : fmtNum(p.pd)} · datacenter ${fmtBool(p.datacenter)}\n${p.klass}${p.rule ? ` under ${p.rule.id}` : ''}\nclick for the chip page`,
        }),
      ),
    ],
  }) as PlotElement;
}
