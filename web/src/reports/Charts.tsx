// Charts of the report page, drawn with visx (d3 scales, SVG shapes): plain SVG with attributes
// only, so the strict CSP (no style attributes) holds, and they print crisply. Every chart is
// a figure with its data table beside it: the table is what a screen reader reads and what a
// head copies; the drawing only repeats it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

export interface Datum {
  key: string;
  label: string;
  value: number | null;
}

/** The width of an element, followed as it changes (no style attribute, unlike a ParentSize wrapper). */
function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, width };
}

function ticks(max: number): number[] {
  if (max <= 0) return [0];
  return scaleLinear<number>({ domain: [0, max], nice: true }).ticks(Math.min(5, Math.max(1, max)));
}

const fmt = (lang: string) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID');

/** Vertical bars: months of a trend, age bands. Short labels under each bar. */
export function ColumnChart({ data, label }: { data: Datum[]; label: string }) {
  const { i18n } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>(560);
  const height = 220;
  const m = { top: 16, right: 8, bottom: 28, left: 40 };
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  const tk = ticks(max);
  const top = tk[tk.length - 1] || 1;
  const x = scaleBand<string>({ domain: data.map((d) => d.key), range: [0, width - m.left - m.right], padding: 0.25 });
  const y = scaleLinear<number>({ domain: [0, top], range: [height - m.top - m.bottom, 0] });
  const nf = fmt(i18n.language);
  // Thin out the labels when bars are narrow (a phone showing twelve months).
  const every = x.bandwidth() < 22 ? 2 : 1;
  return (
    <div className="chart" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={label} className="chart__svg">
        <Group left={m.left} top={m.top}>
          {tk.map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line className="chart__grid" x1={0} x2={width - m.left - m.right} />
              <text className="chart__tick" x={-6} dy="0.32em" textAnchor="end">
                {nf.format(v)}
              </text>
            </g>
          ))}
          {data.map((d, i) => {
            const bx = x(d.key) ?? 0;
            const v = d.value ?? 0;
            const bh = height - m.top - m.bottom - y(v);
            return (
              <g key={d.key}>
                <Bar className="chart__bar" x={bx} y={y(v)} width={x.bandwidth()} height={Math.max(0, bh)} />
                {v > 0 && x.bandwidth() >= 18 && (
                  <text className="chart__value" x={bx + x.bandwidth() / 2} y={y(v) - 4} textAnchor="middle">
                    {nf.format(v)}
                  </text>
                )}
                {i % every === 0 && (
                  <text className="chart__tick" x={bx + x.bandwidth() / 2} y={height - m.top - m.bottom + 16} textAnchor="middle">
                    {d.label}
                  </text>
                )}
              </g>
            );
          })}
          <line className="chart__axis" x1={0} x2={width - m.left - m.right} y1={height - m.top - m.bottom} y2={height - m.top - m.bottom} />
        </Group>
      </svg>
    </div>
  );
}

/** Horizontal bars: forms of violence, case types (long labels sit above their bar). */
export function BarListChart({ data, label, max: fixedMax, format }: { data: Datum[]; label: string; max?: number; format?: (v: number) => string }) {
  const { i18n } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>(560);
  const row = 40;
  const m = { top: 4, right: 56, bottom: 4, left: 0 };
  const height = m.top + m.bottom + data.length * row;
  const max = fixedMax ?? Math.max(1, ...data.map((d) => d.value ?? 0));
  const inner = width - m.left - m.right;
  const x = scaleLinear<number>({ domain: [0, max], range: [0, inner] });
  const nf = fmt(i18n.language);
  const show = format ?? ((v: number) => nf.format(v));
  return (
    <div className="chart" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={label} className="chart__svg">
        <Group left={m.left} top={m.top}>
          {data.map((d, i) => {
            const v = d.value ?? 0;
            const y0 = i * row;
            return (
              <g key={d.key} transform={`translate(0,${y0})`}>
                <text className="chart__label" x={0} y={13}>
                  {fitLabel(d.label, width)}
                  <title>{d.label}</title>
                </text>
                <rect className="chart__track" x={0} y={18} width={inner} height={14} />
                <Bar className="chart__bar" x={0} y={18} width={Math.max(0, x(v))} height={14} />
                <text className="chart__value" x={Math.max(0, x(v)) + 6} y={30}>
                  {d.value === null ? '<3' : show(v)}
                </text>
              </g>
            );
          })}
        </Group>
      </svg>
    </div>
  );
}

/**
 * SVG text does not wrap: a label longer than the chart is cut with an ellipsis (the full text is
 * its tooltip and stands in the data table beside the chart), so a phone never scrolls sideways.
 * About 7 px a character at the chart's label size.
 */
export function fitLabel(label: string, width: number): string {
  const chars = Math.max(8, Math.floor(width / 7));
  return label.length <= chars ? label : label.slice(0, chars - 1).trimEnd() + '…';
}

/** A chart with its heading and its data table side by side (stacked on a phone). */
export function ChartFigure({ id, title, chart, table, note }: { id: string; title: string; chart: ReactNode; table?: ReactNode; note?: ReactNode }) {
  return (
    <section className="report-figure" aria-labelledby={`${id}-title`} data-figure={id}>
      <h2 id={`${id}-title`} className="report-figure__title">
        {title}
      </h2>
      {note}
      <div className={`report-figure__body${table ? '' : ' report-figure__body--single'}`}>
        <div className="report-figure__chart">
          {chart}
        </div>
        {table && (
          <div className="report-figure__table table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
            {table}
          </div>
        )}
      </div>
    </section>
  );
}
