import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import fontList from '../../forms/catalogs/fonts.json';

const fontListSchema = z
  .object({
    note: z.string(),
    families: z
      .array(
        z
          .object({
            package: z.string().regex(/^[a-z0-9-]+$/),
            family: z.string().min(1),
            subsets: z.array(z.string().regex(/^[a-z-]+$/)).min(1),
          })
          .strict(),
      )
      .min(1),
    weights: z.array(z.number().int().min(100).max(900)).min(1),
  })
  .strict();

export const DOCUMENT_FONTS = fontListSchema.parse(fontList);

/** The CSS font stack of every document: Latin and Cyrillic first, then the other scripts. */
export const DOCUMENT_FONT_STACK = DOCUMENT_FONTS.families.map((f) => `'${f.family}'`).join(', ');

/** The @fontsource package folders a packaged app must carry (forge.config.ts copies them). */
export function fontPackages(): string[] {
  return DOCUMENT_FONTS.families.map((f) => f.package);
}

/**
 * The @font-face rules of every bundled font, each file inlined as a data: URL so that a document
 * is one self-contained HTML page: nothing is fetched while printing, and no font comes from the
 * operating system. Chromium embeds only the glyphs a PDF uses. `fontsDir` holds the @fontsource
 * package folders (node_modules/@fontsource in development, the app's resources when packaged).
 */
export function loadFontFaces(fontsDir: string): string {
  const rules: string[] = [];
  for (const family of DOCUMENT_FONTS.families) {
    const packageDir = path.join(fontsDir, family.package);
    const ranges = z
      .record(z.string(), z.string())
      .parse(JSON.parse(fs.readFileSync(path.join(packageDir, 'unicode.json'), 'utf8')));
    for (const subset of family.subsets) {
      const range = ranges[subset];
      if (!range) throw new Error(`The font package ${family.package} has no subset ${subset}`);
      for (const weight of DOCUMENT_FONTS.weights) {
        const file = path.join(packageDir, 'files', `${family.package}-${subset}-${weight}-normal.woff2`);
        const data = fs.readFileSync(file).toString('base64');
        rules.push(
          `@font-face{font-family:'${family.family}';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
        );
      }
    }
  }
  return rules.join('\n');
}
