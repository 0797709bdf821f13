export * from './backlog';
export * from './config';
export * from './evidence';
export * from './experiments';
export * from './messages';
export * from './review';
export * from './scoring';
export * from './stages';
