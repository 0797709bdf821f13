import { createHmac } from 'node:crypto';
import { pseudonymFromDigest } from './domain/accounts';

/**
 * The same closed account always gets the same pseudonym, so the audit trail still shows that two
 * events had one author. Keyed with the installation's own random salt: a plain hash of the id
 * could be reversed by hashing a list of known account ids. Here, not in domain/, because it
 * needs Node's crypto.
 */
export function pseudonymFor(salt: string, accountId: string): string {
  return pseudonymFromDigest(createHmac('sha256', salt).update(accountId).digest('hex'));
}
