export * from './kinds';
export * from './guard';
export * from './highlight';
export { isValidNhsNumber, defaultCaseRefPatterns } from './patterns';
export * from './general-terms';
export * from './text-guard';
