/**
 * Argument guards shared by the estimators. A bad argument here is a caller
 * bug, so these throw RangeError naming the argument rather than returning NaN
 * that would silently flow into a report.
 */
export function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, received ${value}`);
  }
}

export function requireOpenUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(`${name} must be strictly between 0 and 1, received ${value}`);
  }
}
