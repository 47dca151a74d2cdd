import { titleOf } from "./notation";

export function CaveatsSection() {
  return (
    <section id="caveats" aria-labelledby="caveats-h" className="panel">
      <h2 id="caveats-h">{titleOf("caveats")}</h2>
      <ul>
        <li>
          <strong>Pool geolocation and VPNs.</strong> CBECI geolocates the IP addresses of hashers at four large pools (about a third of network hashrate) and
          scales them to the network. Miners behind VPNs or proxies are counted where the exit node is: after the ban China reads{" "}
          <strong>0 % in July and August 2021</strong> and about 20 % again from September 2021 (covert mining, as CCAF noted), and the asterisks on Germany and
          Ireland are CCAF’s footnote that their shares are likely inflated by such routing. Treat China after mid-2021 as a lower bound.
        </li>
        <li>
          <strong>Survey bias (CCAF 2024 survey).</strong> 49 firms reporting about 48 % of network hashrate, self-selected and weighted towards listed North
          American miners: the United States’ 75.4 % is of the surveyed hashrate, not of the network. It is not comparable with the pool-geolocation series, so
          a change between January 2022 and September 2024 is partly a change of method.
        </li>
        <li>
          <strong>Proprietary Hashrate Index estimates.</strong> Luxor’s heatmap method is undisclosed and the numbers reach HashAtlas through news reports; the
          October 2025 snapshot names only three countries, so most of the network is unattributed and the indices are lower bounds.
        </li>
        <li>
          <strong>Approximate site coordinates.</strong> Site latitude and longitude are town or county centroids, and empty where the location is undisclosed;
          “MW” may be nameplate, energized or contracted capacity; the list is not a census, and the sites basis applies each site’s latest status to every
          month.
        </li>
        <li>
          <strong>Mixed price definitions.</strong> Power prices mix industrial, business, miner tariffs, wholesale and household prices of different years,
          converted to USD at the rates noted per row; the EIA national industrial average is above what large miners negotiate. The price rule prefers
          comparable types over recent ones, and the energy cost inherits every one of these differences.
        </li>
        <li>
          <strong>Bloc membership is fixed as of 2025-06-30</strong> and applied to every period: a 2019 scenario for BRICS includes the members that joined in
          2024 and 2025 (Saudi Arabia, which has not confirmed membership, is left out).
        </li>
        <li>
          <strong>Network hashrate is inferred</strong>, not observed: it is the expected work implied by difficulty and block times, within −1.0 … +1.6 % of
          CBECI’s monthly totals; dates after 2025-01-12 are reconstructed from the retarget rule.
        </li>
        <li>
          <strong>The shock model is a first-order estimate</strong>: immediate, no migration (unless simulated), no change in fees or miner behaviour, and the
          2015/2016 interval off-by-one described above.
        </li>
      </ul>
    </section>
  );
}
