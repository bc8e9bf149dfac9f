// TypeDoc plugin: names each entry point after its package (`@x/pool`, ...) and files every export that has no
// `@group` tag of its own under a topic decided by the source file it comes from, so the reference is grouped
// by topic (errors, tracing, retries, ...) rather than by kind, without a tag in each of ~300 declarations.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc'

const MODULES = {
  'pool/src': '@x/pool',
  'requests/src': '@x/requests',
  'requests/src/testing': '@x/requests/testing',
  'oauth2/src': '@x/oauth2',
  'oauth2-redis/src': '@x/oauth2-redis',
}

/** [package, path pattern, topic]: the first match wins. */
const TOPICS = [
  [/./, /\/errors\/|error-map|-error\.ts$/, 'Errors'],
  [/./, /\/tracing\.ts$|\/events\.ts$/, 'Tracing'],
  [/./, /\/testing\//, 'Testing'],
  [/./, /invalid-arg|\/options\.ts$|util\/options/, 'Options'],
  [
    /pool/,
    /pool-manager|proxy-manager|connection-pool|dispatcher-factory|request\.ts$/,
    'Pools and requests',
  ],
  [/pool/, /retry|timeout/, 'Retries and timeouts'],
  [/pool/, /response|header-dict|content-decoder/, 'Responses'],
  [/requests/, /\/session\/|api\.ts$|version/, 'Sessions and requests'],
  [/requests/, /\/adapters\//, 'Adapters, retries and timeouts'],
  [/requests/, /\/auth\//, 'Authentication'],
  [/requests/, /\/cookies\//, 'Cookies'],
  [/requests/, /\/models\/|\/body\/|\/hooks/, 'Requests, responses and bodies'],
  [/oauth2/, /token-store|memory-token-store/, 'Token stores'],
  [/oauth2/, /token/, 'Tokens'],
  [/oauth2/, /oauth2-session|client-auth|client-core/, 'Sessions and client authentication'],
  [/oauth2/, /id-token|jwks|discovery|userinfo|end-session|schemas/, 'OpenID Connect'],
  [/oauth2/, /device|par|dpop|authorization|pkce|grant/, 'Grants and flows'],
]

function topicOf(file) {
  for (const [pkg, path, topic] of TOPICS) if (pkg.test(file) && path.test(file)) return topic
  return 'Helpers'
}

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const name = Object.entries(MODULES).find(([suffix]) => module.name.endsWith(suffix))?.[1]
      if (name) module.name = name
      for (const child of module.children ?? []) {
        if (child.comment?.getTag('@group')) continue
        // An export without TSDoc gets no topic: an empty comment made here would hide it from
        // `validation.notDocumented` (typedoc.json), which is meant to fail the build on it.
        if (!child.comment && !child.signatures?.some((s) => s.comment)) continue
        const file = child.sources?.[0]?.fullFileName ?? child.sources?.[0]?.fileName ?? ''
        const tag = new CommentTag('@group', [{ kind: 'text', text: topicOf(file) }])
        child.comment ??= new Comment()
        child.comment.blockTags.push(tag)
      }
    }
  })
}
