/**
 * The retro macro's resolver calls, one named function per key (the shape of static/common/client.ts,
 * kept with the surface so the shared client does not grow with every macro).
 */
import {
  RETRO_KEYS,
  type AddCardPayload,
  type CardPayload,
  type ConfigureAnswer,
  type ConfigurePayload,
  type CreateActionPayload,
  type EditCardPayload,
  type MoveCardPayload,
  type RetroBoardAnswer,
  type RetroUserOption,
  type RetroUserSearchPayload,
  type RetroView,
  type SetPhasePayload
} from '@contract/retro';
import { callResolver } from '../../common/invoke';
import type { UiResult } from '../../common/ui-result';

type RetroKey = (typeof RETRO_KEYS)[keyof typeof RETRO_KEYS];

const call = <T>(key: RetroKey, payload: object = {}): Promise<UiResult<T>> => callResolver<T>(key, payload);

export const getRetro = (): Promise<UiResult<RetroView>> => call(RETRO_KEYS.get);
export const getBoard = (): Promise<UiResult<RetroBoardAnswer>> => call(RETRO_KEYS.board);
export const configureRetro = (payload: ConfigurePayload): Promise<UiResult<ConfigureAnswer>> =>
  call(RETRO_KEYS.configure, payload);
export const addCard = (payload: AddCardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.addCard, payload);
export const editCard = (payload: EditCardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.editCard, payload);
export const deleteCard = (payload: CardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.deleteCard, payload);
export const moveCard = (payload: MoveCardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.moveCard, payload);
export const vote = (payload: CardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.vote, payload);
export const unvote = (payload: CardPayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.unvote, payload);
export const setPhase = (payload: SetPhasePayload): Promise<UiResult<RetroBoardAnswer>> =>
  call(RETRO_KEYS.setPhase, payload);
/** The answer is the whole view again: the new issue's status and the carried-over list come with it. */
export const createAction = (payload: CreateActionPayload): Promise<UiResult<RetroView>> =>
  call(RETRO_KEYS.createAction, payload);
export const searchOwners = (payload: RetroUserSearchPayload): Promise<UiResult<RetroUserOption[]>> =>
  call(RETRO_KEYS.userSearch, payload);
