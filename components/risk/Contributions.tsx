import type { RiskContribution } from "@/lib/view/risk";
import styles from "./risk.module.css";

function List({ title, items, testId }: { title: string; items: RiskContribution[]; testId: string }) {
  return (
    <div>
      <h3 className={styles.h3}>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ol className={styles.contributions} data-testid={testId}>
          {items.map((c) => (
            <li key={c.id}>
              <span>{c.label}</span> <span className={styles.value}>{c.value}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Who contributes most to the expected loss: events and countries (each list adds up to it in full). */
export function Contributions({ events, countries }: { events: RiskContribution[]; countries: RiskContribution[] }) {
  return (
    <div className={styles.contributionLists}>
      <List title="Largest events" items={events} testId="risk-top-events" />
      <List title="Largest countries" items={countries} testId="risk-top-countries" />
    </div>
  );
}
