export * from './platform';
export * from './leads';
export * from './leads-extra';
export * from './sequences';
