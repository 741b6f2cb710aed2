import { useTranslation } from 'react-i18next';

/** A field's problem, as an officer catalog key, under the field and announced. */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {t(problem)}
    </p>
  );
}
