import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  PlatformError,
  UseCaseError,
  toResolverError
} from '../../src/platform/errors';

describe('business outcomes and platform failures', () => {
  it('a stale save or concurrent decision is a business outcome the UI sees as CONFLICT', () => {
    const stale = new ConflictError('The policy changed since you opened it');
    expect(stale).toBeInstanceOf(UseCaseError);
    expect(stale).not.toBeInstanceOf(PlatformError);
    expect(toResolverError(stale)).toEqual({
      code: 'CONFLICT',
      message: 'The policy changed since you opened it'
    });
  });

  it('keeps the Result codes the UI knows for every kind', () => {
    expect(toResolverError(new InvalidInputError('reason: is required', 'reason'))).toEqual({
      code: 'INVALID_INPUT',
      message: 'reason: is required',
      field: 'reason'
    });
    expect(toResolverError(new ForbiddenError('not an approver')).code).toBe('FORBIDDEN');
    // Jira itself answering 409 stays a platform failure, with the same code.
    expect(toResolverError(new PlatformError('conflict', 'Jira 409')).code).toBe('CONFLICT');
    expect(toResolverError(new PlatformError('rate-limited', 'Jira 429')).code).toBe('RATE_LIMITED');
    expect(toResolverError(new PlatformError('unavailable', 'Jira 503')).code).toBe('UPSTREAM');
    expect(toResolverError(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'Unexpected error' });
  });
});
