/**
 * Bounds on the shape of what a renderer sends, checked before any schema looks at it. The zod
 * schemas recurse as deep as the value does (answers are any JSON), so a value nested 100,000
 * levels deep would exhaust the stack inside the validation itself; these checks walk the value
 * with a stack of their own and stop at the first excess. No channel needs more than a few levels.
 */
export const MAX_PAYLOAD_DEPTH = 32;
/** Objects, arrays and values visited; a shared or cyclic structure (IPC keeps both) counts every visit. */
export const MAX_PAYLOAD_NODES = 200_000;

export type PayloadExcess = 'depth' | 'size';

/** Whether a value (as IPC or JSON.parse delivered it) is deeper or larger than any channel accepts. */
export function payloadExcess(
  value: unknown,
  limits: { maxDepth?: number; maxNodes?: number } = {},
): PayloadExcess | null {
  const maxDepth = limits.maxDepth ?? MAX_PAYLOAD_DEPTH;
  const maxNodes = limits.maxNodes ?? MAX_PAYLOAD_NODES;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++nodes > maxNodes) return 'size';
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return 'depth';
    // Own enumerable values only, as the schemas read them; a Map or typed array has none and is refused by them.
    for (const child of Array.isArray(current) ? current : Object.values(current))
      stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

/**
 * The nesting depth of a JSON text, read before JSON.parse builds anything: brackets outside
 * strings, a string's escapes skipped. Returns true as soon as `maxDepth` is passed.
 */
export function jsonTextTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return false;
}
