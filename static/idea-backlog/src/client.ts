/**
 * One function per resolver call of the idea backlog macro and its settings dialog (the shape of
 * static/common/client.ts): keys, payloads and answers from the contract.
 */
import {
  IDEAS_KEYS,
  type BacklogView,
  type CapturePayload,
  type DecidePayload,
  type EvidenceAddPayload,
  type EvidenceRemovePayload,
  type ExperimentCheck,
  type ExperimentCreated,
  type ExperimentPayload,
  type IdeaAnswer,
  type OutcomePayload,
  type VotePayload
} from '@contract/ideas';
import { callResolver } from '../../common/invoke';
import type { UiResult } from '../../common/ui-result';

type Key = (typeof IDEAS_KEYS)[keyof typeof IDEAS_KEYS];

const call = <T>(key: Key, payload: object = {}): Promise<UiResult<T>> => callResolver<T>(key, payload);

export const getBacklog = (): Promise<UiResult<BacklogView>> => call(IDEAS_KEYS.view);
export const captureIdea = (payload: CapturePayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.capture, payload);
export const voteIdea = (payload: VotePayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.vote, payload);
export const addEvidence = (payload: EvidenceAddPayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.evidenceAdd, payload);
export const removeEvidence = (payload: EvidenceRemovePayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.evidenceRemove, payload);
export const decideIdea = (payload: DecidePayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.decide, payload);
export const checkExperiment = (): Promise<UiResult<ExperimentCheck>> => call(IDEAS_KEYS.experimentCheck);
export const createExperiment = (payload: ExperimentPayload): Promise<UiResult<ExperimentCreated>> =>
  call(IDEAS_KEYS.experiment, payload);
export const recordOutcome = (payload: OutcomePayload): Promise<UiResult<IdeaAnswer>> =>
  call(IDEAS_KEYS.outcome, payload);
