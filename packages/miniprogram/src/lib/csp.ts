/**
 * Taro's H5 tab bar draws each tab as `<a href="javascript:;">` with a click handler. Following that link is
 * running a `javascript:` URL, which our Content-Security-Policy (`script-src 'self'`) refuses and reports on
 * every tab tap. The link's default action does nothing anyway: cancel it, and leave the click to Taro's
 * handler (cancelling a default does not stop the event), instead of loosening the policy.
 */
export function cancelJavascriptLinks(doc: Document): void {
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault();
    },
    true,
  );
}
