"use client";

import { useState } from "react";
import { fromPercentInput, toPercentInput } from "@/lib/view/risk";

/**
 * A probability typed as a percentage (0–100). What is typed stays as typed while it is being
 * edited; each valid value is handed on at once, an unfinished one ("", "12.") waits, and leaving
 * the field shows the value in effect.
 */
export function ProbabilityInput(props: { id: string; value: number; describedBy: string; label: string; onChange: (probability: number) => void }) {
  const { value, onChange } = props;
  // The text typed, and the value it was typed against: once the value changes from elsewhere (a reset), the value shows.
  const [draft, setDraft] = useState<{ text: string; value: number } | null>(null);
  const text = draft && draft.value === value ? draft.text : String(toPercentInput(value));
  return (
    <input
      id={props.id}
      type="number"
      inputMode="decimal"
      min={0}
      max={100}
      step="any"
      value={text}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      onChange={(e) => {
        const probability = fromPercentInput(e.target.value);
        setDraft({ text: e.target.value, value: probability ?? value });
        if (probability !== null && probability !== value) onChange(probability);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
