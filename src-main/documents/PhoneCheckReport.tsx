import type { ReactNode } from 'react';
import type { PhoneScanReport } from '../phone-check/scan';
import { Ltr, renderDocumentHtml } from './DocumentPage';
import { formatDateTime } from './format';
import { officerText, type OfficerText } from './officer-text';

/**
 * The phone check's report for the file (digital-violence.md §D7), in the procedure language:
 * the hearing and the evidence item, the phone, the clock drift, the indicator bundle (commit and
 * hashes), the consent, the findings grouped High / Medium / Low in plain words with the line of
 * the phone's output behind each, what the check does not show (§D10), the safety advice, the
 * closing guide's confirmation, and every command run with the SHA-256 of what came back. A pure
 * function of what the evidence item holds and the officer catalogs.
 */

/** What the phone check seals as the evidence item's report file. */
export interface StoredPhoneCheck {
  format: string;
  checkId: string;
  consent: {
    points: Record<string, true>;
    phoneOf: 'victim' | 'child';
    recordedAt: string;
    recordedBy: string;
  };
  scan: PhoneScanReport;
  rawOutputsFile: { name: string; sha256: string; bytes: number };
}

export interface PhoneCheckReportInput {
  language: string;
  reference: string;
  evidenceLabel: string;
  officer: string;
  stored: StoredPhoneCheck;
  closing: { confirmedAt: string; confirmedBy: string } | null;
  files: { report: { sha256: string; size: number } | null; raw: { sha256: string; size: number } | null };
  printedAt: number;
  reprint: boolean;
  fontFaces: string;
}

type Finding = PhoneScanReport['findings'][number];

const LIMITS = ['list', 'legitimate', 'hidden', 'notCovert', 'vendor', 'accounts'] as const;
const ADVICE = ['doNotRemove', 'forensicCopy', 'safetyPlan', 'newPhone', 'coalition'] as const;

/** The line of the phone's output a finding rests on: the package, setting or property, and the indicator. */
export function findingDetail(finding: Finding): string {
  const p = finding.params;
  const parts: string[] = [];
  if (typeof p.package === 'string') parts.push(p.package);
  if (typeof p.component === 'string') parts.push(p.component);
  if (typeof p.setting === 'string') parts.push(`${p.setting}=${String(p.value)}`);
  if (typeof p.property === 'string') parts.push(`${p.property}=${String(p.value)}`);
  if (typeof p.installer === 'string' || p.installer === null)
    parts.push(`installer=${p.installer === null ? 'null' : p.installer}`);
  if (typeof p.indicator === 'string') {
    const aliases = Array.isArray(p.aliases) && p.aliases.length > 0 ? ` (${p.aliases.join(', ')})` : '';
    const also = Array.isArray(p.alsoListedFor) && p.alsoListedFor.length > 0 ? ` + ${p.alsoListedFor.join(', ')}` : '';
    parts.push(`Echap: ${p.indicator}${aliases}${also}${typeof p.source === 'string' ? `, ${p.source}` : ''}`);
  }
  if (typeof p.certificateSha1 === 'string') parts.push(`SHA-1 ${p.certificateSha1}`);
  if (typeof p.apkSha256 === 'string') parts.push(`SHA-256 ${p.apkSha256}`);
  if (Array.isArray(p.categories) && p.categories.length > 0) parts.push(p.categories.join(', '));
  if (typeof p.dangerousCount === 'number') parts.push(`${p.dangerousCount}`);
  if (typeof p.patch === 'string') parts.push(`${p.patch} (${String(p.ageDays)})`);
  if (typeof p.reason === 'string') parts.push(p.reason);
  if (typeof p.command === 'string') parts.push(`${p.command}: ${String(p.message)}`);
  return parts.join(' · ');
}

