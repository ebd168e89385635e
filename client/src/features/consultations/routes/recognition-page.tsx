import { Link } from 'react-router';
import type { RecognitionMonth } from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { supportApi } from '../api/support-api';
import '../consultations.css';

const loadRecord = () => supportApi.recognition().then((r) => r.record);
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "2026-11" → "November 2026". */
const monthLabel = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
const hoursText = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);

/**
 * `/support/record`: the consultant's (or mentor's) record of support for professional-development credit. Counts
 * per month only: no teacher, no conversation, no date finer than the month. Printable, and as a CSV file.
 */
export function RecognitionPage() {
  const { data, error, loading } = useResource(loadRecord);
  return (
    <div className="support-narrow recognition">
      <PageTitle documentTitle="Your record of support">Your record of support</PageTitle>
      <p className="lead">
        Hours of sessions held and teachers supported, month by month, for professional-development credit. It
        names nobody: only months and counts, so you can hand it on as it is.
      </p>
      {error && <Alert title="Your record could not be loaded">{error}</Alert>}
      {loading && !data && !error && (
        <p className="loading" role="status">
          Loading your record…
        </p>
      )}
      {data &&
        (data.months.length === 0 ? (
          <p className="empty">Nothing yet: the record starts with your first conversation.</p>
        ) : (
          <table className="recognition__table">
            <caption>Support given, by month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Hours of sessions</th>
                <th scope="col">Sessions</th>
                <th scope="col">Teachers supported</th>
              </tr>
            </thead>
            <tbody>
              {data.months.map((m: RecognitionMonth) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  <td>{hoursText(m.hours)}</td>
                  <td>{m.sessions}</td>
                  <td>{m.teachers}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">In all</th>
                <td>{hoursText(data.totals.hours)}</td>
                <td>{data.totals.sessions}</td>
                <td>{data.totals.teachers}</td>
              </tr>
            </tfoot>
          </table>
        ))}
      {data && data.months.length > 0 && (
        <div className="recognition__actions">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print
          </button>
          <a className="button button--secondary" href={supportApi.recognitionCsvHref} download>
            Download as CSV
          </a>
        </div>
      )}
      <p className="aside recognition__back">
        <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
      </p>
    </div>
  );
}
