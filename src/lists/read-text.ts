import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../core/errors.js';

export interface TextFile {
  text: string;
  /** How the bytes were decoded; "windows-1252" when the file was not valid UTF-8. */
  encoding: 'utf-8' | 'windows-1252';
}

/** How much of the start of a file is checked for NUL bytes, which no text list contains. */
const BINARY_PROBE_BYTES = 8192;

/** Checks that a file can be opened and does not start like a binary file, without reading all of it. */
export function assertTextFile(path: string, field: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`${field}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, field, path);
  }
  try {
    const probe = Buffer.alloc(BINARY_PROBE_BYTES);
    const n = readSync(fd, probe, 0, BINARY_PROBE_BYTES, 0);
    if (probe.subarray(0, n).includes(0)) throw new InputError(`${field}: ${path} is a binary file, not a text CSV`, field, path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${field}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, field, path);
  } finally {
    closeSync(fd);
  }
}

/** Reads a text file, refusing binary files, and decoding non-UTF-8 files as Windows-1252 rather than failing. */
export function readTextFile(path: string, field: string): TextFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${field}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, field, path);
  }
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    throw new InputError(`${field}: ${path} is a binary file, not a text list`, field, path);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
