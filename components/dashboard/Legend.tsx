import type { LayerView } from "@/lib/view/map-layers";
import { ENERGY_COLORS } from "@/lib/colors/energy";
import { colorFor, legendGradient } from "@/lib/colors/scale";

export function Legend({ layer, showSites }: { layer: LayerView; showSites: boolean }) {
  return (
    <div className="legend" aria-label="Legend" data-testid="legend">
      <span className="legend-title">
        {layer.scale.title} ({layer.scale.unit})
      </span>
      <div className="legend-bar" style={{ background: legendGradient(layer.scale) }} />
      <div className="legend-scale">
        {layer.scale.ticks.map((t) => (
          <span key={t.value}>{t.label}</span>
        ))}
      </div>
      <span className="legend-nodata">
        <span className="swatch nodata" style={{ background: colorFor(layer.scale, null) }} /> {layer.noDataLabel}
      </span>
      <span className="legend-note">{layer.note}</span>
      {showSites && (
        <div className="legend-sites" aria-label="Mining sites by energy source">
          <span className="legend-title">Mining sites (circle area ∝ MW; grey discs are clusters)</span>
          <ul>
            {Object.entries(ENERGY_COLORS).map(([name, color]) => (
              <li key={name}>
                <span className="swatch round" style={{ background: color }} /> {name}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
