import Resolver from '@forge/resolver';
import { registerGuardrailPanelResolvers } from '../guardrails/panel-resolver';

/** The issue panel's resolver: only the guardrail panel's keys (ISSUE_PANEL_KEYS). */
const resolver = new Resolver();
registerGuardrailPanelResolvers(resolver);

export const issuePanelResolver = resolver.getDefinitions();
