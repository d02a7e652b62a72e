#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError } from '../core/errors.js';
import { loadDataset, type Dataset } from '../load/dataset.js';
import { registerAdmin } from './commands/admin.js';
import { registerCheck } from './commands/check.js';
import { registerClassify } from './commands/classify.js';
import { registerLists } from './commands/lists.js';
import { registerScreen } from './commands/screen.js';
import { registerRules } from './commands/rules.js';
import { registerServe } from './commands/serve.js';

/** Exit codes: 0 success, 2 bad input (user or data file), 1 internal error. */
const EXIT_BAD_INPUT = 2;

function fail(message: string, code: number): never {
  process.stderr.write(`chiplaw: ${message}\n`);
  process.exit(code);
}

const data = (ruleDirs: string[] = []): Promise<Dataset> => loadDataset(process.env.CHIPLAW_DATA_DIR, ruleDirs);

const program = new Command('chiplaw')
  .description('AI-accelerator trade rules as executable, dated, cited code')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerClassify(program, data);
registerScreen(program);
registerLists(program);
registerCheck(program, data);
registerRules(program, data);
registerServe(program);
registerAdmin(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
    process.exit(EXIT_BAD_INPUT);
  }
  if (e instanceof InputError) fail(e.message, EXIT_BAD_INPUT);
  if (process.env.CHIPLAW_DEBUG) console.error(e);
  fail(`internal error: ${(e as Error).message}`, 1);
}