function Findings({ t, findings, level }: { t: OfficerText; findings: Finding[]; level: 'high' | 'medium' | 'low' }) {
  const mine = findings.filter((f) => f.level === level);
  return (
    <>
      <h3>
        {t(`phoneCheck.level.${level}`)} ({mine.length})
      </h3>
      {mine.length === 0 ? (
        <p className="muted">{t('phoneCheck.report.noneAtLevel')}</p>
      ) : (
        <ul>
          {mine.map((f, i) => (
            <li key={`${f.code}-${i}`} data-finding={f.code}>
              <strong>{t(`phoneCheck.finding.${f.code}`)}</strong>
              <br />
              <span className="muted">
                <Ltr>{findingDetail(f)}</Ltr>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function renderPhoneCheckReport(input: PhoneCheckReportInput): string {
  const t = officerText(input.language);
  const { scan, consent } = input.stored;
  const title = t('documents.phoneCheckReport.title');
  const date = (iso: string) => formatDateTime(Date.parse(iso));
  const accounts = scan.findings.find((f) => f.code === 'accounts');
  const info = scan.findings.filter((f) => f.level === 'info' && f.code !== 'accounts');
  const row = (label: string, value: ReactNode) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
  return renderDocumentHtml({
    lang: input.language,
    dir: 'ltr',
    title: `${title} – ${input.reference}`,
    fontFaces: input.fontFaces,
    footer: {
      left: `${input.reference} · ${input.evidenceLabel} · ${t('documents.common.printedOn', { date: formatDateTime(input.printedAt) })}${input.reprint ? ` · ${t('documents.common.reprint')}` : ''}`,
      pageOf: t('documents.common.page'),
    },
    children: (
      <>
        <h1>{title}</h1>
        <p className="subtitle">{t('documents.phoneCheckReport.subtitle')}</p>
        <table>
          <tbody>
            {row(t('phoneCheck.report.reference'), <Ltr>{input.reference}</Ltr>)}
            {row(t('phoneCheck.report.evidenceItem'), <Ltr>{input.evidenceLabel}</Ltr>)}
            {row(t('phoneCheck.report.officer'), input.officer)}
            {row(t('phoneCheck.report.phoneOf'), t(`phoneCheck.phoneOf.${consent.phoneOf}`))}
            {row(
              t('phoneCheck.report.phone'),
              <Ltr>
                {[scan.device.manufacturer, scan.device.model].filter(Boolean).join(' ') || '?'}, Android{' '}
                {scan.device.androidRelease ?? '?'} (SDK {scan.device.sdk ?? '?'})
              </Ltr>,
            )}
            {row(t('phoneCheck.report.securityPatch'), <Ltr>{scan.device.securityPatch ?? '?'}</Ltr>)}
            {row(t('phoneCheck.report.serial'), <Ltr>SHA-256 {scan.device.serialSha256}</Ltr>)}
            {row(
              t('phoneCheck.report.time'),
              <Ltr>
                {date(scan.startedAt)} – {date(scan.finishedAt)} ({Math.round(scan.durationMs / 100) / 10} s)
              </Ltr>,
            )}
            {row(
              t('phoneCheck.report.clock'),
              scan.clock.driftSeconds === null ? (
                t('phoneCheck.report.clockUnknown')
              ) : (
                <Ltr>{t('phoneCheck.report.drift', { seconds: scan.clock.driftSeconds })}</Ltr>
              ),
            )}
            {row(
              t('phoneCheck.report.inventory'),
              t('phoneCheck.report.inventoryCounts', {
                total: scan.inventory.total,
                thirdParty: scan.inventory.thirdParty,
                offStore: scan.inventory.offStore,
              }),
            )}
            {row(
              t('phoneCheck.report.tool'),
              <Ltr>
                adb {scan.adbServerVersion}, format {scan.format}
              </Ltr>,
            )}
          </tbody>
        </table>

        <h2>{t('phoneCheck.report.resultTitle')}</h2>
        <p className="box">
          <strong>{t(`phoneCheck.level.${scan.level}`)}</strong> · {t(`phoneCheck.levelExplain.${scan.level}`)}
        </p>
        <Findings t={t} findings={scan.findings} level="high" />
        <Findings t={t} findings={scan.findings} level="medium" />
        <Findings t={t} findings={scan.findings} level="low" />
        {accounts ? (
          <p>
            {t('phoneCheck.report.accounts', {
              total: Number(accounts.params.total),
              domains: Array.isArray(accounts.params.domains) ? accounts.params.domains.join(', ') || '–' : '–',
            })}
          </p>
        ) : null}
        {info.length > 0 ? (
          <>
            <h3>{t('phoneCheck.report.notRead')}</h3>
            <ul>
              {info.map((f, i) => (
                <li key={`${f.code}-${i}`}>
                  {t(`phoneCheck.finding.${f.code}`)} <Ltr>{findingDetail(f)}</Ltr>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <div className="box">
          <h3>{t('phoneCheck.limits.title')}</h3>
          <ul>
            {LIMITS.map((k) => (
              <li key={k}>{t(`phoneCheck.limits.${k}`)}</li>
            ))}
          </ul>
        </div>

        <h2>{t('phoneCheck.advice.title')}</h2>
        <ul>
          {ADVICE.map((k) => (
            <li key={k}>{t(`phoneCheck.advice.${k}`)}</li>
          ))}
        </ul>

        <h2>{t('phoneCheck.report.consentTitle')}</h2>
        <p>{t('phoneCheck.report.consentRecorded', { date: date(consent.recordedAt), by: consent.recordedBy })}</p>
        <ul>
          {Object.keys(consent.points).map((point) => (
            <li key={point}>{t(`phoneCheck.consent.points.${point as 'whatIsRead'}`)}</li>
          ))}
        </ul>

        <h2>{t('phoneCheck.closing.title')}</h2>
        <p>
          {input.closing
            ? t('phoneCheck.report.closingConfirmed', {
                date: date(input.closing.confirmedAt),
                by: input.closing.confirmedBy,
              })
            : t('phoneCheck.report.closingMissing')}
        </p>

        <h2>{t('phoneCheck.report.integrityTitle')}</h2>
        <table>
          <tbody>
            {row(
              t('phoneCheck.report.indicators'),
              <Ltr>
                Echap {scan.indicators.commit} ({scan.indicators.date}), manifest SHA-256{' '}
                {scan.indicators.manifestSha256}
              </Ltr>,
            )}
            {Object.entries(scan.indicators.files).map(([name, f]) =>
              row(
                name,
                <Ltr>
                  SHA-256 {f.sha256} ({f.bytes})
                </Ltr>,
              ),
            )}
            {input.files.report
              ? row(
                  t('phoneCheck.report.reportFile'),
                  <Ltr>
                    SHA-256 {input.files.report.sha256} ({input.files.report.size})
                  </Ltr>,
                )
              : null}
            {row(
              t('phoneCheck.report.rawFile'),
              <Ltr>
                SHA-256 {input.stored.rawOutputsFile.sha256} ({input.stored.rawOutputsFile.bytes})
              </Ltr>,
            )}
          </tbody>
        </table>

        <h2>{t('phoneCheck.report.commandsTitle', { count: scan.commands.length })}</h2>
        <table className="commands">
          <tbody>
            {scan.commands.map((c) => (
              <tr key={c.index}>
                <td>
                  <Ltr>{c.index + 1}</Ltr>
                </td>
                <td>
                  <Ltr>
                    {c.request} · {c.outcome} · {c.outputBytes} · {c.outputSha256 ?? '–'}
                  </Ltr>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('phoneCheck.report.attribution')}</p>
        <p className="printed">
          {t('documents.common.printedOn', { date: formatDateTime(input.printedAt) })}
          {input.reprint ? ` · ${t('documents.common.reprint')}` : ''}
        </p>
      </>
    ),
  });
}
