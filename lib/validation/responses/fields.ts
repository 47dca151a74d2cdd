import "./jitless";
import { z } from "zod";

// Field shapes several answers share.

/** A fraction of the whole, 0–1. */
export const share = z.number().min(0).max(1);
export const nullableNumber = z.number().nullable();
