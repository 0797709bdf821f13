export { Site, APP_ACCOUNT_ID } from './site';
export type {
  SiteOptions,
  UnimplementedCall,
  TransitionValidator,
  TransitionValidation,
  IndexedProperty
} from './site';
export type { FaultRule } from './faults';
export * from './types';
