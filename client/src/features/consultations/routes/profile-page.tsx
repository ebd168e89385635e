import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { useResource } from '../../../lib/use-resource';
import { supportApi } from '../api/support-api';
import { ProfileForm } from '../components/profile-form';
import '../consultations.css';

const loadProfile = () => supportApi.profile().then((r) => r.profile);

/** `/support/profile`: the consultant's profile. */
export function ConsultantProfilePage() {
  const { data, error, loading } = useResource(loadProfile);
  return (
    <div className="support-narrow">
      <PageTitle documentTitle="Your consultant profile">Your consultant profile</PageTitle>
      <p className="lead">
        Teachers are matched with you on the grades, subjects and areas you choose here, then on your room and
        your free times. Only your display name is ever shown to them.
      </p>
      {error && <Alert title="Your profile could not be loaded">{error}</Alert>}
      {loading && !data && !error && (
        <p className="loading" role="status">
          Loading your profile…
        </p>
      )}
      {!loading && !error && (
        <ProfileForm profile={data} onSave={(body) => supportApi.saveProfile(body).then((r) => r.profile)} />
      )}
      <p className="aside">
        <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
      </p>
    </div>
  );
}
