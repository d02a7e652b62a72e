import * as Plot from '@observablehq/plot';
import type { PlotElement } from '../components/PlotFigure.js';
import { utcDate, VERDICT_LABEL } from '../lib/format.js';
import type { Verdict } from '../lib/types.js';
import { scaleOf, VERDICT_COLORS } from './palette.js';

export interface VerdictPoint {
  date: string;
  verdict: Verdict;
  /** The order's own date, ringed. */
  asked: boolean;
}

/** The same order's verdict on a handful of dates, on one time axis. */
export function whatIfChart({ points, width }: { points: VerdictPoint[]; width: number }): PlotElement {
  // Labels alternate above and below the line so that dates a few days apart stay readable.
  const data = [...points]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((p, i) => ({ ...p, at: utcDate(p.date), label: VERDICT_LABEL[p.verdict], dy: i % 2 ? 20 : -20 }));
  const asked = data.filter((p) => p.asked);
  return Plot.plot({
    width,
    height: 130,
    marginLeft: 20,
    marginRight: 20,
    x: { type: 'utc', label: null, inset: 30, ticks: Math.max(2, Math.floor(width / 140)) },
    y: { axis: null, domain: [-1, 1] },
    color: { ...scaleOf(VERDICT_COLORS), tickFormat: (v: string) => VERDICT_LABEL[v as Verdict] ?? v },
    marks: [
      Plot.ruleY([0], { stroke: '#bbb' }),
      Plot.dot(asked, { x: 'at', y: 0, r: 12, stroke: '#111', strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'at', y: 0, r: 7, fill: 'verdict', stroke: 'white' }),
      // On a phone the dates would overprint one another: only the asked date is labelled (the table has them all).
      ...(width < 600 ? asked : data).map((p) => Plot.text([p], { x: 'at', y: 0, text: 'date', dy: p.dy, fontSize: 10 })),
      Plot.tip(data, Plot.pointer({ x: 'at', y: 0, title: (p: (typeof data)[number]) => `${p.date}: ${p.label}${p.asked ? ' (the order as asked)' : ''}` })),
    ],
  }) as PlotElement;
}
