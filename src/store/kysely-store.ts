import { sql } from 'kysely';
import * as apiKeys from './api-keys.js';
import type { Backend } from './backend.js';
import { appendedDecision, prepareDecision } from './ledger-append.js';
import * as ledger from './ledger.js';
import * as licences from './licences.js';
import * as listVersions from './list-versions.js';
import * as obligations from './obligations.js';
import type { Store } from './store.js';

/** The `Store` both databases share: the queries are portable, and `Backend` carries what differs. */
export function kyselyStore(backend: Backend): Store {
  const { db } = backend;
  return {
    kind: backend.kind,
    appendDecision: async (decision) => {
      const prepared = prepareDecision(decision);
      return appendedDecision(decision, prepared, await backend.appendToLedger(prepared));
    },
    verifyLedger: () => ledger.verifyLedger(db),
    getDecision: (id) => ledger.getDecision(db, id),
    listDecisions: (query) => ledger.listDecisions(db, query),
    sumObligations: (from, to) => obligations.sumObligations(db, from, to),
    createApiKey: (role, label) => apiKeys.createApiKey(db, role, label),
    authenticate: (key) => apiKeys.authenticate(db, key),
    listApiKeys: () => apiKeys.listApiKeys(db),
    revokeApiKey: (id) => apiKeys.revokeApiKey(db, id),
    hasAnyAdminKey: () => apiKeys.hasAnyAdminKey(db),
    createLicence: (licence) => licences.createLicence(db, licence),
    getLicence: (licenceNumber) => licences.getLicence(db, licenceNumber),
    listLicences: () => licences.listLicences(db),
    recordShipment: (licenceNumber, shipment) => licences.recordShipment(backend, licenceNumber, shipment),
    listShipments: (licenceNumber) => licences.listShipments(db, licenceNumber),
    remaining: (licenceNumber) => licences.remaining(db, licenceNumber),
    saveListVersion: (version) => listVersions.saveListVersion(db, version),
    latestListVersion: () => listVersions.latestListVersion(db),
    getListVersion: (contentHash) => listVersions.getListVersion(db, contentHash),
    listVersions: () => listVersions.listVersions(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => backend.close(),
  };
}
