import { Link } from 'react-router';
import { paths } from '../../config/paths';
import { useServerInfo } from '../server-info';

export function SiteFooter() {
  const info = useServerInfo();
  return (
    <footer className="site-footer">
      {info?.embedded && (
        <p className="demo-banner">
          <strong>Demo mode: nothing is kept.</strong> This server keeps everything in memory, and all
          accounts and messages are erased when it stops.
        </p>
      )}
      <p className="site-footer__text">
        Staffroom · peer support for teachers, under a pseudonym. No email, no phone number, no real name.
      </p>
      <p className="site-footer__text">
        <Link to={paths.privacy.getHref()}>Privacy: what is stored, for how long, and who can see it</Link>
      </p>
    </footer>
  );
}
