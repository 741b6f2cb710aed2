import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficerKey } from '../../forms/translation';

/**
 * The problem with one field, under it. `problem` is a catalog key (translated here); `children`,
 * when given, is shown instead (already worded). `id` is what the field's `aria-describedby`
 * names. Announced at once unless `announce` is false (a problem the page already announces).
 */
export function FieldError({
  id,
  problem,
  children,
  announce = true,
}: {
  id?: string | undefined;
  problem?: string | null | undefined;
  children?: ReactNode;
  announce?: boolean;
}) {
  const { t } = useTranslation();
  const text = children ?? (problem ? t(problemKey(problem)) : null);
  if (text === null || text === undefined || text === false) return null;
  return (
    <p id={id} className="field-error" role={announce ? 'alert' : undefined}>
      {text}
    </p>
  );
}

/** The `aria-describedby` of a field with an optional hint and an optional problem. */
export function describedBy(id: string, hint: unknown, problem: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * react-hook-form and zod carry a problem as a plain string. Each is a key where it is written:
 * a literal checked there (`satisfies OfficerKey`), `error.${code}` of a typed error code, or the
 * form engine's answer checks (test/unit/forms.test.ts asks every officer catalog for those).
 */
export function problemKey(problem: string): OfficerKey {
  return problem as OfficerKey;
}
