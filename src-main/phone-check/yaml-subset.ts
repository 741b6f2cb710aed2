/**
 * The YAML the indicator files use, and nothing more: block sequences (`- x`, also at the same
 * indentation as their key), block mappings (`key: value`, `key:` then a nested block), plain
 * scalars (kept as strings), full-line and trailing ` #` comments, blank lines, a leading `---`.
 *
 * Anything else (quotes, flow collections `[ ]`/`{ }`, anchors, aliases, tags, block scalars
 * `|`/`>`, tabs, duplicate keys, several documents) is refused with its line number: a bundle
 * that needs a real YAML parser is not one this app ships, and a refusal is safer than a guess.
 */

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

export class YamlSubsetError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'YamlSubsetError';
  }
}

interface Line {
  no: number;
  indent: number;
  text: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*) *:(?: +(.*))?$/;
const FORBIDDEN_START = /^['"&*!{[|>%@`]/;

function stripComment(raw: string): string {
  if (raw.trimStart().startsWith('#')) return '';
  const hash = raw.search(/\s#/);
  return (hash === -1 ? raw : raw.slice(0, hash)).trimEnd();
}

function tokenize(source: string): Line[] {
  const lines: Line[] = [];
  const rows = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    const no = i + 1;
    if (raw.includes('\t')) throw new YamlSubsetError(no, 'tab character');
    const text = stripComment(raw);
    if (text.trim() === '') return;
    if (text === '---') {
      if (lines.length > 0) throw new YamlSubsetError(no, 'several documents');
      return;
    }
    const indent = text.length - text.trimStart().length;
    lines.push({ no, indent, text: text.trimStart() });
  });
  return lines;
}

function scalar(text: string, no: number): string {
  const value = text.trim();
  if (value === '') throw new YamlSubsetError(no, 'empty value');
  if (FORBIDDEN_START.test(value)) throw new YamlSubsetError(no, `unsupported syntax '${value[0]}'`);
  if (/: |:$/.test(value)) throw new YamlSubsetError(no, 'nested mapping on one line');
  return value;
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  parseDocument(): YamlValue {
    const first = this.lines[0];
    if (!first) throw new YamlSubsetError(1, 'empty document');
    const value = this.parseNode(first.indent);
    const rest = this.lines[this.i];
    if (rest) throw new YamlSubsetError(rest.no, 'unexpected indentation');
    return value;
  }

  private parseNode(indent: number): YamlValue {
    const line = this.lines[this.i]!;
    if (line.indent !== indent) throw new YamlSubsetError(line.no, 'unexpected indentation');
    if (line.text === '-' || line.text.startsWith('- ')) return this.parseSequence(indent);
    if (KEY.test(line.text)) return this.parseMapping(indent, line.text);
    throw new YamlSubsetError(line.no, 'expected a list item or a key');
  }

  private parseSequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (let line = this.lines[this.i]; line && line.indent === indent; line = this.lines[this.i]) {
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const content = line.text === '-' ? '' : line.text.slice(2);
      if (content.trim() === '') throw new YamlSubsetError(line.no, 'empty list item');
      if (KEY.test(content)) {
        // A mapping whose first key sits on the dash line: its keys are at indent + 2.
        items.push(this.parseMapping(indent + 2, content));
      } else {
        items.push(scalar(content, line.no));
        this.i++;
      }
    }
    return items;
  }

  /** `firstText` is the first key line's text (it may sit after a dash). */
  private parseMapping(indent: number, firstText: string): { [key: string]: YamlValue } {
    const map: { [key: string]: YamlValue } = Object.create(null);
    let text: string = firstText;
    for (;;) {
      const line = this.lines[this.i]!;
      const match: RegExpExecArray = KEY.exec(text)!;
      const key = match[1]!;
      if (Object.prototype.hasOwnProperty.call(map, key)) throw new YamlSubsetError(line.no, `duplicate key '${key}'`);
      this.i++;
      const rest = match[2]?.trim() ?? '';
      if (rest !== '') {
        map[key] = scalar(rest, line.no);
      } else {
        const next = this.lines[this.i];
        if (next && next.indent > indent) map[key] = this.parseNode(next.indent);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- ')))
          map[key] = this.parseSequence(indent);
        else throw new YamlSubsetError(line.no, `key '${key}' has no value`);
      }
      const following: Line | undefined = this.lines[this.i];
      if (!following || following.indent < indent) break;
      if (following.indent > indent) throw new YamlSubsetError(following.no, 'unexpected indentation');
      if (!KEY.test(following.text)) break;
      text = following.text;
    }
    // Plain objects from here on: the null prototype only guarded against `__proto__` keys.
    return { ...map };
  }
}

/** Parses the indicator files' YAML subset; throws `YamlSubsetError` (with a line) on anything else. */
export function parseYamlSubset(source: string): YamlValue {
  return new Parser(tokenize(source)).parseDocument();
}
