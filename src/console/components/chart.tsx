/**
 * Apache ECharts, with only the charts and components the console draws (tree-shaken: the first page stays small),
 * on canvas, with ECharts' ARIA descriptions on for screen readers.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, SankeyChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

/** A palette with enough contrast on white for small marks. */
export const PALETTE = ['#1f6fb2', '#d1495b', '#2e8b57', '#b8860b', '#7b4fa6', '#00838f', '#c2571a', '#5d6d7e', '#ad1457', '#33691e'];

export function Chart(props: { option: EChartsCoreOption; height: number; label: string; testId?: string; onRendered?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const rendered = useRef(props.onRendered);
  rendered.current = props.onRendered;
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    // 'finished': everything drawn (a test and the benchmark wait for it).
    chart.current.on('finished', () => rendered.current?.());
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // ECharts writes its own aria-label on the container: ours goes in as its description.
    c.setOption({ color: PALETTE, aria: { enabled: true, label: { description: props.label } }, animation: false, ...props.option }, { notMerge: true });
  }, [props.option, props.label]);
  return <div ref={ref} role="img" aria-label={props.label} data-testid={props.testId} style={{ height: props.height, width: '100%' }} />;
}
