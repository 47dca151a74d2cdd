import { HistoricalValidation } from "../HistoricalValidation";
import { titleOf } from "./notation";

export function HistoricalValidationSection() {
  return (
    <section id="historical-validation" aria-labelledby="historical-validation-h" className="panel">
      <h2 id="historical-validation-h">{titleOf("historical-validation")}</h2>
      <HistoricalValidation />
    </section>
  );
}
