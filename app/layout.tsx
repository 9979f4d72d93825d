import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cookieshop", template: "%s · Cookieshop" },
  description: "Small-batch cookies, baked to order.",
};

export const viewport: Viewport = { themeColor: "#fdf8f2" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 pt-6 pb-16">
          {children}
        </main>
        <footer className="border-t border-line bg-white px-4 py-6 text-center text-sm text-muted">
          Cookieshop · small-batch cookies, baked to order
        </footer>
      </body>
    </html>
  );
}
