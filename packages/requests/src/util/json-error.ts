// Where and why Python's json module (its C scanner, CPython 3.13) rejects a document, so a JSONDecodeError reads
// as in requests: `Expecting ',' delimiter: line 1 column 10 (char 9)`. Only run after JSON.parse failed.
// Positions count code points, as Python's str indices do.

const WS = new Set([' ', '\t', '\n', '\r'])
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const HEX = /^[0-9a-fA-F]{4}$/

class Fault {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

/** Python's `JSONDecodeError.msg` and `pos` for `text`, or undefined when Python's scanner would accept it. */
export function pythonJsonFault(text: string): { msg: string; pos: number } | undefined {
  const s = Array.from(text)
  if (s[0] === '\ufeff') return { msg: 'Unexpected UTF-8 BOM (decode using utf-8-sig)', pos: 0 }
  const skip = (i: number): number => {
    while (i < s.length && WS.has(s[i]!)) i++
    return i
  }
  const word = (i: number, w: string): boolean => s.slice(i, i + w.length).join('') === w

  function string(begin: number): number {
    let i = begin + 1
    for (;;) {
      while (i < s.length && s[i] !== '"' && s[i] !== '\\') {
        if (s[i]!.codePointAt(0)! <= 0x1f) throw new Fault('Invalid control character at', i)
        i++
      }
      if (i >= s.length) throw new Fault('Unterminated string starting at', begin)
      if (s[i] === '"') return i + 1
      i++ // past the backslash
      if (i === s.length) throw new Fault('Unterminated string starting at', begin)
      if (s[i] !== 'u') {
        if (!ESCAPES.has(s[i]!)) throw new Fault('Invalid \\escape', i - 1)
        i++
        continue
      }
      i++
      const end = i + 4
      if (end >= s.length) throw new Fault('Invalid \\uXXXX escape', i - 1)
      if (!HEX.test(s.slice(i, end).join(''))) throw new Fault('Invalid \\uXXXX escape', end - 5)
      i = end
    }
  }

  function number(start: number): number {
    let i = start
    if (s[i] === '-') i++
    if (i >= s.length) throw new Fault('Expecting value', start)
    if (s[i]! >= '1' && s[i]! <= '9') while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++
    else if (s[i] === '0') i++
    else throw new Fault('Expecting value', start)
    const digit = (j: number) => j < s.length && s[j]! >= '0' && s[j]! <= '9'
    if (s[i] === '.' && digit(i + 1)) {
      i += 2
      while (digit(i)) i++
    }
    if (i < s.length - 1 && (s[i] === 'e' || s[i] === 'E')) {
      const e = i++
      if (i < s.length - 1 && (s[i] === '-' || s[i] === '+')) i++
      while (digit(i)) i++
      if (!digit(i - 1)) i = e
    }
    return i
  }

  function value(i: number, depth: number): number {
    if (i >= s.length) throw new Fault('Expecting value', i)
    const c = s[i]
    if (c === '"') return string(i)
    if (c === '{') return object(i + 1, depth + 1)
    if (c === '[') return array(i + 1, depth + 1)
    for (const w of ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'])
      if (word(i, w)) return i + w.length
    return number(i)
  }

  function object(start: number, depth: number): number {
    let i = skip(start)
    if (s[i] === '}') return i + 1
    for (;;) {
      if (s[i] !== '"') throw new Fault('Expecting property name enclosed in double quotes', i)
      i = skip(string(i))
      if (s[i] !== ':') throw new Fault("Expecting ':' delimiter", i)
      i = skip(value(skip(i + 1), depth))
      if (s[i] === '}') return i + 1
      if (s[i] !== ',') throw new Fault("Expecting ',' delimiter", i)
      const comma = i
      i = skip(i + 1)
      if (s[i] === '}') throw new Fault('Illegal trailing comma before end of object', comma)
    }
  }

  function array(start: number, depth: number): number {
    let i = skip(start)
    if (s[i] === ']') return i + 1
    for (;;) {
      i = skip(value(i, depth))
      if (s[i] === ']') return i + 1
      if (s[i] !== ',') throw new Fault("Expecting ',' delimiter", i)
      const comma = i
      i = skip(i + 1)
      if (s[i] === ']') throw new Fault('Illegal trailing comma before end of array', comma)
    }
  }

  try {
    const end = skip(value(skip(0), 0))
    if (end !== s.length) return { msg: 'Extra data', pos: end }
    return undefined
  } catch (fault) {
    if (fault instanceof Fault) return { msg: fault.msg, pos: fault.pos }
    throw fault
  }
}

/** Python's `JSONDecodeError.__str__`: `msg: line L column C (char P)`. */
export function pythonJsonMessage(text: string): string {
  const fault = pythonJsonFault(text) ?? { msg: 'Expecting value', pos: 0 }
  const before = Array.from(text).slice(0, fault.pos).join('')
  const line = before.split('\n').length
  const column =
    fault.pos -
    (before.lastIndexOf('\n') === -1 ? -1 : Array.from(before.slice(0, before.lastIndexOf('\n'))).length)
  return `${fault.msg}: line ${line} column ${column} (char ${fault.pos})`
}
