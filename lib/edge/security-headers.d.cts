/** The security headers every response carries (see security-headers.cjs for each one's reason). */
export function securityHeaders(dev: boolean): { key: string; value: string }[];
