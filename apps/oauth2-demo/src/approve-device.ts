// Approves a device authorization as a user by driving Keycloak's pages headlessly (what a person does in a
// browser): open verification_uri_complete, post the login form, accept the consent page when there is one.
import { Session } from '@x/requests'

const decode = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#47;', '/')

function formAction(html: string, marker?: RegExp): string | undefined {
  for (const tag of html.match(/<form\b[^>]*>/g) ?? []) {
    if (marker && !marker.test(tag)) continue
    const action = /\baction="([^"]*)"/.exec(tag)?.[1]
    if (action !== undefined) return decode(action)
  }
  return undefined
}

function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const tag of html.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    if (name) fields[name] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '')
  }
  return fields
}

/** Logs `username` in at `url` and accepts what is asked; resolves once Keycloak stops asking. */
export async function approveDevice(url: string, username: string, password: string): Promise<void> {
  await using browser = new Session()
  let response = await browser.get(url)
  let loggedIn = false
  for (let step = 0; step < 8; step++) {
    const html = response.text
    const login = formAction(html, /id="kc-form-login"/)
    if (login && !loggedIn) {
      loggedIn = true
      response = await browser.post(new URL(login, response.url).href, {
        data: { username, password, credentialId: '' },
      })
      continue
    }
    if (login) throw new Error('Keycloak refused the login')
    const consent = /name="accept"/.test(html) ? formAction(html) : undefined
    if (consent) {
      response = await browser.post(new URL(consent, response.url).href, {
        data: { ...hiddenInputs(html), accept: 'Yes' },
      })
      continue
    }
    if (response.statusCode !== 200)
      throw new Error(`the verification page answered HTTP ${response.statusCode}`)
    return
  }
  throw new Error('the device approval did not finish')
}
