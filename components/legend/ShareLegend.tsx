import { NO_DATA_COLOR, SHARE_BREAKS, SHARE_LEGEND_GRADIENT } from "../map/scale";
import { formatShareShort } from "@/lib/view/format";

export function ShareLegend({ unattributed }: { unattributed: string }) {
  return (
    <div className="legend" aria-label="Legend">
      <span>Share of network hashrate (%)</span>
      <div className="legend-bar" style={{ background: SHARE_LEGEND_GRADIENT }} />
      <div className="legend-scale">
        {SHARE_BREAKS.map((b) => (
          <span key={b}>{formatShareShort(b)}</span>
        ))}
      </div>
      <span className="legend-nodata">
        <span className="swatch" style={{ background: NO_DATA_COLOR.light }} /> No estimate for this country (not 0 %)
      </span>
      <span className="legend-nodata">Unattributed by the source (“Other”): {unattributed}</span>
    </div>
  );
}
