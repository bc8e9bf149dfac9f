import config from './vitest.config.ts'

// Token-endpoint faults against the shared Keycloak at KEYCLOAK_URL (./dev runs this inside with-keycloak.sh),
// reached through toxiproxy: slow, resetting, cut and restored with toxiproxy's disable/enable. Keycloak itself is
// never stopped. The settings of vitest.config.ts; the include replaced, not merged (mergeConfig appends arrays to
// the shared include): only the Keycloak-facing files here.
export default { ...config, test: { ...config.test, include: ['test-keycloak/**/*.test.ts'] } }
