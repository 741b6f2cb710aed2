/**
 * Reading texts out of a catalog (victim or officer): plain functions with no schema behind
 * them, so the renderer can use them without loading the catalogs' validation.
 */

/** The text at a dotted key (`rights.interpreter`), or undefined. */
export function textAt(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (part === 'meta' || typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The placeholders a text uses, sorted: a translation must keep the English ones. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}
