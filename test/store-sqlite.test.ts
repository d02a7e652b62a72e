import { storeContract } from './store-contract.js';
import { sqliteTarget } from './helpers/store-targets.js';

storeContract('sqlite', sqliteTarget);
