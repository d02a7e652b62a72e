import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';

/** A parsed YAML file that can say on which line a value sits, for error messages. */
export interface YamlFile {
  path: string;
  data: unknown;
  lineOf(path: readonly (string | number)[]): number | null;
}

export class DataFileError extends InputError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    field: string,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${detail}`, field);
    this.name = 'DataFileError';
  }
}

export function readYamlFile(path: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DataFileError(path, null, '', `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseYamlText(path, text);
}

export function parseYamlText(path: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
    throw new DataFileError(path, line, '', `malformed YAML: ${err.message.split('\n')[0]}`);
  }
  return {
    path,
    data: doc.toJS({ maxAliasCount: 1000 }),
    lineOf(p) {
      for (let n = p.length; n >= 0; n--) {
        const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return null;
    },
  };
}

/** Validates parsed data against a schema; the first problem becomes a DataFileError naming file, line and field. */
export function validate<T>(file: YamlFile, schema: z.ZodType<T>, describe?: (path: PropertyKey[]) => string): T {
  const result = schema.safeParse(file.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const where = describe ? describe(issue.path) : '';
  throw new DataFileError(file.path, file.lineOf(path), `${where}${path.join('.')}`, issue.message);
}
