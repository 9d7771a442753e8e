/**
 * The parts of ECharts the console draws with, and nothing else (echarts/core plus each chart and
 * component used), rendered as SVG. Imported lazily by components/chart.tsx, so the first load
 * carries none of it.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export const { init } = echarts;
