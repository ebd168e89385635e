/**
 * For the privacy evaluation scripts: PRIVACY_NAME_MODEL=off scores the rules alone (the guard before the learned
 * name model), PRIVACY_NAME_THRESHOLD=0.8 overrides the model's
 * threshold. `dist` is the shared/dist being scored.
 */
export async function applyNameModelEnv(dist = new URL('../shared/dist', import.meta.url).href) {
  const mod = await import(`${dist}/guards/privacy-name-model.js`).catch(() => null);
  if (!mod) return;
  if (process.env.PRIVACY_NAME_MODEL === 'off') mod.privacyNameModel.enabled = false;
  if (process.env.PRIVACY_NAME_THRESHOLD)
    mod.privacyNameModel.threshold = Number(process.env.PRIVACY_NAME_THRESHOLD);
}
