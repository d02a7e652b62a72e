import { useEffect, useEffectEvent, useRef, useState } from 'react';

/** What Plot.plot returns: an SVG or a figure, whose `value` is the datum under the pointer (with a pointer mark). */
export type PlotElement = (SVGSVGElement | HTMLElement) & { value?: unknown };

/**
 * Hosts an Observable Plot chart in React. `build` is called with the container's width, so the chart fits a
 * phone as well as a desktop, and again whenever `build` changes (callers memoize it on their data).
 * With `onSelect`, a click selects the datum a pointer mark is on (Plot's documented `value`).
 */
export function PlotFigure({ build, label, onSelect, testId }: { build: (width: number) => PlotElement; label: string; onSelect?: (value: unknown) => void; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const select = useEffectEvent((value: unknown) => onSelect?.(value));

  useEffect(() => {
    const el = container.current;
    if (!el || width === 0) return;
    const chart = build(width);
    const onClick = () => {
      if (chart.value !== undefined && chart.value !== null) select(chart.value);
    };
    chart.addEventListener('click', onClick);
    el.replaceChildren(chart);
    return () => {
      chart.removeEventListener('click', onClick);
      chart.remove();
    };
  }, [build, width]);

  return <div className="plot" ref={container} role="img" aria-label={label} data-testid={testId} />;
}
