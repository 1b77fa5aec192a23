import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates/dates.ts';
import { absolutizeHtml, rfc822, rssFeed } from './feeds.ts';

describe('rfc822', () => {
  it('writes Amsterdam time with the offset of winter and summer', () => {
    expect(rfc822(parseAmsterdam('2026-03-14T10:00'))).toBe('Sat, 14 Mar 2026 10:00:00 +0100');
    expect(rfc822(parseAmsterdam('2026-07-04T09:05'))).toBe('Sat, 04 Jul 2026 09:05:00 +0200');
  });
});

describe('absolutizeHtml', () => {
  it('makes href, src and every srcset candidate absolute, leaving external links alone', () => {
    const html =
      '<a href="/agenda/">a</a><a href="https://elders.nl/x">b</a><img src="/_fotos/a-960.jpg" srcset="/_fotos/a-480.jpg 480w, /_fotos/a-960.jpg 960w">';
    expect(absolutizeHtml(html, 'https://oostbuurt.nl')).toBe(
      '<a href="https://oostbuurt.nl/agenda/">a</a><a href="https://elders.nl/x">b</a>' +
        '<img src="https://oostbuurt.nl/_fotos/a-960.jpg" srcset="https://oostbuurt.nl/_fotos/a-480.jpg 480w, https://oostbuurt.nl/_fotos/a-960.jpg 960w">',
    );
  });
});

describe('rssFeed', () => {
  it('is well-formed XML with escaped text, whatever the titles hold', async () => {
    const xml = await rssFeed({
      title: 'Nieuws uit <Oost> & "West"',
      link: 'https://oostbuurt.nl/nieuws/',
      description: 'Alles.',
      feedUrl: 'https://oostbuurt.nl/rss.xml',
      lastBuildDate: parseAmsterdam('2026-03-10T12:00'),
      image: { url: 'https://oostbuurt.nl/deelafbeelding.jpg', title: 'Oost & <West>', link: 'https://oostbuurt.nl/nieuws/' },
      items: [
        {
          title: ']]> </channel> & \u0001x',
          link: 'https://oostbuurt.nl/nieuws/a/?x=1&y=2',
          description: '<script>alert(1)</script>',
          contentHtml: '<p>Hallo & welkom</p>',
          pubDate: parseAmsterdam('2026-03-01'),
          categories: ['tuin'],
        },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
    const channel = doc.rss.channel;
    expect(doc.rss['@_version']).toBe('2.0');
    expect(channel.title).toBe('Nieuws uit <Oost> & "West"');
    expect(channel.item.title).toBe(']]> </channel> & x');
    expect(channel.item.link).toBe('https://oostbuurt.nl/nieuws/a/?x=1&y=2');
    expect(channel.item.description).toBe('<script>alert(1)</script>');
    expect(channel.item['content:encoded']).toBe('<p>Hallo & welkom</p>');
    expect(channel.item.pubDate).toBe('Sun, 01 Mar 2026 00:00:00 +0100');
    expect(channel['atom:link']['@_href']).toBe('https://oostbuurt.nl/rss.xml');
    expect(channel.language).toBe('nl-NL');
    expect(channel.lastBuildDate).toBe('Tue, 10 Mar 2026 12:00:00 +0100');
    expect(channel.image.title).toBe('Oost & <West>');
  });
});
