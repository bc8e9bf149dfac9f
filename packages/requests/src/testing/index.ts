// `@x/requests/testing`: test your code without a network (issue 16). A separate entry, so the main import
// path does not load undici's MockAgent.
export { Responses } from './responses.js'
export type { MockResponse, MockTokenFields, RecordedCall } from './responses.js'
export { UnregisteredCallError } from './unregistered-call-error.js'
