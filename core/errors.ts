/** The four ways a use-case can refuse; the edges map each code to an HTTP status and to user-facing words. */
export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'INVALID';

/** What is wrong with each field of a form, in words shown beside it; `F` names the form's fields when they are known. */
export type FieldErrors<F extends string = string> = string extends F ? Record<string, string> : Partial<Record<F, string>>;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** HTTP status for each code, used by every HTTP function. */
export const httpStatusFor: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  INVALID: 400,
};

/** Plain-English wording shown to a Teams user for each code. */
export const userWordingFor: Record<DomainErrorCode, string> = {
  NOT_FOUND: "I couldn't find that. It may have been removed or moved.",
  CONFLICT: 'Someone else changed this at the same time. Please try again.',
  FORBIDDEN: "You can't do that here: only the people who hold this case (or their manager) can.",
  INVALID: "Something in that wasn't quite right.",
};
