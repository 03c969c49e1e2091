/** The text a Prometheus endpoint answers, failing on anything but 200 in the text format. */
export async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (!(res.headers.get('content-type') ?? '').startsWith('text/plain'))
    throw new Error(`${url} answered ${res.headers.get('content-type')}`);
  return res.text();
}

/** Every series name the text declares (`# TYPE`), with the suffixes a histogram or summary adds. */
export function exportedNames(text: string): string[] {
  const names: string[] = [];
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.push(name!);
    if (type === 'histogram') names.push(`${name}_bucket`, `${name}_sum`, `${name}_count`);
    if (type === 'summary') names.push(`${name}_sum`, `${name}_count`);
  }
  return names;
}
