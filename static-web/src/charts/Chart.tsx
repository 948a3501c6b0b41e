import { useEffect, useRef, useState } from 'react';
import type { ChartOption, ECharts } from './echarts';
import { loadEcharts, type EchartsModule } from './loadEcharts';
import { palette } from './palette';
import { download, downloadCsv, fileName, type Cell } from './csv';

export interface ChartData {
  header: string[];
  rows: Cell[][];
}

interface Props {
  title: string;
  /** What the chart shows, read by screen readers and shown under the title. */
  description?: string;
  option: ChartOption;
  data: ChartData;
  height?: number;
  onSelect?: (name: string, dataIndex: number, seriesIndex: number) => void;
  actions?: React.ReactNode;
  testId?: string;
  /** The chart's clicks as buttons, for keyboards and screen readers: cross-filter or drill choices. */
  choices?: Choice[];
  choicesLabel?: string;
}

export interface Choice {
  label: string;
  pressed?: boolean;
  onSelect: () => void;
}

/** An ECharts chart in a figure, with its title, PNG and CSV export, and click selection. */
export function Chart({ title, description, option, data, height = 300, onSelect, actions, testId, choices, choicesLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  const [lib, setLib] = useState<EchartsModule | null>(null);

  useEffect(() => {
    let mounted = true;
    void loadEcharts().then((module) => mounted && setLib(module));
    return () => {
      mounted = false;
    };
  }, []);

  useEffect(() => {
    if (!lib) return;
    const instance = lib.echarts.init(host.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Marks for tests and the load benchmark: the chart has drawn its option, and has finished animating it.
    const figure = host.current!.parentElement!;
    instance.on('rendered', () => {
      figure.dataset.drawn = 'true';
    });
    instance.on('finished', () => {
      figure.dataset.finished = 'true';
    });
    instance.on('click', (params) => {
      const p = params as { name: string; dataIndex: number; seriesIndex?: number };
      select.current?.(p.name, p.dataIndex, p.seriesIndex ?? 0);
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lib]);

  useEffect(() => {
    // Patterns tell series apart without colour; a single series needs none.
    const series = (option as { series?: unknown[] }).series;
    const several = Array.isArray(series) && series.length > 1;
    chart.current?.setOption(
      {
        color: palette,
        aria: { enabled: true, label: { description: description ?? title }, decal: { show: several } },
        textStyle: { fontFamily: 'inherit' },
        animationDuration: 300,
        ...option,
      },
      { notMerge: true },
    );
  }, [option, title, description, lib]);

  const exportPng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) download(fileName(title, 'png'), url);
  };

  return (
    <figure className="card chart" data-testid={testId}>
      <div className="chart-head">
        <figcaption>
          <h3>{title}</h3>
          {description && <p className="muted small">{description}</p>}
        </figcaption>
        <div className="chart-actions">
          {actions}
          <button type="button" className="ghost small" onClick={exportPng} aria-label={`Export ${title} as PNG`}>
            PNG
          </button>
          <button type="button" className="ghost small" onClick={() => downloadCsv(title, data.header, data.rows)} aria-label={`Export ${title} data as CSV`}>
            CSV
          </button>
        </div>
      </div>
      <div ref={host} className="chart-canvas" style={{ height }} role="img" aria-label={description ?? title} />
      {choices && choices.length > 0 && (
        <div className="choices" role="group" aria-label={choicesLabel ?? title}>
          {choices.map((choice) => (
            <button key={choice.label} type="button" className="pill small" aria-pressed={choice.pressed} onClick={choice.onSelect}>
              {choice.label}
            </button>
          ))}
        </div>
      )}
    </figure>
  );
}
