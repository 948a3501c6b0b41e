// ECharts ships no declarations for its per-part installers; each exports one `install` function.
declare module 'echarts/lib/*' {
  export function install(registers: unknown): void;
}
