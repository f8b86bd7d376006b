export * from './kinds';
export * from './guard';
export * from './highlight';
export { isValidNhsNumber } from './patterns';
export { defaultCaseRefPatterns, parseCaseRefPatterns } from './case-refs';
export { normalise } from './normalise';
export * from './general-terms';
export * from './text-guard';
