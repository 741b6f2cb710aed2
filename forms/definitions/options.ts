/** Answer sets shared by many questions, so every form says yes, no, unknown and refused alike. */
export const YES_NO = [
  { value: 'yes', labelKey: 'answer.yes' },
  { value: 'no', labelKey: 'answer.no' },
];

export const YES_NO_UNKNOWN = [...YES_NO, { value: 'unknown', labelKey: 'answer.unknown' }];

/** "Refused" is an answer, not a gap: the victim may decline, and that is recorded as such. */
export const YES_NO_UNKNOWN_REFUSED = [...YES_NO_UNKNOWN, { value: 'refused', labelKey: 'answer.refused' }];
