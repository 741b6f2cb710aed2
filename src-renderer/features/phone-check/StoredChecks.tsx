import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { pdfUrl } from '../documents/printables';

type Item = ChannelOutput<'phoneCheck.stored'>['items'][number];

/** The checks already in the evidence register, each Android one with its report to print again. */
export function StoredChecks({ hearingId, items }: { hearingId: string; items: Item[] }) {
  const { t } = useTranslation();
  const print = useMutation('phoneCheck.printReport');
  const [report, setReport] = useState<{ itemId: string; url: string; fileName: string } | null>(null);
  return (
    <section aria-labelledby="phone-stored-title" className="phone-stored">
      <h4 id="phone-stored-title">{t('phoneCheck.stored.title')}</h4>
      <ErrorMessage error={print.error} />
      <ul>
        {items.map((item) => (
          <li key={item.id} data-stored-check={item.label}>
            <strong>{item.label}</strong> {item.description}
            {item.kind === 'android' ? (
              <>
                {' '}
                <button
                  type="button"
                  className="link"
                  disabled={print.pending}
                  onClick={() =>
                    void print.run({ hearingId, itemId: item.id }).then((r) => {
                      if (r.ok)
                        setReport({ itemId: item.id, url: pdfUrl(r.value.pdfBase64), fileName: r.value.fileName });
                    })
                  }
                >
                  {t('phoneCheck.findings.printReport')}
                </button>
                {report?.itemId === item.id ? (
                  <a href={report.url} download={report.fileName} target="_blank" rel="noreferrer">
                    {t('phoneCheck.findings.openReport')}
                  </a>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
