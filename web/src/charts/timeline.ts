import * as Plot from '@observablehq/plot';
import type { PlotElement } from '../components/PlotFigure.js';
import { utcDate } from '../lib/format.js';
import type { Instrument } from '../lib/types.js';
import { CONFIDENCE_COLORS, scaleOf } from './palette.js';

export interface TimelineBar {
  instrument: Instrument;
  id: string;
  start: Date;
  end: Date;
  /** In force with no end date: the bar runs to the edge of the chart. */
  open: boolean;
  confidence: string;
  notEnforcedFrom: Date | null;
}

export function timelineBars(instruments: Instrument[], horizon: string): TimelineBar[] {
  return [...instruments]
    .sort((a, b) => a.effective.localeCompare(b.effective) || a.id.localeCompare(b.id))
    .map((i) => ({
      instrument: i,
      id: i.id,
      start: utcDate(i.effective),
      end: utcDate(i.ends ?? horizon),
      open: !i.ends,
      confidence: i.confidence,
      notEnforcedFrom: i.notEnforcedFrom ? utcDate(i.notEnforcedFrom) : null,
    }));
}

/**
 * One jurisdiction's instruments as bars from effective to end, coloured by confidence; hatched grey where an
 * instrument is in force but not enforced. Vertical rules mark today and the two dates being compared.
 */
export function timelineChart({ bars, domain, width, marks: dates, selected }: { bars: TimelineBar[]; domain: [string, string]; width: number; marks: { date: string; label: string }[]; selected: string | null }): PlotElement {
  const narrow = width < 600;
  const notEnforced = bars.flatMap((b) => (b.notEnforcedFrom ? [{ ...b, start: b.notEnforcedFrom }] : []));
  // Each marked date's label gets its own line above the chart, so close dates (from and to) stay readable.
  const rules = dates.map((d, i) => ({ ...d, at: utcDate(d.date), dy: -6 - 12 * i }));
  return Plot.plot({
    width,
    height: bars.length * 24 + 44 + 12 * dates.length,
    marginTop: 8 + 12 * dates.length,
    marginLeft: narrow ? 130 : 210,
    marginRight: 12,
    style: { fontSize: narrow ? '10px' : '11px' },
    x: { type: 'utc', domain: domain.map(utcDate), label: null, grid: true },
    y: { domain: bars.map((b) => b.id), label: null, tickFormat: (id: string) => (narrow && id.length > 22 ? `${id.slice(0, 21)}…` : id) },
    color: { ...scaleOf(CONFIDENCE_COLORS), legend: true },
    marks: [
      Plot.barX(bars, { x1: 'start', x2: 'end', y: 'id', fill: 'confidence', insetTop: 3, insetBottom: 3, clip: true }),
      Plot.barX(notEnforced, { x1: 'start', x2: 'end', y: 'id', fill: '#999', fillOpacity: 0.8, insetTop: 7, insetBottom: 7, clip: true }),
      Plot.barX(
        bars.filter((b) => b.id === selected),
        { x1: 'start', x2: 'end', y: 'id', fill: 'none', stroke: '#111', strokeWidth: 2, insetTop: 1, insetBottom: 1, clip: true },
      ),
      Plot.text(
        bars.filter((b) => b.open),
        { x: 'end', y: 'id', text: () => '→', textAnchor: 'end', dx: -2, fill: 'white', fontWeight: 700, clip: true },
      ),
      Plot.ruleX(rules, { x: 'at', stroke: '#333', strokeDasharray: '3,3' }),
      ...rules.map((r) => Plot.text([r], { x: 'at', text: 'label', frameAnchor: 'top', dy: r.dy, fontSize: 10 })),
      Plot.tip(
        bars,
        Plot.pointer({
          x1: 'start',
          x2: 'end',
          y: 'id',
          title: (b: TimelineBar) =>
            `${b.instrument.title}\n${b.instrument.effective} → ${b.instrument.ends ?? 'no end date'}${b.instrument.notEnforcedFrom ? `\nnot enforced from ${b.instrument.notEnforcedFrom}` : ''}\nconfidence: ${b.confidence}\nclick for its rules`,
        }),
      ),
    ],
  }) as PlotElement;
}
