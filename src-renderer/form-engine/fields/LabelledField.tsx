import type { ReactNode } from 'react';
import type { FieldParts } from './types';

/** One input under its label: help above it, the answer's history and its error below. */
export function LabelledField({
  name,
  label,
  parts,
  children,
}: {
  name: string;
  label: string;
  parts: FieldParts;
  children: ReactNode;
}) {
  return (
    <div className="field" data-field={name}>
      <label htmlFor={parts.inputId}>{label}</label>
      {parts.help}
      {children}
      {parts.earlierNote}
      {parts.historyList}
      {parts.errorText}
      {parts.warningText}
    </div>
  );
}
