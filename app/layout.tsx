import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "HashAtlas — where Bitcoin's hash power lives",
  description:
    "Per-country Bitcoin hashrate estimates, mining sites and power prices on a world map; concentration by jurisdiction and what a shutdown would do.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f7f4" },
    { media: "(prefers-color-scheme: dark)", color: "#14161a" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            HashAtlas
          </Link>
          <nav aria-label="Main">
            <Link href="/">Map</Link>
            <a href="/data">Data</a>
            <a href="/methodology">Methodology</a>
            <a href="/api-docs">API</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
