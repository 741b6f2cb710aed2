import type { ReactNode } from 'react';
import type { DocumentKind } from '../../domain/document-kinds';
import type { DateOrPeriod } from '../../forms/engine';
import type { ChannelOutput } from '../api/contract';
import { AppError } from '../api/app-error';
import { Ltr, renderDocumentHtml } from './DocumentPage';
import { formatDateTime, formatLocalDate } from './format';
import { definitionKey } from '../../forms/translation';
import { officerText, type OfficerText } from './officer-text';
import { FIELDS, FORMS, readAnswers } from '../../forms/answers';
import { MEASURES, measureFieldIds, measuresAskedOfProsecutor } from '../../forms/definitions/measures.v1';
import { groupItems, type HearingRecord } from './victim-copy-model';
import { findField } from '../../forms/engine';
import { formRegistry } from '../../forms/registry';
import { formatNationalNumber } from '../../domain/national-number';
import type { PersonRole } from '../../domain/person-links';
import { PERSON_FIELDS } from '../../forms/person-fields';

type Assessments = ChannelOutput<'risk.history'>;
type Assessment = Assessments['assessments'][number];

export interface ProcedureDocumentInput {
  record: HearingRecord;
  assessments: Assessments;
  printedAt: number;
  reprint: boolean;
  fontFaces: string;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The documents in the procedure language (victim-copy.md, "Other documents"): the request to
 * the prosecutor, the communication to the Immigration Office (Art. 15 §5) and the supervisor's
 * risk report. Pure functions of the stored hearing and the officer catalogs, like her copy.
 */
export function renderProcedureDocument(
  kind: Exclude<DocumentKind, 'victimCopy'>,
  input: ProcedureDocumentInput,
): { html: string; language: string } {
  // Printed by the phone check from its evidence item (src-main/documents/PhoneCheckReport.tsx).
  if (kind === 'phoneCheckReport')
    throw new AppError('DOCUMENT_NOT_APPLICABLE', 'The phone check report is printed from the phone check');
  const language = str(readAnswers(input.record.forms, FORMS.setup).procedureLanguage) ?? 'fr';
  const t = officerText(language);
  const title = t(`documents.${kind}.title`);
  const body =
    kind === 'prosecutorRequest' ? (
      <ProsecutorRequest t={t} {...input} />
    ) : kind === 'immigrationCommunication' ? (
      <ImmigrationCommunication t={t} {...input} />
    ) : (
      <RiskReport t={t} {...input} />
    );
  const html = renderDocumentHtml({
    lang: language,
    dir: 'ltr',
    title: `${title} – ${input.record.reference}`,
    fontFaces: input.fontFaces,
    footer: {
      left: `${input.record.reference} · ${t('documents.common.printedOn', { date: formatDateTime(input.printedAt) })}${input.reprint ? ` · ${t('documents.common.reprint')}` : ''}`,
      pageOf: t('documents.common.page'),
    },
    children: (
      <>
        <h1>{title}</h1>
        <p className="subtitle">{t(`documents.${kind}.subtitle`)}</p>
        {body}
        <p className="printed">
          {t('documents.common.printedOn', { date: formatDateTime(input.printedAt) })}
          {input.reprint ? ` · ${t('documents.common.reprint')}` : ''}
        </p>
      </>
    ),
  });
  return { html, language };
}

type Props = ProcedureDocumentInput & { t: OfficerText };

/**
 * The register or BIS number and the birthplace, for the authority to identify the person (issue 16,
 * item 1): printed when recorded, "not recorded" when the hearing's people step asked them and she
 * had none, and left out for hearings taken before the step asked them.
 */
function identifierRows({ t, record }: Props, person: PersonRole): [string, ReactNode][] {
  const stored = record.forms[FORMS.people];
  const form = stored && formRegistry.get(FORMS.people, stored.version);
  const people = readAnswers(record.forms, FORMS.people);
  const { nationalNumber: numberField, birthPlace: placeField } = PERSON_FIELDS[person];
  const rows: [string, ReactNode][] = [];
  if (form && findField(form, numberField)) {
    const typed = str(people[numberField]);
    rows.push([
      t('documents.common.nationalNumber'),
      typed ? <Ltr>{formatNationalNumber(typed) ?? typed}</Ltr> : t('documents.common.notRecorded'),
    ]);
  }
  if (form && findField(form, placeField))
    rows.push([t('documents.common.birthPlace'), str(people[placeField]) ?? t('documents.common.notRecorded')]);
  return rows;
}

function Table({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <table>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Header({ t, record, withOfficer = true }: Props & { withOfficer?: boolean }) {
  const officer = [record.officer.displayName, record.officer.serviceNumber].filter(Boolean).join(' – ');
  const { pvNumber } = readAnswers(record.forms, FORMS.documents);
  return (
    <Table
      rows={[
        [t('documents.common.unit'), record.unitName ?? t('documents.common.notRecorded')],
        [
          t('documents.common.pvNumber'),
          str(pvNumber) ? <Ltr>{String(pvNumber)}</Ltr> : t('documents.common.notRecorded'),
        ],
        [t('documents.common.reference'), <Ltr key="r">{record.reference}</Ltr>],
        [t('documents.common.hearingDate'), <Ltr key="d">{formatDateTime(record.createdAt)}</Ltr>],
        ...(withOfficer ? [[t('documents.common.officer'), officer] as [string, ReactNode]] : []),
      ]}
    />
  );
}

function optionLabel(t: OfficerText, key: string, value: unknown): string {
  return typeof value === 'string' ? t(definitionKey(`${key}.${value}`)) : t('documents.common.notRecorded');
}

function yesNo(t: OfficerText, value: unknown): string {
  return value === 'yes' || value === 'no' || value === 'unknown' || value === 'refused'
    ? t(`answer.${value}`)
    : t('documents.common.notRecorded');
}

function period(t: OfficerText, value: unknown): ReactNode {
  const p = value as DateOrPeriod | null | undefined;
  if (!p) return t('documents.common.notRecorded');
  if ('on' in p) return <Ltr>{formatLocalDate(p.on)}</Ltr>;
  if ('from' in p)
    return (
      <>
        <Ltr>{formatLocalDate(p.from)}</Ltr> – <Ltr>{formatLocalDate(p.to)}</Ltr>
      </>
    );
  return p.about;
}

/** Her identity; her address only when it may be communicated. */
function Victim(props: Props) {
  const { t, record } = props;
  const people = readAnswers(record.forms, FORMS.people);
  const nonCommunicable = people.victimAddressNonCommunicable === 'yes';
  return (
    <>
      <h2>{t('documents.common.victim')}</h2>
      <Table
        rows={[
          [
            t('documents.common.name'),
            [str(people.victimSurname), str(people.victimFirstNames)].filter(Boolean).join(', ') ||
              t('documents.common.notRecorded'),
          ],
          [
            t('documents.common.birthDate'),
            str(people.victimBirthDate) ? (
              <Ltr>{formatLocalDate(String(people.victimBirthDate))}</Ltr>
            ) : (
              t('documents.common.notRecorded')
            ),
          ],
          ...identifierRows(props, 'victim'),
          [
            t('documents.common.address'),
            nonCommunicable
              ? t('documents.common.addressWithheld')
              : (str(people.victimAddress) ?? t('documents.common.notRecorded')),
          ],
        ]}
      />
    </>
  );
}

function Children({ t, record }: Props) {
  const children = groupItems(readAnswers(record.forms, FORMS.people).children);
  if (children.length === 0) return null;
  return (
    <>
      <h2>{t('documents.common.children')}</h2>
      <ul>
        {children.map((child, i) => (
          <li key={i}>
            {str(child.firstName) ?? '—'}
            {str(child.birthDate) ? (
              <>
                {' '}
                (<Ltr>{formatLocalDate(String(child.birthDate))}</Ltr>)
              </>
            ) : null}
            {' · '}
            {t('documents.common.exposed')}
            {t('form.colon')} {yesNo(t, child.exposed)} · {t('documents.common.present')}
            {t('form.colon')} {yesNo(t, child.present)}
          </li>
        ))}
      </ul>
    </>
  );
}

function Facts({ t, record }: Props) {
  const facts = readAnswers(record.forms, FORMS.facts);
  const forms = Array.isArray(facts.formsOfViolence) ? (facts.formsOfViolence as string[]) : [];
  return (
    <>
      <h2>{t('documents.common.facts')}</h2>
      <Table
        rows={[
          [t('documents.common.period'), period(t, facts.period)],
          [t('documents.common.place'), str(facts.place) ?? t('documents.common.notRecorded')],
          [
            t('documents.common.formsOfViolence'),
            forms.length > 0
              ? forms.map((f) => t(definitionKey(`form.facts.formsOfViolence.${f}`))).join(', ')
              : t('documents.common.notRecorded'),
          ],
          [t('documents.common.injuries'), yesNo(t, facts.injuries)],
          [t('documents.common.weapons'), yesNo(t, facts.weapons)],
        ]}
      />
    </>
  );
}

function levelLabel(t: OfficerText, level: number): string {
  return t(definitionKey(`risk.level.${level}`));
}

/** The hearing's latest assessment (the first one, in a hearing taken before the flag existed). */
function latestOf(assessments: Assessments): Assessment | undefined {
  return assessments.assessments.find((a) => a.latest) ?? assessments.assessments[0];
}

/**
 * The latest assessment: its level and why (red flags with their items, escalation, barriers), and
 * when the next reassessment is due, or that another complaint of the pair follows it since.
 */
function RiskSummary({ t, assessments }: { t: OfficerText; assessments: Assessments }) {
  const assessment = latestOf(assessments);
  if (!assessment) return <p>{t('documents.common.noAssessment')}</p>;
  const elsewhereSince = assessments.pairReassessmentElsewhereSince;
  const { result } = assessment;
  return (
    <Table
      rows={[
        [t('documents.risk.level'), <strong key="l">{levelLabel(t, assessment.level)}</strong>],
        [t('documents.risk.assessedOn'), <Ltr key="a">{formatDateTime(assessment.createdAt)}</Ltr>],
        [t('documents.risk.score'), <Ltr key="s">{String(result.score)}</Ltr>],
        [
          t('documents.risk.redFlags'),
          result.redFlags.length > 0
            ? result.redFlags
                .map((flag) => `${flag.id} ${t(definitionKey(`risk.flags.${flag.id}`))} (${flag.items.join(', ')})`)
                .join(t('form.listSeparator'))
            : t('documents.common.none'),
        ],
        [t('documents.risk.escalation'), result.escalation ? t('answer.yes') : t('answer.no')],
        [
          t('documents.risk.barriers'),
          result.barriers.length > 0
            ? result.barriers.map((b) => t(definitionKey(`risk.barriers.${b}`))).join(t('form.listSeparator'))
            : t('documents.common.none'),
        ],
        [
          t('documents.risk.mainItems'),
          result.drivers.length > 0
            ? result.drivers
                .slice(0, 8)
                .map((d) => `${d.item} ${t(definitionKey(`risk.items.${d.item}.short`))}`)
                .join(t('form.listSeparator'))
            : t('documents.common.none'),
        ],
        ...(result.digitalSignals.length > 0
          ? [
              [
                t('documents.risk.digitalSignals'),
                // Each with what fed it: the prompts answered yes, or a fact in words (R11: the phone check).
                result.digitalSignals
                  .map((s) => {
                    const fedBy = [...s.prompts, ...(s.facts ?? []).map((fact) => t(`risk.signalFacts.${fact}`))];
                    return `${s.id} ${t(definitionKey(`risk.signals.${s.id}`))} (${fedBy.join(', ')})`;
                  })
                  .join(t('form.listSeparator')),
              ] as [string, ReactNode],
            ]
          : []),
        ...(assessment.raiseReason
          ? [[t('documents.risk.raised'), assessment.raiseReason] as [string, ReactNode]]
          : []),
        [t('documents.risk.review'), t(`risk.review.status.${assessment.reviewStatus}`)],
        elsewhereSince === null
          ? [t('documents.risk.nextDue'), <Ltr key="n">{formatDateTime(assessment.nextDueAt)}</Ltr>]
          : [
              t('documents.risk.nextDue'),
              t('documents.risk.reassessmentElsewhere', { time: formatDateTime(elsewhereSince) }),
            ],
      ]}
    />
  );
}

function Measures({ t, record, only }: Props & { only?: readonly string[] }) {
  const measures = readAnswers(record.forms, FORMS.measures);
  return (
    <Table
      rows={MEASURES.filter((m) => !only || only.includes(m)).map((m): [string, ReactNode] => [
        t(`documents.measureNames.${m}`),
        <>
          {optionLabel(t, 'form.measures.state', measures[measureFieldIds(m).state])} ·{' '}
          {optionLabel(t, 'form.measures.position', measures[measureFieldIds(m).position])}
          {str(measures[measureFieldIds(m).notes]) ? (
            <span className="procedure">{String(measures[measureFieldIds(m).notes])}</span>
          ) : null}
        </>,
      ])}
    />
  );
}

function Statement({ t, record }: Props) {
  if (!record.statement) return <p>{t('documents.common.notRecorded')}</p>;
  return (
    <>
      <p className="muted">{t('documents.common.approvedOn', { date: formatDateTime(record.statement.approvedAt) })}</p>
      <div className="verbatim">{record.statement.text}</div>
      {record.addenda.map((addendum, i) => (
        <div key={i}>
          <h3>{t('documents.common.addendum', { date: formatDateTime(addendum.createdAt) })}</h3>
          <div className="verbatim">{addendum.text}</div>
        </div>
      ))}
    </>
  );
}

function Signature({ t, record }: Props) {
  return (
    <div className="box">
      <p>
        {t('documents.common.signature', {
          officer: [record.officer.displayName, record.officer.serviceNumber].filter(Boolean).join(' – '),
        })}
      </p>
    </div>
  );
}

function ProsecutorRequest(props: Props) {
  const { t, record, assessments } = props;
  const people = readAnswers(record.forms, FORMS.people);
  const asked = measuresAskedOfProsecutor(readAnswers(record.forms, FORMS.measures));
  // Living with her, his address is hers: withheld where hers is non-communicable.
  const suspectAddressWithheld = people.victimAddressNonCommunicable === 'yes' && people.suspectCohabiting !== 'no';
  return (
    <>
      <Header {...props} />
      <p>{t('documents.prosecutorRequest.intro', { date: formatDateTime(record.createdAt) })}</p>
      <h2>{t('documents.prosecutorRequest.requested')}</h2>
      <Measures {...props} only={asked} />
      <Victim {...props} />
      <h2>{t('documents.common.suspect')}</h2>
      <Table
        rows={[
          [
            t('documents.common.name'),
            [str(people.suspectSurname), str(people.suspectFirstNames)].filter(Boolean).join(', ') ||
              t('documents.common.notRecorded'),
          ],
          [
            t('documents.common.birthDate'),
            str(people.suspectBirthDate) ? (
              <Ltr>{formatLocalDate(String(people.suspectBirthDate))}</Ltr>
            ) : (
              t('documents.common.notRecorded')
            ),
          ],
          ...identifierRows(props, 'suspect'),
          [
            t('documents.common.address'),
            suspectAddressWithheld
              ? t('documents.common.addressWithheld')
              : (str(people.suspectAddress) ?? t('documents.common.notRecorded')),
          ],
          [
            t('documents.common.relationship'),
            optionLabel(t, 'form.people.suspectRelationship', people.suspectRelationship),
          ],
          [t('documents.common.cohabiting'), yesNo(t, people.suspectCohabiting)],
        ]}
      />
      <Children {...props} />
      <Facts {...props} />
      <h2>{t('documents.risk.title')}</h2>
      <RiskSummary t={t} assessments={assessments} />
      <h2>{t('documents.common.otherMeasures')}</h2>
      <Measures {...props} only={MEASURES.filter((m) => !asked.includes(m))} />
      <Signature {...props} />
    </>
  );
}

function ImmigrationCommunication(props: Props) {
  const { t, record, assessments } = props;
  const people = readAnswers(record.forms, FORMS.people);
  const children = Array.isArray(people.children) ? people.children.length : 0;
  const facts = readAnswers(record.forms, FORMS.facts);
  return (
    <>
      <Header {...props} />
      <p>{t('documents.immigrationCommunication.intro')}</p>
      <Victim {...props} />
      <h2>{t('documents.immigrationCommunication.status')}</h2>
      <p>{t('documents.immigrationCommunication.statusText', { date: formatDateTime(record.createdAt) })}</p>
      <h2>{t('documents.immigrationCommunication.vulnerability')}</h2>
      <Table
        rows={[
          [
            t('documents.common.formsOfViolence'),
            Array.isArray(facts.formsOfViolence)
              ? (facts.formsOfViolence as string[])
                  .map((f) => t(definitionKey(`form.facts.formsOfViolence.${f}`)))
                  .join(', ')
              : t('documents.common.notRecorded'),
          ],
          [t('documents.common.injuries'), yesNo(t, facts.injuries)],
          [t('documents.common.children'), <Ltr key="c">{String(children)}</Ltr>],
        ]}
      />
      <h2>{t('documents.risk.title')}</h2>
      <RiskSummary t={t} assessments={assessments} />
      <h2>{t('documents.common.statement')}</h2>
      <Statement {...props} />
      <Signature {...props} />
    </>
  );
}

/** For the supervisor: level, reasons, measures and the timeline; no name, no address. */
/** When and to whom the on-duty magistrate was informed, as the risk step recorded it (version 4 on). */
function Magistrate({ t, record }: Props) {
  const risk = readAnswers(record.forms, FORMS.risk);
  const at = str(risk[FIELDS.risk.magistrateInformedAt]);
  const to = str(risk[FIELDS.risk.magistrateInformedTo]);
  if (at === null && to === null) return null;
  return (
    <Table
      rows={[
        [
          t('risk.magistrate.informedAt'),
          at ? <Ltr key="at">{formatLocalDate(at)}</Ltr> : t('documents.common.notRecorded'),
        ],
        [t('risk.magistrate.informedTo'), to ?? t('documents.common.notRecorded')],
      ]}
    />
  );
}

function RiskReport(props: Props) {
  const { t, assessments } = props;
  const latest = latestOf(assessments);
  return (
    <>
      <Header {...props} />
      <h2>{t('documents.risk.title')}</h2>
      <RiskSummary t={t} assessments={assessments} />
      {latest ? (
        <>
          <h3>{t('documents.risk.procedure')}</h3>
          <p>{t(`risk.procedure.level${latest.level}`)}</p>
          <Magistrate {...props} />
          <h3>{t('documents.risk.proposed')}</h3>
          <ul>
            {latest.result.measures.map((m) => (
              <li key={m}>{t(definitionKey(`risk.measures.${m}`))}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('documents.risk.measuresRecorded')}</h2>
      <Measures {...props} />
      <h2>{t('documents.risk.timeline')}</h2>
      <table>
        <tbody>
          {[
            ...assessments.assessments.map((a) => ({
              at: a.createdAt,
              text: `${t('risk.history.entry', { sequence: a.sequence, level: levelLabel(t, a.level) })} – ${a.createdByName}`,
            })),
            ...assessments.events.map((e) => ({
              at: e.at,
              text: `${t(`risk.events.kind.${e.kind}`)}${e.note ? `: ${e.note}` : ''} – ${e.recordedByName}`,
            })),
          ]
            .sort((a, b) => a.at - b.at)
            .map((entry, i) => (
              <tr key={i}>
                <th scope="row">
                  <Ltr>{formatDateTime(entry.at)}</Ltr>
                </th>
                <td>{entry.text}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
