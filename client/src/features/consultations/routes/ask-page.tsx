import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { supportApi } from '../api/support-api';
import { IntakeForm } from '../components/intake-form';
import '../consultations.css';

/** `/support/ask`: the teacher's intake. */
export function AskSupportPage() {
  const navigate = useNavigate();
  return (
    <div className="support-narrow">
      <PageTitle documentTitle="Ask for support">Ask for support</PageTitle>
      <p className="lead">
        A few questions, so we can offer your request to a consultant who has taught what you teach. It is
        voluntary, confidential and never evaluative: nothing here reaches your principal or an evaluator.
      </p>
      <IntakeForm
        onSubmit={async (body) => {
          const { request } = await supportApi.ask(body);
          navigate(paths.support.getHref(), {
            state: {
              notice:
                request.status === 'offered'
                  ? 'Your request is in, and has been offered to a consultant who fits.'
                  : 'Your request is in. It goes to the first consultant who fits and has room.',
            },
          });
        }}
      />
      <p className="aside">
        <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
      </p>
    </div>
  );
}
