// Rectangles in pixel coordinates, shared by resizing, mask bounding boxes and compositing.

/** A rectangle in pixels; (x, y) is the top-left corner. May be fractional where a function says so. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The intersection of two rectangles, or null when they do not overlap. */
export function intersectRects(a: Rect, b: Rect): Rect | null {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** `rect` grown by `marginPx` on every side. */
export function expandRect(rect: Rect, marginPx: number): Rect {
  return { x: rect.x - marginPx, y: rect.y - marginPx, width: rect.width + 2 * marginPx, height: rect.height + 2 * marginPx };
}

/** The smallest rectangle holding both. */
export function uniteRects(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
