import type { AccountExport, EraseAccountBody, EraseAccountResult } from '@staffroom/shared/schemas/privacy';
import { api } from '../../../lib/api';

/** The privacy actions HTTP API (`server/src/features/privacy-actions/privacy.routes.ts`). */
export const privacyApi = {
  erase: (body: EraseAccountBody) => api.post<EraseAccountResult>('/api/account/erase', body),
  export: () => api.get<AccountExport>('/api/account/export'),
};
