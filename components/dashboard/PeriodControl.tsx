"use client";

import { useEffect, useState } from "react";
import { formatPeriod } from "@/lib/view/format";

const STEP_MS = 900;

/** A keyboard-accessible slider over every period, with a play button that steps through the months. */
export function PeriodControl({ periods, value, onChange }: { periods: string[]; value: string; onChange: (period: string) => void }) {
  const [playing, setPlaying] = useState(false);
  const index = Math.max(0, periods.indexOf(value));

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      const next = index + 1;
      // Play stops at the last month (togglePlay starts again at the first).
      if (next >= periods.length - 1) setPlaying(false);
      onChange(periods[next] ?? value);
    }, STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, periods, value, onChange]);

  const togglePlay = () => {
    // Playing from the last month starts again at the first.
    if (!playing && index >= periods.length - 1 && periods[0]) onChange(periods[0]);
    setPlaying(!playing);
  };

  return (
    <div className="period-control">
      <button type="button" className="button" onClick={togglePlay} aria-pressed={playing} disabled={periods.length < 2} data-testid="play">
        {playing ? "❚❚ Pause" : "▶ Play"}
      </button>
      <label className="period-slider">
        <span className="label">Month</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, periods.length - 1)}
          step={1}
          value={index}
          disabled={periods.length < 2}
          aria-valuetext={formatPeriod(value)}
          data-testid="period-slider"
          onChange={(e) => {
            setPlaying(false);
            const next = periods[Number(e.target.value)];
            if (next) onChange(next);
          }}
        />
      </label>
      <output className="period-value" data-testid="period-label" aria-live="polite">
        {formatPeriod(value)}
      </output>
    </div>
  );
}
