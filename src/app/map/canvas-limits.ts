/**
 * The largest canvas this machine's WebGL renders, from its texture, renderbuffer and viewport
 * limits. MapLibre caps its canvas at 4096 px by default and lowers the pixel ratio above that,
 * which would draw a 7680-wide LED wall (or a 4× figure) blurred and stretched; passing the real
 * limit as `maxCanvasSize` keeps the canvas at the screen's own pixels wherever the GPU can.
 */
let cached: number | null = null;

/** Used when WebGL2 is not there to ask (MapLibre will fail to start anyway). */
const FALLBACK = 4096;

export function maxCanvasSide(): number {
  if (cached !== null) return cached;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return FALLBACK;
  const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  cached = Math.min(gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, viewport[0] ?? FALLBACK, viewport[1] ?? FALLBACK);
  // One probe context, released at once: browsers cap the number of live WebGL contexts.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return cached;
}
