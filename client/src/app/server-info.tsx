import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ServerInfo } from '@staffroom/shared/schemas/accounts';
import { api } from '../lib/api';

const ServerInfoContext = createContext<ServerInfo | null>(null);

/** Public facts about this deployment (`GET /api/info`); null until known or when the server is unreachable. */
export function ServerInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<ServerInfo | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.get<ServerInfo>('/api/info').then(
      (next) => {
        if (!cancelled) setInfo(next);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return <ServerInfoContext value={info}>{children}</ServerInfoContext>;
}

export function useServerInfo(): ServerInfo | null {
  return useContext(ServerInfoContext);
}
