/**
 * Standalone SVG export of an on-screen diagram: the theme's CSS variables are resolved to
 * their current values (so the file looks the same outside the app, in the theme it was
 * exported from) and the namespaces a viewer needs are set.
 */

/** Serialises `svg` with every `var(--name)` replaced by its computed value on `root`. */
export function standaloneSvg(svg: SVGSVGElement, root: Element = document.documentElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('class');
  clone.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  const text = new XMLSerializer().serializeToString(clone);
  const styles = getComputedStyle(root);
  return text.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => styles.getPropertyValue(name).trim() || whole);
}

/** Offers `text` as a file download named `filename` (browser and Electron alike). */
export function downloadText(filename: string, text: string, type = 'image/svg+xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
