import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { SERVICE_NUMBER_MAX_LENGTH, SERVICE_NUMBER_PATTERN } from '../../../domain/service-number';
import type { ApiError } from '../../api/client';
import type { OfficerKey } from '../../../forms/translation';

export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
const required = z
  .string()
  .trim()
  .min(1, { error: 'form.required' satisfies OfficerKey });
// The same rule as main's, so a refused username says why before anything is sent.
const username = required
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, { error: 'users.usernameRule' satisfies OfficerKey });
const unitRule = { path: ['unitId'], error: 'error.UNIT_REQUIRED' satisfies OfficerKey };
// Main's rule (domain/service-number.ts): optional, printed on documents in place of her name.
const serviceNumber = z
  .string()
  .trim()
  .max(SERVICE_NUMBER_MAX_LENGTH, { error: 'users.serviceNumberTooLong' satisfies OfficerKey })
  .regex(SERVICE_NUMBER_PATTERN, { error: 'users.serviceNumberRule' satisfies OfficerKey });
const needsUnit = (v: { role: Role; unitId: string }) => v.role === 'administrator' || v.unitId !== '';

export const newUserSchema = z
  .object({
    username,
    displayName: required,
    serviceNumber,
    password: required,
    role: z.enum(ROLES),
    unitId: z.string(),
  })
  .refine(needsUnit, unitRule);
export const editUserSchema = z
  .object({ displayName: required, serviceNumber, role: z.enum(ROLES), unitId: z.string() })
  .refine(needsUnit, unitRule);
export const resetSchema = z.object({ password: required });
export const unitSchema = z.object({ name: required.max(80, { error: 'units.nameTooLong' satisfies OfficerKey }) });

/** Administrators belong to no unit, whatever the form still holds from another role. */
export const unitOf = (v: { role: Role; unitId: string }) =>
  v.role === 'administrator' || v.unitId === '' ? null : v.unitId;

/** Puts a refusal from main next to the field it is about, or returns it for the form's banner. */
export function placeError<T extends FieldValues>(
  error: ApiError,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): ApiError | null {
  const field = fields.find((f) => error.fields?.includes(f));
  if (!field) return error;
  setError(field, { message: `error.${error.code}` }, { shouldFocus: true });
  return null;
}

/** For `useMutation`'s `run(input, place)`: true when the refusal went beside one of `fields`. */
export const besideField =
  <T extends FieldValues>(setError: UseFormSetError<T>, fields: readonly Path<T>[]) =>
  (error: ApiError): boolean =>
    placeError(error, setError, fields) === null;
