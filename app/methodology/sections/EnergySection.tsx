import { DEFAULT_EFFICIENCY_J_PER_TH } from "@/lib/metrics/energy";
import { defaultKwhAt1000, eps, example, exampleCost, exampleKwh, Formula, halvingApr2024, halvingMay2020, NNBSP, num, titleOf } from "./notation";

export function EnergySection() {
  return (
    <section id="energy" aria-labelledby="energy-h" className="panel">
      <h2 id="energy-h">{titleOf("energy")}</h2>
      <p>The electricity the whole network burns per bitcoin issued, and what it costs at a country’s power price:</p>
      <Formula testId="def-kwh">
        kWh per BTC = <var>H</var>
        <sub>TH</sub> · {eps} · 600 / (3.6 × 10<sup>6</sup>) / (subsidy + fees per block)
      </Formula>
      <Formula testId="def-cost">
        cost per BTC in <var>c</var> = kWh per BTC · <var>p</var>
        <sub>
          <var>c</var>
        </sub>
      </Formula>
      <ul>
        <li>
          <var>H</var>
          <sub>TH</sub> is the network hashrate of the period in TH/s (EH/s × 10<sup>6</sup>), by the rule above; 600 s is one block; 3.6 × 10<sup>6</sup> J is
          one kWh.
        </li>
        <li>
          {eps} is the fleet efficiency in J/TH, a user parameter (<code>efficiency</code>); the default {DEFAULT_EFFICIENCY_J_PER_TH} J/TH is the fleet average
          of the 2024 Cambridge mining survey.
        </li>
        <li>
          The subsidy is the protocol’s block subsidy at the period: 12.5 BTC before 2020-05-11, 6.25 BTC from 2020-05-11, 3.125 BTC from 2024-04-19. A month
          with a halving gets the day-weighted mean (May 2020: {num(halvingMay2020, 3)} BTC; April 2024: {num(halvingApr2024, 3)} BTC).
        </li>
        <li>
          <strong>Fees are not counted</strong> (fees per block = 0): the figure is energy per bitcoin of subsidy, an upper bound of energy per bitcoin earned.
        </li>
        <li>
          <var>p</var>
          <sub>
            <var>c</var>
          </sub>{" "}
          is country <var>c</var>’s power price chosen by the <a href="#power-price">price rule</a>; the cost is blank where a country has no price.
        </li>
      </ul>
      <p>
        Worked example: at {num(example.eh)} EH/s, {example.jPerTh} J/TH and ${example.usdPerKwh.toFixed(2)}/kWh with a 3.125 BTC subsidy, one bitcoin takes{" "}
        {num(exampleKwh)} kWh and costs about <strong>${num(Math.round(exampleCost / 1000))}k</strong> in electricity (${num(exampleCost)}), in line with press
        estimates that the power for one bitcoin can cost more than $100{NNBSP}000 in the dearest parts of the United States. At the default{" "}
        {DEFAULT_EFFICIENCY_J_PER_TH} J/TH the same network needs {num(defaultKwhAt1000)} kWh per bitcoin.
      </p>
    </section>
  );
}
