import { join } from 'node:path';
import { chiplawHome } from '../lists/store.js';

/** The embedded default database: a SQLite file in the chiplaw home directory (CHIPLAW_DB overrides it). */
export function defaultDatabase(): string {
  return process.env.CHIPLAW_DB || join(chiplawHome(), 'chiplaw.sqlite');
}
