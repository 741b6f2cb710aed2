import { z } from 'zod';
import type { OfficerKey } from '../../../forms/translation';

// Only presence is checked here; main checks everything (and the password policy) again.
export const required = z
  .string()
  .trim()
  .min(1, { error: 'form.required' satisfies OfficerKey });

export const firstRunSchema = z
  .object({ username: required, displayName: required, password: required, confirmPassword: required })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    error: 'firstRun.passwordsDiffer' satisfies OfficerKey,
  });

export const loginSchema = z.object({ username: required, password: required });

export const unlockSchema = z.object({ password: required });

export const changePasswordSchema = z
  .object({ currentPassword: required, newPassword: required, confirmPassword: required })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    error: 'firstRun.passwordsDiffer' satisfies OfficerKey,
  });
