import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent, GuardrailView, ImportHtmlResult } from '@contract/guardrails';
import type { PageDefinition } from '../../../src/guardrails/domain/definition';
import * as client from '../../common/client';
import type { UiError, UiResult } from '../../common/client';

export type LoadState =
  { kind: 'loading' } | { kind: 'error'; error: UiError } | { kind: 'ready'; view: GuardrailView };

export type AuditState =
  { kind: 'loading' } | { kind: 'error'; error: UiError } | { kind: 'ready'; events: AuditEvent[] };

/**
 * The panel's server state: the view from guardrails/get, replaced by the answer of every write,
 * and the audit trail, which comes with each of those answers (one resolver call per screen;
 * guardrails/audit only to retry after a failure). Writes answer a UiResult so the caller shows
 * the refusal next to the button that caused it.
 */
export function useGuardrail(issueId: string) {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  /** A trail read again on its own (the retry), for the view it was read under. */
  const [reread, setReread] = useState<{ view: GuardrailView; audit: AuditState } | null>(null);
  const mounted = useRef(true);

  const audit: AuditState =
    state.kind !== 'ready'
      ? { kind: 'loading' }
      : reread && reread.view === state.view
        ? reread.audit
        : { kind: 'ready', events: state.view.audit };

  const loadAudit = useCallback(async () => {
    if (state.kind !== 'ready') return;
    const view = state.view;
    const result = await client.getAuditTrail({ issueId });
    if (!mounted.current) return;
    setReread({
      view,
      audit: result.ok
        ? { kind: 'ready', events: result.data.events }
        : { kind: 'error', error: result.error }
    });
  }, [issueId, state]);

  const fetchView = useCallback(async () => {
    const result = await client.getGuardrail({ issueId });
    if (!mounted.current) return;
    setState(result.ok ? { kind: 'ready', view: result.data } : { kind: 'error', error: result.error });
  }, [issueId]);

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    return fetchView();
  }, [fetchView]);

  useEffect(() => {
    mounted.current = true;
    void fetchView();
    return () => {
      mounted.current = false;
    };
  }, [fetchView]);

  const applyWrite = useCallback((result: UiResult<GuardrailView>): UiResult<GuardrailView> => {
    if (result.ok && mounted.current) {
      setState({ kind: 'ready', view: result.data });
    }
    return result;
  }, []);

  const save = useCallback(
    async (definition: PageDefinition) => applyWrite(await client.saveDefinition({ issueId, definition })),
    [issueId, applyWrite]
  );
  const requestApproval = useCallback(
    async () => applyWrite(await client.requestApproval({ issueId })),
    [issueId, applyWrite]
  );
  const decide = useCallback(
    async (decision: 'approve' | 'reject', reason: string) =>
      applyWrite(
        await client.decide({
          issueId,
          decision,
          ...(reason.trim() === '' ? {} : { reason: reason.trim() })
        })
      ),
    [issueId, applyWrite]
  );
  const importHtml = useCallback(
    (html: string): Promise<UiResult<ImportHtmlResult>> => client.importHtml({ issueId, html }),
    [issueId]
  );

  return {
    state,
    audit,
    reload: load,
    /** Fetches the view again without the loading state (after a refusal: show what changed). */
    refresh: fetchView,
    reloadAudit: loadAudit,
    save,
    requestApproval,
    decide,
    importHtml
  };
}
