// Only the ECharts parts the dashboard draws with: keeps the bundle inside its budget.
import * as echarts from 'echarts/core';
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as PieChart } from 'echarts/lib/chart/pie/install.js';
import { install as HeatmapChart } from 'echarts/lib/chart/heatmap/install.js';
import { install as AriaComponent } from 'echarts/lib/component/aria/install.js';
import { install as DataZoomInside } from 'echarts/lib/component/dataZoom/installDataZoomInside.js';
import { install as DataZoomSlider } from 'echarts/lib/component/dataZoom/installDataZoomSlider.js';
import { install as GridComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as LegendComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import { install as TooltipComponent } from 'echarts/lib/component/tooltip/install.js';
import { install as VisualMapComponent } from 'echarts/lib/component/visualMap/installVisualMapContinuous.js';
import { install as CanvasRenderer } from 'echarts/lib/renderer/installCanvasRenderer.js';

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, DataZoomInside, DataZoomSlider, VisualMapComponent, AriaComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption, ECharts } from 'echarts/core';
