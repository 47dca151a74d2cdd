export type SummaryCard = { label: string; value: string; detail: string; testId: string };

export function SummaryCards({ cards, loading }: { cards: SummaryCard[]; loading: boolean }) {
  return (
    <section className="cards" aria-label="Concentration summary" aria-busy={loading}>
      {cards.map((c) => (
        <div key={c.label} className="card" data-testid={c.testId}>
          <span className="card-label">{c.label}</span>
          <span className="card-value">{c.value}</span>
          <span className="card-detail">{c.detail}</span>
        </div>
      ))}
    </section>
  );
}
