// ECharts is most of the JavaScript. It comes in a chunk of its own, asked for as the app starts, so the
// browser compiles it while the page's API requests are in flight instead of before they are sent.
export type EchartsModule = typeof import('./echarts');

let loading: Promise<EchartsModule> | null = null;

export function loadEcharts(): Promise<EchartsModule> {
  loading ??= import('./echarts');
  return loading;
}
