export * from './calendar';
export * from './messages';
export * from './settings';
export * from './issues';
export * from './capacity';
export * from './forecast';
export * from './warnings';
export * from './views';
