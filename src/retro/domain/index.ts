export * from './model';
export * from './phases';
export * from './board';
export * from './actions';
export * from './figures';
export * from './modes';
