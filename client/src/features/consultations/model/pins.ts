/**
 * Where this device keeps its pins: for each conversation, the other person's public key as it was when I first
 * used the conversation (or when I last acknowledged a change). Kept per owner (my key fingerprint), so a key
 * reset of mine starts afresh rather than reading pins it did not make.
 *
 * The device copy is out of the server's reach. A second copy, sealed under my own key (`sealPin`), is kept by the
 * server so a new browser of mine restores the pins; the server can neither read nor forge it.
 */
export interface PinStore {
  load(owner: string, conversationId: string): Promise<string | null>;
  save(owner: string, conversationId: string, peerPublicKey: string): Promise<void>;
}

/** For tests, and where IndexedDB is missing: pins for as long as the page lives. */
export function memoryPinStore(): PinStore {
  const pins = new Map<string, string>();
  return {
    load: async (owner, conversationId) => pins.get(`${owner} ${conversationId}`) ?? null,
    save: async (owner, conversationId, key) => {
      pins.set(`${owner} ${conversationId}`, key);
    },
  };
}
