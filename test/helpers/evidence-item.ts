import type { EvidenceItemInput } from '../../domain/evidence-rules';

/** An invented screenshot item with every C2 field empty but those a test sets. */
export function inventedScreenshot(fields: Partial<EvidenceItemInput> = {}): EvidenceItemInput {
  return {
    type: 'screenshot',
    description: 'Message menaçant (inventé)',
    platform: null,
    accountIds: null,
    url: null,
    eventTime: null,
    eventTimeZone: null,
    capturedAt: null,
    captureMethod: null,
    toolVersion: null,
    originalLocation: null,
    relatedPrompts: [],
    sensitivity: 'none',
    platformReportNumber: null,
    stopNciiCaseNumber: null,
    ...fields,
  };
}

/** A screenshot item filled in as an officer would, which takes files (the zone tests'). */
export const SCREENSHOT_WITH_FILES: EvidenceItemInput = inventedScreenshot({
  platform: 'Signal',
  eventTime: '3 mars 2026 20:10',
  eventTimeZone: 'CET',
  captureMethod: 'Capture d’écran',
  originalLocation: 'Son téléphone',
  relatedPrompts: ['G5.2'],
});
