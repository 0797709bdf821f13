export { Site } from './site';
export { APP_ACCOUNT_ID } from './catalog';
export type {
  SiteOptions,
  UnimplementedCall,
  TransitionValidator,
  TransitionValidation,
  IndexedProperty
} from './site';
export type { FaultRule } from './faults';
export * from './types';
