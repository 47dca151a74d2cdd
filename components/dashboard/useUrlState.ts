"use client";

import { useCallback, useEffect, useState } from "react";
import { type DashboardState, serializeDashboardState } from "@/lib/view/url-state-core";

/**
 * Dashboard state mirrored in the query string. Updates replace the history entry (sliding through
 * 29 months should not make 29 back-button steps); Back/Forward and reloads restore the view.
 */
export function useUrlState(initial: DashboardState): [DashboardState, (patch: Partial<DashboardState>) => void] {
  const [state, setState] = useState(initial);

  const update = useCallback((patch: Partial<DashboardState>) => {
    setState((previous) => {
      const next = { ...previous, ...patch };
      const query = serializeDashboardState(next);
      if (query !== window.location.search && !(query === "" && window.location.search === "")) {
        window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    // The zod parser is loaded on demand: it is not needed for the first view.
    const onPop = () =>
      void import("@/lib/view/url-state").then(({ parseDashboardState }) => setState(parseDashboardState(new URLSearchParams(window.location.search))));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  return [state, update];
}
