import { after, describe, it } from 'node:test';
import { storeContract } from './store-contract.js';
import { POSTGRES_ADMIN_URL, postgresReachable, postgresTargets } from './helpers/store-targets.js';

// Without a server a developer's run skips these tests, saying so; under CI (env CI set) it fails instead.
const inCi = Boolean(process.env.CI);
if (await postgresReachable()) {
  const { newTarget, closeAdmin } = postgresTargets();
  after(closeAdmin);
  storeContract('postgres', newTarget);
} else if (inCi) {
  describe('postgres store', () => {
    it('needs a PostgreSQL server', () => {
      throw new Error(`no PostgreSQL at ${POSTGRES_ADMIN_URL}, and CI is set: the contract suite must run against it`);
    });
  });
} else {
  const reason = `no PostgreSQL at ${POSTGRES_ADMIN_URL} (start one, or set CI to make this a failure)`;
  console.warn(`# skipping the PostgreSQL store tests: ${reason}`);
  describe('postgres store', { skip: reason }, () => {});
}
