import type { LossChart as Chart } from "@/lib/view/risk-chart";
import styles from "./risk.module.css";

/** The loss distribution: bars per bin, the quantiles marked; the same numbers as a table below, on request. */
export function LossChart({ chart }: { chart: Chart }) {
  const { plot } = chart;
  return (
    <figure className={styles.chart} data-testid="risk-chart" data-x-max={chart.xMax}>
      <svg viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={chart.summary} className={styles.svg}>
        {chart.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} className={styles.grid} />
            <text x={plot.left - 4} y={t.y} className={styles.tickY}>
              {t.label}
            </text>
          </g>
        ))}
        {chart.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={plot.bottom + 14} className={styles.tickX}>
            {t.label}
          </text>
        ))}
        {chart.bars.map((b) => (
          <rect key={b.x} x={b.x} y={b.y} width={b.width} height={b.height} className={styles.bar} data-testid="risk-bar">
            <title>{b.title}</title>
          </rect>
        ))}
        {chart.markers.map((m) => (
          <g key={m.label} data-testid="risk-marker" data-label={m.label}>
            <line x1={m.x} x2={m.x} y1={m.labelY + 2} y2={plot.bottom} className={styles.marker} />
            <text x={m.x + 2} y={m.labelY} className={styles.markerLabel}>
              {m.label}
            </text>
            <title>{m.title}</title>
          </g>
        ))}
      </svg>
      <figcaption className={styles.caption}>Chance of each loss (square-root scale); p50…p99 mark the quantiles.</figcaption>
      <details>
        <summary>The distribution as a table</summary>
        <table className="data" data-testid="risk-chart-table">
          <caption className="visually-hidden">Chance of each loss of network hashrate</caption>
          <thead>
            <tr>
              <th scope="col">Loss of network hashrate</th>
              <th scope="col" className="num">
                Chance
              </th>
            </tr>
          </thead>
          <tbody>
            {chart.table.map((row) => (
              <tr key={row.range}>
                <th scope="row">{row.range}</th>
                <td className="num">{row.chance}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
