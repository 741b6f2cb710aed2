import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DOCUMENT_FONT_STACK } from './fonts';

/** Numbers, dates, phone numbers, references: left to right in every script (`0800 30 030`, never `030 30 0800`). */
export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr">
      {children}
    </bdi>
  );
}

export interface PageFooter {
  /** Printed at the bottom left of every page. */
  left: string;
  /** "Page {{page}} of {{pages}}" in the document's language. */
  pageOf: string;
}

/** A CSS string literal that cannot end the <style> element it sits in (`<` is escaped too). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3C ').replace(/\n/g, ' ')}"`;
}

/** "Page {{page}} of {{pages}}" as CSS `content`, with the page counters in place. */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{\{page\}\}|\{\{pages\}\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{pages}}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

const BASE_CSS = `
html { font-family: ${DOCUMENT_FONT_STACK}; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2pt; line-height: 1.25; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #222; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; break-after: avoid; }
p { margin: 0 0 5pt; }
ul { margin: 0 0 6pt; padding-inline-start: 16pt; }
li { margin-bottom: 4pt; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6pt; }
th, td { text-align: start; vertical-align: top; padding: 3pt 6pt 3pt 0; border-bottom: 0.5pt solid #bbb; }
th { font-weight: 700; width: 42%; }
.ltr { unicode-bidi: isolate; direction: ltr; }
.procedure { color: #444; font-size: 9pt; display: block; }
h1 .procedure, h2 .procedure, h3 .procedure { font-weight: 400; font-size: 9pt; }
.subtitle { font-size: 10pt; margin-bottom: 8pt; }
.verbatim { white-space: pre-wrap; overflow-wrap: anywhere; border-inline-start: 2pt solid #888; padding-inline-start: 8pt; margin: 6pt 0; }
.withheld { font-style: italic; background: #eee; padding: 0 2pt; }
.typed { unicode-bidi: isolate; display: block; }
.typed-note { display: block; font-size: 8.5pt; color: #444; font-style: italic; }
.box { border: 1pt solid #555; padding: 6pt 8pt; margin: 8pt 0; break-inside: avoid; }
.safety { border: 2pt solid #111; padding: 8pt; margin-top: 14pt; break-inside: avoid; }
.phone { font-weight: 700; font-size: 11.5pt; }
.muted { color: #444; font-size: 9pt; }
.printed { margin-top: 14pt; font-size: 8.5pt; color: #444; }
`;

export interface DocumentPageProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  fontFaces: string;
  footer: PageFooter;
  children: ReactNode;
}

/**
 * One printable page set: static HTML with its fonts inlined and no script, which Chromium turns
 * into a PDF (the Electron shell's printToPDF, or Playwright's page.pdf in the browser host).
 */
export function renderDocumentHtml({ lang, dir, title, fontFaces, footer, children }: DocumentPageProps): string {
  const pageCss = `@page { size: A4; margin: 16mm 15mm 18mm;
  @bottom-left { content: ${cssString(footer.left)}; font-family: ${DOCUMENT_FONT_STACK}; font-size: 8pt; color: #444; }
  @bottom-right { content: ${pageCounterContent(footer.pageOf)}; font-family: ${DOCUMENT_FONT_STACK}; font-size: 8pt; color: #444; } }`;
  const body = renderToStaticMarkup(<body>{children}</body>);
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${fontFaces}\n${BASE_CSS}\n${pageCss}</style></head>${body}</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
