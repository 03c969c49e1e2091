import { describe, expect, it } from 'vitest';
import { cancelJavascriptLinks } from '../src/lib/csp';

describe('cancelJavascriptLinks', () => {
  it('cancels following a javascript: link (a CSP violation) and still runs its click handler', () => {
    const doc = document.implementation.createHTMLDocument('t');
    cancelJavascriptLinks(doc);
    doc.body.innerHTML =
      '<a id="tab" href="javascript:;"><span id="label">首页</span></a><a id="page" href="#/x">x</a>';
    let clicks = 0;
    doc.getElementById('tab')!.addEventListener('click', () => (clicks += 1));
    const click = (id: string) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true });
      doc.getElementById(id)!.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(click('label')).toBe(true);
    expect(click('tab')).toBe(true);
    expect(clicks).toBe(2);
    expect(click('page')).toBe(false);
  });
});
