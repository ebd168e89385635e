/**
 * Message franking: the bytes a commitment covers besides the plaintext (the conversation, the sender's key
 * fingerprint and counter). Both the sender's browser (making the commitment) and the server (checking a revealed
 * message) build it here; kept free of zod so the browser does not load the schemas at run time for it.
 */
export function frankingContext(
  conversationId: string,
  sender: string,
  counter: number,
  text: string,
): string {
  return JSON.stringify(['staffroom/frank/v1', conversationId, sender, counter, text]);
}
