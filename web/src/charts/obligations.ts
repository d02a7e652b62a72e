import * as Plot from '@observablehq/plot';
import type { PlotElement } from '../components/PlotFigure.js';
import { fmtUsd, words } from '../lib/format.js';
import type { ObligationTotal } from '../lib/types.js';

/** What decisions recorded as owed, summed per quarter, stacked by payee and kind. */
export function obligationsChart({ totals, width }: { totals: ObligationTotal[]; width: number }): PlotElement {
  const data = totals.map((t) => ({ ...t, owed: `${t.payee} · ${words(t.kind)}` }));
  const quarters = [...new Set(data.map((d) => d.quarter))].sort();
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 70,
    x: { domain: quarters, label: null, padding: 0.3 },
    y: { label: '↑ USD owed', grid: true, tickFormat: '~s' },
    color: { legend: true, scheme: 'tableau10' },
    marks: [
      Plot.barY(data, {
        x: 'quarter',
        y: 'amount_usd',
        fill: 'owed',
        tip: true,
        title: (d: (typeof data)[number]) => `${d.quarter}: ${fmtUsd(d.amount_usd)} to ${d.payee} (${words(d.kind)})\n${d.obligations} obligations from ${d.decision_ids.length} decisions`,
      }),
      Plot.ruleY([0]),
    ],
  }) as PlotElement;
}
