import type { estimateNote } from "@/lib/view/dashboard";

/** The month's age (marked when stale), its source and the network hashrate its EH/s use — beside the title. */
export function EstimateAge({ note }: { note: ReturnType<typeof estimateNote> | null }) {
  if (!note) return null;
  return (
    <p className="estimate-age" data-testid="estimate-age">
      <span>{note.age}</span>
      {note.stale && (
        <span className="stale-mark" title={note.staleTitle} data-testid="stale-mark">
          stale
        </span>
      )}
    </p>
  );
}

/** Where the shares on the map and in the table come from. */
export function EstimateSource({ note, testId, withMethod = false }: { note: ReturnType<typeof estimateNote> | null; testId: string; withMethod?: boolean }) {
  if (!note) return null;
  return (
    <p className="estimate-source muted" data-testid={testId}>
      Shares: <a href={note.sourceUrl}>{note.source}</a>
      {withMethod && note.method ? <span className="estimate-method"> — {note.method}</span> : null}. {note.network}.
    </p>
  );
}
