// The check in front of shell.openExternal: only plain https links leave the app for the system browser.
import { describe, expect, it } from 'vitest';
import { externalLinkToOpen } from '../../../electron/app/external-links';

describe('externalLinkToOpen', () => {
  it('passes https links through, normalised', () => {
    expect(externalLinkToOpen('https://www.kernel.org/doc/html/latest/PCI/pci-iov-howto.html')).toBe('https://www.kernel.org/doc/html/latest/PCI/pci-iov-howto.html');
    expect(externalLinkToOpen('HTTPS://Example.COM/a b?q=1#x')).toBe('https://example.com/a%20b?q=1#x');
  });

  it.each([
    ['plain http', 'http://example.com/'],
    ['a local file', 'file:///etc/passwd'],
    ['a Windows share', 'smb://host/share/payload.exe'],
    ['script', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['the app itself', 'app://rackplane/index.html'],
    ['credentials in the URL', 'https://user:secret@example.com/'],
    ['a user name alone', 'https://user@example.com/'],
    ['a relative link', '/docs/page'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
    ['an overlong URL', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_what, url) => {
    expect(externalLinkToOpen(url)).toBeNull();
  });
});
