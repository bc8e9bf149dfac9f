/** Marks `target` with a `Symbol.for` brand so `instanceof` works across two installed copies of @x/pool. */
export function brand(target: object, symbol: symbol): void {
  Object.defineProperty(target, symbol, { value: true })
}

export function hasBrand(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[symbol] === true
}
