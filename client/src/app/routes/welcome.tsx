import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { paths } from '../../config/paths';
import { useAuth } from '../../features/accounts/auth/auth-context';
import { PrivacyPromise } from '../../features/accounts/components/privacy-promise';

export function WelcomePage() {
  const { me } = useAuth();
  return (
    <div className="welcome">
      <div className="hero">
        <PageTitle documentTitle="Welcome">A quiet place for teachers to support each other</PageTitle>
        <p className="lead">
          Staffroom is peer support for teachers. Talk things through in small moderated groups under a
          pseudonym, or one to one, in confidence, with an experienced colleague.
        </p>
        <p className="lead">
          It is voluntary and it is never evaluative: nothing you say here reaches your principal or an
          evaluator.
        </p>
        <div className="actions">
          {me ? (
            <Link to={paths.home.getHref()} className="button button--primary">
              Go to your home page
            </Link>
          ) : (
            <>
              <Link to={paths.signUp.getHref()} className="button button--primary">
                Sign up with an invite code
              </Link>
              <Link to={paths.logIn.getHref()} className="button button--secondary">
                Log in
              </Link>
            </>
          )}
        </div>
      </div>

      <section className="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Your privacy, in plain words</h2>
        <p>
          You join with an invite code, a pseudonym you choose and a passphrase. That is all we ask. Here is
          everything Staffroom knows about you:
        </p>
        <PrivacyPromise />
      </section>

      <section className="panel" aria-labelledby="how-title">
        <h2 id="how-title">How joining works</h2>
        <ol className="steps">
          <li>
            <strong>Get an invite code</strong> from your program coordinator. Only invited colleagues can
            join.
          </li>
          <li>
            <strong>Choose a pseudonym.</strong> We suggest a few; pick one or write your own. Avoid anything
            that could identify you.
          </li>
          <li>
            <strong>Choose a passphrase</strong> of at least ten characters. A short sentence works well.
          </li>
        </ol>
      </section>
    </div>
  );
}
