/**
 * Message franking: the bytes a commitment covers besides the plaintext (the conversation, the sender's key
 * fingerprint and counter). The sender's browser builds it here when making the commitment (the server checks no
 * text: one-to-one reports carry none); kept free of zod so the browser does not load the schemas at run time.
 */
export function frankingContext(
  conversationId: string,
  sender: string,
  counter: number,
  text: string,
): string {
  return JSON.stringify(['staffroom/frank/v1', conversationId, sender, counter, text]);
}
