-- Images of the public website (src/media/). An upload is sniffed, turned upright, and re-encoded
-- into a few widths of WebP and JPEG without any of its metadata; only those variants are kept.
-- The uploaded file itself is never stored: its EXIF can say where and when a photo was taken, and
-- a photo of outreach work must not locate the people in it. The variants live in the database, so
-- a backup holds them with everything else and no app process keeps files of its own.
create table images (
  id uuid primary key,
  -- Alt text in both languages: the picture's meaning for anyone who cannot see it.
  alt_vi text not null check (char_length(alt_vi) between 1 and 300),
  alt_en text not null check (char_length(alt_en) between 1 and 300),
  -- The upright size of the upload (its EXIF orientation applied), in pixels.
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  -- SHA-256 of the uploaded bytes, hex: the same file uploaded again is the same image.
  original_sha256 text not null unique check (original_sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index images_created_at on images (created_at desc, id desc);

-- One re-encoding of an image at one width; public at /media/<image>/<width>.<hash>.<webp|jpg>,
-- where the hash is the start of `sha256`, so a file's address changes when its bytes do.
create table image_variants (
  image_id uuid not null references images (id) on delete cascade,
  format text not null check (format in ('webp', 'jpeg')),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  bytes bytea not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size integer not null check (size = octet_length(bytes)),
  primary key (image_id, format, width)
);
-- WebP and JPEG are compressed already: kept out of line as they are, without trying to compress
-- them again (an attempt that costs PGlite a second for the variants of one photo, for nothing).
alter table image_variants alter column bytes set storage external;

create trigger media_changed after insert or update or delete or truncate on images
  for each statement execute function peerlink_notify_change('media');
create trigger media_changed after insert or update or delete or truncate on image_variants
  for each statement execute function peerlink_notify_change('media');
