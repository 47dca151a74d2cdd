// Text widths on a canvas, for axis sizes and labels that must fit.

/** Width in px of `text` drawn in `font`. */
export type MeasureText = (text: string, font: string) => number;

let measureCtx: CanvasRenderingContext2D | null | undefined;

/** Measured on an offscreen canvas (browser only); 7 px a character where there is no canvas. */
export const canvasTextWidth: MeasureText = (text, font) => {
  if (measureCtx === undefined) measureCtx = document.createElement("canvas").getContext("2d");
  if (!measureCtx) return text.length * 7;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
};

/** `text`, cut and ended with "…" where needed to fit `maxPx` (at least one character survives). */
export function ellipsize(text: string, maxPx: number, font: string, measure: MeasureText): string {
  if (!(maxPx > 0) || measure(text, font) <= maxPx) return text;
  let n = text.length - 1;
  while (n > 1 && measure(`${text.slice(0, n).trimEnd()}…`, font) > maxPx) n--;
  return `${text.slice(0, n).trimEnd()}…`;
}
