import { describe, expect, it } from 'vitest';
import { shareLinks } from './share.ts';

describe('shareLinks', () => {
  it('makes plain links with the page address encoded', () => {
    const links = shareLinks({ url: 'https://oostbuurt.nl/agenda/borrel/', title: 'Borrel & bingo', summary: 'Kom ook!' });
    expect(links.map((l) => [l.network, l.href])).toEqual([
      ['whatsapp', 'https://wa.me/?text=Borrel%20%26%20bingo%20https%3A%2F%2Foostbuurt.nl%2Fagenda%2Fborrel%2F'],
      ['facebook', 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Foostbuurt.nl%2Fagenda%2Fborrel%2F'],
      ['email', 'mailto:?subject=Borrel%20%26%20bingo&body=Kom%20ook!%0A%0Ahttps%3A%2F%2Foostbuurt.nl%2Fagenda%2Fborrel%2F'],
    ]);
  });
});
