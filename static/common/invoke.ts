/**
 * The one way a surface calls its resolver: the contract's Result, NETWORK for a call that never got
 * an answer (offline, the bridge's own rate limit, a resolver that threw instead of answering), and
 * the one unlicensed page (unlicensed.tsx) when the site's licence is not in force. Every surface's
 * client goes through here, macros and dialogs included, so none can forget the licence.
 */
import { invoke } from '@forge/bridge';
import { networkError, toResult, type UiResult } from './ui-result';
import { showUnlicensed } from './unlicensed';

export async function callResolver<T>(key: string, payload: object = {}): Promise<UiResult<T>> {
  let result: UiResult<T>;
  try {
    result = toResult<T>(await invoke(key, payload as Record<string, unknown>));
  } catch (err) {
    return networkError(err);
  }
  if (!result.ok && result.error.code === 'UNLICENSED') showUnlicensed();
  return result;
}
