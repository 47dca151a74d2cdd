"use client";

import { useRouter } from "next/navigation";
import { type SyntheticEvent, useEffect, useRef, useState } from "react";
import { AnswerError, type AnswerIssue, readAnswer } from "@/components/api/answers";
import type { ImportResult } from "@/lib/validation/responses";

type Stage = "parsing" | "validating" | "writing";
type StageState = "pending" | "active" | "done" | "failed";

const STAGES: { id: Stage; label: string }[] = [
  { id: "parsing", label: "Reading the file" },
  { id: "validating", label: "Validating every row" },
  { id: "writing", label: "Writing in one transaction" },
];

const TOKEN_KEY = "hashatlas-admin-token";

/** A text field of the form, trimmed ("" when absent; a file field is not text). */
function formText(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value.trim() : "";
}

/** Upload a file as a dataset: read it, have the server validate it (a dry run), then write it. */
export function ImportForm() {
  const router = useRouter();
  const [stages, setStages] = useState<Record<Stage, StageState>>({ parsing: "pending", validating: "pending", writing: "pending" });
  const [message, setMessage] = useState<string | null>(null);
  const [issues, setIssues] = useState<AnswerIssue[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  // The token field is filled from this tab's session storage after hydration (the server has none).
  const tokenField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const saved = sessionStorage.getItem(TOKEN_KEY);
    // Never over what the user already typed.
    if (saved && tokenField.current && !tokenField.current.value) tokenField.current.value = saved;
  }, []);

  const mark = (stage: Stage, state: StageState) => setStages((s) => ({ ...s, [stage]: state }));

  async function onSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const token = formText(form, "token");
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setMessage("Choose a file first.");
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    setBusy(true);
    setIssues([]);
    setResult(null);
    setStages({ parsing: "active", validating: "pending", writing: "pending" });
    const params = new URLSearchParams();
    for (const key of ["kind", "dataset", "title", "publisher", "url", "licence", "retrievedAt", "coverage"]) {
      const value = formText(form, key);
      if (value) params.set(key, value);
    }
    try {
      const text = await file.text();
      const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").length;
      setMessage(`${file.name}: ${(file.size / 1024).toFixed(1)} KB, ${lines} lines`);
      mark("parsing", "done");
      const type = file.type || (file.name.toLowerCase().endsWith(".json") ? "application/json" : "text/csv");
      const send = (dryRun: boolean) =>
        fetch(`/api/import?${params.toString()}${dryRun ? "&dryRun=1" : ""}`, {
          method: "POST",
          headers: { "content-type": type === "application/json" ? "application/json" : "text/csv", authorization: `Bearer ${token}` },
          body: file,
        });
      for (const [stage, dryRun] of [
        ["validating", true],
        ["writing", false],
      ] as const) {
        mark(stage, "active");
        let answer: ImportResult;
        try {
          answer = await readAnswer(await send(dryRun), "ImportResponse");
        } catch (error) {
          if (!(error instanceof AnswerError)) throw error;
          mark(stage, "failed");
          setMessage(error.message);
          setIssues(error.issues);
          return;
        }
        mark(stage, "done");
        if (!dryRun) {
          setResult(answer);
          setMessage(null);
          router.refresh();
        }
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel import-form" onSubmit={(event) => void onSubmit(event)} data-testid="import-form" aria-describedby="import-help">
      <h2>Import a dataset</h2>
      <p id="import-help" className="muted">
        Hashrate shares as the CBECI Mining Map download, as <code>period,country,share</code> (a fraction) or{" "}
        <code>period,country,hashrate_eh</code> CSV, or as JSON; mining sites and power prices in the column layout of the seed files. A
        dataset with the same name is replaced. Nothing is written if any row is wrong.
      </p>
      <div className="options-grid">
        <label className="control">
          <span className="label">Kind</span>
          <select name="kind" defaultValue="shares">
            <option value="shares">Hashrate shares</option>
            <option value="sites">Mining sites</option>
            <option value="prices">Power prices</option>
          </select>
        </label>
        <label className="control">
          <span className="label">Shares cover</span>
          <select name="coverage" defaultValue="network" data-testid="import-coverage">
            <option value="network">The whole network (enters the best estimate)</option>
            <option value="partial">A sample only (kept out of the best estimate)</option>
          </select>
        </label>
        <label className="control">
          <span className="label">Dataset name (slug)</span>
          <input name="dataset" required pattern="[a-z0-9][a-z0-9\-]{1,63}" placeholder="my-estimates-2026" data-testid="import-dataset" />
        </label>
        <label className="control">
          <span className="label">Title</span>
          <input name="title" placeholder="My estimates, 2026" />
        </label>
        <label className="control">
          <span className="label">Publisher</span>
          <input name="publisher" required data-testid="import-publisher" />
        </label>
        <label className="control">
          <span className="label">Source URL</span>
          <input name="url" type="url" required placeholder="https://…" data-testid="import-url" />
        </label>
        <label className="control">
          <span className="label">Licence or attribution</span>
          <input name="licence" required data-testid="import-licence" />
        </label>
        <label className="control">
          <span className="label">Retrieved</span>
          <input name="retrievedAt" type="date" />
        </label>
        <label className="control">
          <span className="label">File (CSV or JSON)</span>
          <input name="file" type="file" accept=".csv,.json,text/csv,application/json" required data-testid="import-file" />
        </label>
        <label className="control">
          <span className="label">Admin token</span>
          <input ref={tokenField} name="token" type="password" autoComplete="off" required data-testid="import-token" />
        </label>
      </div>
      <button type="submit" className="button" disabled={busy} data-testid="import-submit">
        Import
      </button>
      <div role="status" aria-live="polite" data-testid="import-stages">
        <ol className="stages">
          {STAGES.map((s) => (
            <li key={s.id} data-state={stages[s.id]}>
              {s.label}: {stages[s.id]}
            </li>
          ))}
        </ol>
      </div>
      {message && <p className={issues.length || Object.values(stages).includes("failed") ? "error" : "muted"}>{message}</p>}
      {issues.length > 0 && (
        <table className="data" data-testid="import-issues">
          <caption>Problems found (first {issues.length})</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i, n) => (
              <tr key={n}>
                <td>{i.line ?? "—"}</td>
                <td>{i.column ?? i.field}</td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && (
        <p data-testid="import-done">
          Imported {result.rows} rows into <strong>{result.dataset}</strong>.{" "}
          <a href={result.kind === "shares" ? `/?dataset=${encodeURIComponent(result.dataset)}` : result.kind === "sites" ? "/?layer=sites" : "/?layer=price"}>See it on the map</a>
        </p>
      )}
    </form>
  );
}
