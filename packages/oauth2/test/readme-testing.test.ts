import { testReadmeSection } from '@x/testserver/vitest'
import * as examples from './readme-examples.ts'

// The README's "Testing your code" examples need no server (undici's MockAgent replaces it): run them.
testReadmeSection(new URL('../README.md', import.meta.url), 'Testing your code', examples)
