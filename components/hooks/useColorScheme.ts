"use client";

import { useSyncExternalStore } from "react";
import type { ColorScheme } from "@/lib/colors/scale";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function darkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : null;
}

function subscribe(onChange: () => void): () => void {
  const query = darkQuery();
  if (!query) return () => {};
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The scheme the system asks for right now (browser only): for code that runs outside a render. */
export function currentColorScheme(): ColorScheme {
  return darkQuery()?.matches ? "dark" : "light";
}

const serverColorScheme = (): ColorScheme => "light";

/**
 * The system's colour scheme (prefers-color-scheme), following its changes. The server render and
 * the hydrating render both say "light", so hydration always matches; React then renders again with
 * the browser's answer.
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, currentColorScheme, serverColorScheme);
}
