export * from './definition';
export * from './policy';
export * from './classifier';
export * from './evaluate';
export * from './approval';
export * from './hash';
export * from './messages';
export * from './html-import';
