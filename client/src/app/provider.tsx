import type { ReactNode } from 'react';
import { AuthProvider } from '../features/accounts/auth/auth-provider';
import { ServerInfoProvider } from './server-info';

/** Everything the pages read from context, in one place. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ServerInfoProvider>
      <AuthProvider>{children}</AuthProvider>
    </ServerInfoProvider>
  );
}
