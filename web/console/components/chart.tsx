import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartOption } from '../charts/echarts.ts';
import type { I18n } from '../i18n/i18n.ts';

interface Props {
  readonly i18n: I18n;
  /** What the chart shows, for screen readers (the chart itself is an image to them). */
  readonly label: string;
  readonly option: ChartOption;
  readonly height?: number;
  /** The same numbers as a table, behind a disclosure: readable without the picture. */
  readonly table: ComponentChildren;
  readonly onDrawn?: () => void;
}

/** An ECharts chart, loaded on first use, redrawn when the option changes and resized with its box. */
export function Chart({ i18n, label, option, height = 260, table, onDrawn }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import('../charts/echarts.ts').then(({ init }) => {
      if (disposed || !box.current) return;
      const chart = init(box.current, undefined, { renderer: 'svg' });
      chart.on('finished', () => {
        if (!disposed) setDrawn(true);
      });
      chart.setOption({ animation: false, aria: { enabled: false }, ...option });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(box.current);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [option]);
  useEffect(() => {
    if (drawn) onDrawn?.();
  }, [drawn]);
  return (
    <figure class="chart">
      {!drawn && <p class="chart-loading">{i18n.t('chart.loading')}</p>}
      <div
        ref={box}
        class="chart-canvas"
        role="img"
        aria-label={label}
        style={{ height: `${height}px` }}
        data-drawn={drawn}
      />
      <details>
        <summary>{i18n.t('chart.table')}</summary>
        {table}
      </details>
    </figure>
  );
}
