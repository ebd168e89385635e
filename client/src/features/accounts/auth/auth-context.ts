import { createContext, useContext } from 'react';
import type { Me } from '@staffroom/shared/schemas/accounts';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

/** A message for the log-in page: why you are there (logged out, session ended elsewhere, …). */
export interface AuthNotice {
  tone: 'info' | 'error';
  text: string;
}

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  notice: AuthNotice | null;
  /** After a successful sign-up or log-in. */
  signedIn(me: Me): void;
  logOut(): Promise<void>;
  logOutEverywhere(): Promise<void>;
  /** After this account was erased (its sessions are gone): back to the log-in page, saying so. */
  accountErased(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider>.');
  return value;
}

/** The signed-in account, for pages behind `RequireAuth` (where there always is one). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe() must be used on a page behind <RequireAuth>.');
  return me;
}
