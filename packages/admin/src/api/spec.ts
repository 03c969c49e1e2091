// What the API's contract does not describe: the one page shape, and the photo upload's answer (a
// multipart route whose body is not a TypeBox schema the contract could derive from).
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UploadedPhoto {
  id: string;
  urls: { thumb: string; medium: string; large: string };
  width: number;
  height: number;
}
