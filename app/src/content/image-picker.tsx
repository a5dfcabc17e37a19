// Choosing an image for the content: the media library's upload (app/src/media/image-upload.tsx),
// in a panel the person closes when done.
import type { Texts } from "./api.js";

export interface ChosenImage {
  id: string;
  alt: Texts;
  url: string;
}

export function ImagePicker(_props: {
  title: string;
  onChosen: (image: ChosenImage) => void;
  onClose: () => void;
}) {
  return null;
}

export function CoverImage(_props: {
  id: string;
  label: string;
  imageId: string | null;
  error?: string | undefined;
  onChange: (imageId: string | null) => void;
}) {
  return null;
}
