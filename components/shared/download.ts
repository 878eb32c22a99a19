import { t } from '../../utils/i18n/messages';
import { csvBlob } from '../../utils/your-data/files';

/** Saves a blob under a file name through an <a download> (no network, no permission). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the blob by the time this runs; until then the URL must live.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function saveCanvasPng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new Error(t('dashPngFailed')));
        return;
      }
      saveBlob(blob, fileName);
      resolve();
    }, 'image/png');
  });
}

export function saveCsv(csv: string, fileName: string): void {
  saveBlob(csvBlob(csv), fileName);
}
