/** A labelled list of already-formatted values (the view layer formats; this only lays them out). */
export type Fact = { label: string; value: string; testId?: string };

export function FactList({ facts, testId }: { facts: readonly Fact[]; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {facts.map((f) => (
        <div key={f.label} className="fact" data-testid={f.testId}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
