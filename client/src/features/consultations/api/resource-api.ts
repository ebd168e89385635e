import type { Ack } from '@staffroom/shared/protocol/ack';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { SealedResource, ShareResourceBody } from '@staffroom/shared/schemas/consultations';
import type { ResourceTransport } from '../model/conversation-room';

/** Must match `RESOURCE_MEDIA_TYPE` on the server: the route's own parser reads up to 400 kB. */
const MEDIA_TYPE = 'application/vnd.staffroom.resource+json';
const id = (value: string) => encodeURIComponent(value);
const unreachable = {
  code: ErrorCode.UNAVAILABLE,
  message: 'Staffroom cannot be reached. Check your connection and try again.',
};

/** Sharing and fetching resources over HTTP: a sealed document is larger than a socket frame. */
export const resourceTransport: ResourceTransport = {
  async share(conversationId: string, body: ShareResourceBody): Promise<Ack<SealedResource>> {
    try {
      const res = await fetch(`/api/conversations/${id(conversationId)}/resources`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': MEDIA_TYPE },
        body: JSON.stringify(body),
      });
      const data = (await res.json().catch(() => null)) as {
        resource?: SealedResource;
        error?: string;
        message?: string;
        field?: string;
      } | null;
      if (res.ok && data?.resource) return { ok: true, data: data.resource };
      const code = (Object.values(ErrorCode) as string[]).includes(data?.error ?? '')
        ? (data?.error as ErrorCode)
        : ErrorCode.INTERNAL;
      return {
        ok: false,
        error: {
          code,
          message: data?.message ?? 'It could not be shared.',
          ...(data?.field ? { field: data.field } : {}),
        },
      };
    } catch {
      return { ok: false, error: unreachable };
    }
  },
  async document(conversationId: string, resourceId: string): Promise<ArrayBuffer | null> {
    try {
      const res = await fetch(`/api/conversations/${id(conversationId)}/resources/${id(resourceId)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/octet-stream' },
      });
      return res.ok ? await res.arrayBuffer() : null;
    } catch {
      return null;
    }
  },
};
