/** One chart to draw into a container: bars (labels and values) or a donut of parts. */
export type ChartSpec =
  | { kind: 'bars'; labels: string[]; values: number[] }
  | { kind: 'donut'; labels: string[]; values: number[] };

type Chartist = typeof import('chartist');
let loaded: Promise<Chartist> | undefined;

/**
 * chartist, loaded on first use, with its `style` attributes set through the CSSOM: a page's
 * Content-Security-Policy without `'unsafe-inline'` refuses style attributes set as strings, but
 * allows the same declarations set on `element.style`.
 */
function chartist(): Promise<Chartist> {
  loaded ??= import('chartist').then((c) => {
    const proto = c.Svg.prototype as unknown as {
      attr(attributes: unknown, ns?: string): unknown;
      getNode<T>(): T;
      cssomStyle?: true;
    };
    if (!proto.cssomStyle) {
      const attr = proto.attr;
      proto.attr = function (this: typeof proto, attributes: unknown, ns?: string) {
        if (typeof attributes !== 'object' || attributes === null || !('style' in attributes))
          return attr.call(this, attributes, ns);
        const { style, ...rest } = attributes as Record<string, unknown>;
        if (style !== undefined) this.getNode<SVGElement>().style.cssText = String(style);
        return attr.call(this, rest, ns);
      };
      proto.cssomStyle = true;
    }
    return c;
  });
  return loaded;
}

/**
 * Draws `spec` into `container` (replacing what was there). The chart is decoration: the
 * container's text alternative and the monitor's own list carry the same numbers.
 */
export async function drawChart(container: HTMLElement, spec: ChartSpec): Promise<void> {
  const { BarChart, PieChart } = await chartist();
  container.replaceChildren();
  if (spec.kind === 'bars') {
    new BarChart(
      container,
      { labels: spec.labels, series: [spec.values] },
      {
        axisY: { onlyInteger: true },
        height: '10rem',
        chartPadding: { top: 10, right: 10, bottom: 0, left: 0 },
      },
    );
  } else {
    new PieChart(
      container,
      { labels: spec.labels, series: spec.values },
      { donut: true, donutWidth: 24, showLabel: false, height: '8rem' },
    );
  }
}
