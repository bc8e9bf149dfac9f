/**
 * jose, loaded on first use: most sessions never sign or verify a JWT (private_key_jwt, DPoP, ID tokens, signed
 * UserInfo do), so importing @x/oauth2 does not load it (issue 11: import cost).
 */
let loading: Promise<typeof import('jose')> | undefined

export function jose(): Promise<typeof import('jose')> {
  if (loading === undefined) loading = import('jose')
  return loading
}
