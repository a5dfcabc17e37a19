-- Site search (src/search/): one row per published document in one language, written only by the
-- search service, which the features that publish (pages, news, activities, projects) call when
-- they publish, change or withdraw something. Search reads nothing else.
--
-- `search_vector` holds the title's and the body's words without diacritics ("Điện Biên" is
-- 'dien' 'bien'), the title's weighted above the body's. It is built by the service
-- (src/search/vectors.ts), not by to_tsvector, so that it is the same on PGlite and on a
-- PostgreSQL server whatever their locales, with no extension (docs/decisions.md).
create table search_documents (
  kind text not null check (kind in ('page', 'news', 'activity', 'project')),
  -- The owner's id for the document (a page's, a news item's …), as text: owners choose its form.
  ref text not null,
  locale text not null check (locale in ('vi', 'en')),
  -- The public path of the document in this language, as the owner builds it (/vi/…, /en/…);
  -- never //… or /\…, which a browser would read as another host.
  url text not null check (url ~ '^/[^/\\]' or url = '/'),
  title text not null,
  -- Plain text, as shown in snippets (highlighted where a query matches).
  body text not null,
  published_at timestamptz not null,
  -- The project the document belongs to, if any: its public slug.
  project_slug text,
  search_vector tsvector not null,
  indexed_at timestamptz not null default now(),
  primary key (kind, ref, locale)
);
create index search_documents_vector on search_documents using gin (search_vector);
