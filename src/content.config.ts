// Not from 'astro:content': that virtual module drags Astro's whole render runtime (some 70 modules) through
// Vite's module runner just to load this file, half a second of every build's content sync.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { buurtCollectionLoader, buurtSiteLoader } from './integrations/content-loader.ts';
import { activitySchema, groupSchema, newsSchema, pageSchema, personSchema, prikbordSchema, siteSchema } from './model/schemas.ts';

/**
 * Entries carry the absolute path of their file, to resolve relative image paths, and in a CLI build the body as
 * the check rendered it (checked-content.ts).
 */
const withFile = {
  _file: z.string(),
  _rendered: z
    .object({
      html: z.string(),
      images: z.array(z.object({ src: z.string(), alt: z.string(), title: z.string().optional() })),
      placeholderToken: z.string(),
    })
    .optional(),
};

export const collections = {
  site: defineCollection({ loader: buurtSiteLoader(), schema: siteSchema }),
  nieuws: defineCollection({ loader: buurtCollectionLoader('nieuws'), schema: newsSchema.extend(withFile) }),
  agenda: defineCollection({ loader: buurtCollectionLoader('agenda'), schema: activitySchema.safeExtend(withFile) }),
  groepen: defineCollection({ loader: buurtCollectionLoader('groepen'), schema: groupSchema.extend(withFile) }),
  mensen: defineCollection({ loader: buurtCollectionLoader('mensen'), schema: personSchema.extend(withFile) }),
  paginas: defineCollection({ loader: buurtCollectionLoader('paginas'), schema: pageSchema.extend(withFile) }),
  prikbord: defineCollection({ loader: buurtCollectionLoader('prikbord'), schema: prikbordSchema.safeExtend(withFile) }),
};
