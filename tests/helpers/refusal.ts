import { AppError } from '../../src-shared/api/appError.ts';

/** The AppError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
