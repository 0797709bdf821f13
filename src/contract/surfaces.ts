import { CAPACITY_KEYS } from './capacity';
import { GUARDRAIL_KEYS } from './guardrails';
import { IDEAS_KEYS } from './ideas';
import { PROVISIONING_KEYS } from './provisioning';
import { RETRO_KEYS } from './retro';

/**
 * The resolver keys each Custom UI surface's function answers. A surface's function registers
 * exactly these, so an admin key (policy save, audit export, provisioning) is not even callable
 * from the issue panel, whatever the permission checks inside.
 */
export const ISSUE_PANEL_KEYS = [
  GUARDRAIL_KEYS.get,
  GUARDRAIL_KEYS.save,
  GUARDRAIL_KEYS.requestApproval,
  GUARDRAIL_KEYS.decide,
  GUARDRAIL_KEYS.audit,
  GUARDRAIL_KEYS.importHtml
] as const;

export const ADMIN_PAGE_KEYS = [
  PROVISIONING_KEYS.overview,
  PROVISIONING_KEYS.projects,
  PROVISIONING_KEYS.start,
  GUARDRAIL_KEYS.policyGet,
  GUARDRAIL_KEYS.policySave,
  GUARDRAIL_KEYS.auditExport
] as const;

/** The "Tandem lanes" project page: board, plan, what-if and card moves. */
export const PROJECT_PAGE_KEYS = [
  CAPACITY_KEYS.page,
  CAPACITY_KEYS.cell,
  CAPACITY_KEYS.move,
  CAPACITY_KEYS.whatIf
] as const;

/** The project settings page: lanes, people, time off and rules. */
export const PROJECT_SETTINGS_KEYS = [
  CAPACITY_KEYS.settingsGet,
  CAPACITY_KEYS.settingsSave,
  CAPACITY_KEYS.timeOffSave,
  CAPACITY_KEYS.userSearch
] as const;

/** The retrospective macro and its configuration dialog (same resolver function). */
export const RETRO_MACRO_KEYS = [
  RETRO_KEYS.get,
  RETRO_KEYS.board,
  RETRO_KEYS.configure,
  RETRO_KEYS.addCard,
  RETRO_KEYS.editCard,
  RETRO_KEYS.deleteCard,
  RETRO_KEYS.moveCard,
  RETRO_KEYS.vote,
  RETRO_KEYS.unvote,
  RETRO_KEYS.setPhase,
  RETRO_KEYS.setFacilitators,
  RETRO_KEYS.createAction,
  RETRO_KEYS.userSearch
] as const;

/** The idea backlog macro and its config dialog (Confluence): backlog, capture, votes, evidence, review, experiments. */
export const IDEA_BACKLOG_KEYS = [
  IDEAS_KEYS.view,
  IDEAS_KEYS.capture,
  IDEAS_KEYS.vote,
  IDEAS_KEYS.evidenceAdd,
  IDEAS_KEYS.evidenceRemove,
  IDEAS_KEYS.decide,
  IDEAS_KEYS.experimentCheck,
  IDEAS_KEYS.experiment,
  IDEAS_KEYS.outcome,
  IDEAS_KEYS.configOptions
] as const;
